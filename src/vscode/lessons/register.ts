// Wires the host side of lessons into VS Code: the service, the lessons view, the `docker-lesson` task provider,
// the lesson commands, the status bar item and the walkthrough's context keys. extension.ts calls this once.
// Everything here stays light: the LessonHost (parser, runner, checks, zod) is created on first need (lazyHost.ts).
import * as vscode from 'vscode';
import type { DockerEngine } from '../../engine';
import type { StepProgress } from '../../lessons/progress';
import { LazyLessonHost } from './lazyHost';
import { lessonArgs, LessonsTreeProvider } from './tree';
import { LESSON_COMMANDS, TASK_TYPE, VIEWS } from '../ids';
import type { PrepareImagesArgs } from './prepareImages';
import { LessonStatusBar } from './statusBar';
import { LessonTaskProvider } from './tasks';
import { openWalkthrough, WalkthroughContext, type EngineStateSource } from './walkthrough';

export interface LessonsUi extends vscode.Disposable {
  /** The LessonService the webview panel uses (creates the LessonHost on first use). */
  service: LazyLessonHost;
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
  const lazyHost = new LazyLessonHost({
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    globalState: context.globalState,
    engine: options.engine,
    output,
  });
  // Commands and handlers below are lesson work: they create the host.
  const host = () => lazyHost.host();
  const tree = new LessonsTreeProvider(lazyHost);
  const treeView = vscode.window.createTreeView(VIEWS.lessons, { treeDataProvider: tree, showCollapseAll: true });
  const walkthrough = new WalkthroughContext(lazyHost, options.engine, options.engineState);
  // A click opens the webview through `dockerLessons.openLesson`; the selection tells us where the learner went.
  const selection = treeView.onDidChangeSelection((e) => {
    const node = e.selection[0];
    if (node) host().noteOpened(node.lessonId, node.kind === 'step' ? node.stepId : undefined);
  });

  async function openLesson(lessonId: string, stepId?: string): Promise<void> {
    host().noteOpened(lessonId, stepId);
    try {
      await vscode.commands.executeCommand(LESSON_COMMANDS.openLesson, lessonId, stepId);
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('Could not open the lesson: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  async function pickLesson(placeHolder: string): Promise<string | undefined> {
    const lessons = await host().lessons();
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
    return (await host().lesson(lessonId))?.steps.find((s) => s.id === stepId)?.title ?? stepId;
  }

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    [LESSON_COMMANDS.continue]: async () => {
      const position = host().lastPosition();
      if (position && (await host().lesson(position.lessonId))) return openLesson(position.lessonId, position.stepId);
      const first = (await host().lessons())[0];
      if (first) return openLesson(first.meta.id);
      return openWalkthrough(context.extension.id);
    },
    [LESSON_COMMANDS.gettingStarted]: () => openWalkthrough(context.extension.id),
    [LESSON_COMMANDS.refreshLessons]: async () => { await host().reloadLessons(); },
    [LESSON_COMMANDS.resetProgress]: async () => {
      const clear = l10n.t('Clear Progress');
      const choice = await vscode.window.showWarningMessage(l10n.t('Clear the progress of every lesson?'), {
        modal: true,
        detail: l10n.t('Only the recorded results are forgotten; containers, images and files the lessons made stay. Use "Reset Lesson" on a lesson to remove those.'),
      }, clear);
      if (choice !== clear) return false;
      await host().clearAllProgress();
      return true;
    },
    /** (node) from the tree, or (lessonId, stepId, vars?) from links, the webview helper and tests; returns the verdict. */
    [LESSON_COMMANDS.runStep]: async (first, second, third) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (!lessonId || !stepId) return undefined;
      const vars = isStringRecord(third) ? third : host().varValues(lessonId);
      await host().runStep(lessonId, stepId, vars);
      const id = (await host().lesson(lessonId))?.meta.id ?? lessonId;
      return host().progress(id)[stepId];
    },
    [LESSON_COMMANDS.checkStep]: async (first, second, third) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (!lessonId || !stepId) return undefined;
      const vars = isStringRecord(third) ? third : host().varValues(lessonId);
      const verdict = await host().checkStep(lessonId, stepId, vars);
      if (typeof first === 'object') announce(await stepTitle(lessonId, stepId), verdict);
      return verdict;
    },
    [LESSON_COMMANDS.cancelStep]: (first, second) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (lessonId && stepId) lazyHost.cancelStep(lessonId, stepId);
    },
    [LESSON_COMMANDS.openStepFile]: async (first, second) => {
      const { lessonId, stepId } = lessonArgs(first, second);
      if (lessonId && stepId) await host().openStepFile(lessonId, stepId);
    },
    [LESSON_COMMANDS.resetLesson]: async (first) => {
      const lessonId = lessonArgs(first).lessonId ?? await pickLesson(l10n.t('Which lesson should be reset?'));
      if (lessonId) await host().resetLesson(lessonId);
    },
    [LESSON_COMMANDS.checkEngine]: () => walkthrough.checkEngine(),
    /** () from the palette (every stand-in), or ({ images, quiet }) from a step whose images are missing; returns the outcome. */
    [LESSON_COMMANDS.prepareImages]: (first) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { prepareImages } = require('./prepareImages') as typeof import('./prepareImages');
      const args = first && typeof first === 'object' && !(first instanceof vscode.Uri) ? first as PrepareImagesArgs : {};
      return prepareImages({ extensionUri: context.extensionUri, engine: options.engine, output }, args);
    },
  };

  const disposables: vscode.Disposable[] = [
    output,
    selection,
    lazyHost,
    tree,
    treeView,
    walkthrough,
    new LessonStatusBar(lazyHost),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new LessonTaskProvider(lazyHost)),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  ];
  return {
    service: lazyHost,
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
