// The lesson status bar item against the vscode mock: it follows the lesson the learner opened (not only verdicts) and
// counts steps as the page and the tree do (explain steps are not counted).
import { mock, EventEmitter } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lesson } from '../../../../src/lessons/schema';
import type { StepProgress } from '../../../../src/lessons/progress';
import type { LazyLessonHost } from '../../../../src/vscode/lessons/lazyHost';
import { LessonStatusBar } from '../../../../src/vscode/lessons/statusBar';

const lesson = (order: number, kinds: string[]) => ({
  meta: { id: `l${order}`, order, title: `Lesson ${order}` },
  steps: kinds.map((kind, i) => ({ id: `s${i}`, kind, title: `step ${i}` })),
}) as unknown as Lesson;

function fakeLessons() {
  const lessons = [lesson(3, ['explain', 'run', 'run']), lesson(13, ['run'])];
  const progress: Record<string, Record<string, StepProgress>> = { l3: { s1: { state: 'passed', checks: [] }, s2: { state: 'passed', checks: [] } } };
  let position: { lessonId: string } | undefined = { lessonId: 'l3' };
  const host = {
    lessons: async () => lessons,
    loadedLessons: lessons,
    lastPosition: () => position,
    progress: (id: string) => progress[id] ?? {},
  };
  const events = { progress: new EventEmitter<unknown>(), lessons: new EventEmitter<void>(), created: new EventEmitter<unknown>(), opened: new EventEmitter<void>() };
  const lazy = {
    created: host,
    onDidChangeProgress: events.progress.event,
    onDidChangeLessons: events.lessons.event,
    onDidCreateHost: events.created.event,
    onDidNoteOpened: events.opened.event,
    hasStoredPosition: () => true,
    host: () => host,
  };
  return { lazy: lazy as unknown as LazyLessonHost, open: (id: string) => { position = { lessonId: id }; events.opened.fire(); } };
}

describe('lesson status bar (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('counts the steps the page counts, and follows the lesson opened next', () => {
    const lessons = fakeLessons();
    const bar = new LessonStatusBar(lessons.lazy);
    const [item] = mock.statusBarItems;
    assert.equal(item?.text, '$(mortar-board) Lesson 3 · 2/2', 'the explain step is not counted');
    assert.equal(item?.tooltip, 'Lesson 3: 2 of 2 steps passed. Click to continue.');
    lessons.open('l13');
    assert.equal(item?.text, '$(mortar-board) Lesson 13 · 0/1');
    assert.equal(item?.tooltip, 'Lesson 13: 0 of 1 step passed. Click to continue.');
    bar.dispose();
  });
});
