// A small stand-in for the `vscode` module, so the adapters in src/vscode/ are unit-tested in plain Node (node:test +
// tsx), like runme's __mocks__/vscode.ts. Importing this file first makes every later `require('vscode')` resolve to
// it (a Module._resolveFilename hook), so an adapter test starts with
//   import { mock } from '../../support/vscodeMock';   // before anything that imports vscode
// It records what the adapters do (commands, terminals, messages, status bar items, providers) in `mock`, and lets a
// test answer the questions they ask (`mock.answer.warning = …`). `mock.reset()` between tests.
// Webview panels (`mock.panels`; `panel.webview.send(…)` is the page posting a message), output channels and tasks
// (a CustomExecution's pseudoterminal is opened and followed to its end) are there for the panel and lesson host tests.
// `vscode.l10n.t` translates with the bundle the core's `useLanguage` loaded, as the extension's bundle would.
import Module from 'node:module';
import * as path from 'node:path';

// ------------------------------------------------------------------------------------------------ the hook

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? __filename : resolveFilename.call(this, request, ...rest);
};

// ------------------------------------------------------------------------------------------------ basic types

export class Disposable {
  private disposed = false;
  constructor(private readonly callOnDispose: () => unknown) {}
  static from(...disposables: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => { for (const d of disposables) d.dispose(); });
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.callOnDispose();
  }
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: { dispose(): unknown }[]) => Disposable;

export class EventEmitter<T> {
  private readonly listeners = new Set<(e: T) => unknown>();
  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = (e: T) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const disposable = new Disposable(() => this.listeners.delete(bound));
    disposables?.push(disposable);
    return disposable;
  };
  fire(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum TreeItemCollapsibleState { None = 0, Collapsed = 1, Expanded = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2, Three = 3 }
export enum TaskScope { Global = 1, Workspace = 2 }
export enum TaskRevealKind { Always = 1, Silent = 2, Never = 3 }
export enum TaskPanelKind { Shared = 1, Dedicated = 2, New = 3 }

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class MarkdownString {
  isTrusted?: boolean | { enabledCommands: readonly string[] };
  supportHtml?: boolean;
  constructor(public value = '', public supportThemeIcons = false) {}
}

export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }
export enum DiagnosticTag { Unnecessary = 1, Deprecated = 2 }

export class Diagnostic {
  source?: string;
  code?: string | number;
  tags?: DiagnosticTag[];
  constructor(readonly range: Range, readonly message: string, readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error) {}
}

export class CodeActionKind {
  static readonly QuickFix = new CodeActionKind('quickfix');
  constructor(readonly value: string) {}
}

export class WorkspaceEdit {
  readonly replacements: { uri: unknown; range: Range; newText: string }[] = [];
  replace(uri: unknown, range: Range, newText: string): void {
    this.replacements.push({ uri, range, newText });
  }
}

export class CodeAction {
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(readonly title: string, readonly kind?: CodeActionKind) {}
}

/** A text document as the adapters see it; `mock.openDocument` makes one. */
export class MockTextDocument {
  readonly uri: { scheme: string; fsPath: string; toString(): string };
  version = 1;
  isClosed = false;
  constructor(fsPath: string, readonly languageId: string, private text: string) {
    this.uri = { scheme: 'file', fsPath, toString: () => `file://${fsPath}` };
  }
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.text = text;
    this.version++;
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c ?? a, d ?? (b as number));
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
}

export class Hover {
  constructor(readonly contents: MarkdownString, readonly range?: Range) {}
}

export class CodeLens {
  constructor(readonly range: Range, readonly command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] }) {}
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  constructor(readonly label: string, readonly collapsibleState?: TreeItemCollapsibleState) {}
}

export class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string) {}
  static file(fsPath: string): Uri {
    return new Uri('file', fsPath);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  get path(): string {
    return this.fsPath;
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

// ------------------------------------------------------------------------------------------------ recorded things

export class MockStatusBarItem {
  text = '';
  name?: string;
  tooltip?: string | MarkdownString;
  command?: string | { command: string; title: string; arguments?: unknown[] };
  backgroundColor?: ThemeColor;
  visible = false;
  disposed = false;
  constructor(readonly id: string, readonly alignment: StatusBarAlignment, readonly priority?: number) {}
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  dispose(): void { this.disposed = true; this.visible = false; }
}

export class MockTerminal {
  readonly sent: { text: string; addNewLine?: boolean }[] = [];
  shown = 0;
  exitStatus: { code: number | undefined } | undefined;
  constructor(readonly creationOptions: { name?: string; env?: Record<string, string | null> }) {}
  get name(): string { return this.creationOptions.name ?? ''; }
  show(): void { this.shown++; }
  sendText(text: string, addNewLine?: boolean): void { this.sent.push({ text, addNewLine }); }
  dispose(): void { mock.closeTerminal(this); }
}

/** The page side of a webview: `send` is the page posting a message (structured-cloned, as postMessage does). */
export class MockWebview {
  html = '';
  options: unknown = {};
  readonly cspSource = 'https://mock.vscode-cdn.net';
  /** What the host posted to the page. */
  readonly posted: unknown[] = [];
  private readonly received = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  asWebviewUri(uri: Uri): Uri { return uri; }
  async postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return true;
  }
  send(message: unknown): void {
    this.received.fire(structuredClone(message));
  }
}

export class MockWebviewPanel {
  iconPath: unknown;
  visible = true;
  active = true;
  disposed = false;
  revealed = 0;
  readonly webview = new MockWebview();
  private readonly disposeEmitter = new EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly viewState = new EventEmitter<unknown>();
  readonly onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string, public title: string, readonly showOptions?: unknown, readonly options?: unknown) {}
  reveal(): void { this.revealed++; }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.visible = false;
    this.disposeEmitter.fire();
  }
}

export class MockOutputChannel {
  readonly lines: string[] = [];
  constructor(readonly name: string) {}
  append(text: string): void { this.lines.push(text); }
  appendLine(line: string): void { this.lines.push(line); }
  clear(): void { this.lines.length = 0; }
  show(): void { /* nothing to show */ }
  hide(): void { /* nothing to hide */ }
  dispose(): void { /* nothing held */ }
}

/** `context.globalState`: a Memento kept in a Map. */
export class MockMemento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? structuredClone(this.values.get(key)) as T : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
  }
  setKeysForSync(): void { /* not synced */ }
}

/** What the mock needs of a pseudoterminal (VS Code's Pseudoterminal interface). */
export interface MockPseudoterminal {
  onDidWrite: Event<string>;
  onDidClose?: Event<number | void>;
  open(dimensions: unknown): void;
  close(): void;
  handleInput?(data: string): void;
}

export class CustomExecution {
  constructor(readonly callback: (definition: unknown) => PromiseLike<MockPseudoterminal> | MockPseudoterminal) {}
}

export class ShellExecution {
  constructor(readonly commandLine: string, readonly options?: unknown) {}
}

export class Task {
  presentationOptions: unknown;
  constructor(readonly definition: { type: string; [key: string]: unknown }, readonly scope: unknown, readonly name: string,
    readonly source: string, readonly execution?: CustomExecution | ShellExecution) {}
}

export interface MockTaskExecution {
  readonly task: Task;
  terminate(): void;
  /** Everything the task's terminal printed. */
  readonly output: string[];
}

export interface ShownMessage {
  level: 'info' | 'warning' | 'error';
  message: string;
  options?: { modal?: boolean; detail?: string };
  items: string[];
}

type Answer = (message: ShownMessage) => string | undefined;

function messageFrom(level: ShownMessage['level'], message: string, rest: unknown[]): ShownMessage {
  const options = rest[0] !== undefined && typeof rest[0] === 'object' ? rest[0] as ShownMessage['options'] : undefined;
  const items = (options ? rest.slice(1) : rest).filter((item): item is string => typeof item === 'string');
  return { level, message, options, items };
}

const closeTerminal = new EventEmitter<MockTerminal>();
const saveDocument = new EventEmitter<unknown>();
const taskStart = new EventEmitter<{ execution: MockTaskExecution }>();
const taskEnd = new EventEmitter<{ execution: MockTaskExecution }>();
const taskProcessEnd = new EventEmitter<{ execution: MockTaskExecution; exitCode: number | undefined }>();
const openDocument = new EventEmitter<MockTextDocument>();
const changeDocument = new EventEmitter<{ document: MockTextDocument }>();
const closeDocument = new EventEmitter<MockTextDocument>();
const configurationChange = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();

/** What the adapters did, and how the "user" answers. */
export const mock = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  /** executeCommand calls for commands nobody registered (VS Code's own: setContext, openSettings …). */
  executed: [] as { command: string; args: unknown[] }[],
  messages: [] as ShownMessage[],
  statusBarMessages: [] as string[],
  statusBarItems: [] as MockStatusBarItem[],
  terminals: [] as MockTerminal[],
  progress: [] as unknown[],
  /** The options of each progress whose task has ended (a notification that closed). */
  progressEnded: [] as unknown[],
  hoverProviders: [] as { selector: unknown; provider: unknown }[],
  codeLensProviders: [] as { selector: unknown; provider: unknown }[],
  codeActionProviders: [] as { selector: unknown; provider: unknown }[],
  /** Diagnostics collections' contents, by document uri. */
  diagnostics: new Map<string, Diagnostic[]>(),
  /** Open text documents (workspace.textDocuments). */
  textDocuments: [] as MockTextDocument[],
  documents: [] as { language?: string; content?: string }[],
  panels: [] as MockWebviewPanel[],
  serializers: new Map<string, unknown>(),
  outputChannels: [] as MockOutputChannel[],
  taskExecutions: [] as MockTaskExecution[],
  clipboard: '',
  configuration: new Map<string, unknown>(),
  isTrusted: true,
  language: 'en',
  answer: {
    info: (() => undefined) as Answer,
    warning: (() => undefined) as Answer,
    error: (() => undefined) as Answer,
    input: (() => undefined) as (options: unknown) => string | undefined,
  },

  reset(): void {
    for (const list of [mock.executed, mock.messages, mock.statusBarMessages, mock.statusBarItems, mock.terminals,
      mock.progress, mock.hoverProviders, mock.codeLensProviders, mock.codeActionProviders, mock.documents, mock.textDocuments]) list.length = 0;
    mock.diagnostics.clear();
    mock.commands.clear();
    for (const list of [mock.panels, mock.outputChannels, mock.taskExecutions, mock.progressEnded] as unknown[][]) list.length = 0;
    mock.serializers.clear();
    mock.configuration.clear();
    mock.clipboard = '';
    mock.isTrusted = true;
    mock.language = 'en';
    mock.answer.info = () => undefined;
    mock.answer.warning = () => undefined;
    mock.answer.error = () => undefined;
    mock.answer.input = () => undefined;
  },

  /** Change settings as the user would: values first, then onDidChangeConfiguration for those keys. */
  setConfiguration(values: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(values)) mock.configuration.set(key, value);
    const keys = Object.keys(values);
    configurationChange.fire({ affectsConfiguration: (section) => keys.some((key) => key === section || key.startsWith(`${section}.`)) });
  },

  /** Open a text document as the user would: workspace.textDocuments and onDidOpenTextDocument. */
  openDocument(fsPath: string, languageId: string, text: string): MockTextDocument {
    const document = new MockTextDocument(fsPath, languageId, text);
    mock.textDocuments.push(document);
    openDocument.fire(document);
    return document;
  },

  /** Type into a document: a new version and onDidChangeTextDocument. */
  changeDocument(document: MockTextDocument, text: string): void {
    document.setText(text);
    changeDocument.fire({ document });
  },

  closeDocument(document: MockTextDocument): void {
    document.isClosed = true;
    mock.textDocuments.splice(mock.textDocuments.indexOf(document), 1);
    closeDocument.fire(document);
  },

  closeTerminal(terminal: MockTerminal): void {
    terminal.exitStatus = { code: 0 };
    closeTerminal.fire(terminal);
  },

  /** A modal question's answer: press `button` when the message matches. */
  press(button: string, when: (message: ShownMessage) => boolean = () => true): Answer {
    return (message) => (when(message) && message.items.includes(button) ? button : undefined);
  },
};

// ------------------------------------------------------------------------------------------------ namespaces

function format(message: string, args: unknown[]): string {
  const values = args.length === 1 && args[0] !== null && typeof args[0] === 'object' && !Array.isArray(args[0])
    ? args[0] as Record<string, unknown> : args;
  return message.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = (values as Record<string, unknown>)[key];
    return value === undefined ? whole : String(value);
  });
}

export const l10n = {
  bundle: undefined,
  t(message: string | { message: string; args?: unknown[] }, ...args: unknown[]): string {
    const text = typeof message === 'string' ? message : message.message;
    return format(coreL10n().t(text), typeof message === 'string' ? args : message.args ?? []);
  },
};

// The core's translations (English until a test calls useLanguage('zh-cn', …)); loaded on first use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const coreL10n = (): { t(message: string): string } => require('@vscode/l10n') as { t(message: string): string };

export const env = {
  get language(): string { return mock.language; },
  clipboard: {
    async writeText(text: string): Promise<void> { mock.clipboard = text; },
    async readText(): Promise<string> { return mock.clipboard; },
  },
};

const windowState = new EventEmitter<{ focused: boolean }>();

export const window = {
  /** The window has the focus (the lesson panel's study clock runs only then). */
  state: { focused: true },
  onDidChangeWindowState: windowState.event,
  createStatusBarItem(id: string, alignment: StatusBarAlignment = StatusBarAlignment.Left, priority?: number): MockStatusBarItem {
    const item = new MockStatusBarItem(id, alignment, priority);
    mock.statusBarItems.push(item);
    return item;
  },
  async showInformationMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    const shown = messageFrom('info', message, rest);
    mock.messages.push(shown);
    return mock.answer.info(shown);
  },
  async showWarningMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    const shown = messageFrom('warning', message, rest);
    mock.messages.push(shown);
    return mock.answer.warning(shown);
  },
  async showErrorMessage(message: string, ...rest: unknown[]): Promise<string | undefined> {
    const shown = messageFrom('error', message, rest);
    mock.messages.push(shown);
    return mock.answer.error(shown);
  },
  async showInputBox(options: unknown): Promise<string | undefined> {
    return mock.answer.input(options);
  },
  setStatusBarMessage(text: string): Disposable {
    mock.statusBarMessages.push(text);
    return new Disposable(() => undefined);
  },
  async withProgress<T>(options: unknown, task: (progress: { report(value: unknown): void }, token: unknown) => PromiseLike<T>): Promise<T> {
    mock.progress.push(options);
    const ended = () => { mock.progressEnded.push(options); };
    return Promise.resolve(task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) }))
      .finally(ended);
  },
  createTerminal(options: { name?: string; env?: Record<string, string | null> }): MockTerminal {
    const terminal = new MockTerminal(options);
    mock.terminals.push(terminal);
    return terminal;
  },
  onDidCloseTerminal: closeTerminal.event,
  async showTextDocument(document: unknown): Promise<unknown> {
    return { document };
  },
  createWebviewPanel(viewType: string, title: string, showOptions?: unknown, options?: unknown): MockWebviewPanel {
    const panel = new MockWebviewPanel(viewType, title, showOptions, options);
    mock.panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(viewType: string, serializer: unknown): Disposable {
    mock.serializers.set(viewType, serializer);
    return new Disposable(() => mock.serializers.delete(viewType));
  },
  createOutputChannel(name: string): MockOutputChannel {
    const channel = new MockOutputChannel(name);
    mock.outputChannels.push(channel);
    return channel;
  },
  createTreeView(id: string, options: unknown): unknown {
    const visibility = new EventEmitter<{ visible: boolean }>();
    return { id, options, visible: false, onDidChangeVisibility: visibility.event, dispose: () => visibility.dispose() };
  },
};

export const workspace = {
  get isTrusted(): boolean { return mock.isTrusted; },
  getConfiguration(section?: string) {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
      get<T>(key: string, defaultValue?: T): T | undefined {
        return mock.configuration.has(full(key)) ? mock.configuration.get(full(key)) as T : defaultValue;
      },
      has: (key: string) => mock.configuration.has(full(key)),
    };
  },
  onDidChangeConfiguration: configurationChange.event,
  onDidSaveTextDocument: saveDocument.event,
  get textDocuments(): MockTextDocument[] { return mock.textDocuments; },
  onDidOpenTextDocument: openDocument.event,
  onDidChangeTextDocument: changeDocument.event,
  onDidCloseTextDocument: closeDocument.event,
  async openTextDocument(options: { language?: string; content?: string }): Promise<unknown> {
    mock.documents.push(options);
    return { ...options, getText: () => options.content ?? '' };
  },
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (mock.commands.has(id)) throw new Error(`command '${id}' already exists`); // as VS Code does
    mock.commands.set(id, handler);
    return new Disposable(() => mock.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    const handler = mock.commands.get(id);
    if (handler) return handler(...args);
    mock.executed.push({ command: id, args });
    return undefined;
  },
};

/** Tasks: a CustomExecution runs (its pseudoterminal opened at once); a ShellExecution is refused, as in a window without a folder. */
export const tasks = {
  get taskExecutions(): readonly MockTaskExecution[] { return mock.taskExecutions; },
  onDidStartTask: taskStart.event,
  onDidEndTask: taskEnd.event,
  onDidEndTaskProcess: taskProcessEnd.event,
  registerTaskProvider(): Disposable {
    return new Disposable(() => undefined);
  },
  async executeTask(task: Task): Promise<MockTaskExecution> {
    if (!(task.execution instanceof CustomExecution)) throw new Error('the mock runs CustomExecution tasks only');
    const pty = await task.execution.callback(task.definition);
    const output: string[] = [];
    const execution: MockTaskExecution = { task, output, terminate: () => pty.close() };
    mock.taskExecutions.push(execution);
    pty.onDidWrite((text) => output.push(text));
    pty.onDidClose?.((code) => {
      mock.taskExecutions.splice(mock.taskExecutions.indexOf(execution), 1);
      taskProcessEnd.fire({ execution, exitCode: typeof code === 'number' ? code : undefined });
      taskEnd.fire({ execution });
    });
    taskStart.fire({ execution });
    pty.open(undefined);
    return execution;
  },
};

export const languages = {
  registerHoverProvider(selector: unknown, provider: unknown): Disposable {
    const entry = { selector, provider };
    mock.hoverProviders.push(entry);
    return new Disposable(() => mock.hoverProviders.splice(mock.hoverProviders.indexOf(entry), 1));
  },
  registerCodeLensProvider(selector: unknown, provider: unknown): Disposable {
    const entry = { selector, provider };
    mock.codeLensProviders.push(entry);
    return new Disposable(() => mock.codeLensProviders.splice(mock.codeLensProviders.indexOf(entry), 1));
  },
  registerCodeActionsProvider(selector: unknown, provider: unknown): Disposable {
    const entry = { selector, provider };
    mock.codeActionProviders.push(entry);
    return new Disposable(() => mock.codeActionProviders.splice(mock.codeActionProviders.indexOf(entry), 1));
  },
  createDiagnosticCollection(name: string) {
    const owned = new Set<string>();
    return {
      name,
      set(uri: { toString(): string }, diagnostics: Diagnostic[]): void { owned.add(uri.toString()); mock.diagnostics.set(uri.toString(), diagnostics); },
      delete(uri: { toString(): string }): void { owned.delete(uri.toString()); mock.diagnostics.delete(uri.toString()); },
      dispose(): void { for (const key of owned) mock.diagnostics.delete(key); owned.clear(); },
    };
  },
};
