// The engine status bar item against the vscode mock: it only mirrors the explorer's engine state.
import { mock, EventEmitter, ThemeColor } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../../../src/engine/errors';
import type { EngineState } from '../../../../src/viewmodel/explorer/controller';
import { EngineStatusBar, type EngineStateSource } from '../../../../src/vscode/engine/statusBar';
import { EXPLORER_COMMANDS, STATUS_BAR_ITEMS } from '../../../../src/vscode/ids';

function fakeController() {
  const changed = new EventEmitter<EngineState>();
  const source = {
    state: 'unknown' as EngineState,
    error: undefined as EngineError | undefined,
    serverVersion: undefined as string | undefined,
    onDidChangeState: (listener: (state: EngineState) => void) => changed.event(listener),
  };
  const set = (state: EngineState, extra: { error?: EngineError; serverVersion?: string } = {}) => {
    Object.assign(source, { state, error: extra.error, serverVersion: extra.serverVersion });
    changed.fire(state);
  };
  return { source: source as EngineStateSource, set, changed };
}

describe('engine status bar (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('hidden until the state is known, then connected with the version and refresh', () => {
    const controller = fakeController();
    const bar = new EngineStatusBar(controller.source);
    const [item] = mock.statusBarItems;
    assert.equal(item?.id, STATUS_BAR_ITEMS.engine);
    assert.equal(item?.name, 'Docker engine');
    assert.equal(item?.visible, false);

    controller.set('connected', { serverVersion: '28.1.1' });
    assert.equal(item?.visible, true);
    assert.equal(item?.text, '$(vm-running) Docker 28.1.1');
    assert.equal(item?.command, EXPLORER_COMMANDS.refresh);
    assert.equal(item?.backgroundColor, undefined);
    bar.dispose();
    assert.equal(item?.disposed, true);
    assert.equal(controller.changed.listenerCount, 0, 'unsubscribed');
  });

  test('a lost engine shows why, in warning colours, and retries on click', () => {
    const controller = fakeController();
    const bar = new EngineStatusBar(controller.source);
    const [item] = mock.statusBarItems;
    const error = new EngineError('permission-denied', 'Permission denied on /var/run/docker.sock.', 'unix:///var/run/docker.sock');
    controller.set('permission-denied', { error });
    assert.equal(item?.text, '$(vm-outline) Docker: permission denied');
    assert.equal(item?.tooltip, 'Permission denied on /var/run/docker.sock.');
    assert.equal(item?.command, EXPLORER_COMMANDS.retryConnection);
    assert.deepEqual(item?.backgroundColor, new ThemeColor('statusBarItem.warningBackground'));
    controller.set('bad-host');
    assert.equal(item?.text, '$(vm-outline) Docker: bad host address');
    controller.set('unreachable');
    assert.equal(item?.text, '$(vm-outline) Docker: not reachable');
    controller.set('unknown');
    assert.equal(item?.visible, false);
    bar.dispose();
  });
});
