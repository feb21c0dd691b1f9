// The getting-started walkthrough (contributes.walkthroughs `dockerLessons.gettingStarted`) ticks its steps by context
// keys, set when the thing happens however the learner got there: `dockerLessons.engineConnected` (the engine answered:
// the engine check, the explorer, any lesson action), `dockerLessons.lessonOpened` (a lesson was shown: the tree, the
// status bar, "continue", a link; `onCommand:` alone misses the ways the extension opens it itself) and
// `dockerLessons.firstStepPassed` (the engine's verdict on some step was "passed"). A ticked step stays ticked (VS Code
// keeps it), so the keys only need to become true at the right moment.
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import { engineTrouble } from '../engine/troubleNotice';
import { CONTEXT_KEYS, WALKTHROUGHS } from '../ids';

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
  /** A lesson was opened before (a stored position): that step is done already. */
  hasStoredPosition(): boolean;
  onDidNoteOpened(listener: () => void): { dispose(): void };
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
  private lessonOpened = false;

  constructor(private readonly host: PassedStepSource, private readonly engine: () => DockerEngine, private readonly engineState?: EngineStateSource) {
    this.updateFirstStep();
    if (host.hasStoredPosition()) this.noteLessonOpened();
    this.subscriptions.push(
      host.onDidChangeProgress(() => this.updateFirstStep()),
      host.onDidNoteOpened(() => this.noteLessonOpened()),
      engineTrouble.onDidAnswer(() => setContext(CONTEXT_KEYS.engineConnected, true)),
    );
    if (engineState) {
      setContext(CONTEXT_KEYS.engineConnected, engineState.state === 'connected');
      this.subscriptions.push(engineState.onDidChangeState((state) => {
        if (state === 'connected') engineTrouble.engineAnswered(); // sets the key too
        else setContext(CONTEXT_KEYS.engineConnected, false);
      }));
    } else {
      setContext(CONTEXT_KEYS.engineConnected, false);
    }
  }

  private noteLessonOpened(): void {
    if (this.lessonOpened) return;
    this.lessonOpened = true;
    setContext(CONTEXT_KEYS.lessonOpened, true);
  }

  private updateFirstStep(): void {
    const passed = this.host.anyPassed();
    if (passed === this.firstStepPassed) return;
    this.firstStepPassed = passed;
    setContext(CONTEXT_KEYS.firstStepPassed, passed);
  }

  /**
   * `dockerLessons.checkEngine`: ping the engine now and say what we found. Returns whether it answered. A failure is
   * the window's "not reachable" notice, which closes by itself once the engine answers.
   */
  async checkEngine(): Promise<boolean> {
    let engine: DockerEngine | undefined;
    try {
      engine = this.engine();
      const version = await engine.version();
      engineTrouble.engineAnswered();
      void this.engineState?.retry();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Docker engine {0} answered at {1}. You are ready for the lessons.', version.version, engine.endpoint.url));
      return true;
    } catch (error) {
      setContext(CONTEXT_KEYS.engineConnected, false);
      void this.engineState?.retry();
      const message = error instanceof EngineError ? error.message
        : engine ? classifyError(error, engine.endpoint).message : String(error);
      engineTrouble.show(message, this.engine);
      return false;
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
