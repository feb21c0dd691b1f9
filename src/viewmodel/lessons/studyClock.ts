// Time spent per chapter, for the course map: the clock runs while a lesson is on screen in the focused panel, and
// only while the learner is there — every interaction (the panel focused, a click, scrolling, typing in the page)
// keeps it running for IDLE_MS more; after that much quiet it stops until the next one. vscode-free (the clock is an
// input) so the accounting is unit-tested; the lesson panel feeds it and the progress store keeps the sums.

/** Quiet time after which the clock stops: a lesson left open over lunch is not five hours of study. */
export const IDLE_MS = 5 * 60 * 1000;

export interface StudyClockOptions {
  now?: () => number;
  idleMs?: number;
  /** Credit `ms` to a lesson (the progress store's addTime). */
  credit(lessonId: string, ms: number): void;
}

export class StudyClock {
  private readonly now: () => number;
  private readonly idleMs: number;
  /** The lesson in use, while its panel is visible and focused. */
  private lessonId: string | undefined;
  /** Counted up to here. */
  private since = 0;
  /** The clock stops here unless something happens first. */
  private awakeUntil = 0;

  constructor(private readonly options: StudyClockOptions) {
    this.now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? IDLE_MS;
  }

  /** The lesson now in use (panel visible and focused), or undefined (hidden, unfocused, closed). Counts as interaction. */
  setActive(lessonId: string | undefined): void {
    this.flush();
    this.lessonId = lessonId;
    const now = this.now();
    this.since = now;
    this.awakeUntil = lessonId === undefined ? now : now + this.idleMs;
  }

  /** The learner did something in the lesson: the clock runs (again) for idleMs from now. */
  interaction(): void {
    if (this.lessonId === undefined) return;
    this.flush();
    this.awakeUntil = this.now() + this.idleMs;
  }

  /** Credit what was counted so far (call now and then, and before the window goes away). */
  flush(): void {
    const now = this.now();
    if (this.lessonId !== undefined) {
      const counted = Math.min(now, this.awakeUntil) - this.since;
      if (counted > 0) this.options.credit(this.lessonId, counted);
    }
    this.since = Math.max(this.since, now);
  }

  get activeLesson(): string | undefined {
    return this.lessonId;
  }
}
