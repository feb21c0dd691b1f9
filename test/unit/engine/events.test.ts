import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import type { Scheduler } from '../../../src/engine/coalesce';
import { classifyError } from '../../../src/engine/classify';
import { SharedEventStream, type EventSource } from '../../../src/engine/events';
import type { EngineChange, Endpoint } from '../../../src/engine/types';
import { firstTarEntry } from '../../../src/engine/tar';

const endpoint: Endpoint = { kind: 'unix', socketPath: '/tmp/x.sock', url: 'unix:///tmp/x.sock', source: 'setting' };

class ManualScheduler implements Scheduler {
  timers = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { fn, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Fire every pending timer once; returns their delays. */
  fireAll(): number[] {
    const due = [...this.timers.entries()];
    this.timers.clear();
    for (const [, timer] of due) timer.fn();
    return due.map(([, timer]) => timer.ms);
  }
}

/** A source whose connections the test opens and breaks by hand. */
class ScriptedSource implements EventSource {
  opens = 0;
  plan: ('ok' | 'refuse')[] = [];
  current: PassThrough | undefined;
  open(): Promise<NodeJS.ReadableStream> {
    this.opens++;
    const step = this.plan.shift() ?? 'ok';
    if (step === 'refuse') return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    this.current = new PassThrough();
    return Promise.resolve(this.current);
  }
  classify(err: unknown) {
    return classifyError(err, endpoint);
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedEventStream', () => {
  test('lazy start, events and changes, reconnect with backoff, stop when the last listener leaves', async () => {
    const source = new ScriptedSource();
    const clock = new ManualScheduler();
    const stream = new SharedEventStream(source, { coalesceMs: 50 }, clock);
    const view = stream.view();
    assert.equal(source.opens, 0, 'nothing opened before a listener');

    const connection: string[] = [];
    const changes: EngineChange[] = [];
    view.onConnection((up, err) => connection.push(up ? 'up' : `down:${err?.code}`));
    view.onChange((change) => changes.push(change));
    await tick();
    assert.equal(source.opens, 1, 'one shared connection for all listeners');
    assert.deepEqual(connection, ['up']);
    assert.equal(view.connected, true);

    source.current!.write('{"Type":"container","Action":"create","Actor":{"ID":"c1","Attributes":{"name":"web"}},"time":1}\n');
    source.current!.write('{"Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"name":"web"}},"time":1}\n');
    await tick();
    assert.deepEqual(clock.fireAll(), [50]);
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0].events.map((e) => e.action), ['create', 'start']);

    // The daemon goes away and refuses twice before coming back.
    source.plan = ['refuse', 'refuse', 'ok'];
    source.current!.end();
    await tick();
    assert.deepEqual(connection, ['up', 'down:unreachable']);
    assert.equal(view.connected, false);
    const delays: number[] = [];
    while (!view.connected) {
      delays.push(...clock.fireAll());
      await tick();
    }
    assert.deepEqual(delays, [250, 500, 1000]);
    assert.deepEqual(connection, ['up', 'down:unreachable', 'up'], 'repeated failures are reported once');
    // After a reconnect everything is stale (events may have been missed).
    clock.fireAll();
    assert.deepEqual([...changes[1].kinds].sort(), ['container', 'image', 'network', 'volume']);

    view.dispose();
    assert.equal(clock.timers.size, 0, 'no timers left');
    assert.equal(source.current!.destroyed, true, 'connection closed when unused');
    stream.dispose();
  });

  test('the first failure is reported even though it was never connected', async () => {
    const source = new ScriptedSource();
    source.plan = ['refuse'];
    const clock = new ManualScheduler();
    const stream = new SharedEventStream(source, {}, clock);
    const seen: boolean[] = [];
    stream.view().onConnection((up) => seen.push(up));
    await tick();
    assert.deepEqual(seen, [false]);
    stream.dispose();
    assert.equal(clock.timers.size, 0);
  });
});

describe('firstTarEntry', () => {
  function header(name: string, size: number, type: string, linkName = ''): Buffer {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'utf8');
    h.write('0000644\0', 100);
    h.write(size.toString(8).padStart(11, '0') + '\0', 124);
    h.write(type, 156);
    h.write(linkName, 157);
    h.write('ustar\0', 257);
    return h;
  }
  const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

  test('reads a regular file, a symlink and a PAX long name', () => {
    const body = Buffer.from('hello 容器\n');
    const tar = Buffer.concat([header('hello.txt', body.length, '0'), pad(body), Buffer.alloc(1024)]);
    const entry = firstTarEntry(tar);
    assert.equal(entry?.type, 'file');
    assert.equal(entry?.name, 'hello.txt');
    assert.equal(entry?.data.toString('utf8'), 'hello 容器\n');

    const link = firstTarEntry(Buffer.concat([header('sh', 0, '2', 'busybox'), Buffer.alloc(1024)]));
    assert.deepEqual({ type: link?.type, linkName: link?.linkName }, { type: 'symlink', linkName: 'busybox' });

    const longName = 'd/'.repeat(80) + 'file';
    const record = ` path=${longName}\n`;
    let len = record.length + 3;
    if (String(len).length + record.length !== len) len = String(len).length + record.length;
    const pax = Buffer.from(`${len}${record}`);
    const tar2 = Buffer.concat([header('PaxHeader', pax.length, 'x'), pad(pax), header('short', 2, '0'), pad(Buffer.from('ok')), Buffer.alloc(1024)]);
    const e2 = firstTarEntry(tar2);
    assert.equal(e2?.name, longName);
    assert.equal(e2?.data.toString(), 'ok');

    assert.equal(firstTarEntry(Buffer.alloc(1024)), undefined);
  });
});
