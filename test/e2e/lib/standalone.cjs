// One scenario of ui.cjs run on its own (`node test/e2e/<name>-ui.cjs`): the packaged VSIX, a screenshots folder and
// the context ui.cjs would hand it, PASS/FAIL and the exit code.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('../harness.cjs');
const { packageVsix } = require('./vsix.cjs');
const { ROOT, ensureBuilt, requireDocker, runMain } = require('./prereqs.cjs');

/** `docker: false` for a scenario that brings its own engine situation (no Docker check up front). */
function runScenarioAlone(id, scenario, { docker = true } = {}) {
  runMain(async (onCleanup) => {
    const engineVersion = docker ? requireDocker() : undefined;
    h.resolveInstall();
    ensureBuilt(['dist/extension.js', 'dist/webview.js']);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `dl-e2e-${id}-`));
    onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const cleanups = [];
    onCleanup(async () => { for (const fn of cleanups) await fn(); });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
    const shotsDir = path.resolve(process.env.E2E_SHOTS_DIR || path.join(ROOT, '.e2e-shots', stamp));
    fs.mkdirSync(shotsDir, { recursive: true });
    const vsix = packageVsix(tmp, h);
    console.log(`${id} UI e2e: packaged VSIX ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB${engineVersion ? `, docker ${engineVersion}` : ''}`);
    const ctx = {
      tmp, vsix, cleanups,
      shot: async (page, name) => {
        await page.waitForTimeout(400);
        await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
      },
    };
    const t0 = Date.now();
    try {
      await scenario(ctx);
      console.log(`  PASS ${id} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return 0;
    } catch (err) {
      console.error(`  FAIL ${id}: ${err && err.stack ? err.stack : err}`);
      return 1;
    } finally {
      console.log(`screenshots: ${shotsDir}`);
    }
  });
}

module.exports = { runScenarioAlone };
