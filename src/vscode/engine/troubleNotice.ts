// "The Docker engine is not reachable" as one notification that lasts exactly as long as the trouble. A message
// notification cannot be closed by an extension, and an error with buttons stays until the learner dismisses it (it
// still said "cannot reach" ten minutes after the engine was back). A progress notification closes when its task ends:
// this one ends as soon as the engine answers again (its own pings, with growing pauses, or anyone who saw it answer),
// and its text still offers Retry and Open Settings, as command links.
import * as vscode from 'vscode';
import type { DockerEngine } from '../../engine';
import { EXPLORER_COMMANDS, SETTINGS, VSCODE_COMMANDS } from '../ids';

const l10n = vscode.l10n;

/** Pauses between pings while the engine is away; the last one repeats. */
const PROBE_DELAYS_MS = [2000, 3000, 5000, 10000, 15000];

interface Shown {
  report(message: string): void;
  close(): void;
}

export class EngineTroubleNotice implements vscode.Disposable {
  private readonly answered = new vscode.EventEmitter<void>();
  /** The engine answered someone (a lesson action's ping, the engine check, the explorer): the walkthrough ticks. */
  readonly onDidAnswer = this.answered.event;
  private shown: Shown | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private engine: (() => DockerEngine) | undefined;
  private text = '';

  constructor(private readonly delays: readonly number[] = PROBE_DELAYS_MS) {}

  /** Whether the notice is on screen. */
  get isShown(): boolean {
    return this.shown !== undefined;
  }

  /**
   * Say why the engine cannot be reached (a second call while shown updates the text) and ping `engine()` until it
   * answers. `engine` is asked anew each time, so a fixed `dockerLessons.host` setting is picked up.
   */
  show(message: string, engine: () => DockerEngine): void {
    this.engine = engine;
    this.text = `${message} ${links()}`;
    if (this.shown) this.shown.report(this.text);
    else this.open();
    this.attempt = 0;
    this.schedule();
  }

  /** The engine answered (a ping elsewhere, the explorer connected): close the notice and say so briefly. */
  engineAnswered(): void {
    this.answered.fire();
    if (!this.shown) return;
    this.close();
    vscode.window.setStatusBarMessage(`$(vm-running) ${l10n.t('The Docker engine answers again.')}`, 5000);
  }

  /** Ping now rather than after the pause (the engine address changed). */
  recheck(): void {
    if (!this.shown) return;
    if (this.timer) clearTimeout(this.timer);
    this.attempt = 0;
    void this.probe();
  }

  /** Close without a word (the extension is going away). */
  dispose(): void {
    this.close();
  }

  private open(): void {
    let done!: () => void;
    const ended = new Promise<void>((resolve) => { done = resolve; });
    const shown: Shown = { report: () => undefined, close: () => done() };
    this.shown = shown;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Docker engine not reachable') },
      (progress) => {
        shown.report = (text) => progress.report({ message: text });
        shown.report(this.text); // the latest text, also when show() came again before this ran
        return ended;
      });
  }

  private close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.shown?.close();
    this.shown = undefined;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = this.delays[Math.min(this.attempt, this.delays.length - 1)];
    this.attempt++;
    this.timer = setTimeout(() => void this.probe(), delay);
    this.timer.unref?.();
  }

  private async probe(): Promise<void> {
    this.timer = undefined;
    if (!this.shown || !this.engine) return;
    try {
      await this.engine().ping();
      this.engineAnswered();
    } catch {
      if (this.shown && !this.timer) this.schedule();
    }
  }
}

/** Retry and Open Settings as links: a progress notification has no buttons of its own. */
function links(): string {
  const settings = `command:${VSCODE_COMMANDS.openSettings}?${encodeURIComponent(JSON.stringify([SETTINGS.host]))}`;
  return `[${l10n.t('Retry Connection')}](command:${EXPLORER_COMMANDS.retryConnection}) · [${l10n.t('Open Settings')}](${settings})`;
}

/** The window's one notice: lesson actions, the walkthrough's engine check and the explorer's state share it. */
export const engineTrouble = new EngineTroubleNotice();
