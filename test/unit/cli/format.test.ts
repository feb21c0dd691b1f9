import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckResult } from '../../../src/checks/types';
import { formatCheck, formatOutcome, formatSummary, makeStyle, progressLine, useColor } from '../../../src/cli/format';
import { useBundle } from '../../../src/i18n';
import type { Step } from '../../../src/lessons/schema';
import type { StepOutcome } from '../../../src/runner/types';

const failing: CheckResult = {
  kind: 'container', pass: false, title: '容器 web 的状态', expected: 'running', actual: '容器不存在', hint: '先运行上一步。', durationMs: 3,
};
const passing: CheckResult = { ...failing, pass: true, title: '容器 web 正在运行' };
const step = { id: 'run-web', title: '以守护态运行 nginx', kind: 'run' } as Step;

describe('CLI output formatting', () => {
  test('a progress line counts from 1', () => {
    assert.equal(progressLine(1, 7, step), '[2/7] 以守护态运行 nginx …');
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
});
