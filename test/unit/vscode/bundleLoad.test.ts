// Loading the extension's bundle must not initialise what only a lesson, a check or the engine needs: VS Code waits for
// the require() before anything of ours shows, and those modules cost ~70 ms on this machine's cores (zod's schemas,
// markdown-it, node's https). Measured in a child process, with a stub `vscode`, on the built dist/extension.js.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBundleInChild } from '../../support/bundleLoad';

const bundle = path.resolve(__dirname, '..', '..', '..', 'dist', 'extension.js');

describe('loading the extension bundle', () => {
  test('initialises neither the lesson parser, the checks, the engine client nor a vendor library', (t) => {
    if (!fs.existsSync(bundle)) {
      if (process.env.CI === 'true') assert.fail(`${bundle} is missing: npm test builds it first (npm run build)`);
      t.skip('dist/extension.js is not built: run npm run build');
      return;
    }
    const load = loadBundleInChild(bundle);
    assert.ok(load.exportsActivate, 'the bundle exports activate');
    assert.deepEqual(load.requested.filter((request) => request.includes('vendor/')), [],
      'vendor libraries (markdown-it, yaml, dockerode, highlight.js) load on first use');
    assert.ok(!load.requested.includes('https') && !load.requested.includes('http'),
      `the engine client (node's http and https) loads with the first engine: ${load.requested.join(', ')}`);
    assert.equal(load.zodInitialised, false, 'zod (lesson, check and message schemas) initialises on first use');
  });

  test('zod is imported as a namespace, so the bundle keeps only what is used', () => {
    // `import { z } from 'zod'` bundles the whole namespace object, every locale with it (~340 KB of 830 KB).
    const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []);
    const src = path.resolve(__dirname, '..', '..', '..', 'src');
    const named = sources(src).filter((file) => /import\s*\{\s*z\s*\}\s*from\s*'zod'/.test(fs.readFileSync(file, 'utf8')));
    assert.deepEqual(named.map((file) => path.relative(src, file)), [], "write import * as z from 'zod'");
  });
});
