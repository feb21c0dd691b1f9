// Each doctor check with made-up answers: its level, and that its explanation and fix exist in both languages and say
// the specific thing (the key, the mirror, the proxy, the free space). runDoctor is driven through injected probes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDaemonConfig } from '../../../src/doctor/checks/daemonConfig';
import { checkDisk, DISK_ERROR_BYTES, DISK_WARNING_BYTES } from '../../../src/doctor/checks/disk';
import { checkBuilder, checkCompose, checkDockerCli, checkEngine, checkImageStore } from '../../../src/doctor/checks/engine';
import { checkProxies, maskCredentials, proxyVariables } from '../../../src/doctor/checks/proxy';
import { checkRegistries, defaultRegistryUrl, DOCKER_HUB_REGISTRY } from '../../../src/doctor/checks/registry';
import { runDoctor, type DoctorProbes, type Finding } from '../../../src/doctor';
import type { EngineFacts, RegistryAnswer } from '../../../src/doctor/probes';
import { EngineError } from '../../../src/engine/errors';
import type { EngineDaemonInfo, Endpoint } from '../../../src/engine/types';

const fixtures = path.resolve(__dirname, '..', '..', 'fixtures', 'doctor');
const fixture = (name: string) => ({ text: fs.readFileSync(path.join(fixtures, name), 'utf8') });
const local: Endpoint = { kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', source: 'default-socket' };
const remote: Endpoint = { kind: 'tcp', host: 'build.example.com', port: 2376, url: 'tcp://build.example.com:2376', source: 'DOCKER_HOST' };

function daemonInfo(over: Partial<EngineDaemonInfo> = {}): EngineDaemonInfo {
  return { rootDir: '/var/lib/docker', mirrors: [], indexServer: 'https://index.docker.io/v1/', httpProxy: '', httpsProxy: '',
    noProxy: '', operatingSystem: 'Debian GNU/Linux 13 (trixie)', rootless: false, ...over };
}

function facts(over: Partial<EngineFacts> = {}, daemon: Partial<EngineDaemonInfo> = {}): EngineFacts {
  return { version: '26.1.5', apiVersion: '1.45', os: 'linux', arch: 'amd64',
    info: { serverVersion: '26.1.5', driver: 'overlay2', imageStore: 'graphdriver', swarm: 'inactive', daemon: daemonInfo(daemon) }, ...over };
}

/** Both languages are filled in, and the zh-CN text is Chinese. */
function assertBilingual(finding: Finding): void {
  for (const text of [finding.title, finding.detail, ...(finding.fix ? [finding.fix] : [])]) {
    assert.ok(text.en.trim().length > 0, `${finding.id}: English text`);
    assert.ok(/[\u4e00-\u9fff]/.test(text['zh-cn']) || text['zh-cn'] === text.en, `${finding.id}: Chinese text: ${text['zh-cn']}`);
  }
}

const levels = (findings: Finding[]) => findings.map((f) => `${f.id}=${f.level}`);

describe('doctor: docker CLI, engine, builder, Compose, image store', () => {
  test('docker CLI present or missing', () => {
    assert.equal(checkDockerCli('Docker version 28.2.2, build e6534b4').level, 'ok');
    const missing = checkDockerCli(undefined);
    assert.equal(missing.level, 'error');
    assert.match(missing.fix!.en, /Install the Docker CLI/);
    assertBilingual(missing);
  });

  test('engine: reachable, too old, not running, permission denied, bad address', () => {
    const ok = checkEngine(facts(), undefined, local);
    assert.equal(ok.level, 'ok');
    assert.match(ok.detail.en, /Docker Engine 26\.1\.5 \(API 1\.45, linux\/amd64\) at unix:\/\/\/var\/run\/docker\.sock/);
    assert.equal(checkEngine(facts({ version: '19.03.15' }), undefined, local).level, 'warning');
    const down = checkEngine(undefined, new EngineError('unreachable', 'x', local.url, undefined, 'connect ENOENT /var/run/docker.sock'), local);
    assert.equal(down.level, 'error');
    assert.match(down.detail.en, /ENOENT/);
    assert.match(down.fix!['zh-cn'], /systemctl start docker/);
    const denied = checkEngine(undefined, new EngineError('permission-denied', 'x', local.url), local);
    assert.match(denied.fix!.en, /usermod -aG docker/);
    const bad = checkEngine(undefined, new EngineError('bad-host', 'The Docker host "tcp:/x" is not valid'), local);
    assert.match(bad.detail.en, /tcp:\/x/);
    for (const finding of [ok, down, denied, bad]) assertBilingual(finding);
  });

  test('builder: BuildKit with buildx; DOCKER_BUILDKIT=1 without buildx fails; legacy forced or for want of buildx', () => {
    assert.equal(checkBuilder({ buildx: 'github.com/docker/buildx v0.13.1' }, {}).level, 'ok');
    const broken = checkBuilder({}, { DOCKER_BUILDKIT: '1' });
    assert.equal(broken.level, 'error');
    assert.match(broken.detail.en, /buildx plugin is missing/);
    const forced = checkBuilder({ buildx: 'v0.13.1' }, { DOCKER_BUILDKIT: '0' });
    assert.equal(forced.level, 'warning');
    assert.match(forced.detail.en, /DOCKER_BUILDKIT=0/);
    const noBuildx = checkBuilder({}, {});
    assert.equal(noBuildx.level, 'warning');
    assert.match(noBuildx.fix!.en, /docker-buildx-plugin/);
    for (const finding of [broken, forced, noBuildx]) assertBilingual(finding);
  });

  test('Compose v2 present or missing', () => {
    assert.equal(checkCompose({ compose: '2.26.1' }).level, 'ok');
    const missing = checkCompose({});
    assert.equal(missing.level, 'warning');
    assertBilingual(missing);
  });

  test('image store: containerd, overlay2, vfs, a removed driver', () => {
    const containerd = checkImageStore(facts({ info: { ...facts().info, imageStore: 'containerd', driver: 'overlayfs' } }));
    assert.match(containerd.detail.en, /containerd image store \(snapshotter overlayfs\)/);
    assert.equal(checkImageStore(facts()).level, 'ok');
    assert.equal(checkImageStore(facts({ info: { ...facts().info, driver: 'vfs' } })).level, 'warning');
    assert.equal(checkImageStore(facts({ info: { ...facts().info, driver: 'devicemapper' } })).level, 'warning');
  });
});

describe('doctor: daemon.json', () => {
  const file = '/etc/docker/daemon.json';
  test('missing file: defaults; unreadable: not checked', () => {
    assert.deepEqual(levels(checkDaemonConfig({ file, answer: { missing: true } }).findings), ['file=ok']);
    const unreadable = checkDaemonConfig({ file, answer: { unreadable: 'EACCES' } }).findings[0];
    assert.equal(unreadable.skipped, true);
    assert.match(unreadable.fix!.en, /dockerd --validate --config-file/);
  });

  test('the registry-mirror typo: an error that names the key and suggests registry-mirrors, in both languages', () => {
    const [finding] = checkDaemonConfig({ file, answer: fixture('typo-mirror.json') }).findings;
    assert.equal(finding.level, 'error');
    assert.equal(finding.id, 'unknown-key:registry-mirror');
    assert.match(finding.fix!.en, /Did you mean "registry-mirrors"\?/);
    assert.match(finding.fix!['zh-cn'], /是不是想写 "registry-mirrors"/);
    assert.match(finding.detail.en, /refuses to start/);
    assertBilingual(finding);
  });

  test('bad JSON: the line and column and what to do', () => {
    const [comma] = checkDaemonConfig({ file, answer: fixture('trailing-comma.json') }).findings;
    assert.equal(comma.level, 'error');
    assert.match(comma.detail.en, /daemon\.json:3:33/);
    assert.match(comma.fix!.en, /Delete that comma/);
    const [comment] = checkDaemonConfig({ file, answer: fixture('comment.json') }).findings;
    assert.match(comment.detail['zh-cn'], /注释/);
    const [broken] = checkDaemonConfig({ file, answer: fixture('broken.json') }).findings;
    assert.match(broken.detail.en, /Not valid JSON at \/etc\/docker\/daemon\.json:3:/);
    for (const finding of [comma, comment, broken]) assertBilingual(finding);
  });

  test('proxies: fine on Engine 26, an error on 20.10 with the systemd way as the fix; misplaced and misspelt proxy keys', () => {
    assert.deepEqual(levels(checkDaemonConfig({ file, answer: fixture('proxies.json'), engine: { major: 26, minor: 1, text: '26.1.5' } }).findings), ['file=ok']);
    const [old] = checkDaemonConfig({ file, answer: fixture('proxies.json'), engine: { major: 20, minor: 10, text: '20.10.24' } }).findings;
    assert.equal(old.level, 'error');
    assert.match(old.fix!.en, /http-proxy\.conf/);
    const wrong = checkDaemonConfig({ file, answer: fixture('proxies-wrong.json') }).findings;
    assert.deepEqual(levels(wrong), ['misplaced-key:https-proxy=error', 'unknown-key:proxies.http_proxy=error', 'unknown-key:proxies.noproxy=error']);
    assert.match(wrong[0].fix!.en, /"proxies": \{ "https-proxy": … \}/);
    for (const finding of [old, ...wrong]) assertBilingual(finding);
  });

  test('removed keys: a warning while the engine still takes them, an error after', () => {
    const old = checkDaemonConfig({ file, answer: fixture('removed-keys.json'), engine: { major: 20, minor: 10, text: '20.10.24' } }).findings;
    assert.deepEqual(old.map((f) => f.level), ['warning', 'warning', 'warning']);
    assert.match(old[0].fix!.en, /Use "data-root" instead/);
    const current = checkDaemonConfig({ file, answer: fixture('removed-keys.json'), engine: { major: 26, minor: 1, text: '26.1.5' } }).findings;
    assert.deepEqual(current.map((f) => f.level), ['error', 'error', 'error']);
  });

  test('a file the running daemon has not applied yet', () => {
    const result = checkDaemonConfig({ file, answer: fixture('valid.json'), effectiveMirrors: [] });
    assert.deepEqual(levels(result.findings), ['not-applied=warning']);
    assert.match(result.findings[0].fix!.en, /systemctl restart docker/);
    assert.deepEqual(levels(checkDaemonConfig({ file, answer: fixture('valid.json'), effectiveMirrors: ['https://mirror.example.com/'] }).findings), ['file=ok']);
  });
});

describe('doctor: registries', () => {
  const answers = (map: Record<string, RegistryAnswer>) => {
    const asked: string[] = [];
    return { asked, registry: async (url: string) => { asked.push(url); return map[url] ?? { error: 'ECONNREFUSED', timedOut: false }; } };
  };

  test('the default registry is Docker Hub\'s registry-1 unless the engine or an override says otherwise', () => {
    assert.equal(defaultRegistryUrl('https://index.docker.io/v1/'), DOCKER_HUB_REGISTRY);
    assert.equal(defaultRegistryUrl(undefined), DOCKER_HUB_REGISTRY);
    assert.equal(defaultRegistryUrl('https://registry.example.com/v1/'), 'https://registry.example.com');
    assert.equal(defaultRegistryUrl('https://index.docker.io/v1/', 'http://127.0.0.1:5000/'), 'http://127.0.0.1:5000');
  });

  test('only the configured addresses are asked; a mirror that answers, one that does not, Docker Hub asking for a login', async () => {
    const probe = answers({
      'https://good.example.com/v2/': { status: 200 },
      [`${DOCKER_HUB_REGISTRY}/v2/`]: { status: 401 },
      'https://down.example.com/v2/': { error: 'no answer within 5 s', timedOut: true },
    });
    const findings = await checkRegistries({ fileMirrors: ['https://good.example.com', 'https://down.example.com/'],
      effectiveMirrors: ['https://good.example.com/'], fileIsTheDaemons: true, endpoint: local, timeoutMs: 5000, ...probe });
    assert.deepEqual(probe.asked.sort(), ['https://down.example.com/v2/', 'https://good.example.com/v2/', `${DOCKER_HUB_REGISTRY}/v2/`].sort());
    assert.deepEqual(levels(findings), ['mirror:https://good.example.com=ok', 'mirror:https://down.example.com=warning', 'default-registry=ok']);
    assert.match(findings[1].detail.en, /does not answer \(no answer within 5 s\)/);
    assert.match(findings[1].detail.en, /not in use yet/);
    assert.match(findings[0].detail.en, /in use by the daemon/);
    assert.match(findings[2].detail.en, /401/);
    // A daemon.json named by hand is not the daemon's: its mirrors are only "listed", not "not in use yet".
    const other = await checkRegistries({ fileMirrors: ['https://down.example.com'], effectiveMirrors: [], fileIsTheDaemons: false,
      endpoint: local, timeoutMs: 5000, ...answers({}) });
    assert.match(other[0].detail.en, /\(listed in daemon\.json\)/);
    for (const finding of findings) assertBilingual(finding);
  });

  test('nothing answers: the default registry is an error; with a working mirror only a warning', async () => {
    const none = await checkRegistries({ fileMirrors: [], endpoint: local, timeoutMs: 1000, ...answers({}) });
    assert.deepEqual(levels(none), ['default-registry=error']);
    assert.match(none[0].fix!.en, /docker save \/ docker load/);
    const viaMirror = await checkRegistries({ fileMirrors: ['http://127.0.0.1:5001'], endpoint: local, timeoutMs: 1000,
      ...answers({ 'http://127.0.0.1:5001/v2/': { status: 200 } }) });
    assert.deepEqual(levels(viaMirror), ['mirror:http://127.0.0.1:5001=ok', 'default-registry=warning']);
  });

  test('a mirror that answers like something else, a shut-down mirror (not contacted), and the caveats of a proxy or a remote engine', async () => {
    const probe = answers({ 'https://web.example.com/v2/': { status: 404 } });
    const findings = await checkRegistries({ fileMirrors: ['https://web.example.com', 'https://hub-mirror.c.163.com'],
      endpoint: remote, daemonProxy: 'http://proxy.example.com:3128', timeoutMs: 1000, ...probe });
    assert.ok(!probe.asked.some((url) => url.includes('163.com')), 'a shut-down mirror is not contacted');
    assert.deepEqual(levels(findings), ['mirror:https://web.example.com=warning', 'mirror:https://hub-mirror.c.163.com=warning', 'default-registry=warning']);
    assert.match(findings[0].detail.en, /HTTP 404, not like a registry/);
    assert.match(findings[1].title.en, /has shut down/);
    assert.match(findings[2].detail.en, /uses the proxy http:\/\/proxy\.example\.com:3128/);
    assert.match(findings[2].detail.en, /engine at tcp:\/\/build\.example\.com:2376 may reach it differently/);
  });
});

describe('doctor: proxies', () => {
  test('the variables, upper case first, and masked credentials', () => {
    assert.deepEqual(proxyVariables({ https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2', no_proxy: 'localhost' }),
      { http: undefined, https: 'http://b:2', noProxy: 'localhost' });
    assert.equal(maskCredentials('http://ann:secret@proxy.example.com:3128'), 'http://xxxxx:xxxxx@proxy.example.com:3128');
  });

  test('a proxy only in the shell: the notes\' "http_proxy has no effect" case', () => {
    const findings = checkProxies({ daemon: { httpProxy: '', httpsProxy: '', noProxy: '', desktop: false }, fileProxies: {},
      clientEnv: { https_proxy: 'http://127.0.0.1:7890' } });
    assert.deepEqual(levels(findings), ['daemon-proxy=ok', 'shell-only=warning']);
    assert.match(findings[1].detail.en, /HTTPS_PROXY=http:\/\/127\.0\.0\.1:7890/);
    assert.match(findings[1].detail['zh-cn'], /对 docker pull 不起作用/);
    for (const finding of findings) assertBilingual(finding);
  });

  test('the daemon\'s proxy, what systemd started it with, and daemon.json proxies not applied yet', () => {
    const findings = checkProxies({
      daemon: { httpProxy: 'http://xxxxx:xxxxx@proxy.example.com:3128', httpsProxy: 'http://xxxxx:xxxxx@proxy.example.com:3128', noProxy: 'localhost', desktop: false },
      daemonEnvironment: { source: 'systemd', env: { HTTPS_PROXY: 'http://ann:secret@proxy.example.com:3128' } },
      fileProxies: { https: 'http://new-proxy.example.com:3128' }, compareWithFile: true, clientEnv: {},
    });
    assert.deepEqual(levels(findings), ['daemon-proxy=ok', 'not-applied=warning']);
    assert.match(findings[0].detail.en, /systemd starts docker\.service with HTTPS_PROXY=http:\/\/xxxxx:xxxxx@proxy\.example\.com:3128/);
    assert.doesNotMatch(JSON.stringify(findings), /secret/);
    assert.match(findings[1].detail.en, /new-proxy\.example\.com/);
    // A file that is not the daemon's own (--daemon-config) is not compared with what the daemon uses.
    const other = checkProxies({ daemon: { httpProxy: '', httpsProxy: '', noProxy: '', desktop: false },
      fileProxies: { https: 'http://new-proxy.example.com:3128' }, compareWithFile: false, clientEnv: {} });
    assert.deepEqual(levels(other), ['daemon-proxy=ok']);
  });

  test('Docker Desktop\'s own forwarding proxy is explained; an engine that did not answer is not judged', () => {
    const [desktop] = checkProxies({ daemon: { httpProxy: 'http.docker.internal:3128', httpsProxy: 'http.docker.internal:3128', noProxy: 'hubproxy.docker.internal', desktop: true },
      fileProxies: {}, clientEnv: {} });
    assert.match(desktop.detail.en, /Docker Desktop's own forwarding proxy/);
    const [unknown] = checkProxies({ fileProxies: { https: 'http://proxy.example.com:3128' }, clientEnv: {} });
    assert.equal(unknown.skipped, true);
    assert.match(unknown.detail.en, /daemon\.json sets HTTPS_PROXY=http:\/\/proxy\.example\.com:3128/);
  });
});

describe('doctor: disk space', () => {
  const GIB = 1024 ** 3;
  test('plenty, tight, nearly full, not measurable', () => {
    assert.equal(checkDisk({ rootDir: '/var/lib/docker', space: { freeBytes: 50 * GIB, totalBytes: 100 * GIB } }).level, 'ok');
    const tight = checkDisk({ rootDir: '/var/lib/docker', space: { freeBytes: DISK_WARNING_BYTES - 1, totalBytes: 100 * GIB } });
    assert.equal(tight.level, 'warning');
    const full = checkDisk({ rootDir: '/var/lib/docker', space: { freeBytes: DISK_ERROR_BYTES - 1, totalBytes: 100 * GIB } });
    assert.equal(full.level, 'error');
    assert.match(full.detail.en, /no space left on device/);
    assert.match(full.fix!.en, /docker system df/);
    const elsewhere = checkDisk({ rootDir: '/var/lib/docker', elsewhere: 'Docker Desktop' });
    assert.equal(elsewhere.skipped, true);
    assert.match(elsewhere.detail.en, /Docker Desktop/);
    for (const finding of [tight, full, elsewhere]) assertBilingual(finding);
  });
});

describe('runDoctor with injected probes', () => {
  function probes(over: Partial<DoctorProbes> = {}): DoctorProbes & { registriesAsked: string[]; filesRead: string[] } {
    const registriesAsked: string[] = [];
    const filesRead: string[] = [];
    return {
      registriesAsked, filesRead,
      dockerCli: async () => 'Docker version 28.2.2, build e6534b4',
      engine: async () => facts({}, { mirrors: ['http://127.0.0.1:5001/'] }),
      plugins: async () => ({ buildx: 'v0.13.1', compose: '2.26.1' }),
      readFile: async (file) => { filesRead.push(file); return { text: '{ "registry-mirrors": ["http://127.0.0.1:5001"] }' }; },
      registry: async (url) => { registriesAsked.push(url); return url.startsWith('http://127.0.0.1:5001') ? { status: 200 } : { status: 401 }; },
      diskSpace: async () => ({ freeBytes: 40 * 1024 ** 3, totalBytes: 100 * 1024 ** 3 }),
      daemonEnvironment: async () => undefined,
      ...over,
    };
  }
  const base = { endpoint: local, env: {}, platform: 'linux' as const, homeDir: '/home/ann', defaultRegistry: 'http://127.0.0.1:5000' };

  test('a healthy setup: every area reported in order, all ok, exit code 0', async () => {
    const p = probes();
    const report = await runDoctor({ ...base, probes: p });
    assert.deepEqual(report.findings.map((f) => f.area), ['docker-cli', 'engine', 'builder', 'compose', 'image-store', 'daemon-config', 'registry', 'registry', 'proxy', 'disk']);
    assert.deepEqual(report.counts, { ok: 10, warning: 0, error: 0 });
    assert.equal(report.exitCode, 0);
    assert.equal(report.daemonConfigPath, '/etc/docker/daemon.json');
    assert.deepEqual(p.filesRead, ['/etc/docker/daemon.json']);
    assert.deepEqual(p.registriesAsked.sort(), ['http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5001/v2/']);
  });

  test('the engine does not answer: an error, the local checks still run, exit code 1', async () => {
    const report = await runDoctor({ ...base, probes: probes({ engine: async () => { throw new EngineError('unreachable', 'down', local.url); } }) });
    assert.equal(report.exitCode, 1);
    const byArea = Object.fromEntries(report.findings.map((f) => [f.area, f]));
    assert.equal(byArea.engine.level, 'error');
    assert.equal(byArea['image-store'], undefined);
    assert.equal(byArea.disk.skipped, true);
    assert.ok(report.findings.some((f) => f.id === 'mirror:http://127.0.0.1:5001' && f.level === 'ok'));
  });

  test('--daemon-config (or DOCKER_LESSONS_DAEMON_CONFIG) points elsewhere; a rootless engine reads ~/.config/docker; DOCKER_LESSONS_DEFAULT_REGISTRY replaces Docker Hub', async () => {
    const p = probes();
    await runDoctor({ ...base, probes: p, daemonConfig: '/tmp/custom.json' });
    await runDoctor({ ...base, probes: p, env: { DOCKER_LESSONS_DAEMON_CONFIG: '/tmp/from-env.json' } });
    assert.deepEqual(p.filesRead, ['/tmp/custom.json', '/tmp/from-env.json']);
    const rootless = probes({ engine: async () => facts({}, { rootless: true }) });
    const report = await runDoctor({ ...base, defaultRegistry: undefined, env: { DOCKER_LESSONS_DEFAULT_REGISTRY: 'http://127.0.0.1:5999' }, probes: rootless });
    assert.equal(report.daemonConfigPath, '/home/ann/.config/docker/daemon.json');
    assert.ok(rootless.registriesAsked.includes('http://127.0.0.1:5999/v2/'));
    assert.ok(!rootless.registriesAsked.some((url) => url.includes('docker.io')));
  });

  test('a misspelt key makes the exit code 1', async () => {
    const report = await runDoctor({ ...base, probes: probes({ readFile: async () => fixture('typo-mirror.json') }) });
    assert.equal(report.exitCode, 1);
    assert.ok(report.findings.some((f) => f.id === 'unknown-key:registry-mirror'));
  });
});
