// The messages between the 课程地图 (Course Map) page and the extension host. Both sides parse what they receive with
// these schemas. The page only asks to open a chapter (by id; the host looks it up in its own lessons).
// A namespace import lets esbuild drop zod's locales from the page bundle.
import * as z from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/);
const count = z.number().int().min(0);

export const mapNodeView = z.object({
  id,
  order: z.number().int(),
  title: z.string().max(300),
  shortTitle: z.string().max(100),
  state: z.enum(['todo', 'active', 'done']),
  done: count,
  total: count,
  percent: z.number().min(0).max(100),
  current: z.boolean(),
  timeMs: z.number().min(0),
  challengesSolved: count,
  challengesTotal: count,
});

export const courseMapView = z.object({
  nodes: z.array(mapNodeView).max(200),
  totals: z.object({
    chaptersDone: count, chapters: count, stepsDone: count, steps: count, timeMs: z.number().min(0), challengesSolved: count, challenges: count,
  }),
});
export type CourseMapViewMessage = z.infer<typeof courseMapView>;

/** Host → page: the map, with the page's words. */
export const mapHostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('map'), view: courseMapView, labels: z.record(z.string(), z.string()) }),
]);
export type MapHostMessage = z.infer<typeof mapHostMessage>;

/** Page → host. */
export const mapPageMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('open'), lessonId: id }),
  /** Diagnostics from the page itself (CSP violations, script errors): logged, never acted upon. */
  z.strictObject({ type: z.literal('log'), level: z.enum(['info', 'warning', 'error']), message: z.string().max(2000) }),
]);
export type MapPageMessage = z.infer<typeof mapPageMessage>;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export const parseMapHostMessage = (raw: unknown): Parsed<MapHostMessage> => parseWith(mapHostMessage, raw);
export const parseMapPageMessage = (raw: unknown): Parsed<MapPageMessage> => parseWith(mapPageMessage, raw);

/** The page's words, keyed; the host translates them (vscode.l10n.t) and sends them with the map. */
export const MAP_LABELS = {
  heading: 'Course Map',
  chapter: 'Chapter {0}',
  chapters: 'Chapters done: {0}/{1}',
  steps: 'Steps passed: {0}/{1}',
  time: 'Time spent: {0}',
  challenges: 'Challenges solved: {0}/{1}',
  noChallenges: 'No challenges in this chapter',
  noSteps: 'Reading only: no steps to run',
  stateTodo: 'Not started',
  stateActive: 'In progress',
  stateDone: 'Done',
  current: 'You are here',
  open: 'Open chapter',
  hint: 'Point at a chapter for its details; click it to open the lesson.',
  legend: 'Legend',
  durationNone: 'none yet',
  durationUnderMinute: 'under a minute',
  durationMinutes: '{0} min',
  durationHours: '{0} h {1} min',
  nodeLabel: 'Chapter {0}: {1}. {2}, {3} of {4} steps passed',
  empty: 'No lessons were found.',
} as const;

export function mapLabels(translate: (message: string) => string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, message] of Object.entries(MAP_LABELS)) labels[key] = translate(message);
  return labels;
}
