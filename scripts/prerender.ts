// Parses and renders the course for the package (src/lessons/prebuilt.ts): scripts/build.mjs bundles this script with
// the build's id and runs it once the bundles are written. Usage: node prerender.js <lessons dir> <prebuilt dir>
import * as fs from 'node:fs';
import { analyzeLesson } from '../src/lessons';
import { lessonFiles } from '../src/lessons/catalog';
import { prebuildLesson } from '../src/lessons/parse';
import { BUILD_ID, writePrebuilt } from '../src/lessons/prebuilt';
import { prebuildPage } from '../src/viewmodel/lessons/lessonView';

async function main(lessonsDir: string, prebuiltDir: string): Promise<void> {
  if (!BUILD_ID) throw new Error('prerender: bundle this script with DL_BUILD_ID defined (scripts/build.mjs does)');
  const built: Parameters<typeof writePrebuilt>[2] = { pages: [], lessons: [] };
  for (const file of await lessonFiles(lessonsDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const { lesson, diagnostics } = analyzeLesson(text, file);
    if (!lesson) continue; // its errors are lint's to report; the extension parses it and shows them
    built.pages.push({ markdown: lesson.markdown, page: prebuildPage(lesson) });
    // Only a lesson without a warning: the warnings' words are in the reader's language, not the build's.
    if (diagnostics.length === 0) built.lessons.push({ text, lesson: prebuildLesson(lesson) });
  }
  writePrebuilt(prebuiltDir, BUILD_ID, built);
}

const [lessonsDir, prebuiltDir] = process.argv.slice(2);
main(lessonsDir, prebuiltDir).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
