// Learner progress as plain data: the engine's last verdict per step, variable values per lesson and the last
// position. vscode-free (the store is anything Memento-like), so it is unit-tested in plain Node; progressStore.ts
// adapts it to `context.globalState`. Only verdicts are persisted — "running"/"checking" live in memory — plus the
// last output of each run step, so `output` / `exitCode` checks can be re-checked after a reload.
import * as z from 'zod';
import type { StepOutput } from '../../checks/types';
import { stepProgress, VERDICT_STATES, type StepProgress } from '../../lessons/progress';
import { countedSteps } from '../../lessons/numbering';

/** The subset of vscode.Memento we use. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const PROGRESS_KEY = 'dockerLessons.progress';

/** Each stored stream is cut to this many UTF-8 bytes: enough for any check, small enough for globalState. */
export const OUTPUT_CAP_BYTES = 16 * 1024;

const storedOutput = z.object({
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
});

const lessonRecord = z.object({
  steps: z.record(z.string(), z.unknown()).default({}),
  vars: z.record(z.string(), z.string()).default({}),
  // Added later: entries written before have none.
  outputs: z.record(z.string(), z.unknown()).default({}),
  /** Milliseconds spent with the lesson on screen (studyClock.ts); added later, absent in older data. */
  timeMs: z.number().nonnegative().finite().optional().catch(undefined),
});
const storedData = z.object({
  version: z.literal(1),
  lessons: z.record(z.string(), z.unknown()).default({}),
  last: z.object({ lessonId: z.string(), stepId: z.string().optional(), at: z.number() }).optional(),
});

export interface LessonProgressRecord {
  steps: Record<string, StepProgress>;
  vars: Record<string, string>;
  /** The last output of each step that was run (capped, see OUTPUT_CAP_BYTES); absent in older data. */
  outputs?: Record<string, StepOutput>;
  /** Time spent with the lesson open and in use, in ms (see studyClock.ts); absent until some was counted. */
  timeMs?: number;
}

export interface ProgressData {
  version: 1;
  lessons: Record<string, LessonProgressRecord>;
  last?: { lessonId: string; stepId?: string; at: number };
}

export function emptyProgress(): ProgressData {
  return { version: 1, lessons: {} };
}

/** Read what was stored, dropping (not failing on) anything malformed: a corrupt entry costs one step, not all. */
export function parseProgressData(raw: unknown): ProgressData {
  const top = storedData.safeParse(raw);
  if (!top.success) return emptyProgress();
  const data: ProgressData = { version: 1, lessons: {}, last: top.data.last };
  for (const [lessonId, value] of Object.entries(top.data.lessons)) {
    const lesson = lessonRecord.safeParse(value);
    if (!lesson.success) continue;
    const steps: Record<string, StepProgress> = {};
    for (const [stepId, progress] of Object.entries(lesson.data.steps)) {
      const parsed = stepProgress.safeParse(progress);
      if (parsed.success && VERDICT_STATES.has(parsed.data.state)) steps[stepId] = parsed.data;
    }
    const outputs: Record<string, StepOutput> = {};
    for (const [stepId, output] of Object.entries(lesson.data.outputs)) {
      const parsed = storedOutput.safeParse(output);
      if (parsed.success) outputs[stepId] = parsed.data;
    }
    data.lessons[lessonId] = {
      steps, vars: lesson.data.vars, ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
      ...(lesson.data.timeMs ? { timeMs: lesson.data.timeMs } : {}),
    };
  }
  return data;
}

/** The first `maxBytes` UTF-8 bytes of `text`, never cutting a character in half (the head: checks anchor at `^`). */
export function capUtf8(text: string, maxBytes = OUTPUT_CAP_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // bytes[end] continues a character that starts before it
  return bytes.subarray(0, end).toString('utf8');
}

export function capOutput(output: StepOutput): StepOutput {
  return { exitCode: output.exitCode, stdout: capUtf8(output.stdout), stderr: capUtf8(output.stderr) };
}

export interface ProgressEvent {
  lessonId: string;
  stepId?: string;
}

/** Steps that count towards a lesson's progress (src/lessons/numbering.ts: explain steps never count). */
export interface CountableStep {
  id: string;
  kind: string;
}

export interface LessonShare {
  done: number;
  total: number;
  /** 0–100, rounded down so 100 means really everything. */
  percent: number;
  complete: boolean;
}

export function lessonShare(steps: readonly CountableStep[], progress: Record<string, StepProgress>): LessonShare {
  const countable = countedSteps(steps);
  const done = countable.filter((step) => progress[step.id]?.state === 'passed').length;
  const total = countable.length;
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return { done, total, percent, complete: total > 0 && done === total };
}

export class ProgressModel {
  private data: ProgressData;
  private readonly listeners = new Set<(event: ProgressEvent) => void>();
  /** Writes are chained so they land in order; `flush()` waits for the last one. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly memento: MementoLike, private readonly key = PROGRESS_KEY, private readonly now = () => Date.now()) {
    this.data = parseProgressData(memento.get(key));
  }

  onDidChange(listener: (event: ProgressEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The stored verdicts of a lesson (a copy). */
  progress(lessonId: string): Record<string, StepProgress> {
    return { ...(this.data.lessons[lessonId]?.steps ?? {}) };
  }

  stepProgress(lessonId: string, stepId: string): StepProgress | undefined {
    return this.data.lessons[lessonId]?.steps[stepId];
  }

  /** Store the engine's verdict for a step (in-flight states are refused: they must not survive a reload). */
  record(lessonId: string, stepId: string, progress: StepProgress): void {
    if (!VERDICT_STATES.has(progress.state)) throw new Error(`not a verdict: ${progress.state}`);
    const lesson = this.lesson(lessonId);
    lesson.steps[stepId] = { ...progress, at: progress.at ?? this.now() };
    this.data.last = { lessonId, stepId, at: this.now() };
    this.save({ lessonId, stepId });
  }

  /** Keep the output of a step's run (capped) for a later check-only run; no change event: it is not a verdict. */
  recordOutput(lessonId: string, stepId: string, output: StepOutput): void {
    const lesson = this.lesson(lessonId);
    (lesson.outputs ??= {})[stepId] = capOutput(output);
    this.save(undefined);
  }

  /** The last stored output of a step, or undefined when it was never run (or its lesson was reset since). */
  stepOutput(lessonId: string, stepId: string): StepOutput | undefined {
    const output = this.data.lessons[lessonId]?.outputs?.[stepId];
    return output && { ...output };
  }

  /** True once any step of any lesson has passed (the walkthrough's "run your first step"). */
  anyPassed(): boolean {
    return Object.values(this.data.lessons).some((lesson) => Object.values(lesson.steps).some((p) => p.state === 'passed'));
  }

  varValues(lessonId: string): Record<string, string> {
    return { ...(this.data.lessons[lessonId]?.vars ?? {}) };
  }

  /** Count time spent on a lesson (the study clock's credits); no change event: the course map asks when it draws. */
  addTime(lessonId: string, ms: number): void {
    if (!(ms > 0) || !Number.isFinite(ms)) return;
    const lesson = this.lesson(lessonId);
    lesson.timeMs = (lesson.timeMs ?? 0) + Math.round(ms);
    this.save(undefined);
  }

  /** Milliseconds spent on a lesson so far (0 when none was counted). */
  timeSpent(lessonId: string): number {
    return this.data.lessons[lessonId]?.timeMs ?? 0;
  }

  setVar(lessonId: string, name: string, value: string): void {
    const lesson = this.lesson(lessonId);
    if (lesson.vars[name] === value) return;
    lesson.vars[name] = value;
    this.save({ lessonId });
  }

  /** Remember where the learner is, without a verdict (a lesson opened, a step shown). */
  setLastPosition(lessonId: string, stepId?: string): void {
    const last = this.data.last;
    if (last && last.lessonId === lessonId && last.stepId === stepId) return;
    this.data.last = { lessonId, stepId, at: this.now() };
    this.save(undefined);
  }

  lastPosition(): { lessonId: string; stepId?: string } | undefined {
    const last = this.data.last;
    return last ? { lessonId: last.lessonId, stepId: last.stepId } : undefined;
  }

  /** Forget a lesson's verdicts and outputs (its variable values and time spent stay: the learner's, not the engine's). */
  resetLesson(lessonId: string): void {
    const lesson = this.data.lessons[lessonId];
    if (!lesson || (Object.keys(lesson.steps).length === 0 && !lesson.outputs)) return;
    lesson.steps = {};
    delete lesson.outputs;
    this.save({ lessonId });
  }

  /** Forget every verdict, output, time spent and the last position; variable values stay. */
  clearAll(): Promise<void> {
    const lessonIds = Object.keys(this.data.lessons);
    for (const lesson of Object.values(this.data.lessons)) {
      lesson.steps = {};
      delete lesson.outputs;
      delete lesson.timeMs;
    }
    this.data.last = undefined;
    this.save(undefined);
    for (const lessonId of lessonIds) this.emit({ lessonId });
    return this.flush();
  }

  /** Resolves when every write so far has reached the memento. */
  flush(): Promise<void> {
    return this.writing;
  }

  private lesson(lessonId: string): LessonProgressRecord {
    return (this.data.lessons[lessonId] ??= { steps: {}, vars: {} });
  }

  private save(event: ProgressEvent | undefined): void {
    // Snapshot now: a later change must not leak into an earlier write.
    const snapshot = structuredClone(this.data);
    this.writing = this.writing.then(() => this.memento.update(this.key, snapshot)).catch(() => undefined);
    if (event) this.emit(event);
  }

  private emit(event: ProgressEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
