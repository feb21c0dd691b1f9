// Hovers in study notes and shell scripts: docker commands in shell fences (prompts masked, `\` continuations read as
// one command) and Dockerfiles in ```dockerfile / ```docker fences, as document ranges. The same items serve the
// editor's hover and `docker-lessons explain`. Pure: no vscode.
import { cliHoverItems, logicalLineRange } from './cliHover';
import { codeFences, DOCKERFILE_FENCE_LANGUAGES, SHELL_FENCE_LANGUAGES, type ShellFence } from './codeLens';
import type { DocLang } from './dockerfileDocs';
import { dockerfileHoverItems, smallestAt, type HelpOptions, type HoverContent, type TextPosition } from './dockerfileHover';

export type NoteTokenKind = `docker-${string}` | `dockerfile-${string}`;

export interface NoteHoverItem extends HoverContent {
  /** `docker-flag`, `docker-command` … for commands; `dockerfile-instruction`, `dockerfile-stage-name` … for Dockerfiles. */
  kind: NoteTokenKind;
}

let cache: { text: string; lang: DocLang; link: HelpOptions['lessonLink']; shellScript: boolean; items: NoteHoverItem[] } | undefined;

/** Every hover item of a Markdown note (`shellScript`: of a whole shell script), in document order. */
export function noteHoverItems(text: string, lang: DocLang, options: HelpOptions & { shellScript?: boolean } = {}): NoteHoverItem[] {
  const shellScript = !!options.shellScript;
  if (cache && cache.text === text && cache.lang === lang && cache.link === options.lessonLink && cache.shellScript === shellScript) {
    return cache.items;
  }
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const items: NoteHoverItem[] = [];
  if (shellScript) {
    items.push(...shellItems(lines, 0, lines.length, lang, options, false));
  } else {
    for (const fence of codeFences(text)) {
      if (SHELL_FENCE_LANGUAGES.has(fence.language)) {
        items.push(...shellItems(lines, fence.firstLine, fence.firstLine + fence.lines.length, lang, options, true));
      } else if (DOCKERFILE_FENCE_LANGUAGES.has(fence.language)) {
        items.push(...dockerfileFenceItems(lines, fence, lang, options));
      }
    }
  }
  items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  cache = { text, lang, link: options.lessonLink, shellScript, items };
  return items;
}

/** The hover at a position: the smallest item that contains it. */
export function noteHover(text: string, position: TextPosition, lang: DocLang, options: HelpOptions & { shellScript?: boolean } = {}): HoverContent | undefined {
  return smallestAt(noteHoverItems(text, lang, options), position);
}

/** Commands in document lines [first, end): each `\`-continued command is read as one text. */
function shellItems(lines: readonly string[], first: number, end: number, lang: DocLang, options: HelpOptions, stripPrompt: boolean): NoteHoverItem[] {
  const block = lines.slice(first, end);
  const items: NoteHoverItem[] = [];
  let n = 0;
  while (n < block.length) {
    const logical = logicalLineRange(block, n);
    const part = block.slice(logical.first, logical.last + 1);
    const firstLine = first + logical.first;
    for (const item of cliHoverItems(part.join('\n'), lang, { ...options, stripPrompt })) {
      items.push({
        kind: `docker-${item.kind}`, markdown: item.markdown,
        range: { start: toPosition(part, firstLine, item.start), end: toPosition(part, firstLine, item.end) },
      });
    }
    n = logical.last + 1;
  }
  return items;
}

/** A Dockerfile fence: its content de-indented the way Markdown reads it (fences inside list items), then shifted back. */
function dockerfileFenceItems(lines: readonly string[], fence: ShellFence, lang: DocLang, options: HelpOptions): NoteHoverItem[] {
  const opening = lines[fence.firstLine - 1] ?? '';
  const indent = opening.length - opening.trimStart().length;
  const raw = lines.slice(fence.firstLine, fence.firstLine + fence.lines.length);
  const removed = raw.map((line) => Math.min(indent, line.length - line.trimStart().length));
  const content = raw.map((line, i) => line.slice(removed[i])).join('\n');
  const shift = (position: TextPosition): TextPosition => ({
    line: position.line + fence.firstLine, character: position.character + (removed[position.line] ?? 0),
  });
  return dockerfileHoverItems(content, lang, options).map((item) => ({
    kind: `dockerfile-${item.kind}`, markdown: item.markdown, range: { start: shift(item.range.start), end: shift(item.range.end) },
  }));
}

/** An offset into `lines.join('\n')` as a document position. */
export function toPosition(lines: readonly string[], firstLine: number, offset: number): TextPosition {
  let rest = offset;
  for (let n = 0; n < lines.length; n++) {
    if (rest <= lines[n].length) return { line: firstLine + n, character: rest };
    rest -= lines[n].length + 1;
  }
  const last = lines.length - 1;
  return { line: firstLine + last, character: lines[last]?.length ?? 0 };
}
