// `npm run bench` (not part of `npm test`): measures against a real engine and prints a table, then one JSON line.
//   listing: our snapshot (containers + images + volumes + networks over the API, the four requests at once) vs. each
//            of its list calls alone (the networks list with its container counts: GET /networks and the containers) (the snapshot should cost little more than the slowest of them: the engine answers
//            them side by side when it has the CPU; on a saturated machine it works through them one after another and
//            the snapshot costs about their sum) vs. the CLI approach Container Tools uses (`docker container ls -a
//            --format '{{json .}}'` and the same for images, volumes, networks: four processes one after another;
//            `{{json .}}` includes .Size, so that `docker container ls` also makes the engine compute each container's
//            size, which our list does not ask for), interleaved for 15 rounds in a turning order with 200 labeled
//            running busybox containers present; and the engine alone: the same four GETs at once on a bare socket
//            (node's http, bodies read, not parsed), the floor the snapshot stands on;
//   event latency: engine event time → the explorer model's change (p50 over 20 `docker run -d`, a quiet second apart);
//   scale: the same listing with 1,000 containers (`docker create` of the stand-in) and 1,000 image tags (the stand-in
//          tagged many times), the model built from it, and a burst of 1,000 events (start/stop loops run by the
//          docker CLI in child processes, so this process's CPU is the explorer's): model updates during the burst,
//          how long after the burst the model matches the engine, and the CPU the model and its tree items took;
//   (the burst's CPU is process.cpuUsage() from its first command until the model is idle after it, user + system);
//   bundle require: fresh `node` requiring the production dist/extension.js with a stub `vscode` (median of 10);
//   VSIX size (@vscode/vsce package); check_ms_p50: one step's checks (no HTTP waits); render_ms_max: the largest
//   lesson and its page's HTML as the extension gets them (the build's parse and page, dist/prebuilt),
//   render_uncached_ms the same parsed and rendered now; a fresh process (median of 5): catalog_first_ms listing the
//   course (the build's parse), then page_first_open_ms the first page opened (the build's render), and both without
//   dist/prebuilt (catalog_first_parsed_ms, page_first_open_rendered_ms); page_open_ms: opening its page as the
//   extension does (the catalog parsed it: HTML, step views with their hints, recap, quiz), page_cold_ms the same with
//   the parse, page_reopen_ms opening it again (HTML from the render cache), render_breakdown_ms where the time goes;
//   suite_s: wall time of the whole lesson suite per engine of the matrix (scripts/engines.sh legs that
//   answer, one after another in the same run; the engine in use when none does; skip with --no-suite).
// Everything it creates carries the label docker-lessons.bench=1 and its process id in the name (containers), or the
// repository prefix dl-bench-<pid>/ (tags), and is removed at the end; a bench running beside it keeps its own.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createEngineFromEnvironment } from '../src/engine';
import type { DockerEngine } from '../src/engine';
import { ExplorerModelController } from '../src/viewmodel/explorer/controller';
import { buildItems, viewDescription, EXPLORER_VIEWS } from '../src/viewmodel/explorer/model';
import { forgetRenders, loadLessons, renderLessonHtml, parseLesson, resolveStep } from '../src/lessons';
import { usePrebuilt } from '../src/lessons/prebuilt';
import { prebuiltAnalysis } from '../src/lessons/parse';
import type { Lesson } from '../src/lessons/schema';
import { buildLessonView, stepView } from '../src/viewmodel/lessons/lessonView';
import { evaluateChecks } from '../src/checks';
import { loadBundleInChild } from '../test/support/bundleLoad';

const root = path.resolve(__dirname, '..');
const BENCH_LABEL = 'docker-lessons.bench';
const CONTAINERS = 200;
/** The scale case: this many bench containers in all, and this many tags on the stand-in. */
const SCALE = 1000;
/** Engine events in the burst: start, kill, die and stop of each container (`--network none`: no connect/disconnect). */
const BURST_EVENTS = 1000;
const ROUNDS = 15;
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

/** `docker create` (no start): the cheap way to many containers. */
async function createStopped(image: string, from: number, count: number): Promise<void> {
  const queue = Array.from({ length: count }, (_, i) => from + i);
  const worker = async (): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      await dockerAsync('docker', ['create', '--name', `dl-bench-${process.pid}-${i}`, '--label', `${BENCH_LABEL}=1`,
        '--network', 'none', '--stop-signal', 'SIGKILL', image, 'sleep', '3600']);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

const TAG_REPO = `dl-bench-${process.pid}`;

/** The stand-in tagged `count` times, over ten repositories (the Images view groups by repository). */
async function tagMany(engine: DockerEngine, image: string, count: number): Promise<string[]> {
  const refs = Array.from({ length: count }, (_, i) => ({ repo: `${TAG_REPO}/r${i % 10}`, tag: `t${i}` }));
  const queue = [...refs];
  const worker = async (): Promise<void> => {
    for (let r = queue.shift(); r; r = queue.shift()) await engine.tagImage(image, r.repo, r.tag);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return refs.map((r) => `${r.repo}:${r.tag}`);
}

/** The bench run that made a container or tag: its names carry the process id (dl-bench-<pid>-…, dl-bench-<pid>/…). */
function ownerOf(name: string): number | undefined {
  return Number(/^dl-bench(?:-ev|-check)?-(\d+)(?:[-/]|$)/.exec(name)?.[1]) || undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this run's containers and tags (`mine`), or those a crashed earlier run left (`stale`): never those of a
 * bench running beside this one on the shared engine.
 */
async function cleanup(engine: DockerEngine, which: 'mine' | 'stale' = 'mine'): Promise<void> {
  const ours = (name: string) => {
    const owner = ownerOf(name);
    return owner !== undefined && (which === 'mine' ? owner === process.pid : !isRunning(owner));
  };
  const containers = (await engine.listContainers()).filter((c) => c.labels[BENCH_LABEL] !== undefined && ours(c.name)).map((c) => c.id);
  const tags = (await engine.listImages()).flatMap((i) => i.repoTags).filter(ours);
  const work = [
    ...containers.map((id) => () => engine.removeContainer(id, { force: true })),
    ...tags.map((tag) => () => engine.removeImage(tag)), // a tag of an image with others: untag only
  ];
  const worker = async (): Promise<void> => {
    for (let job = work.shift(); job; job = work.shift()) await job().catch(() => undefined);
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

function cliListing(): void {
  for (const what of ['container ls -a', 'image ls', 'volume ls', 'network ls']) {
    docker(...what.split(' '), '--format', '{{json .}}');
  }
}

interface Listing {
  ours: number;
  cli: number;
  /** Median of each list call alone, and the slowest of them. */
  calls: Record<string, number>;
  slowestCall: number;
  /** The same four GETs at once over a bare socket, no client library, bodies not parsed: what the engine itself costs. */
  rawAtOnce?: number;
}

/** The engine's unix socket (DOCKER_HOST or the default); undefined for a TCP engine. */
function engineSocket(): string | undefined {
  const host = process.env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** The snapshot's four list requests at once, as raw HTTP GETs on the socket; resolves when all bodies are read. */
function rawListsAtOnce(socketPath: string): Promise<void> {
  const get = (pathname: string) => new Promise<void>((resolve, reject) => {
    const request = http.get({ socketPath, path: pathname, agent: false }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${pathname}: HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
  });
  return Promise.all(['/containers/json?all=1', '/images/json', '/volumes', '/networks'].map(get)).then(() => undefined);
}

/** The floor under the snapshot: the engine answering the same four requests at once, and the snapshot over it. */
function rawRows(list: Listing): [string, string, string][] {
  if (list.rawAtOnce === undefined) return [];
  return [
    ['  the engine alone: the 4 GETs at once on a bare socket', `${round(list.rawAtOnce)} ms`, ''],
    ['  snapshot / the engine alone', `${round(list.ours / list.rawAtOnce, 2)}`, ''],
  ];
}

async function listing(engine: DockerEngine, atLeast: number): Promise<Listing> {
  const ours: number[] = [];
  const cli: number[] = [];
  const raw: number[] = [];
  const socket = engineSocket();
  const single = { containers: [] as number[], images: [] as number[], volumes: [] as number[], networks: [] as number[] };
  const time = async (samples: number[], call: () => Promise<unknown>) => {
    const t = process.hrtime.bigint();
    await call();
    samples.push(ms(t));
  };
  await engine.snapshot(); // warm the socket agent once, as the extension would be after its first refresh
  // Each measure goes through the same Engine (one agent, a new connection per request for both). The order turns
  // every round, so none of them always follows the CLI's processes or the engine's busiest moment.
  const measures: (() => Promise<void>)[] = [
    () => time(ours, async () => {
      const snap = await engine.snapshot();
      if (snap.containers.length < atLeast) throw new Error(`snapshot saw only ${snap.containers.length} containers`);
    }),
    () => time(single.containers, () => engine.listContainers()),
    () => time(single.images, () => engine.listImages()),
    () => time(single.volumes, () => engine.listVolumes()),
    () => time(single.networks, () => engine.listNetworks()),
    () => time(cli, async () => cliListing()),
    ...(socket ? [() => time(raw, () => rawListsAtOnce(socket))] : []),
  ];
  for (let i = 0; i < ROUNDS; i++) {
    for (let k = 0; k < measures.length; k++) await measures[(i + k) % measures.length]();
  }
  const calls = Object.fromEntries(Object.entries(single).map(([kind, xs]) => [kind, round(median(xs), 2)]));
  return { ours: median(ours), cli: median(cli), calls, slowestCall: Math.max(...Object.values(calls)), ...(raw.length > 0 ? { rawAtOnce: median(raw) } : {}) };
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
    // One `docker run` at a time after a quiet second, as a learner runs them (back-to-back runs are a burst, which the
    // explorer batches on purpose: see the burst case).
    await new Promise((resolve) => setTimeout(resolve, 1100));
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

/** Building every view's items from a snapshot, as the trees do when they redraw (median, after a warm-up). */
function modelBuild(snapshot: NonNullable<ExplorerModelController['snapshot']>): number {
  const samples = Array.from({ length: 20 }, () => {
    const t = process.hrtime.bigint();
    for (const view of EXPLORER_VIEWS) buildItems(view, snapshot);
    return ms(t);
  });
  return median(samples.slice(5)); // the first builds pay for the JIT and ICU's collator and formatters
}

interface Burst {
  events: number;
  seconds: number;
  updates: number;
  consistentAfterMs: number;
  cpuMs: number;
  /** Silences of a second or more between the burst's events (each ends a burst for the explorer: it updates at once). */
  pauses: number;
  longestPauseMs: number;
}

/**
 * 1,000 engine events while the explorer watches: the docker CLI starts and stops bench containers in child processes
 * (so this process's CPU is the explorer's: event stream, controller, and the items a visible tree would build on each
 * update). Measures the model updates, how long after the last command the model matches the engine, and the CPU.
 */
async function burst(engine: DockerEngine): Promise<Burst> {
  const controller = new ExplorerModelController(() => engine);
  controller.setVisible('containers', true);
  await controller.waitForIdle();
  const ids = controller.snapshot!.containers.filter((c) => c.labels[BENCH_LABEL] !== undefined && c.state === 'created')
    .map((c) => c.id).slice(0, BURST_EVENTS / 4);
  if (ids.length < BURST_EVENTS / 4) throw new Error(`only ${ids.length} stopped bench containers for the burst`);
  await new Promise((resolve) => setTimeout(resolve, 1000)); // a calm stream before the burst
  let updates = 0;
  const sub = controller.onDidChange(() => {
    updates++;
    // What the extension host does on a change: the visible tree's items and the view's description.
    const snapshot = controller.snapshot;
    if (snapshot) { buildItems('containers', snapshot); viewDescription('containers', snapshot); }
  });
  let events = 0;
  const stream = engine.events();
  const arrivals: number[] = [];
  const counting = stream.onEvent((event) => {
    if (event.kind === 'container' && ids.includes(event.id)) { events++; arrivals.push(Date.now()); }
  });
  const cpu = process.cpuUsage();
  const t0 = Date.now();
  // Five workers, each starting 50 containers one after another (`docker start` does them in turn), then stopping them.
  const slices = Array.from({ length: 5 }, (_, k) => ids.slice(k * ids.length / 5, (k + 1) * ids.length / 5));
  await Promise.all(slices.map(async (slice) => {
    await dockerAsync('docker', ['start', ...slice], { maxBuffer: 1 << 20 });
    await dockerAsync('docker', ['stop', ...slice], { maxBuffer: 1 << 20 });
  }));
  const ended = Date.now();
  // Every container of the burst ends exited. (Not a list taken now: right after `docker stop` returns, the engine's
  // list may still show a container running for a moment.)
  const consistent = () => {
    const states = new Map(controller.snapshot?.containers.map((c) => [c.id, c.state]));
    return ids.every((id) => states.get(id) === 'exited');
  };
  while (!consistent()) {
    if (Date.now() - ended > 30_000) throw new Error('the model did not match the engine 30 s after the burst');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const consistentAfterMs = Date.now() - ended;
  const engineStates = new Map((await engine.listContainers()).map((c) => [c.id, c.state]));
  if (!ids.every((id) => engineStates.get(id) === 'exited')) throw new Error('the engine does not list every burst container as exited');
  await controller.waitForIdle();
  const used = process.cpuUsage(cpu);
  counting.dispose();
  stream.dispose();
  sub.dispose();
  controller.dispose();
  const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
  return {
    events, seconds: (ended - t0) / 1000, updates, consistentAfterMs, cpuMs: (used.user + used.system) / 1000,
    pauses: gaps.filter((gap) => gap >= 1000).length, longestPauseMs: Math.max(0, ...gaps),
  };
}

function bundleRequire(): number {
  const bundle = path.join(root, 'dist', 'extension.js');
  return median(Array.from({ length: 10 }, () => loadBundleInChild(bundle).ms));
}

/** The shipped (production) bundle: its require time and the VSIX size; the dev build is restored afterwards. */
function productionBundle(): { requireMs: number; vsixBytes: number } {
  const out = path.join(os.tmpdir(), `docker-lessons-bench-${process.pid}.vsix`);
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'ignore' });
  try {
    const requireMs = bundleRequire();
    // With the package script's own vsce flags (the VSIX measured is the one published).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { vsceArgs } = require('../test/e2e/lib/vsix.cjs') as { vsceArgs(): string[] };
    execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), [...vsceArgs(), '-o', out], { cwd: root, stdio: 'ignore' });
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

interface RenderSpeed {
  /** The lesson and its page's HTML as the extension gets them: the build's parse and page, read from dist/prebuilt. */
  maxMs: number;
  /** Parse + render of the page's HTML, nothing cached, no page from the build (an edited lesson; render_ms_max before). */
  uncachedMs: number;
  file: string;
  /** A fresh process: listing the course, then the first page opened (medians of 5 processes), with dist/prebuilt and without. */
  fresh: { prebuilt: FirstOpen; computed: FirstOpen };
  /** What opening the page costs: buildLessonView of a lesson the catalog parsed (nothing in memory; the build's page). */
  pageOpenMs: number;
  /** Parse + buildLessonView, nothing in memory (the file changed on disk, or the first open after a reload). */
  pageColdMs: number;
  /** The same page opened again (the HTML from the render cache, by content). */
  pageReopenMs: number;
  /** Where the uncached page's time goes (medians, each measured alone). */
  breakdown: Record<string, number>;
}

interface FirstOpen { catalogMs: number; pageMs: number }

const prebuiltDir = path.join(root, 'dist', 'prebuilt');

/** The course as `npm run build` parsed and rendered it (the bench builds first); the bench fails without it. */
function useBuildsPrebuilt(): void {
  const builds = fs.existsSync(prebuiltDir) ? fs.readdirSync(prebuiltDir) : [];
  if (builds.length !== 1) throw new Error(`dist/prebuilt holds ${builds.length} builds' files, not 1: run npm run build`);
  usePrebuilt(prebuiltDir, builds[0]);
}

async function largestLesson(): Promise<{ lessons: Lesson[]; largest: Lesson }> {
  const { lessons } = await loadLessons(path.join(root, 'lessons'));
  return { lessons, largest: lessons.reduce((a, b) => (fs.statSync(a.file).size >= fs.statSync(b.file).size ? a : b)) };
}

async function renderSpeed(): Promise<RenderSpeed> {
  useBuildsPrebuilt();
  const { largest } = await largestLesson();
  const text = fs.readFileSync(largest.file, 'utf8');
  const parse = () => parseLesson(text, largest.file).lesson!;
  buildLessonView(parse()); // warm-up: markdown-it and highlight.js initialise once
  const sample = (n: number, prepare: () => unknown, work: (input: never) => unknown): number => {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const input = prepare();
      const t = process.hrtime.bigint();
      work(input as never);
      samples.push(ms(t));
    }
    return median(samples);
  };
  const none = () => undefined;
  // As the catalog and the page get it: the build's parse of this text, then the build's page.
  const fromPackage = () => prebuiltAnalysis(text, largest.file)?.lesson ?? parse();
  if (!prebuiltAnalysis(text, largest.file)) throw new Error(`dist/prebuilt has no parse of ${largest.file}: run npm run build`);
  const maxMs = sample(20, forgetRenders, () => renderLessonHtml(fromPackage()));
  const uncachedMs = sample(20, none, () => renderLessonHtml(parse(), { cache: false }));
  const pageColdMs = sample(20, forgetRenders, () => buildLessonView(parse()));
  const pageOpenMs = sample(20, () => { forgetRenders(); return parse(); }, (lesson: Lesson) => buildLessonView(lesson));
  const pageReopenMs = sample(20, () => { const lesson = parse(); buildLessonView(lesson); return parse(); }, (lesson: Lesson) => buildLessonView(lesson));
  const breakdown = {
    parse: sample(20, none, parse),
    render_html: sample(20, parse, (lesson: Lesson) => renderLessonHtml(lesson, { cache: false })),
    step_views: sample(20, parse, (lesson: Lesson) => lesson.steps.map(stepView)),
    // What drawing the page cost when it parsed every check block (before step hints were read alone).
    all_check_blocks: sample(20, parse, (lesson: Lesson) => lesson.steps.forEach((step) => step.checks)),
  };
  const firstOpen = (mode: 'prebuilt' | 'computed'): FirstOpen => {
    const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath,
      ['--import', 'tsx', path.join(root, 'scripts', 'bench.ts'), '--first-page', mode], { cwd: root, encoding: 'utf8' })) as FirstOpen);
    return { catalogMs: median(runs.map((run) => run.catalogMs)), pageMs: median(runs.map((run) => run.pageMs)) };
  };
  return {
    maxMs, uncachedMs, file: path.basename(largest.file), pageOpenMs, pageColdMs, pageReopenMs,
    fresh: { prebuilt: firstOpen('prebuilt'), computed: firstOpen('computed') },
    breakdown: Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, round(v, 2)])),
  };
}

/** `--first-page prebuilt|computed`: in this fresh process, the catalog loads the course, then the largest page opens. */
async function firstPageOpen(mode: string): Promise<void> {
  if (mode === 'prebuilt') useBuildsPrebuilt();
  let t = process.hrtime.bigint();
  const { largest } = await largestLesson();
  const catalogMs = ms(t);
  t = process.hrtime.bigint();
  buildLessonView(largest);
  process.stdout.write(JSON.stringify({ catalogMs, pageMs: ms(t) }));
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

/** Measures that could not be taken (printed as null; the bench then exits with 1). */
const failures: string[] = [];

async function main(): Promise<void> {
  const engine = createEngineFromEnvironment();
  await engine.ping();
  const image = benchImage();
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  try {
    // The measures of our own CPU first, before the engine has work of ours to finish in the background (removing a
    // thousand containers goes on after the API said so) and before this process's heap holds the scale case.
    // A lesson that does not render is reported, and fails the bench at the end, after the other measures are printed.
    const render = await renderSpeed().catch((error: unknown) => {
      failures.push(`render: ${error instanceof Error ? error.message : String(error)}`);
      const none = { catalogMs: Number.NaN, pageMs: Number.NaN };
      return { maxMs: Number.NaN, uncachedMs: Number.NaN, file: 'failed', fresh: { prebuilt: none, computed: none },
        pageOpenMs: Number.NaN, pageColdMs: Number.NaN, pageReopenMs: Number.NaN, breakdown: {} };
    });
    const { requireMs, vsixBytes: vsix } = productionBundle();
    await cleanup(engine, 'stale'); // what a crashed run of this bench left
    let t = Date.now();
    console.log(`creating ${CONTAINERS} labeled running containers from ${image} …`);
    await createContainers(image);
    console.log(`  ${round((Date.now() - t) / 1000)} s`);
    const list = await listing(engine, CONTAINERS);
    console.log(`  listing: snapshot ${round(list.ours)} ms, calls ${JSON.stringify(list.calls)}, CLI ${round(list.cli)} ms`);
    const events = await eventLatency(engine, image);
    console.log(`  event latency p50 ${round(events.p50)} ms`);
    const check = await checkSpeed(engine, image);

    t = Date.now();
    const more = SCALE - CONTAINERS - 21; // eventLatency and checkSpeed made 21
    console.log(`scale: creating ${more} more containers (docker create) and ${SCALE} tags of ${image} …`);
    await createStopped(image, CONTAINERS, more);
    await tagMany(engine, image, SCALE);
    console.log(`  ${round((Date.now() - t) / 1000)} s`);
    const scaleList = await listing(engine, SCALE);
    const scaleSnapshot = await engine.snapshot();
    const scaleModel = modelBuild(scaleSnapshot);
    console.log(`  listing: snapshot ${round(scaleList.ours)} ms, calls ${JSON.stringify(scaleList.calls)}, CLI ${round(scaleList.cli)} ms; items ${round(scaleModel)} ms`);
    console.log(`scale: a burst of ${BURST_EVENTS} events …`);
    const scaleBurst = await burst(engine);
    console.log(`  ${JSON.stringify(scaleBurst)}`);
    t = Date.now();
    await cleanup(engine);
    console.log(`  removed the bench's containers and tags in ${round((Date.now() - t) / 1000)} s`);
    const suite = suiteSeconds();
    const rows: [string, string, string][] = [
      ['listing, ours (API snapshot, 4 kinds)', `${round(list.ours)} ms`, ''],
      ['  slowest single list call of it', `${round(list.slowestCall)} ms`, ''],
      ['  snapshot / slowest call', `${round(list.ours / list.slowestCall, 2)}`, '≤ 1.2'],
      ...rawRows(list),
      ['listing, CLI (4 × docker … ls --format json)', `${round(list.cli)} ms`, ''],
      ['listing ratio CLI / ours', `${round(list.cli / list.ours, 2)}`, '≥ 4'],
      ['event latency p50 (engine start event → explorer change)', `${round(events.p50)} ms`, '≤ 15 ms'],
      ['  docker run -d invoked → explorer change p50', `${round(events.cliToChangeP50)} ms`, ''],
      [`scale (${scaleSnapshot.containers.length} containers, ${scaleSnapshot.images.reduce((n, i) => n + i.repoTags.length, 0)} tags): snapshot`, `${round(scaleList.ours)} ms`, ''],
      ['  slowest single list call of it', `${round(scaleList.slowestCall)} ms`, ''],
      ['  snapshot / slowest call', `${round(scaleList.ours / scaleList.slowestCall, 2)}`, '≤ 1.2'],
      ...rawRows(scaleList),
      ['  listing ratio CLI / ours', `${round(scaleList.cli / scaleList.ours, 2)}`, '≥ 4'],
      ['  building the four views\' items', `${round(scaleModel)} ms`, ''],
      [`burst: ${scaleBurst.events} events in ${round(scaleBurst.seconds)} s, model updates`, `${scaleBurst.updates}`, '≤ 20'],
      [`  silences of 1 s or more in it (longest ${round(scaleBurst.longestPauseMs / 1000)} s)`, `${scaleBurst.pauses}`, ''],
      ['  model matches the engine after the burst', `${scaleBurst.consistentAfterMs} ms`, '≤ 1000 ms'],
      ['  CPU of the explorer during the burst', `${round(scaleBurst.cpuMs)} ms (${round(scaleBurst.cpuMs / scaleBurst.seconds / 10)} %)`, ''],
      ['bundle require', `${round(requireMs)} ms`, '≤ 60 ms'],
      ['VSIX size', `${(vsix / 1024).toFixed(0)} KiB`, '≤ 4 MiB'],
      ['one step\'s checks p50', `${round(check, 2)} ms`, '≤ 30 ms'],
      [`the largest lesson (${render.file}) and its page's HTML, as the build made them`, `${round(render.maxMs, 2)} ms`, '≤ 15 ms'],
      ['  the same parsed and rendered now, nothing cached', `${round(render.uncachedMs, 2)} ms`, ''],
      ['a fresh process: listing the course, the build\'s parse / parsed now', `${round(render.fresh.prebuilt.catalogMs, 1)} / ${round(render.fresh.computed.catalogMs, 1)} ms`, ''],
      ['  then opening the largest page, the build\'s render / rendered now', `${round(render.fresh.prebuilt.pageMs, 2)} / ${round(render.fresh.computed.pageMs, 2)} ms`, ''],
      ['  opening its page (parsed by the catalog; HTML, step views, recap, quiz)', `${round(render.pageOpenMs, 2)} ms`, ''],
      ['  parse + opening its page, nothing in memory', `${round(render.pageColdMs, 2)} ms`, ''],
      ['  opening it again (HTML from the render cache)', `${round(render.pageReopenMs, 2)} ms`, ''],
      [`  parts: ${Object.entries(render.breakdown).map(([k, v]) => `${k} ${v}`).join(', ')} ms`, '', ''],
      ...(suite === null
        ? [['lesson suite wall time', 'skipped (--no-suite)', ''] as [string, string, string]]
        : Object.entries(suite).map(([leg, s]): [string, string, string] => [`lesson suite wall time, engine ${leg}`, `${s} s`, '≤ 420 s'])),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`\n${'measure'.padEnd(width)}  ${'value'.padStart(16)}  target`);
    for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(16)}  ${target}`);
    console.log(JSON.stringify({
      listing_ratio_cli_over_ours: round(list.cli / list.ours, 2),
      snapshot_ms: round(list.ours, 2),
      slowest_list_call_ms: round(list.slowestCall, 2),
      list_calls_ms: list.calls,
      snapshot_over_slowest_call: round(list.ours / list.slowestCall, 2),
      raw_lists_at_once_ms: list.rawAtOnce === undefined ? null : round(list.rawAtOnce, 2),
      event_latency_ms_p50: round(events.p50),
      scale: {
        containers: scaleSnapshot.containers.length,
        image_tags: scaleSnapshot.images.reduce((n, i) => n + i.repoTags.length, 0),
        snapshot_ms: round(scaleList.ours, 2),
        slowest_list_call_ms: round(scaleList.slowestCall, 2),
        list_calls_ms: scaleList.calls,
        snapshot_over_slowest_call: round(scaleList.ours / scaleList.slowestCall, 2),
        raw_lists_at_once_ms: scaleList.rawAtOnce === undefined ? null : round(scaleList.rawAtOnce, 2),
        listing_ratio_cli_over_ours: round(scaleList.cli / scaleList.ours, 2),
        model_build_ms: round(scaleModel, 2),
        burst_events: scaleBurst.events,
        burst_s: round(scaleBurst.seconds, 2),
        burst_model_updates: scaleBurst.updates,
        burst_consistent_after_ms: scaleBurst.consistentAfterMs,
        burst_cpu_ms: round(scaleBurst.cpuMs),
        burst_pauses_1s: scaleBurst.pauses,
        burst_longest_pause_ms: scaleBurst.longestPauseMs,
      },
      bundle_require_ms: round(requireMs),
      vsix_bytes: vsix,
      check_ms_p50: round(check, 2),
      render_ms_max: Number.isNaN(render.maxMs) ? null : round(render.maxMs, 2),
      render_uncached_ms: Number.isNaN(render.uncachedMs) ? null : round(render.uncachedMs, 2),
      catalog_first_ms: Number.isNaN(render.fresh.prebuilt.catalogMs) ? null : round(render.fresh.prebuilt.catalogMs, 1),
      catalog_first_parsed_ms: Number.isNaN(render.fresh.computed.catalogMs) ? null : round(render.fresh.computed.catalogMs, 1),
      page_first_open_ms: Number.isNaN(render.fresh.prebuilt.pageMs) ? null : round(render.fresh.prebuilt.pageMs, 2),
      page_first_open_rendered_ms: Number.isNaN(render.fresh.computed.pageMs) ? null : round(render.fresh.computed.pageMs, 2),
      page_open_ms: Number.isNaN(render.pageOpenMs) ? null : round(render.pageOpenMs, 2),
      page_cold_ms: Number.isNaN(render.pageColdMs) ? null : round(render.pageColdMs, 2),
      page_reopen_ms: Number.isNaN(render.pageReopenMs) ? null : round(render.pageReopenMs, 2),
      render_breakdown_ms: render.breakdown,
      suite_s: suite,
    }));
  } finally {
    await cleanup(engine);
    engine.dispose();
  }
}

const firstPage = process.argv.indexOf('--first-page');
(firstPage >= 0 ? firstPageOpen(process.argv[firstPage + 1]) : main()).then(() => {
  for (const failure of failures) console.error(`bench failed: ${failure}`);
  if (failures.length > 0) process.exit(1);
}, (error) => { console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`); process.exit(1); });
