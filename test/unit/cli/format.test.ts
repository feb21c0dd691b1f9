import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../../src/checks/types';
import {
  formatChallenge, formatCheck, formatDiagnosticsSummary, formatLessonDetails, formatLessonList, formatOutcome, formatRedoOffer, formatSummary, makeStyle, progressLine, useColor,
} from '../../../src/cli/format';
import { useBundle } from '../../../src/i18n';
import type { Lesson, Step } from '../../../src/lessons/schema';
import type { StepOutcome } from '../../../src/runner/types';

const failing: CheckResult = {
  kind: 'container', pass: false, title: '容器 web 的状态', expected: 'running', actual: '容器不存在', hint: '先运行上一步。', durationMs: 3,
};
const passing: CheckResult = { ...failing, pass: true, title: '容器 web 正在运行' };
const step = { id: 'run-web', title: '以守护态运行 nginx', kind: 'run' } as Step;

describe('CLI output formatting', () => {
  test('a progress line shows the step\'s number among the counted steps; an explain step is marked, not numbered', () => {
    const intro = { id: 'intro', title: '为什么要拉取镜像', kind: 'explain' } as Step;
    const first = { id: 'pull', title: '查看镜像', kind: 'run' } as Step;
    const lesson = { steps: [intro, first, step] };
    assert.equal(progressLine(lesson, step), '[2/2] 以守护态运行 nginx …');
    assert.equal(progressLine(lesson, first), '[1/2] 查看镜像 …');
    assert.equal(progressLine(lesson, intro), '[Explanation] 为什么要拉取镜像 …');
  });

  test('list and show count the steps as the page does: explain steps are not counted nor numbered; English plurals', () => {
    const steps = [{ id: 'intro', title: '说明', kind: 'explain', body: '' }, { id: 'pull', title: '查看镜像', kind: 'run', body: 'docker images\n' },
      { id: 'run-web', title: '运行', kind: 'run', body: 'docker run web\n' }] as Step[];
    const lesson = { meta: { order: 3, id: 'first', title: '第一个容器', summary: 's', images: [], vars: {} }, steps } as unknown as Lesson;
    assert.match(formatLessonList([lesson]), /第一个容器 {2}\(2 steps\)$/);
    assert.match(formatLessonList([{ ...lesson, steps: steps.slice(0, 2) }]), /\(1 step\)$/);
    const details = formatLessonDetails(lesson, '/work').split('\n');
    assert.deepEqual(details.filter((line) => /^ {1,2}(·|\d\.) /.test(line)),
      ['  · intro  说明  [explain-only step]', ' 1. pull  查看镜像  [command step]', ' 2. run-web  运行  [command step]']);
  });

  test('lint summary: singular and plural', () => {
    assert.equal(formatDiagnosticsSummary(1, 1), '✗ 1 error and 1 warning');
    assert.equal(formatDiagnosticsSummary(0, 3), '0 errors and 3 warnings');
  });

  test('failed checks show expected / actual / hint, in Chinese when the bundle is zh-CN', () => {
    useBundle('zh-cn', { 'Expected:': '期望：', 'Actual:': '实际：', 'Hint:': '提示：' });
    try {
      assert.equal(formatCheck(failing), '  ✗ 容器 web 的状态\n    期望：running\n    实际：容器不存在\n    提示：先运行上一步。');
      assert.equal(formatCheck(passing), '  ✓ 容器 web 正在运行');
    } finally {
      useBundle('en', undefined);
    }
    assert.match(formatCheck(failing), /Expected: running\n {4}Actual: 容器不存在\n {4}Hint: 先运行上一步。/);
  });

  test('an outcome ends with its verdict; skipped ones with their reason', () => {
    const outcome: StepOutcome = { lessonId: 'l', stepId: 's', status: 'failed', checks: [passing, failing], durationMs: 1500, message: 'The command exited with code 1.' };
    const text = formatOutcome(outcome);
    assert.match(text, /✓ 容器 web 正在运行/);
    assert.match(text, /✗ The command exited with code 1\./);
    assert.match(text, /✗ Step failed \(1\.5 s\)$/);
    assert.match(formatOutcome({ ...outcome, status: 'skipped', checks: [], message: 'Skipped (--skip).' }), /– Skipped \(--skip\)\./);
  });

  test('a failed step whose verdict names steps to run first gets the command that does it; others get nothing', () => {
    const steps = [{ id: 'intro', kind: 'explain' }, { id: 'volume-create', kind: 'run' }, { id: 'ls', kind: 'run' }, { id: 'run-web', kind: 'run' }] as Step[];
    const lesson = { meta: { id: 'volumes' }, steps } as unknown as Lesson;
    const failed: StepOutcome = { lessonId: 'volumes', stepId: 'run-web', status: 'failed', checks: [failing], durationMs: 1, redo: ['volume-create'] };
    assert.equal(formatRedoOffer(lesson, failed), '  To run step 1 again first, then this one: docker-lessons run volumes --step run-web --redo');
    assert.match(formatRedoOffer(lesson, { ...failed, redo: ['volume-create', 'ls'] }), /To run steps 1, 2 again first/);
    assert.equal(formatRedoOffer(lesson, { ...failed, redo: [] }), '');
    assert.equal(formatRedoOffer(lesson, { ...failed, status: 'passed' }), '');
  });

  test('summary counts passed / failed / skipped', () => {
    const base = { lessonId: 'l', stepId: 's', checks: [], durationMs: 0 };
    const text = formatSummary([{ ...base, status: 'passed' }, { ...base, status: 'error' }, { ...base, status: 'skipped' }]);
    assert.equal(text, '✗ 1 passed, 1 failed, 1 skipped');
  });

  test('colors only on a terminal without NO_COLOR', () => {
    assert.equal(useColor(true, {}), true);
    assert.equal(useColor(false, {}), false);
    assert.equal(useColor(true, { NO_COLOR: '1' }), false);
    assert.equal(useColor(true, { TERM: 'dumb' }), false);
    assert.match(makeStyle(true).red('x'), /\u001b\[31mx\u001b\[39m/);
    assert.equal(makeStyle(false).red('x'), 'x');
  });

  test('a challenge: the run stops at it with its task and how to check it; its fence (the solution) is never shown', () => {
    useBundle('en', {});
    const challenge = { id: 'challenge-again', title: 'Run it again', kind: 'challenge', body: 'docker run --name dl-again hello-world',
      task: 'Run `dl-again` from the image of `dl-mystery`.', checks: [], line: 1, vars: [], lang: 'bash', timeout: 60 } as Step;
    const started: StepOutcome = { lessonId: 'first-container', stepId: challenge.id, status: 'started', checks: [], durationMs: 5, message: 'Your turn.' };
    assert.equal(formatOutcome(started), '  ◎ Your turn.');
    const text = formatChallenge('first-container', challenge, challenge.task!);
    assert.match(text, /Challenge: Run it again\n  Run `dl-again` from the image of `dl-mystery`\./);
    assert.match(text, /docker-lessons check first-container --step challenge-again/);
    assert.match(text, /docker-lessons solution first-container --step challenge-again/);
    const lesson = { meta: { id: 'first-container', order: 3, title: 'T', summary: 'S', images: [], vars: {} }, steps: [challenge] } as unknown as Lesson;
    const details = formatLessonDetails(lesson, '/w');
    assert.match(details, /\[challenge\]\n {6}Run `dl-again`/);
    assert.doesNotMatch(details, /docker run --name dl-again/);
  });
});
