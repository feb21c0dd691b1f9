// A step's progress as the engine judged it: its state, the check results and when. Core data: the progress store
// persists it (src/viewmodel/lessons/progress.ts validates what it reads back with `stepProgress`), and the webview
// protocol (src/webview/protocol.ts) carries it to the page.
// A namespace import lets esbuild drop zod's locales from the webview bundle (`{ z }` keeps them all).
import * as z from 'zod';

/**
 * `started`: a challenge's setup ran (or it has none) and it waits for the learner to do the task and check.
 * `stale`: it passed or failed, then an earlier step it rests on ran again (its objects were made anew): check it again.
 */
export const STEP_STATES = ['idle', 'running', 'checking', 'passed', 'failed', 'cancelled', 'error', 'skipped', 'started', 'stale'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** States that are a verdict (worth keeping across a reload); the rest describe something in flight. */
export const VERDICT_STATES: ReadonlySet<StepState> = new Set(['passed', 'failed', 'cancelled', 'error', 'skipped', 'started', 'stale']);

/** One check's result as shown to the learner. */
export const checkResultView = z.object({
  kind: z.string(),
  pass: z.boolean(),
  title: z.string(),
  expected: z.string(),
  actual: z.string(),
  hint: z.string().optional(),
  /** What the check looks at does not exist, and this earlier step makes it (the page offers to run it). */
  madeBy: z.object({ stepId: z.string(), title: z.string() }).optional(),
});
export type CheckResultView = z.infer<typeof checkResultView>;

export const stepProgress = z.object({
  state: z.enum(STEP_STATES),
  checks: z.array(checkResultView).default([]),
  message: z.string().optional(),
  /** It failed: run these steps again (ids, in lesson order), then it (the page offers it). */
  redo: z.array(z.string()).optional(),
  /** Checking: a check waits for the engine — what it waits for, and at most how many seconds from now. */
  waiting: z.object({ title: z.string(), expected: z.string(), seconds: z.number() }).optional(),
  /** ms since epoch of the verdict. */
  at: z.number().optional(),
  /** Set by a live re-check (an engine event, not a button): the page says "checked automatically". */
  auto: z.boolean().optional(),
  /** A challenge: a check of it has failed, so its reference solution may be shown (until the lesson is reset). */
  unlocked: z.boolean().optional(),
});
export type StepProgress = z.infer<typeof stepProgress>;

/**
 * A lesson's challenges and how many of them are solved (their last verdict passed): for the course map and anything
 * else that counts them. A passed challenge is also a passed step like any other.
 */
export function challengeCounts(steps: readonly { id: string; kind: string }[], progress: Readonly<Record<string, Pick<StepProgress, 'state'> | undefined>>):
  { solved: number; total: number } {
  const challenges = steps.filter((step) => step.kind === 'challenge');
  return { solved: challenges.filter((step) => progress[step.id]?.state === 'passed').length, total: challenges.length };
}
