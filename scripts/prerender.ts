// Renders every lesson's page for the package (src/lessons/shippedRenders.ts): scripts/build.mjs bundles this script
// with the build's id and runs it once the bundles are written. Usage: node prerender.js <lessons dir> <renders dir>
import { BUILD_ID, writeShippedRenders } from '../src/lessons/shippedRenders';
import { loadLessons } from '../src/lessons';
import { pageForShipping } from '../src/viewmodel/lessons/lessonView';

async function main(lessonsDir: string, rendersDir: string): Promise<void> {
  if (!BUILD_ID) throw new Error('prerender: bundle this script with DL_BUILD_ID defined (scripts/build.mjs does)');
  const { lessons } = await loadLessons(lessonsDir);
  writeShippedRenders(rendersDir, BUILD_ID, lessons.map((lesson) => ({ markdown: lesson.markdown, page: pageForShipping(lesson) })));
}

const [lessonsDir, rendersDir] = process.argv.slice(2);
main(lessonsDir, rendersDir).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
