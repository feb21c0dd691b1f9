// One VS Code session for a UI scenario: code-server with the packaged extension, a Chromium page on its workbench.
// Always torn down, even when a step fails; after the scenario's steps the workbench must not have tried to reach the
// network, and `check(server)` may assert more (the lesson panel's log). On failure: a screenshot, the server's log.
'use strict';
const assert = require('assert');
const h = require('../harness.cjs');

/**
 * @param {object} options
 * @param {string} options.vsix            the packaged extension
 * @param {string[]} [options.extensions]  unpacked extension folders to add (the probe)
 * @param {'zh-cn'|'en'} options.locale
 * @param {object} [options.env]           extension host environment
 * @param {object} [options.settings]      user settings (theme, terminal renderer …)
 * @param {(page, name: string) => Promise<void>} options.shot
 * @param {string} options.failShot        screenshot name on failure
 * @param {(server) => void} [options.check]  more assertions after the steps passed
 * @param {boolean} [options.keepRunDirOnFailure]  keep profiles and logs of a failed session (VSCODE_E2E_KEEP=1 always keeps)
 * @param {{ width: number, height: number }} [options.viewport]  the browser window (default 1400×900)
 * @param {string} [options.workspace]     the folder to open (default: an empty one)
 * @param {(page, server) => Promise<void>} fn  the scenario's steps
 */
async function withWorkbench(options, fn) {
  const { vsix, extensions, locale, env, settings, shot, failShot, check, keepRunDirOnFailure, viewport, workspace } = options;
  const server = await h.startCodeServer({ vsix: [vsix], extensions, locale, env, settings, workspace });
  let session;
  let failed = true;
  try {
    session = await h.openWorkbench(server, { locale: locale === 'zh-cn' ? 'zh-CN' : 'en-US', viewport });
    await fn(session.page, server);
    assert.deepStrictEqual(session.externalRequests, [], 'the workbench tried to reach the network');
    if (check) check(server);
    failed = false;
  } catch (err) {
    if (session) await shot(session.page, failShot).catch(() => {});
    throw err;
  } finally {
    if (session) await session.context.close().catch(() => {});
    await server.stop();
    if (failed && keepRunDirOnFailure) {
      console.error(`  (run dir kept for inspection: ${server.runDir}; code-server log: ${server.logFile})`);
    } else {
      if (failed) server.printDiagnostics();
      server.cleanup();                                  // VSCODE_E2E_KEEP=1 keeps it
    }
  }
}

module.exports = { withWorkbench };
