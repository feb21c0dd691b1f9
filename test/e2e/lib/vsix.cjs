// Package the extension as the VSIX the UI tests install ("the packaged extension", not the source folder).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

function packageVsix(dir, harness) {
  const out = path.join(dir, 'docker-lessons.vsix');
  const local = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const vsce = fs.existsSync(local) ? local : harness.resolveInstall().env.VSCE;
  execFileSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', out],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

module.exports = { packageVsix };
