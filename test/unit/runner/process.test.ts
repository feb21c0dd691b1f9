import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasScript, runShell, TailBuffer } from '../../../src/runner/process';
import { stepEnv } from '../../../src/runner/env';
import { insideDir, writeEditFile } from '../../../src/runner/workdir';

const base = { cwd: os.tmpdir(), env: process.env, timeoutMs: 10_000 };

describe('running a step command', () => {
  test('captures stdout, stderr and the exit code, and streams chunks', async () => {
    const chunks: string[] = [];
    const result = await runShell('echo out; echo err >&2; exit 3', { ...base, onOutput: (chunk) => chunks.push(chunk) });
    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, 'out\n');
    assert.equal(result.stderr, 'err\n');
    assert.ok(chunks.join('').includes('out'));
    assert.equal(result.timedOut, false);
  });

  test('a timeout kills the whole process group', async () => {
    const started = Date.now();
    const result = await runShell('sleep 30 & sleep 30; echo never', { ...base, timeoutMs: 300 });
    assert.equal(result.timedOut, true);
    assert.ok(Date.now() - started < 5000);
    assert.equal(result.stdout.includes('never'), false);
  });

  test('stopAfter stops a long-running command on purpose', async () => {
    const result = await runShell('echo serving; sleep 30', { ...base, stopAfterMs: 300 });
    assert.equal(result.stopped, true);
    assert.equal(result.stdout, 'serving\n');
  });

  test('an AbortSignal cancels it', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runShell('sleep 30', { ...base, signal: controller.signal });
    assert.equal(result.cancelled, true);
  });

  test('input is typed into a real terminal through script', { skip: !hasScript() && 'util-linux script is not installed' }, async () => {
    const result = await runShell('test -t 0 && echo has-tty; read line; echo "got:$line"', { ...base, input: ['hello'] });
    assert.equal(result.exitCode, 0);
    assert.match(result.stdout, /has-tty/);
    assert.match(result.stdout, /got:hello/);
  });

  test('the captured output is bounded to its tail', () => {
    const buffer = new TailBuffer(10);
    buffer.push('0123456789');
    buffer.push('abc');
    assert.equal(buffer.toString(), '3456789abc');
    assert.equal(buffer.truncated, true);
  });
});

describe('step environment', () => {
  test('points the docker CLI at the resolved endpoint, with TLS and without hints', () => {
    const env = stepEnv({ kind: 'tcp', host: 'h', port: 2376, url: 'tcp://h:2376', source: 'setting',
      tls: { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true } },
    { PATH: '/bin', LANG: 'zh_CN.UTF-8', DOCKER_CONTEXT: 'remote', DOCKER_HOST: 'unix:///other' });
    assert.equal(env.DOCKER_HOST, 'tcp://h:2376');
    assert.equal(env.DOCKER_TLS_VERIFY, '1');
    assert.equal(env.DOCKER_CERT_PATH, '/certs');
    assert.equal(env.DOCKER_CLI_HINTS, 'false');
    assert.equal(env.DOCKER_CONTEXT, undefined);
    assert.equal(env.LANG, 'zh_CN.UTF-8');
    assert.equal(env.PATH, '/bin');
    const plain = stepEnv({ kind: 'unix', socketPath: '/s', url: 'unix:///s', source: 'default-socket' }, { DOCKER_TLS_VERIFY: '1' });
    assert.equal(plain.DOCKER_TLS_VERIFY, undefined);
    assert.equal(plain.DOCKER_HOST, 'unix:///s');
  });
});

describe('edit step files', () => {
  test('written when absent or ours, kept when the learner changed them, unless forced', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-edit-'));
    try {
      const file = path.join(dir, 'sub', 'Dockerfile');
      const template = 'FROM busybox\n# TODO\n';
      const solution = 'FROM busybox\nCMD ["echo"]\n';
      assert.equal(writeEditFile(file, solution, [template, solution], false), 'written');
      assert.equal(writeEditFile(file, solution, [template, solution], false), 'unchanged');
      fs.writeFileSync(file, template);
      assert.equal(writeEditFile(file, solution, [template, solution], false), 'written');
      fs.writeFileSync(file, 'FROM busybox\nCMD ["mine"]\n');
      assert.equal(writeEditFile(file, solution, [template, solution], false), 'kept-learner-file');
      assert.equal(fs.readFileSync(file, 'utf8'), 'FROM busybox\nCMD ["mine"]\n');
      assert.equal(writeEditFile(file, solution, [template, solution], true), 'written');
      assert.equal(fs.readFileSync(file, 'utf8'), solution);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('paths may not leave the working folder', () => {
    assert.equal(insideDir('/w/l', '../x'), undefined);
    assert.equal(insideDir('/w/l', '/etc/passwd'), undefined);
    assert.equal(insideDir('/w/l', 'a/b'), '/w/l/a/b');
  });
});
