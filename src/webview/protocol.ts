// The one message protocol between the lesson webview and the extension host. Both sides parse every message they
// receive with these schemas; anything unknown or malformed is dropped and logged, never acted upon. The webview never
// sends a command to run: it names a step by id, and the host looks the command up in its own parsed lesson.
// A namespace import lets esbuild drop zod's ~260 KB of locales from the webview bundle (`{ z }` keeps them all).
import * as z from 'zod';
import { stepProgress } from '../lessons/progress';
import { VARIABLE_TYPES } from '../lessons/variables';

// Progress is core data (src/lessons/progress.ts); the protocol only carries it. Re-exported for the page and panel.
export { checkResultView, STEP_STATES, stepProgress } from '../lessons/progress';
export type { CheckResultView, StepProgress, StepState } from '../lessons/progress';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/);
const varName = z.string().regex(/^[A-Za-z_]\w{0,40}$/);
/** A lesson declares a handful of variables; the cap keeps a hostile webview from sending thousands. */
const varValues = z.record(varName, z.string().max(200)).refine((values) => Object.keys(values).length <= 32, 'too many variables');

export const stepView = z.object({
  id,
  index: z.number().int().min(0),
  title: z.string(),
  kind: z.enum(['run', 'interactive', 'destructive', 'explain', 'edit', 'challenge']),
  /** The command as the learner will see it run, variables shown as {{name}}; empty for a challenge (see `solution`). */
  command: z.string(),
  reason: z.string().optional(),
  file: z.string().optional(),
  hint: z.string().optional(),
  /** challenge: the graded hints, revealed one at a time (inline Markdown rendered by the host with html:false). */
  hintsHtml: z.array(z.string()).optional(),
  /** challenge: it has a setup, so the page offers Start. */
  hasSetup: z.boolean().optional(),
  /** Variables this step uses. */
  vars: z.array(z.string()),
  hasChecks: z.boolean(),
});
export type StepView = z.infer<typeof stepView>;

export const lessonView = z.object({
  id,
  order: z.number().int(),
  title: z.string(),
  summary: z.string(),
  /** Rendered by markdown-it on the host with html:false; step placeholders are `div.dl-step[data-step-id]`. */
  html: z.string(),
  steps: z.array(stepView),
  vars: z.array(z.object({ name: z.string(), label: z.string(), type: z.enum(VARIABLE_TYPES), value: z.string() })),
  recapHtml: z.array(z.string()),
  quiz: z.array(z.object({ questionHtml: z.string(), answerHtml: z.string() })),
  prev: z.object({ id, title: z.string() }).optional(),
  next: z.object({ id, title: z.string() }).optional(),
});
export type LessonView = z.infer<typeof lessonView>;

/** Host → webview. */
export const hostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lesson'), lesson: lessonView, progress: z.record(z.string(), stepProgress), labels: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal('step'), lessonId: id, stepId: id, progress: stepProgress }),
  z.object({ type: z.literal('engine'), connected: z.boolean(), message: z.string().optional() }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** A challenge's reference solution (variables filled in), sent only once a check of it failed. */
  z.object({ type: z.literal('solution'), lessonId: id, stepId: id, command: z.string() }),
  /** Scroll a step into view (openLesson with a step id, e.g. from the lessons tree). */
  z.object({ type: z.literal('focus'), stepId: id }),
]);
export type HostMessage = z.infer<typeof hostMessage>;

/** Webview → host. Strict: a message with fields the host does not expect is not a message we sent. */
export const webviewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** `redo`: first run again the steps its failed verdict names (what it needs), then the step. */
  z.strictObject({ type: z.literal('run'), lessonId: id, stepId: id, vars: varValues, redo: z.literal(true).optional() }),
  z.strictObject({ type: z.literal('check'), lessonId: id, stepId: id, vars: varValues }),
  z.strictObject({ type: z.literal('cancel'), lessonId: id, stepId: id }),
  z.strictObject({ type: z.literal('openFile'), lessonId: id, stepId: id }),
  /** A challenge: open the lesson's terminal (the engine's environment, the lesson's working folder). */
  z.strictObject({ type: z.literal('openTerminal'), lessonId: id, stepId: id }),
  /** A challenge: show its reference solution (the host sends it only after a failed check). */
  z.strictObject({ type: z.literal('showSolution'), lessonId: id, stepId: id, vars: varValues }),
  /** A challenge: copy its reference solution, with these values, to the clipboard (the host's own text). */
  z.strictObject({ type: z.literal('copySolution'), lessonId: id, stepId: id, vars: varValues }),
  z.strictObject({ type: z.literal('reset'), lessonId: id }),
  z.strictObject({ type: z.literal('navigate'), lessonId: id }),
  z.strictObject({ type: z.literal('setVar'), lessonId: id, name: varName, value: z.string().max(200) }),
  /** The learner is using the page (scrolling, clicking, typing; at most every few seconds): the study clock runs. */
  z.strictObject({ type: z.literal('activity') }),
  /** Diagnostics from the page itself (CSP violations, script errors): logged by the host, never acted upon. */
  z.strictObject({ type: z.literal('log'), level: z.enum(['info', 'warning', 'error']), message: z.string().max(2000) }),
]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** What the webview persists with setState (restored when the panel is shown again or revived after reload). */
export const webviewState = z.object({
  lessonId: id.optional(),
  scrollY: z.number().optional(),
  revealedQuiz: z.array(z.number().int()).default([]),
  /** Per challenge step id: how many of its graded hints are shown. */
  revealedHints: z.record(id, z.number().int().min(0).max(100)).default({}),
  vars: varValues.default({}),
});
export type WebviewState = z.infer<typeof webviewState>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || '(message)'}: ${issue?.message ?? 'invalid'}` };
}

export const parseHostMessage = (raw: unknown): ParseResult<HostMessage> => parseWith(hostMessage, raw);
export const parseWebviewMessage = (raw: unknown): ParseResult<WebviewMessage> => parseWith(webviewMessage, raw);
export const parseWebviewState = (raw: unknown): ParseResult<WebviewState> => parseWith(webviewState, raw);
