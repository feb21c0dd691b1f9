// Connection failures and the event stream's reconnection, against sockets this test controls (no Docker needed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEngine, type Endpoint } from '../../src/engine';

const root = path.resolve(__dirname, '..', '..');

function unixEndpoint(socketPath: string): Endpoint {
  return { kind: 'unix', socketPath, url: `unix://${socketPath}`, source: 'setting' };
}

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-engine-sock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a socket path with no listener gives code "unreachable" with the daemon hint', async (t) => {
  const dir = tempDir(t);
  const engine = createEngine(unixEndpoint(path.join(dir, 'docker.sock')));
  t.after(() => engine.dispose());
  await assert.rejects(engine.ping(), (err: Error & { code?: string; endpointUrl?: string }) => {
    assert.equal(err.code, 'unreachable');
    assert.equal(err.endpointUrl, `unix://${path.join(dir, 'docker.sock')}`);
    assert.match(err.message, /Is the Docker daemon running\?/);
    return true;
  });
  await assert.rejects(engine.snapshot(), (err: Error & { code?: string }) => err.code === 'unreachable');
});

test('a socket we may not open gives code "permission-denied" (client runs as nobody)', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to start the client as another user');
    return;
  }
  const dir = tempDir(t);
  fs.chmodSync(dir, 0o755);
  const socketPath = path.join(dir, 'docker.sock');
  const server = http.createServer((_req, res) => res.end('OK'));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  fs.chmodSync(socketPath, 0o000);

  // Root ignores file permissions, so the client runs in a child process as `nobody`. The checkout may sit in a folder
  // `nobody` cannot enter (mktemp -d is 0700), so the client is bundled into the test's own world-readable folder.
  const probe = path.join(dir, 'probe.js');
  await esbuild.build({
    stdin: {
      contents: [
        "const { createEngine } = require('./src/engine');",
        `const engine = createEngine(${JSON.stringify(unixEndpoint(socketPath))});`,
        'engine.ping().then(() => console.log(JSON.stringify({ ok: true })),',
        '  (err) => console.log(JSON.stringify({ code: err.code, message: err.message })));',
      ].join('\n'),
      resolveDir: root, loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'cjs', outfile: probe, logLevel: 'error', external: ['cpu-features', '*.node'],
  });
  fs.chmodSync(probe, 0o644);
  const child = spawn(process.execPath, [probe], {
    cwd: dir, uid: 65534, gid: 65534, env: { ...process.env, HOME: os.tmpdir() }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b));
  child.stderr.on('data', (b: Buffer) => (stderr += b));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(exitCode, 0, stderr);
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { code?: string; message?: string };
  assert.equal(result.code, 'permission-denied', stdout + stderr);
  assert.ok(result.message?.includes(socketPath));
  assert.match(result.message ?? '', /usermod -aG docker/);
  assert.doesNotMatch(result.message ?? '', /chmod 666/);
});

/** A fake engine: /_ping and a streaming /events that can be taken down and brought back on the same socket. */
class FakeEngine {
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly eventStreams = new Set<http.ServerResponse>();
  constructor(readonly socketPath: string) {}

  async start(): Promise<void> {
    fs.rmSync(this.socketPath, { force: true });
    const server = http.createServer((req, res) => {
      if (req.url?.endsWith('/_ping')) return void res.end('OK');
      if (req.url?.includes('/events')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.flushHeaders();
        this.eventStreams.add(res);
        res.on('close', () => this.eventStreams.delete(res));
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"page not found"}');
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(this.socketPath, resolve));
    this.server = server;
  }

  emit(event: object): void {
    for (const res of this.eventStreams) res.write(`${JSON.stringify(event)}\n`);
  }

  /** Like a daemon stopping: close the listener and cut every open connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

test('the event stream reports the daemon going away and coming back within 2 s', async (t) => {
  const dir = tempDir(t);
  const fake = new FakeEngine(path.join(dir, 'docker.sock'));
  await fake.start();
  t.after(() => fake.stop());
  const engine = createEngine(unixEndpoint(fake.socketPath));
  t.after(() => engine.dispose());

  const stream = engine.events({ coalesceMs: 20 });
  const log: { connected: boolean; code?: string; at: number }[] = [];
  let notify: (() => void) | undefined;
  stream.onConnection((connected, error) => {
    log.push({ connected, code: error?.code, at: Date.now() });
    notify?.();
  });
  const nextConnection = (ms: number) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no connection change within ${ms} ms: ${JSON.stringify(log)}`)), ms);
    notify = () => {
      clearTimeout(timer);
      notify = undefined;
      resolve();
    };
  });

  await nextConnection(2000);
  assert.equal(log.at(-1)?.connected, true);
  assert.equal(stream.connected, true);

  // Events arrive through the shared stream.
  const gotEvent = new Promise<string>((resolve) => stream.onEvent((e) => resolve(`${e.kind}:${e.action}:${e.name}`)));
  fake.emit({ Type: 'container', Action: 'start', Actor: { ID: 'abc', Attributes: { name: 'web' } }, time: 1 });
  assert.equal(await gotEvent, 'container:start:web');

  // The daemon stops: reported as disconnected with a classified error.
  const down = nextConnection(2000);
  await fake.stop();
  await down;
  assert.deepEqual({ connected: log.at(-1)?.connected, code: log.at(-1)?.code }, { connected: false, code: 'unreachable' });
  assert.equal(stream.connected, false);

  // Let a few reconnect attempts fail (backoff grows to its 2 s cap), then bring it back.
  await new Promise((resolve) => setTimeout(resolve, 1800));
  const up = nextConnection(2500);
  const restartedAt = Date.now();
  await fake.start();
  await up;
  assert.equal(log.at(-1)?.connected, true);
  assert.ok(log.at(-1)!.at - restartedAt <= 2100, `reconnected after ${log.at(-1)!.at - restartedAt} ms`);
  assert.equal(log.filter((e) => !e.connected).length, 1, 'failed retries are not reported again');

  stream.dispose();
  assert.equal(stream.connected, false, 'the last listener leaving stops the shared stream');
});
