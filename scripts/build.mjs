// Build everything the package ships: the extension bundle, the CLI, the webview script, the extension-host test
// suites, and the merged zh-CN l10n bundle. `--production` minifies and drops source maps; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Each area keeps its zh-CN strings in l10n/zh-cn/<area>.json; VS Code reads the merged l10n/bundle.l10n.zh-cn.json. */
export function mergeL10n() {
  const dir = path.join(root, 'l10n', 'zh-cn');
  const merged = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const [key, value] of Object.entries(part)) {
      if (key in merged && merged[key] !== value) throw new Error(`l10n: "${key}" translated differently in ${file}`);
      merged[key] = value;
    }
  }
  const out = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  const text = JSON.stringify(merged, null, 2) + '\n';
  if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
}

// ssh2 (dockerode's ssh:// transport) requires optional native parts inside try/catch; leave them out of the bundle
// so the require fails and ssh2 falls back to pure JS.
const optionalNative = {
  name: 'optional-native',
  setup(build) {
    build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({ path: args.path, external: true }));
  },
};

// Heavy libraries that are only needed later (the engine, the lesson renderer, Dockerfile hovers) ship as separate files
// in dist/vendor/, so loading the extension does not even compile them; the code require()s them on first use.
const VENDOR = ['dockerode', 'yaml', 'markdown-it', 'markdown-it-cjk-friendly', 'dockerfile-ast', 'highlight.js/lib/core',
  'highlight.js/lib/languages/bash', 'highlight.js/lib/languages/dockerfile', 'highlight.js/lib/languages/ini',
  'highlight.js/lib/languages/json', 'highlight.js/lib/languages/yaml'];
const vendorFile = (name) => `vendor/${name.replace(/[/.]/g, '-')}.js`;
const vendorExternals = {
  name: 'vendor-externals',
  setup(build) {
    const filter = new RegExp(`^(${VENDOR.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
  },
};

// The editor's Dockerfile and docker CLI reference texts (pure data, no shared state) ship the same way: only the
// first hover needs them. `import type` from them is erased before resolving, so it keeps working.
const SPLIT_SOURCES = { 'src/editor/cliDocs.ts': 'vendor/editor-cliDocs.js', 'src/editor/dockerfileDocs.ts': 'vendor/editor-dockerfileDocs.js' };
const splitSources = {
  name: 'split-sources',
  setup(build) {
    build.onResolve({ filter: /\/(cliDocs|dockerfileDocs)(\.ts)?$/ }, (args) => {
      const file = path.relative(root, path.resolve(args.resolveDir, args.path)).replace(/\\/g, '/').replace(/(\.ts)?$/, '.ts');
      return file in SPLIT_SOURCES ? { path: `./${SPLIT_SOURCES[file]}`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], plugins: [optionalNative, vendorExternals, splitSources] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], plugins: [optionalNative, vendorExternals, splitSources] },
  ...VENDOR.map((name) => ({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root },
    outfile: `dist/${vendorFile(name)}`, platform: 'node', format: 'cjs', target: 'node20', plugins: [optionalNative] })),
  ...Object.entries(SPLIT_SOURCES).map(([source, file]) => ({ ...common, entryPoints: [source], outfile: `dist/${file}`,
    platform: 'node', format: 'cjs', target: 'node20' })),
];
if (fs.existsSync(path.join(root, 'src/webview/main.ts'))) {
  builds.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' });
}
const suiteIndex = path.join(root, 'test/ext/index.ts');
if (!production && fs.existsSync(suiteIndex)) {
  builds.push({ ...common, entryPoints: ['test/ext/index.ts'], outfile: 'out/test/ext/index.js', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode', 'mocha'], plugins: [optionalNative] });
}

mergeL10n();
if (watch) {
  for (const options of builds) await (await esbuild.context({ absWorkingDir: root, ...options })).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build({ absWorkingDir: root, ...options })));
}
