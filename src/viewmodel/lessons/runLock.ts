// One run at a time per lesson, and the hand-off from the Run button to the task execution VS Code starts for it.
//
// Why a hand-off: VS Code's extension host keeps ONE CustomExecution per task id, and a contributed task's id is
// derived from its definition ({ type, lesson, step }). The Run button's task and the task provider's task for the
// same step therefore share an id; when VS Code calls provideTasks between our executeTask and the execution's start
// (it fetches provided tasks on the first run of a window), the provider's callback replaces ours. That callback used
// to take the lesson lock itself — already held by the Run button — and failed with "Another step of this lesson is
// running". Now every step task's callback first claims the pending hand-off, so whichever callback VS Code calls,
// the run that holds the lock does the work. vscode-free, so it is unit-tested in plain Node.

export interface LockEntry {
  readonly stepId: string;
}

export class LessonRunLock<E extends LockEntry, W> {
  private readonly held = new Map<string, E>();
  private readonly handoffs = new Map<string, { entry: E; work: W }>();

  /** The run holding the lesson, if any. */
  holder(lessonId: string): E | undefined {
    return this.held.get(lessonId);
  }

  isBusy(lessonId: string): boolean {
    return this.held.has(lessonId);
  }

  /** Take the lesson for `entry`; false (and nothing changes) when another run holds it. */
  tryAcquire(lessonId: string, entry: E): boolean {
    if (this.held.has(lessonId)) return false;
    this.held.set(lessonId, entry);
    return true;
  }

  /** Free the lesson, only if `entry` still holds it (a stale release must not free someone else's run). */
  release(lessonId: string, entry: E): boolean {
    if (this.held.get(lessonId) !== entry) return false;
    this.held.delete(lessonId);
    this.handoffs.delete(lessonId);
    return true;
  }

  /** The holder's work, waiting for its task execution to start and claim it. */
  offer(lessonId: string, entry: E, work: W): void {
    if (this.held.get(lessonId) !== entry) throw new Error(`offer without holding lesson ${lessonId}`);
    this.handoffs.set(lessonId, { entry, work });
  }

  /** Take the pending work for this step (once); undefined when nothing was offered: a run started elsewhere. */
  claim(lessonId: string, stepId: string): W | undefined {
    const pending = this.handoffs.get(lessonId);
    if (!pending || pending.entry.stepId !== stepId || this.held.get(lessonId) !== pending.entry) return undefined;
    this.handoffs.delete(lessonId);
    return pending.work;
  }

  /** Drop an unclaimed offer (the task ended without starting). */
  withdraw(lessonId: string, work: W): void {
    if (this.handoffs.get(lessonId)?.work === work) this.handoffs.delete(lessonId);
  }

  entries(): E[] {
    return [...this.held.values()];
  }
}
