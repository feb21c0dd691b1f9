// The parts of a step, each on its own: prepare (variables, lesson label, environment), execute (shell, pseudo-terminal
// or file write), check the engine's state, and the lesson's images. session.ts puts them in their one order.
import type { CheckContext, CheckResult, StepOutput } from '../checks/types';
import { evaluateChecks } from '../checks';
import type { DockerEngine } from '../engine/api';
import type { Endpoint } from '../engine/types';
import { t } from '../i18n';
import { resolveStep } from '../lessons';
import type { Check, Diagnostic, Lesson, Step } from '../lessons/schema';
import { stepEnv } from './env';
import { ensureImages, type MissingImage } from './images';
import { applicableChecks } from './profile';
import { runShell } from './process';
import { addLessonLabel } from './rewrite';
import type { CreatedObjectStore, RunnerSink } from './types';
import { insideDir, prepareWorkDir, writeEditFile } from './workdir';
import * as fs from 'fs';
import * as path from 'path';

export type VarOverrides = Record<string, string>;

export interface PrepareOptions {
  /** Add `--label docker-lessons.lesson=<id>` to object-creating docker commands (default true). */
  lessonLabel?: boolean;
  /** The engine the CLI must talk to; without it the environment is only cleaned of hints. */
  endpoint?: Endpoint;
  baseEnv?: NodeJS.ProcessEnv;
}

export interface PreparedStep {
  /**
   * The shell command to run (variables substituted, lesson label added); for edit steps the file's text; for a
   * challenge its reference solution.
   */
  command: string;
  /** challenge: the setup command (variables substituted, lesson label added). */
  setup?: string;
  /** challenge: the task with the values in it (Markdown). */
  task?: string;
  /** challenge: the graded hints, in order. */
  hints?: string[];
  env: NodeJS.ProcessEnv;
  checks: Check[];
  /** edit: what a headless run writes. */
  solution?: string;
  /** interactive: lines to type. */
  input?: string[];
  hint?: string;
  values: Record<string, string>;
  diagnostics: Diagnostic[];
}

export function prepareStep(lesson: Lesson, step: Step, overrides: VarOverrides = {}, options: PrepareOptions = {}): PreparedStep {
  const resolved = resolveStep(step, lesson, overrides);
  const runsCommand = step.kind !== 'edit' && step.kind !== 'explain';
  const label = (text: string) => (runsCommand && options.lessonLabel !== false ? addLessonLabel(text, lesson.meta.id) : text);
  const command = label(resolved.command);
  const base = options.baseEnv ?? process.env;
  const env = options.endpoint ? stepEnv(options.endpoint, base) : { ...base, DOCKER_CLI_HINTS: 'false' };
  return {
    command, env, checks: resolved.checks, solution: resolved.solution, input: resolved.input, hint: resolved.hint,
    values: resolved.values, diagnostics: resolved.diagnostics,
    ...(step.kind === 'challenge'
      ? { setup: resolved.setup === undefined ? undefined : label(resolved.setup), task: resolved.task, hints: resolved.hints }
      : {}),
  };
}

export interface RunnerContext {
  engine: DockerEngine;
  /** Working folders live in `<workRoot>/<lessonId>`. */
  workRoot: string;
  sink?: RunnerSink;
  /** Where created objects are recorded for reset; without it nothing is recorded. */
  store?: CreatedObjectStore;
  /** Asked before a destructive step; without it destructive steps are not run. */
  confirm?: (question: string) => Promise<boolean>;
  signal?: AbortSignal;
  /** Overwrite an edit step's file even when the learner changed it. */
  force?: boolean;
  baseEnv?: NodeJS.ProcessEnv;
}

export interface ExecuteResult {
  status: 'done' | 'skipped' | 'cancelled' | 'error';
  output?: StepOutput;
  /** The command's exit is what the step expects (exit 0, non-zero with `fails`, or stopped by stopAfter). */
  commandOk: boolean;
  message?: string;
}

export function workDirOf(lesson: Lesson, ctx: Pick<RunnerContext, 'workRoot'>): string {
  return prepareWorkDir(lesson, ctx.workRoot);
}

/** Run one prepared step: shell command, interactive pseudo-terminal, or the edit step's file write (a destructive step
 * was confirmed by the session before). */
export async function executeStep(lesson: Lesson, step: Step, prepared: PreparedStep, ctx: RunnerContext): Promise<ExecuteResult> {
  if (step.kind === 'explain') {
    return { status: 'skipped', commandOk: true, message: explainMessage(step) };
  }
  const workDir = workDirOf(lesson, ctx);

  if (step.kind === 'edit') return writeEdit(lesson, step, prepared, workDir, ctx);

  ctx.sink?.info(`$ ${prepared.command}`);
  const result = await runShell(prepared.command, {
    cwd: workDir,
    env: prepared.env,
    timeoutMs: step.timeout * 1000,
    stopAfterMs: step.stopAfter !== undefined ? step.stopAfter * 1000 : undefined,
    signal: ctx.signal,
    input: step.kind === 'interactive' ? (prepared.input ?? []) : undefined,
    onOutput: (chunk, stream) => ctx.sink?.output(chunk, stream),
  });
  if (result.spawnError) return { status: 'error', commandOk: false, message: result.spawnError };
  // A stopped long-running command (stopAfter) counts as a success: report exit 0.
  const output: StepOutput = { exitCode: result.stopped ? 0 : result.exitCode, stdout: result.stdout, stderr: result.stderr };
  if (result.cancelled) return { status: 'cancelled', output, commandOk: false, message: t('Cancelled.') };
  if (result.timedOut && !result.stopped) {
    return { status: 'done', output, commandOk: false, message: t('The command did not finish within {0} s and was stopped. Raise the step\'s timeout or check why it hangs.', step.timeout) };
  }
  if (result.stopped) {
    ctx.sink?.info(t('Stopped after {0} s, as the step intends.', step.stopAfter ?? 0));
    return { status: 'done', output, commandOk: true };
  }
  const exit = result.exitCode;
  if (step.fails) {
    return exit !== 0
      ? { status: 'done', output, commandOk: true }
      : { status: 'done', output, commandOk: false, message: t('The command was expected to fail, but it exited with 0.') };
  }
  return exit === 0
    ? { status: 'done', output, commandOk: true }
    : { status: 'done', output, commandOk: false, message: t('The command exited with code {0}.', String(exit)) };
}

export function explainMessage(step: Step): string {
  return step.reason
    ? t('Not run here: {0}', step.reason)
    : t('Not run here: this step is explained only.');
}

function writeEdit(lesson: Lesson, step: Step, prepared: PreparedStep, workDir: string, ctx: RunnerContext): ExecuteResult {
  if (!step.file) return { status: 'error', commandOk: false, message: t('The edit step "{0}" names no file.', step.id) };
  const target = insideDir(workDir, step.file);
  if (!target) return { status: 'error', commandOk: false, message: t('The edit step "{0}" names a file outside the working folder: {1}', step.id, step.file) };
  const content = prepared.solution ?? prepared.command;
  const shipped = path.join(lesson.assetsDir, step.file);
  const known = [prepared.command, content];
  if (fs.existsSync(shipped)) known.push(fs.readFileSync(shipped, 'utf8'));
  const result = writeEditFile(target, content.endsWith('\n') ? content : content + '\n', known, ctx.force ?? false);
  if (result === 'kept-learner-file') {
    ctx.sink?.info(t('Kept your changes in {0} (not overwritten).', target));
  } else {
    ctx.sink?.info(t('Wrote {0}', target));
  }
  return { status: 'done', commandOk: true, output: { exitCode: 0, stdout: '', stderr: '' } };
}

export interface CheckStepOptions {
  prepared?: PreparedStep;
  vars?: VarOverrides;
  /** The step's own output when it ran in this process. */
  output?: StepOutput;
  /** One evaluation per check, no waits. */
  noWait?: boolean;
  /** What the step relies on, and who hears of a check that waits (see CheckContext). */
  context?: Pick<CheckContext, 'stepContainers' | 'onWait'>;
}

/** Evaluate a step's checks (variables resolved) against the engine. */
export async function checkStep(lesson: Lesson, step: Step, ctx: RunnerContext, options: CheckStepOptions = {}): Promise<CheckResult[]> {
  const prepared = options.prepared ?? prepareStep(lesson, step, options.vars ?? {}, { endpoint: ctx.engine.endpoint, baseEnv: ctx.baseEnv });
  if (prepared.checks.length === 0) return [];
  const applicable = await applicableChecks(prepared.checks, ctx.engine, prepared.env);
  const checkContext: CheckContext = {
    engine: ctx.engine,
    workDir: workDirOf(lesson, ctx),
    stepOutput: options.output,
    stepHint: prepared.hint ?? step.hint,
    signal: ctx.signal,
    noWait: options.noWait,
    ...options.context,
  };
  const results = await evaluateChecks(applicable.map((entry) => entry.check), checkContext);
  // A check that applies only on some engines says so: the learner sees which variant was checked.
  return results.map((result, index) => {
    const variant = applicable[index].variant;
    const titled = variant ? { ...result, title: `${result.title} [${variant}]` } : result;
    // A challenge has no command to "run first": what is missing is the learner's to make (its own hint, if it has one).
    if (step.kind !== 'challenge' || titled.pass || !titled.missing) return titled;
    return { ...titled, hint: applicable[index].check.hint ?? t('It does not exist yet: making it is part of the challenge.') };
  });
}

export async function ensureLessonImages(lesson: Lesson, ctx: RunnerContext, env?: NodeJS.ProcessEnv): Promise<MissingImage[]> {
  if (lesson.meta.images.length === 0) return [];
  const workDir = workDirOf(lesson, ctx);
  return ensureImages(ctx.engine, lesson.meta.images, env ?? stepEnv(ctx.engine.endpoint, ctx.baseEnv ?? process.env),
    workDir, (line) => ctx.sink?.info(line), ctx.signal);
}

/** Which steps a run takes: from one on, only one, or all but some. */
export interface StepSelection {
  /** Start at this step (earlier steps are not run). */
  fromStep?: string;
  /** Run only this step. */
  onlyStep?: string;
  /** Step ids not to run. */
  skip?: string[];
}

/** Step ids named in the options that the lesson does not have. */
export function unknownStepIds(lesson: Lesson, options: StepSelection): string[] {
  const ids = new Set(lesson.steps.map((step) => step.id));
  return [options.fromStep, options.onlyStep, ...(options.skip ?? [])].filter((id): id is string => id !== undefined && !ids.has(id));
}

/** The steps a run selects, in order, with why each other one is left out. */
export function selectSteps(lesson: Lesson, options: StepSelection): { step: Step; skipReason?: string }[] {
  const fromIndex = options.fromStep ? lesson.steps.findIndex((step) => step.id === options.fromStep) : 0;
  const skip = new Set(options.skip ?? []);
  return lesson.steps.map((step, index) => {
    if (options.onlyStep !== undefined) return { step, skipReason: step.id === options.onlyStep ? undefined : '' };
    if (index < fromIndex) return { step, skipReason: '' };
    if (skip.has(step.id)) return { step, skipReason: t('Skipped (--skip).') };
    return { step };
  });
}

