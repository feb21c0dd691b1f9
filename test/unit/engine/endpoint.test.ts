import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { EngineError } from '../../../src/engine/errors';
import { contextDirName, resolveEndpoint, type ResolveEndpointInput } from '../../../src/engine/endpoint';

let home: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-engine-home-'));
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

function resolve(over: Partial<ResolveEndpointInput> = {}) {
  return resolveEndpoint({ env: {}, homeDir: home, platform: 'linux', fileExists: () => false, ...over });
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

/** Write a context the way `docker context create` stores it. */
function writeContext(configDir: string, name: string, host: string, extra: Record<string, unknown> = {}): string {
  const digest = createHash('sha256').update(name).digest('hex');
  writeJson(path.join(configDir, 'contexts', 'meta', digest, 'meta.json'), {
    Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false, ...extra } },
  });
  return digest;
}

describe('resolveEndpoint: precedence', () => {
  test('the setting wins over DOCKER_HOST and contexts', () => {
    writeContext(path.join(home, '.docker'), 'remote', 'tcp://10.1.2.3:2375');
    const e = resolve({
      setting: 'unix:///tmp/from-setting.sock',
      env: { DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'remote' },
    });
    assert.deepEqual(e, { kind: 'unix', socketPath: '/tmp/from-setting.sock', url: 'unix:///tmp/from-setting.sock', source: 'setting' });
  });

  test('a blank setting is ignored; DOCKER_HOST wins over DOCKER_CONTEXT', () => {
    writeContext(path.join(home, '.docker'), 'remote', 'tcp://10.1.2.3:2375');
    const e = resolve({ setting: '  ', env: { DOCKER_HOST: 'tcp://127.0.0.1:2375', DOCKER_CONTEXT: 'remote' } });
    assert.equal(e.source, 'DOCKER_HOST');
    assert.equal(e.kind, 'tcp');
    assert.equal(e.host, '127.0.0.1');
    assert.equal(e.port, 2375);
    assert.equal(e.url, 'tcp://127.0.0.1:2375');
    assert.equal(e.tls, undefined);
  });

  test('DOCKER_CONTEXT wins over currentContext in config.json', () => {
    const configDir = path.join(home, '.docker');
    writeContext(configDir, 'from-env', 'unix:///run/env.sock');
    writeContext(configDir, 'from-config', 'unix:///run/config.sock');
    writeJson(path.join(configDir, 'config.json'), { currentContext: 'from-config' });
    assert.equal(resolve({ env: { DOCKER_CONTEXT: 'from-env' } }).socketPath, '/run/env.sock');
    const fromConfig = resolve();
    assert.equal(fromConfig.socketPath, '/run/config.sock');
    assert.equal(fromConfig.source, 'context:from-config');
    assert.equal(fromConfig.url, 'unix:///run/config.sock');
  });

  test('the context lives under the sha256 of its name, in DOCKER_CONFIG when set', () => {
    const configDir = path.join(home, 'elsewhere');
    const digest = writeContext(configDir, 'my ctx/1', 'ssh://me@build.example:2222');
    assert.equal(contextDirName('my ctx/1'), digest);
    assert.match(digest, /^[0-9a-f]{64}$/);
    writeJson(path.join(configDir, 'config.json'), { currentContext: 'my ctx/1' });
    const e = resolve({ env: { DOCKER_CONFIG: configDir } });
    assert.deepEqual(e, {
      kind: 'ssh', host: 'build.example', port: 2222, username: 'me', url: 'ssh://me@build.example:2222', source: 'context:my ctx/1',
    });
    // Without DOCKER_CONFIG, ~/.docker has no config.json: back to the default socket.
    assert.equal(resolve().source, 'default-socket');
  });

  test('context "default" means no context', () => {
    writeJson(path.join(home, '.docker', 'config.json'), { currentContext: 'default' });
    const e = resolve({ env: { DOCKER_CONTEXT: 'default' } });
    assert.equal(e.source, 'default-socket');
    assert.equal(e.socketPath, '/var/run/docker.sock');
  });

  test('a context that does not exist is a bad-host error naming it', () => {
    assert.throws(() => resolve({ env: { DOCKER_CONTEXT: 'ghost' } }),
      (err: unknown) => err instanceof EngineError && err.code === 'bad-host' && err.message.includes('"ghost"'));
  });

  test('context TLS files and SkipTLSVerify', () => {
    const configDir = path.join(home, '.docker');
    const digest = writeContext(configDir, 'secure', 'tcp://docker.example:2376');
    const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
    fs.mkdirSync(tlsDir, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(tlsDir, f), 'x');
    const e = resolve({ env: { DOCKER_CONTEXT: 'secure' }, fileExists: fs.existsSync });
    assert.equal(e.url, 'tcp://docker.example:2376');
    assert.deepEqual(e.tls, {
      caPath: path.join(tlsDir, 'ca.pem'), certPath: path.join(tlsDir, 'cert.pem'), keyPath: path.join(tlsDir, 'key.pem'), verify: true,
    });

    writeContext(configDir, 'insecure', 'tcp://docker.example:2376', { SkipTLSVerify: true });
    const insecure = resolve({ env: { DOCKER_CONTEXT: 'insecure' }, fileExists: fs.existsSync });
    assert.deepEqual(insecure.tls, { caPath: undefined, certPath: undefined, keyPath: undefined, verify: false });

    writeContext(configDir, 'plain', 'tcp://docker.example:2375');
    assert.equal(resolve({ env: { DOCKER_CONTEXT: 'plain' }, fileExists: fs.existsSync }).tls, undefined);
  });
});

describe('resolveEndpoint: DOCKER_HOST forms', () => {
  test('tcp with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', () => {
    const e = resolve({ env: { DOCKER_HOST: 'tcp://192.0.2.10:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } });
    assert.equal(e.kind, 'tcp');
    assert.deepEqual(e.tls, { caPath: '/certs/ca.pem', certPath: '/certs/cert.pem', keyPath: '/certs/key.pem', verify: true });
  });

  test('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH uses the config dir (~/.docker)', () => {
    const e = resolve({ env: { DOCKER_HOST: 'tcp://192.0.2.10:2376', DOCKER_TLS_VERIFY: '1' } });
    assert.equal(e.tls?.caPath, path.join(home, '.docker', 'ca.pem'));
    assert.equal(e.tls?.verify, true);
  });

  test('tcp defaults to port 2375, a bare host:port is tcp, IPv6 is bracketed in the url', () => {
    assert.equal(resolve({ env: { DOCKER_HOST: 'tcp://docker.local' } }).url, 'tcp://docker.local:2375');
    const bare = resolve({ env: { DOCKER_HOST: '127.0.0.1:2380' } });
    assert.equal(bare.kind, 'tcp');
    assert.equal(bare.port, 2380);
    const v6 = resolve({ env: { DOCKER_HOST: 'tcp://[::1]:2375' } });
    assert.equal(v6.host, '::1');
    assert.equal(v6.url, 'tcp://[::1]:2375');
  });

  test('ssh with and without user and port', () => {
    const e = resolve({ env: { DOCKER_HOST: 'ssh://alice@server.example:2200' } });
    assert.deepEqual(e, {
      kind: 'ssh', host: 'server.example', port: 2200, username: 'alice', url: 'ssh://alice@server.example:2200', source: 'DOCKER_HOST',
    });
    const plain = resolve({ env: { DOCKER_HOST: 'ssh://server.example' } });
    assert.equal(plain.port, 22);
    assert.equal(plain.username, undefined);
    assert.equal(plain.url, 'ssh://server.example');
  });

  test('npipe', () => {
    const e = resolve({ env: { DOCKER_HOST: 'npipe:////./pipe/docker_engine' } });
    assert.deepEqual(e, {
      kind: 'npipe', socketPath: '//./pipe/docker_engine', url: 'npipe:////./pipe/docker_engine', source: 'DOCKER_HOST',
    });
  });

  for (const bad of ['http//oops', 'ftp://host:21', 'tcp://', 'tcp://host:notaport', 'tcp://host:2375/some/path']) {
    test(`a malformed host "${bad}" throws bad-host naming it`, () => {
      assert.throws(() => resolve({ env: { DOCKER_HOST: bad } }), (err: unknown) => {
        assert.ok(err instanceof EngineError);
        assert.equal(err.code, 'bad-host');
        assert.ok(err.message.includes(bad), err.message);
        assert.ok(err.message.includes('DOCKER_HOST'), err.message);
        return true;
      });
    });
  }

  test('a malformed setting names the setting', () => {
    assert.throws(() => resolve({ setting: 'gopher://x' }),
      (err: unknown) => err instanceof EngineError && err.code === 'bad-host' && err.message.includes('dockerLessons.host'));
  });
});

describe('resolveEndpoint: default sockets', () => {
  test('/var/run/docker.sock first', () => {
    const e = resolve({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, fileExists: () => true });
    assert.equal(e.socketPath, '/var/run/docker.sock');
  });

  test('then ~/.docker/run/docker.sock (Docker Desktop)', () => {
    const desktop = path.join(home, '.docker', 'run', 'docker.sock');
    const e = resolve({ fileExists: (p) => p === desktop });
    assert.equal(e.socketPath, desktop);
    assert.equal(e.url, `unix://${desktop}`);
  });

  test('then rootless $XDG_RUNTIME_DIR/docker.sock, then podman', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    assert.equal(resolve({ env, fileExists: (p) => p.startsWith('/run/user/1000/') }).socketPath, '/run/user/1000/docker.sock');
    assert.equal(resolve({ env, fileExists: (p) => p === '/run/user/1000/podman/podman.sock' }).socketPath,
      '/run/user/1000/podman/podman.sock');
  });

  test('nothing exists: /var/run/docker.sock, source default-socket', () => {
    assert.deepEqual(resolve(), {
      kind: 'unix', socketPath: '/var/run/docker.sock', url: 'unix:///var/run/docker.sock', source: 'default-socket',
    });
  });

  test('win32 uses the named pipe', () => {
    const e = resolve({ platform: 'win32' });
    assert.equal(e.kind, 'npipe');
    assert.equal(e.url, 'npipe:////./pipe/docker_engine');
  });
});
