// Live re-check (issue 12): while a lesson is on screen, engine events re-evaluate the current step's checks, so a step
// the learner did in their own terminal turns ✓ without pressing ✔. The rules are here, vscode-free, so they are
// unit-tested in plain Node; src/vscode/lessons/liveCheck.ts feeds them the panel, the setting and the engine events.
// - which step: the one the learner last ran / checked / went to in this lesson, else the next one not passed;
// - when: trailing debounce after the last event, at most one re-check in flight (events meanwhile give one more);
//   never while a step of the lesson runs, never while the panel is hidden or the setting is off;
// - what it may change: a pass sets ✓ (marked `auto`); a failure only refreshes an earlier "not yet", never replaces a
//   ✓ and never shows anything new (no pop-up, no ✗ on a step the learner has not tried).
import type { StepProgress } from '../../lessons/progress';

/** Step kinds whose checks are never re-checked: nothing to run (explain), or the learner's saved file decides (edit). */
const NOT_LIVE = new Set(['explain', 'edit']);

export interface LiveStep {
  id: string;
  /** A string, not the schema's union: kinds added later (`challenge`) are live-checked like any runnable step. */
  kind: string;
}

export function isLiveCheckable(step: LiveStep): boolean {
  return !NOT_LIVE.has(step.kind);
}

/**
 * The step to re-check: the learner's last step in this lesson (`lastStepId`) while it is not passed; once it is, the
 * next one after it that is not; else the first one not passed. Undefined when every live-checkable step passed.
 */
export function liveCheckTarget(steps: readonly LiveStep[], progress: Record<string, StepProgress>, lastStepId?: string): string | undefined {
  const open = (step: LiveStep) => isLiveCheckable(step) && progress[step.id]?.state !== 'passed';
  const from = lastStepId === undefined ? -1 : steps.findIndex((step) => step.id === lastStepId);
  if (from >= 0) {
    const next = steps.slice(from).find(open);
    if (next) return next.id;
  }
  return steps.find(open)?.id;
}

/**
 * What a live re-check's verdict becomes: `previous` is the step's verdict now, `checked` the re-check's. Undefined:
 * leave the step as it is.
 */
export function liveVerdict(previous: StepProgress | undefined, checked: StepProgress): StepProgress | undefined {
  if (previous?.state === 'passed') return undefined; // a ✓ is never taken back by a check nobody asked for
  if (checked.state === 'passed') return { ...checked, auto: true };
  // Only an earlier "not yet" is refreshed; an idle step stays idle, an error or a skip is never announced.
  if (checked.state === 'failed' && previous?.state === 'failed') return { ...checked, auto: true };
  return undefined;
}

export interface LiveCheckTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LiveCheckSchedulerOptions<T> {
  /** Quiet time after the last event before re-checking (trailing debounce). Default 400 ms. */
  delayMs?: number;
  /**
   * Asked when the debounce ends: what to re-check now, or undefined when nothing may be (panel hidden, setting off,
   * a step of the lesson running, every step passed).
   */
  target(): T | undefined;
  /** The re-check itself; its verdict goes through liveVerdict. */
  check(target: T): Promise<void>;
  timers?: LiveCheckTimers;
}

const realTimers: LiveCheckTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Debounces engine events into re-checks, one at a time. */
export class LiveCheckScheduler<T> {
  private readonly delayMs: number;
  private readonly timers: LiveCheckTimers;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  /** An event came while a re-check ran: it may have changed what that re-check saw, so one more follows. */
  private again = false;
  private disposed = false;

  constructor(private readonly options: LiveCheckSchedulerOptions<T>) {
    this.delayMs = options.delayMs ?? 400;
    this.timers = options.timers ?? realTimers;
  }

  /** Something changed (an engine event, the panel shown): re-check once things are quiet for `delayMs`. */
  poke(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, this.delayMs);
  }

  /** The re-check in flight, if any (tests wait for it). */
  get running(): Promise<void> | undefined {
    return this.inFlight;
  }

  get pending(): boolean {
    return this.timer !== undefined || this.again;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
  }

  private fire(): void {
    if (this.disposed) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const target = this.options.target();
    if (!target) return;
    this.inFlight = this.options.check(target)
      .catch(() => undefined) // a re-check nobody asked for never reports its own failure
      .finally(() => {
        this.inFlight = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }
}
