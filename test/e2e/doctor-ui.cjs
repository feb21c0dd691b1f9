// The `doctor` scenario of ui.cjs: 环境体检 / Check My Docker Setup from the command palette, in a real VS Code
// (code-server) with the packaged extension. Two registries (Debian's docker-registry) run on free 127.0.0.1 ports and
// one is stopped; the daemon.json the extension checks (DOCKER_LESSONS_DAEMON_CONFIG) lists both under the notes'
// misspelt key, and the default registry is the running one (DOCKER_LESSONS_DEFAULT_REGISTRY), so nothing outside
// this machine is contacted. The page must show the misspelt key as an error, the stopped mirror as a warning, the
// running one as ok — in Chinese (dark theme) and English (light theme) — and log no page error.
'use strict';
const assert = require('assert');
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const h = require('./harness.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const REGISTRY_BINARY = '/usr/bin/docker-registry';
const LOCALES = {
  'zh-cn': { command: 'Docker 实践课: 环境体检', notAnswering: '没有应答', theme: 'Default Dark Modern' },
  en: { command: 'Docker Lessons: Check My Docker Setup', notAnswering: 'does not answer', theme: 'Default Light Modern' },
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function status(url) {
  return new Promise((resolve) => {
    const request = http.get(`${url}/v2/`, (response) => { response.resume(); resolve(response.statusCode); });
    request.setTimeout(1000, () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

async function startRegistry(dir) {
  const port = await freePort();
  const config = path.join(dir, `registry-${port}.yml`);
  fs.writeFileSync(config, `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${path.join(dir, `data-${port}`)}\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await status(url) === 200) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(`docker-registry did not start on ${url}`);
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
}

const runCommand = (page, title) => h.runCommandWhenReady(page, title);

/** The extension's output channel (under the user data dir): the panel logs dropped or refused messages there. */
function assertCleanLog(server) {
  const lines = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.includes('Docker')) lines.push(...fs.readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(server.dirs.ud);
  assert.deepStrictEqual(lines.filter((line) => /doctor: .*(dropped|not sent|failed)/.test(line)), [], 'the doctor panel logged refused messages');
}

async function doctorScenario(ctx) {
  if (!fs.existsSync(REGISTRY_BINARY)) throw new h.PrerequisiteError(`${REGISTRY_BINARY} is missing (apt-get install docker-registry)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-doctor-'));
  const up = await startRegistry(dir);
  const down = await startRegistry(dir);
  try {
    await stop(down.child);
    const daemonJson = path.join(dir, 'daemon.json');
    fs.writeFileSync(daemonJson, JSON.stringify({ 'registry-mirror': [up.url, down.url] }, null, 2));
    for (const [locale, s] of Object.entries(LOCALES)) {
      await withWorkbench({
        vsix: ctx.vsix, locale, settings: { 'workbench.colorTheme': s.theme },
        env: { DOCKER_LESSONS_DAEMON_CONFIG: daemonJson, DOCKER_LESSONS_DEFAULT_REGISTRY: up.url },
        shot: ctx.shot, failShot: `${ctx.scenario}-${locale}-FAIL`,
        check: assertCleanLog,
      }, async (page) => {
        await runCommand(page, s.command);
        const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
        await frame.locator('.dl-doctor-summary').waitFor({ timeout: 60000 });
        const finding = (id) => frame.locator(`.dl-finding[data-finding-id="${id}"]`);
        await finding('unknown-key:registry-mirror').and(frame.locator('.dl-level-error')).waitFor();
        await finding(`mirror:${up.url}`).and(frame.locator('.dl-level-ok')).waitFor();
        const stopped = finding(`mirror:${down.url}`);
        await stopped.and(frame.locator('.dl-level-warning')).waitFor();
        assert.match(await stopped.innerText(), new RegExp(s.notAnswering));
        assert.match(await finding('unknown-key:registry-mirror').innerText(), /registry-mirrors/);
        await ctx.shot(page, `doctor-${locale}-01-report`);
        await stopped.scrollIntoViewIfNeeded();
        await ctx.shot(page, `doctor-${locale}-02-registries`);
      });
    }
  } finally {
    await stop(up.child);
    await stop(down.child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { doctorScenario };
