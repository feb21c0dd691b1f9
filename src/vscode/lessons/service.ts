// The contract between the lesson front ends (lessons tree, lesson webview panel, walkthrough, status bar) and the
// host-side lesson logic (LessonService in ./lessonService.ts), so each side can be built and tested on its own.
import type * as vscode from 'vscode';
import type { EngineEventStream } from '../../engine/api';
import type { Lesson } from '../../lessons/schema';
import type { StepProgress } from '../../lessons/progress';

export interface ProgressChange {
  lessonId: string;
  /** Absent when the whole lesson changed (reset, load). */
  stepId?: string;
}

export interface LessonService extends vscode.Disposable {
  /** Parsed lessons, loaded lazily from the extension's lessons/ folder (bad files are reported, not thrown). */
  lessons(): Promise<Lesson[]>;
  lesson(idOrOrder: string): Promise<Lesson | undefined>;
  /** The engine's last verdict per step (persisted in globalState, survives a reload). */
  progress(lessonId: string): Record<string, StepProgress>;
  readonly onDidChangeProgress: vscode.Event<ProgressChange>;
  /** The step currently running in this lesson, if any (only one per lesson at a time). */
  runningStep(lessonId: string): string | undefined;

  /**
   * Run the step as a `docker-lesson` task (asks first for destructive steps), then check it. What it made when it ran
   * before goes first; `undo`: the steps (ids) whose objects go first instead (a redo's whole chain, on its first step).
   */
  runStep(lessonId: string, stepId: string, vars: Record<string, string>, options?: { undo?: readonly string[] }): Promise<void>;
  /** Check only (the learner ran the command themselves); the verdict, or undefined when nothing was checked. */
  checkStep(lessonId: string, stepId: string, vars: Record<string, string>): Promise<StepProgress | undefined>;
  cancelStep(lessonId: string, stepId: string): void;
  /** Remove what the lesson made (confirmation lists it) and clear its progress. */
  resetLesson(lessonId: string): Promise<void>;
  /** Open (creating from the template if needed) the file an `edit` step asks the learner to write. */
  openStepFile(lessonId: string, stepId: string): Promise<void>;
  varValues(lessonId: string): Record<string, string>;
  setVar(lessonId: string, name: string, value: string): void;
  /** The lesson last opened or run: "continue where I left off". */
  lastPosition(): { lessonId: string; stepId?: string } | undefined;
  /** Record that the learner opened a lesson (at a step): what lastPosition() returns next. (Added by the lessons host.) */
  noteOpened?(lessonId: string, stepId?: string): void;
  clearAllProgress(): Promise<void>;
  /** Re-check the lesson's current step quietly (an engine event while the lesson is on screen); the step's id, if any. */
  liveCheck?(lessonId: string): Promise<string | undefined>;
  /** Count time spent on a lesson (the panel's study clock). */
  addTime?(lessonId: string, ms: number): void;
  /** Milliseconds spent on a lesson so far. */
  timeSpent?(lessonId: string): number;
  /** A view of the engine's one shared event stream, for the live re-check; undefined when there is no engine. */
  engineEvents?(): EngineEventStream | undefined;
  /** Open (or show again) the lesson's terminal: the engine's environment, the lesson's working folder. */
  openLessonTerminal?(lessonId: string): Promise<void>;
  /**
   * A challenge's reference solution with these values (shell-quoted, without the runner's label), or undefined while
   * no check of it has failed yet: it is never shown before.
   */
  challengeSolution?(lessonId: string, stepId: string, vars: Record<string, string>): Promise<string | undefined>;
}
