// The course as the build parsed and rendered it, shipped in the package (dist/prebuilt/<build>/): listing the course
// reads each lesson's parse instead of running the YAML and zod over its front matter, and the first page a learner
// opens is read, not rendered (markdown-it and highlight.js then load only for a lesson the build did not see; an edited
// file is parsed and rendered as before). Files are named by the hash of what they were made from: a parse by the
// lesson file's text (lessons/<hash>.json), a page by the lesson's Markdown (pages/<hash>.json). <build> is a hash of
// the sources that built them (esbuild's define), so nothing made by another build of the parser or renderer is used.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrontMatter, Step } from './schema';

declare const DL_BUILD_ID: string | undefined;
/** The build's id: set by scripts/build.mjs in the bundles; undefined when run from the sources (tests, tsx). */
export const BUILD_ID: string | undefined = typeof DL_BUILD_ID === 'string' ? DL_BUILD_ID : undefined;

export interface PrebuiltPage {
  html: string;
  /** The step placeholders in document order (RenderedLesson.steps). */
  steps: { id: string; index: number }[];
  /** Inline Markdown the page shows beside its body (recap, quiz, challenge hints) → HTML. */
  inline: Record<string, string>;
}

/** A lesson that parsed without a diagnostic, as plain data: no file paths, its check blocks not parsed. */
export interface PrebuiltLesson {
  meta: FrontMatter;
  /** Each step; with a check block, its `hint` (a challenge: `hints`) but not its `checks` (parsed on first use). */
  steps: Step[];
  markdown: string;
  markdownLine: number;
}

export function contentKey(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

let buildDir: string | undefined;

/** Where this build's files are (`<prebuiltDir>/<buildId>`); without a build id (sources, tests) nothing is read. */
export function usePrebuilt(prebuiltDir: string | undefined, buildId: string | undefined = BUILD_ID): void {
  buildDir = prebuiltDir && buildId ? path.join(prebuiltDir, buildId) : undefined;
}

function read(kind: 'pages' | 'lessons', key: string): unknown {
  if (!buildDir) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(buildDir, kind, `${key}.json`), 'utf8'));
  } catch {
    return undefined; // not built (the usual miss) or damaged: parse or render it
  }
}

/** The page the build rendered from exactly this Markdown, or undefined (not built, unreadable or malformed). */
export function prebuiltPage(markdown: string): PrebuiltPage | undefined {
  const data = read('pages', contentKey(markdown));
  return isPage(data) ? data : undefined;
}

/** The build's parse of exactly this lesson file text, or undefined. */
export function prebuiltLesson(text: string): PrebuiltLesson | undefined {
  const data = read('lessons', contentKey(text));
  return isLesson(data) ? data : undefined;
}

const isRecord = (data: unknown): data is Record<string, unknown> => !!data && typeof data === 'object' && !Array.isArray(data);

function isPage(data: unknown): data is PrebuiltPage {
  return isRecord(data) && typeof data.html === 'string'
    && Array.isArray(data.steps) && data.steps.every((step) => isRecord(step) && typeof step.id === 'string' && Number.isInteger(step.index))
    && isRecord(data.inline) && Object.values(data.inline).every((html) => typeof html === 'string');
}

function isLesson(data: unknown): data is PrebuiltLesson {
  // The build wrote it from a lesson that validated; this only tells a damaged file from one of ours.
  return isRecord(data) && isRecord(data.meta) && typeof data.meta.id === 'string' && isRecord(data.meta.vars)
    && Object.values(data.meta.vars).every((variable) => isRecord(variable) && 'default' in variable)
    && typeof data.markdown === 'string' && Number.isInteger(data.markdownLine) && Array.isArray(data.steps)
    && data.steps.every((step) => isRecord(step) && typeof step.id === 'string' && typeof step.body === 'string'
      && Number.isInteger(step.line) && Array.isArray(step.vars));
}

/** Write this build's files (scripts/prerender.ts) and remove what other builds, or this one before, left. */
export function writePrebuilt(prebuiltDir: string, buildId: string, built: {
  pages: { markdown: string; page: PrebuiltPage }[];
  lessons: { text: string; lesson: PrebuiltLesson }[];
}): void {
  const files = new Map<string, string>([
    ...built.pages.map(({ markdown, page }) => [path.join('pages', `${contentKey(markdown)}.json`), JSON.stringify(page)] as const),
    ...built.lessons.map(({ text, lesson }) => [path.join('lessons', `${contentKey(text)}.json`), JSON.stringify(lesson)] as const),
  ]);
  const dir = path.join(prebuiltDir, buildId);
  for (const [name, text] of files) {
    const target = path.join(dir, name);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // By a rename: a file being read (or written by a build beside this one) is never half-written.
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  }
  for (const kind of ['pages', 'lessons']) {
    const kindDir = path.join(dir, kind);
    if (!fs.existsSync(kindDir)) continue;
    for (const name of fs.readdirSync(kindDir)) {
      if (!files.has(path.join(kind, name)) && !name.endsWith('.tmp')) fs.rmSync(path.join(kindDir, name), { force: true });
    }
  }
  for (const other of fs.readdirSync(prebuiltDir)) {
    if (other !== buildId) fs.rmSync(path.join(prebuiltDir, other), { recursive: true, force: true });
  }
}
