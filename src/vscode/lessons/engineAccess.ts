// The window's engine for a lesson action: created lazily, pinged first; when it cannot be reached the learner gets the
// classified message (not running, permission denied, bad host) with Retry and Open Settings.
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import { EXPLORER_COMMANDS, SETTINGS, VSCODE_COMMANDS } from '../ids';

const l10n = vscode.l10n;

/** The engine after a ping, or undefined after telling the learner why not (`onError` also gets the message). */
export async function reachableEngine(create: () => DockerEngine, onError?: (message: string) => void): Promise<DockerEngine | undefined> {
  let engine: DockerEngine | undefined;
  try {
    engine = create();
    await engine.ping();
    return engine;
  } catch (error) {
    const message = engineErrorText(error, engine);
    onError?.(message);
    const retry = l10n.t('Retry Connection');
    const settings = l10n.t('Open Settings');
    void vscode.window.showErrorMessage(message, retry, settings).then((choice) => {
      if (choice === retry) void vscode.commands.executeCommand(EXPLORER_COMMANDS.retryConnection);
      if (choice === settings) void vscode.commands.executeCommand(VSCODE_COMMANDS.openSettings, SETTINGS.host);
    });
    return undefined;
  }
}

export function engineErrorText(error: unknown, engine: DockerEngine | undefined): string {
  if (error instanceof EngineError) return error.message;
  return engine ? classifyError(error, engine.endpoint).message : error instanceof Error ? error.message : String(error);
}
