// TextMatch: the contains / notContains / matches / equals test used by exec, file, logs, http, output and
// workspaceFile checks. Failures say which part did not hold and show an excerpt of what was there.
import { t } from '../i18n';
import type { TextMatch } from './kinds/common';
import { excerpt, joinClauses, joinItems, quote } from './describe';

/** Text as the learner reads it: terminal control sequences (colours, titles, cursor moves) removed. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}

export interface TextOutcome {
  pass: boolean;
  expected: string;
  actual: string;
}

const TEXT_MATCH_KEYS = ['contains', 'notContains', 'matches', 'equals'] as const;

/** The TextMatch part of a check object that extends the TextMatch shape (logs, http, output, workspaceFile). */
export function pickTextMatch(source: Partial<TextMatch>): TextMatch {
  const match: TextMatch = {};
  for (const key of TEXT_MATCH_KEYS) {
    if (source[key] !== undefined) (match as Record<string, unknown>)[key] = source[key];
  }
  return match;
}

export function hasTextMatch(match: TextMatch | undefined): match is TextMatch {
  return !!match && TEXT_MATCH_KEYS.some((key) => match[key] !== undefined);
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** CRLF from TTY output and trailing newlines should not decide an `equals`. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

function compile(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'm');
  } catch {
    return undefined;
  }
}

/** What the match asks for, e.g. 'contains "Welcome"; does not contain "error"'. */
export function describeTextMatch(match: TextMatch): string {
  const parts: string[] = [];
  const contains = asList(match.contains);
  const notContains = asList(match.notContains);
  if (contains.length) parts.push(t('contains {0}', joinItems(contains.map(quote))));
  if (notContains.length) parts.push(t('does not contain {0}', joinItems(notContains.map(quote))));
  if (match.matches !== undefined) parts.push(t('matches /{0}/', match.matches));
  if (match.equals !== undefined) parts.push(t('equals {0}', quote(excerpt(match.equals))));
  return joinClauses(parts);
}

/** Test `text`; on failure `actual` names each unmet part, then shows what the text was. */
export function matchText(raw: string, match: TextMatch): TextOutcome {
  const text = normalize(raw);
  const problems: string[] = [];
  const missing = asList(match.contains).filter((needle) => !text.includes(needle));
  if (missing.length) problems.push(t('missing {0}', joinItems(missing.map(quote))));
  const unwanted = asList(match.notContains).filter((needle) => text.includes(needle));
  if (unwanted.length) problems.push(t('contains {0}', joinItems(unwanted.map(quote))));
  if (match.matches !== undefined) {
    const regex = compile(match.matches);
    if (!regex) problems.push(t('invalid regular expression /{0}/', match.matches));
    else if (!regex.test(text)) problems.push(t('no match for /{0}/', match.matches));
  }
  if (match.equals !== undefined && text.trimEnd() !== normalize(match.equals).trimEnd()) {
    problems.push(t('differs from the expected text'));
  }
  const expected = describeTextMatch(match);
  if (problems.length === 0) return { pass: true, expected, actual: excerpt(text) };
  return { pass: false, expected, actual: `${joinClauses(problems)} — ${t('got: {0}', excerpt(text))}` };
}
