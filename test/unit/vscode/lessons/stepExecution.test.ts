// A step's terminal never contradicts a later check silently: when ✔ Check comes to another verdict than the terminal
// printed, a short echo task prints the new one there (vscode mock: CustomExecution tasks run at once).
import { mock, tasks, TaskRevealKind } from '../../../support/vscodeMock';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lesson, Step } from '../../../../src/lessons/schema';
import type { StepOutcome } from '../../../../src/runner';
import { echoNewVerdict, printOutcome } from '../../../../src/vscode/lessons/stepExecution';
import type { StepTerminalIo } from '../../../../src/vscode/lessons/tasks';

const lesson = { meta: { id: 'first-container', order: 3, title: '第一个容器' }, steps: [] } as unknown as Lesson;
const step = { id: 'run-web', title: '运行 web', kind: 'run', body: 'docker run -d --name web nginx' } as unknown as Step;
const check = { kind: 'container' as const, pass: true, title: 'container web is running', expected: 'running', actual: 'running', durationMs: 1 };
const outcome = (status: StepOutcome['status']): StepOutcome => ({
  lessonId: lesson.meta.id, stepId: step.id, status, durationMs: 5,
  checks: [{ ...check, pass: status === 'passed', actual: status === 'passed' ? 'running' : 'missing' }],
});

function silentIo(): StepTerminalIo {
  const ignore = () => undefined;
  return { command: ignore, info: ignore, output: ignore, success: ignore, failure: ignore, signal: new AbortController().signal };
}

/** The echo tasks started while `fn` runs, with what their terminals printed. */
async function echoes(fn: () => Promise<unknown>): Promise<{ definition: Record<string, unknown>; reveal: unknown; text: string }[]> {
  const started: { definition: Record<string, unknown>; reveal: unknown; output: string[] }[] = [];
  const subscription = tasks.onDidStartTask((e: { execution: { task: { definition: Record<string, unknown>; presentationOptions: unknown }; output: string[] } }) => {
    started.push({ definition: e.execution.task.definition, reveal: (e.execution.task.presentationOptions as { reveal?: unknown }).reveal, output: e.execution.output });
  });
  try {
    await fn();
  } finally {
    subscription.dispose();
  }
  return started.map((s) => ({ definition: s.definition, reveal: s.reveal, text: s.output.join('') }));
}

describe('a later check and the step terminal (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('another verdict than the terminal printed: the new checks and verdict are printed there, unrevealed', async () => {
    printOutcome(silentIo(), outcome('passed'));
    const started = await echoes(() => echoNewVerdict(lesson, step, Promise.resolve(outcome('failed'))));
    assert.equal(started.length, 1);
    assert.deepEqual(started[0].definition, { type: 'docker-lesson', lesson: 'first-container', step: 'run-web', echo: true });
    assert.equal(started[0].reveal, TaskRevealKind.Never, 'a check from the page does not pop the terminal up');
    assert.match(started[0].text, /Checked again:/);
    assert.match(started[0].text, /✗ container web is running: expected running, found missing/);
    assert.match(started[0].text, /Step not passed yet\./);
  });

  test('the same verdict, no verdict (an error) or a step whose terminal printed nothing: nothing is echoed', async () => {
    printOutcome(silentIo(), outcome('failed'));
    assert.deepEqual(await echoes(() => echoNewVerdict(lesson, step, Promise.resolve(outcome('failed')))), []);
    assert.deepEqual(await echoes(() => echoNewVerdict(lesson, step, Promise.resolve(outcome('error')))), []);
    const other = { ...outcome('passed'), stepId: 'never-run' };
    assert.deepEqual(await echoes(() => echoNewVerdict(lesson, { ...step, id: 'never-run' }, Promise.resolve(other))), []);
  });

  test('the echo is what the terminal says now: checking back to the first verdict echoes again', async () => {
    printOutcome(silentIo(), outcome('passed'));
    await echoNewVerdict(lesson, step, Promise.resolve(outcome('failed')));
    const started = await echoes(() => echoNewVerdict(lesson, step, Promise.resolve(outcome('passed'))));
    assert.equal(started.length, 1);
    assert.match(started[0].text, /Step passed\./);
  });
});
