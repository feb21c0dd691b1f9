// Editor help, the VS Code side: Chinese/English hovers on Dockerfile instructions and flags, hovers on docker command
// flags in Markdown shell blocks and shell scripts, and a ▶ Run-in-terminal CodeLens on docker commands in Markdown
// notes (not on the extension's own lessons, which have the lesson webview). The logic lives in the pure modules.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Endpoint } from '../../engine/types';
import { terminalEnv } from '../../runner/env';
import type { EngineConnection } from '../engine/connection';
import { EDITOR_COMMANDS, SETTINGS } from '../ids';
import type { ShellFence } from '../../editor/codeLens';
import type { DocLang } from '../../editor/dockerfileDocs';
// The hover modules carry the whole Dockerfile and docker CLI reference texts: load them with the first hover.
/* eslint-disable @typescript-eslint/no-require-imports */
const dockerfileHelp = (): typeof import('../../editor/dockerfileHover') => require('../../editor/dockerfileHover') as typeof import('../../editor/dockerfileHover');
const cliHelp = (): typeof import('../../editor/cliHover') => require('../../editor/cliHover') as typeof import('../../editor/cliHover');
const lensHelp = (): typeof import('../../editor/codeLens') => require('../../editor/codeLens') as typeof import('../../editor/codeLens');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The window's engine connection, as far as the editor help needs it. */
export type EditorEngine = Pick<EngineConnection, 'get' | 'onDidChangeEngine'>;

const TERMINAL_NAME = 'Docker 实践课';

function hoverLanguage(): DocLang {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function markdownHover(markdown: string, range: vscode.Range): vscode.Hover {
  // Untrusted, no HTML: the text is ours, but the cursor word may come from the document.
  const content = new vscode.MarkdownString(markdown);
  content.isTrusted = false;
  content.supportHtml = false;
  return new vscode.Hover(content, range);
}

export function registerEditorHelp(context: Pick<vscode.ExtensionContext, 'extensionUri'>, connection: EditorEngine): vscode.Disposable {
  const lessonsDir = vscode.Uri.joinPath(context.extensionUri, 'lessons').fsPath;
  const terminals = new EngineTerminal(connection);
  const codeLenses = new DockerCommandLensProvider(lessonsDir);

  return vscode.Disposable.from(
    terminals,
    codeLenses,
    vscode.languages.registerHoverProvider({ language: 'dockerfile' }, { provideHover: provideDockerfileHover }),
    vscode.languages.registerHoverProvider([{ language: 'markdown' }, { language: 'shellscript' }], new DockerCommandHoverProvider()),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLenses),
    vscode.commands.registerCommand(EDITOR_COMMANDS.runInTerminal, (command: unknown) => runInTerminal(command, connection, terminals)),
  );
}

function provideDockerfileHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  const hover = dockerfileHelp().dockerfileHover(document.getText(), { line: position.line, character: position.character }, hoverLanguage());
  if (!hover) return undefined;
  const { start, end } = hover.range;
  return markdownHover(hover.markdown, new vscode.Range(start.line, start.character, end.line, end.character));
}

class DockerCommandHoverProvider implements vscode.HoverProvider {
  private readonly fenceCache = new WeakMap<vscode.TextDocument, { version: number; fences: ShellFence[] }>();

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const isMarkdown = document.languageId === 'markdown';
    let bounds = { first: 0, last: document.lineCount - 1 };
    if (isMarkdown) {
      const fence = this.fences(document).find((f) => position.line >= f.firstLine && position.line < f.firstLine + f.lines.length);
      if (!fence) return undefined;
      bounds = { first: fence.firstLine, last: fence.firstLine + fence.lines.length - 1 };
    }

    // Hover works on the whole `\`-continued command, so a flag on a continuation line knows its subcommand.
    const lines: string[] = [];
    for (let n = bounds.first; n <= bounds.last; n++) lines.push(document.lineAt(n).text);
    const logical = cliHelp().logicalLineRange(lines, position.line - bounds.first);
    const block = lines.slice(logical.first, logical.last + 1);
    let offset = position.character;
    for (let n = logical.first; n < position.line - bounds.first; n++) offset += lines[n].length + 1;

    const hover = cliHelp().cliHover(block.join('\n'), offset, hoverLanguage(), { stripPrompt: isMarkdown });
    if (!hover) return undefined;
    const firstLine = bounds.first + logical.first;
    return markdownHover(hover.markdown, new vscode.Range(toPosition(block, firstLine, hover.start), toPosition(block, firstLine, hover.end)));
  }

  private fences(document: vscode.TextDocument): ShellFence[] {
    const cached = this.fenceCache.get(document);
    if (cached && cached.version === document.version) return cached.fences;
    const fences = lensHelp().shellFences(document.getText());
    this.fenceCache.set(document, { version: document.version, fences });
    return fences;
  }
}

function toPosition(lines: readonly string[], firstLine: number, offset: number): vscode.Position {
  let rest = offset;
  for (let n = 0; n < lines.length; n++) {
    if (rest <= lines[n].length) return new vscode.Position(firstLine + n, rest);
    rest -= lines[n].length + 1;
  }
  const last = lines.length - 1;
  return new vscode.Position(firstLine + last, lines[last].length);
}

class DockerCommandLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly configListener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SETTINGS.codeLensEnabled)) this.changed.fire();
  });

  constructor(private readonly lessonsDir: string) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.getConfiguration().get<boolean>(SETTINGS.codeLensEnabled, true)) return [];
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return [];
    if (document.uri.scheme === 'file' && isInside(document.uri.fsPath, this.lessonsDir)) return [];
    // Cheap pre-check: most Markdown files never mention docker.
    const text = document.getText();
    if (!text.includes('docker')) return [];
    return lensHelp().findDockerCommands(text).map((snippet) => new vscode.CodeLens(new vscode.Range(snippet.line, 0, snippet.line, 0), {
      title: vscode.l10n.t('▶ Run in terminal'),
      tooltip: snippet.command,
      command: EDITOR_COMMANDS.runInTerminal,
      arguments: [snippet.command],
    }));
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function runInTerminal(command: unknown, connection: EditorEngine, terminals: EngineTerminal): Promise<void> {
  if (typeof command !== 'string' || !command.trim()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Use the ▶ Run in terminal link above a docker command in a Markdown note.'));
    return;
  }
  // Notes are workspace content: running them is running workspace code.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This workspace is not trusted, so commands from its notes are not run. Trust the workspace (Manage Workspace Trust) and try again.'));
    return;
  }
  if (!lensHelp().isDockerCommandLine(command)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Only docker commands can be run from a note.'));
    return;
  }
  if (lensHelp().isDestructiveCommand(command)) {
    const run = vscode.l10n.t('Run');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('This command deletes Docker objects or leaves the swarm. Run it?'),
      { modal: true, detail: command },
      run,
    );
    if (answer !== run) return;
  }

  let endpoint: Endpoint;
  try {
    // The window's engine (the explorer's and the lessons'): the same address, setting and environment.
    endpoint = connection.get().endpoint;
  } catch (error) {
    // EngineError('bad-host') already says what is wrong and what to fix, in the user's language.
    void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
    return;
  }
  const terminal = terminals.get(endpoint);
  terminal.show();
  terminal.sendText(command, true);
}

/** One reused terminal whose environment points the docker CLI at the window's engine; a new one after the engine
 *  changed (the old terminal stays for whatever runs in it). */
class EngineTerminal implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(connection: EditorEngine) {
    this.subscriptions = [
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed === this.terminal) this.terminal = undefined;
      }),
      connection.onDidChangeEngine(() => { this.terminal = undefined; }),
    ];
  }

  get(endpoint: Endpoint): vscode.Terminal {
    if (this.terminal && this.terminal.exitStatus === undefined) return this.terminal;
    this.terminal = vscode.window.createTerminal({ name: TERMINAL_NAME, env: terminalEnv(endpoint) });
    return this.terminal;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
