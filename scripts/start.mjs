// `npm start`: build, then open the extension in VS Code. Desktop `code` (with --extensionDevelopmentPath) when it is on
// PATH; otherwise a local code-server (a real VS Code in the browser, installed by test/e2e/setup.sh) on 127.0.0.1, whose
// URL is printed. Practice images are prepared first when a Docker engine answers.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!fs.existsSync(path.join(root, 'node_modules'))) {
  if (run('npm', ['ci']).status !== 0) process.exit(1);
}
if (run('npm', ['run', 'build', '--silent']).status !== 0) process.exit(1);

if (has('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0) {
  run(process.execPath, ['scripts/images.mjs']);
} else {
  console.warn('[docker-lessons] 没有连上 Docker 引擎：扩展会在侧栏里说明原因。/ No Docker engine answers: the extension explains why in its views.');
}

const workspace = process.env.DOCKER_LESSONS_WORKSPACE || path.join(root, '.state', 'workspace');
fs.mkdirSync(workspace, { recursive: true });

if (has('code') && !process.env.DOCKER_LESSONS_FORCE_BROWSER) {
  const child = spawn('code', ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const harness = require(path.join(root, 'test', 'e2e', 'harness.cjs'));
  const port = Number(process.env.PORT || 8765);
  const server = await harness.startCodeServer({
    extensionDevelopmentPath: root, port, workspace,
    runDir: path.join(root, '.state', 'code-server'),
    settings: { 'workbench.startupEditor': 'none' },
  });
  const payload = JSON.stringify([['extensionDevelopmentPath', server.remoteUri(root)]]);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log(`\nDocker 实践课 is running in VS Code (code-server) — open this URL in a browser:\n\n  ${url}\n\nCtrl+C stops it.`);
  const stop = async () => { await server.stop(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
