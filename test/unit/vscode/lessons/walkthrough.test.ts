// The walkthrough's context keys against the vscode mock: each becomes true when its step happens, whichever way the
// learner got there (the engine answered anywhere, a lesson was shown, a step passed).
import { mock, EventEmitter } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../../src/engine';
import { engineTrouble } from '../../../../src/vscode/engine/troubleNotice';
import { CONTEXT_KEYS } from '../../../../src/vscode/ids';
import { WalkthroughContext, type EngineStateSource, type PassedStepSource } from '../../../../src/vscode/lessons/walkthrough';

function fakeLessons(options: { passed?: boolean; opened?: boolean } = {}) {
  const progress = new EventEmitter<void>();
  const opened = new EventEmitter<void>();
  const state = { passed: options.passed ?? false };
  const source: PassedStepSource = {
    anyPassed: () => state.passed,
    onDidChangeProgress: (listener) => progress.event(listener),
    hasStoredPosition: () => options.opened ?? false,
    onDidNoteOpened: (listener) => opened.event(listener),
  };
  return { source, state, progress, opened };
}

function fakeEngineState() {
  const changed = new EventEmitter<string>();
  const source = { state: 'unknown', onDidChangeState: (listener: (s: string) => void) => changed.event(listener), retry: async () => undefined };
  return { source: source as EngineStateSource, set: (state: string) => { source.state = state; changed.fire(state); } };
}

/** The last value each context key was set to. */
function contextKeys(): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const call of mock.executed) if (call.command === 'setContext') keys[call.args[0] as string] = call.args[1];
  return keys;
}

const noEngine = () => { throw new Error('not used'); };

describe('walkthrough context keys (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('"open a lesson" ticks when a lesson is shown, however it was opened, and at once when one was opened before', () => {
    const lessons = fakeLessons();
    const walkthrough = new WalkthroughContext(lessons.source, noEngine);
    assert.equal(contextKeys()[CONTEXT_KEYS.lessonOpened], undefined);
    lessons.opened.fire();
    assert.equal(contextKeys()[CONTEXT_KEYS.lessonOpened], true);
    walkthrough.dispose();

    mock.reset();
    new WalkthroughContext(fakeLessons({ opened: true }).source, noEngine).dispose();
    assert.equal(contextKeys()[CONTEXT_KEYS.lessonOpened], true);
  });

  test('"run your first step" ticks when a verdict is "passed"', () => {
    const lessons = fakeLessons();
    const walkthrough = new WalkthroughContext(lessons.source, noEngine);
    assert.equal(contextKeys()[CONTEXT_KEYS.firstStepPassed], undefined);
    lessons.state.passed = true;
    lessons.progress.fire();
    assert.equal(contextKeys()[CONTEXT_KEYS.firstStepPassed], true);
    walkthrough.dispose();
  });

  test('"check the engine" ticks when the engine answers anyone: the explorer, the engine check, a lesson action', async () => {
    const lessons = fakeLessons();
    const engineState = fakeEngineState();
    const walkthrough = new WalkthroughContext(lessons.source,
      () => ({ version: async () => ({ version: '26.1.5' }), endpoint: { url: 'unix:///var/run/docker.sock' } }) as unknown as DockerEngine,
      engineState.source);
    assert.equal(contextKeys()[CONTEXT_KEYS.engineConnected], false);
    engineState.set('connected');
    assert.equal(contextKeys()[CONTEXT_KEYS.engineConnected], true);
    engineState.set('unreachable');
    assert.equal(contextKeys()[CONTEXT_KEYS.engineConnected], false);
    engineTrouble.engineAnswered(); // e.g. a step's ping
    assert.equal(contextKeys()[CONTEXT_KEYS.engineConnected], true);
    engineState.set('unreachable');
    assert.equal(await walkthrough.checkEngine(), true);
    assert.equal(contextKeys()[CONTEXT_KEYS.engineConnected], true);
    assert.match(mock.messages.at(-1)?.message ?? '', /Docker engine 26\.1\.5 answered/);
    walkthrough.dispose();
  });

  test('a failed engine check shows the notice that closes by itself, not a sticky error', async () => {
    const walkthrough = new WalkthroughContext(fakeLessons().source,
      () => ({ version: async () => { throw new Error('boom'); }, ping: async () => { throw new Error('boom'); }, endpoint: { url: 'unix:///x.sock' } }) as unknown as DockerEngine);
    assert.equal(await walkthrough.checkEngine(), false);
    assert.equal(engineTrouble.isShown, true);
    assert.deepEqual(mock.messages.filter((m) => m.level === 'error'), []);
    engineTrouble.dispose();
    walkthrough.dispose();
  });
});
