// daemon.json as dockerd reads it: the platform's path, parse errors with their line and column (trailing commas and
// comments named), unknown keys with the nearest known one, removed and misplaced keys, mirror addresses dockerd
// rejects — on the fixtures in test/fixtures/doctor/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  configuredMirrors, configuredProxies, daemonConfigPath, editDistance, nearestKey, parseDaemonConfig, validateDaemonConfig,
  type DaemonConfigIssue,
} from '../../../src/doctor/daemonConfig';

const fixtures = path.resolve(__dirname, '..', '..', 'fixtures', 'doctor');
const read = (name: string): string => fs.readFileSync(path.join(fixtures, name), 'utf8');

function parsed(name: string): Record<string, unknown> {
  const result = parseDaemonConfig(read(name));
  assert.ok(result.ok, `${name} should parse`);
  return result.config;
}

const kinds = (issues: DaemonConfigIssue[]) => issues.map((issue) => `${issue.kind}:${'key' in issue ? issue.key : issue.mirror}`);

describe('daemon.json: where', () => {
  const base = { homeDir: '/home/ann', env: {} };
  test('Linux root engine, rootless engine (XDG_CONFIG_HOME or ~/.config), Docker Desktop, macOS, Windows', () => {
    assert.equal(daemonConfigPath({ ...base, platform: 'linux' }), '/etc/docker/daemon.json');
    assert.equal(daemonConfigPath({ ...base, platform: 'linux', rootless: true }), '/home/ann/.config/docker/daemon.json');
    assert.equal(daemonConfigPath({ ...base, env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', rootless: true }), '/cfg/docker/daemon.json');
    assert.equal(daemonConfigPath({ ...base, platform: 'linux', desktop: true }), '/home/ann/.docker/daemon.json');
    assert.equal(daemonConfigPath({ ...base, platform: 'darwin' }), '/home/ann/.docker/daemon.json');
    assert.equal(daemonConfigPath({ homeDir: 'C:\\Users\\ann', env: { ProgramData: 'D:\\PD' }, platform: 'win32' }), 'D:\\PD\\docker\\config\\daemon.json');
    assert.equal(daemonConfigPath({ homeDir: 'C:\\Users\\ann', env: {}, platform: 'win32' }), 'C:\\ProgramData\\docker\\config\\daemon.json');
  });
});

describe('daemon.json: parse', () => {
  test('a valid file, a BOM, an empty file', () => {
    assert.deepEqual(Object.keys(parsed('valid.json')), ['registry-mirrors', 'insecure-registries', 'log-driver', 'log-opts', 'features']);
    assert.deepEqual(parsed('bom.json'), { debug: true });
    assert.deepEqual(parsed('empty.json'), {});
  });

  test('a trailing comma is named with its line and column', () => {
    const result = parseDaemonConfig(read('trailing-comma.json'));
    assert.ok(!result.ok);
    assert.equal(result.problem, 'trailing-comma');
    assert.deepEqual([result.line, result.column], [3, 33]);
  });

  test('a comment is named; a missing comma is a syntax error at its line', () => {
    const comment = parseDaemonConfig(read('comment.json'));
    assert.ok(!comment.ok);
    assert.equal(comment.problem, 'comment');
    assert.deepEqual([comment.line, comment.column], [2, 3]);
    const broken = parseDaemonConfig(read('broken.json'));
    assert.ok(!broken.ok);
    assert.equal(broken.problem, 'syntax');
    assert.equal(broken.line, 3);
  });

  test('valid JSON that is not an object', () => {
    const result = parseDaemonConfig(read('not-an-object.json'));
    assert.ok(!result.ok);
    assert.equal(result.problem, 'not-an-object');
  });

  test('commas and slashes inside strings are not mistaken for mistakes', () => {
    assert.ok(parseDaemonConfig('{ "labels": ["a,]", "b//c", "#d"] }').ok);
  });
});

describe('daemon.json: keys', () => {
  test('edit distance counts swaps of neighbours as one edit', () => {
    assert.equal(editDistance('registry-mirror', 'registry-mirrors'), 1);
    assert.equal(editDistance('reigstry-mirrors', 'registry-mirrors'), 1);
    assert.equal(editDistance('insecure-registry', 'insecure-registries'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });

  test('the nearest known key, or none when nothing is close', () => {
    assert.equal(nearestKey('registry-mirror'), 'registry-mirrors');
    assert.equal(nearestKey('insecure-registry'), 'insecure-registries');
    assert.equal(nearestKey('registryMirrors'), 'registry-mirrors');
    assert.equal(nearestKey('Registry_Mirrors'), 'registry-mirrors');
    assert.equal(nearestKey('log-opt'), 'log-opts');
    assert.equal(nearestKey('no-such-option-at-all'), undefined);
    assert.equal(nearestKey('https_proxy', ['http-proxy', 'https-proxy', 'no-proxy']), 'https-proxy');
  });

  test('a valid file has no issues', () => {
    assert.deepEqual(validateDaemonConfig(parsed('valid.json')), []);
    assert.deepEqual(validateDaemonConfig(parsed('proxies.json'), { major: 26, minor: 1, text: '26.1.5' }), []);
  });

  test('the notes\' registry-mirror typo, with its suggestion', () => {
    const issues = validateDaemonConfig(parsed('typo-mirror.json'));
    assert.deepEqual(issues, [{ kind: 'unknown-key', key: 'registry-mirror', suggestion: 'registry-mirrors' }]);
  });

  test('several typos: plural, underscore, camelCase, a missing s, and a key with no near neighbour', () => {
    const issues = validateDaemonConfig(parsed('typos.json'));
    assert.deepEqual(issues.map((i) => (i.kind === 'unknown-key' ? [i.key, i.suggestion] : i.kind)), [
      ['insecure-registry', 'insecure-registries'],
      ['registry_mirrors', 'registry-mirrors'],
      ['dataRoot', 'data-root'],
      ['log-opt', 'log-opts'],
      ['no-such-option-at-all', undefined],
    ]);
  });

  test('proxy keys at the top level or misspelt inside proxies', () => {
    const issues = validateDaemonConfig(parsed('proxies-wrong.json'));
    assert.deepEqual(kinds(issues), ['misplaced-key:https-proxy', 'unknown-key:http_proxy', 'unknown-key:noproxy']);
    assert.deepEqual(issues.slice(1).map((i) => i.kind === 'unknown-key' && [i.under, i.suggestion]), [['proxies', 'http-proxy'], ['proxies', 'no-proxy']]);
  });

  test('proxies needs Engine 23: an error on 20.10, fine on 23.0', () => {
    assert.deepEqual(validateDaemonConfig(parsed('proxies.json'), { major: 20, minor: 10, text: '20.10.24' }),
      [{ kind: 'too-new-key', key: 'proxies', since: '23.0', engine: '20.10.24' }]);
    assert.deepEqual(validateDaemonConfig(parsed('proxies.json'), { major: 23, minor: 0, text: '23.0.0' }), []);
  });

  test('removed keys: still accepted by an engine from before their removal, refused after', () => {
    const old = validateDaemonConfig(parsed('removed-keys.json'), { major: 20, minor: 10, text: '20.10.24' });
    assert.deepEqual(old.map((i) => i.kind === 'removed-key' && [i.key, i.stillAccepted, i.replacement]),
      [['graph', true, 'data-root'], ['cluster-store', true, undefined], ['oom-score-adjust', true, undefined]]);
    const current = validateDaemonConfig(parsed('removed-keys.json'), { major: 26, minor: 1, text: '26.1.5' });
    assert.ok(current.every((i) => i.kind === 'removed-key' && !i.stillAccepted));
    // Unknown engine: judged as a current one.
    assert.ok(validateDaemonConfig(parsed('removed-keys.json')).every((i) => i.kind === 'removed-key' && !i.stillAccepted));
  });

  test('mirror addresses dockerd rejects, and a string where a list belongs', () => {
    const issues = validateDaemonConfig(parsed('bad-mirrors.json'));
    assert.deepEqual(issues.map((i) => i.kind === 'bad-mirror' && [i.mirror, i.reason]), [
      ['mirror.example.com', 'scheme'],
      ['https://mirror.example.com/v2/', 'path'],
      ['https://user:secret@mirror.example.com', 'credentials'],
      ['ftp://mirror.example.com', 'scheme'],
    ]);
    assert.deepEqual(kinds(validateDaemonConfig(parsed('mirror-string.json'))), ['not-a-list:registry-mirrors']);
  });

  test('mirrors and proxies the file names (mirrors also under a misspelt key, so they are still probed)', () => {
    assert.deepEqual(configuredMirrors(parsed('typo-mirror.json')), ['https://hub-mirror.c.163.com', 'https://mirror.baidubce.com']);
    assert.deepEqual(configuredMirrors(parsed('mirror-string.json')), ['https://mirror.example.com']);
    assert.deepEqual(configuredMirrors(parsed('removed-keys.json')), []);
    assert.deepEqual(configuredProxies(parsed('proxies.json')), {
      http: 'http://proxy.example.com:3128', https: 'http://proxy.example.com:3128', noProxy: 'localhost,127.0.0.0/8,mirror.example.com',
    });
    assert.deepEqual(configuredProxies(parsed('valid.json')), {});
  });
});
