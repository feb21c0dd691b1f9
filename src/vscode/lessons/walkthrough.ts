// The getting-started walkthrough (contributes.walkthroughs `dockerLessons.gettingStarted`) completes its steps by
// context keys: `dockerLessons.engineConnected` (the engine answered) and `dockerLessons.firstStepPassed` (the
// engine's verdict on some step was "passed"). This module keeps both keys true to the facts.
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';

import { CONTEXT_KEYS, SETTINGS, VSCODE_COMMANDS, WALKTHROUGHS } from '../ids';

/** The explorer's view of the engine (ExplorerModelController fits): used so both agree, and refreshed on a check. */
export interface EngineStateSource {
  readonly state: string;
  onDidChangeState(listener: (state: string) => void): { dispose(): void };
  retry(): Promise<void>;
}

/** What the walkthrough needs from the lessons: LazyLessonHost answers without loading them. */
export interface PassedStepSource {
  anyPassed(): boolean;
  onDidChangeProgress(listener: () => void): { dispose(): void };
}

function setContext(key: string, value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}

export function openWalkthrough(extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#${WALKTHROUGHS.gettingStarted}`, false);
}

export class WalkthroughContext implements vscode.Disposable {
  private readonly subscriptions: { dispose(): void }[] = [];
  private firstStepPassed = false;

  constructor(private readonly host: PassedStepSource, private readonly engine: () => DockerEngine, private readonly engineState?: EngineStateSource) {
    this.updateFirstStep();
    this.subscriptions.push(host.onDidChangeProgress(() => this.updateFirstStep()));
    if (engineState) {
      setContext(CONTEXT_KEYS.engineConnected, engineState.state === 'connected');
      this.subscriptions.push(engineState.onDidChangeState((state) => setContext(CONTEXT_KEYS.engineConnected, state === 'connected')));
    } else {
      setContext(CONTEXT_KEYS.engineConnected, false);
    }
  }

  private updateFirstStep(): void {
    const passed = this.host.anyPassed();
    if (passed === this.firstStepPassed) return;
    this.firstStepPassed = passed;
    setContext(CONTEXT_KEYS.firstStepPassed, passed);
  }

  /** `dockerLessons.checkEngine`: ping the engine now and say what we found. Returns whether it answered. */
  async checkEngine(): Promise<boolean> {
    let engine: DockerEngine | undefined;
    try {
      engine = this.engine();
      const version = await engine.version();
      setContext(CONTEXT_KEYS.engineConnected, true);
      void this.engineState?.retry();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Docker engine {0} answered at {1}. You are ready for the lessons.', version.version, engine.endpoint.url));
      return true;
    } catch (error) {
      setContext(CONTEXT_KEYS.engineConnected, false);
      void this.engineState?.retry();
      const message = error instanceof EngineError ? error.message
        : engine ? classifyError(error, engine.endpoint).message : String(error);
      const settings = vscode.l10n.t('Open Settings');
      void vscode.window.showErrorMessage(message, settings).then((choice) => {
        if (choice === settings) void vscode.commands.executeCommand(VSCODE_COMMANDS.openSettings, SETTINGS.host);
      });
      return false;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
