#!/usr/bin/env node
// npm run test:ext - run the mocha suites of test/ext/ inside a real VS Code extension host (code-server 4.100.3,
// VS Code 1.100.3), with extensionDevelopmentPath = the repo root and extensionTestsPath = out/test/ext/index,
// like @vscode/test-electron does on a desktop. Prints mocha's output; the exit code is the result.
//
// The extension gets DOCKER_HOST=unix://<tmp>/docker.sock, a relay to the real engine that logs each connection
// (DL_E2E_RELAY_LOG), so the suites can assert that activation does no Docker I/O.
// Env: CI=true turns missing prerequisites into failures; VSCODE_E2E_KEEP=1 keeps the run dir; VSCODE_E2E_VERBOSE=1
// shows the workbench's own log lines; DL_E2E_TIMEOUT_MS (default 300000).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT, ensureBuilt, requireDocker, runMain } = require('./lib/prereqs.cjs');
const { ensureTestImage, engineSocketPath } = require('./lib/docker.cjs');
const { startSocketRelay } = require('./lib/relay.cjs');

runMain(async (onCleanup) => {
  const engineVersion = requireDocker();
  h.resolveInstall();                                   // runs test/e2e/setup.sh when needed
  ensureBuilt(['dist/extension.js', 'out/test/ext/index.js']);
  ensureTestImage();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-ext-'));
  onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const engineSocket = engineSocketPath();
  const relay = await startSocketRelay({ listenPath: path.join(tmp, 'docker.sock'), targetPath: engineSocket, logFile: path.join(tmp, 'connections.jsonl') });
  onCleanup(() => relay.close());
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);

  console.log(`extension-host tests: VS Code (code-server) + docker ${engineVersion}; extension at ${ROOT}`);
  const t0 = Date.now();
  const code = await h.runExtensionTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'ext', 'index'),
    workspace,
    timeoutMs: Number(process.env.DL_E2E_TIMEOUT_MS) || 300000,
    env: {
      DOCKER_HOST: `unix://${relay.path}`,
      DL_E2E_RELAY_SOCKET: relay.path,
      DL_E2E_RELAY_LOG: path.join(tmp, 'connections.jsonl'),
      DL_E2E_ENGINE_SOCKET: engineSocket,
    },
  });
  console.log(`extension-host tests ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${code})`);
  return code === 0 ? 0 : 1;
});
