// Lesson pages rendered when the package was built, so the first page a learner opens is read, not rendered: markdown-it
// and highlight.js then load only for a lesson the build did not see (an edited file renders as before). Each page is
// one file, dist/renders/<build>/<key>.json, its key the hash of the lesson's Markdown; <build> is a hash of the sources
// that built it (esbuild's define), so a page from another build of the renderer is never shown.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

declare const DL_BUILD_ID: string | undefined;
/** The build's id: set by scripts/build.mjs in the bundles; undefined when run from the sources (tests, tsx). */
export const BUILD_ID: string | undefined = typeof DL_BUILD_ID === 'string' ? DL_BUILD_ID : undefined;

export interface ShippedPage {
  html: string;
  /** The step placeholders in document order (RenderedLesson.steps). */
  steps: { id: string; index: number }[];
  /** Inline Markdown the page shows beside its body (recap, quiz, challenge hints) → HTML. */
  inline: Record<string, string>;
}

export function pageKey(markdown: string): string {
  return createHash('sha256').update(markdown).digest('hex').slice(0, 40);
}

let buildDir: string | undefined;

/** Where this build's pages are (`<rendersDir>/<buildId>`); without a build id (sources, tests) nothing is read. */
export function useShippedRenders(rendersDir: string | undefined, buildId: string | undefined = BUILD_ID): void {
  buildDir = rendersDir && buildId ? path.join(rendersDir, buildId) : undefined;
}

/** The page the build rendered from exactly this Markdown, or undefined (not shipped, unreadable or malformed). */
export function shippedPage(markdown: string): ShippedPage | undefined {
  if (!buildDir) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(path.join(buildDir, `${pageKey(markdown)}.json`), 'utf8'));
  } catch {
    return undefined; // not shipped (the usual miss) or damaged: render it
  }
  return isShippedPage(data) ? data : undefined;
}

function isShippedPage(data: unknown): data is ShippedPage {
  if (!data || typeof data !== 'object') return false;
  const page = data as Partial<ShippedPage>;
  return typeof page.html === 'string'
    && Array.isArray(page.steps) && page.steps.every((step) => typeof step?.id === 'string' && Number.isInteger(step?.index))
    && !!page.inline && typeof page.inline === 'object' && Object.values(page.inline).every((html) => typeof html === 'string');
}

/** Write `pages` as this build's renders and remove other builds' (scripts/prerender.ts). */
export function writeShippedRenders(rendersDir: string, buildId: string, pages: { markdown: string; page: ShippedPage }[]): void {
  const dir = path.join(rendersDir, buildId);
  fs.mkdirSync(dir, { recursive: true });
  const keep = new Set<string>();
  for (const { markdown, page } of pages) {
    const name = `${pageKey(markdown)}.json`;
    keep.add(name);
    const target = path.join(dir, name);
    const text = JSON.stringify(page);
    if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) continue;
    // By a rename: a page being read (or written by a build beside this one) is never half-written.
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  }
  for (const name of fs.readdirSync(dir)) if (!keep.has(name) && !name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
  for (const other of fs.readdirSync(rendersDir)) {
    if (other !== buildId) fs.rmSync(path.join(rendersDir, other), { recursive: true, force: true });
  }
}
