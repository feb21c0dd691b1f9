// Formatting helpers and the property → result folding, in English and Chinese.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  combine, diffRecord, envRecord, excerpt, formatBytes, formatJson, normalizeImageRef, portKey, recordProp, shortId, subsetProp,
} from '../../../src/checks/describe';
import { useBundle } from '../../../src/i18n';

const zhChecks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'zh-cn', 'checks.json'), 'utf8')) as Record<string, string>;

afterEach(() => useBundle('en', undefined));

describe('format helpers', () => {
  test('formatBytes keeps the exact number and adds a binary unit', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(268435456), '268435456 (256 MiB)');
    assert.equal(formatBytes(1536), '1536 (1.5 KiB)');
    assert.equal(formatBytes(3 * 1024 ** 3), '3221225472 (3 GiB)');
  });

  test('formatJson shows arrays like docker inspect, null as not set', () => {
    assert.equal(formatJson(['nginx', '-g', 'daemon off;']), '["nginx","-g","daemon off;"]');
    assert.equal(formatJson(null), '(not set)');
  });

  test('excerpt, shortId, portKey, normalizeImageRef', () => {
    assert.equal(excerpt('  one\n\ntwo  '), 'one ⏎ two');
    assert.equal(excerpt('abcdef', 4), 'abc…');
    assert.equal(shortId('sha256:0123456789abcdef0123'), '0123456789ab');
    assert.equal(portKey(80), '80/tcp');
    assert.equal(portKey('53/udp'), '53/udp');
    assert.equal(normalizeImageRef('nginx'), 'nginx:latest');
    assert.equal(normalizeImageRef('nginx:1.25'), 'nginx:1.25');
    assert.equal(normalizeImageRef('localhost:5000/app'), 'localhost:5000/app:latest');
    assert.equal(normalizeImageRef('nginx:latest@sha256:abc'), 'nginx:latest');
  });
});

describe('records and lists', () => {
  test('envRecord splits at the first "="', () => {
    assert.deepEqual(envRecord(['A=1', 'B=x=y', 'C']), { A: '1', B: 'x=y', C: '' });
    assert.deepEqual(envRecord(null), {});
  });

  test('diffRecord names missing and different keys; extra keys are fine', () => {
    assert.deepEqual(diffRecord({ A: '1', B: '2', C: '3' }, { A: '1', B: '9', D: '4' }), {
      missing: ['C'], different: [{ key: 'B', expected: '2', actual: '9' }],
    });
  });

  test('recordProp says which key differs', () => {
    const prop = recordProp('environment', { MODE: 'prod', PORT: '80' }, { MODE: 'dev' });
    assert.equal(prop.pass, false);
    assert.equal(prop.expected, 'MODE=prod, PORT=80');
    assert.equal(prop.actual, 'MODE is "dev" (expected "prod"); PORT is not set');
    assert.equal(recordProp('labels', { a: 'b' }, { a: 'b', c: 'd' }).pass, true);
  });

  test('subsetProp lists what is missing', () => {
    const prop = subsetProp('exposed ports', ['80/tcp', '443/tcp'], ['80/tcp']);
    assert.equal(prop.pass, false);
    assert.equal(prop.actual, 'missing 443/tcp (has 80/tcp)');
    assert.equal(subsetProp('volumes', ['/data'], []).actual, 'missing /data (has (none))');
  });
});

describe('combine', () => {
  const titleFor = (labels: string) => `${labels} of container web`;

  test('one property: its own expected and actual, capitalized title', () => {
    const outcome = combine(titleFor, [{ label: 'state', expected: 'running', actual: 'exited (137)', pass: false, hint: 'h' }]);
    assert.deepEqual(outcome, { pass: false, title: 'State of container web', expected: 'running', actual: 'exited (137)', hint: 'h' });
  });

  test('several properties: label: value pairs in the same order; the first failing hint', () => {
    const outcome = combine(titleFor, [
      { label: 'state', expected: 'running', actual: 'running', pass: true },
      { label: 'image', expected: 'nginx', actual: 'httpd', pass: false, hint: 'wrong image' },
    ]);
    assert.equal(outcome.title, 'State, image of container web');
    assert.equal(outcome.expected, 'state: running; image: nginx');
    assert.equal(outcome.actual, 'state: running; image: httpd');
    assert.equal(outcome.hint, 'wrong image');
    assert.equal(outcome.pass, false);
  });

  test('Chinese: list and clause separators follow the language', () => {
    useBundle('zh-cn', zhChecks);
    const outcome = combine((labels) => `容器 web 的${labels}`, [
      { label: '状态', expected: 'running', actual: 'running', pass: true },
      { label: '镜像', expected: 'nginx', actual: 'nginx', pass: true },
    ]);
    assert.equal(outcome.title, '容器 web 的状态、镜像');
    assert.equal(outcome.expected, '状态：running；镜像：nginx');
  });
});
