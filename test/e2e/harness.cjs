// test/e2e/harness.cjs - drive a real VS Code (code-server 4.100.3 = VS Code 1.100.3, Node extension host) with
// playwright-core and Debian's chromium, fully offline. Adapted from the team's shared vscode-e2e harness so that a
// fresh clone needs nothing outside the repo; ./setup.sh installs (or reuses) everything in ~/.cache/vscode-e2e.
//
//   const h = require('./harness.cjs');
//   const server = await h.startCodeServer({ vsix: ['/tmp/x.vsix'], locale: 'zh-cn', env: { DOCKER_HOST: ... } });
//        // or { extensions: ['/path/to/unpacked-ext'] }, or { extensionDevelopmentPath: '/path/to/ext' } (like F5)
//   const { context, page } = await h.openWorkbench(server, { locale: 'zh-CN' });
//   await h.openViewContainer(page, 'Docker 实践课');
//   await h.runCommand(page, 'Docker: Refresh');
//   await h.waitForNotification(page, /done/);
//   await context.close(); await server.stop(); server.cleanup();   // cleanup(): rm the run dir
//
//   CLI, mocha inside the extension host like @vscode/test-electron (exit code = result):
//   node test/e2e/harness.cjs test --extensionDevelopmentPath=. --extensionTestsPath=./out/test/ext/index
//
// Gotchas baked in: fresh --extensions-dir per run (copied-in folders are only seen before the first start);
// EXTENSIONS_GALLERY='{}' (no Open VSX lookups); XDG_* in the run dir (nothing written to $HOME); every browser
// request not to 127.0.0.1 is aborted; code-server's CLI has no --extensionDevelopmentPath, so dev path and tests
// path go through the workbench URL 'payload', and results come back through window.codeAutomationExit/-Log.
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.commandCenter': false,
  'chat.disableAIFeatures': true,                            // VS Code >= 1.10x: no Chat view / AI prompts
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** A missing prerequisite (no chromium, no docker, install failed): the runners skip or, under CI=true, fail. */
class PrerequisiteError extends Error {
  constructor(message) { super(message); this.name = 'PrerequisiteError'; }
}

const FLAVOR = () => process.env.VSCODE_E2E_FLAVOR || 'node20';
const E2E_HOME = () => process.env.VSCODE_E2E_HOME || path.join(os.homedir(), '.cache', 'vscode-e2e');

/** `export K='V'` lines of a generated env-<flavor>.sh. */
function readEnvFile(file) {
  const env = {};
  for (const m of fs.readFileSync(file, 'utf8').matchAll(/^export ([A-Z0-9_]+)='([^']*)'/gm)) env[m[1]] = m[2];
  return env;
}

let resolved;
/**
 * Run ./setup.sh (idempotent: ~0.3 s when the cache is complete, a full install otherwise, so a missing or stale
 * env file is always regenerated) and read the env file it writes. VSCODE_E2E_SKIP_SETUP=1 trusts the current env
 * (CODE_SERVER_ENTRY, CODE_SERVER_NODE, PLAYWRIGHT_CORE) instead.
 */
function resolveInstall() {
  if (resolved) return resolved;
  let env;
  if (process.env.VSCODE_E2E_SKIP_SETUP === '1' && process.env.CODE_SERVER_ENTRY && process.env.PLAYWRIGHT_CORE) {
    env = process.env;
  } else {
    const setup = path.join(__dirname, 'setup.sh');
    const r = require('child_process').spawnSync('bash', [setup], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.stderr) process.stderr.write(r.stderr);
    if (r.status !== 0) {
      const why = (r.stderr || '').split('\n').filter((l) => /ERROR/.test(l)).pop() || `exit ${r.status ?? r.signal}`;
      throw new PrerequisiteError(`installing code-server for the e2e tests failed (bash ${path.relative(process.cwd(), setup)}): ${why.trim()}`);
    }
    env = readEnvFile(path.join(E2E_HOME(), `env-${FLAVOR()}.sh`));
  }
  const entry = env.CODE_SERVER_ENTRY;
  if (!entry || !fs.existsSync(entry)) throw new PrerequisiteError(`code-server entry ${entry} is missing; rerun bash test/e2e/setup.sh`);
  const chromiumPath = process.env.CHROMIUM || env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) throw new PrerequisiteError(`chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`);
  // code-server must run on the node it was built for (its native modules), not necessarily ours
  resolved = { entry, playwrightCore: env.PLAYWRIGHT_CORE, node: env.CODE_SERVER_NODE || process.execPath, chromium: chromiumPath, env };
  // VS Code >= ~1.10x only honours the URL 'payload' (extensionDevelopmentPath / extensionTestsPath) in a
  // built product when the smoke-test driver is enabled; code-server >= 4.13x can pass that flag through
  // with --vscode-option (4.100.3 has no such option and needs none).
  try {
    const cli = fs.readFileSync(path.join(path.dirname(entry), 'cli.js'), 'utf8');
    resolved.driverArgs = cli.includes('"vscode-option"') ? ['--vscode-option', 'enable-smoke-test-driver'] : [];
  } catch { resolved.driverArgs = []; }
  return resolved;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitHttpOk(url, timeoutMs, child) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before ${url} answered`);
    try { const r = await fetch(url); if (r.ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${url}`);
}

/**
 * Start code-server on 127.0.0.1 with auth none, fresh user-data/extensions dirs, no telemetry,
 * gallery disabled, and $HOME untouched (XDG_* point into the run dir).
 * opts.extensions: unpacked extension folders copied into the fresh extensions dir (must happen
 *   before the first start: once extensions.json exists, copied-in folders are ignored)
 * opts.vsix: .vsix files installed with --install-extension
 * opts.workspace: folder to open (default: an empty folder in the run dir)
 * opts.settings: extra user settings; opts.env: extra env for the server (and so the extension host)
 * opts.extensionDevelopmentPath / opts.extensionTestsPath: server-side paths; openWorkbench passes them
 *   to the workbench. Give them here (not only to openWorkbench): newer VS Code (1.139) honours them
 *   only with the smoke-test driver, which must be switched on when the server starts, and which also
 *   suppresses notification toasts (waitForNotification then reads the ARIA alert instead).
 */
function writeLocale(userDataDir, locale) {
  const lang = locale.toLowerCase();
  fs.writeFileSync(path.join(userDataDir, 'argv.json'), JSON.stringify({ locale: lang }));
  if (lang.startsWith('en')) {
    // A reused user-data dir (npm start) may still list the pack of an earlier language.
    fs.rmSync(path.join(userDataDir, 'languagepacks.json'), { force: true });
    return;
  }
  // No language pack can be installed offline, and without one VS Code falls back to 'en' everywhere
  // (vscode.env.language, package.nls.*.json, l10n bundles). A pack entry whose translations are empty
  // keeps the workbench chrome English but makes the whole UI *run* in `lang`, which is what extension
  // localisation depends on.
  const translations = path.join(userDataDir, `empty-language-pack.${lang}.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [lang]: { hash: `e2e-empty-${lang}`, label: lang,
      extensions: [{ extensionIdentifier: { id: `e2e.empty-language-pack-${lang}` }, version: '0.0.0' }], translations: { vscode: translations } },
  }));
}

/** Servers started and not yet stopped, so a runner interrupted by a signal can still stop them. */
const liveServers = new Set();
async function stopAllServers() {
  await Promise.all([...liveServers].map((server) => server.stop()));
}

async function startCodeServer(opts = {}) {
  const { entry, node, driverArgs } = resolveInstall();
  const devMode = Boolean(opts.extensionDevelopmentPath || opts.extensionTestsPath);
  const extraArgs = devMode ? driverArgs : [];
  const runDir = opts.runDir || fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-e2e-'));
  const mk = (n) => { const p = path.join(runDir, n); fs.mkdirSync(p, { recursive: true }); return p; };
  const dirs = { ud: mk('user-data'), ext: mk('extensions'), chrome: mk('chrome-profile') };
  const xdg = { XDG_CONFIG_HOME: mk('xdg-config'), XDG_DATA_HOME: mk('xdg-data'), XDG_CACHE_HOME: mk('xdg-cache') };
  const workspace = opts.workspace || mk('workspace');
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings || {}) }, null, 2));
  if (opts.locale) writeLocale(dirs.ud, opts.locale);
  for (const src of opts.extensions || []) {
    const pj = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
    fs.cpSync(src, path.join(dirs.ext, `${pj.publisher}.${pj.name}-${pj.version}`), { recursive: true, dereference: true,
      filter: (s) => !/[\\/](\.git|\.vscode-test)$/.test(s) });
  }
  const port = opts.port || (await freePort());
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = { ...process.env, ...xdg, EXTENSIONS_GALLERY: '{}', ...(opts.env || {}) };
  const common = ['--config', config, '--user-data-dir', dirs.ud, '--extensions-dir', dirs.ext];
  for (const vsix of opts.vsix || []) {
    execFileSync(node, [entry, ...common, '--install-extension', path.resolve(vsix), '--force'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const logFile = path.join(runDir, 'code-server.log');
  const fd = fs.openSync(logFile, 'w');
  const t0 = Date.now();
  const child = spawn(node, [entry, ...common, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', ...extraArgs,
    ...(opts.locale ? ['--locale', opts.locale] : []), ...(opts.args || [])],
  { env, stdio: ['ignore', fd, fd], detached: false });
  fs.closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const server = {
    url, port, runDir, workspace, logFile, pid: child.pid, xdg, dirs, child, startedAt: t0,
    extensionDevelopmentPath: opts.extensionDevelopmentPath, extensionTestsPath: opts.extensionTestsPath,
    smokeTestDriver: extraArgs.length > 0, needsDriverForPayload: driverArgs.length > 0,
    /** vscode-remote URI for a server-side absolute path (authority = host:port the browser uses) */
    remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`,
    async stop() {
      liveServers.delete(server);
      if (child.exitCode !== null || child.signalCode) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited; clearTimeout(t);
    },
    /** delete the run dir (profiles, logs); call after the browser context is closed. VSCODE_E2E_KEEP=1 keeps it. */
    /** After a failure: the tail of the server log, and how to keep the whole run dir next time. */
    printDiagnostics() {
      try {
        const tail = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.trim()).slice(-25).join('\n');
        console.error(`--- last lines of the code-server log:\n${tail}\n---`);
      } catch { /* no log */ }
      if (!process.env.VSCODE_E2E_KEEP) console.error('(set VSCODE_E2E_KEEP=1 to keep the run dir with all logs and profiles)');
      else console.error(`(run dir kept: ${runDir})`);
    },
    cleanup() {
      // Retried: the server's last children (pty host, file watcher) may still write logs for a moment after it exits.
      if (!process.env.VSCODE_E2E_KEEP && !opts.runDir) fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
  liveServers.add(server);
  try {
    await waitHttpOk(`${url}/healthz`, opts.timeoutMs || 30000, child);
  } catch (e) {
    await server.stop();
    throw new Error(`${e.message}\n--- ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`);
  }
  server.readyMs = Date.now() - t0;
  return server;
}

/**
 * Launch Debian's chromium (fresh profile) and open the workbench.
 * opts.extensionDevelopmentPath / opts.extensionTestsPath: server-side paths, passed through the
 *   workbench URL 'payload' (this is how VS Code's own remote browser integration tests do it)
 * opts.blockExternal (default true): abort any browser request that is not to 127.0.0.1/localhost
 * Resolves once '.monaco-workbench' exists; opts.waitFor: extra selector to wait for.
 */
async function openWorkbench(server, opts = {}) {
  const { chromium } = require(resolveInstall().playwrightCore);
  const context = await chromium.launchPersistentContext(server.dirs.chrome, {
    executablePath: opts.executablePath || resolveInstall().chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...server.xdg },  // keeps 'Crash Reports' and dconf out of $HOME
    viewport: opts.viewport || { width: 1400, height: 900 },
    locale: opts.locale,
  });
  const external = [];
  if (opts.blockExternal !== false) {
    await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/)(https?|wss?):/, (route) => { external.push(route.request().url()); return route.abort(); });
  }
  const page = context.pages()[0] || (await context.newPage());
  if (opts.onExtensionTestsExit || opts.extensionTestsPath || server.extensionTestsPath) {
    // the web workbench calls these when the extension host ran extensionTestsPath
    await page.exposeFunction('codeAutomationLog', (type, args) => (opts.onLog || defaultLog)(type, args));
    await page.exposeFunction('codeAutomationExit', (code) => (opts.onExtensionTestsExit || (() => {}))(code));
  }
  const devPath = opts.extensionDevelopmentPath || server.extensionDevelopmentPath;
  const testsPath = opts.extensionTestsPath || server.extensionTestsPath;
  if ((devPath || testsPath) && server.needsDriverForPayload && !server.smokeTestDriver) {
    throw new Error('this VS Code needs extensionDevelopmentPath/extensionTestsPath at startCodeServer() (smoke-test driver)');
  }
  page.__vscodeE2E = { smokeTestDriver: server.smokeTestDriver };
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', server.remoteUri(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', server.remoteUri(testsPath)]);
  payload.push(['skipWelcome', 'true']);
  const target = `${server.url}/?folder=${encodeURIComponent(opts.workspace || server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const t0 = Date.now();
  await page.goto(target);
  await page.locator('.monaco-workbench').waitFor({ timeout: opts.timeoutMs || 60000 });
  if (opts.waitFor) await page.locator(opts.waitFor).first().waitFor({ timeout: opts.timeoutMs || 60000 });
  return { context, page, externalRequests: external, workbenchMs: Date.now() - t0 };
}

// workbench chatter forwarded through codeAutomationLog; set VSCODE_E2E_VERBOSE=1 to see it
const NOISE = /^(Resolving connection token|Creation of workbench contribution|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore|\[AgentHost|\[ChatModelSelection|\[AccountPolicyGate|\[reconnection-grace-time|getaddrinfo ENOTFOUND|Canceled: Canceled)/;
function defaultLog(type, args) {
  const util = require('util');
  const line = util.format(...(Array.isArray(args) ? args : [args]));
  if (!process.env.VSCODE_E2E_VERBOSE && NOISE.test(line)) return;
  (type === 'error' ? console.error : console.log)(line);
}

/** Click the activity bar entry whose label starts with `title`, e.g. the viewsContainers title. */
async function openViewContainer(page, title, timeoutMs = 60000) {
  const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item .action-label[aria-label^="${title}"]`).first();
  await item.waitFor({ timeout: timeoutMs });
  const expanded = await item.locator('xpath=..').getAttribute('aria-expanded').catch(() => null);
  if (expanded !== 'true') await item.click();
  return item;
}

/**
 * FrameLocator for a webview's content. Webviews are two nested iframes:
 *   <iframe class="webview ready" src=".../webview/browser/pre/index.html?id=..&extensionId=..&purpose=webviewView">
 *     <iframe id="active-frame" src="fake.html?id=..">   <- the extension's HTML lives here
 * opts.extensionId narrows to one extension's webviews; opts.index picks among several (default 0).
 */
function webviewFrame(page, opts = {}) {
  let outer = 'iframe.webview.ready';
  if (opts.extensionId) outer += `[src*="extensionId=${opts.extensionId}"]`;
  if (opts.purpose) outer += `[src*="purpose=${opts.purpose}"]`;
  return page.locator(outer).nth(opts.index || 0).contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Run a command by its palette title (F1, type, Enter). */
async function runCommand(page, title, timeoutMs = 15000) {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-workbench').focus().catch(() => {});
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: timeoutMs });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/**
 * Wait until a notification toast matching `text` (string or RegExp) has finished sliding in.
 * Under the smoke-test driver (dev mode on VS Code 1.139) toasts are suppressed: wait for the
 * ARIA alert that every notification also raises.
 */
async function waitForNotification(page, text, timeoutMs = 15000) {
  const loc = page.__vscodeE2E && page.__vscodeE2E.smokeTestDriver
    ? page.locator('.monaco-aria-container .monaco-alert', { hasText: text }).first()
    : page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text }).first();
  await loc.waitFor({ state: 'attached', timeout: timeoutMs });
  return loc;
}

/**
 * Run mocha extension tests inside code-server's Node extension host, like @vscode/test-electron:
 * extensionTestsPath exports run(): Promise<void>. Resolves to the exit code (0 = passed).
 */
async function runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, workspace, env, timeoutMs = 300000, onLog, extensions, vsix } = {}) {
  const server = await startCodeServer({ workspace, env, extensions, vsix, extensionDevelopmentPath, extensionTestsPath });
  let context;
  let code = 1;
  try {
    let resolveExit;
    const exited = new Promise((r) => { resolveExit = r; });
    ({ context } = await openWorkbench(server, { onLog, onExtensionTestsExit: (c) => resolveExit(c), timeoutMs }));
    let timer;
    const r = await Promise.race([exited, new Promise((res) => { timer = setTimeout(() => res('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (r === 'timeout') console.error(`extension tests did not finish in ${timeoutMs} ms`);
    else if (r !== 0) console.error(`extension tests failed (exit ${r})`);
    else code = 0;
    if (code !== 0) server.printDiagnostics();
    return code;
  } finally {
    if (context) await context.close().catch(() => {});
    await server.stop();
    server.cleanup();
  }
}

/** A palette command of ours, retried: the palette answers "no matching commands" until the extension's commands are registered. */
async function runCommandWhenReady(page, title, attempts = 4) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runCommand(page, title, 5000);
    } catch (err) {
      if (attempt === attempts) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Run a command that asks for text (an input box) and answer it. Retried: a terminal or webview taking focus right
 * then closes the box (quick input closes on blur), which a slow machine hits now and then.
 */
async function answerCommandInput(page, title, text, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, title);
    const input = page.locator('.quick-input-widget input');
    const shown = await input.waitFor({ timeout: 10000 }).then(() => true, (err) => { if (attempt >= attempts) throw err; return false; });
    if (!shown) continue;
    await input.fill(text);
    await page.keyboard.press('Enter');
    return;
  }
}

module.exports = { PrerequisiteError, startCodeServer, stopAllServers, openWorkbench, openViewContainer, webviewFrame, runCommand, runCommandWhenReady, answerCommandInput, waitForNotification, runExtensionTests, resolveInstall, CHROMIUM_ARGS, DEFAULT_SETTINGS };

// CLI: node test/e2e/harness.cjs test --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--workspace=DIR] [--timeout=MS]
if (require.main === module) {
  const [cmd, ...rest] = process.argv.slice(2);
  const a = Object.fromEntries(rest.map((s) => { const m = /^--([^=]+)=(.*)$/.exec(s); if (!m) throw new Error(`bad argument ${s}`); return [m[1], m[2]]; }));
  if (cmd !== 'test' || !a.extensionDevelopmentPath || !a.extensionTestsPath) {
    console.error('usage: node test/e2e/harness.cjs test --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--workspace=DIR] [--timeout=MS]');
    process.exit(2);
  }
  runExtensionTests({
    extensionDevelopmentPath: path.resolve(a.extensionDevelopmentPath),
    extensionTestsPath: path.resolve(a.extensionTestsPath),
    workspace: a.workspace && path.resolve(a.workspace),
    timeoutMs: a.timeout ? Number(a.timeout) : undefined,
  }).then((code) => { console.log(`extension tests exit code: ${code}`); process.exit(code === 0 ? 0 : 1); },
    (e) => { console.error(e); process.exit(1); });
}
