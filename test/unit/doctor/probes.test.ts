// The real probes' pure parts and the one HTTP GET, against servers on 127.0.0.1 made here: a status, no answer within
// the timeout, nothing listening. Plus the CLI's rendering of a report and its argument parsing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatDoctorReport, formatFinding } from '../../../src/doctor/format';
import { parseCommandLine, UsageError } from '../../../src/cli/args';
import { makeStyle } from '../../../src/cli/format';
import { getStatus, parseEnvironment, parseSystemdEnvironment } from '../../../src/doctor/probes';
import { bilingual, countLevels, type DoctorReport, type Finding } from '../../../src/doctor/types';
import { useBundle } from '../../../src/i18n';

describe('doctor probes', () => {
  test('environment from /proc (NUL-separated) and from systemd\'s Environment= line', () => {
    assert.deepEqual(parseEnvironment(['PATH=/usr/bin', 'HTTPS_PROXY=http://p:3128', 'EMPTY=', 'junk']), { PATH: '/usr/bin', HTTPS_PROXY: 'http://p:3128', EMPTY: '' });
    assert.deepEqual(parseSystemdEnvironment('Environment=HTTP_PROXY=http://p:3128 "NO_PROXY=localhost,127.0.0.0/8" HTTPS_PROXY=http://p:3128'),
      { HTTP_PROXY: 'http://p:3128', NO_PROXY: 'localhost,127.0.0.0/8', HTTPS_PROXY: 'http://p:3128' });
    assert.deepEqual(parseSystemdEnvironment('Environment='), {});
  });

  let answering: http.Server;
  let silent: http.Server;
  let answeringPort = 0;
  let silentPort = 0;
  before(async () => {
    answering = http.createServer((req, res) => { res.statusCode = req.url === '/v2/' ? 401 : 404; res.end(); });
    silent = http.createServer(() => { /* never answers */ });
    await Promise.all([answering, silent].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
    answeringPort = (answering.address() as AddressInfo).port;
    silentPort = (silent.address() as AddressInfo).port;
  });
  after(() => {
    answering.close();
    silent.closeAllConnections();
    silent.close();
  });

  test('GET /v2/: a status, no answer within the timeout, nothing listening', async () => {
    assert.deepEqual(await getStatus(`http://127.0.0.1:${answeringPort}/v2/`, 2000), { status: 401 });
    assert.deepEqual(await getStatus(`http://127.0.0.1:${answeringPort}/other`, 2000), { status: 404 });
    const timedOut = await getStatus(`http://127.0.0.1:${silentPort}/v2/`, 200);
    assert.ok('error' in timedOut && timedOut.timedOut, JSON.stringify(timedOut));
    // The answering server's port, now closed on a fresh server: nothing listens there.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await getStatus(`http://127.0.0.1:${port}/v2/`, 2000);
    assert.ok('error' in refused && !refused.timedOut && /ECONNREFUSED/.test(refused.error), JSON.stringify(refused));
    const bad = await getStatus('http://[not-an-address/v2/', 2000);
    assert.ok('error' in bad);
  });
});

describe('docker-lessons doctor (CLI)', () => {
  const finding = (level: Finding['level'], extra: Partial<Finding> = {}): Finding => ({
    area: 'daemon-config', id: `x-${level}`, level, title: bilingual(`Title ${level}`, `标题 ${level}`),
    detail: bilingual(`Detail ${level}.`, `说明 ${level}。`), ...extra,
  });

  test('arguments: --daemon-config and --timeout; no positionals; a bad timeout is a usage error', () => {
    const parsed = parseCommandLine(['doctor', '--daemon-config', '/tmp/d.json', '--timeout', '2.5', '--json']);
    assert.equal(parsed.command, 'doctor');
    assert.deepEqual(parsed.doctor, { daemonConfig: '/tmp/d.json', timeoutSeconds: 2.5 });
    assert.equal(parsed.global.json, true);
    assert.throws(() => parseCommandLine(['doctor', 'extra']), UsageError);
    assert.throws(() => parseCommandLine(['doctor', '--timeout', 'soon']), UsageError);
    assert.throws(() => parseCommandLine(['doctor', '--timeout', '0']), UsageError);
  });

  test('a finding in the UI language: mark, title, detail, fix', () => {
    const style = makeStyle(false);
    useBundle('en', undefined);
    assert.equal(formatFinding(finding('error', { fix: bilingual('Do this.', '这样做。') }), style), '✗ Title error\n    Detail error.\n    Fix: Do this.');
    assert.equal(formatFinding(finding('warning'), style), '! Title warning\n    Detail warning.');
    assert.equal(formatFinding(finding('ok', { skipped: true }), style), '- Title ok\n    Detail ok.');
    useBundle('zh-cn', { 'Fix: {0}': '修复：{0}' });
    assert.equal(formatFinding(finding('error', { fix: bilingual('Do this.', '这样做。') }), style), '✗ 标题 error\n    说明 error。\n    修复：这样做。');
    useBundle('en', undefined);
  });

  test('the report: heading with the engine and the file, every finding, the counts', () => {
    const findings = [finding('ok'), finding('warning'), finding('error')];
    const report: DoctorReport = { endpoint: 'unix:///var/run/docker.sock', daemonConfigPath: '/etc/docker/daemon.json', findings,
      counts: countLevels(findings), exitCode: 1 };
    const text = formatDoctorReport(report, makeStyle(false));
    assert.match(text, /^Environment check of unix:\/\/\/var\/run\/docker\.sock \(daemon\.json: \/etc\/docker\/daemon\.json\)/);
    assert.match(text, /✓ Title ok[\s\S]*! Title warning[\s\S]*✗ Title error/);
    assert.match(text, /ok: 1, warnings: 1, errors: 1$/);
  });
});
