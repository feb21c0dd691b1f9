// evaluateCheck / evaluateChecks: result shape, hint precedence, the per-call inspect cache, `within`, abort and
// error handling. The engine here is a small in-memory stand-in (the real one is exercised in test/integration).
import { describe, test } from 'node:test';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { evaluateCheck, evaluateChecks } from '../../../src/checks';
import type { CheckContext } from '../../../src/checks/types';
import type { DockerEngine } from '../../../src/engine/api';
import { EngineError } from '../../../src/engine/errors';
import { useBundle } from '../../../src/i18n';
import { checkSchema, type Check } from '../../../src/lessons/schema';

useBundle('en', undefined);

const endpoint = { kind: 'unix' as const, socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', source: 'default-socket' };

function fakeEngine(containers: Record<string, object>, calls: string[] = [], failWith?: Error): DockerEngine {
  const inspectContainer = async (name: string) => {
    calls.push(name);
    if (failWith) throw failWith;
    const found = containers[name];
    if (!found) throw new EngineError('not-found', `Not found: No such container: ${name}`, endpoint.url, 404);
    return found;
  };
  return { endpoint, inspectContainer } as unknown as DockerEngine;
}

const running = {
  Id: 'abc', State: { Status: 'running', Running: true, ExitCode: 0 },
  Config: { Image: 'nginx', Env: [], Labels: {}, ExposedPorts: { '80/tcp': {} } },
  HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } },
  NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] } },
  Mounts: [],
};

const exited = { ...running, Id: 'def', State: { Status: 'exited', Running: false, ExitCode: 1 } };

const parse = (raw: unknown): Check => checkSchema.parse(raw);
const ctxOf = (engine: DockerEngine, extra: Partial<CheckContext> = {}): CheckContext => ({ engine, workDir: '/tmp', ...extra });

describe('evaluateChecks', () => {
  test('one inspect per container per call, results in order', async () => {
    const calls: string[] = [];
    const engine = fakeEngine({ web: running }, calls);
    const results = await evaluateChecks([
      parse({ container: 'web', state: 'running' }),
      parse({ container: 'web', image: 'nginx' }),
      parse({ port: { container: 'web', private: 80, public: 8080 } }),
      parse({ mount: { container: 'web', destination: '/data' } }),
    ], ctxOf(engine));
    assert.deepEqual(calls, ['web']);
    assert.deepEqual(results.map((r) => [r.kind, r.pass]), [['container', true], ['container', true], ['port', true], ['mount', false]]);
    for (const r of results) assert.ok(r.durationMs >= 0);
  });

  test('hint precedence: the check\'s, then the step\'s, then the generic one; none on a pass', async () => {
    const engine = fakeEngine({ web: running, db: exited });
    const [own, step, generic, passed] = await Promise.all([
      evaluateCheck(parse({ container: 'db', state: 'running', hint: 'start the db first' }), ctxOf(engine, { stepHint: 'step hint' })),
      evaluateCheck(parse({ container: 'db', state: 'running' }), ctxOf(engine, { stepHint: 'step hint' })),
      evaluateCheck(parse({ container: 'db', state: 'running' }), ctxOf(engine)),
      evaluateCheck(parse({ container: 'web', hint: 'unused' }), ctxOf(engine)),
    ]);
    assert.equal(own.hint, 'start the db first');
    assert.equal(step.hint, 'step hint');
    assert.equal(generic.hint, 'The container stopped with exit code 1; see why with `docker logs db`.');
    assert.equal(passed.hint, undefined);
  });

  test('a missing object names itself, and its hint goes before the check\'s and the step\'s (written for it being there)', async () => {
    const engine = fakeEngine({ web: running });
    const [own, dependent] = await evaluateChecks([
      parse({ container: 'db', state: 'running', hint: 'the port may be taken' }),
      parse({ logs: { container: 'db', contains: 'ready' } }),
    ], ctxOf(engine, { stepHint: 'step hint' }));
    assert.deepEqual(own.missing, { kind: 'container', name: 'db' });
    assert.equal(own.hint, 'Run the step first, or check the name with `docker ps -a`.');
    assert.deepEqual(dependent.missing, { kind: 'container', name: 'db' });
    assert.equal(dependent.actual, 'container db does not exist');
    const passed = await evaluateCheck(parse({ container: 'web' }), ctxOf(engine));
    assert.equal(passed.missing, undefined);
  });
});

describe('evaluateCheck', () => {
  test('an unexpected engine error becomes a failed result with the classified message', async () => {
    const down = new EngineError('unreachable', 'Cannot reach the Docker engine at unix:///var/run/docker.sock.', endpoint.url);
    const result = await evaluateCheck(parse({ container: 'web', state: 'running' }), ctxOf(fakeEngine({}, [], down)));
    assert.equal(result.pass, false);
    assert.equal(result.title, 'State of container web');
    assert.equal(result.expected, 'running');
    assert.equal(result.actual, 'Cannot reach the Docker engine at unix:///var/run/docker.sock.');
    assert.match(result.hint ?? '', /docker info/);
  });

  test('within re-evaluates every 200 ms until the deadline, and says once what it waits for', async () => {
    const calls: string[] = [];
    const waits: unknown[] = [];
    const result = await evaluateCheck(parse({ container: 'web', state: 'running', within: '700ms' }),
      ctxOf(fakeEngine({ web: exited }, calls), { onWait: (wait) => waits.push(wait) }));
    assert.equal(result.pass, false);
    assert.ok(result.durationMs >= 650 && result.durationMs < 3000, `took ${result.durationMs} ms`);
    assert.ok(calls.length >= 4 && calls.length <= 6, `${calls.length} attempts`);
    assert.equal(waits.length, 2, 'one wait announced, then its end');
    const [wait, end] = waits as [{ index: number; title: string; expected: string; remainingMs: number }, undefined];
    assert.deepEqual({ ...wait, remainingMs: 0 }, { index: 0, title: 'State of container web', expected: 'running', remainingMs: 0 });
    assert.ok(wait.remainingMs > 500 && wait.remainingMs <= 700, `${wait.remainingMs} ms left`);
    assert.equal(end, undefined);
  });

  test('within stops as soon as the check passes', async () => {
    const containers: Record<string, object> = { web: exited };
    setTimeout(() => { containers.web = running; }, 250);
    const result = await evaluateCheck(parse({ container: 'web', state: 'running', within: '5s' }), ctxOf(fakeEngine(containers)));
    assert.equal(result.pass, true);
    assert.ok(result.durationMs < 1000, `took ${result.durationMs} ms`);
  });

  test('checks on what a container does fail at once when it does not exist (a container check may wait for it)', async () => {
    const waits: unknown[] = [];
    const ctx = ctxOf(fakeEngine({}), { onWait: (wait) => waits.push(wait) });
    for (const raw of [
      { port: { container: 'web', private: 80 }, within: '5s' },
      { logs: { container: 'web', contains: 'ready' }, within: '5s' },
      { exec: { container: 'web', command: 'true' }, within: '5s' },
      { file: { container: 'web', path: '/etc/hostname' }, within: '5s' },
      { mount: { container: 'web', destination: '/data' }, within: '5s' },
    ]) {
      const result = await evaluateCheck(parse(raw), ctx);
      assert.equal(result.pass, false);
      assert.deepEqual(result.missing, { kind: 'container', name: 'web' }, JSON.stringify(raw));
      assert.ok(result.durationMs < 2000, `${JSON.stringify(raw)} took ${result.durationMs} ms`);
    }
    assert.deepEqual(waits, []);
  });

  test('an HTTP check fails at once when a container the step relies on is gone and nothing publishes the port', async () => {
    const server = http.createServer((_req, res) => res.end('other page'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const check = parse({ http: { url: `http://127.0.0.1:${port}/`, contains: 'Welcome' }, within: '3s' });
      const engineWith = (published: number[]) => ({
        ...fakeEngine({}),
        listContainers: async () => published.map((p) => ({ name: 'other', ports: [{ privatePort: 80, publicPort: p, type: 'tcp' }] })),
      }) as unknown as DockerEngine;
      const gone = await evaluateCheck(check, ctxOf(engineWith([]), { stepContainers: ['web'], stepHint: 'the port may be taken' }));
      assert.equal(gone.actual, 'container web does not exist');
      assert.deepEqual(gone.missing, { kind: 'container', name: 'web' });
      assert.equal(gone.hint, 'Run the step first, or check the name with `docker ps -a`.');
      assert.ok(gone.durationMs < 1000, `took ${gone.durationMs} ms`);
      // Another container publishes the port: it may still be starting, so the check waits as before.
      const served = await evaluateCheck(parse({ http: { url: `http://127.0.0.1:${port}/`, contains: 'Welcome' }, within: '500ms' }),
        ctxOf(engineWith([port]), { stepContainers: ['web'] }));
      assert.equal(served.missing, undefined);
      assert.ok(served.durationMs >= 450, `took ${served.durationMs} ms`);
    } finally {
      server.close();
    }
  });

  test('without within a check is evaluated once', async () => {
    const calls: string[] = [];
    await evaluateCheck(parse({ container: 'web' }), ctxOf(fakeEngine({}, calls)));
    assert.equal(calls.length, 1);
  });

  test('abort ends a wait with a "cancelled" result', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await evaluateCheck(parse({ container: 'web', state: 'running', within: '10s' }), ctxOf(fakeEngine({ web: exited }), { signal: controller.signal }));
    assert.equal(result.pass, false);
    assert.equal(result.actual, 'cancelled');
    assert.ok(result.durationMs < 1000);
  });

  test('output checks without a run step fail at once, even with within', async () => {
    const result = await evaluateCheck(parse({ output: { contains: 'x' }, within: '5s' }), ctxOf(fakeEngine({})));
    assert.equal(result.actual, 'this step has not been run in this session: run it first');
    assert.ok(result.durationMs < 2000); // "at once": far below the 5 s it would wait
  });

  test('http to a non-loopback host is refused without a request or a wait', async () => {
    const result = await evaluateCheck({ http: { url: 'http://192.168.1.10/' } } as Check, ctxOf(fakeEngine({})));
    assert.equal(result.pass, false);
    assert.match(result.actual, /^refused/);
    assert.ok(result.durationMs < 2000); // no request made: nothing to wait for
  });
});
