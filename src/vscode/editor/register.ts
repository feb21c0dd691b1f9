// Editor help, the VS Code side: Chinese/English hovers on every token of a Dockerfile (also inside ```dockerfile and
// ```docker fences of Markdown notes), hovers on docker commands in Markdown shell blocks and shell scripts, each linked
// to the lesson step that teaches it; Dockerfile diagnostics with quick fixes; and a Run-in-terminal CodeLens on
// runnable docker commands in Markdown notes (a Copy lens on synopses with placeholders; none on the extension's own
// lessons, which have the lesson webview). The logic lives in the pure modules of src/editor.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Endpoint } from '../../engine/types';
import { terminalEnv } from '../../runner/env';
import type { EngineConnection } from '../engine/connection';
import { EDITOR_COMMANDS, LESSON_COMMANDS, SETTINGS } from '../ids';
import type { DocLang } from '../../editor/dockerfileDocs';
import type { HelpOptions } from '../../editor/dockerfileHover';
import type { LintDiagnostic } from '../../editor/dockerfileLint';
import type { LessonIndex } from '../../editor/lessonIndex';
// The help modules carry the whole Dockerfile and docker CLI reference texts and their parsers: load them on first use.
/* eslint-disable @typescript-eslint/no-require-imports */
const dockerfileHelp = (): typeof import('../../editor/dockerfileHover') => require('../../editor/dockerfileHover') as typeof import('../../editor/dockerfileHover');
const notesHelp = (): typeof import('../../editor/notesHover') => require('../../editor/notesHover') as typeof import('../../editor/notesHover');
const lensHelp = (): typeof import('../../editor/codeLens') => require('../../editor/codeLens') as typeof import('../../editor/codeLens');
const lintHelp = (): typeof import('../../editor/dockerfileLint') => require('../../editor/dockerfileLint') as typeof import('../../editor/dockerfileLint');
const courseHelp = (): typeof import('../../editor/course') => require('../../editor/course') as typeof import('../../editor/course');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The window's engine connection, as far as the editor help needs it. */
export type EditorEngine = Pick<EngineConnection, 'get' | 'onDidChangeEngine'>;

const TERMINAL_NAME = 'Docker 实践课';
/** Diagnostics wait this long after the last keystroke. */
const LINT_DELAY_MS = 300;

function hoverLanguage(): DocLang {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function markdownHover(markdown: string, range: vscode.Range): vscode.Hover {
  // No HTML, and of all commands only the lesson link may run: the cursor word comes from the document.
  const content = new vscode.MarkdownString(markdown, true);
  content.isTrusted = { enabledCommands: [LESSON_COMMANDS.openLesson] };
  content.supportHtml = false;
  return new vscode.Hover(content, range);
}

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The lessons the help links to, parsed with the first hover or check that needs them. */
class Course {
  private index?: Promise<LessonIndex | undefined>;
  private readonly linkers = new Map<DocLang, NonNullable<HelpOptions['lessonLink']>>();

  constructor(private readonly lessonsDir: string) {}

  get(): Promise<LessonIndex | undefined> {
    // Without lessons the help still works, only without links.
    this.index ??= courseHelp().loadLessonIndex(this.lessonsDir).catch(() => undefined);
    return this.index;
  }

  /** One linker per language, so the hover modules' per-text caches stay valid between hovers. */
  async options(lang: DocLang): Promise<HelpOptions> {
    const index = await this.get();
    if (!index) return {};
    let linker = this.linkers.get(lang);
    if (!linker) {
      linker = courseHelp().lessonLinker(index, (ref) => courseHelp().commandLink(ref, lang, LESSON_COMMANDS.openLesson));
      this.linkers.set(lang, linker);
    }
    return { lessonLink: linker };
  }
}

export function registerEditorHelp(context: Pick<vscode.ExtensionContext, 'extensionUri'>, connection: EditorEngine): vscode.Disposable {
  const lessonsDir = vscode.Uri.joinPath(context.extensionUri, 'lessons').fsPath;
  const course = new Course(lessonsDir);
  const terminals = new EngineTerminal(connection);
  const codeLenses = new DockerCommandLensProvider(lessonsDir);
  const diagnostics = new DockerfileDiagnostics(course);

  return vscode.Disposable.from(
    terminals,
    codeLenses,
    diagnostics,
    vscode.languages.registerHoverProvider({ language: 'dockerfile' }, { provideHover: (document, position) => provideDockerfileHover(document, position, course) }),
    vscode.languages.registerHoverProvider([{ language: 'markdown' }, { language: 'shellscript' }], { provideHover: (document, position) => provideNotesHover(document, position, course) }),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLenses),
    vscode.languages.registerCodeActionsProvider({ language: 'dockerfile' }, diagnostics, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(EDITOR_COMMANDS.runInTerminal, (command: unknown) => runInTerminal(command, connection, terminals)),
    vscode.commands.registerCommand(EDITOR_COMMANDS.copyCommand, (command: unknown) => copyCommand(command)),
  );
}

async function provideDockerfileHover(document: vscode.TextDocument, position: vscode.Position, course: Course): Promise<vscode.Hover | undefined> {
  const lang = hoverLanguage();
  const hover = dockerfileHelp().dockerfileHover(document.getText(), { line: position.line, character: position.character }, lang, await course.options(lang));
  return hover && markdownHover(hover.markdown, toRange(hover.range));
}

async function provideNotesHover(document: vscode.TextDocument, position: vscode.Position, course: Course): Promise<vscode.Hover | undefined> {
  const text = document.getText();
  // Cheap pre-check: most notes never mention docker, and the lessons need not be parsed for them.
  if (!/docker/i.test(text)) return undefined;
  const lang = hoverLanguage();
  const options = { ...(await course.options(lang)), shellScript: document.languageId !== 'markdown' };
  const hover = notesHelp().noteHover(text, { line: position.line, character: position.character }, lang, options);
  return hover && markdownHover(hover.markdown, toRange(hover.range));
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
    return lensHelp().findDockerCommands(text).map((snippet) => new vscode.CodeLens(new vscode.Range(snippet.line, 0, snippet.line, 0),
      snippet.action === 'run'
        ? { title: `$(play) ${vscode.l10n.t('Run in terminal')}`, tooltip: snippet.command, command: EDITOR_COMMANDS.runInTerminal, arguments: [snippet.command] }
        : {
          // A synopsis or a command with placeholders (容器名, [OPTIONS], <image> …) is not run as written: copy it to fill in.
          title: `$(copy) ${vscode.l10n.t('Copy')}`,
          tooltip: `${vscode.l10n.t('A usage line with placeholders: copy it, then fill them in.')}\n${snippet.command}`,
          command: EDITOR_COMMANDS.copyCommand,
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
    void vscode.window.showInformationMessage(vscode.l10n.t('Use the "Run in terminal" link above a docker command in a Markdown note.'));
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
  const risk = lensHelp().commandRisk(command);
  if (risk) {
    const run = vscode.l10n.t('Run');
    const question = risk === 'deletes'
      ? vscode.l10n.t('This command deletes Docker objects or leaves the swarm. Run it?')
      : vscode.l10n.t('This command gives a container access to the host (privileged mode, the host\'s root folder or the Docker socket). Run it?');
    const answer = await vscode.window.showWarningMessage(question, { modal: true, detail: command }, run);
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

async function copyCommand(command: unknown): Promise<void> {
  if (typeof command !== 'string' || !command.trim()) return;
  await vscode.env.clipboard.writeText(command);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied. Fill in the placeholders before you run it.'), 4000);
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

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint,
} as const;

/** Chinese (or English) Dockerfile diagnostics as you type, their quick fixes, and "open the lesson" for each. */
class DockerfileDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('docker-lessons');
  private readonly results = new Map<string, { version: number; found: LintDiagnostic[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly course: Course) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, LINT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'dockerfile') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(document);
    }, delay));
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    const version = document.version;
    const index = await this.course.get();
    if (document.isClosed || document.version !== version) return;
    const found = lintHelp().lintDockerfile(document.getText(), hoverLanguage(), { lessonFor: index && ((wanted) => index.find(wanted)) });
    this.results.set(document.uri.toString(), { version, found });
    this.collection.set(document.uri, found.map((lint) => this.toDiagnostic(lint)));
  }

  private toDiagnostic(lint: LintDiagnostic): vscode.Diagnostic {
    const taught = lint.lesson ? `\n${courseHelp().taughtIn(lint.lesson, hoverLanguage())}` : '';
    const diagnostic = new vscode.Diagnostic(toRange(lint.range), lint.message + taught, SEVERITY[lint.severity]);
    diagnostic.source = lint.source;
    diagnostic.code = lint.code;
    if (lint.tags) {
      diagnostic.tags = lint.tags.map((tag) => (tag === 'unnecessary' ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
    }
    return diagnostic;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.collection.delete(uri);
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const result = this.results.get(document.uri.toString());
    if (!result || result.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    const lessons = new Set<string>();
    for (const lint of result.found) {
      const lintRange = toRange(lint.range);
      if (!intersects(lintRange, range)) continue;
      const diagnostic = this.toDiagnostic(lint);
      for (const fix of lint.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        action.diagnostics = [diagnostic];
        action.isPreferred = lint.fixes.length === 1;
        actions.push(action);
      }
      if (lint.lesson && !lessons.has(`${lint.lesson.lessonId}/${lint.lesson.stepId}`)) {
        lessons.add(`${lint.lesson.lessonId}/${lint.lesson.stepId}`);
        const action = new vscode.CodeAction(vscode.l10n.t('Open the lesson: {0}', courseHelp().lessonRefLabel(lint.lesson, hoverLanguage())), vscode.CodeActionKind.QuickFix);
        action.command = { title: action.title, command: LESSON_COMMANDS.openLesson, arguments: [lint.lesson.lessonId, lint.lesson.stepId] };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

function intersects(a: vscode.Range, b: vscode.Range): boolean {
  const before = (x: vscode.Position, y: vscode.Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
