// The lessons tree as data: chapter labels and shares, step icons by verdict, tooltips with the failed checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useBundle } from '../../../../src/i18n';
import { parseLesson } from '../../../../src/lessons';
import type { Lesson } from '../../../../src/lessons/schema';
import { buildLessonNodes, escapeMarkdown, ICONS, lessonHeading, lessonLabel, stepTooltip } from '../../../../src/viewmodel/lessons/treeModel';
import type { StepProgress } from '../../../../src/webview/protocol';
import zhLessonsUi from '../../../../l10n/zh-cn/lessons-ui.json';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'lessons', 'good');

function load(name: string): Lesson {
  const file = path.join(fixtures, name);
  const { lesson, diagnostics } = parseLesson(fs.readFileSync(file, 'utf8'), file);
  assert.ok(lesson, diagnostics.map((d) => d.message).join('\n'));
  return lesson;
}

const every = load('01-every-kind.md');
const second = load('02-second.md');

const passed: StepProgress = { state: 'passed', checks: [], at: Date.UTC(2026, 10, 22) };
const failed: StepProgress = {
  state: 'failed', message: 'The command exited with code 125.',
  checks: [
    { kind: 'container', pass: true, title: 'container webserver exists', expected: 'exists', actual: 'exists' },
    { kind: 'port', pass: false, title: 'port 80/tcp of webserver', expected: '8080', actual: 'not published', hint: 'add -p 8080:80' },
  ],
};

function nodes(progress: Record<string, Record<string, StepProgress>>, running: Record<string, string> = {}) {
  return buildLessonNodes({ lessons: [every, second], progress: (id) => progress[id] ?? {}, runningStep: (id) => running[id] });
}

describe('lessons tree model', () => {
  before(() => useBundle('en', undefined));
  after(() => useBundle('en', undefined));

  test('chapters are ordered, labelled "NN title", with the share of countable steps', () => {
    const [first, next] = nodes({});
    assert.equal(first.label, `01 ${every.meta.title}`);
    assert.equal(lessonLabel(every), first.label);
    assert.equal(first.id, 'lesson:every-kind');
    const countable = every.steps.filter((s) => s.kind !== 'explain').length;
    assert.equal(first.description, `0/${countable} · 0%`);
    assert.deepEqual(first.icon, ICONS.lesson);
    assert.equal(first.contextValue, 'lesson');
    assert.equal(first.steps.length, every.steps.length);
    assert.equal(next.label.slice(0, 3), `${String(second.meta.order).padStart(2, '0')} `);
  });

  test('steps are numbered as the page numbers them: explain steps are neither numbered nor counted', () => {
    const [lesson] = nodes({});
    let number = 0;
    for (const [index, node] of lesson.steps.entries()) {
      const step = every.steps[index];
      assert.equal(node.label, step.kind === 'explain' ? step.title : `${++number}. ${step.title}`);
    }
    assert.ok(every.steps.some((s) => s.kind === 'explain'), 'the fixture has an explain step');
    assert.match(lesson.tooltip, new RegExp(`0 of ${number} steps passed\\.`));
  });

  test('step icons follow the verdict: passed, failed, not yet, running, explain', () => {
    const [lesson] = nodes({ 'every-kind': { 'run-web': passed, 'inspect-web': failed, login: passed } }, { 'every-kind': 'shell' });
    const byId = new Map(lesson.steps.map((s) => [s.stepId, s]));
    assert.deepEqual(byId.get('run-web')!.icon, ICONS.passed);
    assert.equal(byId.get('run-web')!.icon.id, 'testing-passed-icon');
    assert.equal(byId.get('inspect-web')!.icon.id, 'testing-failed-icon');
    assert.equal(byId.get('build')!.icon.id, 'circle-large-outline');
    assert.equal(byId.get('shell')!.icon.id, 'loading~spin');
    assert.equal(byId.get('login')!.icon.id, 'info', 'explain steps keep the info icon whatever was stored');
    // context values drive the inline actions
    assert.equal(byId.get('shell')!.contextValue, 'step:running');
    assert.equal(byId.get('login')!.contextValue, 'step:explain');
    assert.equal(byId.get('write-dockerfile')!.contextValue, 'step:edit');
    assert.equal(byId.get('cleanup')!.contextValue, 'step:runnable');
    assert.equal(lesson.contextValue, 'lesson:running');
    // descriptions: kind and state
    assert.equal(byId.get('shell')!.description, 'interactive · running…');
    assert.equal(byId.get('run-web')!.description, 'passed');
    assert.equal(byId.get('cleanup')!.description, 'removes things');
    assert.equal(byId.get('build')!.description, '');
  });

  test('a chapter with every countable step passed is done (✓) and says 100 %', () => {
    const all = Object.fromEntries(every.steps.map((s) => [s.id, passed]));
    const [lesson] = nodes({ 'every-kind': all });
    const countable = every.steps.filter((s) => s.kind !== 'explain').length;
    assert.equal(lesson.description, `${countable}/${countable} · 100%`);
    assert.deepEqual(lesson.icon, ICONS.lessonDone);
    assert.equal(lesson.contextValue, 'lesson:done');
  });

  test('the tooltip of a failed step lists each failed check with expected and found, and the hint', () => {
    const step = every.steps.find((s) => s.id === 'inspect-web')!;
    const tooltip = stepTooltip(step, failed, false);
    assert.match(tooltip, /Last result: failed/);
    assert.match(tooltip, /port 80\/tcp of webserver/);
    assert.match(tooltip, /expected: 8080/);
    assert.match(tooltip, /found: not published/);
    assert.match(tooltip, /hint: add -p 8080:80/);
    assert.match(tooltip, /exited with code 125/);
    assert.doesNotMatch(tooltip, /container webserver exists/, 'passed checks are not listed');
    assert.match(stepTooltip(step, undefined, false), /Not run yet\./);
  });

  test('explain steps say why they are not run', () => {
    const login = every.steps.find((s) => s.kind === 'explain')!;
    assert.match(stepTooltip(login, undefined, false), /Not run here:/);
  });

  test('Chinese labels come from the lessons-ui translations', () => {
    useBundle('zh-cn', zhLessonsUi as Record<string, string>);
    try {
      const [lesson] = nodes({ 'every-kind': { 'inspect-web': failed } }, { 'every-kind': 'shell' });
      const byId = new Map(lesson.steps.map((s) => [s.stepId, s]));
      assert.equal(byId.get('shell')!.description, '交互式 · 运行中…');
      assert.equal(byId.get('inspect-web')!.description, '未通过');
      assert.match(byId.get('inspect-web')!.tooltip, /期望：8080/);
      assert.match(byId.get('inspect-web')!.tooltip, /实际：not published/);
    } finally {
      useBundle('en', undefined);
    }
  });

  test('markdown in lesson text is escaped', () => {
    assert.equal(escapeMarkdown('a *b* [c](d)'), 'a \\*b\\* \\[c\\]\\(d\\)');
  });

  test('a long title with a subtitle keeps its main title in the label; the subtitle follows the progress', () => {
    const titled = (title: string) => ({ ...every, meta: { ...every.meta, order: 13, title } });
    assert.deepEqual(lessonHeading(titled('数据管理：数据卷、挂载主机目录与 tmpfs')), { label: '13 数据管理', subtitle: '数据卷、挂载主机目录与 tmpfs' });
    assert.deepEqual(lessonHeading(titled('Docker Compose')), { label: '13 Docker Compose' });
    const [node] = buildLessonNodes({ lessons: [titled('网络环境：加速器与代理')], progress: () => ({}), runningStep: () => undefined });
    assert.equal(node!.label, '13 网络环境');
    assert.match(node!.description, /^0\/\d+ · 0% · 加速器与代理$/);
    assert.match(node!.tooltip, /13 网络环境：加速器与代理/, 'the tooltip has the whole title');
  });
});
