// The explorer's views against the vscode mock: counts beside the titles, and one filter over the four views.
import { mock } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary, EngineSnapshot, ResourceKind } from '../../../../src/engine/types';
import type { ExplorerModelController } from '../../../../src/viewmodel/explorer/controller';
import { registerExplorerViews } from '../../../../src/vscode/explorer/providers';
import { CONTEXT_KEYS, EXPLORER_VIEW_COMMANDS } from '../../../../src/vscode/ids';

function container(name: string, state: ContainerSummary['state'] = 'running'): ContainerSummary {
  return {
    id: `${name}-id`, name, image: 'nginx', imageId: 'sha256:n', command: 'nginx', state, status: '', created: 0,
    ports: [], labels: {}, networks: [], mounts: [],
  };
}

/** A controller that holds a snapshot and announces changes when told. */
function fakeController(snapshot: EngineSnapshot) {
  const listeners = new Set<(kinds: Set<ResourceKind>) => void>();
  const controller = {
    snapshot, state: 'connected',
    setVisible: () => undefined,
    waitForIdle: async () => undefined,
    onDidChange: (listener: (kinds: Set<ResourceKind>) => void) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: (kinds: ResourceKind[]) => { for (const l of listeners) l(new Set(kinds)); },
  };
  return controller;
}

describe('explorer views (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('each view shows its counts; the filter narrows every view and says so; clearing brings all back', async () => {
    const controller = fakeController({
      containers: [container('web-1'), container('web-2', 'exited'), container('db')], images: [], volumes: [], networks: [], takenAt: 0,
    });
    const views = registerExplorerViews(controller as unknown as ExplorerModelController);
    try {
      const treeView = views.treeViews.get('containers') as unknown as { description?: string };
      controller.fire(['container']);
      assert.equal(treeView.description, '2 running, 3 in all');

      mock.answer.input = () => 'web';
      await mock.commands.get(EXPLORER_VIEW_COMMANDS.filter)!();
      assert.equal(treeView.description, 'filter "web": 2 of 3');
      const rows = await views.providers.get('containers')!.getChildren();
      assert.deepEqual(rows.map((r) => r.label), ['web-1', 'web-2']);
      assert.deepEqual(mock.executed.at(-1), { command: 'setContext', args: [CONTEXT_KEYS.explorerFiltered, true] });

      await mock.commands.get(EXPLORER_VIEW_COMMANDS.clearFilter)!();
      assert.equal(treeView.description, '2 running, 3 in all');
      assert.equal((await views.providers.get('containers')!.getChildren()).length, 3);
      assert.deepEqual(mock.executed.at(-1), { command: 'setContext', args: [CONTEXT_KEYS.explorerFiltered, false] });

      mock.answer.input = () => undefined; // Escape keeps the filter as it was
      await mock.commands.get(EXPLORER_VIEW_COMMANDS.filter)!();
      assert.equal(views.filter.text, '');
    } finally {
      views.dispose();
    }
  });
});
