// A small stand-in for the `vscode` module, so the adapters in src/vscode/ are unit-tested in plain Node (node:test +
// tsx), like runme's __mocks__/vscode.ts. Importing this file first makes every later `require('vscode')` resolve to
// it (a Module._resolveFilename hook), so an adapter test starts with
//   import { mock } from '../../support/vscodeMock';   // before anything that imports vscode
// It records what the adapters do (commands, terminals, messages, status bar items, providers) in `mock`, and lets a
// test answer the questions they ask (`mock.answer.warning = …`). `mock.reset()` between tests.
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

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class MarkdownString {
  isTrusted?: boolean;
  supportHtml?: boolean;
  constructor(public value = '') {}
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
  hoverProviders: [] as { selector: unknown; provider: unknown }[],
  codeLensProviders: [] as { selector: unknown; provider: unknown }[],
  documents: [] as { language?: string; content?: string }[],
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
      mock.progress, mock.hoverProviders, mock.codeLensProviders, mock.documents]) list.length = 0;
    mock.commands.clear();
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
    return typeof message === 'string' ? format(message, args) : format(message.message, message.args ?? []);
  },
};

export const env = {
  get language(): string { return mock.language; },
  clipboard: {
    async writeText(text: string): Promise<void> { mock.clipboard = text; },
    async readText(): Promise<string> { return mock.clipboard; },
  },
};

export const window = {
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
    return task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => undefined) });
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
};
