// Where the learner is: "$(mortar-board) 第 3 课 · 2/7" on the left of the status bar, next to the engine item that
// src/views/statusBar.ts already shows (one engine item is enough). Click: continue the current lesson, or open the
// walkthrough when none was started yet.
import * as vscode from 'vscode';
import { lessonShare } from './progressModel';
import type { LessonHost } from './lessonService';

/** Just right of the engine item (priority 10). */
const PRIORITY = 9;

export class LessonStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockerLessons.lesson', vscode.StatusBarAlignment.Left, PRIORITY);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly host: LessonHost) {
    this.item.name = vscode.l10n.t('Docker lesson');
    this.subscriptions = [
      host.onDidChangeProgress(() => this.update()),
      host.onDidChangeLessons(() => this.update()),
    ];
    // The lessons are parsed lazily; draw once they are there.
    void host.lessons().then(() => this.update(), () => this.update());
    this.update();
  }

  update(): void {
    const position = this.host.lastPosition();
    const lesson = position && this.host.loadedLessons.find((l) => l.meta.id === position.lessonId);
    if (!lesson) {
      this.item.text = `$(mortar-board) ${vscode.l10n.t('Start the Docker lessons')}`;
      this.item.tooltip = vscode.l10n.t('Open the getting-started walkthrough of the Docker lessons.');
      this.item.command = { command: 'dockerLessons.continue', title: vscode.l10n.t('Continue where I left off') };
    } else {
      const share = lessonShare(lesson.steps, this.host.progress(lesson.meta.id));
      this.item.text = `$(mortar-board) ${vscode.l10n.t('Lesson {0} · {1}/{2}', lesson.meta.order, share.done, share.total)}`;
      this.item.tooltip = vscode.l10n.t('{0}: {1} of {2} steps passed. Click to continue.', lesson.meta.title, share.done, share.total);
      this.item.command = { command: 'dockerLessons.continue', title: vscode.l10n.t('Continue where I left off') };
    }
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
