// Faults, with numbers: what a learner sees when the engine fails under them. A PRIVATE dockerd of this test's own
// (test/e2e/lib/empty-engine.cjs: its own socket, data root, exec root and network namespace; never the shared engines)
// is killed with SIGKILL in the middle of a step, of a build and of the event stream, and its socket file is replaced;
// a stub server on a unix socket answers every request with HTTP 500, or never answers. Each time the step (run through
// the real lesson host, its VS Code side played by test/support/vscodeMock.ts), the build or the explorer must say what
// happened, in Chinese, within 2 s; nothing may reject unhandled; no step may stay "running"; and once the engine is
// back, the same action works again. The numbers are printed at the end.
import { mock, MockMemento, Uri } from '../support/vscodeMock'; // first: the lesson host imports vscode
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { createEngine, type DockerEngine, type Endpoint } from '../../src/engine';
import { packTar } from '../../src/engine/tar';
import { useLanguage } from '../../src/i18n';
import type { StepProgress } from '../../src/lessons/progress';
import { ExplorerModelController } from '../../src/viewmodel/explorer/controller';
import { engineTrouble } from '../../src/vscode/engine/troubleNotice';
import { LessonHost } from '../../src/vscode/lessons/host';
import { ensureTestImage } from '../support/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const LESSONS = path.join(ROOT, 'test', 'fixtures', 'lessons', 'faults');
const LESSON = 'faults';
const STEP = 'run-sleeper';
/** What each fault must be told within. */
const LIMIT_MS = 2000;

interface PrivateEngine {
  SOCKET: string;
  start(options?: { keepData?: boolean }): Promise<{ host: string; version: string; driver: string; containerdStore: boolean }>;
  stop(): Promise<void>;
  kill(signal?: string): Promise<void>;
  docker(args: string[], options?: { timeoutMs?: number }): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { privateEngine } = require('../e2e/lib/empty-engine.cjs') as {
  privateEngine(name: string, options?: { engine?: 'modern' | 'legacy'; imageStore?: 'containerd' }): PrivateEngine;
};

const dockerfile = (text: string): Buffer => packTar([{ name: 'Dockerfile', type: 'file', data: Buffer.from(text) }]);
const unix = (socketPath: string): Endpoint => ({ kind: 'unix', socketPath, url: `unix://${socketPath}`, source: 'setting' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 10 ms; resolves with when it first held. */
async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
  return Date.now();
}

/**
 * A stand-in engine on a unix socket for the two faults a real engine cannot be made to show on demand. `proxy` passes
 * every connection to the real engine (the engine "is back"); `error` answers every request with HTTP 500; `hang`
 * accepts connections and never answers. Changing the mode cuts the connections open so far.
 */
class StubEngine {
  mode: 'proxy' | 'error' | 'hang' = 'proxy';
  readonly requests: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly failing = http.createServer((req, res) => {
    this.requests.push(`${req.method} ${req.url}`);
    res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'stub: the engine fails every request' }));
  });
  private readonly server = net.createServer((client) => this.accept(client));

  constructor(readonly socketPath: string, private readonly target: string) {}

  async start(): Promise<void> {
    fs.rmSync(this.socketPath, { force: true });
    await new Promise<void>((resolve) => this.server.listen(this.socketPath, resolve));
  }

  setMode(mode: StubEngine['mode']): void {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: net.Socket): void {
    this.track(client);
    if (this.mode === 'hang') {
      client.resume(); // read the request, never answer
    } else if (this.mode === 'error') {
      this.failing.emit('connection', client);
    } else {
      const upstream = net.connect(this.target);
      this.track(upstream);
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    }
  }
}

interface Measured {
  fault: string;
  /** From the fault to what the learner sees. */
  toldMs: number;
  /** From the engine answering again to the same action done again (a step run, a build, the explorer's list). */
  recoveredMs?: number;
  message: string;
}

describe('faults: the engine fails under the learner', { concurrency: false }, () => {
  // The engine matrix runs the integration tests once per leg, two of them side by side (scripts/engines.sh, .ci/run):
  // each leg kills an engine of its own kind, under a name of its own.
  const leg = process.env.DL_ENGINE_LEG ?? 'modern';
  const engineUnderTest = privateEngine(`dl-faults-${leg}`, {
    engine: leg === 'legacy' ? 'legacy' : 'modern', imageStore: leg === 'containerd' ? 'containerd' : undefined,
  });
  const measured: Measured[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let skipReason: string | undefined;
  let real: DockerEngine;
  /** The engine the lesson host talks to (the real one, or one through the stub). */
  let current: DockerEngine;
  let host: LessonHost;
  let storage: string;

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    useLanguage('zh-cn', ROOT);
    mock.reset();
    try {
      const started = await engineUnderTest.start();
      console.log(`  private engine ${started.version} (${started.driver}${started.containerdStore ? ', containerd image store' : ''}) on ${started.host}`);
    } catch (error) {
      skipReason = `a private dockerd could not be started: ${(error as Error).message.split('\n')[0]}`;
      if (process.env.CI === 'true') throw new Error(`${skipReason} (CI=true, so this fails instead of skipping)`);
      return;
    }
    real = createEngine(unix(engineUnderTest.SOCKET));
    current = real;
    await ensureTestImage(real);
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-faults-'));
    host = new LessonHost({
      extensionUri: Uri.file(ROOT) as never,
      globalStorageUri: Uri.file(storage) as never,
      globalState: new MockMemento() as never,
      engine: () => current,
      lessonsDir: LESSONS,
    });
  });

  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    host?.dispose();
    engineTrouble.dispose();
    real?.dispose();
    await engineUnderTest.stop();
    if (storage) fs.rmSync(storage, { recursive: true, force: true });
    if (measured.length > 0) {
      console.log('\n  fault                              told after   works again after   what the learner reads');
      for (const m of measured) {
        console.log(`  ${m.fault.padEnd(34)} ${`${m.toldMs} ms`.padStart(10)}   ${(m.recoveredMs === undefined ? '—' : `${m.recoveredMs} ms`).padStart(17)}   ${m.message.slice(0, 90)}`);
      }
    }
    useLanguage('en', ROOT);
  });

  function skipUnlessReady(t: TestContext): boolean {
    if (skipReason) t.skip(skipReason);
    return !skipReason;
  }

  const verdict = (): StepProgress | undefined => host.progress(LESSON)[STEP];

  /** Run the step (a fresh container name each time) and follow it until it has a verdict that is not in flight. */
  function runStep(name: string, seconds: number): { done: Promise<void>; endedAt: () => number | undefined } {
    let endedAt: number | undefined;
    const subscription = host.onDidChangeProgress((change) => {
      const state = verdict()?.state;
      if (change.stepId === STEP && state !== undefined && state !== 'running' && state !== 'checking') endedAt ??= Date.now();
    });
    const done = host.runStep(LESSON, STEP, { name, seconds: String(seconds) }).finally(() => subscription.dispose());
    return { done, endedAt: () => endedAt };
  }

  /** After a fault: the step has an error verdict, none is in flight, and the learner was shown the same words. */
  function assertToldAndNotStuck(expected: RegExp): string {
    const state = verdict();
    assert.equal(state?.state, 'error', `verdict: ${JSON.stringify(state)}`);
    assert.match(state?.message ?? '', expected);
    assert.equal(host.runningStep(LESSON), undefined, 'no step of the lesson is still running');
    assert.equal(mock.taskExecutions.length, 0, 'the step\'s task ended');
    assert.ok(mock.messages.some((m) => m.message === state?.message || m.message.includes(state?.message ?? '\u0000')) || engineTrouble.isShown,
      'the learner is told (an error notification or the engine notice)');
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    return state!.message!;
  }

  /** The same step works again (a short run under another name); resolves with how long it took. */
  async function worksAgain(name: string): Promise<number> {
    const t0 = Date.now();
    await runStep(name, 0).done;
    assert.equal(verdict()?.state, 'passed', `after recovery: ${JSON.stringify(verdict())}`);
    assert.deepEqual(unhandled, []);
    return Date.now() - t0;
  }

  const gone = new RegExp(`^无法连接 unix://${engineUnderTest.SOCKET.replace(/[/.]/g, '\\$&')} 上的 Docker 引擎。Docker 守护进程在运行吗？`);

  test('SIGKILL in the middle of a step: an error that says the engine is gone, then the step runs again', async (t) => {
    if (!skipUnlessReady(t)) return;
    const run = runStep('dl-faults-killed', 30);
    await until('the step\'s container to run', () => {
      try { return engineUnderTest.docker(['inspect', '-f', '{{.State.Status}}', 'dl-faults-killed'], { timeoutMs: 2000 }) === 'running'; } catch { return false; }
    }, 60_000);
    assert.equal(verdict()?.state, 'running');
    const killedAt = Date.now();
    await engineUnderTest.kill('SIGKILL');
    await until('a verdict', () => run.endedAt() !== undefined, 10_000);
    await run.done;
    const toldMs = run.endedAt()! - killedAt;
    const message = assertToldAndNotStuck(gone);
    await engineUnderTest.start({ keepData: true });
    const recoveredMs = await worksAgain('dl-faults-after-kill');
    measured.push({ fault: 'SIGKILL mid-step', toldMs, recoveredMs, message });
    assert.ok(toldMs <= LIMIT_MS, `told after ${toldMs} ms`);
  });

  test('SIGKILL in the middle of a build: the build fails with the engine\'s absence, then builds again', async (t) => {
    if (!skipUnlessReady(t)) return;
    const context = dockerfile('FROM dl-test/busybox:latest\nRUN echo building && sleep 30\n');
    let sawRun = false;
    let endedAt = 0;
    const build = real.buildImage(context, { tags: ['dl-faults/slow:latest'], onOutput: (line) => { if (/building/.test(line)) sawRun = true; } })
      .then(() => { endedAt = Date.now(); return undefined; }, (error: unknown) => { endedAt = Date.now(); return error; });
    await until('the build\'s RUN to start', () => sawRun, 60_000);
    const killedAt = Date.now();
    await engineUnderTest.kill('SIGKILL');
    const error = await build as (Error & { code?: string }) | undefined;
    assert.ok(error instanceof Error, 'the build failed');
    assert.equal(error.code, 'unreachable');
    assert.match(error.message, gone);
    await engineUnderTest.start({ keepData: true });
    const back = Date.now();
    await real.buildImage(dockerfile('FROM dl-test/busybox:latest\nLABEL docker-lessons.test=faults\n'), { tags: ['dl-faults/quick:latest'] });
    measured.push({ fault: 'SIGKILL mid-build', toldMs: endedAt - killedAt, recoveredMs: Date.now() - back, message: error.message });
    assert.deepEqual(unhandled, []);
    assert.ok(endedAt - killedAt <= LIMIT_MS, `told after ${endedAt - killedAt} ms`);
  });

  test('SIGKILL with the explorer listening to engine events: it says so, and comes back by itself', async (t) => {
    if (!skipUnlessReady(t)) return;
    const controller = new ExplorerModelController(() => real);
    t.after(() => controller.dispose());
    controller.setVisible('containers', true);
    await until('the explorer to connect', () => controller.state === 'connected', 10_000);
    await until('the event stream', () => controller.snapshot !== undefined, 10_000);
    let toldAt: number | undefined;
    controller.onDidChangeState((state) => { if (state === 'unreachable') toldAt ??= Date.now(); });
    const killedAt = Date.now();
    await engineUnderTest.kill('SIGKILL');
    await until('the explorer to see the engine gone', () => toldAt !== undefined, 10_000);
    const message = controller.error?.message ?? '';
    assert.match(message, gone);
    await engineUnderTest.start({ keepData: true });
    const back = Date.now();
    await until('the explorer to reconnect', () => controller.state === 'connected', 10_000);
    // Events flow again: a container made with the CLI shows up.
    engineUnderTest.docker(['create', '--name', 'dl-faults-after-events', 'dl-test/busybox:latest', 'true']);
    await until('the new container in the explorer', () => controller.snapshot?.containers.some((c) => c.name === 'dl-faults-after-events') ?? false, 5000);
    measured.push({ fault: 'SIGKILL mid-event-stream (explorer)', toldMs: toldAt! - killedAt, recoveredMs: Date.now() - back, message });
    assert.deepEqual(unhandled, []);
    assert.ok(toldAt! - killedAt <= LIMIT_MS, `told after ${toldAt! - killedAt} ms`);
  });

  test('the engine\'s socket replaced by a plain file: the step says the engine cannot be reached; the socket back, it runs', async (t) => {
    if (!skipUnlessReady(t)) return;
    const moved = `${engineUnderTest.SOCKET}.moved`;
    fs.renameSync(engineUnderTest.SOCKET, moved);
    fs.writeFileSync(engineUnderTest.SOCKET, 'not a socket\n');
    try {
      const t0 = Date.now();
      const run = runStep('dl-faults-replaced', 0);
      await run.done;
      const toldMs = (run.endedAt() ?? Date.now()) - t0;
      const message = assertToldAndNotStuck(gone);
      fs.rmSync(engineUnderTest.SOCKET);
      fs.renameSync(moved, engineUnderTest.SOCKET);
      const recoveredMs = await worksAgain('dl-faults-after-replace');
      assert.equal(engineTrouble.isShown, false, 'the "not reachable" notice closed once the engine answered');
      measured.push({ fault: 'socket replaced by a plain file', toldMs, recoveredMs, message });
      assert.ok(toldMs <= LIMIT_MS, `told after ${toldMs} ms`);
    } finally {
      if (fs.existsSync(moved)) {
        fs.rmSync(engineUnderTest.SOCKET, { force: true });
        fs.renameSync(moved, engineUnderTest.SOCKET);
      }
    }
  });

  for (const [mode, expected, inEnglish] of [
    ['error', /^Docker 引擎拒绝了请求（HTTP 500）：stub: the engine fails every request$/, /^The Docker engine refused the request \(HTTP 500\): stub: /],
    ['hang', /上的 Docker 引擎没有及时响应。/, /^The Docker engine at unix:\/\/\S+ did not answer in time\./],
  ] as const) {
    test(`a stub engine that ${mode === 'error' ? 'answers every request with HTTP 500' : 'never answers'}: told within 2 s, then the step runs once it passes requests on`, async (t) => {
      if (!skipUnlessReady(t)) return;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-faults-stub-'));
      const stub = new StubEngine(path.join(dir, 'docker.sock'), engineUnderTest.SOCKET);
      await stub.start();
      const throughStub = createEngine(unix(stub.socketPath));
      current = throughStub;
      t.after(async () => {
        current = real;
        throughStub.dispose();
        await stub.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      });
      stub.setMode(mode);
      const t0 = Date.now();
      const run = runStep(`dl-faults-stub-${mode}`, 0);
      await run.done;
      const toldMs = (run.endedAt() ?? Date.now()) - t0;
      const message = assertToldAndNotStuck(expected);
      if (mode === 'error') assert.ok(stub.requests.length > 0, 'the stub was asked');
      // The learner's language is English: the same, in English.
      useLanguage('en', ROOT);
      try {
        await runStep(`dl-faults-stub-${mode}-en`, 0).done;
        assertToldAndNotStuck(inEnglish);
      } finally {
        useLanguage('zh-cn', ROOT);
      }
      // The explorer, opened on that engine, says the same.
      const controller = new ExplorerModelController(() => throughStub);
      t.after(() => controller.dispose());
      const opened = Date.now();
      controller.setVisible('containers', true);
      await until('the explorer to give up on the engine', () => controller.state === 'unreachable', 10_000);
      const explorerToldMs = Date.now() - opened;
      const explorerMessage = controller.error?.message ?? '';
      assert.match(explorerMessage, expected);
      stub.setMode('proxy');
      const recoveredMs = await worksAgain(`dl-faults-after-${mode}`);
      const back = Date.now();
      await until('the explorer to come back', () => controller.state === 'connected', 5000);
      const name = mode === 'error' ? 'HTTP 500 on every request (stub)' : 'no answer at all (stub)';
      measured.push({ fault: name, toldMs, recoveredMs, message });
      measured.push({ fault: `${name.replace(' (stub)', '')} (explorer)`, toldMs: explorerToldMs, recoveredMs: Date.now() - back, message: explorerMessage });
      assert.deepEqual(unhandled, []);
      assert.ok(toldMs <= LIMIT_MS, `told after ${toldMs} ms`);
      assert.ok(explorerToldMs <= LIMIT_MS, `the explorer told after ${explorerToldMs} ms`);
    });
  }

  test('afterwards, resetting the lesson shows its progress while it removes what the faults left', async (t) => {
    if (!skipUnlessReady(t)) return;
    const before = engineUnderTest.docker(['ps', '-aq', '--filter', `label=docker-lessons.lesson=${LESSON}`]).split('\n').filter(Boolean);
    assert.ok(before.length > 0, 'the runs above left containers of the lesson');
    mock.answer.warning = mock.press('重置', (message) => message.options?.modal === true);
    const progressBefore = mock.progress.length;
    await host.resetLesson(LESSON);
    const shown = mock.progress.slice(progressBefore) as { title?: string }[];
    assert.deepEqual(shown.map((p) => p.title), ['正在重置课程“引擎故障”…'], 'one progress notification, in Chinese');
    assert.ok(mock.progressEnded.includes(shown[0]), 'and it closed when the removal was done');
    const confirmAt = mock.messages.findIndex((m) => m.options?.modal === true && /重置课程“引擎故障”/.test(m.message));
    assert.ok(confirmAt >= 0, 'the learner confirmed first');
    const after = engineUnderTest.docker(['ps', '-aq', '--filter', `label=docker-lessons.lesson=${LESSON}`]);
    assert.equal(after, '', 'the lesson\'s containers are gone');
    assert.ok(mock.messages.some((m) => /课程“引擎故障”已重置/.test(m.message)), 'the learner is told it is done');
  });

  test('nothing was left running and nothing rejected unhandled', (t) => {
    if (!skipUnlessReady(t)) return;
    assert.deepEqual(unhandled, []);
    assert.equal(host.runningStep(LESSON), undefined);
  });
});
