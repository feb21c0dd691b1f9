// A shell line + offset → the docker subcommand or flag under the cursor, and its hover Markdown. The line is split
// shell-style (quotes, `\`-newline continuations, `$(…)`/backtick substitutions, `&&`/`|`/`;` lists), then each docker
// invocation is read the way the docker CLI reads it: global flags, management command words (`container run`),
// flag clusters (`-dit`), `--name=x` and `-p 80:80` values, and flags after the image belonging to the program.
// Pure: no vscode.
import {
  CLI_REFERENCE, GLOBAL_FLAGS, MANAGEMENT_GROUPS, cliDocUrl, findCliCommand, findCliFlag, isManagementGroup,
  type CliCommandDoc, type CliFlagDoc,
} from './cliDocs';
import type { DocLang } from './dockerfileDocs';
import type { HelpOptions } from './dockerfileHover';
import { topics, type LessonTopic } from './lessonIndex';

// ── shell words ──────────────────────────────────────────────────────────────

export interface ShellWord {
  /** The word with quotes and escapes removed. */
  text: string;
  /** The word as written. */
  raw: string;
  start: number;
  end: number;
}

/** A simple command: the words between list operators. Substitutions inside its words are parsed as their own. */
export interface ShellSegment {
  words: ShellWord[];
}

export interface ShellParse {
  segments: ShellSegment[];
  /** `$(…)` and backtick bodies: [start, end) offsets into the same text. */
  substitutions: { start: number; end: number }[];
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '(', ')', '<', '>']);

/** Split shell text into simple commands. Not a full shell parser: enough for the commands study notes show. */
export function parseShell(text: string, from = 0, to = text.length): ShellParse {
  const segments: ShellSegment[] = [];
  const substitutions: { start: number; end: number }[] = [];
  let words: ShellWord[] = [];
  let i = from;

  const endSegment = (): void => {
    if (words.length > 0) segments.push({ words });
    words = [];
  };

  while (i < to) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '\n') { i += 2; continue; }
    if (ch === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch === '\n') { endSegment(); i++; continue; }
    if (ch === '#' && (i === from || /\s/.test(text[i - 1]))) {
      // A comment runs to the end of the line.
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    if (OPERATOR_CHARS.has(ch)) {
      // Redirections keep the command going (`docker save img > x.tar`); list operators end it.
      if (ch === '<' || ch === '>') {
        i++;
        while (i < to && (text[i] === '<' || text[i] === '>' || text[i] === '&' || text[i] === '-')) i++;
        // Drop the redirect target so it is not read as an argument.
        while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
        i = readWord(text, i, to, substitutions).end;
        continue;
      }
      endSegment();
      i++;
      continue;
    }
    const word = readWord(text, i, to, substitutions);
    words.push(word);
    i = word.end;
  }
  endSegment();
  return { segments, substitutions };
}

function readWord(text: string, start: number, to: number, substitutions: { start: number; end: number }[]): ShellWord {
  let i = start;
  let value = '';
  while (i < to) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || OPERATOR_CHARS.has(ch)) break;
    if (ch === '\\') {
      if (text[i + 1] === '\n') break;
      value += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close === -1 || close >= to ? to : close;
      value += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < to && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < to) { value += text[i + 1]; i += 2; continue; }
        if (text[i] === '$' && text[i + 1] === '(') {
          const end = skipSubstitution(text, i + 2, to, substitutions);
          value += text.slice(i, end);
          i = end;
          continue;
        }
        value += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (ch === '$' && text[i + 1] === '(') {
      const end = skipSubstitution(text, i + 2, to, substitutions);
      value += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close === -1 || close >= to ? to : close;
      substitutions.push({ start: i + 1, end });
      value += text.slice(i, Math.min(end + 1, to));
      i = end + 1;
      continue;
    }
    value += ch;
    i++;
  }
  return { text: value, raw: text.slice(start, Math.min(i, to)), start, end: Math.min(i, to) };
}

/** From just after `$(` to just after the matching `)`, recording the body. */
function skipSubstitution(text: string, bodyStart: number, to: number, substitutions: { start: number; end: number }[]): number {
  let depth = 1;
  let i = bodyStart;
  let quote: string | undefined;
  while (i < to) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i++;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      substitutions.push({ start: bodyStart, end: i });
      return i + 1;
    }
    i++;
  }
  substitutions.push({ start: bodyStart, end: to });
  return to;
}

// ── docker invocations ───────────────────────────────────────────────────────

export type DockerItem =
  | { kind: 'command'; start: number; end: number; command: CliCommandDoc; spelled: string }
  | { kind: 'group'; start: number; end: number; group: string }
  | { kind: 'flag'; start: number; end: number; flag: CliFlagDoc; written: string; command?: CliCommandDoc; value?: string }
  | { kind: 'unknown-flag'; start: number; end: number; written: string; command?: CliCommandDoc; spelled?: string };

export interface DockerInvocation {
  /** The resolved subcommand, when known. */
  command?: CliCommandDoc;
  /** The words as written, e.g. "ps" or "container ls". */
  spelled?: string;
  items: DockerItem[];
  /** Positional arguments (image, container names…), before any program arguments. */
  args: ShellWord[];
  start: number;
  end: number;
}

/** Words that run the next word as a command: `sudo docker …`, `time docker …`. */
const WRAPPERS = new Set(['sudo', 'time', 'nohup', 'command', 'exec', 'env', 'xargs']);
/** Wrapper options that take a value (`sudo -u root`, `xargs -I {}`). */
const WRAPPER_VALUE_FLAGS = new Set(['-u', '-g', '-I', '-n', '-P', '-L', '-d']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Every docker invocation in the text, including those inside `$(…)`. */
export function findDockerInvocations(text: string, from = 0, to = text.length): DockerInvocation[] {
  const parse = parseShell(text, from, to);
  const found: DockerInvocation[] = [];
  for (const segment of parse.segments) {
    const invocation = readInvocation(segment.words);
    if (invocation) found.push(invocation);
  }
  for (const sub of parse.substitutions) found.push(...findDockerInvocations(text, sub.start, sub.end));
  return found;
}

function readInvocation(words: ShellWord[]): DockerInvocation | undefined {
  let i = 0;
  while (i < words.length) {
    const word = words[i].text;
    if (ASSIGNMENT.test(word)) { i++; continue; }
    if (WRAPPERS.has(word)) {
      i++;
      while (i < words.length && words[i].text.startsWith('-')) i += WRAPPER_VALUE_FLAGS.has(words[i].text) ? 2 : 1;
      continue;
    }
    break;
  }
  const docker = words[i];
  if (!docker || !/(^|\/)docker$/.test(docker.text)) return undefined;
  i++;

  const items: DockerItem[] = [];
  const args: ShellWord[] = [];
  const last = words[words.length - 1];
  const invocation: DockerInvocation = { items, args, start: docker.start, end: last.end };

  // Global flags before the subcommand.
  while (i < words.length && words[i].text.startsWith('-') && words[i].text !== '-') {
    i = readFlagWord(words, i, GLOBAL_FLAGS, undefined, items);
  }

  // Subcommand words: the longest known spelling of up to three words.
  const first = words[i];
  if (!first) return invocation;
  let matched = 0;
  for (let n = Math.min(3, words.length - i); n >= 1; n--) {
    const spelled = words.slice(i, i + n).map((w) => w.text).join(' ');
    const command = findCliCommand(spelled);
    if (command) {
      invocation.command = command;
      invocation.spelled = spelled;
      for (const word of words.slice(i, i + n)) items.push({ kind: 'command', start: word.start, end: word.end, command, spelled });
      matched = n;
      break;
    }
  }
  if (matched === 0) {
    if (isManagementGroup(first.text)) {
      // `docker container --help`: the group, and --help after it.
      items.push({ kind: 'group', start: first.start, end: first.end, group: first.text });
      const groupItems: DockerItem[] = [];
      for (let k = i + 1; k < words.length && words[k].text.startsWith('-');) k = readFlagWord(words, k, [], undefined, groupItems);
      items.push(...groupItems.filter((item) => item.kind === 'flag'));
    }
    // An unknown subcommand: we cannot tell flags from values, so stop here.
    return invocation;
  }
  i += matched;

  while (i < words.length) {
    const command = invocation.command!;
    const word = words[i];
    if (word.text === '--') break;
    if (word.text.startsWith('-') && word.text !== '-') {
      i = readFlagWord(words, i, command.flags, invocation, items);
      continue;
    }
    const sub = command.subcommandAfterFlags ? findCliCommand(`${command.path} ${word.text}`) : undefined;
    if (sub) {
      invocation.command = sub;
      invocation.spelled = `${command.path} ${word.text}`;
      items.push({ kind: 'command', start: word.start, end: word.end, command: sub, spelled: invocation.spelled });
      i++;
      continue;
    }
    args.push(word);
    i++;
    if (command.flagsStopAtFirstArgument) break;
  }
  return invocation;
}

/** Read one flag word (a long flag, or a cluster of short ones) and any value word it takes; returns the next index. */
function readFlagWord(
  words: ShellWord[], index: number, flags: readonly CliFlagDoc[], invocation: DockerInvocation | undefined, items: DockerItem[],
): number {
  const word = words[index];
  const command = invocation?.command;
  const spelled = invocation?.spelled;
  // Positions come from the raw text; quoting inside a flag word is rare, so fall back to the whole word then.
  const plain = word.raw === word.text;
  const next = words[index + 1];

  if (word.text.startsWith('--')) {
    const eq = word.text.indexOf('=');
    const name = word.text.slice(2, eq === -1 ? undefined : eq);
    const nameEnd = plain ? word.start + 2 + name.length : word.end;
    const flag = findCliFlag(flags, name, false);
    if (!flag) {
      items.push({ kind: 'unknown-flag', start: word.start, end: word.end, written: `--${name}`, command, spelled });
      return index + 1;
    }
    items.push({ kind: 'flag', start: word.start, end: nameEnd, flag, written: `--${name}`, command });
    if (eq !== -1) {
      if (plain) items.push({ kind: 'flag', start: nameEnd, end: word.end, flag, written: `--${name}`, command, value: word.text.slice(eq + 1) });
      return index + 1;
    }
    if (flag.value && next) {
      items.push({ kind: 'flag', start: next.start, end: next.end, flag, written: `--${name}`, command, value: next.text });
      return index + 2;
    }
    return index + 1;
  }

  // A short flag or a cluster: -d, -it, -dit, -p8080:80, -f-.
  const letters = word.text.slice(1);
  for (let k = 0; k < letters.length; k++) {
    const letter = letters[k];
    const start = plain ? word.start + 1 + k : word.start;
    const end = plain ? start + 1 : word.end;
    // The dash belongs to the first letter.
    const hoverStart = k === 0 ? word.start : start;
    const flag = findCliFlag(flags, letter, true);
    if (!flag) {
      items.push({ kind: 'unknown-flag', start: hoverStart, end, written: `-${letter}`, command, spelled });
      continue;
    }
    items.push({ kind: 'flag', start: hoverStart, end, flag, written: `-${letter}`, command });
    if (!flag.value) continue;
    const rest = letters.slice(k + 1);
    if (rest.length > 0) {
      // `-p8080:80`, `-f-`, `-n=5`: the rest of the word is the value.
      if (plain) items.push({ kind: 'flag', start: end, end: word.end, flag, written: `-${letter}`, command, value: rest });
      return index + 1;
    }
    if (next) {
      items.push({ kind: 'flag', start: next.start, end: next.end, flag, written: `-${letter}`, command, value: next.text });
      return index + 2;
    }
    return index + 1;
  }
  return index + 1;
}

// ── hover ────────────────────────────────────────────────────────────────────

export interface CliHoverContent {
  /** Markdown: no HTML; command links only from `HelpOptions.lessonLink`. */
  markdown: string;
  /** [start, end) offsets into the text given to cliHover. */
  start: number;
  end: number;
}

export type CliTokenKind = 'command' | 'group' | 'flag' | 'flag-value' | 'unknown-flag';

export interface CliHoverItem extends CliHoverContent {
  kind: CliTokenKind;
}

const LABELS = {
  zh: {
    colon: '：', same: '等同于', reference: 'Docker CLI 参考', global: '全局选项，写在子命令之前',
    unknown: '不是 `{0}` 的已知选项。运行 `{0} --help` 查看全部选项。',
    unknownGlobal: '不是 docker 的已知全局选项。',
    stage: '`{0}` 是 Dockerfile 里 `FROM … AS {0}` 定义的构建阶段名（不区分大小写）。',
  },
  en: {
    colon: ': ', same: 'Same as', reference: 'Docker CLI reference', global: 'global option, written before the subcommand',
    unknown: 'is not a known flag of `{0}`. Run `{0} --help` to list them all.',
    unknownGlobal: 'is not a known global docker option.',
    stage: '`{0}` is a build stage name defined by `FROM … AS {0}` in the Dockerfile (case does not matter).',
  },
} as const;

export interface CliHoverOptions extends HelpOptions {
  /** Blank a leading `$ ` / `# ` / `user@host:~$ ` prompt first (Markdown transcripts; not shell scripts). */
  stripPrompt?: boolean;
}

/** Every hover item of a shell text, innermost first where they overlap (`$(docker ps -q)` inside another command). */
export function cliHoverItems(text: string, lang: DocLang, options: CliHoverOptions = {}): CliHoverItem[] {
  const source = options.stripPrompt ? maskPrompt(text) : text;
  return findDockerInvocations(source)
    .flatMap((invocation) => invocation.items)
    .map((item) => ({ kind: itemKind(item), start: item.start, end: item.end, markdown: itemMarkdown(item, lang, options) }));
}

export function cliHover(text: string, offset: number, lang: DocLang, options: CliHoverOptions = {}): CliHoverContent | undefined {
  // Innermost first: an item inside `$(docker ps -q)` wins over the outer word that contains it.
  const item = cliHoverItems(text, lang, options)
    .filter((candidate) => candidate.start <= offset && offset < candidate.end)
    .sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
  return item && { markdown: item.markdown, start: item.start, end: item.end };
}

function itemKind(item: DockerItem): CliTokenKind {
  return item.kind === 'flag' && item.value !== undefined ? 'flag-value' : item.kind;
}

/** The lesson topics of a command: the command itself, or a flag of it and then the command. */
function commandTopic(command: CliCommandDoc): LessonTopic {
  return topics.cliCommand(command.path, [command.path, ...(command.aliases ?? [])]);
}

function flagTopics(flag: CliFlagDoc, command: CliCommandDoc | undefined): LessonTopic[] {
  if (!command) return [];
  const names = [flag.long && `--${flag.long}`, flag.short && `-${flag.short}`].filter((name): name is string => !!name);
  return [topics.cliFlag(command.path, names), commandTopic(command)];
}

function itemMarkdown(item: DockerItem, lang: DocLang, options: HelpOptions): string {
  const labels = LABELS[lang];
  const withLink = (parts: (string | undefined)[], wanted: readonly LessonTopic[]) =>
    [...parts, wanted.length > 0 ? options.lessonLink?.(wanted) : undefined].filter((part): part is string => !!part).join('\n\n');
  switch (item.kind) {
    case 'command':
      return withLink([commandMarkdown(item.command, item.spelled, lang)], [commandTopic(item.command)]);
    case 'group':
      return [`**docker ${item.group}** — ${MANAGEMENT_GROUPS[item.group][lang]}`,
        `[${labels.reference}${labels.colon}docker ${item.group}](${CLI_REFERENCE}${item.group}/)`].join('\n\n');
    case 'flag': {
      const names = [item.flag.short && `-${item.flag.short}`, item.flag.long && `--${item.flag.long}`].filter(Boolean).join(', ');
      const value = item.flag.value ? ` \`${item.flag.value}\`` : '';
      const where = item.command ? `*docker ${item.command.path}*` : `*docker — ${labels.global}*`;
      const url = item.command ? cliDocUrl(item.command) : CLI_REFERENCE;
      const reference = `[${labels.reference}${labels.colon}${item.command ? `docker ${item.command.path}` : 'docker'}](${url})`;
      const stage = item.flag.long === 'target' && item.value && /^[A-Za-z][\w.-]*$/.test(item.value)
        ? labels.stage.replace(/\{0\}/g, item.value) : undefined;
      return withLink([`**${names}**${value} — ${item.flag.summary[lang]}`, stage, item.flag.tip?.[lang], where, reference],
        flagTopics(item.flag, item.command));
    }
    case 'unknown-flag': {
      const written = `\`${item.written.replace(/`/g, '')}\``;
      if (!item.command) return `${written} ${labels.unknownGlobal}`;
      return `${written} ${labels.unknown.replace(/\{0\}/g, `docker ${item.spelled ?? item.command.path}`)}`;
    }
  }
}

// ── usage, for the lesson index ──────────────────────────────────────────────

/** The lesson-index topic keys of the docker commands in a shell text. */
export function cliTopicKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const item of findDockerInvocations(text).flatMap((invocation) => invocation.items)) {
    if (item.kind === 'command') keys.add(commandTopic(item.command).key);
    if (item.kind === 'flag' && item.value === undefined) for (const topic of flagTopics(item.flag, item.command)) keys.add(topic.key);
  }
  return keys;
}

/** The Dockerfiles `docker build` commands in a shell text read, relative to its folder: `-f x`, else `<context>/Dockerfile`. */
export function builtDockerfiles(text: string): string[] {
  const files: string[] = [];
  for (const invocation of findDockerInvocations(text)) {
    if (invocation.command?.path !== 'image build' && invocation.command?.path !== 'buildx build') continue;
    const file = invocation.items.find((item) => item.kind === 'flag' && item.flag.long === 'file' && item.value !== undefined);
    const context = invocation.args.at(-1)?.text;
    if (file && file.kind === 'flag' && file.value && file.value !== '-') files.push(file.value);
    else if (!file && context && context !== '-' && !/^[a-z]+:\/\//i.test(context)) files.push(`${context.replace(/\/+$/, '')}/Dockerfile`);
  }
  return files;
}

export function commandMarkdown(command: CliCommandDoc, spelled: string, lang: DocLang): string {
  const labels = LABELS[lang];
  const parts = [`**docker ${spelled}** — ${command.summary[lang]}`];
  if (spelled !== command.path) parts.push(`${labels.same} \`docker ${command.path}\``);
  parts.push('```shell\n' + command.usage + '\n```');
  parts.push(`[${labels.reference}${labels.colon}docker ${command.path}](${cliDocUrl(command)})`);
  return parts.join('\n\n');
}

// ── prompts and logical lines ────────────────────────────────────────────────

/** `$ `, `# `, `user@host:~$ `, `[root@host ~]# ` at the start of a line. */
const PROMPT = /^(\s*)((?:\[[^\]\n]*\]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?)?\s*([$#])[ \t]+)/;

/** The prompt at the start of a line: its length (after leading spaces) and character, or undefined. */
export function matchPrompt(line: string): { indent: number; length: number; char: '$' | '#' } | undefined {
  const m = PROMPT.exec(line);
  if (!m) return undefined;
  return { indent: m[1].length, length: m[2].length, char: m[3] as '$' | '#' };
}

/** Replace a leading prompt with spaces, keeping every offset where it was. */
export function maskPrompt(text: string): string {
  const prompt = matchPrompt(text);
  if (!prompt) return text;
  const start = prompt.indent;
  return text.slice(0, start) + ' '.repeat(prompt.length) + text.slice(start + prompt.length);
}

/** The physical lines [first, last] of the `\`-continued command that contains `line`. */
export function logicalLineRange(lines: readonly string[], line: number): { first: number; last: number } {
  const continues = (n: number): boolean => n >= 0 && n < lines.length && /\\\r?$/.test(lines[n]) && !/\\\\\r?$/.test(lines[n]);
  let first = line;
  while (continues(first - 1)) first--;
  let last = line;
  while (continues(last) && last + 1 < lines.length) last++;
  return { first, last };
}
