// Formatting helpers shared by the check families: how values, lists and differences read in a CheckResult.
// Pure functions (no engine access) so they are unit-tested directly.
import { t, uiLanguage } from '../i18n';
import type { MissingObject } from './types';

/** One compared property of a checked object, e.g. the state of a container. */
export interface Prop {
  /** Localized, lower-case noun, e.g. "state" / "状态". */
  label: string;
  expected: string;
  actual: string;
  pass: boolean;
  /** A hint specific to this failure (used when neither the check nor the step has one). */
  hint?: string;
}

/** What a family evaluator returns; evaluate.ts adds kind, timing and the hint precedence. */
export interface Outcome {
  pass: boolean;
  title: string;
  expected: string;
  actual: string;
  hint?: string;
  /** Waiting cannot change this outcome (a refused URL, a step that was not run): do not retry. */
  final?: boolean;
  /** The object looked at does not exist: its hint (what makes it) goes before the check's own. */
  missing?: MissingObject;
}

function zh(): boolean {
  return uiLanguage() === 'zh-cn';
}

/** Separator between items of a list ("a, b" / "a、b"). */
export function joinItems(items: readonly string[]): string {
  return items.join(zh() ? '、' : ', ');
}

/** Separator between independent statements ("a; b" / "a；b"). */
export function joinClauses(items: readonly string[]): string {
  return items.join(zh() ? '；' : '; ');
}

/** "label: value" in the UI language. */
export function labelled(label: string, value: string): string {
  return zh() ? `${label}：${value}` : `${label}: ${value}`;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

export function quote(text: string): string {
  return `"${text}"`;
}

/** A value as JSON, the way `docker inspect` shows arrays such as CMD; null → "(not set)". */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return t('(not set)');
  return JSON.stringify(value);
}

export function formatBool(value: boolean | undefined | null): string {
  return value ? t('yes') : t('no');
}

/** Bytes with a binary unit next to the exact number, e.g. "268435456 (256 MiB)". */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = '';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  if (!unit) return `${bytes} B`;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${bytes} (${shown} ${unit})`;
}

/** One line of text, shortened for a result row; newlines are shown as ⏎. */
export function excerpt(text: string, max = 160): string {
  const oneLine = text.replace(/\r\n/g, '\n').trim().replace(/\n+/g, ' ⏎ ');
  if (oneLine.length === 0) return t('(empty)');
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The short form of an id ("sha256:abc…" → "abc123def456"). */
export function shortId(id: string | undefined): string {
  if (!id) return '?';
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export interface RecordDiff {
  /** Keys the actual record lacks. */
  missing: string[];
  /** Keys present with another value. */
  different: { key: string; expected: string; actual: string }[];
}

/** Which expected entries the actual record lacks or holds with another value (extra keys are fine). */
export function diffRecord(expected: Record<string, string>, actual: Record<string, string>): RecordDiff {
  const diff: RecordDiff = { missing: [], different: [] };
  for (const [key, value] of Object.entries(expected)) {
    if (!(key in actual)) diff.missing.push(key);
    else if (actual[key] !== value) diff.different.push({ key, expected: value, actual: actual[key] });
  }
  return diff;
}

/** "KEY=value" lines (env lists) as a record; a bare "KEY" maps to "". */
export function envRecord(lines: readonly string[] | null | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const line of lines ?? []) {
    const eq = line.indexOf('=');
    if (eq < 0) record[line] = '';
    else record[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return record;
}

/** "K=v, K2=v2". */
export function formatRecord(record: Record<string, string>, separator = '='): string {
  return joinItems(Object.entries(record).map(([k, v]) => `${k}${separator}${v}`));
}

/** Compare expected key/values (env, labels) and name exactly which key differs or is missing. */
export function recordProp(label: string, expected: Record<string, string>, actual: Record<string, string>, separator = '='): Prop {
  const diff = diffRecord(expected, actual);
  const expectedText = formatRecord(expected, separator);
  const pass = diff.missing.length === 0 && diff.different.length === 0;
  if (pass) return { label, expected: expectedText, actual: expectedText, pass };
  const problems = [
    ...diff.different.map((d) => t('{0} is {1} (expected {2})', d.key, quote(d.actual), quote(d.expected))),
    ...diff.missing.map((key) => t('{0} is not set', key)),
  ];
  return { label, expected: expectedText, actual: joinClauses(problems), pass };
}

/** Expected items must all be present in actual (order and extras do not matter); names what is missing. */
export function subsetProp(label: string, expected: readonly string[], actual: readonly string[]): Prop {
  const have = new Set(actual);
  const missing = expected.filter((item) => !have.has(item));
  const expectedText = joinItems(expected);
  if (missing.length === 0) return { label, expected: expectedText, actual: joinItems(actual), pass: true };
  const present = actual.length ? joinItems(actual) : t('(none)');
  return { label, expected: expectedText, actual: t('missing {0} (has {1})', joinItems(missing), present), pass: false };
}

/** Plain equality of two displayable values. */
export function equalProp(label: string, expected: string, actual: string, hint?: string): Prop {
  const pass = expected === actual;
  return { label, expected, actual, pass, hint: pass ? undefined : hint };
}

/**
 * Fold a check's properties into one outcome. `titleFor` receives the localized property labels
 * ("state, image" / "状态、镜像") and returns the title ("State, image of container web").
 * One property: its own expected/actual; several: "label: value" pairs in the same order on both sides.
 */
export function combine(titleFor: (labels: string) => string, props: readonly Prop[]): Outcome {
  const labels = joinItems(props.map((p) => p.label));
  const title = capitalize(titleFor(labels));
  const pass = props.every((p) => p.pass);
  const hint = props.find((p) => !p.pass && p.hint)?.hint;
  if (props.length === 1) {
    const [only] = props;
    return { pass, title, expected: only.expected, actual: only.actual, hint };
  }
  return {
    pass,
    title,
    expected: joinClauses(props.map((p) => labelled(p.label, p.expected))),
    actual: joinClauses(props.map((p) => labelled(p.label, p.actual))),
    hint,
  };
}

/** Normalize a port spec (80, "80", "80/udp") to docker's "80/tcp" form. */
export function portKey(spec: string | number): string {
  const text = String(spec);
  return text.includes('/') ? text : `${text}/tcp`;
}

/** Image references as docker shows them: "nginx" means "nginx:latest". */
export function normalizeImageRef(ref: string): string {
  const withoutDigest = ref.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? withoutDigest : `${withoutDigest}:latest`;
}
