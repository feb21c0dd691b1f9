// The Engine against the real Docker engine: lists, events, actions, exec/logs/readFile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DockerEngine, EngineChange, EngineEventStream } from '../../src/engine';
import { connectOrSkip, dockerMake, ensureTestImage, freePort, labelArgs, uniqueName } from '../support/engine';

const LABELS = { 'docker-lessons.test': 'engine' };

/** PID 1 `sh` ignores SIGTERM unless told otherwise; trap it so stop is quick. */
const SLEEPER = ['sh', '-c', "trap 'exit 0' TERM; echo to-stdout; echo to-stderr >&2; sleep 300 & wait"];

function waitFor<T>(what: string, ms: number, register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

test('Engine against the real Docker engine', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  const image = await ensureTestImage(engine);
  const created: { containers: string[]; networks: string[]; volumes: string[] } = { containers: [], networks: [], volumes: [] };
  t.after(async () => {
    // Remove exactly what this test made, even when it failed half-way.
    for (const id of created.containers) await engine.removeContainer(id, { force: true }).catch(() => undefined);
    for (const id of created.networks) await engine.removeNetwork(id).catch(() => undefined);
    for (const name of created.volumes) await engine.removeVolume(name).catch(() => undefined);
  });

  const networkName = uniqueName('dl-test-engine-net');
  const volumeName = uniqueName('dl-test-engine-vol');
  const containerName = uniqueName('dl-test-engine-web');
  const hostPort = await freePort();

  const networkId = await dockerMake(engine, ['network', 'create', ...labelArgs(LABELS), networkName]);
  created.networks.push(networkId);
  await dockerMake(engine, ['volume', 'create', ...labelArgs(LABELS), volumeName]);
  created.volumes.push(volumeName);

  let containerId = '';

  await t.test('a container created through the API produces an onChange within 1 s', async () => {
    const events: EngineEventStream = engine.events({ coalesceMs: 50 });
    try {
      if (!events.connected) {
        await waitFor<void>('the event stream to connect', 5000, (done) => {
          events.onConnection((up) => up && done());
        });
      }
      const seen = waitFor<EngineChange>('a container change', 1000, (done) => {
        events.onChange((change) => {
          if (change.events.some((e) => e.kind === 'container' && e.action === 'create' && e.name === containerName)) done(change);
        });
      });
      containerId = await dockerMake(engine, [
        'create', '--name', containerName, ...labelArgs(LABELS), '--publish', `127.0.0.1:${hostPort}:80`,
        '--mount', `type=volume,source=${volumeName},target=/data`, '--network', networkName, image, ...SLEEPER,
      ]);
      created.containers.push(containerId);
      const change = await seen;
      assert.ok(change.kinds.has('container'));
    } finally {
      events.dispose();
    }
  });

  await t.test('snapshot lists the container, its network and volume, mapped to the typed summaries', async () => {
    await engine.startContainer(containerId);
    const snap = await engine.snapshot();
    const c = snap.containers.find((x) => x.id === containerId);
    assert.ok(c, 'container listed');
    assert.equal(c.name, containerName);
    assert.equal(c.state, 'running');
    assert.equal(c.image, image);
    assert.deepEqual(c.labels, LABELS);
    assert.deepEqual(c.networks, [networkName]);
    assert.deepEqual(c.ports, [{ privatePort: 80, publicPort: hostPort, ip: '127.0.0.1', type: 'tcp' }]);
    assert.deepEqual(c.mounts.map((m) => ({ type: m.type, name: m.name, destination: m.destination, readOnly: m.readOnly })),
      [{ type: 'volume', name: volumeName, destination: '/data', readOnly: false }]);

    const n = snap.networks.find((x) => x.name === networkName);
    assert.ok(n, 'network listed');
    assert.deepEqual(n.containers, [containerName]);
    assert.equal(n.driver, 'bridge');
    assert.ok(n.subnets.length > 0 && /\/\d+$/.test(n.subnets[0]), `subnets: ${n.subnets.join(',')}`);

    const v = snap.volumes.find((x) => x.name === volumeName);
    assert.ok(v, 'volume listed');
    assert.deepEqual(v.labels, LABELS);

    const img = snap.images.find((x) => x.repoTags.includes(image));
    assert.ok(img, 'test image listed');
    assert.ok(snap.images.every((x) => !x.repoTags.includes('<none>:<none>')));
    assert.ok(snap.takenAt > 0);
  });

  await t.test('exec collects stdout, stderr and the exit code', async () => {
    const r = await engine.exec(containerId, ['sh', '-c', 'echo hello; echo oops >&2; exit 3']);
    assert.deepEqual(r, { exitCode: 3, stdout: 'hello\n', stderr: 'oops\n' });
    const ok = await engine.exec(containerId, ['sh', '-c', 'echo $PWD $(id -u 2>/dev/null || echo x)'], { workingDir: '/tmp' });
    assert.equal(ok.exitCode, 0);
    assert.match(ok.stdout, /^\/tmp /);
  });

  await t.test('exec times out', async () => {
    await assert.rejects(engine.exec(containerId, ['sleep', '5'], { timeoutMs: 500 }),
      (err: Error & { code?: string }) => err.code === 'api' && /did not finish/.test(err.message));
  });

  await t.test('logs are demultiplexed, tail works', async () => {
    const logs = await engine.logs(containerId);
    assert.match(logs, /to-stdout\n/);
    assert.match(logs, /to-stderr\n/);
    assert.doesNotMatch(logs, /[\x00-\x08]/, 'no multiplexing headers left');
    assert.equal((await engine.logs(containerId, { tail: 1 })).split('\n').filter(Boolean).length, 1);
  });

  await t.test('readFile reads one file, follows a symlink, and is undefined for a missing path', async () => {
    await engine.exec(containerId, ['sh', '-c', 'printf "line1\\n容器\\n" > /data/note.txt; ln -s /data/note.txt /tmp/link']);
    assert.equal(await engine.readFile(containerId, '/data/note.txt'), 'line1\n容器\n');
    assert.equal(await engine.readFile(containerId, '/tmp/link'), 'line1\n容器\n');
    assert.equal(await engine.readFile(containerId, '/no/such/file'), undefined);
    await assert.rejects(engine.readFile(uniqueName('dl-test-engine-ghost'), '/etc/hostname'),
      (err: Error & { code?: string }) => err.code === 'not-found');
  });

  await t.test('inspect of a missing object is not-found; creating a duplicate name is a conflict', async () => {
    await assert.rejects(engine.inspectContainer(uniqueName('dl-test-engine-ghost')),
      (err: Error & { code?: string }) => err.code === 'not-found');
    await assert.rejects(engine.inspectImage('dl-test/no-such-image:never'),
      (err: Error & { code?: string }) => err.code === 'not-found');
    // A volume used by a container cannot be removed: 409.
    await assert.rejects(engine.removeVolume(volumeName),
      (err: Error & { code?: string; statusCode?: number }) => err.code === 'conflict' && err.statusCode === 409);
  });

  await t.test('stop, then previewPrune lists the stopped container and remove makes it disappear', async () => {
    await engine.stopContainer(containerId);
    // Engine 26 may list the container as running for a moment after the stop call returned.
    let stopped = (await engine.listContainers()).find((c) => c.id === containerId);
    for (let tries = 0; stopped?.state === 'running' && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stopped = (await engine.listContainers()).find((c) => c.id === containerId);
    }
    assert.equal(stopped?.state, 'exited');

    const preview = await engine.previewPrune('containers');
    const entry = preview.find((p) => p.id === containerId);
    assert.ok(entry, 'the stopped container would be pruned');
    assert.ok(entry.label.includes(containerName));
    // The network is no longer used by a running container, so network prune would take it.
    assert.ok((await engine.previewPrune('networks')).some((p) => p.id === networkId));

    await engine.removeContainer(containerId);
    assert.equal((await engine.listContainers()).some((c) => c.id === containerId), false);
    await assert.rejects(engine.inspectContainer(containerId), (err: Error & { code?: string }) => err.code === 'not-found');
    // The volume is now unused: volume prune would take it (API 1.41: every unused volume).
    const volumes = await engine.previewPrune('volumes');
    const apiVersion = (await engine.version()).apiVersion;
    if (apiVersion === '1.41') assert.ok(volumes.some((p) => p.id === volumeName));

    await engine.removeNetwork(networkId);
    await engine.removeVolume(volumeName);
    const after = await engine.snapshot();
    assert.equal(after.networks.some((n) => n.name === networkName), false);
    assert.equal(after.volumes.some((v) => v.name === volumeName), false);
  });
});

test('tagImage and removeImage', async (t) => {
  const engine: DockerEngine | undefined = await connectOrSkip(t);
  if (!engine) return;
  const image = await ensureTestImage(engine);
  const repo = `dl-test-engine/${uniqueName('tag')}`;
  t.after(() => engine.removeImage(`${repo}:v1`).catch(() => undefined));
  await engine.tagImage(image, repo, 'v1');
  assert.ok((await engine.listImages()).some((i) => i.repoTags.includes(`${repo}:v1`)));
  await engine.removeImage(`${repo}:v1`);
  assert.equal((await engine.listImages()).some((i) => i.repoTags.includes(`${repo}:v1`)), false);
});
