// The "not reachable" notice against the vscode mock: one progress notification with Retry / Open Settings links that
// ends (closes) as soon as the engine answers again, by its own pings or when someone else saw it answer.
import { mock, window } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../../src/engine';
import { EngineTroubleNotice } from '../../../../src/vscode/engine/troubleNotice';

/** An engine whose ping fails until `up` is set; counts the pings. */
function fakeEngine() {
  const state = { up: false, pings: 0 };
  const engine = { ping: async () => { state.pings++; if (!state.up) throw new Error('connect ENOENT /var/run/docker.sock'); } } as unknown as DockerEngine;
  return { state, create: () => engine };
}

const until = async (probe: () => boolean, what: string) => {
  const end = Date.now() + 2000;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('engine trouble notice (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('one progress notification with the reason and links; it ends when a ping answers', async () => {
    const notice = new EngineTroubleNotice([5, 10]);
    const engine = fakeEngine();
    let answers = 0;
    notice.onDidAnswer(() => answers++);
    notice.show('Cannot connect to the Docker daemon.', engine.create);
    notice.show('Still cannot connect.', engine.create);
    assert.equal(mock.progress.length, 1, 'a second failure updates the notice, no second one');
    assert.deepEqual(mock.progress[0], { location: 15, title: 'Docker engine not reachable' });
    assert.equal(notice.isShown, true);
    await until(() => engine.state.pings >= 2, 'pings while the engine is away');
    assert.equal(notice.isShown, true);

    engine.state.up = true;
    await until(() => !notice.isShown, 'the notice to close');
    assert.equal(answers, 1);
    assert.deepEqual(mock.statusBarMessages, ['$(vm-running) The Docker engine answers again.']);
    const pings = engine.state.pings;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(engine.state.pings, pings, 'no more pings once closed');
  });

  test('the text offers Retry and Open Settings as command links', () => {
    const notice = new EngineTroubleNotice([1000]);
    const reports: unknown[] = [];
    const original = window.withProgress;
    window.withProgress = async (options, task) => {
      mock.progress.push(options);
      return task({ report: (value) => reports.push(value) }, {});
    };
    try {
      notice.show('Permission denied.', fakeEngine().create);
      assert.deepEqual(reports, [{
        message: 'Permission denied. [Retry Connection](command:dockerLessons.retryConnection) · '
          + '[Open Settings](command:workbench.action.openSettings?%5B%22dockerLessons.host%22%5D)',
      }]);
    } finally {
      window.withProgress = original;
      notice.dispose();
    }
  });

  test('someone else seeing the engine answer closes it; with nothing shown, only the event fires', () => {
    const notice = new EngineTroubleNotice([1000]);
    let answers = 0;
    notice.onDidAnswer(() => answers++);
    notice.engineAnswered();
    assert.equal(answers, 1);
    assert.deepEqual(mock.statusBarMessages, [], 'nothing to say when nothing was shown');
    notice.show('Cannot connect.', fakeEngine().create);
    notice.engineAnswered();
    assert.equal(notice.isShown, false);
    assert.equal(mock.statusBarMessages.length, 1);
    notice.dispose();
  });
});
