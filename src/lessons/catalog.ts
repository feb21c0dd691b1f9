// The lessons folder: every `NN-slug.md` except README.md / SOURCES.md, parsed and sorted by `order`.
import { promises as fs } from 'fs';
import * as path from 'path';
import { t } from '../i18n';
import { analyzeLesson, prebuiltAnalysis, type LessonAnalysis, type ParseOptions } from './parse';
import type { Diagnostic, Lesson } from './schema';

const NOT_LESSONS = new Set(['readme.md', 'sources.md']);

export function isLessonFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && !NOT_LESSONS.has(name.toLowerCase());
}

/** The lesson files of a folder, sorted by name. */
export async function lessonFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && isLessonFileName(entry.name))
    .map((entry) => path.join(dir, entry.name)).sort();
}

export interface AnalyzedFile {
  file: string;
  analysis: LessonAnalysis;
}

/** Two lessons with one id or one order number: an error on the later file, naming the other. */
export function duplicateDiagnostics(files: AnalyzedFile[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byId = new Map<string, AnalyzedFile>();
  const byOrder = new Map<number, AnalyzedFile>();
  for (const entry of files) {
    const meta = entry.analysis.meta;
    if (!meta) continue;
    const sameId = byId.get(meta.id);
    if (sameId) {
      diagnostics.push({ file: entry.file, line: entry.analysis.keyLine(['id']), severity: 'error', message: t('lesson id \'{0}\' is also used by {1}: lesson ids must be unique', meta.id, path.basename(sameId.file)) });
    } else byId.set(meta.id, entry);
    const sameOrder = byOrder.get(meta.order);
    if (sameOrder) {
      diagnostics.push({ file: entry.file, line: entry.analysis.keyLine(['order']), severity: 'error', message: t('lesson order {0} is also used by {1}: give each lesson its own number', meta.order, path.basename(sameOrder.file)) });
    } else byOrder.set(meta.order, entry);
  }
  return diagnostics;
}

export async function analyzeFiles(files: string[], options: ParseOptions = {}): Promise<{ analyzed: AnalyzedFile[]; diagnostics: Diagnostic[] }> {
  const analyzed: AnalyzedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      diagnostics.push({ file, line: 1, severity: 'error', message: t('cannot read the lesson file: {0}', (error as Error).message) });
      continue;
    }
    // The build's parse of this very text when there is one (lint, which wants every check block now, parses it).
    const analysis = (options.checks !== 'now' ? prebuiltAnalysis(text, file) : undefined) ?? analyzeLesson(text, file, options);
    analyzed.push({ file, analysis });
    diagnostics.push(...analysis.diagnostics);
  }
  return { analyzed, diagnostics };
}

/**
 * Parse every lesson in `dir`. Lessons with errors are left out (their diagnostics say why); the rest sorted by order.
 * Check blocks are parsed on first use (ParseOptions): listing the course needs none; lint checks them all.
 */
export async function loadLessons(dir: string): Promise<{ lessons: Lesson[]; diagnostics: Diagnostic[] }> {
  let files: string[];
  try {
    files = await lessonFiles(dir);
  } catch (error) {
    return { lessons: [], diagnostics: [{ file: dir, line: 1, severity: 'error', message: t('cannot read the lessons folder: {0}', (error as Error).message) }] };
  }
  const { analyzed, diagnostics } = await analyzeFiles(files, { checks: 'on-use' });
  const duplicates = duplicateDiagnostics(analyzed);
  diagnostics.push(...duplicates);
  const rejected = new Set(duplicates.map((d) => d.file));
  const lessons = analyzed.filter((entry) => entry.analysis.lesson && !rejected.has(entry.file))
    .map((entry) => entry.analysis.lesson!)
    .sort((a, b) => a.meta.order - b.meta.order);
  return { lessons, diagnostics };
}

/** A lesson by id ("run-container"), order number (3 or "3") or file name prefix ("03", "03-run"). */
export function findLesson(lessons: readonly Lesson[], idOrOrder: string | number): Lesson | undefined {
  const wanted = String(idOrOrder).trim();
  if (!wanted) return undefined;
  const byId = lessons.find((lesson) => lesson.meta.id === wanted);
  if (byId) return byId;
  if (/^\d+$/.test(wanted)) {
    const byOrder = lessons.find((lesson) => lesson.meta.order === Number(wanted));
    if (byOrder) return byOrder;
  }
  const byFile = lessons.filter((lesson) => path.basename(lesson.file).startsWith(wanted));
  return byFile.length === 1 ? byFile[0] : undefined;
}
