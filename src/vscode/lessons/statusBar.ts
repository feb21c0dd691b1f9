// Where the learner is: "$(mortar-board) 第 3 课 · 2/7" on the left of the status bar, next to the engine item that
// src/vscode/engine/statusBar.ts already shows (one engine item is enough). It follows the lesson last opened or run
// (the one on screen), counting steps as the page and the tree do. Click: continue the current lesson, or open the
// walkthrough when none was started yet.
import * as vscode from 'vscode';
import type { LazyLessonHost } from './lazyHost';
import { LESSON_COMMANDS, STATUS_BAR_ITEMS } from '../ids';

// progressModel carries zod schemas; it is only needed once a lesson is loaded, and then already initialised.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const progressModel = (): typeof import('../../viewmodel/lessons/progress') => require('../../viewmodel/lessons/progress') as typeof import('../../viewmodel/lessons/progress');

/** Just right of the engine item (priority 10). */
const PRIORITY = 9;
/**
 * A returning learner's item names their lesson, which needs the parsed lessons. Parsing them is not part of
 * activating (which may be for Markdown help only): it waits this long unless something else loads them first.
 */
const DEFERRED_LOAD_MS = 1500;

export class LessonStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ITEMS.lesson, vscode.StatusBarAlignment.Left, PRIORITY);
  private readonly subscriptions: vscode.Disposable[];
  private deferredLoad: NodeJS.Timeout | undefined;

  constructor(private readonly lessons: LazyLessonHost) {
    this.item.name = vscode.l10n.t('Docker lesson');
    this.subscriptions = [
      lessons.onDidChangeProgress(() => this.update()),
      lessons.onDidChangeLessons(() => this.update()),
      // Opening another lesson moves the learner there before any verdict changes.
      lessons.onDidNoteOpened(() => this.update()),
      // The lessons are parsed lazily; draw once they are there.
      lessons.onDidCreateHost((host) => void host.lessons().then(() => this.update(), () => this.update())),
    ];
    if (lessons.created) void lessons.created.lessons().then(() => this.update(), () => this.update());
    else if (lessons.hasStoredPosition()) {
      this.deferredLoad = setTimeout(() => {
        this.deferredLoad = undefined;
        lessons.host();
      }, DEFERRED_LOAD_MS);
    }
    this.update();
  }

  update(): void {
    // Before the host exists no lesson is loaded: the learner sees the "start" item, as before the first parse.
    const host = this.lessons.created;
    const position = host?.lastPosition();
    const lesson = position && host?.loadedLessons.find((l) => l.meta.id === position.lessonId);
    if (!host || !lesson) {
      this.item.text = `$(mortar-board) ${vscode.l10n.t('Start the Docker lessons')}`;
      this.item.tooltip = vscode.l10n.t('Open the getting-started walkthrough of the Docker lessons.');
      this.item.command = { command: LESSON_COMMANDS.continue, title: vscode.l10n.t('Continue where I left off') };
    } else {
      const share = progressModel().lessonShare(lesson.steps, host.progress(lesson.meta.id));
      this.item.text = `$(mortar-board) ${vscode.l10n.t('Lesson {0} · {1}/{2}', lesson.meta.order, share.done, share.total)}`;
      this.item.tooltip = share.total === 1
        ? vscode.l10n.t('{0}: {1} of 1 step passed. Click to continue.', lesson.meta.title, share.done)
        : vscode.l10n.t('{0}: {1} of {2} steps passed. Click to continue.', lesson.meta.title, share.done, share.total);
      this.item.command = { command: LESSON_COMMANDS.continue, title: vscode.l10n.t('Continue where I left off') };
    }
    this.item.show();
  }

  dispose(): void {
    if (this.deferredLoad) clearTimeout(this.deferredLoad);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
