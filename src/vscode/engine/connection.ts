// The one DockerEngine of the window, created on first need from the `dockerLessons.host` setting and the
// environment, and recreated when the setting changes. Creating it does no Docker I/O. It also owns the window's
// "not reachable" notice (troubleNotice.ts) for its lifetime.
import * as os from 'os';
import * as vscode from 'vscode';
import { createEngine, resolveEndpoint, type DockerEngine } from '../../engine';
import { SETTINGS } from '../ids';
import { engineTrouble } from './troubleNotice';

export class EngineConnection implements vscode.Disposable {
  private engine: DockerEngine | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired after the setting changed and the old engine was disposed. */
  readonly onDidChangeEngine = this.changed.event;
  private readonly configListener: vscode.Disposable;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS.host)) this.reset();
    });
  }

  /** The engine, created now if needed. Throws an EngineError ('bad-host') when the address cannot be parsed;
   *  a failure is not cached, so a retry after fixing DOCKER_HOST or the setting works. */
  get(): DockerEngine {
    if (!this.engine) {
      // In Restricted Mode VS Code ignores a workspace value of this setting (it is a restrictedConfiguration).
      const setting = vscode.workspace.getConfiguration().get<string>(SETTINGS.host) ?? '';
      const endpoint = resolveEndpoint({ setting, env: this.env, homeDir: os.homedir(), platform: process.platform });
      this.engine = createEngine(endpoint);
    }
    return this.engine;
  }

  /** The engine if one was created already (never creates one). */
  get current(): DockerEngine | undefined {
    return this.engine;
  }

  reset(): void {
    this.engine?.dispose();
    this.engine = undefined;
    this.changed.fire();
    // A "not reachable" notice on screen asks the new address at once.
    engineTrouble.recheck();
  }

  dispose(): void {
    engineTrouble.dispose();
    this.configListener.dispose();
    this.engine?.dispose();
    this.engine = undefined;
    this.changed.dispose();
  }
}
