// Evaluate lesson checks against the engine. Every check yields a CheckResult — never an exception: a vanished
// object fails cleanly, an unexpected engine error becomes a failed result carrying the classified message.
// `within` gives an explicit, bounded wait (re-evaluate every 200 ms until pass or deadline); http waits 5 s by default.
import { engineGone } from '../engine/classify';
import { t } from '../i18n';
import type { Outcome } from './describe';
import { type Check, type CheckKind, checkKind, durationMs, kindModule } from './kinds';
import { Lookup, errorText, isNotFound } from './lookup';
import type { CheckContext, CheckResult } from './types';

const RETRY_INTERVAL_MS = 200;

/** Engine reads shared by the checks of one evaluateChecks call; replaced once a check had to wait. */
interface LookupHolder {
  lookup: Lookup;
}

class Cancelled extends Error {}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function attemptTimeout(deadline: number, perAttempt: number): number {
  return Math.max(250, Math.min(perAttempt, deadline - performance.now()));
}

async function evaluateOnce(check: Check, kind: CheckKind, ctx: CheckContext, lookup: Lookup, deadline: number): Promise<Outcome> {
  const timeoutMs = (perAttemptMs: number) => attemptTimeout(deadline, perAttemptMs);
  return kindModule(kind).evaluate(check, { ctx, lookup, timeoutMs });
}

/** Title and expectation of a check whose evaluation failed unexpectedly (as if its object were missing). */
export function describeCheck(check: Check, kind: CheckKind, workDir: string): { title: string; expected: string } {
  try {
    return kindModule(kind).describe(check, workDir);
  } catch {
    // A malformed check must still produce a row.
  }
  return { title: kind, expected: '—' };
}

function errorOutcome(check: Check, kind: CheckKind, ctx: CheckContext, error: unknown): Outcome {
  const { title, expected } = describeCheck(check, kind, ctx.workDir);
  const engineDown = (error as { code?: string })?.code;
  const hint = engineDown === 'unreachable' || engineDown === 'ECONNREFUSED' || engineDown === 'ENOENT'
    ? t('Make sure Docker is running (`docker info`), then check again.')
    : undefined;
  // The engine went away (killed, restarted, its socket gone): waiting out the check's `within` would only keep the
  // learner from hearing so.
  return { pass: false, title, expected, actual: isNotFound(error) ? t('not found') : errorText(error), hint, final: engineGone(error) };
}

function toResult(kind: CheckKind, check: Check, ctx: CheckContext, outcome: Outcome, started: number): CheckResult {
  // A missing object explains the failure better than the lesson's hints, written for the object being there.
  const missing = outcome.pass ? undefined : outcome.missing;
  const hint = outcome.pass ? undefined : missing ? outcome.hint : (check.hint ?? ctx.stepHint ?? outcome.hint);
  return {
    kind, pass: outcome.pass, title: outcome.title, expected: outcome.expected, actual: outcome.actual,
    ...(hint ? { hint } : {}),
    ...(missing ? { missing } : {}),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

async function evaluateWithin(check: Check, ctx: CheckContext, holder: LookupHolder, index = 0): Promise<CheckResult> {
  let waiting = false;
  try {
    return await attempts(check, ctx, holder, index, () => { waiting = true; });
  } finally {
    if (waiting) ctx.onWait?.(undefined);
  }
}

async function attempts(check: Check, ctx: CheckContext, holder: LookupHolder, index: number, startedWaiting: () => void): Promise<CheckResult> {
  const started = performance.now();
  let kind: CheckKind;
  try {
    kind = checkKind(check);
  } catch (error) {
    return { kind: 'output', pass: false, title: '?', expected: '—', actual: errorText(error), durationMs: 0 };
  }
  const waitMs = ctx.noWait ? 0 : check.within !== undefined ? durationMs(check.within, 0) : kindModule(kind).defaultWithinMs ?? 0;
  const deadline = started + waitMs;
  const cancelled = (): CheckResult => {
    const { title, expected } = describeCheck(check, kind, ctx.workDir);
    return toResult(kind, check, ctx, { pass: false, title, expected, actual: t('cancelled') }, started);
  };
  let lookup = holder.lookup;
  let announced = false;
  for (;;) {
    if (ctx.signal?.aborted) return cancelled();
    let outcome: Outcome;
    try {
      outcome = await evaluateOnce(check, kind, ctx, lookup, deadline);
    } catch (error) {
      if (ctx.signal?.aborted) return cancelled();
      outcome = errorOutcome(check, kind, ctx, error);
    }
    const remaining = deadline - performance.now();
    // The step's own output cannot change while we wait.
    const settled = outcome.final || kindModule(kind).judgesStep;
    if (outcome.pass || settled || remaining <= 0) return toResult(kind, check, ctx, outcome, started);
    if (!announced) {
      // The first retry: say what we wait for, and for how long at most.
      announced = true;
      startedWaiting();
      ctx.onWait?.({ index, title: outcome.title, expected: outcome.expected, remainingMs: Math.round(remaining) });
    }
    try {
      await sleep(Math.min(RETRY_INTERVAL_MS, remaining), ctx.signal);
    } catch {
      return cancelled();
    }
    // Fresh reads for the next attempt; later checks in the call also see the newer state.
    lookup = new Lookup(ctx.engine);
    holder.lookup = lookup;
  }
}

/** Evaluate one check (with its own `within` wait). */
export function evaluateCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  return evaluateWithin(check, ctx, { lookup: new Lookup(ctx.engine) });
}

/**
 * Evaluate a step's checks in order (a later check may rely on an earlier one's wait, e.g. logs after http),
 * sharing one inspect per object between them.
 */
export async function evaluateChecks(checks: readonly Check[], ctx: CheckContext): Promise<CheckResult[]> {
  const holder: LookupHolder = { lookup: new Lookup(ctx.engine) };
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) results.push(await evaluateWithin(check, ctx, holder, index));
  return results;
}
