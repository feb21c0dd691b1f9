// A throwaway extension installed next to the packaged one, to read what the UI cannot show: the extension host's
// vscode.env.language (which decides package.nls.<lang>.json and the l10n bundle the real extension gets).
'use strict';
const fs = require('fs');
const path = require('path');

function writeProbeExtension(parentDir) {
  const dir = path.join(parentDir, 'dl-e2e-probe');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'probe', publisher: 'dl-e2e', version: '0.0.1', engines: { vscode: '^1.90.0' },
    main: './extension.js', activationEvents: ['onStartupFinished'],
  }));
  fs.writeFileSync(path.join(dir, 'extension.js'), [
    "const vscode = require('vscode');",
    'exports.activate = () => {',
    '  const file = process.env.DL_E2E_PROBE_FILE;',
    "  if (file) require('fs').writeFileSync(file, JSON.stringify({ language: vscode.env.language, appName: vscode.env.appName }));",
    '};',
  ].join('\n'));
  return dir;
}

async function readProbe(file, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the probe extension did not report within ${timeoutMs} ms (${file})`);
}

module.exports = { writeProbeExtension, readProbe };
