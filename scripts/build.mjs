// Build everything the package ships: the extension bundle, the CLI, the webview script and its icon font, the
// extension-host test suites, and the merged zh-CN l10n bundle. `--production` minifies and drops source maps;
// `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
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
  writeIfChanged(out, text);
}

/**
 * Write `data` to `target` only when it differs, by a rename: a test reading dist/ while `npm test` builds again (CI
 * runs other suites beside it) never sees a half-written file, and an unchanged output keeps its time stamp.
 */
function writeIfChanged(target, data) {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (fs.existsSync(target) && fs.readFileSync(target).equals(bytes)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, target);
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
const VENDOR = ['dockerode', 'yaml', 'markdown-it', 'markdown-it-cjk-friendly', 'markdown-it-cjk-breaks', 'dockerfile-ast', 'dockerfile-utils',
  'highlight.js/lib/core', 'highlight.js/lib/languages/bash', 'highlight.js/lib/languages/dockerfile',
  'highlight.js/lib/languages/ini', 'highlight.js/lib/languages/json', 'highlight.js/lib/languages/yaml'];
const vendorFile = (name) => `vendor/${name.replace(/[/.]/g, '-')}.js`;
const vendorExternals = {
  name: 'vendor-externals',
  setup(build) {
    const filter = new RegExp(`^(${VENDOR.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./${vendorFile(args.path)}`, external: true }));
  },
};

// dockerfile-utils (the Dockerfile diagnostics) parses with dockerfile-ast: use the vendor file beside it, not a second copy.
const sharedDockerfileAst = {
  name: 'shared-dockerfile-ast',
  setup(build) {
    build.onResolve({ filter: /^dockerfile-ast$/ }, () => ({ path: `./${path.basename(vendorFile('dockerfile-ast'))}`, external: true }));
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

/**
 * The build's id, a hash of the sources and the locked dependencies: the course as parsed and rendered for the package
 * lives in dist/prebuilt/<id>/, and a bundle reads only its own build's (src/lessons/prebuilt.ts). Not in watch mode:
 * the sources change under it, so it parses and renders every lesson itself.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = (dir) => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  for (const file of [...files(path.join(root, 'src')), path.join(root, 'package-lock.json')].sort()) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
const BUILD_ID = watch ? undefined : buildId();

const common = {
  bundle: true,
  ...(BUILD_ID ? { define: { DL_BUILD_ID: JSON.stringify(BUILD_ID) } } : {}),
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
    outfile: `dist/${vendorFile(name)}`, platform: 'node', format: 'cjs', target: 'node20',
    plugins: [optionalNative, ...(name === 'dockerfile-utils' ? [sharedDockerfileAst] : [])] })),
  ...Object.entries(SPLIT_SOURCES).map(([source, file]) => ({ ...common, entryPoints: [source], outfile: `dist/${file}`,
    platform: 'node', format: 'cjs', target: 'node20' })),
];
if (fs.existsSync(path.join(root, 'src/webview/main.ts'))) {
  builds.push({ ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' });
}
// The 环境体检 page: its script and the stylesheet it imports (dist/doctor/page.js, dist/doctor/page.css).
if (fs.existsSync(path.join(root, 'src/webview/doctor/main.ts'))) {
  builds.push({ ...common, entryPoints: { page: 'src/webview/doctor/main.ts' }, outdir: 'dist/doctor', platform: 'browser', format: 'iife', target: 'es2022' });
}
// The 课程地图 page: dist/map/page.js and the stylesheet it imports, dist/map/page.css.
if (fs.existsSync(path.join(root, 'src/webview/map/main.ts'))) {
  builds.push({ ...common, entryPoints: { page: 'src/webview/map/main.ts' }, outdir: 'dist/map', platform: 'browser', format: 'iife', target: 'es2022' });
}
const suiteIndex = path.join(root, 'test/ext/index.ts');
if (!production && fs.existsSync(suiteIndex)) {
  builds.push({ ...common, entryPoints: ['test/ext/index.ts'], outfile: 'out/test/ext/index.js', platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode', 'mocha'], plugins: [optionalNative] });
}

/**
 * The static busybox the offline stand-in images are built around ships in dist/busybox/ (a Marketplace install has no
 * checkout to run `npm run images` from), with its GPL-2.0 text and where its source is. Taken from $BUSYBOX or Debian's
 * busybox-static (/usr/bin/busybox); it must be a static x86-64 ELF. A dev build without one only warns.
 */
export function copyBusybox() {
  const source = process.env.BUSYBOX || '/usr/bin/busybox';
  const dir = path.join(root, 'dist', 'busybox');
  const problem = busyboxProblem(source);
  if (problem) {
    const message = `busybox: ${source} ${problem}; the package needs a static x86-64 busybox (apt-get install busybox-static, or set BUSYBOX)`;
    if (production) throw new Error(message);
    console.warn(`warning: ${message}`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, 'busybox');
  const data = fs.readFileSync(source);
  writeIfChanged(target, data);
  fs.chmodSync(target, 0o755);
  // "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary." names the exact build.
  const banner = (spawnSync(target, ['--help'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim();
  const binaryVersion = /\(Debian ([^)\s]+)\)/.exec(banner)?.[1];
  // The source package's version: no epoch, no binNMU suffix (+bN).
  const debian = binaryVersion?.replace(/^\d+:/, '').replace(/\+b\d+$/, '');
  const sourceLine = debian
    ? `Source: the Debian source package busybox ${debian}, https://sources.debian.org/src/busybox/${debian}/\n(also https://snapshot.debian.org/package/busybox/${encodeURIComponent(debian)}/ and https://busybox.net/downloads/).`
    : 'Source: https://busybox.net/downloads/ (the version above).';
  const license = '/usr/share/common-licenses/GPL-2';
  if (fs.existsSync(license)) fs.copyFileSync(license, path.join(dir, 'COPYING'));
  else if (production) throw new Error(`busybox: the GPL-2.0 text (${license}) is missing`);
  const copyright = '/usr/share/doc/busybox-static/copyright';
  if (debian && fs.existsSync(copyright)) fs.copyFileSync(copyright, path.join(dir, 'copyright'));
  fs.writeFileSync(path.join(dir, 'NOTICE'), [
    'dist/busybox/busybox: BusyBox, a static x86-64 build, used unmodified to build the offline stand-in images',
    '(the "Prepare Practice Images" command; images/standins.json).',
    '',
    `Version: ${banner || 'unknown'}`,
    `Binary package: ${binaryVersion ? `Debian busybox-static ${binaryVersion}` : 'unknown'}.`,
    sourceLine,
    '',
    'BusyBox is copyrighted by many authors between 1998-2015 and licensed under the GNU General Public License,',
    'version 2 (GPL-2.0-only): see COPYING in this folder' + (debian ? ' and Debian\'s copyright file (copyright).' : '.'),
    'The rest of this extension is under its own licence (package.json); BusyBox is a separate program it runs in',
    'containers, not part of the extension\'s code.',
    '',
  ].join('\n'));
}

/**
 * The codicon font for the lesson page (dist/codicons/): @vscode-elements buttons draw their `icon` with it, and so do
 * the page's own marks, so no glyph depends on an emoji font the learner may lack. With its licences (CC-BY-4.0 for the
 * icons, MIT for the CSS).
 */
export function copyCodicons() {
  const source = path.join(root, 'node_modules', '@vscode', 'codicons');
  const dir = path.join(root, 'dist', 'codicons');
  fs.mkdirSync(dir, { recursive: true });
  for (const [from, to] of [['dist/codicon.css', 'codicon.css'], ['dist/codicon.ttf', 'codicon.ttf'], ['LICENSE', 'LICENSE'],
    ['LICENSE-CODE', 'LICENSE-CODE']]) {
    const data = fs.readFileSync(path.join(source, from));
    const target = path.join(dir, to);
    writeIfChanged(target, data);
  }
}

/** Why `file` cannot be the shipped busybox, or undefined when it is a static x86-64 ELF. */
function busyboxProblem(file) {
  let data;
  try { data = fs.readFileSync(file); } catch { return 'is missing'; }
  if (data.length < 64 || data.readUInt32BE(0) !== 0x7f454c46 || data[4] !== 2 || data[5] !== 1) return 'is not a 64-bit little-endian ELF';
  if (data.readUInt16LE(18) !== 62) return 'is not built for x86-64';
  const phoff = Number(data.readBigUInt64LE(32));
  const phentsize = data.readUInt16LE(54);
  for (let i = 0; i < data.readUInt16LE(56); i++) {
    if (data.readUInt32LE(phoff + i * phentsize) === 3) return 'is dynamically linked (PT_INTERP)';
  }
  return undefined;
}

mergeL10n();
copyBusybox();
copyCodicons();
/**
 * The course parsed and every page rendered for this build (dist/prebuilt/<BUILD_ID>/): listing the course and the
 * first page a learner opens are read, not computed. The script is bundled with the build's id and run once.
 */
async function prerenderLessons() {
  const script = path.join(os.tmpdir(), `docker-lessons-prerender-${process.pid}.js`);
  try {
    await esbuild.build({ ...common, absWorkingDir: root, entryPoints: ['scripts/prerender.ts'], outfile: script, sourcemap: false,
      minify: false, platform: 'node', format: 'cjs', target: 'node20', plugins: [optionalNative] });
    execFileSync(process.execPath, [script, path.join(root, 'lessons'), path.join(root, 'dist', 'prebuilt')], { stdio: 'inherit' });
  } finally {
    fs.rmSync(script, { force: true });
  }
}

if (watch) {
  fs.rmSync(path.join(root, 'dist', 'prebuilt'), { recursive: true, force: true });
  for (const options of builds) await (await esbuild.context({ absWorkingDir: root, ...options })).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build({ absWorkingDir: root, ...options, write: false })));
  for (const file of results.flatMap((result) => result.outputFiles)) writeIfChanged(file.path, file.contents);
  await prerenderLessons();
}
