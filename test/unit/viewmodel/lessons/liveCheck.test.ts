// The live re-check's rules (src/viewmodel/lessons/liveCheck.ts): which step, when (trailing debounce, one at a time,
// never while a step runs), and that a re-check nobody asked for never takes a ✓ back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepProgress } from '../../../../src/lessons/progress';
import {
  isLiveCheckable, liveCheckTarget, liveVerdict, LiveCheckScheduler, type LiveCheckTimers,
} from '../../../../src/viewmodel/lessons/liveCheck';

/** A clock the test moves by hand. */
class FakeTimers implements LiveCheckTimers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const [id, first] = [...this.due].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (first === undefined || first.at > end) break;
      this.due.delete(id as number);
      this.now = first.at;
      first.fn();
    }
    this.now = end;
  }
  get pendingCount(): number {
    return this.due.size;
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const passed: StepProgress = { state: 'passed', checks: [{ kind: 'container', pass: true, title: 'c', expected: 'running', actual: 'running' }] };
const failed: StepProgress = { state: 'failed', checks: [{ kind: 'container', pass: false, title: 'c', expected: 'running', actual: 'absent' }] };

const steps = [
  { id: 'intro', kind: 'explain' },
  { id: 'a', kind: 'run' },
  { id: 'write', kind: 'edit' },
  { id: 'b', kind: 'run' },
  { id: 'c', kind: 'challenge' },
  { id: 'd', kind: 'destructive' },
];

describe('live re-check: which step', () => {
  test('explain and edit steps are never live-checked; any other kind is, including kinds added later', () => {
    assert.deepEqual(steps.filter(isLiveCheckable).map((s) => s.id), ['a', 'b', 'c', 'd']);
  });

  test('nothing run yet: the first live-checkable step not passed', () => {
    assert.equal(liveCheckTarget(steps, {}), 'a');
    assert.equal(liveCheckTarget(steps, { a: passed }), 'b');
    assert.equal(liveCheckTarget(steps, { a: passed, b: passed }), 'c', 'a challenge counts like any runnable step');
  });

  test('the step the learner last ran or went to, while it is not passed', () => {
    assert.equal(liveCheckTarget(steps, {}, 'c'), 'c');
    assert.equal(liveCheckTarget(steps, { c: failed }, 'c'), 'c');
  });

  test('once the last step passed: the next one after it that is not, else the first open one', () => {
    assert.equal(liveCheckTarget(steps, { b: passed }, 'b'), 'c');
    assert.equal(liveCheckTarget(steps, { c: passed, d: passed }, 'c'), 'a', 'nothing open after it: back to the first');
    assert.equal(liveCheckTarget(steps, {}, 'write'), 'b', 'an edit step is not checked: the next runnable one is');
    assert.equal(liveCheckTarget(steps, {}, 'gone'), 'a', 'an unknown step id is ignored');
  });

  test('every live-checkable step passed: nothing to re-check', () => {
    assert.equal(liveCheckTarget(steps, { a: passed, b: passed, c: passed, d: passed }), undefined);
  });
});

describe('live re-check: what its verdict may change', () => {
  test('a pass sets ✓, marked as automatic', () => {
    assert.deepEqual(liveVerdict(undefined, passed), { ...passed, auto: true });
    assert.deepEqual(liveVerdict(failed, passed), { ...passed, auto: true });
  });

  test('a ✓ is never replaced, whatever the re-check says', () => {
    for (const checked of [failed, passed, { state: 'error', checks: [], message: 'engine gone' } as StepProgress]) {
      assert.equal(liveVerdict(passed, checked), undefined, checked.state);
      assert.equal(liveVerdict({ ...passed, auto: true }, checked), undefined, `auto ✓ then ${checked.state}`);
    }
  });

  test('a failure refreshes an earlier "not yet" only; an untried step stays idle; errors and skips are never shown', () => {
    assert.deepEqual(liveVerdict(failed, { ...failed, message: 'newer' }), { ...failed, message: 'newer', auto: true });
    assert.equal(liveVerdict(undefined, failed), undefined);
    assert.equal(liveVerdict({ state: 'cancelled', checks: [] }, failed), undefined);
    assert.equal(liveVerdict(failed, { state: 'error', checks: [], message: 'engine gone' }), undefined);
    assert.equal(liveVerdict(failed, { state: 'skipped', checks: [] }), undefined);
  });

  test('a started challenge: a pass sets ✓, a failure leaves it "your turn"', () => {
    const started: StepProgress = { state: 'started', checks: [] };
    assert.deepEqual(liveVerdict(started, passed), { ...passed, auto: true });
    assert.equal(liveVerdict(started, failed), undefined);
  });
});

describe('live re-check: scheduling', () => {
  function setup(options: { running?: () => boolean; visible?: () => boolean } = {}) {
    const timers = new FakeTimers();
    const checks: { at: number; resolve: () => void }[] = [];
    const scheduler = new LiveCheckScheduler<string>({
      timers,
      delayMs: 400,
      target: () => ((options.visible?.() ?? true) && !(options.running?.() ?? false) ? 'lesson' : undefined),
      check: () => new Promise<void>((resolve) => checks.push({ at: timers.now, resolve })),
    });
    return { timers, checks, scheduler };
  }

  test('a burst of events gives one re-check, 400 ms after the last event (trailing debounce)', () => {
    const { timers, checks, scheduler } = setup();
    scheduler.poke();
    timers.advance(300);
    scheduler.poke();
    timers.advance(300);
    scheduler.poke();
    timers.advance(399);
    assert.equal(checks.length, 0, 'still within 400 ms of the last event');
    timers.advance(1);
    assert.deepEqual(checks.map((c) => c.at), [1000]);
  });

  test('at most one re-check in flight: events meanwhile give exactly one more, after it', async () => {
    const { timers, checks, scheduler } = setup();
    scheduler.poke();
    timers.advance(400);
    assert.equal(checks.length, 1);
    scheduler.poke();
    timers.advance(400);
    scheduler.poke();
    timers.advance(400);
    assert.equal(checks.length, 1, 'no second re-check while the first runs');
    checks[0].resolve();
    await tick();
    await tick();
    assert.equal(checks.length, 1, 'the follow-up is debounced too');
    timers.advance(400);
    assert.equal(checks.length, 2, 'one follow-up for the events during the first');
    checks[1].resolve();
    await tick();
    await tick();
    timers.advance(5000);
    assert.equal(checks.length, 2, 'and no more without new events');
  });

  test('no re-check while a step of the lesson runs; the next event after the run re-checks', () => {
    let running = true;
    const { timers, checks, scheduler } = setup({ running: () => running });
    scheduler.poke();
    timers.advance(1000);
    assert.equal(checks.length, 0);
    running = false;
    timers.advance(1000);
    assert.equal(checks.length, 0, 'the run ending is not an event by itself');
    scheduler.poke();
    timers.advance(400);
    assert.equal(checks.length, 1);
  });

  test('no re-check while the panel is hidden (target undefined)', () => {
    const { timers, checks, scheduler } = setup({ visible: () => false });
    scheduler.poke();
    timers.advance(1000);
    assert.equal(checks.length, 0);
  });

  test('a failing re-check is swallowed and the next event still re-checks', async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const scheduler = new LiveCheckScheduler<string>({
      timers, target: () => 'lesson', check: async () => { calls++; throw new Error('engine gone'); },
    });
    scheduler.poke();
    timers.advance(400);
    await tick();
    await tick();
    scheduler.poke();
    timers.advance(400);
    assert.equal(calls, 2);
  });

  test('disposed: pending and later events do nothing', () => {
    const { timers, checks, scheduler } = setup();
    scheduler.poke();
    scheduler.dispose();
    timers.advance(1000);
    scheduler.poke();
    timers.advance(1000);
    assert.equal(checks.length, 0);
    assert.equal(timers.pendingCount, 0);
  });
});
