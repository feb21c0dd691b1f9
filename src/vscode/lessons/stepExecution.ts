// How a lesson step executes in the window — the VS Code side of the runner's step session (src/runner/session.ts):
// non-interactive steps in a `docker-lesson` task whose pseudoterminal shows the command, its output and then each
// check; interactive steps (`docker run -it …`) in a real TTY (a shell task), recorded with `script` for output checks.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Lesson, Step } from '../../lessons/schema';
import {
  prepareWorkDir, readTranscript, recordedCommand,
  type ExecuteResult, type PreparedStep, type RunnerSink, type StepHooks, type StepOutcome,
} from '../../runner';
import type { LessonRunLock } from '../../viewmodel/lessons/runLock';
import { customStepTask, dockerEnvOf, shellStepTask, startStepTask, StepPseudoterminal, type StepTerminalIo } from './tasks';

const l10n = vscode.l10n;

/** The lesson host's record of one run (the lock holder). */
export interface RunEntry {
  readonly stepId: string;
  /** Stops the task (or the preparation waiting on images). */
  cancel?: () => void;
  cancelled?: boolean;
  abort: AbortController;
}

/** Work a step's pseudoterminal does once VS Code opens it: gets the terminal, returns the exit code. */
export type TerminalWork = (io: StepTerminalIo) => Promise<number>;

export function sinkOf(io: StepTerminalIo): RunnerSink {
  return {
    output: (chunk, stream) => io.output(chunk, stream),
    info: (line) => (line.startsWith('$ ') ? io.command(line) : io.info(line)),
  };
}

/** The verdict each step's terminal printed last ("lessonId/stepId" → status): a later check must not contradict it silently. */
const printedVerdicts = new Map<string, StepOutcome['status']>();
const verdictKey = (outcome: Pick<StepOutcome, 'lessonId' | 'stepId'>) => `${outcome.lessonId}/${outcome.stepId}`;

/** Each check, then the verdict, in the step's terminal; the exit code the terminal closes with. */
export function printOutcome(io: StepTerminalIo, outcome: StepOutcome): number {
  printedVerdicts.set(verdictKey(outcome), outcome.status);
  if (outcome.status === 'cancelled') {
    io.failure(l10n.t('Cancelled.'));
    return 130;
  }
  if (outcome.message) io.failure(outcome.message);
  for (const check of outcome.checks) {
    if (check.pass) io.success(`✓ ${check.title}`);
    else io.failure(`✗ ${check.title}: ${l10n.t('expected {0}, found {1}', check.expected, check.actual)}`);
  }
  if (outcome.status === 'passed') io.success(l10n.t('Step passed.'));
  else if (outcome.status === 'failed') io.failure(l10n.t('Step not passed yet.'));
  return outcome.output?.exitCode ?? (outcome.status === 'passed' ? 0 : 1);
}

/** How long a verdict's echo may keep the lesson's lock. */
const ECHO_TIMEOUT_MS = 5000;

/**
 * A check without a run (✔ Check, a saved edit step) that comes to another verdict than the step's terminal printed
 * last: the terminal must not keep saying "Step passed." above a failed check. Its pseudoterminal is closed and cannot
 * be written to, so a short task of the step prints the new checks and verdict there (the same presentation: the
 * lesson's terminal; not revealed). Its definition carries `echo`, so VS Code never mistakes it for the step's own task.
 * Awaited inside the check's lock; returns the outcome.
 */
export async function echoNewVerdict(lesson: Lesson, step: Step, check: Promise<StepOutcome>): Promise<StepOutcome> {
  const outcome = await check;
  const printed = printedVerdicts.get(verdictKey(outcome));
  const verdict = outcome.status === 'passed' || outcome.status === 'failed';
  if (!verdict || printed === undefined || printed === outcome.status) return outcome;
  const task = customStepTask(lesson, step, undefined, () => new StepPseudoterminal(async (io) => {
    io.info(l10n.t('Checked again:'));
    printOutcome(io, outcome);
    return 0;
  }));
  task.definition = { ...task.definition, echo: true };
  task.presentationOptions = { ...task.presentationOptions, reveal: vscode.TaskRevealKind.Never, focus: false };
  const isEcho = (e: vscode.TaskEndEvent) => e.execution.task.definition.echo === true && isSameStep(e.execution.task.definition, outcome);
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ended = new Promise<void>((resolve) => {
      subscription = vscode.tasks.onDidEndTask((e) => { if (isEcho(e)) resolve(); });
      timer = setTimeout(resolve, ECHO_TIMEOUT_MS);
    });
    await vscode.tasks.executeTask(task);
    await ended;
  } catch {
    // No task could run here (no folder): the page and the tree show the verdict anyway.
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
  return outcome;
}

function isSameStep(definition: vscode.TaskDefinition, outcome: Pick<StepOutcome, 'lessonId' | 'stepId'>): boolean {
  return definition.lesson === outcome.lessonId && definition.step === outcome.stepId;
}

export interface TaskTerminal {
  execute: NonNullable<StepHooks['execute']>;
  /** Show the outcome in the terminal and let it close. */
  finish(outcome: StepOutcome): void;
}

/**
 * A non-interactive step in a task terminal. VS Code may run the provider's task object instead of ours, so the
 * terminal's work is handed over through the lesson's lock (`offer` / `claim`, see runLock.ts).
 */
export function taskTerminal(lesson: Lesson, step: Step, entry: RunEntry, locks: LessonRunLock<RunEntry, TerminalWork>,
  createPty: () => StepPseudoterminal): TaskTerminal {
  const id = lesson.meta.id;
  let finishTerminal: (code: number) => void = () => undefined;
  let terminalIo: StepTerminalIo | undefined;
  return {
    execute: async (_prepared, run) => {
      let opened!: (io: StepTerminalIo | undefined) => void;
      const ioReady = new Promise<StepTerminalIo | undefined>((resolve) => { opened = resolve; });
      const work: TerminalWork = (io) => {
        opened(io);
        return new Promise<number>((resolve) => { finishTerminal = resolve; });
      };
      locks.offer(id, entry, work);
      try {
        const task = customStepTask(lesson, step, undefined, createPty);
        const started = await startStepTask(task, id, step.id, { pty: createPty });
        entry.cancel = () => started.terminate();
        if (entry.cancelled) started.terminate();
        // The task may end before its terminal ever opens (terminated, no folder): then there is nothing to run.
        terminalIo = await Promise.race([ioReady, started.ended.then(() => undefined)]);
      } finally {
        locks.withdraw(id, work);
      }
      if (!terminalIo) return { status: 'cancelled', commandOk: false, message: l10n.t('Cancelled.') };
      terminalIo.signal.addEventListener('abort', () => { entry.cancelled = true; entry.abort.abort(); }, { once: true });
      return run(sinkOf(terminalIo));
    },
    finish: (outcome) => {
      if (terminalIo) finishTerminal(printOutcome(terminalIo, outcome));
    },
  };
}

/** An interactive step: a real terminal running the prepared command, its session recorded for output checks. */
export function interactiveTerminal(lesson: Lesson, step: Step, entry: RunEntry, workRoot: string): NonNullable<StepHooks['execute']> {
  return async (prepared: PreparedStep): Promise<ExecuteResult> => {
    const id = lesson.meta.id;
    const cwd = prepareWorkDir(lesson, workRoot);
    // Recorded next to the working folder (not in it: a lesson may `docker build .` from there).
    const transcriptFile = path.join(path.dirname(cwd), `.${id}-${step.id}.transcript`);
    const recorded = recordedCommand(prepared.command, transcriptFile);
    const shell = { command: recorded.command, cwd, env: dockerEnvOf(prepared.env) };
    const run = await startStepTask(shellStepTask(lesson, step, undefined, shell), id, step.id, { shell });
    entry.cancel = () => run.terminate();
    if (entry.cancelled) run.terminate();
    const { exitCode } = await run.ended;
    if (entry.cancelled) return { status: 'cancelled', commandOk: false, message: l10n.t('Cancelled.') };
    const transcript = recorded.recorded ? readTranscript(transcriptFile) : undefined;
    return outputOfSession(exitCode, transcript);
  };
}

/**
 * What a finished terminal session gives the checks: the session's text (recorded by `script`; the terminal merges
 * stdout and stderr). An interactive step is judged by its checks, not by how the learner left the shell.
 */
export function outputOfSession(exitCode: number | undefined, transcript: string | undefined): ExecuteResult {
  const output = exitCode === undefined && transcript === undefined ? undefined : { exitCode: exitCode ?? null, stdout: transcript ?? '', stderr: '' };
  return { status: 'done', commandOk: true, output };
}
