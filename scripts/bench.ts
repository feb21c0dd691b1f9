// `npm run bench` (not part of `npm test`): measures against a real engine and prints a table, then one JSON line.
//   listing: our snapshot (containers + images + volumes + networks over the API) vs. the CLI approach Container Tools
//            uses (`docker container ls -a --format '{{json .}}'` and the same for images, volumes, networks),
//            interleaved for 10 rounds with 200 labeled busybox containers present;
//   event latency: engine event time → the explorer model's change (p50 over 20 `docker run -d`);
//   bundle require: fresh `node` requiring the production dist/extension.js with a stub `vscode` (median of 10);
//   VSIX size (@vscode/vsce package); check_ms_p50: one step's checks (no HTTP waits); render_ms_max: parse + render the
//   largest lesson; suite_s: wall time of the whole lesson suite per engine of the matrix (scripts/engines.sh legs that
//   answer, one after another in the same run; the engine in use when none does; skip with --no-suite).
// Everything it creates carries the label docker-lessons.bench=1 and is removed at the end.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createEngineFromEnvironment } from '../src/engine';
import type { DockerEngine } from '../src/engine';
import { ExplorerModelController } from '../src/viewmodel/explorer/controller';
import { loadLessons, renderLessonHtml, parseLesson, resolveStep } from '../src/lessons';
import { evaluateChecks } from '../src/checks';

const root = path.resolve(__dirname, '..');
const BENCH_LABEL = 'docker-lessons.bench';
const CONTAINERS = 200;
const ROUNDS = 10;
const withSuite = !process.argv.includes('--no-suite');

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));
const docker = (...args: string[]): string => execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

function benchImage(): string {
  for (const ref of ['busybox:latest', 'dl-test/busybox:latest']) {
    if (spawnSync('docker', ['image', 'inspect', ref], { stdio: 'ignore' }).status === 0) return ref;
  }
  throw new Error('no busybox image: run `npm run images` first');
}

const dockerAsync = promisify(execFile);

/** The containers are made with the docker CLI: the engine layer creates nothing but images. */
async function createContainers(image: string): Promise<void> {
  const queue = Array.from({ length: CONTAINERS }, (_, i) => i);
  const worker = async (): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      await dockerAsync('docker', ['run', '-d', '--name', `dl-bench-${process.pid}-${i}`, '--label', `${BENCH_LABEL}=1`, image, 'sleep', '3600']);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

async function cleanup(engine: DockerEngine): Promise<void> {
  const queue = (await engine.listContainers()).filter((c) => c.labels[BENCH_LABEL] !== undefined);
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c; c = queue.shift()) await engine.removeContainer(c.id, { force: true }).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

function cliListing(): void {
  for (const what of ['container ls -a', 'image ls', 'volume ls', 'network ls']) {
    docker(...what.split(' '), '--format', '{{json .}}');
  }
}

async function listing(engine: DockerEngine): Promise<{ ours: number; cli: number }> {
  const ours: number[] = [];
  const cli: number[] = [];
  await engine.snapshot(); // warm the socket agent once, as the extension would be after its first refresh
  for (let i = 0; i < ROUNDS; i++) {
    let t = process.hrtime.bigint();
    const snap = await engine.snapshot();
    ours.push(ms(t));
    if (snap.containers.length < CONTAINERS) throw new Error(`snapshot saw only ${snap.containers.length} containers`);
    t = process.hrtime.bigint();
    cliListing();
    cli.push(ms(t));
  }
  return { ours: median(ours), cli: median(cli) };
}

async function eventLatency(engine: DockerEngine, image: string): Promise<{ p50: number; cliToChangeP50: number }> {
  const controller = new ExplorerModelController(() => engine);
  controller.setVisible('containers', true);
  await controller.waitForIdle();
  // The engine's own timestamp of each container's `start` event, to measure from the moment the engine announces it.
  const startEvents = new Map<string, number>();
  const events = engine.events();
  const sub = events.onEvent((event) => { if (event.kind === 'container' && event.action === 'start' && event.name) startEvents.set(event.name, event.time); });
  const latencies: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `dl-bench-ev-${process.pid}-${i}`;
    const seen = new Promise<number>((resolve) => {
      const listener = controller.onDidChange(() => {
        if (controller.snapshot?.containers.some((c: { name: string; state: string }) => c.name === name && c.state === 'running')) {
          listener.dispose();
          resolve(Date.now());
        }
      });
    });
    const t0 = Date.now();
    docker('run', '-d', '--label', `${BENCH_LABEL}=1`, '--name', name, image, 'sleep', '3600');
    const changedAt = await seen;
    const startedAt = startEvents.get(name) ?? Date.parse((await engine.inspectContainer(name)).State.StartedAt);
    latencies.push(changedAt - startedAt);
    endToEnd.push(changedAt - t0);
  }
  sub.dispose();
  events.dispose();
  controller.dispose();
  return { p50: median(latencies), cliToChangeP50: median(endToEnd) };
}

function bundleRequire(): number {
  const script = `
    const Module = require('module');
    const load = Module._load;
    Module._load = function (request, ...rest) { return request === 'vscode' ? new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) }) : load.call(this, request, ...rest); };
    const t = process.hrtime.bigint();
    require(${JSON.stringify(path.join(root, 'dist', 'extension.js'))});
    process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const samples = Array.from({ length: 10 }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return median(samples);
}

/** The shipped (production) bundle: its require time and the VSIX size; the dev build is restored afterwards. */
function productionBundle(): { requireMs: number; vsixBytes: number } {
  const out = path.join(os.tmpdir(), `docker-lessons-bench-${process.pid}.vsix`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'ignore' });
  try {
    const requireMs = bundleRequire();
    execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'),
      ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out], { cwd: root, stdio: 'ignore' });
    return { requireMs, vsixBytes: fs.statSync(out).size };
  } finally {
    fs.rmSync(out, { force: true });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'ignore' }); // back to the dev build
  }
}

async function checkSpeed(engine: DockerEngine, image: string): Promise<number> {
  const name = `dl-bench-check-${process.pid}`;
  docker('run', '-d', '--label', `${BENCH_LABEL}=1`, '--name', name, '-p', '127.0.0.1::80', image, 'sleep', '3600');
  const text = [
    '---', 'id: bench', 'order: 99', 'title: bench', 'summary: bench', 'sources: [{ seed: "001", section: bench }]', '---',
    '```bash step id=s title=s', `docker run -d --name ${name} ${image} sleep 3600`, '```', '```yaml check',
    `- container: ${name}`, '  state: running', `  image: ${image}`,
    `- port: { container: ${name}, private: 80/tcp }`, `- image: ${image}`, `- container: ${name}`, '  tty: false', '```', '',
  ].join('\n');
  const { lesson } = parseLesson(text, path.join(os.tmpdir(), 'bench.md'));
  if (!lesson) throw new Error('bench lesson did not parse');
  const { checks } = resolveStep(lesson.steps[0], lesson, {});
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = process.hrtime.bigint();
    const results = await evaluateChecks(checks, { engine, workDir: os.tmpdir() });
    samples.push(ms(t));
    if (results.some((r) => !r.pass)) throw new Error(`bench checks failed: ${JSON.stringify(results.filter((r) => !r.pass))}`);
  }
  return median(samples.slice(5)); // first evaluations warm the socket agent and the JIT
}

async function renderSpeed(): Promise<{ maxMs: number; file: string }> {
  const { lessons } = await loadLessons(path.join(root, 'lessons'));
  const largest = lessons.reduce((a, b) => (fs.statSync(a.file).size >= fs.statSync(b.file).size ? a : b));
  const text = fs.readFileSync(largest.file, 'utf8');
  renderLessonHtml(parseLesson(text, largest.file).lesson!); // warm-up: markdown-it and highlight.js initialise once
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    const parsed = parseLesson(text, largest.file);
    renderLessonHtml(parsed.lesson!);
    samples.push(ms(t));
  }
  return { maxMs: median(samples), file: path.basename(largest.file) };
}

const LEGS = ['modern', 'containerd', 'legacy'] as const;

/** The matrix legs whose engine answers (scripts/engines.sh), or [] when this machine has only its own engine. */
function answeringLegs(): string[] {
  return LEGS.filter((leg) => spawnSync('bash', ['scripts/engines.sh', 'run', leg, '--', 'docker', 'version', '--format', '{{.Server.Version}}'],
    { cwd: root, stdio: 'ignore', timeout: 20_000 }).status === 0);
}

/** Seconds of the whole lesson suite per leg ("current" = the engine in use when no leg answers). */
function suiteSeconds(): Record<string, number> | null {
  if (!withSuite) return null;
  const legs = answeringLegs();
  const runs: [string, string[]][] = legs.length > 0
    ? legs.map((leg) => [leg, ['scripts/engines.sh', 'run', leg, '--', 'npm', 'run', 'test:lessons', '--silent']])
    : [['current', ['-c', 'npm run test:lessons --silent']]];
  const seconds: Record<string, number> = {};
  for (const [leg, args] of runs) {
    console.log(`lesson suite on ${leg} …`);
    const t = Date.now();
    const r = spawnSync('bash', args, { cwd: root, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`the lesson suite failed on ${leg}; run it to see why`);
    seconds[leg] = round((Date.now() - t) / 1000);
  }
  return seconds;
}

async function main(): Promise<void> {
  const engine = createEngineFromEnvironment();
  await engine.ping();
  const image = benchImage();
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  try {
    console.log(`creating ${CONTAINERS} labeled containers from ${image} …`);
    await createContainers(image);
    const list = await listing(engine);
    const events = await eventLatency(engine, image);
    const check = await checkSpeed(engine, image);
    await cleanup(engine);
    const render = await renderSpeed();
    const { requireMs, vsixBytes: vsix } = productionBundle();
    const suite = suiteSeconds();
    const rows: [string, string, string][] = [
      ['listing, ours (API snapshot, 4 kinds)', `${round(list.ours)} ms`, ''],
      ['listing, CLI (4 × docker … ls --format json)', `${round(list.cli)} ms`, ''],
      ['listing ratio CLI / ours', `${round(list.cli / list.ours, 2)}`, '≥ 10'],
      ['event latency p50 (engine start event → explorer change)', `${round(events.p50)} ms`, '≤ 150 ms'],
      ['  docker run -d invoked → explorer change p50', `${round(events.cliToChangeP50)} ms`, ''],
      ['bundle require', `${round(requireMs)} ms`, '≤ 60 ms'],
      ['VSIX size', `${(vsix / 1024).toFixed(0)} KiB`, '≤ 2 MiB'],
      ['one step\'s checks p50', `${round(check, 2)} ms`, '≤ 30 ms'],
      [`parse + render largest lesson (${render.file})`, `${round(render.maxMs, 2)} ms`, '≤ 15 ms'],
      ...(suite === null
        ? [['lesson suite wall time', 'skipped (--no-suite)', ''] as [string, string, string]]
        : Object.entries(suite).map(([leg, s]): [string, string, string] => [`lesson suite wall time, engine ${leg}`, `${s} s`, '≤ 420 s'])),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(16)}  target`);
    for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(16)}  ${target}`);
    console.log(JSON.stringify({
      listing_ratio_cli_over_ours: round(list.cli / list.ours, 2),
      event_latency_ms_p50: round(events.p50),
      bundle_require_ms: round(requireMs),
      vsix_bytes: vsix,
      check_ms_p50: round(check, 2),
      render_ms_max: round(render.maxMs, 2),
      suite_s: suite,
    }));
  } finally {
    await cleanup(engine);
    engine.dispose();
  }
}

main().catch((error) => { console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`); process.exit(1); });
