// The lessons view (`dockerLessons.lessons`): chapters → steps with the engine's verdicts. Items come from the pure
// builder in lessonsTreeModel.ts; clicking opens the lesson webview (`dockerLessons.openLesson`) at that step.
import * as vscode from 'vscode';
import type { LazyLessonHost } from './lazyHost';
import type { LessonNode, LessonsTreeNode } from '../../viewmodel/lessons/treeModel';
import { LESSON_COMMANDS } from '../ids';

// The model pulls in the lesson schema and zod: load it when the view first asks for its items, not on activation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const treeModel = (): typeof import('../../viewmodel/lessons/treeModel') => require('../../viewmodel/lessons/treeModel') as typeof import('../../viewmodel/lessons/treeModel');


export class LessonsTreeProvider implements vscode.TreeDataProvider<LessonsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LessonsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: LessonNode[] = [];
  private readonly subscriptions: vscode.Disposable[];
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly host: LazyLessonHost) {
    this.subscriptions = [
      // Several changes arrive together (running → checking → verdict): redraw once.
      host.onDidChangeProgress(() => this.scheduleRefresh()),
      host.onDidChangeLessons(() => this.scheduleRefresh()),
    ];
  }

  private scheduleRefresh(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire(undefined);
    }, 30);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** The nodes last drawn (tests and `continue` use them). */
  get current(): readonly LessonNode[] {
    return this.nodes;
  }

  async getChildren(element?: LessonsTreeNode): Promise<LessonsTreeNode[]> {
    if (element) return element.kind === 'lesson' ? element.steps : [];
    const lessons = await this.host.lessons();
    this.nodes = treeModel().buildLessonNodes({
      lessons,
      progress: (id) => this.host.progress(id),
      runningStep: (id) => this.host.runningStep(id),
    });
    return this.nodes;
  }

  getParent(element: LessonsTreeNode): LessonsTreeNode | undefined {
    return element.kind === 'step' ? this.nodes.find((n) => n.lessonId === element.lessonId) : undefined;
  }

  getTreeItem(node: LessonsTreeNode): vscode.TreeItem {
    const expanded = node.kind === 'lesson' && node.steps.length > 0
      ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, expanded);
    item.id = node.id;
    item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip, true);
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.contextValue = node.contextValue;
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    item.command = {
      command: LESSON_COMMANDS.openLesson,
      title: vscode.l10n.t('Open Lesson'),
      arguments: node.kind === 'step' ? [node.lessonId, node.stepId] : [node.lessonId],
    };
    item.accessibilityInformation = { label: [node.label, node.description].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** A tree node or the (lessonId, stepId) arguments of a command link / the webview. */
export function lessonArgs(first: unknown, second?: unknown): { lessonId?: string; stepId?: string } {
  if (first && typeof first === 'object' && 'lessonId' in first) {
    const node = first as LessonsTreeNode;
    return { lessonId: node.lessonId, stepId: node.kind === 'step' ? node.stepId : undefined };
  }
  return {
    lessonId: typeof first === 'string' || typeof first === 'number' ? String(first) : undefined,
    stepId: typeof second === 'string' ? second : undefined,
  };
}
