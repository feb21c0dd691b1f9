import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine, EngineEventStream } from '../../../../src/engine/api';
import type { ContainerSummary, EngineEvent } from '../../../../src/engine/types';
import { ExplorerModelController } from '../../../../src/viewmodel/explorer/controller';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function container(name: string): ContainerSummary {
  return {
    id: `${name}-id`, name, image: 'busybox', imageId: 'sha256:abc', command: 'true', state: 'created', status: 'Created',
    created: 0, ports: [], labels: {}, networks: [], mounts: [],
  };
}

function created(name: string): EngineEvent {
  return { kind: 'container', action: 'create', id: `${name}-id`, name, time: Date.now(), attributes: { name } };
}

/** Just what the controller uses: an empty engine, an event stream the test feeds, and single-container fetches it can hold. */
function fakeEngine() {
  const listeners: ((event: EngineEvent) => void)[] = [];
  const calls: string[] = [];
  const held = new Map<string, () => void>();
  const hold = new Set<string>();
  const stream: EngineEventStream = {
    connected: true,
    onEvent: (listener) => { listeners.push(listener); return { dispose: () => undefined }; },
    onChange: () => ({ dispose: () => undefined }),
    onConnection: () => ({ dispose: () => undefined }),
    dispose: () => undefined,
  };
  const engine = {
    endpoint: { kind: 'unix', socketPath: '/fake.sock', url: 'unix:///fake.sock' },
    ping: async () => undefined,
    version: async () => ({ version: '29.0.0' }),
    events: () => stream,
    snapshot: async () => { calls.push('snapshot'); return { containers: [], images: [], volumes: [], networks: [], takenAt: Date.now() }; },
    containerSummary: async (key: string) => {
      calls.push(`containerSummary ${key}`);
      if (hold.has(key)) await new Promise<void>((resolve) => held.set(key, resolve));
      return container(key.replace(/-id$/, ''));
    },
  } as unknown as DockerEngine;
  return { engine, calls, hold, held, emit: (event: EngineEvent) => { for (const listener of listeners) listener(event); } };
}

test('a burst\'s batch overtaken by new events goes into the model without a redraw, is not fetched again, and is drawn with the next batch', async () => {
  const fake = fakeEngine();
  // The first event passes at once; the rest wait 30 ms of silence; the pace never forces a flush in this test.
  const controller = new ExplorerModelController(() => fake.engine, {
    gate: { burstCredits: 1, settleMs: 30, maxSettleMs: 30, minIntervalMs: 10_000, maxIntervalMs: 20_000 },
  });
  try {
    const redraws: string[][] = [];
    controller.onDidChange((kinds) => redraws.push([...kinds]));
    controller.setVisible('containers', true);
    await controller.waitForIdle();
    redraws.length = 0;
    fake.calls.length = 0;

    fake.emit(created('c0')); // a quiet stream: drawn at once
    await controller.waitForIdle();
    assert.deepEqual(redraws, [['container']]);

    fake.hold.add('c1-id');
    fake.emit(created('c1')); // waits for the trailing edge, then its fetch is held ...
    for (let i = 0; i < 100 && !fake.held.has('c1-id'); i++) await sleep(5);
    assert.ok(fake.held.has('c1-id'), 'c1 is being fetched');
    fake.emit(created('c2')); // ... while the burst goes on
    fake.held.get('c1-id')!();
    await sleep(5);
    assert.deepEqual(redraws, [['container']], 'c1 is not drawn on its own: c2 came while it was fetched');
    assert.deepEqual(controller.snapshot?.containers.map((c) => c.name), ['c0', 'c1'], 'but it is in the model');

    await controller.waitForIdle();
    assert.deepEqual(redraws, [['container'], ['container']], 'one redraw for c1 and c2');
    assert.deepEqual(controller.snapshot?.containers.map((c) => c.name), ['c0', 'c1', 'c2']);
    assert.deepEqual(fake.calls, ['containerSummary c0-id', 'containerSummary c1-id', 'containerSummary c2-id'], 'each container fetched once');
  } finally {
    controller.dispose();
  }
});
