// Extract the section headings of the five seed notes into lessons/seed-headings.json, the list SOURCES.md must cover.
// Run once where the seeds are (../shared/seeds); the JSON is committed so tests never need the seeds.
// Headings: Markdown seeds (000–003) `#`/`##` outside code fences (002 also `###`: its chapters sit one level deeper);
// the plain-text seed 004: its numbered sections ("4、镜像", "4.1 镜像的内部结构").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const seedsDir = process.argv[2] ?? path.join(root, '..', 'shared', 'seeds');
const files = fs.readdirSync(seedsDir).filter((f) => /^\d{3}_/.test(f)).sort();
const result = [];
for (const file of files) {
  const seed = file.slice(0, 3);
  const lines = fs.readFileSync(path.join(seedsDir, file), 'utf8').split('\n');
  let inFence = false;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\u00a0/g, ' ');
    if (/^\s*(```|~~~)/.test(line)) { inFence = !inFence; return; }
    if (inFence) return;
    let heading;
    let required = true;
    if (seed === '004') {
      const m = /^(\d+(?:\.\d+)?[、.]?\s*\S.*)$/.exec(line.trim());
      if (m && /^\d+([、]|\.\d+\s)/.test(line.trim()) && line.trim().length < 60 && !/^\d+\.\d+\.\d+/.test(line.trim())) heading = m[1].trim();
    } else {
      const maxDepth = seed === '002' ? 3 : 2;
      const m = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
      if (m) { heading = m[2].trim(); required = m[1].length <= maxDepth; }
    }
    // Deeper headings are listed too (lessons may cite them), but only `required` ones must be mapped.
    if (heading) result.push({ seed, line: i + 1, heading, ...(required ? {} : { required: false }) });
  });
}
fs.writeFileSync(path.join(root, 'lessons', 'seed-headings.json'), JSON.stringify(result, null, 1) + '\n');
console.log(`${result.length} headings (${result.filter((h) => h.required !== false).length} to map) from ${files.length} seeds`);
