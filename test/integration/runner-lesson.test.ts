// The runner against the real engine: the fixture lesson end to end, reset, a skipped prerequisite, a step run again
// (and one whose container is gone), and a learner's own same-name container that reset must leave alone.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DockerEngine } from '../../src/engine';
import { isEngineError } from '../../src/engine';
import { loadLessons } from '../../src/lessons';
import type { Lesson } from '../../src/lessons/schema';
import { checkStepSession, ensureImages, JsonFileStore, resetLesson, runLesson, runStep, type RunnerContext, type StepOutcome } from '../../src/runner';
import { connectOrSkip, dockerCli, ensureTestImage, freePort, uniqueName } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'runner');

async function fixtureLesson(): Promise<Lesson> {
  const { lessons, diagnostics } = await loadLessons(FIXTURES);
  assert.deepEqual(diagnostics, []);
  const lesson = lessons.find((l) => l.meta.id === 'runner-fixture');
  assert.ok(lesson, 'fixture lesson loads');
  return lesson;
}

async function exists(engine: DockerEngine, kind: 'container' | 'image' | 'volume' | 'network', name: string): Promise<boolean> {
  try {
    if (kind === 'container') await engine.inspectContainer(name);
    else if (kind === 'image') await engine.inspectImage(name);
    else if (kind === 'volume') await engine.inspectVolume(name);
    else await engine.inspectNetwork(name);
    return true;
  } catch (error) {
    if (isEngineError(error) && error.code === 'not-found') return false;
    throw error;
  }
}

/** Everything the fixture can create under `name`, removed whatever happened. */
async function cleanup(engine: DockerEngine, name: string): Promise<void> {
  for (const container of [`${name}-web`, `${name}-it`]) await engine.removeContainer(container, { force: true }).catch(() => undefined);
  await engine.removeImage(`${name}-img`).catch(() => undefined);
  await engine.removeVolume(`${name}-data`).catch(() => undefined);
  await engine.removeNetwork(`${name}-net`).catch(() => undefined);
}

async function setup(t: TestContext): Promise<{ engine: DockerEngine; ctx: RunnerContext; name: string; port: number; dirs: string[]; confirmed: string[] } | undefined> {
  const engine = await connectOrSkip(t);
  if (!engine) return undefined;
  await ensureTestImage(engine);
  const name = uniqueName('dl-test-runner');
  const port = await freePort();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-state-'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-work-'));
  const confirmed: string[] = [];
  t.after(async () => {
    await cleanup(engine, name);
    for (const dir of [state, work]) fs.rmSync(dir, { recursive: true, force: true });
  });
  const ctx: RunnerContext = {
    engine, workRoot: work, store: new JsonFileStore(state),
    confirm: async (question) => { confirmed.push(question); return true; },
    sink: { output: () => undefined, info: () => undefined },
  };
  return { engine, ctx, name, port, dirs: [state, work], confirmed };
}

test('runLesson runs the fixture lesson end to end, and reset removes exactly what it made', async (t) => {
  const env = await setup(t);
  if (!env) return;
  const { engine, ctx, name, port, confirmed } = env;
  const lesson = await fixtureLesson();
  const vars = { name, port: String(port) };

  const run = await runLesson(lesson, ctx, { vars });
  const summary = run.outcomes.map((o) => `${o.stepId}:${o.status}${o.status === 'passed' || o.status === 'skipped' ? '' : ` ${o.message ?? ''} ${o.output?.stderr ?? ''} ${JSON.stringify(o.checks.filter((c) => !c.pass))}`}`);
  assert.deepEqual(summary, [
    'run-web:passed', 'exec-web:passed', 'write-dockerfile:passed', 'build:passed', 'shell:passed', 'push:skipped', 'remove-web:passed',
  ]);
  assert.equal(run.passed, true);
  assert.equal(confirmed.length, 1, 'the destructive step asked for confirmation once');
  assert.match(run.outcomes[4].output?.stdout ?? '', /hi-from-tty/);
  assert.match(run.outcomes[5].message ?? '', /测试环境离线/);

  // The edit step built from the shipped file, and the lesson label was added to what the steps created.
  const workDir = path.join(ctx.workRoot, 'runner-fixture');
  assert.equal(fs.readFileSync(path.join(workDir, 'hello.txt'), 'utf8'), 'hello from the shipped file\n');
  const container = await engine.inspectContainer(`${name}-it`);
  assert.equal(container.Config.Labels?.['docker-lessons.lesson'], 'runner-fixture');

  const recorded = await ctx.store!.load('runner-fixture');
  assert.deepEqual(new Set(recorded.map((o) => `${o.kind}:${o.name}`)), new Set([
    `container:${name}-web`, `container:${name}-it`, `image:${name}-img:latest`, `volume:${name}-data`, `network:${name}-net`,
  ]));

  const dry = await resetLesson(lesson, { engine, store: ctx.store!, workRoot: ctx.workRoot, dryRun: true });
  assert.ok(dry.planned.length >= 5);
  assert.equal(dry.removed.length, 0);
  assert.equal(await exists(engine, 'container', `${name}-it`), true, 'a dry run removes nothing');

  let listed: string[] = [];
  const reset = await resetLesson(lesson, {
    engine, store: ctx.store!, workRoot: ctx.workRoot,
    confirm: async (items) => { listed = items.map((i) => `${i.kind}:${i.name}`); return true; },
  });
  assert.deepEqual(reset.failed, []);
  assert.ok(listed.includes(`container:${name}-it`) && listed.includes(`volume:${name}-data`));
  assert.equal(await exists(engine, 'container', `${name}-it`), false);
  assert.equal(await exists(engine, 'image', `${name}-img`), false);
  assert.equal(await exists(engine, 'volume', `${name}-data`), false);
  assert.equal(await exists(engine, 'network', `${name}-net`), false);
  assert.equal(await exists(engine, 'image', 'dl-test/busybox:latest'), true, 'the base image is never touched');
  assert.equal(fs.existsSync(workDir), false);
  assert.deepEqual(await ctx.store!.load('runner-fixture'), []);
});

test('skipping the container step makes the next step fail with expected / actual', async (t) => {
  const env = await setup(t);
  if (!env) return;
  const lesson = await fixtureLesson();
  const run = await runLesson(lesson, env.ctx, { vars: { name: env.name, port: String(env.port) }, skip: ['run-web'] });
  assert.equal(run.passed, false);
  assert.equal(run.outcomes[0].status, 'skipped');
  const exec = run.outcomes[1];
  assert.equal(exec.stepId, 'exec-web');
  assert.equal(exec.status, 'failed');
  const failed = exec.checks.filter((c) => !c.pass);
  assert.ok(failed.length >= 1);
  assert.ok(failed.every((c) => c.expected.length > 0 && c.actual.length > 0));
  assert.ok(failed.some((c) => c.hint?.includes(`${env.name}-web`)), 'the step hint names the container');
  assert.ok(run.outcomes.slice(2).every((o) => o.status === 'skipped'), 'later steps are not run');
});

test('a step runs again; checks on a container removed by hand fail at once naming the step that makes it, and running those steps again passes', async (t) => {
  const env = await setup(t);
  if (!env) return;
  const { engine, ctx, name, port } = env;
  const lesson = await fixtureLesson();
  const vars = { name, port: String(port) };
  const step = (id: string) => lesson.steps.find((s) => s.id === id)!;
  const brief = (o: StepOutcome) => `${o.stepId}:${o.status} ${o.message ?? ''} ${JSON.stringify(o.checks.filter((c) => !c.pass))}`;

  const first = await runStep(lesson, step('run-web'), ctx, { vars });
  assert.equal(first.status, 'passed', brief(first));
  const firstId = (await engine.inspectContainer(`${name}-web`)).Id;
  const again = await runStep(lesson, step('run-web'), ctx, { vars });
  assert.equal(again.status, 'passed', `the second run passes too: ${brief(again)}`);
  assert.notEqual((await engine.inspectContainer(`${name}-web`)).Id, firstId, 'the first run\'s container was removed and made again');

  await engine.removeContainer(`${name}-web`, { force: true }); // by hand
  const checked = await checkStepSession(lesson, step('run-web'), ctx, { vars });
  const http = checked.checks.find((c) => c.kind === 'http')!;
  assert.deepEqual(http.missing, { kind: 'container', name: `${name}-web` }, 'the HTTP check names the missing container');
  assert.ok(http.durationMs < 3000, `the HTTP check did not wait its 10 s: ${http.durationMs} ms`);

  const exec = await runStep(lesson, step('exec-web'), ctx, { vars });
  assert.equal(exec.status, 'failed');
  const execCheck = exec.checks.find((c) => c.kind === 'exec')!;
  assert.deepEqual(execCheck.missing, { kind: 'container', name: `${name}-web` });
  assert.deepEqual(execCheck.madeBy, { stepId: 'run-web', title: step('run-web').title });
  assert.ok(execCheck.hint?.includes(step('run-web').title), `the hint names the step that makes it: ${execCheck.hint}`);
  assert.deepEqual(exec.redo, ['run-web']);
  assert.ok(exec.message?.includes(`${name}-web`), `the step says what it needs is gone: ${exec.message}`);

  const chain = [...exec.redo!, 'exec-web'];
  for (const [index, id] of chain.entries()) {
    const outcome = await runStep(lesson, step(id), ctx, { vars, undo: index === 0 ? chain : undefined });
    assert.equal(outcome.status, 'passed', brief(outcome));
  }
});

test('a learner\'s own same-name container is neither recorded nor removed by reset', async (t) => {
  const env = await setup(t);
  if (!env) return;
  const { engine, ctx, name } = env;
  const lesson = await fixtureLesson();
  await dockerCli(engine, ['create', '--label', 'docker-lessons.test=runner', '--name', `${name}-web`, 'dl-test/busybox:latest', 'sleep', '1']);
  const run = await runLesson(lesson, ctx, { vars: { name, port: String(env.port) }, onlyStep: 'run-web' });
  assert.equal(run.passed, false, 'docker run fails: the name is taken');
  assert.match(run.outcomes[0].message ?? '', /1|125/);
  assert.deepEqual(await ctx.store!.load('runner-fixture'), []);
  const reset = await resetLesson(lesson, { engine, store: ctx.store!, workRoot: ctx.workRoot, confirm: async () => true });
  assert.ok(!reset.planned.some((item) => item.name === `${name}-web`));
  assert.equal(await exists(engine, 'container', `${name}-web`), true);
});

test('a missing image that cannot be pulled gets the stand-in advice', async (t) => {
  const engine = await connectOrSkip(t);
  if (!engine) return;
  const missing = await ensureImages(engine, ['127.0.0.1:9/dl-test-runner-missing:1'], { ...process.env, DOCKER_HOST: engine.endpoint.url }, os.tmpdir());
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /npm run images/);
  assert.match(missing[0].message, /registry-mirrors/);
});
