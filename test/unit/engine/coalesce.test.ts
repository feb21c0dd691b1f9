import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Backoff, Coalescer, EventGate, kindsAffected, LineSplitter, parseEngineEvent, type FlushReason, type Scheduler } from '../../../src/engine/coalesce';
import type { EngineChange, EngineEvent } from '../../../src/engine/types';

/** A manual clock: timers fire only when the test advances time. */
class FakeScheduler implements Scheduler {
  now = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.now = due.at;
      due.fn();
    }
    this.now = until;
  }
  get pending(): number {
    return this.timers.length;
  }
}

function event(kind: EngineEvent['kind'], action: string, id = 'x'): EngineEvent {
  return { kind, action, id, time: 0, attributes: {} };
}

describe('Coalescer', () => {
  test('a burst within the window becomes one change with every kind, events in order', () => {
    const clock = new FakeScheduler();
    const changes: EngineChange[] = [];
    const c = new Coalescer(50, (change) => changes.push(change), clock);
    const burst = [
      event('container', 'create', 'c1'), event('network', 'connect', 'n1'), event('container', 'start', 'c1'),
      event('volume', 'create', 'v1'),
    ];
    for (const e of burst) {
      c.push(e);
      clock.advance(10);
    }
    assert.equal(changes.length, 0, 'nothing before the window closes');
    clock.advance(20);
    assert.equal(changes.length, 1);
    assert.deepEqual([...changes[0].kinds].sort(), ['container', 'image', 'network', 'volume']);
    assert.deepEqual(changes[0].events.map((e) => `${e.kind}:${e.action}`),
      ['container:create', 'network:connect', 'container:start', 'volume:create']);
    assert.equal(clock.pending, 0);
  });

  test('events after the window form a new change; the window is fixed, not sliding', () => {
    const clock = new FakeScheduler();
    const changes: EngineChange[] = [];
    const c = new Coalescer(50, (change) => changes.push(change), clock);
    // A steady stream every 20 ms must still produce a change every 50 ms.
    for (let i = 0; i < 10; i++) {
      c.push(event('image', 'tag', `i${i}`));
      clock.advance(20);
    }
    clock.advance(100);
    assert.ok(changes.length >= 4, `got ${changes.length} changes`);
    assert.deepEqual(changes.flatMap((ch) => ch.events.map((e) => e.id)), ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8', 'i9']);
    for (const ch of changes) assert.deepEqual([...ch.kinds], ['image']);
  });

  test('quiet actions (exec, attach, mounts) and other types produce no change', () => {
    const clock = new FakeScheduler();
    const changes: EngineChange[] = [];
    const c = new Coalescer(50, (change) => changes.push(change), clock);
    c.push(event('container', 'exec_start: sh -c true'));
    c.push(event('container', 'attach'));
    c.push(event('volume', 'mount'));
    c.push(event('other', 'reload'));
    clock.advance(100);
    assert.equal(changes.length, 0);
    assert.equal(clock.pending, 0);
  });

  test('invalidate marks kinds stale without events; dispose cancels the timer and drops pending', () => {
    const clock = new FakeScheduler();
    const changes: EngineChange[] = [];
    const c = new Coalescer(50, (change) => changes.push(change), clock);
    c.invalidate(['container', 'volume']);
    clock.advance(50);
    assert.deepEqual([...changes[0].kinds], ['container', 'volume']);
    assert.deepEqual(changes[0].events, []);
    c.push(event('network', 'create'));
    assert.equal(clock.pending, 1);
    c.dispose();
    assert.equal(clock.pending, 0);
    clock.advance(100);
    assert.equal(changes.length, 1);
  });
});

describe('kindsAffected', () => {
  test('maps events to the lists they make stale', () => {
    assert.deepEqual(kindsAffected(event('container', 'die')), ['container']);
    assert.deepEqual(kindsAffected(event('container', 'destroy')), ['container', 'image', 'volume']);
    assert.deepEqual(kindsAffected(event('network', 'disconnect')), ['network', 'container']);
    assert.deepEqual(kindsAffected(event('image', 'delete')), ['image']);
    assert.deepEqual(kindsAffected(event('container', 'health_status: healthy')), []);
  });
});

describe('parseEngineEvent', () => {
  test('reads Docker event JSON', () => {
    const line = JSON.stringify({
      status: 'start', id: 'abc', from: 'busybox', Type: 'container', Action: 'start',
      Actor: { ID: 'abc', Attributes: { image: 'busybox', name: 'web' } }, scope: 'local', time: 1700000000, timeNano: 1700000000123456789,
    });
    const e = parseEngineEvent(line);
    assert.deepEqual(e, {
      kind: 'container', action: 'start', id: 'abc', name: 'web', time: Math.floor(1700000000123456789 / 1e6),
      attributes: { image: 'busybox', name: 'web' },
    });
  });

  test('volumes are named by their id; unknown types are "other"; junk is ignored', () => {
    const v = parseEngineEvent('{"Type":"volume","Action":"create","Actor":{"ID":"data","Attributes":{"driver":"local"}},"time":5}');
    assert.equal(v?.name, 'data');
    assert.equal(v?.time, 5000);
    assert.equal(parseEngineEvent('{"Type":"daemon","Action":"reload","Actor":{"ID":"d"}}')?.kind, 'other');
    assert.equal(parseEngineEvent('not json'), undefined);
    assert.equal(parseEngineEvent('   '), undefined);
  });
});

describe('LineSplitter and Backoff', () => {
  test('lines split across chunks (even inside a multi-byte character) are rejoined', () => {
    const s = new LineSplitter();
    const bytes = Buffer.from('{"a":"容器"}\n{"b":2}\n{"c"', 'utf8');
    const cut = bytes.indexOf(Buffer.from('器')) + 1; // split inside the UTF-8 sequence
    assert.deepEqual(s.push(bytes.subarray(0, cut)), []);
    assert.deepEqual(s.push(bytes.subarray(cut)), ['{"a":"容器"}', '{"b":2}']);
    assert.deepEqual(s.push(':3}\n'), ['{"c":3}']);
  });

  test('backoff doubles from 250 ms to at most 2 s and resets', () => {
    const b = new Backoff(250, 2000);
    assert.deepEqual([b.take(), b.take(), b.take(), b.take(), b.take(), b.take()], [250, 500, 1000, 2000, 2000, 2000]);
    b.reset();
    assert.equal(b.take(), 250);
  });
});

describe('EventGate', () => {
  /** The gate reads the fake scheduler's time. */
  const gateClock = (clock: FakeScheduler) => ({
    setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms), clearTimeout: (h: unknown) => clock.clearTimeout(h), now: () => clock.now,
  });

  test('the first items after a quiet period pass at once; then a burst is batched on its trailing edge', () => {
    const clock = new FakeScheduler();
    const batches: number[][] = [];
    const gate = new EventGate<number>((items) => batches.push(items), { burstCredits: 3, quietMs: 1000, settleMs: 100 }, gateClock(clock));
    // A learner's `docker run`: create, connect, start within a few ms, then nothing for a while.
    gate.push(1);
    clock.advance(5);
    gate.push(2);
    clock.advance(30);
    gate.push(3);
    assert.deepEqual(batches, [[1], [2], [3]], 'each at once');
    clock.advance(1500);
    for (let i = 4; i <= 9; i++) {
      gate.push(i);
      clock.advance(10);
    }
    assert.deepEqual(batches.slice(3), [[4], [5], [6]], 'the first three of the burst at once, then the rest waits');
    assert.ok(gate.pending);
    clock.advance(100);
    assert.deepEqual(batches.at(-1), [7, 8, 9], 'flushed once the burst settled');
    assert.ok(!gate.pending);
    clock.advance(1000);
    gate.push(10);
    assert.deepEqual(batches.at(-1), [10], 'quiet again: at once');
  });

  test('a long burst makes few updates, every item delivered once, in order, the last soon after it ends', () => {
    for (const gapMs of [10, 60]) { // 1,000 events in 10 s, and the same on a machine six times slower
      const clock = new FakeScheduler();
      const batches: number[][] = [];
      const flushedAt: number[] = [];
      const gate = new EventGate<number>((items) => { batches.push(items); flushedAt.push(clock.now); }, {}, gateClock(clock));
      for (let i = 0; i < 1000; i++) {
        gate.push(i);
        clock.advance(i % 7 === 0 ? gapMs * 3 : gapMs); // with some jitter
      }
      const lastAt = clock.now;
      clock.advance(1000);
      // A few at once, then fast at first and at most one per 6.4 s (maxIntervalMs) once it has lasted a while.
      const seconds = lastAt / 1000;
      assert.ok(batches.length <= 14 + seconds / 6.4, `${batches.length} updates in ${seconds} s`);
      if (gapMs === 10) assert.ok(batches.length <= 20, `${batches.length} updates for a 1,000-event burst of ${seconds} s`);
      assert.deepEqual(batches.flat(), Array.from({ length: 1000 }, (_, i) => i));
      assert.ok(flushedAt.at(-1)! - lastAt <= 600, 'the last update within 0.6 s of the burst');
      assert.equal(clock.pending, 0);
      gate.dispose();
    }
  });

  test('each batch says why it went: leading edge, pace, or trailing edge', () => {
    const clock = new FakeScheduler();
    const batches: { items: number[]; reason: FlushReason; at: number }[] = [];
    const gate = new EventGate<number>((items, reason) => batches.push({ items, reason, at: clock.now }),
      { burstCredits: 1, quietMs: 1000, settleMs: 100, minIntervalMs: 100 }, gateClock(clock));
    gate.push(1);
    assert.deepEqual(batches.map((b) => b.reason), ['leading'], 'the first item of a quiet period: at once');
    // A steady stream every 20 ms: it never falls silent, so the pace lets batches through (100 ms, then 200 ms …).
    for (let i = 2; i <= 40; i++) {
      clock.advance(20);
      gate.push(i);
    }
    assert.ok(batches.slice(1).every((b) => b.reason === 'pace'), JSON.stringify(batches.map((b) => b.reason)));
    assert.deepEqual(batches.slice(1).map((b) => b.at - batches[0].at), [100, 300, 700], 'the pace doubles: 100, 200, 400 ms apart');
    clock.advance(1000);
    assert.equal(batches.at(-1)!.reason, 'trailing', 'the rest once the stream fell silent');
    assert.deepEqual(batches.flatMap((b) => b.items), Array.from({ length: 40 }, (_, i) => i + 1));
  });

  test('a recorded burst (1,000 start/stop events with the pauses of `docker start` going through containers one by one) makes few batches, the last within maxSettleMs of its end', () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/engine/burst-start-stop-1000.json'), 'utf8')) as { times: number[] };
    const clock = new FakeScheduler();
    const batches: { items: number[]; at: number }[] = [];
    const gate = new EventGate<number>((items) => batches.push({ items, at: clock.now }), {}, gateClock(clock));
    recorded.times.forEach((time, i) => {
      clock.advance(time - clock.now);
      gate.push(i);
    });
    const end = clock.now;
    clock.advance(3000);
    // Taking each pause of the slow burst for its end made 24 batches here.
    assert.ok(batches.length <= 16, `${batches.length} batches`);
    assert.ok(batches.at(-1)!.at - end <= 600, `the last batch ${batches.at(-1)!.at - end} ms after the last event`);
    assert.deepEqual(batches.flatMap((b) => b.items), recorded.times.map((_, i) => i));
  });

  test('a long burst\'s silences of a second or two are pauses, not quiet periods: still within 20 updates', () => {
    // The bench's burst on a busy machine: 1,000 events over 40 s, with silences of 1.2, 1.8 and 2.2 s (docker stop
    // waiting out its grace period) that each restarted the pace and spent the leading credits again (29 updates).
    const clock = new FakeScheduler();
    const batches: number[][] = [];
    const gate = new EventGate<number>((items) => batches.push(items), {}, gateClock(clock));
    const pauses = new Map([[250, 1200], [500, 1800], [750, 2200]]);
    for (let i = 0; i < 1000; i++) {
      gate.push(i);
      clock.advance(pauses.get(i) ?? (i % 10 === 9 ? 200 : 30));
    }
    clock.advance(1000);
    assert.ok(batches.length <= 20, `${batches.length} updates in ${clock.now / 1000} s`);
    assert.deepEqual(batches.flat(), Array.from({ length: 1000 }, (_, i) => i));
    // Quiet for longer than half the burst's pace (at most 3.2 s): a learner's next command shows at once again.
    clock.advance(3200);
    gate.push(1000);
    assert.deepEqual(batches.at(-1), [1000]);
  });

  test('a bench-like burst on a loaded machine (events in clumps with long pauses) stays within 20 updates', () => {
    // 1,000 events over 30 s, in clumps: most gaps are 1 ms, one in ten is 100-350 ms (a CLI process starting).
    const clock = new FakeScheduler();
    const batches: number[][] = [];
    const gate = new EventGate<number>((items) => batches.push(items), {}, gateClock(clock));
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 1000; i++) {
      gate.push(i);
      clock.advance(i % 10 === 9 ? 100 + Math.floor(random() * 250) : 1);
    }
    clock.advance(1000);
    assert.ok(batches.length <= 20, `${batches.length} updates in ${clock.now / 1000} s`);
    assert.deepEqual(batches.flat(), Array.from({ length: 1000 }, (_, i) => i));
  });
});
