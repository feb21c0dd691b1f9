// Lesson file → Lesson + diagnostics. Never throws: every problem becomes a Diagnostic with the file's line number.
import type MarkdownIt from 'markdown-it';
import * as path from 'path';
import { YAML } from './yaml';
import { prebuiltLesson, type PrebuiltLesson } from './prebuilt';
import { t } from '../i18n';
import {
  frontMatterSchema, stepAttrsSchema, STEP_KINDS, variableSchema,
  type Diagnostic, type FrontMatter, type Lesson, type Step, type Variable,
} from './schema';
import {
  defaultVars, errorText, invalidVarValue, issueDiagnostics, parseCheckBlock, parseYamlAt, quickStepHints, varNamesIn,
  type CheckBlock, type RawCheckItem, type VarValues,
} from './substitute';

// ---------------------------------------------------------------------------------------------------------------
// Fence info strings

export type FenceRole =
  | { role: 'step'; lang: string; attrs: string; attrsOffset: number }
  | { role: 'check' | 'input' | 'solution' | 'task' | 'setup'; lang: string }
  | { role: 'code'; lang: string };

const FENCE_TAGS = new Set(['step', 'check', 'input', 'solution', 'task', 'setup']);

/**
 * What a fence is, from its info string (`bash step id=x`, `yaml check`, `text input`, `dockerfile solution`,
 * `markdown task`, `bash setup`, …).
 */
export function classifyFence(info: string): FenceRole {
  const match = /^\s*(\S+)(?:\s+(\S+))?/.exec(info);
  if (!match) return { role: 'code', lang: '' };
  const [whole, lang, tag] = match;
  if (!tag || !FENCE_TAGS.has(tag)) return { role: 'code', lang };
  if (tag === 'step') return { role: 'step', lang, attrs: info.slice(whole.length), attrsOffset: whole.length };
  return { role: tag as 'check' | 'input' | 'solution' | 'task' | 'setup', lang };
}

export interface AttrError {
  /** Offset in the attribute text. */
  offset: number;
  message: string;
}

const ATTR_KEY = /[A-Za-z_][\w-]*/y;
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** `key=value key="quoted \"value\""` → record. Bare values end at whitespace; quoted ones support \" and \\. */
export function tokenizeAttrs(text: string): { attrs: Record<string, string>; errors: AttrError[] } {
  const attrs: Record<string, string> = {};
  const errors: AttrError[] = [];
  let i = 0;
  while (i < text.length) {
    while (isSpace(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    ATTR_KEY.lastIndex = i;
    const key = ATTR_KEY.exec(text)?.[0];
    if (!key || text[i + key.length] !== '=') {
      while (i < text.length && !isSpace(text[i])) i++;
      errors.push({ offset: start, message: t('expected key=value in the step\'s fence, found "{0}" (quote values with spaces: title="…")', text.slice(start, i)) });
      continue;
    }
    i += key.length + 1;
    let value = '';
    if (text[i] === '"') {
      i++;
      let closed = false;
      while (i < text.length) {
        const ch = text[i];
        if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) { value += text[i + 1]; i += 2; continue; }
        if (ch === '"') { closed = true; i++; break; }
        value += ch;
        i++;
      }
      if (!closed) {
        errors.push({ offset: start, message: t('unterminated quoted value for \'{0}\': add the closing "', key) });
        break;
      }
      if (i < text.length && !isSpace(text[i])) {
        const junkStart = i;
        while (i < text.length && !isSpace(text[i])) i++;
        errors.push({ offset: junkStart, message: t('unexpected "{0}" after the quoted value of \'{1}\': leave a space between attributes', text.slice(junkStart, i), key) });
      }
    } else {
      while (i < text.length && !isSpace(text[i])) value += text[i++];
      if (value.includes('"')) {
        errors.push({ offset: start, message: t('stray quote in the value of \'{0}\': wrap the whole value in double quotes, escaping inner quotes as \\"', key) });
        continue;
      }
    }
    if (Object.hasOwn(attrs, key)) {
      errors.push({ offset: start, message: t('attribute \'{0}\' is given twice', key) });
      continue;
    }
    attrs[key] = value;
  }
  return { attrs, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Front matter

interface FrontMatterParts {
  yamlText: string;
  /** 1-based file line of the first YAML line. */
  yamlLine: number;
  markdown: string;
  markdownLine: number;
}

function splitFrontMatter(lines: string[]): FrontMatterParts | string {
  if (lines[0]?.trimEnd() !== '---') {
    return t('missing front matter: start the file with a line "---", the lesson\'s YAML (id, order, title, …), then "---"');
  }
  const end = lines.findIndex((line, index) => index > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (end < 0) return t('front matter is not closed: add a line "---" after the YAML');
  return {
    yamlText: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    markdown: lines.slice(end + 1).join('\n'),
    markdownLine: end + 2,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The parse

/** A step as parsed, plus what lint needs (its raw check items). Invalid steps are kept so later fences attach. */
export interface StepDraft {
  step: Step;
  valid: boolean;
  rawChecks: RawCheckItem[];
  /** The check block had errors (already reported). */
  checkBlockFailed?: boolean;
  /** The check block is parsed on first use (ParseOptions.checks 'on-use'): rawChecks stays empty. */
  checksDeferred?: boolean;
  /** 1-based file line of each part, for messages. */
  inputLine?: number;
  solutionLine?: number;
  taskLine?: number;
  setupLine?: number;
}

export interface LessonAnalysis {
  lesson?: Lesson;
  /** Front matter when it validated. */
  meta?: FrontMatter;
  steps: StepDraft[];
  diagnostics: Diagnostic[];
  /** 1-based line of each front-matter key path ("id", "order", "vars.port"), for cross-file messages. */
  keyLine(path: string[]): number;
}

export interface ParseOptions {
  /**
   * When the `yaml check` blocks are parsed (most of a lesson's parse time is the yaml library on them).
   * 'on-use' (default: listing lessons and drawing a page need no check): a step's block is parsed with the default
   * values on the first read of its `checks` or `hint`; a broken block then surfaces when the step is run or checked
   * (resolveStep reports its diagnostics, with their lines), and in lint.
   * 'now' (lint): every block while parsing, each problem a diagnostic with its exact line.
   */
  checks?: 'now' | 'on-use';
}

/** The lesson, or the diagnostics why not; check blocks are validated on first use unless `checks: 'now'`. */
export function parseLesson(text: string, file: string, options: ParseOptions = {}): { lesson?: Lesson; diagnostics: Diagnostic[] } {
  const { lesson, diagnostics } = analyzeLesson(text, file, options);
  return { lesson, diagnostics };
}

/** parseLesson with the intermediate results lint wants. */
export function analyzeLesson(text: string, file: string, options: ParseOptions = {}): LessonAnalysis {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lineCount = normalized.split('\n').length;
  const analysis: LessonAnalysis = { steps: [], diagnostics: [], keyLine: () => 1 };
  try {
    analyze(normalized, file, analysis, options.checks !== 'now');
  } catch (error) {
    // A bug of ours must not take the editor or the CLI down; say where it happened in one line.
    analysis.lesson = undefined;
    analysis.diagnostics.push({ file, line: 1, severity: 'error', message: t('internal error while reading this lesson: {0}', errorText(error)) });
  }
  for (const diagnostic of analysis.diagnostics) {
    diagnostic.line = Math.min(Math.max(1, Math.floor(diagnostic.line) || 1), lineCount);
    if (diagnostic.column !== undefined && !(diagnostic.column >= 1)) delete diagnostic.column;
  }
  analysis.diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  if (analysis.diagnostics.some((d) => d.severity === 'error')) analysis.lesson = undefined;
  return analysis;
}

// Fences are block tokens: the inline rules (emphasis, links, typography) cannot change them, so the parser runs only
// the block pass (the renderer does the full parse).
/**
 * markdown-it's class, loaded on first use (the parser's and the renderer's): the build's parse is read without it.
 * Its module's default export or the module itself, as the bundle or the sources give it.
 */
export function markdownItClass(): typeof MarkdownIt {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('markdown-it') as typeof MarkdownIt | { default: typeof MarkdownIt };
  return 'default' in loaded ? loaded.default : loaded;
}

let blockTokenizer: MarkdownIt.MarkdownIt | undefined;
function tokenizer(): MarkdownIt.MarkdownIt {
  if (blockTokenizer) return blockTokenizer;
  blockTokenizer = new (markdownItClass())({ html: false });
  blockTokenizer.core.ruler.enableOnly(['normalize', 'block']);
  return blockTokenizer;
}

function analyze(text: string, file: string, analysis: LessonAnalysis, deferChecks: boolean): void {
  const diagnostics = analysis.diagnostics;
  const error = (line: number, message: string, column?: number) => diagnostics.push({ file, line, column, severity: 'error', message });
  const warn = (line: number, message: string) => diagnostics.push({ file, line, severity: 'warning', message });

  const parts = splitFrontMatter(text.split('\n'));
  if (typeof parts === 'string') { error(1, parts); return; }

  // Front matter
  const { yaml, diagnostics: yamlErrors } = parseYamlAt(parts.yamlText, parts.yamlLine, file, t('front matter'));
  diagnostics.push(...yamlErrors);
  analysis.keyLine = (keyPath) => {
    const node = yaml.doc.getIn(keyPath, true);
    return YAML.isNode(node) && node.range ? yaml.position(node.range[0]).line : 1;
  };
  let declaredVars: Record<string, Variable> | undefined;
  if (yamlErrors.length === 0) {
    let data: unknown;
    let readable = true;
    try {
      data = yaml.doc.toJS({ maxAliasCount: 100 });
    } catch (problem) {
      // e.g. "Excessive alias count" (a YAML alias bomb)
      readable = false;
      error(parts.yamlLine, t('invalid YAML in {0}: {1}', t('front matter'), errorText(problem)));
    }
    if (!readable) {
      // reported above
    } else if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      error(parts.yamlLine, t('front matter must be a YAML mapping (id: …, order: …, title: …)'));
    } else {
      const parsed = frontMatterSchema.safeParse(data);
      if (parsed.success) {
        analysis.meta = parsed.data;
        declaredVars = parsed.data.vars;
      } else {
        diagnostics.push(...issueDiagnostics(parsed.error.issues, data, yaml, [], file, (m) => t('front matter: {0}', m)));
        declaredVars = salvageVars((data as Record<string, unknown>).vars);
      }
    }
  }
  for (const [name, variable] of Object.entries(declaredVars ?? {})) {
    const problem = invalidVarValue(variable.type, String(variable.default));
    if (problem) error(analysis.keyLine(['vars', name, 'default']), t('variable \'{0}\': default {1}', name, problem));
  }
  const defaults: VarValues = {};
  for (const [name, variable] of Object.entries(declaredVars ?? {})) defaults[name] = String(variable.default);

  // Body
  const tokens = tokenizer().parse(parts.markdown, {});
  const seenIds = new Map<string, number>();
  let current: StepDraft | undefined;
  for (const token of tokens) {
    if (token.type !== 'fence' || !token.map) continue;
    const fenceLine = parts.markdownLine + token.map[0];
    const fence = classifyFence(token.info);
    const content = token.content.replace(/\n$/, '');
    if (fence.role === 'code') {
      if (fence.lang === 'step' || fence.lang === 'check') {
        error(fenceLine, t('"```{0}" needs a language before it, e.g. "```bash step id=…" or "```yaml check"', fence.lang));
      }
      continue;
    }
    if (fence.role === 'step') {
      current = readStep(fence, content, fenceLine, token.markup.length, file, diagnostics);
      analysis.steps.push(current);
      const id = current.step.id;
      if (id) {
        const first = seenIds.get(id);
        if (first !== undefined) {
          error(fenceLine, t('duplicate step id \'{0}\' (lines {1} and {2}): give each step its own id', id, first, fenceLine));
          current.valid = false;
        } else seenIds.set(id, fenceLine);
      }
      continue;
    }
    if (!current) {
      error(fenceLine, t('a ```{0} {1}``` block must follow a step (```bash step id=… title=…```)', fence.lang, fence.role));
      continue;
    }
    const step = current.step;
    const where = step.id ? `'${step.id}'` : t('on line {0}', step.line);
    if (fence.role === 'check') {
      if (step.checksSource !== undefined) {
        error(fenceLine, t('step {0} has a second check block (line {1}): merge them into one list', where, step.checksLine ?? step.line));
        continue;
      }
      step.checksSource = content;
      step.checksLine = fenceLine;
      const challenge = step.kind === 'challenge';
      if (deferChecks) {
        parseChecksOnUse(step, () => parseCheckBlock(content, fenceLine + 1, file, defaults, challenge), () => quickStepHints(content, defaults));
        current.checksDeferred = true;
        continue;
      }
      const block = parseCheckBlock(content, fenceLine + 1, file, defaults, challenge);
      diagnostics.push(...block.diagnostics);
      step.checks = block.checks;
      // A challenge's hints are graded (one at a time, on request); a run step's one hint goes with its failed checks.
      if (challenge) step.hints = block.hints;
      else step.hint = block.hint;
      current.rawChecks = block.items;
      current.checkBlockFailed = block.diagnostics.some((d) => d.severity === 'error');
    } else if (fence.role === 'task' || fence.role === 'setup') {
      const line = fence.role === 'task' ? 'taskLine' : 'setupLine';
      if (step[fence.role] !== undefined) {
        error(fenceLine, fence.role === 'task'
          ? t('step {0} has a second task block: merge them into one', where)
          : t('step {0} has a second setup block: merge them into one', where));
        continue;
      }
      step[fence.role] = content;
      current[line] = fenceLine;
    } else if (fence.role === 'input') {
      if (step.input !== undefined) { error(fenceLine, t('step {0} has a second input block: merge them into one', where)); continue; }
      step.input = content === '' ? [] : content.split('\n');
      current.inputLine = fenceLine;
    } else {
      if (step.solution !== undefined) { error(fenceLine, t('step {0} has a second solution block: merge them into one', where)); continue; }
      step.solution = content;
      current.solutionLine = fenceLine;
    }
  }

  // Rules that need the whole step
  const earlier = new Set<string>();
  for (const draft of analysis.steps) {
    const step = draft.step;
    if (draft.valid) checkStepRules(draft, earlier, error, warn);
    step.vars = [...new Set([step.body, step.checksSource ?? '', step.solution ?? '', ...(step.input ?? []), step.task ?? '', step.setup ?? ''].flatMap(varNamesIn))];
    if (declaredVars) {
      for (const name of step.vars) {
        if (!Object.hasOwn(declaredVars, name)) {
          error(firstUseLine(draft, name), t('variable {0} is used in step \'{1}\' but not declared: add {2} under "vars:" in the front matter', `{{${name}}}`, step.id || '?', name));
        }
      }
    }
    if (step.id) earlier.add(step.id);
  }
  if (declaredVars) {
    const used = new Set(varNamesIn(parts.markdown));
    for (const name of Object.keys(declaredVars)) {
      if (!used.has(name)) warn(analysis.keyLine(['vars', name]), t('variable \'{0}\' is declared but never used as {1}', name, `{{${name}}}`));
    }
  }

  if (analysis.meta) {
    analysis.lesson = lessonAt(file, {
      meta: analysis.meta,
      steps: analysis.steps.filter((draft) => draft.valid).map((draft) => draft.step),
      markdown: parts.markdown,
      markdownLine: parts.markdownLine,
    });
  }
}

/** The lesson read from `file`: its absolute path and the folder of files it ships (lessons/<id>/). */
function lessonAt(file: string, parts: Omit<Lesson, 'file' | 'assetsDir'>): Lesson {
  const resolved = path.resolve(file);
  return { ...parts, file: resolved, assetsDir: path.join(path.dirname(resolved), parts.meta.id) };
}

/** What the build ships of a lesson that parsed without a diagnostic (prebuilt.ts): its check blocks unparsed, their hints read. */
export function prebuildLesson(lesson: Lesson): PrebuiltLesson {
  const steps = lesson.steps.map((step) => {
    const data: Record<string, unknown> = {};
    // Own data properties only: reading the lazy `checks` and hints would parse the check block.
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(step))) {
      if ('value' in descriptor) data[key] = descriptor.value;
    }
    // Its hints, which a lesson page shows, are read now (from the hint items alone, when they tell).
    if (step.checksSource !== undefined) {
      if (step.kind === 'challenge') data.hints = step.hints;
      else data.hint = step.hint;
    }
    return data as unknown as Step;
  });
  return { meta: lesson.meta, steps, markdown: lesson.markdown, markdownLine: lesson.markdownLine };
}

/**
 * The build's parse of this text (prebuilt.ts), as analyzeLesson would give it with checks on use; undefined when the
 * build did not parse exactly this text. Its check blocks are parsed on first use as usual, with their file lines.
 */
export function prebuiltAnalysis(text: string, file: string): LessonAnalysis | undefined {
  const data = prebuiltLesson(text);
  if (!data) return undefined;
  const defaults = defaultVars(data);
  const steps = data.steps.map(({ hint, hints, ...fields }) => {
    const step: Step = { ...fields, checks: fields.checks ?? [] };
    const content = step.checksSource;
    if (content === undefined) return step;
    const challenge = step.kind === 'challenge';
    const fenceLine = step.checksLine ?? step.line;
    // The hints as the build read them (this very text: the same defaults); the checks when first needed.
    parseChecksOnUse(step, () => parseCheckBlock(content, fenceLine + 1, file, defaults, challenge), () => ({ hint, hints: hints ?? [] }));
    return step;
  });
  let full: LessonAnalysis | undefined;
  return {
    lesson: lessonAt(file, { meta: data.meta, steps, markdown: data.markdown, markdownLine: data.markdownLine }),
    meta: data.meta,
    steps: steps.map((step) => ({ step, valid: true, rawChecks: [], checksDeferred: step.checksSource !== undefined })),
    diagnostics: [],
    // Only a message about another file needs a key's line (two lessons with one id): parse the text for it then.
    keyLine: (keyPath) => (full ??= analyzeLesson(text, file)).keyLine(keyPath),
  };
}

/**
 * `step.checks` and `step.hint` (a challenge: `step.hints`) as properties that parse the block once, on first read.
 * Enumerable, so spreading or comparing a step sees values; assigning replaces them with plain values. The hints alone
 * (a lesson page shows every step's) are read from the hint items without parsing the checks, when quickHints can tell.
 */
function parseChecksOnUse(step: Step, parse: () => CheckBlock, quickHints: () => { hint?: string; hints: string[] } | undefined): void {
  let block: CheckBlock | undefined;
  let quick: { hint?: string; hints: string[] } | undefined | null = null;
  const lazy = <K extends 'checks' | 'hint' | 'hints'>(key: K, read: () => Step[K]): PropertyDescriptor => ({
    enumerable: true,
    configurable: true,
    get: read,
    set: (value: Step[K]) => Object.defineProperty(step, key, { value, writable: true, enumerable: true, configurable: true }),
  });
  const hints = <K extends 'hint' | 'hints'>(key: K) => lazy(key, (): Step[K] => {
    if (block) return block[key] as Step[K];
    if (quick === null) quick = quickHints();
    return (quick ? quick[key] : (block ??= parse())[key]) as Step[K];
  });
  // A challenge's hints are graded, revealed one at a time; a run step's one hint goes with its failed checks.
  Object.defineProperties(step, {
    checks: lazy('checks', () => (block ??= parse()).checks),
    ...(step.kind === 'challenge' ? { hints: hints('hints') } : { hint: hints('hint') }),
  });
}

/** The file line where `{{name}}` first appears in the step's fences. */
function firstUseLine(draft: StepDraft, name: string): number {
  const { step } = draft;
  const parts: [string | undefined, number | undefined][] = [
    [step.body, step.line], [step.checksSource, step.checksLine], [step.input?.join('\n'), draft.inputLine],
    [step.solution, draft.solutionLine], [step.task, draft.taskLine], [step.setup, draft.setupLine],
  ];
  for (const [text, fenceLine] of parts) {
    if (text === undefined || fenceLine === undefined) continue;
    const index = text.split('\n').findIndex((line) => varNamesIn(line).includes(name));
    if (index >= 0) return fenceLine + 1 + index;
  }
  return step.line;
}

/** Declared variables even when another part of the front matter is wrong, so variable messages stay accurate. */
function salvageVars(vars: unknown): Record<string, Variable> | undefined {
  if (vars === undefined) return {};
  if (vars === null || typeof vars !== 'object' || Array.isArray(vars)) return undefined;
  const out: Record<string, Variable> = {};
  for (const [name, value] of Object.entries(vars)) {
    const parsed = variableSchema.safeParse(value);
    out[name] = parsed.success ? parsed.data : { default: '', label: name, type: 'text' };
  }
  return out;
}

function readStep(
  fence: Extract<FenceRole, { role: 'step' }>, content: string, line: number, markupLength: number, file: string,
  diagnostics: Diagnostic[],
): StepDraft {
  const { attrs, errors } = tokenizeAttrs(fence.attrs);
  // Column of the attribute text: the fence marker, then the info string (the tokenizer saw it untrimmed).
  const columnOf = (offset: number) => 1 + markupLength + fence.attrsOffset + offset;
  // Only true/false, with our own message for anything else (the schema's stringbool would name fewer choices).
  if (attrs.fails !== undefined) {
    const flag = attrs.fails.toLowerCase();
    if (flag === 'true' || flag === 'false') attrs.fails = flag;
    else errors.push({ offset: Math.max(0, fence.attrs.indexOf('fails=')), message: t('fails={0}: write fails=true or fails=false', attrs.fails) });
  }
  for (const problem of errors) {
    diagnostics.push({ file, line, column: columnOf(problem.offset), severity: 'error', message: problem.message });
  }
  const parsed = stepAttrsSchema.safeParse(attrs);
  const step: Step = {
    id: attrs.id ?? '', title: attrs.title ?? '', kind: 'run', timeout: 60,
    lang: fence.lang, body: content, checks: [], line, vars: [],
  };
  if (parsed.success) {
    Object.assign(step, parsed.data);
  } else if (errors.length === 0) {
    // After a tokenizer error the attributes are incomplete; "missing title" would only repeat it.
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      let message: string;
      if (issue.code === 'unrecognized_keys') {
        message = t('unknown step attribute {0} (known: {1})', issue.keys.map((k) => `'${k}'`).join(', '), Object.keys(stepAttrsSchema.shape).join(', '));
      } else if (attrs[key] === undefined && (key === 'id' || key === 'title')) {
        message = key === 'id'
          ? t('step has no id: add id=some-name to the fence (lower-case letters, digits and "-")')
          : t('step \'{0}\' has no title: add title="…" to the fence', attrs.id ?? '?');
      } else if (key === 'kind') {
        message = t('unknown step kind \'{0}\' (known: {1})', attrs.kind ?? '', STEP_KINDS.join(', '));
      } else {
        message = t('step attribute \'{0}\': {1}', key, issue.message);
      }
      diagnostics.push({ file, line, severity: 'error', message });
    }
  }
  return { step, valid: parsed.success && errors.length === 0, rawChecks: [] };
}

type Report = (line: number, message: string) => void;

function checkStepRules(draft: StepDraft, earlier: Set<string>, error: Report, warn: Report): void {
  const { step } = draft;
  const needsChecks = step.kind === 'run' || step.kind === 'destructive' || step.kind === 'interactive' || step.kind === 'challenge';
  // A block that failed to parse was reported already; only a missing or empty block is reported here (a deferred
  // block that holds only comments or a hint is left to lint).
  const hasCheckItems = draft.checksDeferred
    ? (step.checksSource ?? '').trim() !== ''
    : draft.rawChecks.some((item) => item.kind !== 'hint');
  if (needsChecks && !hasCheckItems && !draft.checkBlockFailed) {
    error(step.line, t('step \'{0}\' has no checks: add a ```yaml check``` block after it', step.id));
  }
  if (step.kind === 'interactive' && step.input === undefined) {
    error(step.line, t('interactive step \'{0}\' has no input: add a ```text input``` block with the lines to type', step.id));
  }
  if (step.kind !== 'interactive' && step.input !== undefined) {
    warn(draft.inputLine ?? step.line, t('step \'{0}\' is not interactive: its input block is ignored', step.id));
  }
  if (step.kind === 'explain' && !step.reason?.trim()) {
    error(step.line, t('explain step \'{0}\' needs reason="…" saying why it is not run here', step.id));
  }
  if (step.kind === 'edit' && !step.file?.trim()) {
    error(step.line, t('edit step \'{0}\' needs file="…": the file the learner writes', step.id));
  }
  if (step.kind !== 'edit' && step.solution !== undefined) {
    warn(draft.solutionLine ?? step.line, t('step \'{0}\' is not an edit step: its solution block is ignored', step.id));
  }
  if (step.kind === 'challenge') {
    if (step.task === undefined) {
      error(step.line, t('challenge \'{0}\' has no task: add a ```markdown task``` block after it saying what the learner is to do', step.id));
    } else if (step.task.trim() === '') {
      error(draft.taskLine ?? step.line, t('the task of challenge \'{0}\' is empty: say what the learner is to do', step.id));
    }
    if (step.body.trim() === '') {
      error(step.line, t('challenge \'{0}\' has no reference solution: write the commands that solve it in the step\'s own fence', step.id));
    }
    if (step.setup !== undefined && step.setup.trim() === '') {
      error(draft.setupLine ?? step.line, t('the setup block of challenge \'{0}\' is empty: remove it or add the commands that make the starting state', step.id));
    }
  } else {
    if (step.task !== undefined) warn(draft.taskLine ?? step.line, t('step \'{0}\' is not a challenge: its task block is ignored', step.id));
    if (step.setup !== undefined) warn(draft.setupLine ?? step.line, t('step \'{0}\' is not a challenge: its setup block is ignored', step.id));
  }
  for (const needed of (step.needs ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (!earlier.has(needed)) {
      error(step.line, t('step \'{0}\' needs \'{1}\', which is not an earlier step id', step.id, needed));
    }
  }
}
