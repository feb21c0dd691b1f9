// The one endpoint → docker CLI environment translation, in its three shapes: the variables, a whole process
// environment (step shells, the CLI) and a VS Code terminal's env (null removes).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Endpoint } from '../../../src/engine/types';
import { DOCKER_CLI_VARIABLES, dockerCliEnv, stepEnv, terminalEnv } from '../../../src/runner/env';

const SOCKET: Endpoint = { kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', source: 'default-socket' };
const TLS: Endpoint = { kind: 'tcp', host: 'h', port: 2376, url: 'tcp://h:2376', source: 'DOCKER_HOST',
  tls: { caPath: '/certs/ca.pem', verify: true } };
const TLS_NO_VERIFY: Endpoint = { ...TLS, tls: { keyPath: '/keys/key.pem', verify: false } };

describe('docker CLI environment', () => {
  test('decides every variable it manages: set, or removed', () => {
    assert.deepEqual(Object.keys(dockerCliEnv(SOCKET)).sort(), [...DOCKER_CLI_VARIABLES].sort());
    assert.deepEqual(dockerCliEnv(SOCKET), {
      DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CLI_HINTS: 'false',
      DOCKER_CONTEXT: undefined, DOCKER_TLS: undefined, DOCKER_TLS_VERIFY: undefined, DOCKER_CERT_PATH: undefined,
    });
    assert.equal(dockerCliEnv(TLS).DOCKER_TLS_VERIFY, '1');
    assert.equal(dockerCliEnv(TLS).DOCKER_CERT_PATH, '/certs');
    assert.equal(dockerCliEnv(TLS_NO_VERIFY).DOCKER_TLS, '1');
    assert.equal(dockerCliEnv(TLS_NO_VERIFY).DOCKER_TLS_VERIFY, undefined);
    assert.equal(dockerCliEnv(TLS_NO_VERIFY).DOCKER_CERT_PATH, '/keys');
  });

  test('a process environment keeps the rest and drops a stale context or TLS setting', () => {
    const env = stepEnv(SOCKET, { PATH: '/bin', LANG: 'C.UTF-8', DOCKER_CONTEXT: 'remote', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/old' });
    assert.deepEqual(env, { PATH: '/bin', LANG: 'C.UTF-8', DOCKER_HOST: 'unix:///var/run/docker.sock', DOCKER_CLI_HINTS: 'false' });
    assert.ok(!('DOCKER_CONTEXT' in env));
  });

  test('a terminal environment removes with null (VS Code merges it into the learner\'s)', () => {
    assert.deepEqual(terminalEnv(TLS), {
      DOCKER_HOST: 'tcp://h:2376', DOCKER_CLI_HINTS: 'false', DOCKER_CONTEXT: null, DOCKER_TLS: null,
      DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs',
    });
  });
});
