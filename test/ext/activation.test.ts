// Activation must be cheap: no Docker I/O until an explorer view is shown or a command runs. The runner starts the
// extension host with DOCKER_HOST pointing at a relay that logs every connection, so "no I/O" is measured, not assumed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, relayedConnections, waitFor } from './support';

export function registerActivationSuite(): void {
  suite('activation', () => {
    test('the extension is installed and sees the engine address the runner gave it', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is loaded`);
      assert.strictEqual(extension.packageJSON.main, './dist/extension.js');
      if (process.env.DL_E2E_RELAY_SOCKET) assert.strictEqual(process.env.DOCKER_HOST, `unix://${process.env.DL_E2E_RELAY_SOCKET}`);
    });

    test('activate() returns the test API and does not talk to the engine', async function () {
      const before = relayedConnections();
      if (before === undefined) {
        // Run outside test/e2e/run-ext-tests.cjs (e.g. @vscode/test-cli): nothing counts connections.
        if (process.env.CI === 'true') throw new Error('DL_E2E_RELAY_LOG is not set: run through npm run test:ext');
        this.skip();
      }
      const api = await activateExtension();
      assert.strictEqual(typeof api.explorer.waitForIdle, 'function');
      assert.strictEqual(typeof api.engineState(), 'string');
      // Give anything scheduled during activation (timers, promises) time to reach the engine.
      await new Promise((resolve) => setTimeout(resolve, 750));
      assert.deepStrictEqual(relayedConnections(), [], 'activation (and the idle workbench) must not connect to Docker');
    });

    test('showing the Containers view connects, and the engine state becomes "connected"', async function () {
      if (relayedConnections() === undefined) this.skip();
      const api = await activateExtension();
      await vscode.commands.executeCommand('dockerLessons.containers.focus');
      const connections = await waitFor(() => { const c = relayedConnections(); return c && c.length > 0 && c; }, 5000,
        'the first connection to the engine after the view was shown');
      assert.ok(connections.length > 0);
      await waitFor(() => api.engineState() === 'connected', 5000, 'engineState "connected"');
      await api.explorer.waitForIdle();
      assert.ok(api.explorer.snapshot(), 'a snapshot after the view was shown');
    });
  });
}
