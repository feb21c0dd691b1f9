// Shared helpers for tests that need the real Docker engine.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import { createEngine, isEngineError, resolveEndpoint, type DockerEngine } from '../../src/engine';

const execFileAsync = promisify(execFile);

/** The tiny busybox image every test area can use (no registry here: built locally FROM scratch). */
export const TEST_IMAGE = 'dl-test/busybox:latest';
const BUSYBOX_APPLETS = ['sh', 'sleep', 'echo', 'cat', 'ls', 'httpd', 'wget', 'env', 'true', 'false'];

/**
 * An engine for the environment's endpoint, or undefined after skipping the test when Docker is unreachable.
 * Under CI=true an unreachable engine fails the test instead. The engine is disposed when the test ends.
 */
export async function connectOrSkip(t: TestContext): Promise<DockerEngine | undefined> {
  let engine: DockerEngine | undefined;
  try {
    engine = createEngine(resolveEndpoint({ env: process.env, homeDir: os.homedir(), platform: process.platform }));
    // An engine busy with other suites' builds may miss one ping's deadline: three tries before calling it unreachable.
    for (let attempt = 1; ; attempt++) {
      try {
        await engine.ping();
        break;
      } catch (err) {
        if (attempt >= 3 || !isEngineError(err) || err.code !== 'unreachable') throw err;
      }
    }
  } catch (err) {
    engine?.dispose();
    const reason = `Docker engine not available: ${isEngineError(err) ? `${err.code}: ${err.message}` : String(err)}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true, so this fails instead of skipping)`, { cause: err });
    t.skip(reason);
    return undefined;
  }
  const connected = engine;
  if (typeof t.after === 'function') t.after(() => connected.dispose());
  return connected;
}

/** A name unlikely to clash with anything on the shared engine: `<prefix>-<time>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A TCP port free on all interfaces right now (Docker publishes on 0.0.0.0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Run the docker CLI against the engine's endpoint. */
export async function dockerCli(engine: DockerEngine, args: string[], options: { cwd?: string; timeoutMs?: number } = {}):
  Promise<{ stdout: string; stderr: string }> {
  return execFileAsync('docker', args, {
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, DOCKER_HOST: engine.endpoint.url },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * `docker run --rm …` and what it printed. Under load the engine now and then loses the output of a container that
 * ends at once (it exits 0, and nothing reaches the attached stream: the moby "loss of output in short-lived
 * containers" class of bugs); that is not what these tests are about, so such a run is made once more and reported.
 */
export async function dockerRunOutput(engine: DockerEngine, args: string[], onRetry?: (message: string) => void):
  Promise<{ stdout: string; stderr: string }> {
  const run = () => dockerCli(engine, ['run', '--rm', ...args]);
  const first = await run();
  if (first.stdout !== '' || first.stderr !== '') return first;
  onRetry?.(`the engine lost the output of docker run --rm ${args.join(' ')} (exit 0, nothing printed); ran it once more`);
  return run();
}

/** `--label k=v` for each label, for fixtures made with the docker CLI. */
export function labelArgs(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}

/**
 * Make a fixture with the docker CLI, the way a learner would (the product reaches the engine only through
 * DockerEngine, which creates nothing but images): `docker <args>`, answering what it printed (`docker create` and
 * `docker network create` print the new id).
 */
export async function dockerMake(engine: DockerEngine, args: string[]): Promise<string> {
  return (await dockerCli(engine, args)).stdout.trim();
}

let building: Promise<string> | undefined;

/**
 * Make sure `dl-test/busybox:latest` exists (FROM scratch + the host's static busybox + applet symlinks), building it
 * with `docker build` if absent. Returns the image reference.
 */
export function ensureTestImage(engine: DockerEngine): Promise<string> {
  building ??= buildTestImage(engine).finally(() => {
    building = undefined;
  });
  return building;
}

async function buildTestImage(engine: DockerEngine): Promise<string> {
  try {
    await engine.inspectImage(TEST_IMAGE);
    return TEST_IMAGE;
  } catch (err) {
    if (!isEngineError(err) || err.code !== 'not-found') throw err;
  }
  const busybox = '/usr/bin/busybox';
  if (!fs.existsSync(busybox)) {
    throw new Error(`${busybox} is missing: install Debian's busybox-static (apt-get install busybox-static) to build ${TEST_IMAGE}`);
  }
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-image-'));
  try {
    const bin = path.join(context, 'rootfs', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.mkdirSync(path.join(context, 'rootfs', 'tmp'), { recursive: true });
    fs.chmodSync(path.join(context, 'rootfs', 'tmp'), 0o1777);
    fs.copyFileSync(busybox, path.join(bin, 'busybox'));
    fs.chmodSync(path.join(bin, 'busybox'), 0o755);
    // COPY keeps symlinks inside a copied directory, so the applets resolve to /bin/busybox in the image.
    for (const applet of BUSYBOX_APPLETS) fs.symlinkSync('busybox', path.join(bin, applet));
    fs.writeFileSync(path.join(context, 'Dockerfile'), [
      'FROM scratch',
      'COPY rootfs/ /',
      'ENV PATH=/bin',
      'LABEL docker-lessons.test=support',
      'CMD ["/bin/sh"]',
      '',
    ].join('\n'));
    await dockerCli(engine, ['build', '--quiet', '-t', TEST_IMAGE, '.'], { cwd: context, timeoutMs: 300_000 });
    return TEST_IMAGE;
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}
