// The bundled lessons, parsed on first need; files with errors are left out and reported in the output channel.
import * as vscode from 'vscode';
import { findLesson, formatDiagnostic, loadLessons } from '../../lessons';
import type { Lesson } from '../../lessons/schema';

export class LessonCatalog implements vscode.Disposable {
  private loading: Promise<Lesson[]> | undefined;
  private loaded: Lesson[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired after the lessons were reloaded. */
  readonly onDidChange = this.changed.event;

  constructor(readonly dir: string, private readonly output?: vscode.OutputChannel) {}

  lessons(): Promise<Lesson[]> {
    this.loading ??= loadLessons(this.dir).then(({ lessons, diagnostics }) => {
      if (diagnostics.length > 0) {
        this.output?.appendLine(diagnostics.map(formatDiagnostic).join('\n'));
        const errors = diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) {
          void vscode.window.showWarningMessage(errors.length === 1
            ? vscode.l10n.t('Some lesson files have errors and were left out (1 problem). See the "Docker 实践课" output for details.')
            : vscode.l10n.t('Some lesson files have errors and were left out ({0} problems). See the "Docker 实践课" output for details.', errors.length));
        }
      }
      this.loaded = lessons;
      return lessons;
    });
    return this.loading;
  }

  /** Parse the folder again (refresh button). */
  async reload(): Promise<Lesson[]> {
    this.loading = undefined;
    const lessons = await this.lessons();
    this.changed.fire();
    return lessons;
  }

  async lesson(idOrOrder: string): Promise<Lesson | undefined> {
    return findLesson(await this.lessons(), idOrOrder);
  }

  /** Lessons already loaded (synchronous callers); empty before the first load. */
  get loadedLessons(): readonly Lesson[] {
    return this.loaded ?? [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
