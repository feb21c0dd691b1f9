// 课程地图 / Course Map: every chapter on a winding path with the learner's progress, time spent and challenges solved
// (the view: src/viewmodel/map/courseMap.ts; the page: src/webview/map/), in the shared WebviewPanelHost lifecycle.
// The page can only ask to open a chapter; the map is drawn again when progress changes while it is open.
import * as vscode from 'vscode';
import type { LessonService } from '../lessons/service';
import type { MapHostMessage, MapPageMessage } from '../../webview/map/protocol';
import { WebviewPanelHost } from '../panel/webviewPanel';
import { LESSON_COMMANDS, MAP_COMMANDS, WEBVIEW_PANELS } from '../ids';

// The view model and the page protocol (zod) load with the first map shown, not on activation.
/* eslint-disable @typescript-eslint/no-require-imports */
const courseMap = (): typeof import('../../viewmodel/map/courseMap') => require('../../viewmodel/map/courseMap') as typeof import('../../viewmodel/map/courseMap');
const protocol = (): typeof import('../../webview/map/protocol') => require('../../webview/map/protocol') as typeof import('../../webview/map/protocol');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The lessons, their progress and time spent; and when the lessons were reloaded (the lazy host has it). */
type MapService = LessonService & { readonly onDidChangeLessons?: vscode.Event<void> };

/** Progress changes come in bursts (a step's running → checking → passed): one redraw after the last. */
const REDRAW_DELAY_MS = 150;

export class CourseMapController implements vscode.Disposable {
  private readonly host: WebviewPanelHost<MapPageMessage, MapHostMessage>;
  private readonly disposables: vscode.Disposable[] = [];
  private redraw: NodeJS.Timeout | undefined;
  /** The last map sent (for tests). */
  lastView: MapHostMessage | undefined;

  constructor(extensionUri: vscode.Uri, private readonly service: MapService, private readonly log: (line: string) => void) {
    this.host = new WebviewPanelHost<MapPageMessage, MapHostMessage>({
      viewType: WEBVIEW_PANELS.courseMap,
      extensionUri,
      script: 'dist/map/page.js',
      style: 'dist/map/page.css',
      icon: 'media/docker-lessons.svg',
      loadingText: () => vscode.l10n.t('Drawing the course map…'),
      parseIncoming: (raw) => protocol().parseMapPageMessage(raw),
      checkOutgoing: (message) => protocol().parseMapHostMessage(message),
      onReady: () => this.post(),
      onMessage: (message) => this.handle(message),
      log: (line) => this.log(`course map: ${line}`),
    });
    this.disposables.push(this.host, service.onDidChangeProgress(() => this.scheduleRedraw()), service.onDidChangeLessons?.(() => this.scheduleRedraw()) ?? { dispose() {} });
  }

  private get title(): string {
    return vscode.l10n.t('Course Map');
  }

  async open(): Promise<void> {
    const wasOpen = this.host.isOpen;
    this.host.show(this.title);
    // A panel already on screen is up to date except for the time spent: draw it again.
    if (wasOpen && this.host.isReady) await this.post();
  }

  revive(panel: vscode.WebviewPanel): void {
    this.host.revive(panel, this.title);
  }

  dispose(): void {
    clearTimeout(this.redraw);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private scheduleRedraw(): void {
    if (!this.host.isReady) return;
    clearTimeout(this.redraw);
    this.redraw = setTimeout(() => void this.post(), REDRAW_DELAY_MS);
  }

  private async post(): Promise<void> {
    const lessons = await this.service.lessons();
    const view = courseMap().buildCourseMap(lessons, (id) => this.service.progress(id), (id) => this.service.timeSpent?.(id) ?? 0,
      this.service.lastPosition()?.lessonId);
    const message: MapHostMessage = { type: 'map', view, labels: protocol().mapLabels((text) => vscode.l10n.t(text)) };
    this.lastView = message;
    this.host.post(message);
  }

  private async handle(message: MapPageMessage): Promise<void> {
    if (message.type === 'log') {
      this.log(`course map: [webview ${message.level}] ${message.message}`);
    } else if (message.type === 'open') {
      const lesson = await this.service.lesson(message.lessonId);
      if (!lesson) {
        this.log(`course map: open: no lesson "${message.lessonId}"`);
        return;
      }
      await vscode.commands.executeCommand(LESSON_COMMANDS.openLesson, lesson.meta.id);
    }
  }
}

/** The command and the panel's serializer. */
export function registerCourseMap(context: vscode.ExtensionContext, service: MapService, output: vscode.OutputChannel): CourseMapController {
  const controller = new CourseMapController(context.extensionUri, service, (line) => output.appendLine(`[${new Date().toISOString()}] ${line}`));
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewPanelSerializer(WEBVIEW_PANELS.courseMap, { deserializeWebviewPanel: async (panel) => controller.revive(panel) }),
    vscode.commands.registerCommand(MAP_COMMANDS.courseMap, () => controller.open()),
  );
  return controller;
}
