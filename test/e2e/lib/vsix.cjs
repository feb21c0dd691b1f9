// Package the extension as the VSIX the UI tests install ("the packaged extension", not the source folder), with the
// vsce flags of package.json's `package` script (one place says how the extension is packaged).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** `vsce package …` as the package script runs it, its output file left out. */
function vsceArgs() {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.package;
  const args = /\bvsce (package\b[^&|;]*)/.exec(script)?.[1].trim().split(/\s+/);
  if (!args) throw new Error(`package.json's package script does not run vsce package: ${script}`);
  const out = args.indexOf('-o');
  if (out >= 0) args.splice(out, 2);
  return args;
}

function vsceBinary(harness) {
  const local = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  return fs.existsSync(local) ? local : harness.resolveInstall().env.VSCE;
}

/** The current build (dist/) packaged into `dir` (fast: the build is not redone). */
function packageVsix(dir, harness) {
  const out = path.join(dir, 'docker-lessons.vsix');
  execFileSync(vsceBinary(harness), [...vsceArgs(), '-o', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

/** What gets published: `npm run package` (the production build, then vsce); the VSIX it writes. */
function publishedVsix() {
  execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300000 });
  return path.join(ROOT, 'dist', 'docker-lessons.vsix');
}

module.exports = { packageVsix, publishedVsix, vsceArgs };
