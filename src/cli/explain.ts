// `docker-lessons explain <file>…`: the editor's hover help, line by line, in the terminal — the same texts the Dockerfile
// and notes hovers show, with the lesson step that teaches each token as a `docker-lessons run` hint.
import * as fs from 'fs';
import * as path from 'path';
import { loadLessonIndex, lessonLinker, textLink } from '../editor/course';
import type { DocLang } from '../editor/dockerfileDocs';
import { explain, explainKindOf, type ExplainedLine } from '../editor/explain';
import { uiLanguage } from '../i18n';

export interface ExplainOptions {
  files: readonly string[];
  lessonsDir: string;
  json: boolean;
  stdout(text: string): void;
}

export interface ExplainResult {
  explained: { file: string; lines: ExplainedLine[] }[];
  /** Files that could not be read. */
  missing: string[];
}

export async function explainCommand(options: ExplainOptions): Promise<ExplainResult> {
  const lang: DocLang = uiLanguage() === 'en' ? 'en' : 'zh';
  const index = await loadLessonIndex(options.lessonsDir).catch(() => undefined);
  const lessonLink = index && lessonLinker(index, (ref) => textLink(ref, lang));
  const result: ExplainResult = { explained: [], missing: [] };
  for (const file of options.files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      result.missing.push(file);
      continue;
    }
    const lines = explain(text, explainKindOf(path.basename(file)), lang, { lessonLink });
    result.explained.push({ file, lines });
    if (!options.json) options.stdout(formatExplained(file, text, lines, options.files.length > 1));
  }
  if (options.json) {
    const value = options.files.length === 1 && result.explained.length === 1 ? result.explained[0].lines : result.explained;
    options.stdout(JSON.stringify(value, null, 2) + '\n');
  }
  return result;
}

/** Each explained line as written, then its help indented under it. */
function formatExplained(file: string, text: string, lines: readonly ExplainedLine[], withName: boolean): string {
  const source = text.split('\n');
  const width = String(source.length).length;
  const out: string[] = withName ? [`== ${file}`] : [];
  for (const { line, text: help } of lines) {
    out.push(`${String(line).padStart(width)}  ${source[line - 1]?.replace(/\r$/, '') ?? ''}`);
    out.push(...help.split('\n').map((row) => (row ? `${' '.repeat(width + 2)}  ${row}` : '')));
    out.push('');
  }
  return out.join('\n') + '\n';
}
