// The progress model kept in `context.globalState` (one key, survives a reload), with a vscode event for changes.
import * as vscode from 'vscode';
import { PROGRESS_KEY, ProgressModel, type ProgressEvent } from '../../viewmodel/lessons/progress';

export class ProgressStore extends ProgressModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProgressEvent>();
  readonly onDidChangeProgress = this.changed.event;
  private readonly forward: { dispose(): void };

  constructor(globalState: vscode.Memento) {
    super(globalState, PROGRESS_KEY);
    this.forward = this.onDidChange((event) => this.changed.fire(event));
  }

  dispose(): void {
    this.forward.dispose();
    this.changed.dispose();
  }
}
