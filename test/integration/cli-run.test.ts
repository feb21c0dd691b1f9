// The built `docker-lessons` command against the real engine: run the fixture lesson (--json), reset it, a --skip
// that breaks the next step (exit 1), a learner's own same-name container left alone, and bad input (exit 2).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isEngineError, type DockerEngine } from '../../src/engine';
import { connectOrSkip, dockerCli, ensureTestImage, freePort, uniqueName } from '../support/engine';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join('test', 'fixtures', 'runner');

before(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, `npm run build failed:\n${build.stderr}`);
});

interface CliRun { code: number | null; stdout: string; stderr: string; json?: Record<string, unknown> }

function makeCli(engine: DockerEngine | undefined, dirs: { state: string; work: string }) {
  return (args: string[], extraEnv: NodeJS.ProcessEnv = {}): CliRun => {
    const result = spawnSync(process.execPath, ['bin/docker-lessons.cjs', ...args], {
      cwd: ROOT, encoding: 'utf8', timeout: 180_000, input: '',
      env: {
        ...process.env, NO_COLOR: '1', DOCKER_LESSONS_STATE_DIR: dirs.state, DOCKER_LESSONS_WORK_DIR: dirs.work,
        ...(engine ? { DOCKER_HOST: engine.endpoint.url } : {}), ...extraEnv,
      },
    });
    let json: Record<string, unknown> | undefined;
    if (args.includes('--json')) json = JSON.parse(result.stdout) as Record<string, unknown>; // one document, nothing else
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, json };
  };
}

function tempDirs(t: { after(fn: () => void): void }) {
  const dirs = {
    state: fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-cli-state-')),
    work: fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-cli-work-')),
  };
  t.after(() => { for (const dir of Object.values(dirs)) fs.rmSync(dir, { recursive: true, force: true }); });
  return dirs;
}

async function exists(engine: DockerEngine, check: () => Promise<unknown>): Promise<boolean> {
  void engine;
  try {
    await check();
    return true;
  } catch (error) {
    if (isEngineError(error) && error.code === 'not-found') return false;
    throw error;
  }
}

async function cleanup(engine: DockerEngine, name: string): Promise<void> {
  for (const container of [`${name}-web`, `${name}-it`]) await engine.removeContainer(container, { force: true }).catch(() => undefined);
  await engine.removeImage(`${name}-img`).catch(() => undefined);
  await engine.removeVolume(`${name}-data`).catch(() => undefined);
  await engine.removeNetwork(`${name}-net`).catch(() => undefined);
}

interface JsonOutcome { stepId: string; status: string; checks: { pass: boolean; expected: string; actual: string; hint?: string }[] }

test('cli run --json --yes passes the fixture lesson; reset leaves none of its objects', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  await ensureTestImage(engine);
  const name = uniqueName('dl-test-runner-cli');
  t.after(() => cleanup(engine, name));
  const cli = makeCli(engine, tempDirs(t));
  const port = await freePort();

  const run = cli(['run', 'runner-fixture', '--lessons', FIXTURES, '--json', '--yes', '--var', `name=${name}`, '--var', `port=${port}`]);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  assert.equal(run.json!.passed, true);
  const outcomes = run.json!.outcomes as JsonOutcome[];
  assert.deepEqual(outcomes.map((o) => o.status), ['passed', 'passed', 'passed', 'passed', 'passed', 'skipped', 'passed']);

  const reset = cli(['reset', 'runner-fixture', '--lessons', FIXTURES, '--yes', '--json']);
  assert.equal(reset.code, 0, reset.stdout + reset.stderr);
  assert.deepEqual(reset.json!.failed, []);
  assert.equal(await exists(engine, () => engine.inspectContainer(`${name}-it`)), false);
  assert.equal(await exists(engine, () => engine.inspectImage(`${name}-img`)), false);
  assert.equal(await exists(engine, () => engine.inspectVolume(`${name}-data`)), false);
  assert.equal(await exists(engine, () => engine.inspectNetwork(`${name}-net`)), false);
  assert.equal(await exists(engine, () => engine.inspectImage('dl-test/busybox:latest')), true);
});

test('cli run --skip of the container step: the next step fails with expected / actual, exit 1', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  await ensureTestImage(engine);
  const name = uniqueName('dl-test-runner-cli');
  t.after(() => cleanup(engine, name));
  const cli = makeCli(engine, tempDirs(t));

  const json = cli(['run', '1', '--lessons', FIXTURES, '--json', '--yes', '--skip', 'run-web', '--var', `name=${name}`]);
  assert.equal(json.code, 1);
  const exec = (json.json!.outcomes as JsonOutcome[]).find((o) => o.stepId === 'exec-web')!;
  assert.equal(exec.status, 'failed');
  assert.ok(exec.checks.some((c) => !c.pass && c.expected && c.actual));

  // The same run for people, in Chinese: progress line, ✗ and 期望 / 实际 / 提示.
  const human = cli(['run', '1', '--lessons', FIXTURES, '--yes', '--skip', 'run-web', '--var', `name=${name}`, '--lang', 'zh-cn']);
  assert.equal(human.code, 1);
  assert.match(human.stdout, /\[2\/6\] 在容器里读取首页 …/);
  assert.match(human.stdout, /✗/);
  assert.match(human.stdout, /期望：/);
  assert.match(human.stdout, /实际：/);
  assert.match(human.stdout, /提示：先运行上一步/);
  assert.doesNotMatch(human.stdout, /\u001b\[/, 'no colors when stdout is not a terminal');
});

test('cli run --step X --redo runs the steps X needs first, then X (the page\'s redo), after its container was removed by hand', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  await ensureTestImage(engine);
  const name = uniqueName('dl-test-runner-cli');
  t.after(() => cleanup(engine, name));
  const cli = makeCli(engine, tempDirs(t));
  const vars = ['--var', `name=${name}`, '--var', `port=${await freePort()}`];

  const made = cli(['run', 'runner-fixture', '--lessons', FIXTURES, '--json', '--yes', '--step', 'run-web', ...vars]);
  assert.equal(made.code, 0, made.stdout + made.stderr);
  const firstId = (await engine.inspectContainer(`${name}-web`)).Id;
  await engine.removeContainer(`${name}-web`, { force: true }); // by hand

  const alone = cli(['run', 'runner-fixture', '--lessons', FIXTURES, '--json', '--yes', '--step', 'exec-web', ...vars]);
  assert.equal(alone.code, 1, 'without --redo the step fails: its container is gone');
  assert.deepEqual((alone.json!.outcomes as JsonOutcome[]).map((o) => `${o.stepId}:${o.status}`), ['exec-web:failed']);

  const redo = cli(['run', 'runner-fixture', '--lessons', FIXTURES, '--json', '--yes', '--step', 'exec-web', '--redo', ...vars]);
  assert.equal(redo.code, 0, redo.stdout + redo.stderr);
  assert.deepEqual((redo.json!.outcomes as JsonOutcome[]).map((o) => `${o.stepId}:${o.status}`), ['run-web:passed', 'exec-web:passed']);
  assert.notEqual((await engine.inspectContainer(`${name}-web`)).Id, firstId, 'run-web made its container again');

  const usage = cli(['run', 'runner-fixture', '--lessons', FIXTURES, '--redo']);
  assert.equal(usage.code, 2, '--redo without --step is a usage error');
  assert.match(usage.stderr, /--redo/);
});

test('cli reset never removes a same-name container that existed before the lesson', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  await ensureTestImage(engine);
  const name = uniqueName('dl-test-runner-cli');
  t.after(() => cleanup(engine, name));
  const cli = makeCli(engine, tempDirs(t));
  await dockerCli(engine, ['create', '--label', 'docker-lessons.test=runner', '--name', `${name}-web`, 'dl-test/busybox:latest', 'sleep', '1']);

  const run = cli(['run', '1', '--lessons', FIXTURES, '--json', '--step', 'run-web', '--var', `name=${name}`, '--var', `port=${await freePort()}`]);
  assert.equal(run.code, 1);
  const reset = cli(['reset', '1', '--lessons', FIXTURES, '--yes', '--json']);
  assert.equal(reset.code, 0);
  assert.ok(!(reset.json!.planned as { name: string }[]).some((item) => item.name === `${name}-web`));
  assert.equal(await exists(engine, () => engine.inspectContainer(`${name}-web`)), true);
});

test('cli bad input exits 2; list, show and lint work without an engine', (t) => {
  const cli = makeCli(undefined, tempDirs(t));
  const unknown = cli(['run', 'no-such-lesson', '--lessons', FIXTURES, '--json']);
  assert.equal(unknown.code, 2);
  assert.match(String(unknown.json!.error), /no-such-lesson/);
  assert.equal(cli(['run', '1', '--lessons', FIXTURES, '--step', 'nope']).code, 2);
  assert.equal(cli(['run', '1', '--lessons', FIXTURES, '--var', 'port=notaport']).code, 2);
  assert.equal(cli(['run', '1', '--lessons', FIXTURES, '--var', 'nosuch=1']).code, 2);
  assert.equal(cli(['run', '1', '--lessons', FIXTURES, '--frobnicate']).code, 2);
  assert.equal(cli(['frobnicate']).code, 2);
  // The learner issue's injection through a variable: refused before anything runs, nothing executed.
  const marker = path.join(os.tmpdir(), `dl-injected-${process.pid}`);
  const injected = cli(['run', 'networking', '--step', 'net2-create', '--var', `subnet=172.31.250; touch ${marker}; echo 172.31.250`, '--yes', '--lang', 'en']);
  assert.equal(injected.code, 2);
  assert.match(injected.stderr, /is not the first three numbers of an IPv4 address/);
  assert.ok(!fs.existsSync(marker), 'the value ran a command');
  // A destructive step with no terminal to ask and no --yes.
  const destructive = cli(['run', '1', '--lessons', FIXTURES, '--step', 'remove-web', '--lang', 'zh-cn']);
  assert.equal(destructive.code, 2);
  assert.match(destructive.stderr, /--yes/);
  // The engine unreachable: exit 1 with the classified message.
  const down = cli(['check', '1', '--lessons', FIXTURES, '--host', 'unix:///nonexistent/docker.sock', '--lang', 'en']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /nonexistent/);

  const list = cli(['list', '--lessons', FIXTURES, '--json']);
  assert.equal(list.code, 0);
  assert.deepEqual((list.json!.lessons as { id: string }[]).map((l) => l.id), ['runner-fixture']);
  const show = cli(['show', 'runner-fixture', '--lessons', FIXTURES, '--lang', 'zh-cn']);
  assert.equal(show.code, 0);
  assert.match(show.stdout, /运行器测试课/);
  assert.match(show.stdout, /write-dockerfile/);
  const lint = cli(['lint', FIXTURES, '--json']);
  assert.equal(lint.code, 0);
  assert.equal(lint.json!.errors, 0);
  const help = cli(['run', '--help', '--lang', 'zh-cn']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /退出码/);
});
