// The editor's hover texts, line by line, for `docker-lessons explain`: every token of a Dockerfile, or of the docker
// commands and Dockerfile fences of a Markdown note (or a shell script). Pure: no vscode.
import type { DocLang } from './dockerfileDocs';
import { dockerfileHoverItems, type HelpOptions, type HoverContent } from './dockerfileHover';
import { noteHoverItems } from './notesHover';

export type ExplainKind = 'dockerfile' | 'markdown' | 'shell';

export interface ExplainedLine {
  /** 1-based line number. */
  line: number;
  /** The hover texts of the tokens that start on this line, in order, each once. */
  text: string;
}

/** Which reader a file needs, by its name: notes (.md), shell scripts (.sh), else a Dockerfile. */
export function explainKindOf(fileName: string): ExplainKind {
  if (/\.(md|markdown)$/i.test(fileName)) return 'markdown';
  if (/\.(sh|bash|zsh)$/i.test(fileName)) return 'shell';
  return 'dockerfile';
}

export function explain(text: string, kind: ExplainKind, lang: DocLang, options: HelpOptions = {}): ExplainedLine[] {
  const items: HoverContent[] = kind === 'dockerfile'
    ? dockerfileHoverItems(text, lang, options)
    : noteHoverItems(text, lang, { ...options, shellScript: kind === 'shell' });
  const byLine = new Map<number, string[]>();
  for (const item of items) {
    const texts = byLine.get(item.range.start.line) ?? [];
    // A flag's value repeats its flag's tip; a command's two words (`container ls`) share one.
    if (!texts.includes(item.markdown)) texts.push(item.markdown);
    byLine.set(item.range.start.line, texts);
  }
  return [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, texts]) => ({ line: line + 1, text: texts.join('\n\n') }));
}
