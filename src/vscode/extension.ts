// Entry point. `activate` does no Docker I/O: it wires providers and commands; the engine is created on first need
// (an explorer view becomes visible or a command runs).
import * as vscode from 'vscode';
import { registerEditorHelp } from './editor/register';
import { useBundle } from '../i18n';
import { usePrebuilt } from '../lessons/prebuilt';
import type { DockerLessonsApi, ExplorerItemInfo } from '../viewmodel/explorer/api';
import { EngineConnection } from './engine/connection';
import { registerExplorerCommands } from './explorer/commands';
import { ExplorerModelController, type EngineState } from '../viewmodel/explorer/controller';
import { buildItems, flatten, type ExplorerItem, type ExplorerView } from '../viewmodel/explorer/model';
import { registerExplorerViews } from './explorer/providers';
import { registerLessonPanel } from './panel/lessonPanel';
import { registerDoctor } from './doctor/panel';
import { registerCourseMap } from './map/panel';
import { registerLessonsUi } from './lessons/register';
import { EngineStatusBar } from './engine/statusBar';
import { CONTEXT_KEYS, VSCODE_COMMANDS } from './ids';

export function activate(context: vscode.ExtensionContext): DockerLessonsApi {
  // Core modules translate with @vscode/l10n; give them the bundle VS Code loaded for this display language.
  useBundle(vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en', vscode.l10n.bundle);
  // The course as the build parsed and rendered it, read from the package when a lesson is first needed (no I/O now).
  usePrebuilt(vscode.Uri.joinPath(context.extensionUri, 'dist', 'prebuilt').fsPath);

  const connection = new EngineConnection();
  const controller = new ExplorerModelController(() => connection.get());
  context.subscriptions.push(
    connection,
    controller,
    connection.onDidChangeEngine(() => controller.engineChanged()),
    controller.onDidChangeState((state) => setEngineStateContext(state)),
  );
  setEngineStateContext(controller.state);

  context.subscriptions.push(
    registerExplorerViews(controller),
    registerExplorerCommands(controller, connection),
    new EngineStatusBar(controller),
  );

  // Lessons, host side: the lessons view, `docker-lesson` tasks, progress, walkthrough keys, lesson status bar item.
  const lessonsUi = registerLessonsUi(context, { engine: () => connection.get(), engineState: controller });
  context.subscriptions.push(lessonsUi);

  // Lesson webview (the openLesson command): one reused panel, revived after a reload; registers its own disposables.
  registerLessonPanel(context, lessonsUi.service, lessonsUi.output);

  // 课程地图 (Course Map): the chapters on a path with the learner's progress; registers its own disposables.
  registerCourseMap(context, lessonsUi.service, lessonsUi.output);

  // 环境体检 (Check My Docker Setup): the doctor's report in its own webview; registers its own disposables.
  registerDoctor(context, () => connection.get(), lessonsUi.output);

  // Editor help: Dockerfile and docker-command hovers, ▶ Run-in-terminal CodeLens on docker commands in Markdown notes.
  context.subscriptions.push(registerEditorHelp(context, connection));

  return {
    explorer: {
      waitForIdle: () => controller.waitForIdle(),
      snapshot: () => controller.snapshot,
      items: async (view: ExplorerView) => {
        if (!controller.snapshot) await controller.refresh();
        const snapshot = controller.snapshot;
        return snapshot ? describeItems(buildItems(view, snapshot)) : [];
      },
    },
    engineState: () => controller.state,
  };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}

function setEngineStateContext(state: EngineState): void {
  void vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, CONTEXT_KEYS.engineState, state);
}

function describeItems(items: readonly ExplorerItem[]): ExplorerItemInfo[] {
  const parents = new Map<ExplorerItem, string>();
  for (const item of flatten(items)) for (const child of item.children ?? []) parents.set(child, item.label);
  return flatten(items).map((item) => ({
    label: item.label,
    description: item.description,
    contextValue: item.contextValue,
    tooltip: item.tooltip,
    icon: item.icon.id,
    parent: parents.get(item),
  }));
}
