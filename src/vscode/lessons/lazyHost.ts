// The LessonHost, created on first need. The host pulls in the lesson parser, the runner, the checks and their zod
// schemas (tens of milliseconds to initialise), which an activation for Markdown or Dockerfile help never uses. The
// long-lived front ends (tree, status bar, walkthrough, panel, task provider) hold this light stand-in instead: it
// relays the host's events once the host exists, and any real request creates it.
import * as vscode from 'vscode';
import type { EngineEventStream } from '../../engine/api';
import type { Lesson, Step } from '../../lessons/schema';
import type { StepProgress } from '../../lessons/progress';
import type { LessonHost, LessonHostOptions } from './host';
import type { LessonService, ProgressChange } from './service';
import { STORAGE_KEYS } from '../ids';
import type { StepTaskSource } from './tasks';

// esbuild initialises a bundled module reached only through require() on that first call, not when the bundle loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lessonServiceModule = (): typeof import('./host') => require('./host') as typeof import('./host');

/** progressModel's key, repeated so reading it does not load that module (the type keeps the two equal). */

/** A loose look at the stored progress, for the two answers needed before the host exists. */
interface RawProgress {
  version?: unknown;
  lessons?: Record<string, { steps?: Record<string, { state?: unknown } | undefined> } | undefined>;
  last?: { lessonId?: unknown };
}

export class LazyLessonHost implements LessonService, StepTaskSource {
  private current: LessonHost | undefined;
  private readonly hostSubscriptions: vscode.Disposable[] = [];
  private readonly progressRelay = new vscode.EventEmitter<ProgressChange>();
  readonly onDidChangeProgress = this.progressRelay.event;
  private readonly lessonsRelay = new vscode.EventEmitter<void>();
  /** Fired after the lessons were reloaded (the host's onDidChangeLessons). */
  readonly onDidChangeLessons = this.lessonsRelay.event;
  private readonly positionRelay = new vscode.EventEmitter<void>();
  /** Fired after a lesson was shown (noteOpened): the status bar and the walkthrough follow the open lesson. */
  readonly onDidNoteOpened = this.positionRelay.event;
  private readonly createdEmitter = new vscode.EventEmitter<LessonHost>();
  /** Fired once, when something first needed the host. */
  readonly onDidCreateHost = this.createdEmitter.event;
  private disposed = false;

  constructor(private readonly options: LessonHostOptions) {}

  /** The host if something already created it (synchronous views must not create it). */
  get created(): LessonHost | undefined {
    return this.current;
  }

  /** The host, created now if needed. */
  host(): LessonHost {
    if (this.current) return this.current;
    if (this.disposed) throw new Error('The lessons host was disposed.');
    const host = new (lessonServiceModule().LessonHost)(this.options);
    this.current = host;
    this.hostSubscriptions.push(
      host.onDidChangeProgress((change) => this.progressRelay.fire(change)),
      host.onDidChangeLessons(() => this.lessonsRelay.fire()),
    );
    this.createdEmitter.fire(host);
    return host;
  }

  /** Whether some step ever passed; read from storage without the host while it does not exist. */
  anyPassed(): boolean {
    if (this.current) return this.current.store.anyPassed();
    const raw = this.storedProgress();
    return !!raw && Object.values(raw.lessons ?? {})
      .some((lesson) => Object.values(lesson?.steps ?? {}).some((progress) => progress?.state === 'passed'));
  }

  /** Whether a last position was stored: the status bar then wants the lessons, so it loads them soon. */
  hasStoredPosition(): boolean {
    if (this.current) return this.current.lastPosition() !== undefined;
    return typeof this.storedProgress()?.last?.lessonId === 'string';
  }

  private storedProgress(): RawProgress | undefined {
    const raw = this.options.globalState.get<RawProgress>(STORAGE_KEYS.progress);
    return raw && typeof raw === 'object' && raw.version === 1 ? raw : undefined;
  }

  // ------------------------------------------------------------------------------------- LessonService → host

  lessons(): Promise<Lesson[]> { return this.host().lessons(); }
  lesson(idOrOrder: string): Promise<Lesson | undefined> { return this.host().lesson(idOrOrder); }
  progress(lessonId: string): Record<string, StepProgress> { return this.host().progress(lessonId); }
  runningStep(lessonId: string): string | undefined { return this.current?.runningStep(lessonId); }
  runStep(lessonId: string, stepId: string, vars: Record<string, string>, options?: { undo?: readonly string[] }): Promise<void> {
    return this.host().runStep(lessonId, stepId, vars, options);
  }
  checkStep(lessonId: string, stepId: string, vars: Record<string, string>): Promise<StepProgress | undefined> { return this.host().checkStep(lessonId, stepId, vars); }
  cancelStep(lessonId: string, stepId: string): void { this.current?.cancelStep(lessonId, stepId); }
  resetLesson(lessonId: string): Promise<void> { return this.host().resetLesson(lessonId); }
  openStepFile(lessonId: string, stepId: string): Promise<void> { return this.host().openStepFile(lessonId, stepId); }
  openLessonTerminal(lessonId: string): Promise<void> { return this.host().openLessonTerminal(lessonId); }
  challengeSolution(lessonId: string, stepId: string, vars: Record<string, string>): Promise<string | undefined> {
    return this.host().challengeSolution(lessonId, stepId, vars);
  }
  varValues(lessonId: string): Record<string, string> { return this.host().varValues(lessonId); }
  setVar(lessonId: string, name: string, value: string): void { this.host().setVar(lessonId, name, value); }
  lastPosition(): { lessonId: string; stepId?: string } | undefined { return this.host().lastPosition(); }
  noteOpened(lessonId: string, stepId?: string): void {
    this.host().noteOpened(lessonId, stepId);
    this.positionRelay.fire();
  }
  clearAllProgress(): Promise<void> { return this.host().clearAllProgress(); }
  liveCheck(lessonId: string): Promise<string | undefined> { return this.host().liveCheck(lessonId); }
  addTime(lessonId: string, ms: number): void { this.host().addTime(lessonId, ms); }
  timeSpent(lessonId: string): number { return this.host().timeSpent(lessonId); }
  /** Without the host: only the engine's shared event stream. */
  engineEvents(): EngineEventStream | undefined {
    try {
      return this.options.engine().events();
    } catch {
      return undefined;
    }
  }
  taskFor(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): vscode.Task | undefined {
    return this.host().taskFor(lesson, step, vars);
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.hostSubscriptions.splice(0)) s.dispose();
    this.current?.dispose();
    this.progressRelay.dispose();
    this.lessonsRelay.dispose();
    this.positionRelay.dispose();
    this.createdEmitter.dispose();
  }
}
