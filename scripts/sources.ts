// `npm run sources`: regenerate lessons/SOURCES.md from the lessons' front matter (see src/lessons/sources.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadLessons } from '../src/lessons';
import { mapSources, renderSourcesMarkdown, type SeedHeading } from '../src/lessons/sources';

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '..', 'lessons');
  const { lessons } = await loadLessons(dir);
  const headings = JSON.parse(fs.readFileSync(path.join(dir, 'seed-headings.json'), 'utf8')) as SeedHeading[];
  const report = mapSources(lessons, headings);
  const files = new Map(lessons.map((l) => [l.meta.id, path.basename(l.file)]));
  fs.writeFileSync(path.join(dir, 'SOURCES.md'), renderSourcesMarkdown(report, files));
  const required = headings.filter((h) => h.required !== false).length;
  console.log(`SOURCES.md: ${required - report.unmapped.length}/${required} seed sections mapped to lessons`);
  for (const h of report.unmapped) console.log(`  unmapped: ${h.seed}:${h.line} ${h.heading}`);
  for (const u of report.unknown) console.log(`  unknown section in ${u.lesson}: ${u.seed} "${u.section}"`);
  for (const b of report.badSteps) console.log(`  no step ${b.step} in ${b.lesson} (section "${b.section}")`);
}

main().catch((error) => { console.error(error); process.exit(1); });
