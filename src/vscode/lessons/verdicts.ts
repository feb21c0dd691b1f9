// What the lesson front ends show per step: the engine's last verdict (kept in globalState across reloads) and, over it,
// what is in flight (running / checking) or not worth keeping (cancelled, an error before the run). One event for both.
import * as vscode from 'vscode';
import type { CheckWait } from '../../checks/types';
import type { StepOutcome } from '../../runner';
import type { StepProgress } from '../../lessons/progress';
import { ProgressStore } from './progressStore';
import type { ProgressChange } from './service';

/** Verdicts worth keeping across reloads. */
const STORED_STATES = new Set<StepProgress['state']>(['passed', 'failed', 'skipped', 'started', 'stale']);
const key = (lessonId: string, stepId: string) => `${lessonId}\u0000${stepId}`;

/** A runner outcome as the lesson page and the tree show it. */
export function verdictOf(outcome: Pick<StepOutcome, 'status' | 'checks' | 'message' | 'redo'>): StepProgress {
  return {
    state: outcome.status,
    checks: outcome.checks.map((c) => ({
      kind: c.kind, pass: c.pass, title: c.title, expected: c.expected, actual: c.actual, hint: c.hint, ...(c.madeBy ? { madeBy: c.madeBy } : {}),
    })),
    ...(outcome.message ? { message: outcome.message } : {}),
    ...(outcome.redo && outcome.status === 'failed' ? { redo: outcome.redo } : {}),
  };
}

/** A check waiting for the engine, as the page shows it over "Checking…" (undefined: no longer waiting). */
export function waitingProgress(wait: CheckWait | undefined): StepProgress {
  return { state: 'checking', checks: [], ...(wait ? { waiting: { title: wait.title, expected: wait.expected, seconds: Math.ceil(wait.remainingMs / 1000) } } : {}) };
}

export class StepVerdicts implements vscode.Disposable {
  readonly store: ProgressStore;
  private readonly transient = new Map<string, StepProgress>();
  private readonly changed = new vscode.EventEmitter<ProgressChange>();
  readonly onDidChange = this.changed.event;
  private readonly forward: vscode.Disposable;

  constructor(globalState: vscode.Memento) {
    this.store = new ProgressStore(globalState);
    this.forward = this.store.onDidChangeProgress((e) => this.changed.fire(e));
  }

  progress(lessonId: string): Record<string, StepProgress> {
    const result = this.store.progress(lessonId);
    for (const [k, value] of this.transient) {
      const [lesson, step] = k.split('\u0000');
      if (lesson === lessonId) result[step] = value;
    }
    return result;
  }

  current(lessonId: string, stepId: string): StepProgress | undefined {
    return this.transient.get(key(lessonId, stepId));
  }

  /** In flight, or a verdict that is not kept (undefined clears it). */
  setTransient(lessonId: string, stepId: string, progress: StepProgress | undefined): void {
    if (progress) this.transient.set(key(lessonId, stepId), progress);
    else if (!this.transient.delete(key(lessonId, stepId))) return;
    this.changed.fire({ lessonId, stepId });
  }

  set(lessonId: string, stepId: string, progress: StepProgress): void {
    const verdict = { ...progress, at: progress.at ?? Date.now() };
    if (STORED_STATES.has(verdict.state)) {
      this.transient.delete(key(lessonId, stepId));
      this.store.record(lessonId, stepId, verdict); // fires through the store
    } else {
      this.setTransient(lessonId, stepId, verdict);
    }
  }

  /** The step session's `waiting` hook: a check's wait, shown over "Checking…" on the page. */
  waiter(lessonId: string, stepId: string): (wait: CheckWait | undefined) => void {
    return (wait) => this.setTransient(lessonId, stepId, waitingProgress(wait));
  }

  /** Announce a change without a new state (a run ended without a verdict of its own). */
  touch(lessonId: string, stepId: string): void {
    this.changed.fire({ lessonId, stepId });
  }

  forgetLesson(lessonId: string): void {
    for (const k of [...this.transient.keys()]) if (k.startsWith(`${lessonId}\u0000`)) this.transient.delete(k);
    this.store.resetLesson(lessonId);
    this.changed.fire({ lessonId });
  }

  async clearAll(): Promise<void> {
    const lessonIds = new Set([...this.transient.keys()].map((k) => k.split('\u0000')[0]));
    this.transient.clear();
    await this.store.clearAll();
    for (const lessonId of lessonIds) this.changed.fire({ lessonId });
  }

  dispose(): void {
    this.forward.dispose();
    this.store.dispose();
    this.changed.dispose();
  }
}
