// The doctor against the real engine and two registries this test starts (Debian's docker-registry, each with its own
// config file, on free 127.0.0.1 ports). One is stopped on purpose: its finding must say it does not answer. The
// daemon.json checked lists both as mirrors; the default registry is pointed at the first, so no outside address is
// ever contacted. The built CLI is run the same way (--json, exit codes).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { realProbes, runDoctor, type DoctorReport } from '../../src/doctor';
import { connectOrSkip, freePort } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..');
const REGISTRY_BINARY = '/usr/bin/docker-registry';

interface LocalRegistry { url: string; process: ChildProcess; dir: string }

function answers(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/v2/`, (response) => { response.resume(); resolve(response.statusCode); });
    request.setTimeout(1000, () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

async function startRegistry(): Promise<LocalRegistry> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-doctor-registry-'));
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(config, [
    'version: 0.1',
    'log:',
    '  level: error',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '',
  ].join('\n'));
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await answers(url) === 200) return { url, process: child, dir };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`docker-registry did not start on ${url}`);
}

async function stopRegistry(registry: LocalRegistry): Promise<void> {
  if (registry.process.exitCode === null && registry.process.signalCode === null) {
    const exited = new Promise((resolve) => registry.process.once('exit', resolve));
    registry.process.kill('SIGTERM');
    await exited;
  }
}

describe('doctor against the engine and two local registries', () => {
  const registries: LocalRegistry[] = [];
  let dir = '';
  let upUrl = '';
  let downUrl = '';

  before(async () => {
    if (!fs.existsSync(REGISTRY_BINARY)) return;
    registries.push(await startRegistry(), await startRegistry());
    [upUrl, downUrl] = registries.map((r) => r.url);
    await stopRegistry(registries[1]);
    assert.equal(await answers(downUrl), undefined, 'the stopped registry no longer answers');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-doctor-'));
    fs.writeFileSync(path.join(dir, 'daemon.json'), JSON.stringify({ 'registry-mirrors': [upUrl, downUrl] }, null, 2));
    fs.writeFileSync(path.join(dir, 'typo.json'), JSON.stringify({ 'registry-mirror': [upUrl] }, null, 2));
  });

  after(async () => {
    for (const registry of registries) {
      await stopRegistry(registry);
      fs.rmSync(registry.dir, { recursive: true, force: true });
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function skipWithoutRegistry(t: { skip(message: string): void }): boolean {
    if (fs.existsSync(REGISTRY_BINARY)) return false;
    const reason = `${REGISTRY_BINARY} is missing (apt-get install docker-registry)`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true, so this fails instead of skipping)`);
    t.skip(reason);
    return true;
  }

  test('runDoctor: the running registry answers, the stopped one does not, the engine and its tools are reported', async (t) => {
    if (skipWithoutRegistry(t)) return;
    const engine = await connectOrSkip(t);
    if (!engine) return;
    const report = await runDoctor({
      probes: realProbes({ engine, env: process.env }), endpoint: engine.endpoint, env: process.env, platform: process.platform,
      homeDir: os.homedir(), daemonConfig: path.join(dir, 'daemon.json'), defaultRegistry: upUrl, timeoutMs: 3000,
    });
    const byId = new Map(report.findings.map((f) => [f.id, f]));
    const up = byId.get(`mirror:${upUrl}`);
    const down = byId.get(`mirror:${downUrl}`);
    assert.equal(up?.level, 'ok', JSON.stringify(up));
    assert.match(up!.detail.en, /answers GET \/v2\/ with 200/);
    assert.equal(down?.level, 'warning', JSON.stringify(down));
    assert.match(down!.detail.en, /does not answer \(ECONNREFUSED/);
    assert.match(down!.detail['zh-cn'], /没有应答/);
    assert.ok(down!.fix, 'a mirror that does not answer comes with what to do');
    assert.equal(byId.get('default-registry')?.level, 'ok');
    assert.equal(byId.get('engine')?.level, 'ok');
    assert.match(byId.get('engine')!.detail.en, new RegExp(`at ${engine.endpoint.url.replace(/[/.]/g, '\\$&')}`));
    assert.equal(byId.get('file')?.level, 'ok', 'the daemon.json written here is valid');
    assert.ok(byId.has('builder') && byId.has('compose') && byId.has('image-store') && byId.has('disk') && byId.has('daemon-proxy'));
    assert.equal(report.exitCode, report.counts.error > 0 ? 1 : 0);
  });

  test('the CLI: --json report with both languages; a misspelt key makes the exit code 1', async (t) => {
    if (skipWithoutRegistry(t)) return;
    const engine = await connectOrSkip(t);
    if (!engine) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const cli = (file: string) => {
      const result = spawnSync(process.execPath, ['bin/docker-lessons.cjs', 'doctor', '--json', '--timeout', '3', '--daemon-config', file], {
        cwd: ROOT, encoding: 'utf8', timeout: 120_000,
        env: { ...process.env, DOCKER_HOST: engine.endpoint.url, DOCKER_LESSONS_DEFAULT_REGISTRY: upUrl, NO_COLOR: '1' },
      });
      return { code: result.status, report: JSON.parse(result.stdout) as DoctorReport };
    };
    const good = cli(path.join(dir, 'daemon.json'));
    assert.equal(good.code, good.report.exitCode);
    assert.ok(good.report.findings.every((f) => f.area !== 'registry' || f.level !== 'error'));
    const down = good.report.findings.find((f) => f.id === `mirror:${downUrl}`);
    assert.match(down!.detail.en, /does not answer/);
    assert.ok(down!.detail['zh-cn'].length > 0);
    const typo = cli(path.join(dir, 'typo.json'));
    assert.equal(typo.code, 1);
    const finding = typo.report.findings.find((f) => f.id === 'unknown-key:registry-mirror');
    assert.equal(finding?.level, 'error');
    assert.match(finding!.fix!.en, /registry-mirrors/);
  });
});
