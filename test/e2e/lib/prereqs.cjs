// What both e2e runners need before they start anything: a built extension, a reachable Docker engine, and the
// SKIPPED-or-FAIL policy for missing prerequisites (skip locally, fail under CI=true).
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { PrerequisiteError } = require('../harness.cjs');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Print why and exit: 1 under CI=true (a CI run must not silently pass), else 0 with "SKIPPED: <reason>". */
function skipOrFail(reason) {
  if (process.env.CI === 'true') {
    console.error(`FAILED: ${reason} (CI=true, so a missing prerequisite is a failure)`);
    process.exit(1);
  }
  console.log(`SKIPPED: ${reason}`);
  process.exit(0);
}

/** Newest mtime of the files under `dir` (recursive), 0 when absent. */
function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** `npm run build` when one of `outputs` is missing or older than the sources (src/, test/ext/, l10n/, package*.json). */
function ensureBuilt(outputs) {
  const sources = Math.max(newestMtime(path.join(ROOT, 'src')), newestMtime(path.join(ROOT, 'test', 'ext')),
    newestMtime(path.join(ROOT, 'l10n', 'zh-cn')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  const stale = outputs.filter((o) => !fs.existsSync(path.join(ROOT, o)) || fs.statSync(path.join(ROOT, o)).mtimeMs < sources);
  if (stale.length === 0) return;
  console.log(`building (${stale.join(', ')} missing or older than the sources): npm run build`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}); fix the build errors above`);
  const missing = outputs.filter((o) => !fs.existsSync(path.join(ROOT, o)));
  if (missing.length) throw new Error(`npm run build succeeded but did not produce ${missing.join(', ')}`);
}

/** The engine the developer's docker CLI uses; throws PrerequisiteError when there is none. */
function requireDocker() {
  let version;
  try {
    version = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15000 }).trim();
  } catch (err) {
    if (err.code === 'ENOENT') throw new PrerequisiteError('the docker CLI is not installed (needed to create test containers)');
    const detail = String(err.stderr || err.message).trim().split('\n').pop();
    throw new PrerequisiteError(`the Docker engine is not reachable: ${detail}`);
  }
  return version;
}

/**
 * Run `main`, mapping PrerequisiteError to skipOrFail and anything else to exit 1. `main` resolves to an exit code.
 * Cleanups registered with onCleanup run on every exit path, including Ctrl-C.
 */
function runMain(main) {
  const cleanups = [];
  let cleaning;
  const cleanupAll = () => {
    cleaning ??= (async () => {
      await require('../harness.cjs').stopAllServers();   // before their run dirs and sockets go away
      for (const fn of cleanups.reverse()) {
        try { await fn(); } catch (err) { console.error(`cleanup failed: ${err && err.message}`); }
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => { console.error(`${signal}: cleaning up`); void cleanupAll().then(() => process.exit(130)); });
  }
  const onCleanup = (fn) => { cleanups.push(fn); };
  main(onCleanup).then(
    async (code) => { await cleanupAll(); process.exit(code); },
    async (err) => {
      await cleanupAll();
      if (err instanceof PrerequisiteError) skipOrFail(err.message);
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    });
}

module.exports = { ROOT, skipOrFail, ensureBuilt, requireDocker, runMain, PrerequisiteError };
