// The one step sequence every front end goes through — the CLI, the lesson suite and the VS Code lesson host:
// prepare (variables, label, environment) → confirm a destructive step → make sure the lesson's images exist → record
// what the step creates while it executes → check the engine's state → a StepOutcome. Front ends differ only in their
// hooks: how to ask, where output goes, how the command is executed (a pipe, a task terminal, a real TTY).
import type { StepOutput } from '../checks/types';
import { t } from '../i18n';
import { applyVars } from '../lessons';
import type { Lesson, Step } from '../lessons/schema';
import type { MissingImage } from './images';
import { StepRecorder, declaredNames, mergeRecords } from './record';
import {
  checkStep, ensureLessonImages, executeStep, explainMessage, prepareStep, selectSteps, unknownStepIds,
  type ExecuteResult, type PreparedStep, type RunnerContext, type StepSelection, type VarOverrides,
} from './runner';
import type { RunnerSink, StepOutcome } from './types';

/** Where a step is in its sequence (the UI shows running / checking). */
export type StepPhase = 'running' | 'checking';

export interface StepHooks {
  /** Asked before a destructive step (the command is shown); without it the context's `confirm` decides. */
  confirm?(step: Step, prepared: PreparedStep): Promise<boolean>;
  /**
   * Images the lesson needs are missing and could not be pulled. `prepared`: they were made meanwhile, look again;
   * `message`: what the step's verdict says instead of the runner's own text (the extension's offer to prepare them).
   */
  missingImages?(missing: MissingImage[]): Promise<{ prepared: boolean; message?: string }>;
  /**
   * Execute the prepared step. `run` is the runner's own execution (a pipe; interactive steps typed from the lesson's
   * input); a front end may call it with its own sink (a task terminal) or execute otherwise (a real TTY).
   */
  execute?(prepared: PreparedStep, run: (sink?: RunnerSink) => Promise<ExecuteResult>): Promise<ExecuteResult>;
  phase?(phase: StepPhase): void;
  /** The step's output, once known (kept so later checks of output can still be made). */
  output?(output: StepOutput): void;
}

export interface StepSessionOptions {
  vars?: VarOverrides;
  /** Check the lesson's `images` first (a whole-lesson run does it once). Default true. */
  checkImages?: boolean;
  hooks?: StepHooks;
}

/** Run one step through the whole sequence. Never throws for an engine or command problem: it becomes the outcome. */
export async function runStepSession(lesson: Lesson, step: Step, ctx: RunnerContext, options: StepSessionOptions = {}): Promise<StepOutcome> {
  const started = Date.now();
  const hooks = options.hooks ?? {};
  const outcome = (partial: Omit<StepOutcome, 'lessonId' | 'stepId' | 'durationMs' | 'checks'> & Partial<Pick<StepOutcome, 'checks'>>): StepOutcome =>
    ({ lessonId: lesson.meta.id, stepId: step.id, checks: [], durationMs: Date.now() - started, ...partial });

  if (step.kind === 'explain') return outcome({ status: 'skipped', message: explainMessage(step) });

  const prepared = prepareStep(lesson, step, options.vars ?? {}, { endpoint: ctx.engine.endpoint, baseEnv: ctx.baseEnv });
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return outcome({ status: 'error', message: errors.map((d) => d.message).join('\n') });

  if (step.kind === 'destructive') {
    const accepted = hooks.confirm
      ? await hooks.confirm(step, prepared)
      : await (ctx.confirm?.(t('Step "{0}" removes things from Docker:\n  {1}\nRun it?', step.title, prepared.command)) ?? false);
    if (!accepted) return outcome({ status: 'skipped', message: t('Not run: the destructive step was not confirmed.') });
  }

  if (options.checkImages !== false) {
    let missing = await ensureLessonImages(lesson, ctx, prepared.env);
    let message: string | undefined;
    if (missing.length > 0 && hooks.missingImages) {
      const answer = await hooks.missingImages(missing);
      message = answer.message;
      if (answer.prepared) missing = await ensureLessonImages(lesson, ctx, prepared.env);
    }
    if (missing.length > 0) return outcome({ status: 'error', message: message ?? missing.map((m) => m.message).join('\n') });
  }
  if (ctx.signal?.aborted) return outcome({ status: 'cancelled', message: t('Cancelled.') });

  hooks.phase?.('running');
  const executed = await recordWhile(lesson, step, prepared, ctx, () => {
    // Confirmed above: the runner's own execution must not ask again.
    const run = (sink?: RunnerSink) => executeStep(lesson, step, prepared, { ...ctx, sink: sink ?? ctx.sink, confirm: async () => true });
    return hooks.execute ? hooks.execute(prepared, run) : run();
  });
  if (executed.output) hooks.output?.(executed.output);
  if (executed.status !== 'done') {
    return outcome({ status: executed.status === 'cancelled' || ctx.signal?.aborted ? 'cancelled' : executed.status, output: executed.output, message: executed.message });
  }

  hooks.phase?.('checking');
  const checks = await checkStep(lesson, step, ctx, { prepared, output: executed.output });
  const passed = executed.commandOk && checks.every((check) => check.pass);
  return outcome({ status: passed ? 'passed' : 'failed', output: executed.output, checks, message: executed.message });
}

export interface CheckSessionOptions {
  vars?: VarOverrides;
  /** The step's output from an earlier run (kept by the front end), for `output` / `exitCode` checks. */
  output?: StepOutput;
}

/** Check a step without running it (the learner ran the command themselves): the same preparation, then the checks. */
export async function checkStepSession(lesson: Lesson, step: Step, ctx: RunnerContext, options: CheckSessionOptions = {}): Promise<StepOutcome> {
  const started = Date.now();
  const outcome = (partial: Omit<StepOutcome, 'lessonId' | 'stepId' | 'durationMs' | 'checks'> & Partial<Pick<StepOutcome, 'checks'>>): StepOutcome =>
    ({ lessonId: lesson.meta.id, stepId: step.id, checks: [], durationMs: Date.now() - started, ...partial });
  if (step.kind === 'explain') return outcome({ status: 'skipped', message: explainMessage(step) });
  const prepared = prepareStep(lesson, step, options.vars ?? {}, { endpoint: ctx.engine.endpoint, baseEnv: ctx.baseEnv });
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return outcome({ status: 'error', message: errors.map((d) => d.message).join('\n') });
  const checks = await checkStep(lesson, step, ctx, { prepared, output: options.output });
  if (checks.length === 0) return outcome({ status: 'skipped', message: t('This step has no checks: there is nothing to verify.') });
  return outcome({ status: checks.every((check) => check.pass) ? 'passed' : 'failed', checks, output: options.output });
}

/** runStepSession with the context's own confirmation and sink (the CLI and the lesson suite). */
export function runStep(lesson: Lesson, step: Step, ctx: RunnerContext, options: Omit<StepSessionOptions, 'hooks'> = {}): Promise<StepOutcome> {
  return runStepSession(lesson, step, ctx, options);
}

export interface RunLessonOptions extends StepSelection {
  vars?: VarOverrides;
  /** Keep running after a failed step (default: stop, later steps are reported as not run). */
  keepGoing?: boolean;
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
}


export async function runLesson(lesson: Lesson, ctx: RunnerContext, options: RunLessonOptions = {}): Promise<LessonRun> {
  const unknown = unknownStepIds(lesson, options);
  if (unknown.length > 0) throw new Error(t('Lesson "{0}" has no step {1}.', lesson.meta.id, unknown.join(', ')));
  // Steps outside --from/--step are left out of the report entirely; --skip ones are reported as skipped.
  const selected = selectSteps(lesson, options).filter((entry) => entry.skipReason !== '');
  const run: LessonRun = { lessonId: lesson.meta.id, outcomes: [], passed: true };

  if (selected.some((entry) => entry.skipReason === undefined && entry.step.kind !== 'explain')) {
    const missing = await ensureLessonImages(lesson, ctx);
    if (missing.length > 0) {
      run.passed = false;
      run.message = missing.map((m) => m.message).join('\n');
      return run;
    }
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
      outcome = await runStepSession(lesson, step, ctx, { vars: options.vars, checkImages: false });
    }
    run.outcomes.push(outcome);
    options.onStepEnd?.(outcome, step);
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

/** Execute while recording what the step creates (for reset); without a store nothing is recorded. */
async function recordWhile(lesson: Lesson, step: Step, prepared: PreparedStep, ctx: RunnerContext, execute: () => Promise<ExecuteResult>): Promise<ExecuteResult> {
  const store = ctx.store;
  let recorder: StepRecorder | undefined;
  if (store) {
    try {
      recorder = await StepRecorder.start(ctx.engine, lesson.meta.id, declaredNames(lesson, (text) => applyVars(text, prepared.values)), step.id);
    } catch (error) {
      ctx.sink?.info(t('Could not watch what this step creates ({0}); reset still finds what carries the lesson label.', String(error)));
    }
  }
  try {
    return await execute();
  } catch (error) {
    return { status: 'error', commandOk: false, message: error instanceof Error ? error.message : String(error) };
  } finally {
    if (recorder && store) {
      try {
        const recording = await recorder.finish();
        if (recording.created.length > 0) await store.save(lesson.meta.id, mergeRecords(await store.load(lesson.meta.id), recording.created));
      } catch (error) {
        ctx.sink?.info(t('Could not save what this step created ({0}).', String(error)));
      }
    }
  }
}
