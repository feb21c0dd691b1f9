// The lesson panel (src/vscode/panel/lessonPanel.ts) through the vscode mock and a recording LessonService: what the
// page is sent, what its messages make the service do, and what is dropped (and logged) instead.
import { mock, MockOutputChannel, MockWebviewPanel, Uri } from '../../../support/vscodeMock';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { loadLessons } from '../../../../src/lessons';
import type { Lesson } from '../../../../src/lessons/schema';
import type { HostMessage } from '../../../../src/webview/protocol';
import { LessonPanelController, registerLessonPanel } from '../../../../src/vscode/panel/lessonPanel';
import { LESSON_COMMANDS, WEBVIEW_PANELS } from '../../../../src/vscode/ids';
import { RecordingLessonService } from '../../../support/lessonService';

const GOOD = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'lessons', 'good');
const settle = () => new Promise((resolve) => setImmediate(resolve));

let lessons: Lesson[];

async function openPanel(lessonId = 'every-kind', stepId?: string) {
  lessons ??= (await loadLessons(GOOD)).lessons;
  const service = new RecordingLessonService(lessons);
  const output = new MockOutputChannel('test');
  const controller = new LessonPanelController(Uri.file('/ext') as never, service, output as never);
  await controller.open(lessonId, stepId);
  const panel = mock.panels.at(-1)!;
  panel.webview.send({ type: 'ready' });
  await settle();
  const posted = () => panel.webview.posted as HostMessage[];
  const logged = () => output.lines.map((line) => line.replace(/^\[[^\]]+\] \[lesson panel\] /, ''));
  return { service, output, controller, panel, posted, logged };
}

describe('LessonPanelController', () => {
  beforeEach(() => mock.reset());

  test('opens the lesson: title, the whole view on ready, then the step to focus', async () => {
    const { panel, posted, service, controller } = await openPanel('every-kind', 'build');
    assert.equal(panel.title, 'Lesson 1 · 每种步骤与检查');
    assert.equal(controller.currentLessonId, 'every-kind');
    const [lesson, focus] = posted();
    assert.equal(lesson.type, 'lesson');
    assert.ok(lesson.type === 'lesson' && lesson.lesson.steps.some((step) => step.id === 'run-web'));
    assert.ok(lesson.type === 'lesson' && lesson.labels.run.length > 0, 'the labels come with the view');
    assert.deepEqual(focus, { type: 'focus', stepId: 'build' });
    assert.deepEqual(service.lastPosition(), { lessonId: 'every-kind', stepId: 'build' });
  });

  test('run passes only declared variables, and the page always hears how the step ended', async () => {
    const { panel, posted, service } = await openPanel();
    panel.webview.send({ type: 'run', lessonId: 'every-kind', stepId: 'run-web', vars: { port: '18080', sneaky: 'x' } });
    await settle();
    assert.deepEqual(service.calls, [{ method: 'runStep', args: ['every-kind', 'run-web', { port: '18080' }] }]);
    assert.deepEqual(posted().at(-1), { type: 'step', lessonId: 'every-kind', stepId: 'run-web', progress: { state: 'idle', checks: [] } });

    service.onRun = async () => { throw new Error('engine gone'); };
    panel.webview.send({ type: 'run', lessonId: 'every-kind', stepId: 'run-web', vars: {} });
    await settle();
    await settle();
    const last = posted().slice(-2);
    assert.deepEqual(last.map((m) => m.type).sort(), ['notice', 'step'], 'a failed run leaves no "running…" behind and says why');
    assert.ok(last.some((m) => m.type === 'notice' && m.level === 'error' && m.message === 'engine gone'));
  });

  test('messages about another lesson, an unknown step or an undeclared variable are dropped and logged', async () => {
    const { panel, service, logged } = await openPanel();
    panel.webview.send({ type: 'run', lessonId: 'second', stepId: 'run-web', vars: {} });
    panel.webview.send({ type: 'check', lessonId: 'every-kind', stepId: 'no-such-step', vars: {} });
    panel.webview.send({ type: 'cancel', lessonId: 'every-kind', stepId: 'no-such-step' });
    panel.webview.send({ type: 'setVar', lessonId: 'every-kind', name: 'nope', value: '1' });
    panel.webview.send({ type: 'navigate', lessonId: 'no-such-lesson' });
    await settle();
    await settle();
    assert.deepEqual(service.calls, []);
    assert.deepEqual(logged(), [
      'dropped a run message for lesson "second" (showing "every-kind")',
      'check: lesson "every-kind" has no step "no-such-step"',
      'cancel: lesson "every-kind" has no step "no-such-step"',
      'setVar: lesson "every-kind" declares no variable "nope"',
      'navigate: no lesson "no-such-lesson"',
    ]);
  });

  test('setVar, cancel, openFile and reset reach the service; navigate shows the other lesson in the same panel', async () => {
    const { panel, service, posted } = await openPanel();
    panel.webview.send({ type: 'setVar', lessonId: 'every-kind', name: 'port', value: '18081' });
    panel.webview.send({ type: 'cancel', lessonId: 'every-kind', stepId: 'run-web' });
    panel.webview.send({ type: 'openFile', lessonId: 'every-kind', stepId: 'write-dockerfile' });
    panel.webview.send({ type: 'reset', lessonId: 'every-kind' });
    await settle();
    await settle();
    assert.deepEqual(service.calls.map((call) => call.method).sort(), ['cancelStep', 'openStepFile', 'resetLesson', 'setVar']);
    panel.webview.send({ type: 'navigate', lessonId: 'second' });
    await settle();
    await settle();
    assert.equal(mock.panels.length, 1);
    assert.equal(panel.title, 'Lesson 2 · 第二课');
    const shown = posted().filter((m) => m.type === 'lesson').at(-1);
    assert.ok(shown?.type === 'lesson' && shown.lesson.id === 'second');
  });

  test('a verdict of the lesson on screen is posted; one of another lesson is not', async () => {
    const { service, posted } = await openPanel();
    const before = posted().length;
    service.setProgress('second', 'x', { state: 'passed', checks: [] });
    service.setProgress('every-kind', 'run-web', { state: 'failed', checks: [], message: 'no' });
    await settle();
    assert.deepEqual(posted().slice(before), [
      { type: 'step', lessonId: 'every-kind', stepId: 'run-web', progress: { state: 'failed', checks: [], message: 'no' } },
    ]);
  });

  test('a panel restored after a reload shows the lesson its page saved, or where the learner left off', async () => {
    lessons ??= (await loadLessons(GOOD)).lessons;
    const service = new RecordingLessonService(lessons);
    const controller = new LessonPanelController(Uri.file('/ext') as never, service, new MockOutputChannel('t') as never);
    const restored = new MockWebviewPanel(WEBVIEW_PANELS.lesson, '');
    await controller.revive(restored as never, { lessonId: 'second', scrollY: 10 });
    assert.equal(restored.title, 'Lesson 2 · 第二课');
    const broken = new MockWebviewPanel(WEBVIEW_PANELS.lesson, '');
    await controller.revive(broken as never, { lessonId: 'NOT AN ID' });
    assert.equal(broken.disposed, true, 'one panel at a time');
  });

  test('registration: the serializer and the open command, which takes ids or a tree node', async () => {
    lessons ??= (await loadLessons(GOOD)).lessons;
    const service = new RecordingLessonService(lessons);
    const subscriptions: { dispose(): void }[] = [];
    const controller = registerLessonPanel({ extensionUri: Uri.file('/ext'), subscriptions } as never, service, new MockOutputChannel('t') as never);
    assert.ok(mock.serializers.has(WEBVIEW_PANELS.lesson));
    await mock.commands.get(LESSON_COMMANDS.openLesson)!({ lessonId: 'second', stepId: 'x' });
    assert.equal(controller.currentLessonId, 'second');
    await mock.commands.get(LESSON_COMMANDS.openLesson)!(1);
    assert.equal(controller.currentLessonId, 'every-kind');
    await mock.commands.get(LESSON_COMMANDS.openLesson)!('no-such-lesson');
    assert.match(mock.messages.at(-1)?.message ?? '', /Lesson "no-such-lesson" was not found/);
    for (const subscription of subscriptions) subscription.dispose();
  });
});
