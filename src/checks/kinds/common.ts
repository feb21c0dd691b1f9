// What the check kinds share: the zod pieces their schemas are built from (durations, text matches, the `when:` engine
// condition, the keys every check may carry) and the contract of a kind module. See ./index.ts for the table.
import * as z from 'zod';
import { t } from '../../i18n';
import type { Outcome } from '../describe';
import type { Lookup } from '../lookup';
import type { CheckContext, ObjectKind } from '../types';

export const nonEmpty = z.string().min(1);

/** Durations are written "10s", "500ms", "2m" or as a number of seconds. */
export const durationSchema = z.union([
  z.number().positive(),
  z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/, { error: () => t('a duration like "10s", "500ms" or "2m"') }),
]);
export type Duration = z.infer<typeof durationSchema>;

export function durationMs(value: Duration | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value)!;
  const n = Number(match[1]);
  return match[2] === 'ms' ? n : match[2] === 's' ? n * 1000 : n * 60_000;
}

export const textMatch = z.object({
  contains: z.union([z.string(), z.array(z.string())]).optional(),
  notContains: z.union([z.string(), z.array(z.string())]).optional(),
  matches: z.string().optional(), // a JavaScript regular expression source
  equals: z.string().optional(),
}).strict();
export type TextMatch = z.infer<typeof textMatch>;

export const numberish = z.coerce.number();
export const portSpec = z.union([z.string().regex(/^\d+(\/(tcp|udp|sctp))?$/), z.number().int()]);

/**
 * Where a check applies, for behaviour that differs between engines the course supports: the builder `docker build`
 * uses, the image store, the engine version (`">=25"`, `"<23"`). A check whose condition does not hold on the
 * learner's engine is left out, and the result names the engine variant that applied.
 */
export const checkConditionSchema = z.object({
  builder: z.enum(['buildkit', 'legacy']).optional(),
  imageStore: z.enum(['containerd', 'graphdriver']).optional(),
  engine: z.string().regex(/^\s*(>=|<=|>|<|=)?\s*\d+(\.\d+)?\s*$/, { error: () => t('an engine version range such as ">=25" or "<23"') }).optional(),
}).strict();
export type CheckCondition = z.infer<typeof checkConditionSchema>;

/** Common to every check: an optional hint, a bounded wait and the engines it applies to. */
export const common = {
  hint: z.string().optional(),
  when: checkConditionSchema.optional(),
  /** Keep re-evaluating until it passes or this much time has gone (explicit, bounded waits only). */
  within: durationSchema.optional(),
};

/** What a kind's evaluate gets for one attempt (evaluate.ts retries until the check's `within` has gone). */
export interface Attempt {
  ctx: CheckContext;
  /** Engine reads shared by the checks of the step in this attempt. */
  lookup: Lookup;
  /** The time one request may take: `perAttemptMs`, cut to what is left of the check's wait (at least 250 ms). */
  timeoutMs(perAttemptMs: number): number;
}

/** A check kind: one module (kinds/<key>.ts) exporting one of these, and one entry in the table of ./index.ts. */
export interface CheckKindModule<K extends string, S extends z.ZodType> {
  /** The key that names the kind in a check (`- container: web`); also the kind of its results. */
  readonly key: K;
  /** The check as a lesson writes it, variables substituted: a strict object with the `common` keys. */
  readonly schema: S;
  /** Judge the check once. Every text is localized; throwing is fine (evaluate.ts makes a failed result of it). */
  evaluate(check: z.infer<S>, attempt: Attempt): Outcome | Promise<Outcome>;
  /** Title and expectation without looking, for a check whose evaluation failed unexpectedly or was cancelled. */
  describe(check: z.infer<S>, workDir: string): { title: string; expected: string };
  /** The wait when the check sets no `within` (default none). */
  readonly defaultWithinMs?: number;
  /** Judges the step's own result, which waiting cannot change. */
  readonly judgesStep?: boolean;
}

/** The outcome of a check whose object does not exist, naming the object (the runner says which step makes it). */
export function missing(outcome: Outcome, kind: ObjectKind, name: string): Outcome {
  return { ...outcome, pass: false, missing: { kind, name } };
}

export function defineKind<const K extends string, S extends z.ZodType>(kind: CheckKindModule<K, S>): CheckKindModule<K, S> {
  return kind;
}
