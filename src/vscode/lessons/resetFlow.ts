// "Reset this lesson": the runner plans what the lesson made; the learner sees the list and confirms; then it goes.
import * as vscode from 'vscode';
import type { DockerEngine } from '../../engine';
import type { Lesson } from '../../lessons/schema';
import { describeResetItem, resetLesson, type CreatedObjectStore, type ResetItem } from '../../runner';
import { engineErrorText } from './engineAccess';

const l10n = vscode.l10n;
/** How many names the confirmation lists before "and N more". */
const RESET_LIST_LIMIT = 20;

/** Reset with confirmation; true when the lesson's progress should be cleared. */
export async function resetWithConfirmation(lesson: Lesson, engine: DockerEngine, store: CreatedObjectStore, workRoot: string): Promise<boolean> {
  let result;
  // The removal (a swarm, services, many images) can take a while: a progress notification from the "Reset" click
  // until it is done, not over the confirmation.
  let removed: () => void = () => undefined;
  const confirm = async (items: ResetItem[]) => {
    if (!(await confirmReset(lesson, items))) return false;
    const done = new Promise<void>((resolve) => { removed = resolve; });
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification,
      title: l10n.t('Resetting lesson "{0}" …', lesson.meta.title) }, () => done);
    return true;
  };
  try {
    result = await resetLesson(lesson, { engine, store, workRoot, confirm });
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Could not reset lesson "{0}": {1}', lesson.meta.title, engineErrorText(error, engine)));
    return false;
  } finally {
    removed();
  }
  if (result.cancelled) return false;
  if (result.planned.length === 0) {
    const clear = l10n.t('Clear Progress');
    const choice = await vscode.window.showInformationMessage(
      l10n.t('Lesson "{0}" left nothing in Docker. Clear its progress?', lesson.meta.title), { modal: true }, clear);
    return choice === clear;
  }
  if (result.failed.length > 0) {
    const failures = result.failed.map((f) => `${describeResetItem(f.item)}: ${f.error}`).join('\n');
    // English needs the singular for one item; zh-CN says the same either way.
    void vscode.window.showWarningMessage(result.failed.length === 1
      ? l10n.t('Lesson "{0}" reset, but 1 item could not be removed:\n{1}', lesson.meta.title, failures)
      : l10n.t('Lesson "{0}" reset, but {1} items could not be removed:\n{2}', lesson.meta.title, result.failed.length, failures));
  } else {
    void vscode.window.showInformationMessage(result.removed.length === 1
      ? l10n.t('Lesson "{0}" reset: 1 item removed, progress cleared.', lesson.meta.title)
      : l10n.t('Lesson "{0}" reset: {1} items removed, progress cleared.', lesson.meta.title, result.removed.length));
  }
  return true;
}

async function confirmReset(lesson: Lesson, items: ResetItem[]): Promise<boolean> {
  const names = items.slice(0, RESET_LIST_LIMIT).map((item) => `• ${describeResetItem(item)}`);
  if (items.length > RESET_LIST_LIMIT) names.push(l10n.t('… and {0} more', items.length - RESET_LIST_LIMIT));
  const reset = l10n.t('Reset');
  const choice = await vscode.window.showWarningMessage(
    l10n.t('Reset lesson "{0}"? This removes what the lesson made and clears its progress:', lesson.meta.title),
    { modal: true, detail: names.join('\n') }, reset);
  return choice === reset;
}
