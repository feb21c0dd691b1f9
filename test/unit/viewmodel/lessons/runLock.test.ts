// The per-lesson run lock and the Run button's hand-off (src/views/lessons/runLock.ts). The scenario of the flaky
// "Another step of this lesson is running": VS Code may start the task provider's task object (same definition, same
// id) instead of the Run button's, so both callbacks must end up doing the Run button's work exactly once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LessonRunLock } from '../../../../src/viewmodel/lessons/runLock';

interface Entry { stepId: string }
type Work = () => string;

/** What a step task's pseudoterminal does when it opens (lessonService.stepPty): the hand-off, else a task-menu run. */
function startTask(lock: LessonRunLock<Entry, Work>, lessonId: string, stepId: string): string {
  const handoff = lock.claim(lessonId, stepId);
  if (handoff) return handoff();
  const entry = { stepId };
  if (!lock.tryAcquire(lessonId, entry)) return 'Another step of this lesson is running';
  try {
    return `task-menu run of ${stepId}`;
  } finally {
    lock.release(lessonId, entry);
  }
}

describe('lesson run lock', () => {
  test('one run per lesson: a second run is refused until the first is released', () => {
    const lock = new LessonRunLock<Entry, Work>();
    const first = { stepId: 'run' };
    assert.equal(lock.tryAcquire('intro', first), true);
    assert.equal(lock.tryAcquire('intro', { stepId: 'other' }), false);
    assert.equal(lock.tryAcquire('images', { stepId: 'pull' }), true, 'other lessons are independent');
    assert.equal(lock.holder('intro'), first);
    assert.equal(lock.release('intro', { stepId: 'run' }), false, 'a stale entry cannot free the lesson');
    assert.equal(lock.isBusy('intro'), true);
    assert.equal(lock.release('intro', first), true);
    assert.equal(lock.isBusy('intro'), false);
    assert.equal(lock.tryAcquire('intro', { stepId: 'other' }), true);
  });

  test('the Run button\'s run never trips its own lock, whichever task object VS Code starts', () => {
    for (const started of ['ours', 'provider\'s'] as const) {
      const lock = new LessonRunLock<Entry, Work>();
      const entry = { stepId: 'run' };
      assert.equal(lock.tryAcquire('intro', entry), true);
      let runs = 0;
      lock.offer('intro', entry, () => `button run #${++runs}`);
      // Both callbacks go through the same claim; which one VS Code calls must not matter.
      assert.equal(startTask(lock, 'intro', 'run'), 'button run #1', started);
      assert.equal(runs, 1);
      assert.equal(lock.isBusy('intro'), true, 'still held by the button until its task ends');
      lock.release('intro', entry);
    }
  });

  test('a genuine second run while the first is going still gets the message', () => {
    const lock = new LessonRunLock<Entry, Work>();
    const entry = { stepId: 'run' };
    lock.tryAcquire('intro', entry);
    lock.offer('intro', entry, () => 'button run');
    assert.equal(startTask(lock, 'intro', 'run'), 'button run');
    // The hand-off is taken once: a second start (Tasks: Run Task, a second terminal) is a run of its own.
    assert.equal(startTask(lock, 'intro', 'run'), 'Another step of this lesson is running');
    assert.equal(startTask(lock, 'intro', 'other'), 'Another step of this lesson is running');
    lock.release('intro', entry);
    assert.equal(startTask(lock, 'intro', 'run'), 'task-menu run of run');
  });

  test('a hand-off only fits its own step and disappears when withdrawn or released', () => {
    const lock = new LessonRunLock<Entry, Work>();
    const entry = { stepId: 'run' };
    const work = () => 'button run';
    assert.throws(() => lock.offer('intro', entry, work), /without holding/);
    lock.tryAcquire('intro', entry);
    lock.offer('intro', entry, work);
    assert.equal(lock.claim('intro', 'other'), undefined);
    lock.withdraw('intro', () => 'someone else');
    assert.equal(lock.claim('intro', 'run'), work, 'withdrawing another work leaves ours');
    lock.offer('intro', entry, work);
    lock.withdraw('intro', work); // the task ended without starting
    assert.equal(lock.claim('intro', 'run'), undefined);
    lock.offer('intro', entry, work);
    lock.release('intro', entry);
    assert.equal(lock.claim('intro', 'run'), undefined);
    assert.deepEqual(lock.entries(), []);
  });
});
