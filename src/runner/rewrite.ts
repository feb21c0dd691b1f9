// Pure shell-command rewriting: add `--label docker-lessons.lesson=<id>` to every docker command that creates an object,
// so reset can find exactly what a lesson made. A small POSIX-shell scanner finds simple commands (split by `&&`, `||`,
// `;`, `|`, `&`, newlines, subshells, `$(…)` and backticks) while leaving quoted text, comments and here-documents alone.
import { LESSON_LABEL } from '../engine/types';

/**
 * A word of a simple command, with its position in the source. `literal`: its text is known before the shell runs
 * (quotes and backslashes removed); false when part of it is an expansion (`$NAME`, `$(…)`, backticks).
 */
interface Word {
  text: string;
  start: number;
  end: number;
  literal: boolean;
}

/** Subcommand word sequences (after `docker`) whose next position accepts `--label`. */
const LABELLED_SUBCOMMANDS: readonly (readonly string[])[] = [
  ['run'], ['create'], ['build'],
  ['container', 'run'], ['container', 'create'],
  ['image', 'build'], ['buildx', 'build'], ['builder', 'build'],
  ['volume', 'create'], ['network', 'create'],
  ['service', 'create'], ['secret', 'create'], ['config', 'create'],
];

/** Words that may precede the command name without changing which program runs. */
const PREFIX_WORDS = new Set(['sudo', 'exec', 'command', 'time', 'nohup', '!', '{', 'if', 'then', 'else', 'elif', 'while', 'until', 'do']);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Offsets (in `command`) right after the subcommand words of each label-accepting docker command. */
export function labelInsertionPoints(command: string): number[] {
  const points: number[] = [];
  const scanner = new Scanner(command, (words) => {
    const at = insertionPoint(words);
    if (at !== undefined) points.push(at);
  });
  scanner.scanList(undefined);
  return points.sort((a, b) => a - b);
}

/**
 * The arguments of each docker command in `command` (the words after `docker`, quotes removed; undefined where a word
 * has an expansion, so its text is not known). Used to find which step makes a named object (makers.ts).
 */
export function dockerArgLists(command: string): (string | undefined)[][] {
  const lists: (string | undefined)[][] = [];
  new Scanner(command, (words) => {
    const i = dockerIndex(words);
    if (i >= 0) lists.push(words.slice(i + 1).map((word) => (word.literal ? word.text : undefined)));
  }).scanList(undefined);
  return lists;
}

/** The command with `--label docker-lessons.lesson=<lessonId>` after each object-creating docker subcommand. */
export function addLessonLabel(command: string, lessonId: string, label = LESSON_LABEL): string {
  const insertion = ` --label ${label}=${lessonId}`;
  let result = command;
  for (const at of labelInsertionPoints(command).reverse()) result = result.slice(0, at) + insertion + result.slice(at);
  return result;
}

/** Where the `docker` program word of a simple command is (after assignments and prefix words), or -1. */
function dockerIndex(words: Word[]): number {
  let i = 0;
  while (i < words.length && words[i].literal && (ASSIGNMENT.test(words[i].text) || PREFIX_WORDS.has(words[i].text))) i++;
  const program = words[i];
  return program?.literal && (program.text === 'docker' || program.text.endsWith('/docker')) ? i : -1;
}

function insertionPoint(words: Word[]): number | undefined {
  const i = dockerIndex(words);
  if (i < 0) return undefined;
  for (const sequence of LABELLED_SUBCOMMANDS) {
    const matched = sequence.every((word, k) => words[i + 1 + k]?.literal && words[i + 1 + k].text === word);
    if (matched) return words[i + sequence.length].end;
  }
  return undefined;
}

/** Recursive-descent scanner over shell text; reports each simple command's words. */
class Scanner {
  private pos = 0;
  private pendingHeredocs: { delimiter: string; stripTabs: boolean }[] = [];

  constructor(private readonly src: string, private readonly onCommand: (words: Word[]) => void) {}

  /** Scan commands until `terminator` (')' or '`') or the end of input; leaves pos after the terminator. */
  scanList(terminator: ')' | '`' | undefined): void {
    let words: Word[] = [];
    let word: Word | undefined;
    const endWord = () => {
      if (word) words.push(word);
      word = undefined;
    };
    const endCommand = () => {
      endWord();
      if (words.length > 0) this.onCommand(words);
      words = [];
    };
    const startWord = () => (word ??= { text: '', start: this.pos, end: this.pos, literal: true });

    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (terminator && c === terminator) {
        endCommand();
        this.pos++;
        return;
      }
      if (c === '\\' && src[this.pos + 1] === '\n') {
        endWord(); // line continuation between words
        this.pos += 2;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        endWord();
        this.pos++;
        continue;
      }
      if (c === '\n') {
        endCommand();
        this.pos++;
        this.skipHeredocBodies();
        continue;
      }
      if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
        endCommand();
        this.pos++;
        continue;
      }
      if (c === '#' && !word) {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
        continue;
      }
      if (c === '<' && src[this.pos + 1] === '<' && src[this.pos + 2] !== '<') {
        endWord();
        this.readHeredocOperator();
        continue;
      }
      const w = startWord();
      if (c === '\\') {
        w.text += src[this.pos + 1] ?? '';
        this.pos += 2;
      } else if (c === "'") {
        const close = src.indexOf("'", this.pos + 1);
        w.text += src.slice(this.pos + 1, close < 0 ? src.length : close);
        this.pos = close < 0 ? src.length : close + 1;
      } else if (c === '"') {
        const text = this.readDoubleQuoted();
        if (text === undefined) w.literal = false;
        else w.text += text;
      } else if (c === '$' && src[this.pos + 1] === '(') {
        w.literal = false;
        this.pos += 2;
        if (src[this.pos] === '(') this.skipArithmetic();
        else this.nested(')');
      } else if (c === '`') {
        w.literal = false;
        this.pos++;
        this.nested('`');
      } else if (c === '$' && src[this.pos + 1] === '{') {
        w.literal = false;
        const close = src.indexOf('}', this.pos);
        this.pos = close < 0 ? src.length : close + 1;
      } else {
        if (c === '$') w.literal = false;
        w.text += c;
        this.pos++;
      }
      w.end = this.pos;
    }
    endCommand();
  }

  /** Commands inside `$(…)` or backticks are commands too (`docker inspect $(docker run -d …)`). */
  private nested(terminator: ')' | '`'): void {
    const saved = this.pendingHeredocs;
    this.pendingHeredocs = [];
    this.scanList(terminator);
    this.pendingHeredocs = saved;
  }

  /** pos is on the second '(' of `$((`. */
  private skipArithmetic(): void {
    this.pos++;
    let depth = 2;
    while (this.pos < this.src.length && depth > 0) {
      if (this.src[this.pos] === '(') depth++;
      else if (this.src[this.pos] === ')') depth--;
      this.pos++;
    }
  }

  /**
   * Past double-quoted text (a `$(…)` inside it is not a command of its own); its text with the quotes removed, or
   * undefined when it expands something (`$`, backticks).
   */
  private readDoubleQuoted(): string | undefined {
    this.pos++;
    let text = '';
    let known = true;
    while (this.pos < this.src.length && this.src[this.pos] !== '"') {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1] ?? '';
        // Inside "…" a backslash escapes only $ ` " \ and a newline; before anything else it stays.
        if (next !== '\n') text += '$`"\\'.includes(next) ? next : `\\${next}`;
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') known = false;
      text += c;
      this.pos++;
    }
    this.pos++;
    return known ? text : undefined;
  }

  private readHeredocOperator(): void {
    this.pos += 2;
    let stripTabs = false;
    if (this.src[this.pos] === '-') {
      stripTabs = true;
      this.pos++;
    }
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
    let delimiter = '';
    while (this.pos < this.src.length && !/[\s;&|()<>]/.test(this.src[this.pos])) {
      const c = this.src[this.pos];
      if (c !== '"' && c !== "'" && c !== '\\') delimiter += c;
      this.pos++;
    }
    if (delimiter) this.pendingHeredocs.push({ delimiter, stripTabs });
  }

  private skipHeredocBodies(): void {
    for (const { delimiter, stripTabs } of this.pendingHeredocs) {
      while (this.pos < this.src.length) {
        const eol = this.src.indexOf('\n', this.pos);
        const lineEnd = eol < 0 ? this.src.length : eol;
        let line = this.src.slice(this.pos, lineEnd);
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.pos = eol < 0 ? this.src.length : eol + 1;
        if (line === delimiter) break;
      }
    }
    this.pendingHeredocs = [];
  }
}
