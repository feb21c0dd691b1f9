// The report as text, in the UI language: the CLI prints it (coloured on a terminal), the extension copies it to the
// clipboard. Marks, not emoji: ✓ ok, ! warning, ✗ error, - not checked.
import { t, uiLanguage } from '../i18n';
import { pick, type DoctorReport, type Finding } from './types';

/** Colouring, as the CLI's Style provides it (identity functions for plain text). */
export interface TextStyle {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const identity = (text: string): string => text;
export const PLAIN: TextStyle = { green: identity, red: identity, yellow: identity, dim: identity, bold: identity };

const MARKS: Record<Finding['level'], string> = { ok: '✓', warning: '!', error: '✗' };

export function formatFinding(finding: Finding, style: TextStyle = PLAIN): string {
  const language = uiLanguage();
  const color = finding.level === 'error' ? style.red : finding.level === 'warning' ? style.yellow : finding.skipped ? style.dim : style.green;
  const mark = finding.skipped ? '-' : MARKS[finding.level];
  const lines = [`${color(mark)} ${style.bold(pick(finding.title, language))}`, `    ${pick(finding.detail, language)}`];
  if (finding.fix) lines.push(`    ${t('Fix: {0}', pick(finding.fix, language))}`);
  return lines.join('\n');
}

export function formatDoctorReport(report: DoctorReport, style: TextStyle = PLAIN): string {
  const { ok, warning, error } = report.counts;
  return [
    style.bold(t('Environment check of {0} (daemon.json: {1})', report.endpoint, report.daemonConfigPath)),
    '',
    ...report.findings.map((finding) => formatFinding(finding, style)),
    '',
    (error > 0 ? style.red : warning > 0 ? style.yellow : style.green)(t('ok: {0}, warnings: {1}, errors: {2}', ok, warning, error)),
  ].join('\n');
}
