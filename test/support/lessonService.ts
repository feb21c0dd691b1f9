// A LessonService (src/vscode/lessons/service.ts) over parsed lessons that records what the front ends ask of it, for
// the lesson panel's tests. Import test/support/vscodeMock first: the contract's event is a vscode EventEmitter's.
import * as vscode from 'vscode';
import type { Lesson } from '../../src/lessons/schema';
import type { StepProgress } from '../../src/lessons/progress';
import type { LessonService, ProgressChange } from '../../src/vscode/lessons/service';

export interface ServiceCall {
  method: 'runStep' | 'checkStep' | 'cancelStep' | 'resetLesson' | 'openStepFile' | 'setVar';
  args: unknown[];
}

export class RecordingLessonService implements LessonService {
  /** The actions asked for (reads such as lessons() or progress() are not recorded). */
  readonly calls: ServiceCall[] = [];
  readonly stored = new Map<string, Record<string, StepProgress>>();
  readonly vars = new Map<string, Record<string, string>>();
  running: { lessonId: string; stepId: string } | undefined;
  /** What runStep does besides being recorded (a test may make it fail). */
  onRun: (lessonId: string, stepId: string) => Promise<void> = async () => undefined;
  private readonly changed = new vscode.EventEmitter<ProgressChange>();
  readonly onDidChangeProgress = this.changed.event;
  private last: { lessonId: string; stepId?: string } | undefined;

  constructor(private readonly all: Lesson[]) {}

  async lessons(): Promise<Lesson[]> { return this.all; }
  async lesson(idOrOrder: string): Promise<Lesson | undefined> {
    return this.all.find((lesson) => lesson.meta.id === idOrOrder || String(lesson.meta.order) === idOrOrder);
  }
  progress(lessonId: string): Record<string, StepProgress> { return { ...this.stored.get(lessonId) }; }
  runningStep(lessonId: string): string | undefined { return this.running?.lessonId === lessonId ? this.running.stepId : undefined; }

  async runStep(lessonId: string, stepId: string, vars: Record<string, string>): Promise<void> {
    this.calls.push({ method: 'runStep', args: [lessonId, stepId, vars] });
    await this.onRun(lessonId, stepId);
  }
  async checkStep(lessonId: string, stepId: string, vars: Record<string, string>): Promise<StepProgress | undefined> {
    this.calls.push({ method: 'checkStep', args: [lessonId, stepId, vars] });
    return undefined;
  }
  cancelStep(lessonId: string, stepId: string): void { this.calls.push({ method: 'cancelStep', args: [lessonId, stepId] }); }
  async resetLesson(lessonId: string): Promise<void> { this.calls.push({ method: 'resetLesson', args: [lessonId] }); }
  async openStepFile(lessonId: string, stepId: string): Promise<void> { this.calls.push({ method: 'openStepFile', args: [lessonId, stepId] }); }
  varValues(lessonId: string): Record<string, string> { return { ...this.vars.get(lessonId) }; }
  setVar(lessonId: string, name: string, value: string): void {
    this.calls.push({ method: 'setVar', args: [lessonId, name, value] });
    this.vars.set(lessonId, { ...this.vars.get(lessonId), [name]: value });
  }
  lastPosition(): { lessonId: string; stepId?: string } | undefined { return this.last; }
  noteOpened(lessonId: string, stepId?: string): void { this.last = { lessonId, stepId }; }
  async clearAllProgress(): Promise<void> { this.stored.clear(); }

  /** A verdict arrives (as the host's StepVerdicts would fire it). */
  setProgress(lessonId: string, stepId: string, progress: StepProgress): void {
    this.stored.set(lessonId, { ...this.stored.get(lessonId), [stepId]: progress });
    this.changed.fire({ lessonId, stepId });
  }

  dispose(): void { this.changed.dispose(); }
}
