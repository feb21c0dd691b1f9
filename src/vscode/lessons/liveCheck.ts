// The window's side of the live re-check (rules and timing: src/viewmodel/lessons/liveCheck.ts). While the lesson
// panel is visible and `dockerLessons.liveCheck` is on, it listens to the engine's one shared event stream (the same
// GET /events the explorer uses: a second view, not a second connection) and lets the scheduler re-check the lesson's
// current step. Hidden panel or setting off: no listener, so no stream on our account.
import * as vscode from 'vscode';
import type { Disposable as EngineDisposable, EngineEventStream } from '../../engine/api';
import { isQuiet } from '../../viewmodel/explorer/updates';
import { LiveCheckScheduler } from '../../viewmodel/lessons/liveCheck';
import { SETTINGS } from '../ids';
import type { LessonService } from './service';

/** What the live re-check needs to know about the lesson panel. */
export interface LivePanel {
  /** The lesson on screen, while the panel is open and visible. */
  visibleLessonId(): string | undefined;
  /** The panel was shown, hidden, closed, or shows another lesson. */
  readonly onDidChange: vscode.Event<void>;
}

export class LiveCheck implements vscode.Disposable {
  private readonly scheduler: LiveCheckScheduler<string>;
  private stream: EngineEventStream | undefined;
  private streamListeners: EngineDisposable[] = [];
  private shownLesson: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: LessonService, private readonly panel: LivePanel, private readonly log: (line: string) => void = () => undefined) {
    this.scheduler = new LiveCheckScheduler<string>({
      target: () => this.target(),
      check: async (lessonId) => {
        const stepId = await this.service.liveCheck?.(lessonId);
        if (stepId) this.log(`live check: ${lessonId}/${stepId} → ${this.service.progress(lessonId)[stepId]?.state ?? 'idle'}`);
      },
    });
    this.disposables.push(
      panel.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A new engine address: the old engine (and its stream) is gone; listen to the new one.
        if (e.affectsConfiguration(SETTINGS.host)) this.unsubscribe();
        if (e.affectsConfiguration(SETTINGS.host) || e.affectsConfiguration(SETTINGS.liveCheck)) this.update();
      }),
    );
    this.update();
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(SETTINGS.liveCheck, true) !== false;
  }

  /** The lesson to re-check now, if any may be. */
  private target(): string | undefined {
    const lessonId = this.panel.visibleLessonId();
    if (!lessonId || !this.enabled || this.service.runningStep(lessonId) !== undefined) return undefined;
    return lessonId;
  }

  private update(): void {
    const lessonId = this.enabled ? this.panel.visibleLessonId() : undefined;
    if (!lessonId) {
      this.shownLesson = undefined;
      this.unsubscribe();
      return;
    }
    this.subscribe();
    // Shown again, or another lesson: what happened meanwhile in the learner's terminal went unseen.
    if (lessonId !== this.shownLesson) {
      this.shownLesson = lessonId;
      this.scheduler.poke();
    }
  }

  private subscribe(): void {
    if (this.stream) return;
    const stream = this.service.engineEvents?.();
    if (!stream) return;
    this.stream = stream;
    this.streamListeners = [
      // Execs (a check's own `exec`, health checks) change nothing a check looks at twice: they would only loop.
      stream.onEvent((event) => { if (!isQuiet(event)) this.scheduler.poke(); }),
      // Back after a drop: events in the gap are lost, so look once.
      stream.onConnection((connected) => { if (connected) this.scheduler.poke(); }),
    ];
  }

  private unsubscribe(): void {
    for (const listener of this.streamListeners.splice(0)) listener.dispose();
    this.stream?.dispose();
    this.stream = undefined;
  }

  dispose(): void {
    this.scheduler.dispose();
    this.unsubscribe();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
