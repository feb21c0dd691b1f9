// evaluateCheck / evaluateChecks: result shape, hint precedence, the per-call inspect cache, `within`, abort and
// error handling. The engine here is a small in-memory stand-in (the real one is exercised in test/integration).
import { describe, test } from 'node:test';
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
    const engine = fakeEngine({ web: running });
    const [own, step, generic, passed] = await Promise.all([
      evaluateCheck(parse({ container: 'db', hint: 'start the db first' }), ctxOf(engine, { stepHint: 'step hint' })),
      evaluateCheck(parse({ container: 'db' }), ctxOf(engine, { stepHint: 'step hint' })),
      evaluateCheck(parse({ container: 'db' }), ctxOf(engine)),
      evaluateCheck(parse({ container: 'web', hint: 'unused' }), ctxOf(engine)),
    ]);
    assert.equal(own.hint, 'start the db first');
    assert.equal(step.hint, 'step hint');
    assert.equal(generic.hint, 'Run the step first, or check the name with `docker ps -a`.');
    assert.equal(passed.hint, undefined);
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

  test('within re-evaluates every 200 ms until the deadline', async () => {
    const calls: string[] = [];
    const result = await evaluateCheck(parse({ container: 'web', within: '700ms' }), ctxOf(fakeEngine({}, calls)));
    assert.equal(result.pass, false);
    assert.ok(result.durationMs >= 650 && result.durationMs < 1500, `took ${result.durationMs} ms`);
    assert.ok(calls.length >= 4 && calls.length <= 6, `${calls.length} attempts`);
  });

  test('within stops as soon as the check passes', async () => {
    const containers: Record<string, object> = {};
    setTimeout(() => { containers.web = running; }, 250);
    const result = await evaluateCheck(parse({ container: 'web', state: 'running', within: '5s' }), ctxOf(fakeEngine(containers)));
    assert.equal(result.pass, true);
    assert.ok(result.durationMs < 1000, `took ${result.durationMs} ms`);
  });

  test('without within a check is evaluated once', async () => {
    const calls: string[] = [];
    await evaluateCheck(parse({ container: 'web' }), ctxOf(fakeEngine({}, calls)));
    assert.equal(calls.length, 1);
  });

  test('abort ends a wait with a "cancelled" result', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await evaluateCheck(parse({ container: 'web', within: '10s' }), ctxOf(fakeEngine({}), { signal: controller.signal }));
    assert.equal(result.pass, false);
    assert.equal(result.actual, 'cancelled');
    assert.ok(result.durationMs < 1000);
  });

  test('output checks without a run step fail at once, even with within', async () => {
    const result = await evaluateCheck(parse({ output: { contains: 'x' }, within: '5s' }), ctxOf(fakeEngine({})));
    assert.equal(result.actual, 'this step has not been run in this session: run it first');
    assert.ok(result.durationMs < 100);
  });

  test('http to a non-loopback host is refused without a request or a wait', async () => {
    const result = await evaluateCheck({ http: { url: 'http://192.168.1.10/' } } as Check, ctxOf(fakeEngine({})));
    assert.equal(result.pass, false);
    assert.match(result.actual, /^refused/);
    assert.ok(result.durationMs < 100);
  });
});
