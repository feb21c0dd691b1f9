// Every check kind against the real engine: one passing and one failing case each, asserting the texts a learner sees.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCheck, evaluateChecks } from '../../src/checks';
import type { CheckContext, CheckResult } from '../../src/checks/types';
import type { DockerEngine } from '../../src/engine/api';
import { useBundle } from '../../src/i18n';
import { checkSchema } from '../../src/lessons/schema';
import { connectOrSkip, dockerCli, dockerMake, ensureTestImage, freePort, labelArgs, uniqueName } from '../support/engine';

const AREA_LABEL = { 'docker-lessons.test': 'checks' };

interface Fixture {
  engine: DockerEngine;
  ctx: CheckContext;
  workDir: string;
  image: string;
  derived: string;
  web: string;
  webPort: number;
  exited: string;
  volume: string;
  network: string;
  subnet: string;
  gateway: string;
  fixedIp: string;
  bindDir: string;
}

async function check(fx: Fixture, raw: unknown, ctx: Partial<CheckContext> = {}): Promise<CheckResult> {
  return evaluateCheck(checkSchema.parse(raw), { ...fx.ctx, ...ctx });
}

function passes(result: CheckResult): void {
  assert.equal(result.pass, true, `expected a pass: ${JSON.stringify(result)}`);
}

function fails(result: CheckResult, actual: RegExp, expected?: RegExp): void {
  assert.equal(result.pass, false, `expected a failure: ${JSON.stringify(result)}`);
  assert.match(result.actual, actual);
  if (expected) assert.match(result.expected, expected);
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function createNetwork(engine: DockerEngine, name: string): Promise<{ subnet: string; gateway: string; fixedIp: string }> {
  // Other tests share the engine: try a few random /24s until one does not overlap.
  for (let attempt = 0; attempt < 8; attempt++) {
    const third = 1 + Math.floor(Math.random() * 250);
    const prefix = `10.231.${third}`;
    try {
      await dockerMake(engine, [
        'network', 'create', '--driver', 'bridge', ...labelArgs(AREA_LABEL), '--subnet', `${prefix}.0/24`, '--gateway', `${prefix}.1`, name,
      ]);
      return { subnet: `${prefix}.0/24`, gateway: `${prefix}.1`, fixedIp: `${prefix}.23` };
    } catch (error) {
      if (!/overlap/i.test(String((error as Error).message))) throw error;
    }
  }
  throw new Error('no free subnet for the test network');
}

async function setUp(t: TestContext, engine: DockerEngine): Promise<Fixture> {
  useBundle('en', undefined);
  const image = await ensureTestImage(engine);
  const prefix = uniqueName('dl-test-checks');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-checks-'));
  const bindDir = path.join(workDir, 'site');
  fs.mkdirSync(bindDir);
  const created = { containers: [] as string[], images: [] as string[], volumes: [] as string[], networks: [] as string[] };
  t.after(async () => {
    for (const name of created.containers) await engine.removeContainer(name, { force: true }).catch(() => undefined);
    for (const name of created.networks) await engine.removeNetwork(name).catch(() => undefined);
    for (const name of created.volumes) await engine.removeVolume(name).catch(() => undefined);
    for (const name of created.images) await engine.removeImage(name, { force: true }).catch(() => undefined);
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  // A derived image with every Dockerfile instruction the image checks read.
  const derived = `${prefix}-img:v1`;
  const context = path.join(workDir, 'build');
  fs.mkdirSync(context);
  fs.writeFileSync(path.join(context, 'Dockerfile'), [
    `FROM ${image}`,
    'MAINTAINER Lesson Author',
    'LABEL docker-lessons.test=checks course=docker',
    'ENV GREETING=hello MODE=test',
    'WORKDIR /app',
    'RUN echo hi > /app/hello.txt',
    'EXPOSE 8080 9090/udp',
    'VOLUME /data',
    'HEALTHCHECK --interval=5s --retries=2 CMD ["true"]',
    'STOPSIGNAL SIGINT',
    'ONBUILD RUN echo child',
    'USER nobody',
    'ENTRYPOINT ["/bin/sh", "-c"]',
    'CMD ["echo hello"]',
    '',
  ].join('\n'));
  // --network none: the build's RUN needs no network, and the shared engine's default bridge may be unavailable.
  await dockerCli(engine, ['build', '--quiet', '--network', 'none', '-t', derived, '.'], { cwd: context });
  created.images.push(derived);

  const volume = `${prefix}-vol`;
  await dockerMake(engine, ['volume', 'create', ...labelArgs({ ...AREA_LABEL, purpose: 'data' }), volume]);
  created.volumes.push(volume);

  const network = `${prefix}-net`;
  created.networks.push(network);
  const { subnet, gateway, fixedIp } = await createNetwork(engine, network);

  const web = `${prefix}-web`;
  const webPort = await freePort();
  fs.writeFileSync(path.join(bindDir, 'index.html'), 'Welcome to busybox httpd\n');
  await dockerMake(engine, [
    'create', '--name', web, '--hostname', 'webhost', '--interactive',
    '--env', 'FOO=bar', '--env', 'LANG=C', ...labelArgs({ ...AREA_LABEL, tier: 'front' }),
    '--expose', '80', '--expose', '81', '--publish', `${webPort}:80`,
    '--restart', 'on-failure:3', '--memory', String(64 * 1024 * 1024), '--cpus', '0.5', '--cpu-shares', '512',
    '--mount', `type=volume,source=${volume},target=/data`, '--mount', `type=bind,source=${bindDir},target=/www,readonly`,
    '--tmpfs', '/scratch:rw,size=1m',
    '--network', network, '--network-alias', 'webalias', '--ip', fixedIp,
    image, 'sh', '-c', 'echo web started; exec httpd -f -p 80 -h /www',
  ]);
  created.containers.push(web);
  await engine.startContainer(web);

  const exited = `${prefix}-exited`;
  await dockerMake(engine, ['create', '--name', exited, ...labelArgs(AREA_LABEL), '--network', 'none', image, 'sh', '-c', 'echo to-stderr >&2; exit 3']);
  created.containers.push(exited);
  await engine.startContainer(exited);
  await waitFor('the short container to exit', async () => (await engine.inspectContainer(exited)).State.Status === 'exited');

  const ctx: CheckContext = { engine, workDir };
  return { engine, ctx, workDir, image, derived, web, webPort, exited, volume, network, subnet, gateway, fixedIp, bindDir };
}

test('checks against the real engine', { timeout: 180_000 }, async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  const fx = await setUp(t, engine);

  await t.test('container: state, exit code and config', async () => {
    passes(await check(fx, { container: fx.web, state: 'running' }));
    const stopped = await check(fx, { container: fx.exited, state: 'running' });
    fails(stopped, /^exited \(3\)$/, /^running$/);
    assert.equal(stopped.title, `State of container ${fx.exited}`);
    assert.match(stopped.hint ?? '', /exit code 3/);
    passes(await check(fx, { container: fx.exited, state: 'exited', exitCode: 3 }));
    fails(await check(fx, { container: fx.exited, exitCode: 0 }), /^3$/);
    passes(await check(fx, {
      container: fx.web, image: fx.image.replace(/:latest$/, ''), labels: { tier: 'front' }, env: { FOO: 'bar' },
      restartPolicy: { name: 'on-failure', maxRetries: 3 }, minRestarts: 0, health: 'none', tty: false, openStdin: true,
      cmd: ['sh', '-c', 'echo web started; exec httpd -f -p 80 -h /www'], hostname: 'webhost', memory: 64 * 1024 * 1024,
      nanoCpus: 500_000_000, cpuShares: 512, readOnlyRootfs: false, networkMode: fx.network, sameIdAs: fx.web,
    }));
    const env = await check(fx, { container: fx.web, env: { FOO: 'baz', MISSING: '1' } });
    fails(env, /FOO is "bar" \(expected "baz"\); MISSING is not set/, /FOO=baz, MISSING=1/);
    assert.equal(env.title, `Environment of container ${fx.web}`);
    const several = await check(fx, { container: fx.web, hostname: 'other', memory: 128 * 1024 * 1024, tty: true });
    assert.equal(several.title, `TTY (-t), hostname, memory limit of container ${fx.web}`);
    fails(several, /TTY \(-t\): no; hostname: webhost; memory limit: 67108864 \(64 MiB\)/, /TTY \(-t\): yes; hostname: other; memory limit: 134217728 \(128 MiB\)/);
    fails(await check(fx, { container: fx.web, restartPolicy: { name: 'always' } }), /^on-failure:3$/, /^always$/);
    fails(await check(fx, { container: fx.web, sameIdAs: fx.exited }), /a different container/);
    fails(await check(fx, { container: fx.web, health: 'healthy' }), /^none$/);
  });

  await t.test('container: absent and missing', async () => {
    const missing = `${fx.web}-nope`;
    passes(await check(fx, { container: missing, state: 'absent' }));
    fails(await check(fx, { container: fx.web, state: 'absent' }), /^running$/, /^absent$/);
    const gone = await check(fx, { container: missing, state: 'running' });
    fails(gone, /^no such container$/, /^running$/);
    assert.equal(gone.hint, 'Run the step first, or check the name with `docker ps -a`.');
    assert.deepEqual(gone.missing, { kind: 'container', name: missing });
    // The check's own hint wins, then the step's; for a missing container its own (they are written for it being there).
    assert.equal((await check(fx, { container: fx.web, state: 'exited', hint: 'own hint' }, { stepHint: 'step hint' })).hint, 'own hint');
    assert.equal((await check(fx, { container: fx.web, state: 'exited' }, { stepHint: 'step hint' })).hint, 'step hint');
    assert.equal((await check(fx, { container: missing, hint: 'own hint' }, { stepHint: 'step hint' })).hint, gone.hint);
  });

  await t.test('container removed mid-way fails cleanly', async () => {
    const name = uniqueName('dl-test-checks-vanish');
    await dockerMake(engine, ['create', '--name', name, ...labelArgs(AREA_LABEL), fx.image, 'sleep', '60']);
    try {
      passes(await check(fx, { container: name, state: 'created' }));
      await engine.removeContainer(name, { force: true });
      const results = await evaluateChecks([
        checkSchema.parse({ container: name, state: 'created' }),
        checkSchema.parse({ port: { container: name, private: 80 } }),
        checkSchema.parse({ exec: { container: name, command: 'true' } }),
        checkSchema.parse({ file: { container: name, path: '/etc/hostname' } }),
        checkSchema.parse({ logs: { container: name, contains: 'x' } }),
      ], fx.ctx);
      fails(results[0], /^no such container$/);
      // What the container does: failed at once, naming it.
      for (const result of results.slice(1)) fails(result, new RegExp(`^container ${name} does not exist$`));
    } finally {
      await engine.removeContainer(name, { force: true }).catch(() => undefined);
    }
  });

  await t.test('image: config, layers, history', async () => {
    passes(await check(fx, { image: fx.image }));
    passes(await check(fx, {
      image: fx.derived, cmd: ['echo hello'], entrypoint: ['/bin/sh', '-c'], env: { GREETING: 'hello' },
      exposedPorts: [8080, '9090/udp'], workdir: '/app', user: 'nobody', labels: { course: 'docker' }, volumes: ['/data'],
      healthcheck: { test: ['CMD', 'true'], interval: '5s', retries: 2 }, stopSignal: 'SIGINT', onBuild: ['RUN echo child'],
      author: 'Lesson Author', minLayers: 2, differentFrom: fx.image, maxSizeBytes: 10_000_000, historyContains: 'echo hi > /app/hello.txt',
    }));
    // The derived image adds layers for WORKDIR and RUN on top of the base's.
    const layers = (await engine.inspectImage(fx.derived)).RootFS.Layers?.length ?? 0;
    const baseLayers = (await engine.inspectImage(fx.image)).RootFS.Layers?.length ?? 0;
    assert.ok(layers > baseLayers);
    passes(await check(fx, { image: fx.derived, layers }));
    const wrongCount = await check(fx, { image: fx.derived, layers: baseLayers });
    fails(wrongCount, new RegExp(`^${layers}$`), new RegExp(`^${baseLayers}$`));
    assert.equal(wrongCount.title, `Layer count of image ${fx.derived}`);
    const history = await engine.imageHistory(fx.derived);
    passes(await check(fx, { image: fx.derived, historyLength: history.length }));
    fails(await check(fx, { image: fx.derived, historyLength: history.length + 1 }), new RegExp(`^${history.length}$`));
    fails(await check(fx, { image: fx.derived, historyContains: 'apt-get install' }), /no such row among \d+/);
    fails(await check(fx, { image: fx.image, cmd: null }), /^\["\/bin\/sh"\]$/, /^\(not set\)$/);
    passes(await check(fx, { image: fx.image, entrypoint: null }));
    const ports = await check(fx, { image: fx.derived, exposedPorts: [80, 8080] });
    fails(ports, /missing 80\/tcp \(has /, /80\/tcp, 8080\/tcp/);
    fails(await check(fx, { image: fx.derived, sameAs: fx.image }), /different images/);
    fails(await check(fx, { image: fx.derived, maxSizeBytes: 1000 }), /MiB/, /at most 1000 B/);
    fails(await check(fx, { image: fx.derived, labels: { course: 'k8s' } }), /course is "docker" \(expected "k8s"\)/);
    const missing = await check(fx, { image: `${fx.derived}-none` });
    fails(missing, /^no such image$/);
    assert.match(missing.hint ?? '', /docker images/);
    passes(await check(fx, { image: `${fx.derived}-none`, absent: true }));
    fails(await check(fx, { image: fx.derived, absent: true }), /^present \([0-9a-f]{12}\)$/);
  });

  await t.test('port: published, mismatched, exposed only', async () => {
    passes(await check(fx, { port: { container: fx.web, private: 80, public: fx.webPort } }));
    passes(await check(fx, { port: { container: fx.web, private: '80/tcp' } }));
    const wrong = await check(fx, { port: { container: fx.web, private: 80, public: fx.webPort + 1 } });
    fails(wrong, new RegExp(`published on .*:${fx.webPort}`), new RegExp(`published on host port ${fx.webPort + 1}`));
    assert.equal(wrong.hint, `Port 80/tcp is published on host port ${fx.webPort} instead of ${fx.webPort + 1}.`);
    passes(await check(fx, { port: { container: fx.web, private: 81, published: false } }));
    fails(await check(fx, { port: { container: fx.web, private: 80, published: false } }), /published on/, /exposed, not published/);
    const unpublished = await check(fx, { port: { container: fx.web, private: 81, public: 8081 } });
    fails(unpublished, /exposed, not published/);
    assert.match(unpublished.hint ?? '', new RegExp(`publishes ${fx.webPort}->80/tcp`));
    fails(await check(fx, { port: { container: fx.web, private: 9999 } }), /not exposed/);
  });

  await t.test('mount: volume, bind, tmpfs', async () => {
    passes(await check(fx, { mount: { container: fx.web, destination: '/data', type: 'volume', source: fx.volume, readOnly: false } }));
    passes(await check(fx, { mount: { container: fx.web, destination: '/www', type: 'bind', source: 'site', readOnly: true } }));
    passes(await check(fx, { mount: { container: fx.web, destination: '/scratch', type: 'tmpfs' } }));
    const ro = await check(fx, { mount: { container: fx.web, destination: '/data', readOnly: true } });
    fails(ro, /^no$/, /^yes$/);
    assert.equal(ro.title, `Read-only of the mount at /data in container ${fx.web}`);
    fails(await check(fx, { mount: { container: fx.web, destination: '/data', type: 'bind', source: '/srv' } }),
      new RegExp(`type: volume; source: ${fx.volume}`));
    fails(await check(fx, { mount: { container: fx.web, destination: '/nothing' } }), /nothing mounted at \/nothing \(mounts: .*\/data/);
  });

  await t.test('volume', async () => {
    passes(await check(fx, { volume: fx.volume, driver: 'local', labels: { purpose: 'data' } }));
    fails(await check(fx, { volume: fx.volume, labels: { purpose: 'logs' } }), /purpose is "data" \(expected "logs"\)/);
    fails(await check(fx, { volume: `${fx.volume}-none` }), /^no such volume$/);
    passes(await check(fx, { volume: `${fx.volume}-none`, absent: true }));
    fails(await check(fx, { volume: fx.volume, absent: true }), /^present$/);
  });

  await t.test('network: IPAM, attachments, aliases, fixed IPs', async () => {
    passes(await check(fx, {
      network: fx.network, driver: 'bridge', subnet: fx.subnet, gateway: fx.gateway, internal: false,
      containers: [fx.web], notContainers: [fx.exited], aliases: { [fx.web]: ['webalias'] }, ips: { [fx.web]: fx.fixedIp },
    }));
    fails(await check(fx, { network: fx.network, containers: [fx.exited] }), new RegExp(`missing ${fx.exited} \\(has ${fx.web}\\)`));
    fails(await check(fx, { network: fx.network, subnet: '10.99.0.0/16' }), new RegExp(`^${fx.subnet.replace(/\./g, '\\.')}$`));
    fails(await check(fx, { network: fx.network, aliases: { [fx.web]: ['db'] } }), /lacks alias db \(has .*webalias/);
    fails(await check(fx, { network: fx.network, ips: { [fx.web]: '10.0.0.9' } }), new RegExp(`has ${fx.fixedIp.replace(/\./g, '\\.')} \\(expected 10\\.0\\.0\\.9\\)`));
    fails(await check(fx, { network: fx.network, notContainers: [fx.web] }), new RegExp(`still attached: ${fx.web}`));
    fails(await check(fx, { network: `${fx.network}-none`, driver: 'bridge' }), /^no such network$/);
    passes(await check(fx, { network: `${fx.network}-none`, absent: true }));
  });

  await t.test('exec: argv and shell string', async () => {
    passes(await check(fx, { exec: { container: fx.web, command: ['cat', '/www/index.html'], stdout: { contains: 'Welcome' } } }));
    passes(await check(fx, { exec: { container: fx.web, command: 'echo $FOO; echo oops >&2; exit 4', exitCode: 4, stdout: { equals: 'bar' }, stderr: { contains: 'oops' } } }));
    const failed = await check(fx, { exec: { container: fx.web, command: 'cat /missing' } });
    fails(failed, /^1 — .*No such file/, /^0$/);
    fails(await check(fx, { exec: { container: fx.web, command: 'echo hello', stdout: { contains: 'bye' } } }), /missing "bye" — got: hello/);
    const stopped = await check(fx, { exec: { container: fx.exited, command: 'true' } });
    fails(stopped, /the container is exited \(3\), not running/);
    assert.match(stopped.hint ?? '', /docker start/);
  });

  await t.test('file', async () => {
    passes(await check(fx, { file: { container: fx.web, path: '/www/index.html', content: { contains: 'Welcome' } } }));
    passes(await check(fx, { file: { container: fx.web, path: '/nope.txt', absent: true } }));
    fails(await check(fx, { file: { container: fx.web, path: '/nope.txt' } }), /^no such file$/, /^exists$/);
    fails(await check(fx, { file: { container: fx.web, path: '/www/index.html', content: { notContains: 'Welcome' } } }),
      /contains "Welcome" — got: Welcome to busybox httpd/, /does not contain "Welcome"/);
    fails(await check(fx, { file: { container: fx.web, path: '/www/index.html', absent: true } }), /^present$/);
  });

  await t.test('logs', async () => {
    passes(await check(fx, { logs: { container: fx.web, contains: 'web started' }, within: '3s' }));
    passes(await check(fx, { logs: { container: fx.exited, contains: 'to-stderr', tail: 5 } }));
    fails(await check(fx, { logs: { container: fx.web, matches: '^error' } }), /no match for \/\^error\//);
  });

  await t.test('http: loopback only, status, body, retries', async () => {
    const url = `http://127.0.0.1:${fx.webPort}/index.html`;
    passes(await check(fx, { http: { url, contains: 'Welcome to busybox' } }));
    passes(await check(fx, { http: { url: `http://localhost:${fx.webPort}/`, method: 'HEAD' } }));
    const body = await check(fx, { http: { url, contains: 'nginx' }, within: '300ms' });
    fails(body, /body: missing "nginx"/, /status: 200; body: contains "nginx"/);
    assert.equal(body.title, `HTTP GET ${url}`);
    fails(await check(fx, { http: { url: `http://127.0.0.1:${fx.webPort}/missing`, status: 200 }, within: '200ms' }), /^404$/);
    const closed = await freePort();
    const refused = await check(fx, { http: { url: `http://127.0.0.1:${closed}/` }, within: '500ms' });
    fails(refused, /connection refused/);
    assert.ok(refused.durationMs >= 400, `waited ${refused.durationMs} ms`);
    // A URL the schema would refuse is refused here too.
    const outside = await evaluateCheck({ http: { url: 'http://example.com/' } } as never, fx.ctx);
    fails(outside, /refused: checks only request 127\.0\.0\.1/);
  });

  await t.test('output and exitCode of the step', async () => {
    const stepOutput = { exitCode: 0, stdout: 'Hello from Docker!\n', stderr: 'warning: x\n' };
    passes(await check(fx, { output: { contains: 'Hello from Docker!' } }, { stepOutput }));
    passes(await check(fx, { output: { stream: 'stderr', matches: '^warning' } }, { stepOutput }));
    fails(await check(fx, { output: { contains: 'Goodbye' } }, { stepOutput }), /missing "Goodbye"/);
    fails(await check(fx, { output: { contains: 'x' } }), /^this step has not been run in this session: run it first$/);
    passes(await check(fx, { exitCode: 0 }, { stepOutput }));
    passes(await check(fx, { exitCode: { not: 1 } }, { stepOutput }));
    fails(await check(fx, { exitCode: { not: 0 } }, { stepOutput }), /^0$/, /^not 0$/);
    fails(await check(fx, { exitCode: 0 }), /has not been run/);
  });

  await t.test('workspaceFile: content, absent, tar members', async () => {
    fs.writeFileSync(path.join(fx.workDir, 'Dockerfile'), 'FROM busybox\nCMD ["echo", "hi"]\n');
    passes(await check(fx, { workspaceFile: { path: 'Dockerfile', contains: 'FROM busybox' } }));
    fails(await check(fx, { workspaceFile: { path: 'Dockerfile', matches: '^EXPOSE' } }), /no match for \/\^EXPOSE\//);
    fails(await check(fx, { workspaceFile: { path: 'missing.txt' } }), /^no such file$/);
    passes(await check(fx, { workspaceFile: { path: 'missing.txt', absent: true } }));
    fails(await check(fx, { workspaceFile: { path: '../outside' } }), /leaves the working folder/);
    execFileSync('tar', ['-cf', 'site.tar', 'site', 'Dockerfile'], { cwd: fx.workDir });
    execFileSync('tar', ['-czf', 'site.tar.gz', './site'], { cwd: fx.workDir });
    passes(await check(fx, { workspaceFile: { path: 'site.tar', tarContains: 'site/index.html' } }));
    passes(await check(fx, { workspaceFile: { path: 'site.tar.gz', tarContains: 'site/index.html' } }));
    passes(await check(fx, { workspaceFile: { path: 'site.tar.gz', tarContains: 'site' } }));
    fails(await check(fx, { workspaceFile: { path: 'site.tar', tarContains: 'manifest.json' } }), /not in the archive \(3 members: site, site\/index\.html, Dockerfile\)/);
    fails(await check(fx, { workspaceFile: { path: 'Dockerfile', tarContains: 'x' } }), /Dockerfile is not a tar archive/);
  });

  await t.test('swarm: this engine is not in swarm mode', async () => {
    const { swarm } = await engine.info();
    t.diagnostic(`swarm state: ${swarm}`);
    if (swarm !== 'inactive') return;
    passes(await check(fx, { swarm: 'inactive' }));
    const active = await check(fx, { swarm: 'active' });
    fails(active, /^inactive$/, /^active$/);
    assert.match(active.hint ?? '', /docker swarm init/);
    const service = await check(fx, { service: 'web', replicas: 3 });
    fails(service, /no such service \(swarm mode is inactive\)/);
  });

  await t.test('registry: catalog and tags of a loopback registry', async () => {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v2/_catalog') res.end(JSON.stringify({ repositories: ['myapp', 'tools/busybox'] }));
      else if (req.url === '/v2/myapp/tags/list') res.end(JSON.stringify({ name: 'myapp', tags: ['v1', 'latest'] }));
      else { res.statusCode = 404; res.end('{}'); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    passes(await check(fx, { registry: { url, repository: 'myapp' } }));
    passes(await check(fx, { registry: { url, repository: 'myapp', tag: 'v1' } }));
    const tag = await check(fx, { registry: { url, repository: 'myapp', tag: 'v2' } });
    fails(tag, /^tags: v1, latest$/, /^myapp:v2$/);
    assert.match(tag.hint ?? '', /docker push/);
    fails(await check(fx, { registry: { url, repository: 'other' } }), /not in the catalog \(myapp, tools\/busybox\)/);
    const closed = await freePort();
    fails(await check(fx, { registry: { url: `http://127.0.0.1:${closed}`, repository: 'myapp' } }), /no registry answers at .*connection refused/);
  });

  await t.test('within: waits for a container to appear, and honours abort', async () => {
    const name = uniqueName('dl-test-checks-late');
    setTimeout(() => {
      dockerMake(engine, ['create', '--name', name, ...labelArgs(AREA_LABEL), fx.image, 'true']).catch(() => undefined);
    }, 400);
    try {
      const late = await check(fx, { container: name, state: 'exists', within: '5s' });
      passes(late);
      assert.ok(late.durationMs >= 300, `passed after ${late.durationMs} ms`);
    } finally {
      await waitFor('the late container', async () => !!(await engine.inspectContainer(name).catch(() => undefined)), 5000).catch(() => undefined);
      await engine.removeContainer(name, { force: true }).catch(() => undefined);
    }
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const cancelled = await check(fx, { container: `${name}-never`, within: '10s' }, { signal: controller.signal });
    fails(cancelled, /^cancelled$/);
    assert.ok(Date.now() - started < 2000, 'abort ends the wait promptly');
  });

  // How fast is measured by `npm run bench` (ratios within one run), not asserted here: a busy machine is slow.
  await t.test('a typical step evaluates to the same verdicts, again and again', async () => {
    const checks = [
      { container: fx.web, state: 'running' },
      { container: fx.web, image: fx.image, env: { FOO: 'bar' } },
      { port: { container: fx.web, private: 80, public: fx.webPort } },
      { image: fx.derived, cmd: ['echo hello'] },
    ].map((c) => checkSchema.parse(c));
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const results = await evaluateChecks(checks, fx.ctx);
      timings.push(performance.now() - started);
      assert.deepEqual(results.map((r) => r.pass), [true, true, true, true]);
    }
    timings.sort((a, b) => a - b);
    t.diagnostic(`median ${timings[2].toFixed(1)} ms`);
  });
});
