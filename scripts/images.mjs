#!/usr/bin/env node
// `npm run images`: makes sure the images the lessons use exist in the Docker engine, offline (pull briefly, else build a
// stand-in FROM scratch around a static busybox; a real image is never replaced). The work is done by
// `docker-lessons images` (src/cli/images.ts → src/runner/standins.ts), the same code as the extension's
// "Prepare Practice Images"; this wrapper runs it from the sources (tsx), so a checkout needs no build first.
//
// Usage: node scripts/images.mjs [--only a,b] [--list] [--force-standins] [--no-pull] [--json] [--catalog file]
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);

// As before this script was a wrapper: English only when the locale asks for it (an empty LC_ALL does not count).
if (!args.some((a) => a === '--lang' || a.startsWith('--lang=')) && !process.env.DOCKER_LESSONS_LANG) {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  args.unshift('--lang', /^en/i.test(locale) ? 'en' : 'zh-cn');
}

let tsx;
try {
  tsx = import.meta.resolve('tsx');
} catch {
  console.error('scripts/images.mjs needs the dev dependencies (tsx): run npm ci first.');
  process.exit(1);
}
// The caller's working directory stays, so a relative --catalog means what it says.
const result = spawnSync(process.execPath, ['--import', tsx, path.join(ROOT, 'src', 'cli', 'main.ts'), 'images', ...args], { stdio: 'inherit' });
process.exitCode = result.error ? 1 : result.status ?? 1;
if (result.error) console.error(result.error.message);
