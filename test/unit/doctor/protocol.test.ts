// The 环境体检 page's protocol: a report becomes a one-language view, both directions are parsed and anything else is
// refused, and every label the page shows has a zh-CN translation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bilingual, countLevels, type DoctorReport, type Finding } from '../../../src/doctor/types';
import {
  DOCTOR_LABELS, doctorLabels, doctorViewOf, parseDoctorHostMessage, parseDoctorPageMessage,
} from '../../../src/webview/doctor/protocol';

const findings: Finding[] = [
  { area: 'engine', id: 'engine', level: 'ok', title: bilingual('Docker engine', 'Docker 引擎'), detail: bilingual('Engine 26.', '引擎 26。') },
  { area: 'registry', id: 'mirror:http://127.0.0.1:5001', level: 'warning', title: bilingual('Mirror', '加速器'),
    detail: bilingual('does not answer', '没有应答'), fix: bilingual('Remove it.', '删掉它。') },
  { area: 'disk', id: 'disk', level: 'ok', skipped: true, title: bilingual('Disk space', '磁盘空间'), detail: bilingual('Not measured.', '没有测量。') },
];
const report: DoctorReport = { endpoint: 'unix:///var/run/docker.sock', daemonConfigPath: '/etc/docker/daemon.json', findings,
  counts: countLevels(findings), exitCode: 0 };

describe('doctor page protocol', () => {
  test('the view carries one language, the skipped flag and the fix only where there is one', () => {
    const zh = doctorViewOf(report, 'zh-cn', '12:00:00');
    assert.deepEqual(zh.findings.map((f) => [f.title, f.skipped, f.fix]), [['Docker 引擎', false, undefined], ['加速器', false, '删掉它。'], ['磁盘空间', true, undefined]]);
    assert.equal(doctorViewOf(report, 'en', 'x').findings[1].detail, 'does not answer');
    assert.deepEqual(zh.counts, { ok: 2, warning: 1, error: 0 });
  });

  test('host messages: a report, running and failed states pass; a wrong level, an unknown area or type is refused', () => {
    const labels = doctorLabels((m) => m);
    assert.ok(parseDoctorHostMessage({ type: 'report', view: doctorViewOf(report, 'en', 'now'), labels }).ok);
    assert.ok(parseDoctorHostMessage({ type: 'running', labels }).ok);
    assert.ok(parseDoctorHostMessage({ type: 'failed', message: 'bad host', labels }).ok);
    assert.ok(parseDoctorHostMessage({ type: 'copied' }).ok);
    const view = doctorViewOf(report, 'en', 'now');
    assert.ok(!parseDoctorHostMessage({ type: 'report', view: { ...view, findings: [{ ...view.findings[0], level: 'fatal' }] }, labels }).ok);
    assert.ok(!parseDoctorHostMessage({ type: 'report', view: { ...view, findings: [{ ...view.findings[0], area: 'kernel' }] }, labels }).ok);
    assert.ok(!parseDoctorHostMessage({ type: 'html', html: '<script>' }).ok);
  });

  test('page messages: only ready, rerun and copy', () => {
    for (const type of ['ready', 'rerun', 'copy']) assert.ok(parseDoctorPageMessage({ type }).ok, type);
    assert.ok(!parseDoctorPageMessage({ type: 'runCommand', command: 'rm -rf /' }).ok);
    assert.ok(!parseDoctorPageMessage('ready').ok);
  });

  test('every label has a zh-CN translation with the same placeholders', () => {
    const bundle: Record<string, string> = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'l10n', 'zh-cn', 'doctor.json'), 'utf8'));
    const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join();
    for (const message of Object.values(DOCTOR_LABELS)) {
      assert.ok(bundle[message], `no translation for "${message}"`);
      assert.equal(placeholders(bundle[message]), placeholders(message), message);
    }
  });
});
