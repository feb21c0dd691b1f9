// The explorer's refresh logic against the real engine: events drive updates, nothing is fetched while no view is
// visible, and a lost engine comes back by itself.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine, resolveEndpoint, type DockerEngine } from '../../src/engine';
import { ExplorerModelController } from '../../src/viewmodel/explorer/controller';
import { buildItems } from '../../src/viewmodel/explorer/model';
import { connectOrSkip, dockerMake, ensureTestImage, labelArgs, uniqueName } from '../support/engine';

const AREA_LABEL = { 'docker-lessons.test': 'explorer' };

/** Wraps an engine so every method call is counted (the "no Docker I/O while hidden" rule is checked through it). */
function counting(engine: DockerEngine): { engine: DockerEngine; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(engine, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { engine: proxy, calls };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Read through functions: assertions on getters would otherwise narrow them for the rest of a test.
const snapshotOf = (c: ExplorerModelController) => c.snapshot;
const stateOf = (c: ExplorerModelController): string => c.state;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createTestContainer(t: TestContext, engine: DockerEngine, image: string): Promise<{ id: string; name: string }> {
  const name = uniqueName('dl-test-explorer');
  // A shell that exits on SIGTERM right away, so stop does not wait 10 s.
  const id = await dockerMake(engine, [
    'create', '--name', name, ...labelArgs(AREA_LABEL),
    '--network', 'none', // no network needed; also independent of the shared default bridge
    image, 'sh', '-c', 'trap "exit 0" TERM; sleep 300 & wait',
  ]);
  t.after(async () => {
    await engine.removeContainer(id, { force: true }).catch(() => undefined);
  });
  return { id, name };
}

/** The real engine (or undefined after skipping), the test image, and a controller whose engine calls are counted. */
async function countedController(t: TestContext) {
  const engine = await connectOrSkip(t);
  if (!engine) return undefined;
  const image = await ensureTestImage(engine);
  const counted = counting(engine);
  const controller = new ExplorerModelController(() => counted.engine);
  t.after(() => controller.dispose());
  return { engine, image, counted, controller };
}

describe('explorer controller (real engine)', () => {
  test('events keep the model current while visible; nothing is fetched while hidden', async (t) => {
    const setup = await countedController(t);
    if (!setup) return;
    const { engine, image, counted, controller } = setup;

    // Hidden: no Docker I/O at all.
    await sleep(300);
    assert.equal(counted.calls.length, 0, `no calls while hidden, got ${counted.calls.join(', ')}`);
    assert.ok(snapshotOf(controller) === undefined);
    assert.ok(stateOf(controller) === 'unknown');

    controller.setVisible('containers', true);
    await controller.waitForIdle();
    assert.equal(stateOf(controller), 'connected');
    assert.ok(snapshotOf(controller), 'a snapshot after becoming visible');
    assert.ok(counted.calls.includes('snapshot'));
    // Let the event stream come up (and its catch-up refresh finish) before measuring event latency.
    await waitFor('event stream', () => counted.calls.includes('events') || undefined, 2000);
    await sleep(300);
    await controller.waitForIdle();

    // Waits are generous: other sessions' events on the shared engine can make ours part of a burst (speed is the bench's).
    const find = (name: string) => snapshotOf(controller)?.containers.find((container) => container.name === name);
    counted.calls.length = 0;
    const created = await createTestContainer(t, engine, image);
    const appeared = await waitFor('created container in the model', () => find(created.name), 5000);
    assert.equal(appeared.value.state, 'created');
    const item = buildItems('containers', snapshotOf(controller)!).find((i) => i.label === created.name);
    assert.equal(item?.contextValue, 'container:created');

    await engine.startContainer(created.id);
    const running = await waitFor('running state', () => find(created.name)?.state === 'running' || undefined, 5000);
    t.diagnostic(`start visible after ${running.ms} ms`);

    await engine.stopContainer(created.id);
    await waitFor('exited state', () => find(created.name)?.state === 'exited' || undefined, 5000);
    assert.equal(buildItems('containers', snapshotOf(controller)!).find((i) => i.label === created.name)?.contextValue,
      'container:exited');

    await engine.removeContainer(created.id);
    await waitFor('removal', () => (find(created.name) ? undefined : true), 5000);
    // Each event fetched only the container it named: no list, no snapshot.
    const fetches = counted.calls.filter((call) => call !== 'startContainer' && call !== 'stopContainer' && call !== 'removeContainer');
    assert.ok(fetches.includes('containerSummary'), `calls: ${fetches.join(', ')}`);
    assert.deepEqual(fetches.filter((call) => call !== 'containerSummary'), [], 'only single-container fetches');

    // Hidden again: changes happen, but we do not look.
    controller.setVisible('containers', false);
    await controller.waitForIdle();
    counted.calls.length = 0;
    const unseen = await createTestContainer(t, engine, image);
    await sleep(600);
    assert.equal(counted.calls.length, 0, `no engine calls while no explorer view is visible, got ${counted.calls.join(', ')}`);
    assert.equal(find(unseen.name), undefined);

    // Visible again: a full refresh catches up with what happened meanwhile.
    controller.setVisible('images', true);
    await controller.waitForIdle();
    assert.ok(find(unseen.name), 'the container created while hidden shows up after becoming visible');
    const images = snapshotOf(controller)?.images ?? [];
    assert.ok(images.some((i) => i.repoTags.includes(image)), 'the image list was loaded too');
  });

  test('image, volume and network events fetch just that object; a burst costs at most a call per event', async (t) => {
    const setup = await countedController(t);
    if (!setup) return;
    const { engine, image, counted, controller } = setup;
    controller.setVisible('images', true);
    await controller.waitForIdle();
    await waitFor('event stream', () => counted.calls.includes('events') || undefined, 2000);
    await sleep(600); // a calm stream: the next events go through at once
    await controller.waitForIdle();
    counted.calls.length = 0;

    const repo = uniqueName('dl-test-explorer-tag');
    const volume = uniqueName('dl-test-explorer-vol');
    const network = uniqueName('dl-test-explorer-net');
    t.after(async () => {
      await engine.removeImage(`${repo}:1`).catch(() => undefined);
      await engine.removeVolume(volume).catch(() => undefined);
      await engine.removeNetwork(network).catch(() => undefined);
    });
    await engine.tagImage(image, repo, '1');
    await dockerMake(engine, ['volume', 'create', ...labelArgs(AREA_LABEL), volume]);
    await dockerMake(engine, ['network', 'create', ...labelArgs(AREA_LABEL), network]);
    const snap = () => snapshotOf(controller);
    await waitFor('the new tag', () => snap()?.images.some((i) => i.repoTags.includes(`${repo}:1`)) || undefined, 5000);
    await waitFor('the new volume', () => snap()?.volumes.some((v) => v.name === volume) || undefined, 5000);
    await waitFor('the new network', () => snap()?.networks.some((n) => n.name === network) || undefined, 5000);
    await engine.removeImage(`${repo}:1`);
    await engine.removeVolume(volume);
    await engine.removeNetwork(network);
    await waitFor('the tag gone', () => (snap()?.images.some((i) => i.repoTags.includes(`${repo}:1`)) ? undefined : true), 5000);
    await waitFor('the volume gone', () => (snap()?.volumes.some((v) => v.name === volume) ? undefined : true), 5000);
    await waitFor('the network gone', () => (snap()?.networks.some((n) => n.name === network) ? undefined : true), 5000);
    const fetches = counted.calls.filter((call) => !/^(tagImage|removeImage|removeVolume|removeNetwork|info|version)$/.test(call));
    for (const call of ['imageSummary', 'volumeSummary', 'networkSummary']) assert.ok(fetches.includes(call), `${call} in ${fetches.join(', ')}`);
    assert.deepEqual(fetches.filter((call) => !call.endsWith('Summary')), [], 'no lists, no snapshot');

    // A burst naming many containers: one list of them instead of one call each, and few model updates.
    await controller.waitForIdle();
    await sleep(600);
    counted.calls.length = 0;
    let updates = 0;
    controller.onDidChange(() => updates++);
    const names = Array.from({ length: 24 }, () => uniqueName('dl-test-explorer-burst'));
    const ids: string[] = [];
    t.after(async () => { for (const id of ids) await engine.removeContainer(id, { force: true }).catch(() => undefined); });
    await Promise.all(names.map(async (name) => {
      ids.push(await dockerMake(engine, ['create', '--name', name, ...labelArgs(AREA_LABEL), '--network', 'none', image, 'true']));
    }));
    await waitFor('every burst container', () => names.every((name) => snap()?.containers.some((c) => c.name === name)) || undefined, 20000);
    t.diagnostic(`${names.length} creates: ${updates} model updates, calls ${counted.calls.join(' ')}`);
    // How the burst is split depends on timing (see the EventGate unit tests and the bench); it never costs more
    // than one call per event, and never a snapshot.
    assert.ok(counted.calls.length <= names.length, `${counted.calls.length} calls for ${names.length} events`);
    assert.deepEqual(counted.calls.filter((call) => call !== 'containerSummary' && call !== 'listContainers'), []);
    assert.ok(updates >= 1 && updates <= names.length);
  });

  test('an unreachable engine empties the model and it comes back within 2 s of the engine returning', async (t) => {
    const real = await connectOrSkip(t);
    if (!real) return;
    if (real.endpoint.kind !== 'unix' || !real.endpoint.socketPath) {
      t.skip('needs a unix-socket engine to put a proxy in front of');
      return;
    }
    const socketPath = path.join(os.tmpdir(), `${uniqueName('dl-test-explorer')}.sock`);
    const engine = createEngine(resolveEndpoint({ setting: `unix://${socketPath}`, env: {}, homeDir: os.homedir(), platform: process.platform }));
    const controller = new ExplorerModelController(() => engine, { reconnectPollMs: 1000 });
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(real.endpoint.socketPath!);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => { client.destroy(); upstream.destroy(); };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    t.after(async () => {
      controller.dispose();
      engine.dispose();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
      fs.rmSync(socketPath, { force: true });
    });

    const states: string[] = [];
    controller.onDidChangeState((state) => states.push(state));
    controller.setVisible('containers', true);
    await controller.waitForIdle();
    assert.equal(stateOf(controller), 'unreachable');
    assert.equal(snapshotOf(controller), undefined, 'an empty tree, so the welcome view explains the problem');
    assert.equal(controller.error?.code, 'unreachable');

    await new Promise<void>((resolve) => proxy.listen(socketPath, resolve));
    const back = await waitFor('reconnection', () => (stateOf(controller) === 'connected' && snapshotOf(controller)) || undefined, 2000);
    t.diagnostic(`back after ${back.ms} ms`);
    // The state is announced again when the server version arrives (status bar); count transitions only.
    const transitions = states.filter((state, i) => state !== states[i - 1]);
    assert.deepEqual(transitions, ['unreachable', 'connected']);
  });

  test('a bad host address is reported as bad-host without any Docker I/O', async () => {
    const controller = new ExplorerModelController(() => createEngine(resolveEndpoint({
      setting: 'ftp://example.invalid', env: {}, homeDir: os.homedir(), platform: process.platform,
    })));
    try {
      controller.setVisible('networks', true);
      await controller.waitForIdle();
      assert.equal(stateOf(controller), 'bad-host');
      assert.equal(snapshotOf(controller), undefined);
      // Retrying without fixing the address keeps reporting it.
      await controller.retry();
      assert.equal(stateOf(controller), 'bad-host');
    } finally {
      controller.dispose();
    }
  });
});
