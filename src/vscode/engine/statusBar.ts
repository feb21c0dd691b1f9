// A status bar item that shows whether the Docker engine is reachable. It only reflects what the explorer already
// learned: it never talks to Docker itself. Hidden until the state is known.
import * as vscode from 'vscode';
import type { EngineState, ExplorerModelController } from '../../viewmodel/explorer/controller';
import { EXPLORER_COMMANDS, STATUS_BAR_ITEMS } from '../ids';

/** What the status bar reads from the explorer's controller. */
export type EngineStateSource = Pick<ExplorerModelController, 'state' | 'error' | 'serverVersion' | 'onDidChangeState'>;

export class EngineStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ITEMS.engine, vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: { dispose(): void };

  constructor(private readonly controller: EngineStateSource) {
    this.item.name = vscode.l10n.t('Docker engine');
    this.subscription = controller.onDidChangeState(() => this.update());
    this.update();
  }

  private update(): void {
    const state: EngineState = this.controller.state;
    if (state === 'unknown') {
      this.item.hide();
      return;
    }
    const endpoint = this.controller.error?.endpointUrl;
    if (state === 'connected') {
      const version = this.controller.serverVersion;
      this.item.text = version ? `$(vm-running) Docker ${version}` : '$(vm-running) Docker';
      this.item.tooltip = vscode.l10n.t('Connected to the Docker engine. Click to refresh.');
      this.item.command = EXPLORER_COMMANDS.refresh;
      this.item.backgroundColor = undefined;
    } else {
      const what = state === 'permission-denied' ? vscode.l10n.t('permission denied')
        : state === 'bad-host' ? vscode.l10n.t('bad host address') : vscode.l10n.t('not reachable');
      this.item.text = `$(vm-outline) Docker: ${what}`;
      this.item.tooltip = this.controller.error?.message ?? (endpoint ?? '');
      this.item.command = EXPLORER_COMMANDS.retryConnection;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
