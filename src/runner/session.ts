// The one step sequence every front end goes through — the CLI, the lesson suite and the VS Code lesson host:
// prepare (variables, label, environment) → confirm a destructive step → make sure the lesson's images exist → record
// what the step creates while it executes → check the engine's state → a StepOutcome. Front ends differ only in their
// hooks: how to ask, where output goes, how the command is executed (a pipe, a task terminal, a real TTY).
import type { CheckResult, CheckWait, StepOutput } from '../checks/types';
import { t } from '../i18n';
import { applyVars, defaultVars } from '../lessons';
import type { Lesson, Step } from '../lessons/schema';
import type { MissingImage } from './images';
import { StepRecorder, declaredNames, mergeRecords, takeSnapshot, type EngineState } from './record';
import {
  adoptChallengeObjects, changedFiles, missingPrerequisites, prerequisitesMessage, shippedState, stepContainers, undoSteps, withMakers, withoutRemoved,
} from './rerun';
import {
  checkStep, ensureLessonImages, executeStep, explainMessage, prepareStep, selectSteps, unknownStepIds, workDirOf,
  type ExecuteResult, type PreparedStep, type RunnerContext, type StepSelection, type VarOverrides,
} from './runner';
import type { CreatedObject, RunnerSink, StepOutcome } from './types';

/** Where a step is in its sequence (the UI shows running / checking). */
export type StepPhase = 'running' | 'checking';

export interface StepHooks {
  /** Asked before a destructive step (the command is shown); without it the context's `confirm` decides. */
  confirm?(step: Step, prepared: PreparedStep): Promise<boolean>;
  /**
   * Images the lesson needs are missing and could not be pulled. `prepared`: they were made meanwhile, look again;
   * `message`: what the step's verdict says instead of the runner's own text (the extension's offer to prepare them).
   */
  /** `notified`: the hook has shown `message` to the user itself. */
  missingImages?(missing: MissingImage[]): Promise<{ prepared: boolean; message?: string; notified?: boolean }>;
  /**
   * Execute the prepared step. `run` is the runner's own execution (a pipe; interactive steps typed from the lesson's
   * input); a front end may call it with its own sink (a task terminal) or execute otherwise (a real TTY).
   */
  execute?(prepared: PreparedStep, run: (sink?: RunnerSink) => Promise<ExecuteResult>): Promise<ExecuteResult>;
  phase?(phase: StepPhase): void;
  /** A check waits for the engine (what for, how long at most); undefined when the wait is over. */
  waiting?(wait: CheckWait | undefined): void;
  /** The step's output, once known (kept so later checks of output can still be made). */
  output?(output: StepOutput): void;
}

/**
 * What running a challenge does. `start` (the default: the learner's Start button, `run` without --solutions): take
 * back what it made before and run its setup, then wait for the learner (status `started`, no checks). `solve`
 * (`run --solutions`, the lesson suite's re-runs): the setup, then the reference solution, then the checks. `solution`:
 * only the reference solution and the checks, on the state a `start` left (the suite proves the checks fail between).
 */
export type ChallengeMode = 'start' | 'solve' | 'solution';

export interface StepSessionOptions {
  vars?: VarOverrides;
  /** A challenge step: what to run (default `start`); other kinds ignore it. */
  challenge?: ChallengeMode;
  /** Check the lesson's `images` first (a whole-lesson run does it once). Default true. */
  checkImages?: boolean;
  /**
   * Steps (ids) whose objects and changed files to take back before this one runs. Default: this step's own, so a step
   * can run again; a redo passes the whole chain to its first step; a whole-lesson run, which did it once, none.
   */
  undo?: readonly string[];
  hooks?: StepHooks;
}

type OutcomeOf = (partial: Omit<StepOutcome, 'lessonId' | 'stepId' | 'durationMs' | 'checks'> & Partial<Pick<StepOutcome, 'checks'>>) => StepOutcome;

/**
 * What running and checking a step both start with: the outcome builder (timed from now), then the explain step's
 * skip or the variables' errors as the whole outcome, else the prepared step.
 */
function beginStep(lesson: Lesson, step: Step, ctx: RunnerContext, vars: VarOverrides | undefined):
  { done: StepOutcome } | { prepared: PreparedStep; outcome: OutcomeOf } {
  const started = Date.now();
  const outcome: OutcomeOf = (partial) =>
    ({ lessonId: lesson.meta.id, stepId: step.id, checks: [], durationMs: Date.now() - started, ...partial });
  if (step.kind === 'explain') return { done: outcome({ status: 'skipped', message: explainMessage(step) }) };
  const prepared = prepareStep(lesson, step, vars ?? {}, { endpoint: ctx.engine.endpoint, baseEnv: ctx.baseEnv });
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { done: outcome({ status: 'error', message: errors.map((d) => d.message).join('\n') }) };
  return { prepared, outcome };
}

/** Run one step through the whole sequence. Never throws for an engine or command problem: it becomes the outcome. */
export async function runStepSession(lesson: Lesson, step: Step, ctx: RunnerContext, options: StepSessionOptions = {}): Promise<StepOutcome> {
  const hooks = options.hooks ?? {};
  const begun = beginStep(lesson, step, ctx, options.vars);
  if ('done' in begun) return begun.done;
  const { prepared, outcome } = begun;

  if (step.kind === 'destructive') {
    const accepted = hooks.confirm
      ? await hooks.confirm(step, prepared)
      : await (ctx.confirm?.(t('Step "{0}" removes things from Docker:\n  {1}\nRun it?', step.title, prepared.command)) ?? false);
    if (!accepted) return outcome({ status: 'skipped', message: t('Not run: the destructive step was not confirmed.') });
  }

  if (options.checkImages !== false) {
    let missing = await ensureLessonImages(lesson, ctx, prepared.env);
    let message: string | undefined;
    let notified = false;
    if (missing.length > 0 && hooks.missingImages) {
      const answer = await hooks.missingImages(missing);
      message = answer.message;
      notified = answer.notified === true;
      if (answer.prepared) missing = await ensureLessonImages(lesson, ctx, prepared.env);
    }
    if (missing.length > 0) {
      return outcome({ status: 'error', message: message ?? missing.map((m) => m.message).join('\n'), ...(notified ? { notified } : {}) });
    }
  }
  if (ctx.signal?.aborted) return outcome({ status: 'cancelled', message: t('Cancelled.') });

  hooks.phase?.('running');
  const mode = step.kind === 'challenge' ? (options.challenge ?? 'start') : undefined;
  const before = await takeBack(lesson, step, prepared, ctx, options.undo ?? (mode === 'solution' ? [] : [step.id]));
  const executed = await recordWhile(lesson, step, prepared, ctx, before, async () => {
    if (mode !== undefined && mode !== 'solution' && prepared.setup !== undefined) {
      const setup = await runSetup(lesson, step, prepared, ctx);
      if (setup.status !== 'done' || mode === 'start') return setup;
    }
    if (mode === 'start') return { status: 'done', commandOk: true };
    // Confirmed above: the runner's own execution must not ask again.
    const run = (sink?: RunnerSink) => executeStep(lesson, step, prepared, { ...ctx, sink: sink ?? ctx.sink, confirm: async () => true });
    return hooks.execute ? hooks.execute(prepared, run) : run();
  });
  if (executed.output && mode !== 'start') hooks.output?.(executed.output);
  if (executed.status !== 'done') {
    return outcome({ status: executed.status === 'cancelled' || ctx.signal?.aborted ? 'cancelled' : executed.status, output: executed.output, message: executed.message });
  }
  if (mode === 'start') {
    return outcome({ status: 'started', message: prepared.setup !== undefined
      ? t('The challenge is set up. Do the task in a terminal, then check it.')
      : t('Do the task in a terminal, then check it.') });
  }

  hooks.phase?.('checking');
  const checks = await checkWithMakers(lesson, step, ctx, prepared, executed.output, hooks.waiting);
  const passed = executed.commandOk && checks.every((check) => check.pass);
  if (passed) return outcome({ status: 'passed', output: executed.output, checks, message: executed.message });
  const gone = await whyEngineUnavailable(ctx);
  if (gone) return outcome({ status: 'error', output: executed.output, checks, message: gone });
  return outcome({ status: 'failed', output: executed.output, checks, ...await whyFailed(lesson, step, ctx, prepared, checks, executed.message) });
}

/**
 * A challenge's setup, hidden: a break-fix lab's setup would give its cause away, so neither the command nor its output
 * is shown (the outcome keeps the output when it fails). Its exit must be 0.
 */
async function runSetup(lesson: Lesson, step: Step, prepared: PreparedStep, ctx: RunnerContext): Promise<ExecuteResult> {
  ctx.sink?.info(t('Setting up the challenge…'));
  const quiet: RunnerSink = { output: () => undefined, info: () => undefined };
  const result = await executeStep(lesson, { ...step, fails: undefined, stopAfter: undefined }, { ...prepared, command: prepared.setup ?? '' },
    { ...ctx, sink: quiet, confirm: async () => true });
  if (result.status !== 'done') return result;
  if (!result.commandOk) {
    const detail = [result.output?.stderr.trim(), result.output?.stdout.trim()].filter(Boolean).join('\n').slice(-2000);
    return { status: 'error', commandOk: false, output: result.output,
      message: [t('The challenge\'s setup failed (exit code {0}).', String(result.output?.exitCode ?? '?')), detail].filter(Boolean).join('\n') };
  }
  return result;
}

/**
 * Why the engine cannot be asked now (killed, restarted or stuck while the step ran), or undefined when it answers: then
 * the step is in error with the engine's own message, not failed on checks the learner could do nothing about.
 */
async function whyEngineUnavailable(ctx: RunnerContext): Promise<string | undefined> {
  try {
    await ctx.engine.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Take back what the `undo` steps made before (objects, changed files). One look at the engine serves twice: to plan
 * that, and as the recorder's "before" (without what was just removed). Undefined when the engine could not be read.
 */
async function takeBack(lesson: Lesson, step: Step, prepared: PreparedStep, ctx: RunnerContext, undo: readonly string[]): Promise<EngineState | undefined> {
  if (!ctx.store && undo.length === 0) return undefined;
  try {
    const state = await takeSnapshot(ctx.engine);
    const { removed, restored } = await undoSteps(lesson, lesson.steps.filter((s) => undo.includes(s.id)), ctx, prepared.values, { state });
    // A definition put back is a change too: what the step changes next is measured from it.
    return restored.length > 0 ? await takeSnapshot(ctx.engine) : withoutRemoved(state, removed);
  } catch (error) {
    ctx.sink?.info(t('Could not take back what the step made before ({0}).', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/** The step's checks; a missing object's hint names the step that makes it. */
async function checkWithMakers(lesson: Lesson, step: Step, ctx: RunnerContext, prepared: PreparedStep, output: StepOutput | undefined,
  onWait?: (wait: CheckWait | undefined) => void, noWait?: boolean): Promise<CheckResult[]> {
  const context = { stepContainers: stepContainers(lesson, step, prepared.values), onWait };
  return withMakers(lesson, step, await checkStep(lesson, step, ctx, { prepared, output, context, noWait }), prepared.values);
}

/** A failed step's message and redo: what it needs and is gone, and the steps to run again first. */
async function whyFailed(lesson: Lesson, step: Step, ctx: RunnerContext, prepared: PreparedStep, checks: readonly CheckResult[],
  message: string | undefined): Promise<Pick<StepOutcome, 'message' | 'redo'>> {
  if (ctx.signal?.aborted) return { message };
  try {
    const prerequisites = await missingPrerequisites(lesson, step, ctx, prepared.values, checks);
    const gone = prerequisitesMessage(lesson, prerequisites);
    return {
      ...(gone || message ? { message: [gone, message].filter(Boolean).join('\n') } : {}),
      ...(prerequisites.redo.length > 0 ? { redo: prerequisites.redo } : {}),
    };
  } catch {
    return { message }; // the engine could not say: the checks' own results stand
  }
}

export interface CheckSessionOptions {
  vars?: VarOverrides;
  /** The step's output from an earlier run (kept by the front end), for `output` / `exitCode` checks. */
  output?: StepOutput;
  /** A check waits for the engine; undefined when the wait is over. */
  waiting?(wait: CheckWait | undefined): void;
  /** Evaluate each check once, without `within` waits (a live re-check: the next engine event asks again). */
  noWait?: boolean;
}

/** Check a step without running it (the learner ran the command themselves): the same preparation, then the checks. */
export async function checkStepSession(lesson: Lesson, step: Step, ctx: RunnerContext, options: CheckSessionOptions = {}): Promise<StepOutcome> {
  const begun = beginStep(lesson, step, ctx, options.vars);
  if ('done' in begun) return begun.done;
  const { prepared, outcome } = begun;
  const checks = await checkWithMakers(lesson, step, ctx, prepared, options.output, options.waiting, options.noWait);
  // What the learner made for a challenge becomes its record (reset and a new start remove it); never fatal.
  await adoptChallengeObjects(lesson, step, ctx, prepared.values).catch(() => undefined);
  if (checks.length === 0) return outcome({ status: 'skipped', message: t('This step has no checks: there is nothing to verify.') });
  if (checks.every((check) => check.pass)) return outcome({ status: 'passed', checks, output: options.output });
  const gone = await whyEngineUnavailable(ctx);
  if (gone) return outcome({ status: 'error', checks, output: options.output, message: gone });
  return outcome({ status: 'failed', checks, output: options.output, ...await whyFailed(lesson, step, ctx, prepared, checks, undefined) });
}

/** runStepSession with the context's own confirmation and sink (the CLI and the lesson suite). */
export function runStep(lesson: Lesson, step: Step, ctx: RunnerContext, options: Omit<StepSessionOptions, 'hooks'> = {}): Promise<StepOutcome> {
  return runStepSession(lesson, step, ctx, options);
}

/**
 * A failed step's way out, in one order for every front end (the lesson page's button, `run --step X --redo`, the
 * lesson suite): run again the steps `redo` names, then the step; the first one's run takes back what all of them made
 * before (so none finds its own earlier objects). Stops at the first that does not pass. `run` runs one step the front
 * end's way (its hooks, its verdicts) with the steps to take back; `passed` reads its result.
 */
export async function redoThenRun<T>(redo: readonly string[], stepId: string,
  run: (stepId: string, undo: readonly string[] | undefined) => Promise<T>, passed: (result: T) => boolean): Promise<T[]> {
  const chain = [...redo.filter((id) => id !== stepId), stepId];
  const results: T[] = [];
  for (const [index, id] of chain.entries()) {
    const result = await run(id, index === 0 ? chain : undefined);
    results.push(result);
    if (!passed(result)) break;
  }
  return results;
}

export interface RunLessonOptions extends StepSelection {
  vars?: VarOverrides;
  /**
   * With `onlyStep`: first run again the steps it needs (what its redo offer would name: the steps making what it
   * works on, further back those whose objects are gone), then it — the lesson page's redo button.
   */
  redo?: boolean;
  /** Keep running after a failed step (default: stop, later steps are reported as not run). */
  keepGoing?: boolean;
  /**
   * Challenges: run the setup and the reference solution, then check (`--solutions`). Without it a run sets up the first
   * challenge it reaches and stops there (`waitingFor`): the learner does the task, then checks it.
   */
  solutions?: boolean;
  onStepStart?: (step: Step, index: number, total: number) => void;
  onStepEnd?: (outcome: StepOutcome, step: Step) => void;
}

export interface LessonRun {
  lessonId: string;
  outcomes: StepOutcome[];
  /** Every step that ran passed (skipped/explain steps do not count against it) and none errored or failed. */
  passed: boolean;
  /** Why nothing ran (missing images). */
  message?: string;
  /** The challenge (step id) the run set up and stopped at: the learner's turn. */
  waitingFor?: string;
}


export async function runLesson(lesson: Lesson, ctx: RunnerContext, options: RunLessonOptions = {}): Promise<LessonRun> {
  const unknown = unknownStepIds(lesson, options);
  if (unknown.length > 0) throw new Error(t('Lesson "{0}" has no step {1}.', lesson.meta.id, unknown.join(', ')));
  // Steps outside --from/--step are left out of the report entirely; --skip ones are reported as skipped.
  const selected = selectSteps(lesson, options).filter((entry) => entry.skipReason !== '');
  const run: LessonRun = { lessonId: lesson.meta.id, outcomes: [], passed: true };
  const only = options.redo ? lesson.steps.find((step) => step.id === options.onlyStep) : undefined;
  if (options.redo && !only) throw new Error(t('Redo needs the step to run (--step).'));
  if (only) return redoLessonStep(lesson, only, ctx, options, run);

  const toRun = selected.filter((entry) => entry.skipReason === undefined && entry.step.kind !== 'explain').map((entry) => entry.step);
  if (toRun.length > 0) {
    const missing = await ensureLessonImages(lesson, ctx);
    if (missing.length > 0) {
      run.passed = false;
      run.message = missing.map((m) => m.message).join('\n');
      return run;
    }
    // Whatever an earlier run left (objects, changed files) goes first; a run of the whole lesson starts clean.
    const wholeLesson = options.fromStep === undefined && options.onlyStep === undefined;
    await undoSteps(lesson, toRun, ctx, { ...defaultVars(lesson), ...options.vars }, { wholeLesson })
      .catch((error: unknown) => ctx.sink?.info(t('Could not take back what the step made before ({0}).', error instanceof Error ? error.message : String(error))));
  }

  let stopped: string | undefined;
  for (const [index, { step, skipReason }] of selected.entries()) {
    options.onStepStart?.(step, index, selected.length);
    let outcome: StepOutcome;
    if (skipReason !== undefined || stopped !== undefined) {
      outcome = { lessonId: lesson.meta.id, stepId: step.id, status: 'skipped', checks: [], durationMs: 0, message: skipReason ?? stopped };
    } else if (ctx.signal?.aborted) {
      outcome = { lessonId: lesson.meta.id, stepId: step.id, status: 'cancelled', checks: [], durationMs: 0, message: t('Cancelled.') };
    } else {
      // A whole-lesson run took back what its steps made before, once: a challenge's start must not undo it again.
      outcome = await runStepSession(lesson, step, ctx, {
        vars: options.vars, checkImages: false, undo: [], challenge: options.solutions ? 'solve' : 'start',
      });
    }
    run.outcomes.push(outcome);
    options.onStepEnd?.(outcome, step);
    if (outcome.status === 'started') {
      run.passed = false;
      run.waitingFor = step.id;
      if (stopped === undefined) stopped = t('Not run: challenge "{0}" is waiting for you.', step.id);
    }
    if (outcome.status === 'failed' || outcome.status === 'error' || outcome.status === 'cancelled') {
      run.passed = false;
      if (!options.keepGoing && stopped === undefined) stopped = t('Not run: step "{0}" did not pass.', step.id);
    }
    if (outcome.status === 'skipped' && step.kind === 'destructive' && skipReason === undefined && stopped === undefined) {
      // A declined destructive step is not a pass.
      run.passed = false;
    }
  }
  return run;
}

/** runLesson for one step with its redo chain first (`redo`); stops at the first step that does not pass. */
async function redoLessonStep(lesson: Lesson, step: Step, ctx: RunnerContext, options: RunLessonOptions, run: LessonRun): Promise<LessonRun> {
  const missing = await ensureLessonImages(lesson, ctx);
  if (missing.length > 0) return { ...run, passed: false, message: missing.map((m) => m.message).join('\n') };
  const values = prepareStep(lesson, step, options.vars ?? {}).values;
  const { redo } = await missingPrerequisites(lesson, step, ctx, values);
  const byId = new Map(lesson.steps.map((s) => [s.id, s]));
  const total = redo.length + 1;
  await redoThenRun(redo, step.id, async (id, undo) => {
    const current = byId.get(id)!;
    options.onStepStart?.(current, run.outcomes.length, total);
    const outcome = await runStepSession(lesson, current, ctx, { vars: options.vars, checkImages: false, ...(undo ? { undo } : {}) });
    run.outcomes.push(outcome);
    options.onStepEnd?.(outcome, current);
    return outcome;
  }, (outcome) => outcome.status === 'passed');
  run.passed = run.outcomes.length === total && run.outcomes.every((outcome) => outcome.status === 'passed');
  return run;
}

/** Execute while recording what the step creates (for reset); without a store nothing is recorded. */
async function recordWhile(lesson: Lesson, step: Step, prepared: PreparedStep, ctx: RunnerContext, before: EngineState | undefined,
  execute: () => Promise<ExecuteResult>): Promise<ExecuteResult> {
  const store = ctx.store;
  let recorder: StepRecorder | undefined;
  let filesBefore: Map<string, string> | undefined;
  if (store) {
    try {
      workDirOf(lesson, ctx); // the shipped files copied in first, so only the step's own changes count
      filesBefore = shippedState(lesson, ctx);
      recorder = await StepRecorder.start(ctx.engine, lesson.meta.id, declaredNames(lesson, (text) => applyVars(text, prepared.values)), step.id, before);
    } catch (error) {
      ctx.sink?.info(t('Could not watch what this step creates ({0}); reset still finds what carries the lesson label.', String(error)));
    }
  }
  try {
    return await execute();
  } catch (error) {
    return { status: 'error', commandOk: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    if (store) {
      try {
        const created: CreatedObject[] = [...(recorder ? (await recorder.finish()).created : []),
          ...(filesBefore ? changedFiles(lesson, step, filesBefore, ctx) : [])];
        if (created.length > 0) await store.save(lesson.meta.id, mergeRecords(await store.load(lesson.meta.id), created));
      } catch (error) {
        ctx.sink?.info(t('Could not save what this step created ({0}).', String(error)));
      }
    }
  }
}
