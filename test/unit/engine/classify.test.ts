import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyError } from '../../../src/engine/classify';
import { EngineError } from '../../../src/engine/errors';
import type { Endpoint } from '../../../src/engine/types';

const endpoint: Endpoint = { kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', source: 'default-socket' };

function sysError(code: string, message = `connect ${code} /var/run/docker.sock`): Error {
  return Object.assign(new Error(message), { code, syscall: 'connect' });
}

/** The shape docker-modem gives an HTTP error status. */
function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });
}

describe('classifyError', () => {
  for (const code of ['ENOENT', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH']) {
    test(`${code} → unreachable, naming the endpoint and what to do`, () => {
      const e = classifyError(sysError(code), endpoint);
      assert.equal(e.code, 'unreachable');
      assert.ok(e.message.includes('unix:///var/run/docker.sock'), e.message);
      assert.match(e.message, /DOCKER_HOST|daemon/);
      assert.equal(e.endpointUrl, endpoint.url);
    });
  }

  test('"socket hang up" → unreachable', () => {
    assert.equal(classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), endpoint).code, 'unreachable');
    assert.equal(classifyError(new Error('socket hang up'), endpoint).code, 'unreachable');
  });

  test('a timeout (AbortSignal.timeout) → unreachable', () => {
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
    const e = classifyError(abort, endpoint);
    assert.equal(e.code, 'unreachable');
    assert.match(e.message, /did not answer in time/);
  });

  for (const code of ['EACCES', 'EPERM']) {
    test(`${code} → permission-denied, suggests the docker group and never chmod 666`, () => {
      const e = classifyError(sysError(code), endpoint);
      assert.equal(e.code, 'permission-denied');
      assert.ok(e.message.includes('/var/run/docker.sock'));
      assert.match(e.message, /usermod -aG docker/);
      assert.doesNotMatch(e.message, /chmod 666|chmod a\+rw/);
    });
  }

  test('404 → not-found with the engine message', () => {
    const e = classifyError(httpError(404, 'No such container: web'), endpoint);
    assert.equal(e.code, 'not-found');
    assert.equal(e.statusCode, 404);
    assert.equal(e.engineMessage, 'No such container: web');
    assert.ok(e.message.includes('No such container: web'));
  });

  test('409 → conflict', () => {
    const e = classifyError(httpError(409, 'Conflict. The container name "/web" is already in use'), endpoint);
    assert.equal(e.code, 'conflict');
    assert.equal(e.statusCode, 409);
    assert.match(e.engineMessage ?? '', /already in use/);
  });

  test('other status → api with json.message', () => {
    const e = classifyError(httpError(500, 'driver failed programming external connectivity'), endpoint);
    assert.equal(e.code, 'api');
    assert.equal(e.statusCode, 500);
    assert.equal(e.engineMessage, 'driver failed programming external connectivity');
    assert.ok(e.message.includes('500'));
  });

  test('stream errors without json: the message tail is the engine message', () => {
    const err = Object.assign(new Error('(HTTP code 404) no such container - No such container: ghost '), { statusCode: 404, json: null });
    assert.equal(classifyError(err, endpoint).engineMessage, 'No such container: ghost');
  });

  test('an EngineError passes through unchanged; causes are looked into; unknown errors keep their detail', () => {
    const original = new EngineError('bad-host', 'bad');
    assert.equal(classifyError(original, endpoint), original);
    const wrapped = new Error('request failed', { cause: sysError('EACCES') });
    assert.equal(classifyError(wrapped, endpoint).code, 'permission-denied');
    const odd = classifyError(new Error('weird failure'), endpoint);
    assert.equal(odd.code, 'unreachable');
    assert.ok(odd.message.includes('weird failure'));
    assert.ok(odd.cause instanceof Error);
  });
});
