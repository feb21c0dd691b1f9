// The explorer's command table against the vscode mock and a recording engine: every explorer command of package.json
// is registered once; a removal asks first and calls the engine only when confirmed; terminals talk to the engine.
import { mock } from '../../../support/vscodeMock';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../../src/engine';
import type { Endpoint } from '../../../../src/engine/types';
import { humanSize, type ExplorerItem, type ExplorerTarget } from '../../../../src/viewmodel/explorer/model';
import { EXPLORER_COMMAND_TABLE, registerExplorerCommands, type ExplorerCommandContext } from '../../../../src/vscode/explorer/commands';
import { EXPLORER_COMMANDS } from '../../../../src/vscode/ids';

const ENDPOINT: Endpoint = { kind: 'tcp', host: 'h', port: 2376, url: 'tcp://h:2376', source: 'setting',
  tls: { caPath: '/certs/ca.pem', verify: true } };

/** An engine that records the calls the commands make. */
function recordingEngine() {
  const calls: string[] = [];
  const record = (name: string) => async (...args: unknown[]) => { calls.push(`${name} ${JSON.stringify(args)}`); };
  const engine = {
    endpoint: ENDPOINT,
    startContainer: record('startContainer'),
    stopContainer: record('stopContainer'),
    removeContainer: record('removeContainer'),
    removeImage: record('removeImage'),
    removeVolume: record('removeVolume'),
    removeNetwork: record('removeNetwork'),
    previewPrune: async (kind: string) => { calls.push(`previewPrune ${kind}`); return [{ id: 'a', label: 'old-1' }, { id: 'b', label: 'old-2' }]; },
    prune: async (kind: string) => { calls.push(`prune ${kind}`); return { removed: ['a', 'b'], spaceReclaimed: 2048 }; },
  };
  return { calls, engine: engine as unknown as DockerEngine };
}

function item(target: ExplorerTarget): ExplorerItem {
  return { id: target.id, label: target.name, description: '', tooltip: '', contextValue: target.kind, icon: { id: 'x' }, target };
}

describe('explorer commands (vscode mock)', () => {
  let calls: string[];
  let refreshed: unknown[];
  let registration: { dispose(): void };

  beforeEach(() => {
    mock.reset();
    const recording = recordingEngine();
    calls = recording.calls;
    refreshed = [];
    const ctx: ExplorerCommandContext = {
      controller: { refresh: async (kinds?: unknown) => { refreshed.push(kinds); }, retry: async () => undefined, snapshot: undefined },
      connection: { get: () => recording.engine, current: recording.engine },
    };
    registration = registerExplorerCommands(ctx.controller, ctx.connection);
  });
  afterEach(() => registration.dispose());

  test('the table has every explorer command id, each registered once', () => {
    assert.deepEqual(Object.keys(EXPLORER_COMMAND_TABLE).sort(), Object.values(EXPLORER_COMMANDS).sort());
    assert.deepEqual([...mock.commands.keys()].sort(), Object.values(EXPLORER_COMMANDS).sort());
    registration.dispose();
    assert.equal(mock.commands.size, 0, 'disposing unregisters them');
  });

  test('removing a stopped container asks first and does nothing when the learner declines', async () => {
    const web = item({ kind: 'container', id: 'c1', name: 'web', state: 'exited' });
    await mock.commands.get(EXPLORER_COMMANDS.containerRemove)!(web);
    assert.equal(mock.messages.length, 1);
    assert.deepEqual(mock.messages[0], { level: 'warning', message: 'Remove container "web"?',
      options: { modal: true, detail: 'Its filesystem changes are lost; named volumes stay.' }, items: ['Remove'] });
    assert.deepEqual(calls, [], 'no engine call without a yes');
    assert.deepEqual(refreshed, []);

    mock.answer.warning = mock.press('Remove');
    await mock.commands.get(EXPLORER_COMMANDS.containerRemove)!(web);
    assert.deepEqual(calls, ['removeContainer ["c1",{"force":false}]']);
    assert.deepEqual(refreshed, [['container']], 'the containers view refreshes right away');
    assert.deepEqual(mock.progress.at(-1), { location: { viewId: 'dockerLessons.containers' } });
  });

  test('a running container is removed by force, after its own question', async () => {
    mock.answer.warning = mock.press('Stop and Remove');
    await mock.commands.get(EXPLORER_COMMANDS.containerRemove)!(item({ kind: 'container', id: 'c2', name: 'db', state: 'running' }));
    assert.equal(mock.messages[0]?.message, 'Container "db" is running. Remove it anyway?');
    assert.deepEqual(calls, ['removeContainer ["c2",{"force":true}]']);
  });

  test('images, volumes and networks are removed only when confirmed', async () => {
    const cases = [
      { id: EXPLORER_COMMANDS.imageRemove, target: { kind: 'image', id: 'sha256:1', name: 'app:1' }, call: 'removeImage ["app:1"]' },
      { id: EXPLORER_COMMANDS.volumeRemove, target: { kind: 'volume', id: 'data', name: 'data' }, call: 'removeVolume ["data"]' },
      { id: EXPLORER_COMMANDS.networkRemove, target: { kind: 'network', id: 'n1', name: 'backend' }, call: 'removeNetwork ["n1"]' },
    ] as const;
    for (const { id, target, call } of cases) {
      calls.length = 0;
      mock.answer.warning = () => undefined;
      await mock.commands.get(id)!(item(target));
      assert.deepEqual(calls, [], `${id}: declined`);
      mock.answer.warning = mock.press('Remove');
      await mock.commands.get(id)!(item(target));
      assert.deepEqual(calls, [call], `${id}: confirmed`);
    }
    assert.equal(mock.messages.filter((m) => m.options?.modal).length, 6, 'every removal asked, modally');
  });

  test('a failed removal says what failed; a stray call without an item does nothing', async () => {
    const failing = { endpoint: ENDPOINT, removeVolume: async () => { throw new Error('volume is in use'); } } as unknown as DockerEngine;
    registration.dispose();
    registration = registerExplorerCommands({ refresh: async () => undefined, retry: async () => undefined, snapshot: undefined },
      { get: () => failing, current: undefined });
    mock.answer.warning = mock.press('Remove');
    await mock.commands.get(EXPLORER_COMMANDS.volumeRemove)!(item({ kind: 'volume', id: 'data', name: 'data' }));
    assert.deepEqual(mock.messages.at(-1), { level: 'error', message: 'Could not remove volume "data". volume is in use', options: undefined, items: [] });

    mock.messages.length = 0;
    await mock.commands.get(EXPLORER_COMMANDS.volumeRemove)!();
    await mock.commands.get(EXPLORER_COMMANDS.containerStop)!(item({ kind: 'image', id: 'i', name: 'i' }));
    assert.deepEqual(mock.messages, []);
  });

  test('prune lists what goes, asks, prunes and reports what was reclaimed', async () => {
    await mock.commands.get(EXPLORER_COMMANDS.pruneVolumes)!();
    assert.deepEqual(calls, ['previewPrune volumes'], 'declined: only the preview');
    assert.equal(mock.messages[0]?.options?.detail, '• old-1\n• old-2');

    mock.answer.warning = mock.press('Remove');
    await mock.commands.get(EXPLORER_COMMANDS.pruneVolumes)!();
    assert.deepEqual(calls.slice(1), ['previewPrune volumes', 'prune volumes']);
    assert.equal(mock.messages.at(-1)?.message, `Removed 2 objects, reclaimed ${humanSize(2048)}.`);
  });

  test('logs open a terminal whose docker CLI talks to the engine', async () => {
    await mock.commands.get(EXPLORER_COMMANDS.containerLogs)!(item({ kind: 'container', id: 'c1', name: 'web', state: 'running' }));
    const [terminal] = mock.terminals;
    assert.equal(terminal?.name, 'logs: web');
    assert.deepEqual(terminal?.sent, [{ text: 'docker logs -f --tail 200 web', addNewLine: undefined }]);
    assert.deepEqual(terminal?.creationOptions.env, {
      DOCKER_HOST: 'tcp://h:2376', DOCKER_CLI_HINTS: 'false', DOCKER_CONTEXT: null, DOCKER_TLS: null,
      DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs',
    });
  });

  test('lifecycle commands call the engine and refresh; settings open the host setting', async () => {
    await mock.commands.get(EXPLORER_COMMANDS.containerStart)!(item({ kind: 'container', id: 'c1', name: 'web', state: 'exited' }));
    assert.deepEqual(calls, ['startContainer ["c1"]']);
    assert.deepEqual(refreshed, [['container']]);
    await mock.commands.get(EXPLORER_COMMANDS.openSettings)!();
    assert.deepEqual(mock.executed, [{ command: 'workbench.action.openSettings', args: ['dockerLessons.host'] }]);
  });
});
