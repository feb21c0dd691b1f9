// The explorer model against the real engine: containers created outside the extension show up quickly (through
// engine events, and through the refresh command), and the container commands act on the engine.
import * as assert from 'assert';
import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { DockerLessonsApi } from '../../src/viewmodel/explorer/api';
import { activateExtension, realEngine, removeQuietly, startTestContainer, TEST_IMAGE, uniqueName, waitFor } from './support';

export function registerExplorerSuite(): void {
  suite('explorer', () => {
    const docker = realEngine();
    const created: Docker.Container[] = [];
    let api: DockerLessonsApi;

    suiteSetup(async function () {
      try {
        await docker.getImage(TEST_IMAGE).inspect();
      } catch {
        throw new Error(`${TEST_IMAGE} is missing: the runner (npm run test:ext) builds it before starting VS Code`);
      }
      api = await activateExtension();
      // A visible view is what turns on the event stream; refresh/items work either way.
      await vscode.commands.executeCommand('dockerLessons.containers.focus');
      await waitFor(() => api.engineState() === 'connected', 10000, 'engineState "connected"');
      await api.explorer.waitForIdle();
    });

    suiteTeardown(async () => {
      for (const container of created) await removeQuietly(container);
    });

    async function create(): Promise<{ name: string; container: Docker.Container }> {
      const name = uniqueName();
      const container = await startTestContainer(docker, name, created);
      return { name, container };
    }

    test('a container started outside VS Code appears in the model within 1 s (engine events)', async () => {
      const { name } = await create();
      const t0 = Date.now();
      // Events arrive as create then start; the model must have caught up with "running" within the second.
      await waitFor(() => api.explorer.snapshot()?.containers.some((c) => c.name === name && c.state === 'running'), 1000,
        `${name} running in the snapshot`);
      const items = await api.explorer.items('containers');
      const item = items.find((i) => i.label === name);
      assert.ok(item, `${name} in the Containers items: ${items.map((i) => i.label).join(', ')}`);
      assert.match(item.description, /dl-test\/busybox/);
      assert.match(item.contextValue, /^container:running/);
      console.log(`      (listed ${Date.now() - t0} ms after docker start returned)`);
    });

    test('dockerLessons.refresh lists a new container within 1 s', async () => {
      const { name } = await create();
      const t0 = Date.now();
      await vscode.commands.executeCommand('dockerLessons.refresh');
      await api.explorer.waitForIdle();
      const items = await api.explorer.items('containers');
      const elapsed = Date.now() - t0;
      assert.ok(items.some((i) => i.label === name), `${name} listed after refresh`);
      assert.ok(elapsed < 1000, `refresh took ${elapsed} ms`);
    });

    test('dockerLessons.container.stop on the tree item stops the container', async () => {
      const { name, container } = await create();
      const info = await container.inspect();
      await waitFor(() => api.explorer.snapshot()?.containers.find((c) => c.name === name && c.state === 'running'), 2000,
        `${name} running in the snapshot`);
      // What the tree hands to a context-menu command: the ExplorerItem behind the row.
      const treeItem = {
        id: `container:${info.Id}`, label: name, description: '', tooltip: '', contextValue: 'container:running',
        icon: { id: 'vm-running' }, target: { kind: 'container', id: info.Id, name, state: 'running' },
      };
      await vscode.commands.executeCommand('dockerLessons.container.stop', treeItem);
      const after = await container.inspect();
      assert.strictEqual(after.State.Running, false, 'the engine reports the container stopped');
      await waitFor(async () => {
        const item = (await api.explorer.items('containers')).find((i) => i.label === name);
        return item && /^container:exited/.test(item.contextValue) && item;
      }, 2000, `${name} shown as exited`);
    });
  });
}
