// Edit steps: the learner writes a file (a Dockerfile, a compose file) in the lesson's working folder. Opening it writes
// the template first when absent; saving it checks the step, so the verdict comes without another click.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { resolveStep } from '../../lessons';
import type { Lesson, Step } from '../../lessons/schema';
import { prepareWorkDir } from '../../runner';
import { insideDir } from '../../runner/workdir';

const l10n = vscode.l10n;

export class EditFiles {
  constructor(private readonly workRoot: string) {}

  /** The file of an edit step in the lesson's working folder, or undefined (not an edit step, or outside the folder). */
  pathOf(lesson: Lesson, step: Step): string | undefined {
    if (step.kind !== 'edit' || !step.file) return undefined;
    return insideDir(path.join(this.workRoot, lesson.meta.id), step.file);
  }

  /** Open (writing the template first when absent) the step's file; `edited`: it differs from what we shipped. */
  async open(lesson: Lesson, step: Step, values: Record<string, string>): Promise<{ edited: boolean } | undefined> {
    if (step.kind !== 'edit' || !step.file) {
      void vscode.window.showErrorMessage(l10n.t('Step "{0}" has no file to edit.', step.title));
      return undefined;
    }
    prepareWorkDir(lesson, this.workRoot);
    const target = this.pathOf(lesson, step);
    if (!target) {
      void vscode.window.showErrorMessage(l10n.t('The file of step "{0}" lies outside the lesson\'s working folder: {1}', step.title, step.file));
      return undefined;
    }
    const template = resolveStep(step, lesson, values).command;
    const withNewline = (text: string) => (text.endsWith('\n') ? text : text + '\n');
    const known = [withNewline(template)];
    const shipped = path.join(lesson.assetsDir, step.file);
    if (fs.existsSync(shipped)) known.push(fs.readFileSync(shipped, 'utf8'));
    let edited = false;
    if (fs.existsSync(target)) {
      edited = !known.includes(fs.readFileSync(target, 'utf8'));
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, known[0]);
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return { edited };
  }

  /** The edit step whose file this saved document is, if any. */
  stepOf(document: vscode.TextDocument, lessons: readonly Lesson[]): { lesson: Lesson; step: Step } | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    const saved = path.resolve(document.uri.fsPath);
    for (const lesson of lessons) {
      for (const step of lesson.steps) if (this.pathOf(lesson, step) === saved) return { lesson, step };
    }
    return undefined;
  }
}
