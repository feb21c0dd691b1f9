// Variables (`{{name}}`) and check blocks. Check blocks are parsed here rather than in parse.ts because both the parser
// (with the defaults) and the runner (with the learner's overrides, via resolveStep) substitute first, then validate.
import { YAML, type Yaml } from './yaml';
import type { z } from 'zod';
import { CHECK_KINDS, checkSchemaOf, type Check, type CheckKind } from '../checks/kinds';
import { t } from '../i18n';
import { substituteShell } from './shell';
import { MAX_TEXT_LENGTH, varProblem } from './variables';
import { hintItem, type Diagnostic, type Lesson, type Step, type Variable } from './schema';

/** `{{name}}` with an identifier inside; Go templates (`{{.ID}}`, `{{json .}}`) never match. */
const VAR_PATTERN = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/** Go template actions that look like variables (`{{end}}` closes `{{range .Mounts}}` in `docker inspect -f`). */
const GO_TEMPLATE_WORDS = new Set(['end', 'else', 'break', 'continue', 'nil']);

export type VarValues = Record<string, string>;

/** Names written as `{{name}}` in `text` (Go template keywords excluded), in order of first use. */
export function varNamesIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(VAR_PATTERN)) if (!GO_TEMPLATE_WORDS.has(match[1])) names.add(match[1]);
  return [...names];
}

/** Replace `{{name}}` for the names in `values` only; anything else (Go templates, unknown names) stays as written. */
export function applyVars(text: string, values: VarValues): string {
  return text.replace(VAR_PATTERN, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/** applyVars over every string (and mapping key) of a parsed YAML value. */
export function substituteDeep(value: unknown, values: VarValues): unknown {
  if (typeof value === 'string') return applyVars(value, values);
  if (Array.isArray(value)) return value.map((item) => substituteDeep(item, values));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[applyVars(key, values)] = substituteDeep(item, values);
    return out;
  }
  return value;
}

export function defaultVars(lesson: Pick<Lesson, 'meta'>): VarValues {
  const values: VarValues = {};
  for (const [name, variable] of Object.entries(lesson.meta.vars)) values[name] = String(variable.default);
  return values;
}

/** Why `value` is not acceptable for a variable of this type (in the UI language), or undefined when it is. */
export function invalidVarValue(type: Variable['type'], value: string): string | undefined {
  switch (varProblem(type, value)) {
    case undefined: return undefined;
    case 'port': return t('"{0}" is not a port: use a whole number from 1 to 65535', value);
    case 'number': return t('"{0}" is not a whole number', value);
    case 'name': return t('"{0}" is not a valid name: start with a letter or digit, then letters, digits, "_", "." or "-"', value);
    case 'subnetPrefix': return t('"{0}" is not the first three numbers of an IPv4 address, such as 172.31.250 (each 0–255)', value);
    case 'empty': return t('the value is empty');
    case 'control': return t('"{0}" contains a line break or another control character', JSON.stringify(value).slice(1, -1));
    case 'tooLong': return t('the value is longer than {0} characters', String(MAX_TEXT_LENGTH));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// YAML positions and zod issues → diagnostics

type Issue = z.core.$ZodIssue;

/** A YAML document with a function mapping its offsets to 1-based file lines/columns. */
export interface LocatedYaml {
  doc: Yaml.Document.Parsed;
  position(offset: number): { line: number; column: number };
}

/** Parse YAML that starts at `firstLine` of the file; syntax errors become diagnostics. */
export function parseYamlAt(source: string, firstLine: number, file: string, what: string): {
  yaml: LocatedYaml; diagnostics: Diagnostic[];
} {
  const lineCounter = new YAML.LineCounter();
  // logLevel 'error': the library would otherwise print warnings on the extension host's console.
  const doc = YAML.parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const position = (offset: number) => {
    const pos = lineCounter.linePos(Math.max(0, Math.min(offset, source.length)));
    return { line: firstLine + pos.line - 1, column: pos.col };
  };
  const diagnostics: Diagnostic[] = doc.errors.map((error) => ({
    file, ...position(error.pos[0]), severity: 'error',
    message: t('invalid YAML in {0}: {1}', what, firstSentence(error.message)),
  }));
  if (diagnostics.length === 0) {
    // `public: {{port}}` unquoted is a YAML flow mapping inside a mapping key, not a variable: say so.
    YAML.visit(doc, {
      Pair(_, pair) {
        if (!YAML.isCollection(pair.key)) return;
        const start = pair.key.range?.[0] ?? 0;
        // The inner `{port}` is the key; the outer `{` just before it opened the flow mapping.
        const looksLikeVar = source.slice(Math.max(0, start - 1), start + 2).includes('{{');
        diagnostics.push({
          file, ...position(start), severity: 'error',
          message: looksLikeVar
            ? t('invalid YAML in {0}: put variables in quotes, e.g. {1}', what, 'public: "{{port}}"')
            : t('invalid YAML in {0}: a key must be plain text, not a list or mapping', what),
        });
        return YAML.visit.BREAK;
      },
    });
  }
  return { yaml: { doc, position }, diagnostics };
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The node at `path` (or its nearest existing ancestor) — where an issue about that path should point. */
export function nodeAt(doc: Yaml.Document.Parsed, path: readonly PropertyKey[]): Yaml.Node | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((key) => (typeof key === 'symbol' ? String(key) : key));
    const node = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
    if (YAML.isNode(node)) return node;
  }
  return undefined;
}

/** The key node of `name` in the mapping at `path`, for "unknown field" issues. */
export function keyNodeAt(doc: Yaml.Document.Parsed, path: readonly PropertyKey[], name: string): Yaml.Node | undefined {
  const map = nodeAt(doc, path);
  if (!YAML.isMap(map)) return undefined;
  const pair = map.items.find((item) => YAML.isScalar(item.key) && String(item.key.value) === name);
  return pair && YAML.isNode(pair.key) ? pair.key : undefined;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
}

/** One readable sentence for a zod issue (never "ZodError", never the whole issue as JSON). */
export function describeIssue(issue: Issue, input: unknown): string {
  const where = pathText(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `'${key}'`).join(', ');
    return where ? t('unknown field {0} in \'{1}\'', keys, where) : t('unknown field {0}', keys);
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return t('missing field \'{0}\'', where);
  }
  let detail = issue.message;
  if (issue.code === 'invalid_union') {
    const alternatives = [...new Set(issue.errors.flat().map((sub) => sub.message))];
    if (alternatives.length > 0) detail = alternatives.join(' | ');
  }
  return where ? `'${where}': ${detail}` : detail;
}

/** Diagnostics for zod issues about the YAML value at `basePath` of `yaml`. */
export function issueDiagnostics(
  issues: readonly Issue[], input: unknown, yaml: LocatedYaml, basePath: readonly PropertyKey[], file: string,
  prefix: (message: string) => string = (message) => message,
): Diagnostic[] {
  return issues.map((issue) => {
    const fullPath = [...basePath, ...issue.path];
    const node = (issue.code === 'unrecognized_keys' ? keyNodeAt(yaml.doc, fullPath, issue.keys[0]) : undefined)
      ?? nodeAt(yaml.doc, fullPath);
    const position = yaml.position(node?.range?.[0] ?? 0);
    return { file, ...position, severity: 'error', message: prefix(describeIssue(issue, input)) } satisfies Diagnostic;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Check blocks

/** Keys every check may carry besides its kind. */
const COMMON_KEYS = new Set(['hint', 'within', 'when']);

/** A check item as written (before substitution), with its line: lint looks at these. */
export interface RawCheckItem {
  kind: CheckKind | 'hint';
  value: Record<string, unknown>;
  line: number;
}

export interface CheckBlock {
  checks: Check[];
  /** The last step-level hint (run kinds use one). */
  hint?: string;
  /** Every step-level hint, in order (a challenge's graded hints). */
  hints: string[];
  items: RawCheckItem[];
  diagnostics: Diagnostic[];
}

/**
 * Parse a `yaml check` block whose first content line is `firstLine` of `file`: a YAML list of checks (one kind key
 * each) and `hint:` items. Strings get `values` substituted before validation. `gradedHints` (a challenge): several
 * hint items are its hints in order, not a mistake.
 */
export function parseCheckBlock(source: string, firstLine: number, file: string, values: VarValues, gradedHints = false): CheckBlock {
  const block: CheckBlock = { checks: [], hints: [], items: [], diagnostics: [] };
  const { yaml, diagnostics } = parseYamlAt(source, firstLine, file, t('check block'));
  block.diagnostics.push(...diagnostics);
  if (diagnostics.length > 0) return block;
  const seq = yaml.doc.contents;
  if (seq === null || (YAML.isScalar(seq) && seq.value === null)) return block; // empty block: "no checks" rule reports
  if (!YAML.isSeq(seq)) {
    block.diagnostics.push({
      file, ...yaml.position(seq.range?.[0] ?? 0), severity: 'error',
      message: t('a check block must be a YAML list: start each check with "- ", e.g. "- container: web"'),
    });
    return block;
  }
  let raw: unknown;
  try {
    raw = yaml.doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    block.diagnostics.push({ file, line: firstLine, severity: 'error', message: t('invalid YAML in {0}: {1}', t('check block'), errorText(error)) });
    return block;
  }
  const list = Array.isArray(raw) ? raw : [];
  seq.items.forEach((node, index) => {
    const at = yaml.position(YAML.isNode(node) && node.range ? node.range[0] : (seq.range?.[0] ?? 0));
    const item = list[index];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      block.diagnostics.push({ file, ...at, severity: 'error', message: t('a check must be a mapping such as "- container: web", not {0}', JSON.stringify(item) ?? 'null') });
      return;
    }
    const value = item as Record<string, unknown>;
    const keys = Object.keys(value);
    const kind = CHECK_KINDS.find((candidate) => Object.hasOwn(value, candidate));
    const substituted = substituteDeep(value, values);
    if (!kind) {
      if (keys.length === 1 && keys[0] === 'hint') {
        const parsed = hintItem.safeParse(substituted);
        if (!parsed.success) {
          block.diagnostics.push(...issueDiagnostics(parsed.error.issues, substituted, yaml, [index], file, (m) => t('hint: {0}', m)));
        } else {
          if (block.hint !== undefined && !gradedHints) {
            block.diagnostics.push({ file, ...at, severity: 'warning', message: t('more than one step hint: only the last one is used') });
          }
          block.hint = parsed.data.hint;
          block.hints.push(parsed.data.hint);
        }
        block.items.push({ kind: 'hint', value, line: at.line });
        return;
      }
      const unknown = keys.find((key) => !COMMON_KEYS.has(key));
      block.diagnostics.push({
        file, ...at, severity: 'error',
        message: unknown === undefined
          ? t('check has no kind: start it with one of {0}', CHECK_KINDS.join(', '))
          : t('unknown check kind \'{0}\' (known: {1})', unknown, CHECK_KINDS.join(', ')),
      });
      return;
    }
    block.items.push({ kind, value, line: at.line });
    const parsed = checkSchemaOf(kind).safeParse(substituted);
    if (!parsed.success) {
      block.diagnostics.push(...issueDiagnostics(parsed.error.issues, substituted, yaml, [index], file, (m) => t('{0} check: {1}', kind, m)));
      return;
    }
    block.checks.push(parsed.data);
  });
  return block;
}

/**
 * A check block's step-level hints without parsing the whole block (drawing a lesson page needs every step's hint, a
 * challenge's graded hints, but none of the checks): each top-level `- hint: …` item is read alone, a few lines of YAML.
 * `hint` is the last (a run step's), `hints` all in order (a challenge's), as parseCheckBlock gives them. Undefined when
 * that cannot tell (a hint written another way, an item that does not parse): the caller parses the block. A block with
 * an error elsewhere still shows its hints; the error is reported where the block is parsed (running or checking the
 * step, lint).
 */
export function quickStepHints(source: string, values: VarValues): { hint?: string; hints: string[] } | undefined {
  if (!source.includes('hint')) return { hints: [] };
  const lines = source.split('\n');
  const hints: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!/^-[ \t]+hint[ \t]*:/.test(line)) {
      // `- {hint: …}`, `- "hint": …`: not worth a second reader.
      if (line.startsWith('-') && line.includes('hint') && !/^-[ \t]+[A-Za-z_][\w-]*[ \t]*:/.test(line)) return undefined;
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !/^\S/.test(lines[end])) end++; // the item: up to the next line at column 0
    let parsed: unknown;
    const simple = end === i + 1 || lines.slice(i + 1, end).every((next) => next.trim() === '')
      ? simpleScalar(line.slice(line.indexOf(':') + 1)) : undefined;
    if (simple !== undefined) {
      parsed = [{ hint: simple }];
    } else {
      try {
        parsed = YAML.parse(lines.slice(i, end).join('\n'), { logLevel: 'error', maxAliasCount: 100 });
      } catch {
        return undefined;
      }
    }
    if (!Array.isArray(parsed) || parsed.length !== 1 || parsed[0] === null || typeof parsed[0] !== 'object') return undefined;
    const keys = Object.keys(parsed[0] as object);
    if (keys.length !== 1) continue; // a check with its own hint (`- hint: …` then `  container: …`), not the step's
    const item = hintItem.safeParse(substituteDeep(parsed[0], values));
    if (!item.success) return undefined;
    hints.push(item.data.hint);
  }
  return { hint: hints.at(-1), hints };
}

/**
 * A one-line YAML scalar that needs no YAML library: plain text that cannot mean anything else (no indicator first, no
 * ": " or " #", not a number, boolean or null), or quoted text without escapes. Undefined for anything else.
 */
function simpleScalar(text: string): string | undefined {
  const value = text.trim();
  if (value === '' || /\t/.test(value)) return undefined;
  if (/^"[^"\\]*"$/.test(value)) return value.slice(1, -1);
  if (/^'([^']|'')*'$/.test(value)) return value.slice(1, -1).replace(/''/g, "'");
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) || /: | #|:$/.test(value)) return undefined;
  if (/^(?:~|null|true|false|yes|no|on|off|[-+]?(?:\d|\.\d)|\.(?:inf|nan))/i.test(value)) return undefined;
  return value;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

// ---------------------------------------------------------------------------------------------------------------
// Steps with the learner's values

export interface ResolvedStep {
  /** The command (or the edit template) with the values substituted. */
  command: string;
  checks: Check[];
  /** edit: what a headless run writes (the solution block, else the template). */
  solution?: string;
  /** interactive: the lines to type. */
  input?: string[];
  hint?: string;
  /** challenge: the graded hints in order. */
  hints?: string[];
  /** challenge: the task with the values in it (plain text: Markdown, not shell). */
  task?: string;
  /** challenge: the setup command (values shell-quoted, as in commands). */
  setup?: string;
  /** The values used (defaults merged with valid overrides). */
  values: VarValues;
  diagnostics: Diagnostic[];
}

/** Substitute the lesson's variables (defaults, then valid `overrides`) into a step and re-validate its checks. */
export function resolveStep(step: Step, lesson: Pick<Lesson, 'meta' | 'file'>, overrides: Record<string, string> = {}): ResolvedStep {
  const diagnostics: Diagnostic[] = [];
  const values = defaultVars(lesson);
  for (const [name, value] of Object.entries(overrides)) {
    const variable = lesson.meta.vars[name];
    if (!variable) {
      diagnostics.push({ file: lesson.file, line: step.line, severity: 'warning', message: t('unknown variable \'{0}\' ignored (declared: {1})', name, Object.keys(lesson.meta.vars).join(', ') || '-') });
      continue;
    }
    const problem = invalidVarValue(variable.type, String(value).trim());
    if (problem) {
      diagnostics.push({ file: lesson.file, line: step.line, severity: 'error', message: t('variable \'{0}\': {1}; using the default {2}', name, problem, String(variable.default)) });
      continue;
    }
    values[name] = String(value).trim();
  }
  const challenge = step.kind === 'challenge';
  let checks: Check[] = [];
  let hint = step.hint;
  let hints = step.hints;
  if (step.checksSource !== undefined) {
    const block = parseCheckBlock(step.checksSource, (step.checksLine ?? step.line) + 1, lesson.file, values, challenge);
    checks = block.checks;
    // A challenge's hints are revealed one at a time on request, never with a failed check.
    hint = challenge ? undefined : block.hint;
    hints = challenge ? block.hints : undefined;
    diagnostics.push(...block.diagnostics);
  }
  const template = step.solution ?? (step.kind === 'edit' ? step.body : undefined);
  // Commands and typed input are shell text: each value is quoted for where it stands. An edit step's file is not.
  const inShell = step.kind !== 'edit';
  return {
    command: inShell ? substituteShell(step.body, values, VAR_PATTERN) : applyVars(step.body, values),
    checks,
    solution: template === undefined ? undefined : applyVars(template, values),
    input: step.input?.map((line) => substituteShell(line, values, VAR_PATTERN)),
    hint,
    ...(challenge ? {
      hints: hints ?? [],
      task: applyVars(step.task ?? '', values),
      setup: step.setup === undefined ? undefined : substituteShell(step.setup, values, VAR_PATTERN),
    } : {}),
    values,
    diagnostics,
  };
}
