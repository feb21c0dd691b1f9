// Run one test suite (a folder under test/) with node's test runner; TypeScript is loaded through tsx.
// Usage: node scripts/run-tests.mjs <unit|integration|lessons> [name-filter]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [suite, filter] = process.argv.slice(2);
if (!suite) { console.error('usage: run-tests.mjs <suite> [filter]'); process.exit(2); }
const dir = path.join(root, 'test', suite);
const files = fs.readdirSync(dir, { recursive: true })
  .map(String).filter((f) => f.endsWith('.test.ts') && (!filter || f.includes(filter))).sort()
  .map((f) => path.join('test', suite, f));
if (files.length === 0) { console.error(`no tests in test/${suite}${filter ? ` matching ${filter}` : ''}`); process.exit(1); }
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
