// `npm run images` (scripts/images.mjs → `docker-lessons images` → src/runner/standins.ts) against the real engine: the
// stand-ins behave like the images the lessons expect, an image that is present but not a stand-in is never rebuilt,
// and a build that fails or is cancelled is reported as such with nothing left behind.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import type { DockerEngine } from '../../src/engine/api';
import { isEngineError } from '../../src/engine/errors';
import { loadCatalog, prepareStandins, selectByTag } from '../../src/runner/standins';
import { connectOrSkip, dockerCli, dockerRunOutput, uniqueName } from '../support/engine';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'images.mjs');
const AREA_LABEL = ['--label', 'docker-lessons.test=images'];

interface ImageResult { name: string; tag: string; action: 'built' | 'present' | 'pulled' | 'real' | 'failed' | 'skipped' }
interface ListRow { name: string; tag: string; state: 'missing' | 'standin' | 'real'; id: string | null }

/** Runs scripts/images.mjs with --json against the engine's endpoint; resolves with its exit code and parsed stdout. */
async function runImagesScript(engine: DockerEngine, args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [SCRIPT, '--json', ...args], {
      cwd: ROOT,
      env: { ...process.env, DOCKER_HOST: engine.endpoint.url, LANG: 'en_US.UTF-8', LC_ALL: '' },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, json: JSON.parse(stdout), stderr };
  } catch (err) {
    const failure = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, json: failure.stdout ? JSON.parse(failure.stdout) : undefined, stderr: failure.stderr ?? '' };
  }
}

let prepared: Promise<ImageResult[]> | undefined;
/** Builds (or finds) the stand-ins these tests use, once per file. */
function ensureStandins(engine: DockerEngine): Promise<ImageResult[]> {
  prepared ??= runImagesScript(engine, ['--no-pull', '--only', 'hello-world,nginx,ubuntu,busybox']).then(({ code, json, stderr }) => {
    assert.equal(code, 0, `images.mjs failed:\n${stderr}`);
    return (json as { images: ImageResult[] }).images;
  });
  return prepared;
}

async function setUp(t: TestContext): Promise<{ engine: DockerEngine; results: ImageResult[] } | undefined> {
  const engine = await connectOrSkip(t);
  if (!engine) return undefined;
  return { engine, results: await ensureStandins(engine) };
}

function resultFor(results: ImageResult[], tag: string): ImageResult {
  const found = results.find((r) => r.tag === tag);
  assert.ok(found, `images.mjs reported nothing for ${tag}`);
  assert.ok(['built', 'present', 'pulled', 'real'].includes(found.action), `${tag}: ${found.action}`);
  return found;
}

async function imageInfo(engine: DockerEngine, ref: string): Promise<{ id: string; layers: number; labels: Record<string, string> }> {
  const { stdout } = await dockerCli(engine, ['image', 'inspect', '--format', '{{json .}}', ref]);
  const raw = JSON.parse(stdout) as { Id: string; RootFS: { Layers?: string[] }; Config: { Labels?: Record<string, string> | null } };
  return { id: raw.Id, layers: raw.RootFS.Layers?.length ?? 0, labels: raw.Config.Labels ?? {} };
}

/** GET with retries: the server in a just-started container may need a moment. */
async function httpGet(url: string, timeoutMs = 10_000): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return { status: response.status, body: await response.text() };
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`no HTTP answer from ${url}: ${String(lastError)}`);
}

describe('npm run images: offline stand-ins', () => {
  test('hello-world prints the real greeting, exits 0 and has one layer like the real image', async (t) => {
    const fx = await setUp(t);
    if (!fx) return;
    const result = resultFor(fx.results, 'hello-world:latest');
    const name = uniqueName('dl-test-images-hello');
    try {
      const { stdout } = await dockerCli(fx.engine, ['run', '--name', name, ...AREA_LABEL, 'hello-world']);
      assert.match(stdout, /Hello from Docker!\nThis message shows that your installation appears to be working correctly\./);
      const { stdout: state } = await dockerCli(fx.engine, ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{json .Config.Cmd}}', name]);
      assert.equal(state.trim(), 'exited 0 ["/hello"]');
    } finally {
      await dockerCli(fx.engine, ['rm', '-f', name]).catch(() => undefined);
    }
    const info = await imageInfo(fx.engine, 'hello-world:latest');
    assert.equal(info.layers, 1);
    if (result.action !== 'real') {
      assert.equal(info.labels['docker-lessons.standin'], 'true');
      assert.equal(info.labels['docker-lessons.standin.of'], 'hello-world');
    }
  });

  test('nginx serves its welcome page on a published port, serves edits made with docker exec, and stops at once', async (t) => {
    const fx = await setUp(t);
    if (!fx) return;
    const result = resultFor(fx.results, 'nginx:latest');
    const name = uniqueName('dl-test-images-nginx');
    try {
      await dockerCli(fx.engine, ['run', '-d', '--name', name, ...AREA_LABEL, '-p', '127.0.0.1::80', 'nginx']);
      const { stdout: port } = await dockerCli(fx.engine, ['port', name, '80/tcp']);
      const address = port.trim().split('\n')[0];
      assert.match(address, /^127\.0\.0\.1:\d+$/);

      const welcome = await httpGet(`http://${address}/`);
      assert.equal(welcome.status, 200);
      assert.match(welcome.body, /Welcome to nginx!/);

      await dockerCli(fx.engine, ['exec', name, 'sh', '-c', 'echo hi > /usr/share/nginx/html/index.html']);
      const edited = await httpGet(`http://${address}/`);
      assert.equal(edited.body, 'hi\n');

      if (result.action !== 'real') {
        // The stand-in handles nginx's stop signal (SIGQUIT); without that, docker stop would wait 10 s and kill it.
        const started = Date.now();
        await dockerCli(fx.engine, ['stop', name]);
        assert.ok(Date.now() - started < 5_000, `docker stop took ${Date.now() - started} ms`);
        const { stdout: exit } = await dockerCli(fx.engine, ['inspect', '--format', '{{.State.ExitCode}}', name]);
        assert.equal(exit.trim(), '0');
        const { stdout: logs, stderr: logErr } = await dockerCli(fx.engine, ['logs', name]);
        assert.match(logs + logErr, /GET|url:\//, 'requests are logged for docker logs');
      }
    } finally {
      await dockerCli(fx.engine, ['rm', '-f', name]).catch(() => undefined);
    }
  });

  test('ubuntu runs bash commands and reports an Ubuntu os-release', async (t) => {
    const fx = await setUp(t);
    if (!fx) return;
    resultFor(fx.results, 'ubuntu:latest');
    const { stdout } = await dockerRunOutput(fx.engine, [...AREA_LABEL, 'ubuntu', '/bin/bash', '-c', 'echo ok'], (m) => t.diagnostic(m));
    assert.equal(stdout, 'ok\n');
    const { stdout: release } = await dockerRunOutput(fx.engine, [...AREA_LABEL, 'ubuntu:16.04', 'cat', '/etc/os-release'], (m) => t.diagnostic(m));
    assert.match(release, /^NAME="Ubuntu"$/m);
  });

  test('an image that is present and not a stand-in is left alone; a missing one is built with the stand-in labels', async (t) => {
    const fx = await setUp(t);
    if (!fx) return;
    const engine = fx.engine;
    const suffix = uniqueName('t');
    const realTag = `dl-test-real/x:${suffix}`;
    const builtTag = `dl-test-images/y:${suffix}`;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-images-'));
    try {
      // A "real" image: the busybox stand-in relabelled as not a stand-in.
      fs.writeFileSync(path.join(work, 'Dockerfile'), 'FROM busybox:latest\nLABEL docker-lessons.standin=false docker-lessons.standin.of= docker-lessons.test=images\n');
      await dockerCli(engine, ['build', '--quiet', '-t', realTag, work]);
      const before = await imageInfo(engine, realTag);

      const catalog = path.join(work, 'catalog.json');
      fs.writeFileSync(catalog, JSON.stringify({
        images: [
          { name: 'x', context: path.join(ROOT, 'images', 'busybox'), variants: [{ tags: [realTag] }] },
          { name: 'y', context: path.join(ROOT, 'images', 'busybox'), variants: [{ tags: [builtTag] }] },
        ],
      }));

      for (const extra of [[], ['--force-standins']]) {
        const run = await runImagesScript(engine, ['--catalog', catalog, '--only', 'x', '--no-pull', ...extra]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual((run.json as { images: ImageResult[] }).images.map((r) => [r.tag, r.action]), [[realTag, 'real']]);
        assert.equal((await imageInfo(engine, realTag)).id, before.id, `the real image was replaced (${extra.join(' ')})`);
      }

      const listed = await runImagesScript(engine, ['--catalog', catalog, '--list']);
      const rows = (listed.json as { images: ListRow[] }).images;
      assert.deepEqual(rows.filter((r) => r.name !== 'docker-lessons/base:busybox').map((r) => [r.tag, r.state]),
        [[realTag, 'real'], [builtTag, 'missing']]);

      const build = await runImagesScript(engine, ['--catalog', catalog, '--only', 'y', '--no-pull']);
      assert.equal(build.code, 0, build.stderr);
      assert.deepEqual((build.json as { images: ImageResult[] }).images.map((r) => [r.tag, r.action]), [[builtTag, 'built']]);
      const built = await imageInfo(engine, builtTag);
      assert.equal(built.labels['docker-lessons.standin'], 'true');
      assert.equal(built.labels['docker-lessons.standin.of'], 'y');
    } finally {
      await dockerCli(engine, ['image', 'rm', realTag, builtTag]).catch(() => undefined);
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('unknown names are refused with the list of known ones', async (t) => {
    const engine = await connectOrSkip(t);
    if (!engine) return;
    const run = await runImagesScript(engine, ['--only', 'no-such-image']);
    assert.equal(run.code, 2);
    // Under --json the CLI reports the error in the JSON document on stdout.
    assert.match((run.json as { error?: string } | undefined)?.error ?? run.stderr,
      /Unknown image name\(s\): no-such-image\. Known names: hello-world, busybox/);
  });

  test('from nothing: the base (FROM scratch + busybox), hello-world and a stand-in on that base are built in order', async (t) => {
    const engine = await connectOrSkip(t);
    if (!engine) return;
    const suffix = uniqueName('t');
    const tags = { base: `dl-test-images/base:${suffix}`, hello: `dl-test-images/hello:${suffix}`, ubuntu: `dl-test-images/ubuntu:${suffix}` };
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-images-'));
    try {
      const catalogFile = path.join(work, 'catalog.json');
      const images = path.join(ROOT, 'images');
      fs.writeFileSync(catalogFile, JSON.stringify({
        base: { tag: tags.base, context: path.join(images, 'base') },
        images: [
          { name: 'hello', context: path.join(images, 'hello-world'), from: 'scratch', inputs: ['hello'], variants: [{ tags: [tags.hello] }] },
          { name: 'ubuntu', context: path.join(images, 'ubuntu'), variants: [{ tags: [tags.ubuntu], args: { VERSION_ID: '99.04', VERSION: 'x', CODENAME: 'test' } }] },
        ],
      }));
      const catalog = loadCatalog(catalogFile);
      const progress: string[] = [];
      const result = await prepareStandins(engine, catalog, catalog.images, { busybox: ['/usr/bin/busybox'], onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.message}`) });
      assert.deepEqual(result.images.map((r) => [r.tag, r.action]), [[tags.hello, 'built'], [tags.ubuntu, 'built']], progress.join('\n'));
      assert.match(progress.join('\n'), /^3\/3 /m, 'three builds, the base first');
      const base = await imageInfo(engine, tags.base);
      assert.equal(base.labels['docker-lessons.standin'], 'true');
      const { stdout: hello } = await dockerRunOutput(engine, [...AREA_LABEL, tags.hello], (m) => t.diagnostic(m));
      assert.match(hello, /Hello from Docker!/);
      const { stdout: release } = await dockerRunOutput(engine, [...AREA_LABEL, tags.ubuntu, 'bash', '-c', '. /etc/os-release; echo $VERSION_ID; ls -ld /tmp'], (m) => t.diagnostic(m));
      assert.match(release, /^99\.04\ndrwxrwxrwt/);
    } finally {
      await dockerCli(engine, ['image', 'rm', tags.ubuntu, tags.hello, tags.base]).catch(() => undefined);
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('a failing build is reported with the builder\'s words, and a cancelled one leaves no tag', async (t) => {
    const engine = await connectOrSkip(t);
    if (!engine) return;
    const suffix = uniqueName('t');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-images-'));
    const failTag = `dl-test-images/fail:${suffix}`;
    const slowTag = `dl-test-images/slow:${suffix}`;
    try {
      for (const [name, dockerfile] of [['fail', 'ARG BASE\nFROM ${BASE}\nRUN echo about to fail && false\n'],
        ['slow', 'ARG BASE\nFROM ${BASE}\nRUN sleep 30\n']]) {
        fs.mkdirSync(path.join(work, name));
        fs.writeFileSync(path.join(work, name, 'Dockerfile'), dockerfile);
      }
      const catalogFile = path.join(work, 'catalog.json');
      fs.writeFileSync(catalogFile, JSON.stringify({
        images: [{ name: 'fail', context: 'fail', variants: [{ tags: [failTag] }] }, { name: 'slow', context: 'slow', variants: [{ tags: [slowTag] }] }],
      }));
      const catalog = loadCatalog(catalogFile, path.join(ROOT, 'images', 'standins.json'));
      const busybox = ['/usr/bin/busybox'];

      const output: string[] = [];
      const failed = await prepareStandins(engine, catalog, selectByTag(catalog, [failTag]).entries, { busybox, onBuildOutput: (l) => output.push(l) });
      const result = failed.images.find((r) => r.tag === failTag);
      assert.equal(result?.action, 'failed');
      assert.match(result?.detail ?? '', /returned a non-zero code: 1|exit code: 1/);
      assert.ok(output.some((line) => /about to fail/.test(line)), `the RUN output was passed on: ${output.join(' | ')}`);
      await assert.rejects(engine.inspectImage(failTag), (e: unknown) => isEngineError(e) && e.code === 'not-found');

      const controller = new AbortController();
      const started = Date.now();
      const cancelled = prepareStandins(engine, catalog, selectByTag(catalog, [slowTag]).entries, {
        busybox, signal: controller.signal,
        onBuildOutput: (line) => { if (/^Step 2\/3|RUN sleep/.test(line)) setTimeout(() => controller.abort(), 500); },
      });
      const outcome = await cancelled;
      assert.ok(Date.now() - started < 20_000, `cancelling took ${Date.now() - started} ms`);
      assert.deepEqual(outcome.images.map((r) => [r.tag, r.action]), [[slowTag, 'cancelled']]);
      await assert.rejects(engine.inspectImage(slowTag), (e: unknown) => isEngineError(e) && e.code === 'not-found');
    } finally {
      await dockerCli(engine, ['image', 'rm', failTag, slowTag]).catch(() => undefined);
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
