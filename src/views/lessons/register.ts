// Wires the host side of lessons into VS Code: the service, the lessons view, the `docker-lesson` task provider,
// the lesson commands, the status bar item and the walkthrough's context keys. extension.ts calls this once.
import * as vscode from 'vscode';
import type { DockerEngine } from '../../engine';
import type { StepProgress } from '../../webview/protocol';
import { LessonHost } from './lessonService';
import { lessonArgs, LESSONS_VIEW, LessonsTreeProvider, OPEN_LESSON_COMMAND } from './lessonsTree';
import { LessonStatusBar } from './statusBar';
import { LessonTaskProvider, TASK_TYPE } from './tasks';
import { openWalkthrough, WalkthroughContext, type EngineStateSource } from './walkthrough';

export interface LessonsUi extends vscode.Disposable {
  /** The LessonService the webview panel uses. */
  service: LessonHost;
  tree: LessonsTreeProvider;
  treeView: vscode.TreeView<unknown>;
  /** The "Docker 实践课" output channel (lesson file problems); the panel may share it. */
  output: vscode.OutputChannel;
}

export interface LessonsUiOptions {
  engine: () => DockerEngine;
  /** The explorer's engine state, so the walkthrough and the explorer agree (optional). */
  engineState?: EngineStateSource;
}

export function registerLessonsUi(context: vscode.ExtensionContext, options: LessonsUiOptions): LessonsUi {
  const l10n = vscode.l10n;
  const output = vscode.window.createOutputChannel('Docker 实践课');
  const service = new LessonHost({
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    globalState: context.globalState,
    engine: options.engine,
    output,
  });
  const tree = new LessonsTreeProvider(service);
  const treeView = vscode.window.createTreeView(LESSONS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const walkthrough = new WalkthroughContext(service, options.engine, options.engineState);
  // A click opens the webview through `dockerLessons.openLesson`; the selection tells us where the learner went.
  const selection = treeView.onDidChangeSelection((e) => {
    const node = e.selection[0];
    if (node) service.noteOpened(node.lessonId, node.kind === 'step' ? node.stepId : undefined);
  });

  async function openLesson(lessonId: string, stepId?: string): Promise<void> {
    service.noteOpened(lessonId, stepId);
    try {
      await vscode.commands.executeCommand(OPEN_LESSON_COMMAND, lessonId, stepId);
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('Could not open the lesson: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  async function pickLesson(placeHolder: string): Promise<string | undefined> {
    const lessons = await service.lessons();
    const picked = await vscode.window.showQuickPick(lessons.map((lesson) => ({
      label: `${String(lesson.meta.order).padStart(2, '0')} ${lesson.meta.title}`, description: lesson.meta.id, id: lesson.meta.id,
    })), { placeHolder });
    return picked?.id;
  }

  /** Say how a check from the tree went (the webview shows it itself). */
  function announce(title: string, verdict: StepProgress | undefined): void {
    if (!verdict) return;
    if (verdict.state === 'passed') {
      void vscode.window.showInformationMessage(l10n.t('Step "{0}" passed.', title));
    } else if (verdict.state === 'failed') {
      const failed = verdict.checks.find((c) => !c.pass);
      void vscode.window.showWarningMessage(failed
        ? l10n.t('Step "{0}" not passed yet: {1} (expected {2}, found {3})', title, failed.title, failed.expected, failed.actual)
        : l10n.t('Step "{0}" not passed yet.', title));
    } else if (verdict.message) {
      void vscode.window.showInformationMessage(verdict.message);
    }
  }

  async function stepTitle(lessonId: string, stepId: string): Promise<string> {
    return (await service.lesson(lessonId))?.steps.find((s) => s.id === stepId)?.title ?? stepId;
  }

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'dockerLessons.continue': async () => {
      const position = service.lastPosition();
      if (position && (await service.lesson(position.lessonId))) return openLesson(position.lessonId, position.stepId);
      const first = (await service.lessons())[0];
      if (first) return openLesson(first.meta.id);
      return openWalkthrough(context.extension.id);
    },
    'dockerLessons.gettingStarted': () => openWalkthrough(context.extension.id),
    'dockerLessons.refreshLessons': async () => { await service.reloadLessons(); },
    'dockerLessons.resetProgress': async () => {
      const clear = l10n.t('Clear Progress');
      const choice = await vscode.window.showWarningMessage(l10n.t('Clear the progress of every lesson?'), {
        modal: true,
        detail: l10n.t('Only the recorded results are forgotten; containers, images and files the lessons made stay. Use "Reset Lesson" on a lesson to remove those.'),
      }, clear);
      if (choice !== clear) return false;
      await service.clearAllProgress();
      return true;
    },
    /** (node) from the tree, or (lessonId, stepId, vars?) from links, the webview helper and tests; returns the verdict. */
    'dockerLessons.runStep': async (first, second, third) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (!lessonId || !stepId) return undefined;
      const vars = isStringRecord(third) ? third : service.varValues(lessonId);
      await service.runStep(lessonId, stepId, vars);
      const id = (await service.lesson(lessonId))?.meta.id ?? lessonId;
      return service.progress(id)[stepId];
    },
    'dockerLessons.checkStep': async (first, second, third) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (!lessonId || !stepId) return undefined;
      const vars = isStringRecord(third) ? third : service.varValues(lessonId);
      const verdict = await service.checkAndReport(lessonId, stepId, vars);
      if (typeof first === 'object') announce(await stepTitle(lessonId, stepId), verdict);
      return verdict;
    },
    'dockerLessons.cancelStep': (first, second) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (lessonId && stepId) service.cancelStep(lessonId, stepId);
    },
    'dockerLessons.openStepFile': async (first, second) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (lessonId && stepId) await service.openStepFile(lessonId, stepId);
    },
    'dockerLessons.resetLesson': async (first) => {
      const lessonId = lessonArgs(first).lessonId ?? await pickLesson(l10n.t('Which lesson should be reset?'));
      if (lessonId) await service.resetLesson(lessonId);
    },
    'dockerLessons.checkEngine': () => walkthrough.checkEngine(),
  };

  const disposables: vscode.Disposable[] = [
    output,
    selection,
    service,
    tree,
    treeView,
    walkthrough,
    new LessonStatusBar(service),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new LessonTaskProvider(service)),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  ];
  return {
    service,
    tree,
    treeView: treeView as vscode.TreeView<unknown>,
    output,
    dispose: () => { for (const d of disposables.reverse()) d.dispose(); },
  };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
    && Object.values(value as object).every((v) => typeof v === 'string');
}
