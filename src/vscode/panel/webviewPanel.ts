// The lifecycle every webview panel of the extension shares, apart from what it shows: one panel (created or revived by
// a serializer), locked-down options and a CSP'd page, the `ready` handshake (the page's script says when it listens;
// what is posted before is kept and sent then), every message validated both ways, listeners gone with the panel.
import * as vscode from 'vscode';
import { buildWebviewHtml, makeNonce } from '../../viewmodel/webviewHtml';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export interface WebviewPanelSpec<In extends { type: string }, Out extends { type: string }> {
  viewType: string;
  extensionUri: vscode.Uri;
  /** The page's script and stylesheet, relative to the extension (only `media/` and `dist/` are readable). */
  script: string;
  style: string;
  icon: string;
  loadingText(): string;
  parseIncoming(raw: unknown): Parsed<In>;
  /** The page validates too; checking here catches a host bug where it happens. */
  checkOutgoing(message: Out): Parsed<Out>;
  /** The page's script runs and listens (after each new HTML). */
  onReady(): Promise<void>;
  onMessage(message: In): Promise<void>;
  /** A handler failed (already logged): e.g. tell the page. */
  onError?(message: In, error: unknown): void;
  log(line: string): void;
}

/** The most messages kept for a page that is not ready yet; older ones are superseded by the state sent on ready. */
const MAX_PENDING = 50;

export class WebviewPanelHost<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: Out[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];
  private readonly visibility = new vscode.EventEmitter<boolean>();
  /** The panel was shown, hidden, activated or deactivated (its `visible`; false also when it closed). */
  readonly onDidChangeVisibility = this.visibility.event;

  constructor(private readonly spec: WebviewPanelSpec<In, Out>) {}

  get isOpen(): boolean { return this.panel !== undefined; }
  get isReady(): boolean { return this.panel !== undefined && this.ready; }
  /** Open and on screen (its tab is the active one of its editor group). */
  get isVisible(): boolean { return this.panel?.visible === true; }
  /** On screen and the active editor (the learner is looking at it; the window itself may be in the background). */
  get isActive(): boolean { return this.panel?.active === true; }

  /** Reveal the panel, creating it when there is none. */
  show(title: string): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.panel.title = title;
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(this.spec.viewType, title, vscode.ViewColumn.Active, { enableFindWidget: true }), title);
  }

  /** Take over a panel VS Code restored after a reload; false when one is already open (the extra one is closed). */
  revive(panel: vscode.WebviewPanel, title: string): boolean {
    if (this.panel && this.panel !== panel) {
      // One panel at a time: a second revived one would drift out of sync.
      panel.dispose();
      return false;
    }
    this.adopt(panel, title);
    return true;
  }

  set title(title: string) {
    if (this.panel) this.panel.title = title;
  }

  post(message: Out): void {
    if (!this.panel) return;
    const checked = this.spec.checkOutgoing(message);
    if (!checked.ok) {
      this.spec.log(`not sent to the webview (invalid ${message.type} message): ${checked.error}`);
      return;
    }
    if (!this.ready) {
      this.pending.push(checked.value);
      if (this.pending.length > MAX_PENDING) this.pending.shift();
      return;
    }
    void this.panel.webview.postMessage(checked.value);
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposePanel();
    this.visibility.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, title: string): void {
    this.disposePanel();
    this.panel = panel;
    panel.title = title;
    panel.iconPath = vscode.Uri.joinPath(this.spec.extensionUri, this.spec.icon);
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      // Never the workspace (the default includes it): the page needs only our stylesheet and script.
      localResourceRoots: [vscode.Uri.joinPath(this.spec.extensionUri, 'media'), vscode.Uri.joinPath(this.spec.extensionUri, 'dist')],
    };
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidChangeViewState(() => this.visibility.fire(panel.visible)),
      panel.onDidDispose(() => {
        this.disposePanel();
        this.panel = undefined;
        this.visibility.fire(false);
      }),
    );
    this.ready = false;
    this.pending = [];
    this.visibility.fire(panel.visible);
    const webview = panel.webview;
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.spec.extensionUri, this.spec.script)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.spec.extensionUri, this.spec.style)).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(this.spec.extensionUri, 'dist', 'codicons', 'codicon.css')).toString(),
      lang: vscode.env.language,
      loadingText: this.spec.loadingText(),
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = this.spec.parseIncoming(raw);
    if (!parsed.ok) {
      this.spec.log(`dropped an invalid message from the webview: ${parsed.error}`);
      return;
    }
    const message = parsed.value;
    try {
      if (message.type === 'ready') {
        this.ready = true;
        // Before the full state onReady sends, so nothing stale arrives after it.
        for (const pending of this.pending.splice(0)) void this.panel?.webview.postMessage(pending);
        await this.spec.onReady();
      } else {
        await this.spec.onMessage(message);
      }
    } catch (error) {
      this.spec.log(`${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
      this.spec.onError?.(message, error);
    }
  }

  private disposePanel(): void {
    for (const disposable of this.panelDisposables.splice(0)) disposable.dispose();
    this.ready = false;
  }
}
