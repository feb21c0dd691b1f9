// Thin TreeDataProviders over the pure model; visibility of the views drives the controller.
import * as vscode from 'vscode';
import type { ExplorerModelController } from '../../viewmodel/explorer/controller';
import {
  buildItems, EXPLORER_VIEWS, filterItems, viewDescription, viewsAffectedBy, type ExplorerItem, type ExplorerView,
} from '../../viewmodel/explorer/model';
import { ageRefreshDelay } from '../../viewmodel/explorer/ages';
import { CONTEXT_KEYS, EXPLORER_VIEW_COMMANDS, VIEWS, VSCODE_COMMANDS } from '../ids';

/** The text the four views are filtered by ('' = no filter); one for all, so a name finds its container, image and volume. */
export class ExplorerFilter {
  private value = '';
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get text(): string {
    return this.value;
  }

  set(text: string): void {
    const next = text.trim();
    if (next === this.value) return;
    this.value = next;
    void vscode.commands.executeCommand(VSCODE_COMMANDS.setContext, CONTEXT_KEYS.explorerFiltered, next !== '');
    this.changed.fire(next);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly view: ExplorerView, private readonly controller: ExplorerModelController,
    private readonly filter: Pick<ExplorerFilter, 'text'> = { text: '' }) {}

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
    if (!snapshot) return [];
    const items = buildItems(this.view, snapshot);
    return this.filter.text ? filterItems(items, this.filter.text) : items;
  }
}

export interface ExplorerViews extends vscode.Disposable {
  providers: Map<ExplorerView, ExplorerTreeProvider>;
  treeViews: Map<ExplorerView, vscode.TreeView<ExplorerItem>>;
  filter: ExplorerFilter;
}

export function registerExplorerViews(controller: ExplorerModelController): ExplorerViews {
  const filter = new ExplorerFilter();
  const disposables: vscode.Disposable[] = [filter];
  const providers = new Map<ExplorerView, ExplorerTreeProvider>();
  const treeViews = new Map<ExplorerView, vscode.TreeView<ExplorerItem>>();
  for (const view of EXPLORER_VIEWS) {
    const provider = new ExplorerTreeProvider(view, controller, filter);
    const treeView = vscode.window.createTreeView(VIEWS[view], {
      treeDataProvider: provider,
      showCollapseAll: view === 'images',
    });
    providers.set(view, provider);
    treeViews.set(view, treeView);
    disposables.push(treeView, treeView.onDidChangeVisibility((e) => controller.setVisible(view, e.visible)));
    if (treeView.visible) controller.setVisible(view, true);
  }
  // Ages ("5 seconds ago") advance while a view is on screen: it is redrawn from the snapshot it has (ages.ts).
  const ageTimers = new Map<ExplorerView, NodeJS.Timeout>();
  const tickAges = (view: ExplorerView) => {
    clearTimeout(ageTimers.get(view));
    ageTimers.delete(view);
    const snapshot = controller.snapshot;
    const created = view === 'containers' ? snapshot?.containers.map((c) => c.created)
      : view === 'images' ? snapshot?.images.map((i) => i.created) : undefined;
    const delay = treeViews.get(view)?.visible ? ageRefreshDelay(created ?? []) : undefined;
    if (delay !== undefined) ageTimers.set(view, setTimeout(() => { providers.get(view)?.fire(); tickAges(view); }, delay));
  };
  for (const [view, treeView] of treeViews) disposables.push(treeView.onDidChangeVisibility(() => tickAges(view)));
  disposables.push(controller.onDidChange(() => { for (const view of EXPLORER_VIEWS) tickAges(view); }),
    { dispose: () => { for (const timer of ageTimers.values()) clearTimeout(timer); } });
  // The counts beside each title ("3 running, 12 in all"), or what the filter lets through.
  const describe = (view: ExplorerView) => {
    const treeView = treeViews.get(view);
    if (treeView) treeView.description = viewDescription(view, controller.snapshot, filter.text);
  };
  disposables.push(
    controller.onDidChange((kinds) => {
      for (const view of viewsAffectedBy(kinds)) {
        providers.get(view)?.fire();
        describe(view);
      }
    }),
    filter.onDidChange(() => {
      for (const view of EXPLORER_VIEWS) {
        providers.get(view)?.fire();
        describe(view);
      }
    }),
    vscode.commands.registerCommand(EXPLORER_VIEW_COMMANDS.filter, async () => {
      const text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter Docker objects'),
        prompt: vscode.l10n.t('Shows the containers, images, volumes and networks whose name, image, ports, Compose project or lesson contain this text. Empty shows everything.'),
        placeHolder: vscode.l10n.t('e.g. web, nginx, 8080, first-container'),
        value: filter.text,
      });
      if (text !== undefined) filter.set(text);
    }),
    vscode.commands.registerCommand(EXPLORER_VIEW_COMMANDS.clearFilter, () => filter.set('')),
  );
  return {
    providers,
    treeViews,
    filter,
    dispose: () => {
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
