// Thin TreeDataProviders over the pure model; visibility of the views drives the controller.
import * as vscode from 'vscode';
import type { ExplorerModelController } from '../../viewmodel/explorer/controller';
import { buildItems, EXPLORER_VIEWS, viewsAffectedBy, type ExplorerItem, type ExplorerView } from '../../viewmodel/explorer/model';
import { VIEWS } from '../ids';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly view: ExplorerView, private readonly controller: ExplorerModelController) {}

  fire(): void {
    this.changed.fire();
  }

  getTreeItem(item: ExplorerItem): vscode.TreeItem {
    const treeItem = new vscode.TreeItem(item.label,
      item.children ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    treeItem.id = item.id;
    treeItem.description = item.description;
    treeItem.tooltip = new vscode.MarkdownString(item.tooltip);
    treeItem.contextValue = item.contextValue;
    treeItem.iconPath = new vscode.ThemeIcon(item.icon.id, item.icon.color ? new vscode.ThemeColor(item.icon.color) : undefined);
    return treeItem;
  }

  async getChildren(element?: ExplorerItem): Promise<ExplorerItem[]> {
    if (element) return element.children ?? [];
    // While the first load runs, wait for it (the view shows its progress bar) instead of flashing an empty tree.
    if (!this.controller.snapshot && this.controller.state === 'unknown') await this.controller.waitForIdle();
    const snapshot = this.controller.snapshot;
    return snapshot ? buildItems(this.view, snapshot) : [];
  }
}

export interface ExplorerViews extends vscode.Disposable {
  providers: Map<ExplorerView, ExplorerTreeProvider>;
  treeViews: Map<ExplorerView, vscode.TreeView<ExplorerItem>>;
}

export function registerExplorerViews(controller: ExplorerModelController): ExplorerViews {
  const disposables: vscode.Disposable[] = [];
  const providers = new Map<ExplorerView, ExplorerTreeProvider>();
  const treeViews = new Map<ExplorerView, vscode.TreeView<ExplorerItem>>();
  for (const view of EXPLORER_VIEWS) {
    const provider = new ExplorerTreeProvider(view, controller);
    const treeView = vscode.window.createTreeView(VIEWS[view], {
      treeDataProvider: provider,
      showCollapseAll: view === 'images',
    });
    providers.set(view, provider);
    treeViews.set(view, treeView);
    disposables.push(treeView, treeView.onDidChangeVisibility((e) => controller.setVisible(view, e.visible)));
    if (treeView.visible) controller.setVisible(view, true);
  }
  const subscription = controller.onDidChange((kinds) => {
    for (const view of viewsAffectedBy(kinds)) providers.get(view)?.fire();
  });
  return {
    providers,
    treeViews,
    dispose: () => {
      subscription.dispose();
      for (const d of disposables) d.dispose();
    },
  };
}

/** Placeholder for the lessons view until the lessons tree is registered; empty, so its viewsWelcome shows. */
export class LessonsPlaceholderProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(): vscode.TreeItem {
    throw new Error('no items');
  }

  getChildren(): never[] {
    return [];
  }
}
