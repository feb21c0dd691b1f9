// The lesson webview: one panel, reused for every lesson (prev/next navigate in place), revived after a reload by a
// serializer; its lifecycle is the shared WebviewPanelHost's. Every message from the page is parsed with the protocol's
// zod schemas; anything else is dropped and logged, never acted upon. The page only names steps by id: commands come
// from the host's own parsed lesson.
import * as vscode from 'vscode';
import type { Lesson } from '../../lessons/schema';
import type { StepProgress } from '../../lessons/progress';
import type { HostMessage, WebviewMessage } from '../../webview/protocol';
import type { LessonService, ProgressChange } from '../lessons/service';
import { WebviewPanelHost } from './webviewPanel';
import { LiveCheck } from '../lessons/liveCheck';
import { StudyClock } from '../../viewmodel/lessons/studyClock';

/** How often the study clock's time is written to the progress store. */
const CLOCK_FLUSH_MS = 60_000;
import { LESSON_COMMANDS, WEBVIEW_PANELS } from '../ids';

// The protocol's zod schemas and the lesson renderer load with the first lesson shown or message received, not on
// activation (esbuild initialises a module reached only through require() on that first call).
/* eslint-disable @typescript-eslint/no-require-imports */
const protocol = (): typeof import('../../webview/protocol') => require('../../webview/protocol') as typeof import('../../webview/protocol');
const lessonView = (): typeof import('../../viewmodel/lessons/lessonView') => require('../../viewmodel/lessons/lessonView') as typeof import('../../viewmodel/lessons/lessonView');
const runner = (): typeof import('../../runner') => require('../../runner') as typeof import('../../runner');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The product name; not translated. */
const OUTPUT_CHANNEL_NAME = 'Docker 实践课';

type StepMessage = Extract<WebviewMessage, { stepId: string }>;

export class LessonPanelController implements vscode.Disposable {
  private readonly host: WebviewPanelHost<WebviewMessage, HostMessage>;
  private lessonId: string | undefined;
  private pendingFocus: string | undefined;
  /** The panel was shown, hidden or closed, or shows another lesson (the live re-check follows it). */
  private readonly lessonShown = new vscode.EventEmitter<void>();
  private readonly clock: StudyClock;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private readonly service: LessonService,
    private readonly output: vscode.OutputChannel,
  ) {
    this.host = new WebviewPanelHost<WebviewMessage, HostMessage>({
      viewType: WEBVIEW_PANELS.lesson,
      extensionUri,
      script: 'dist/webview.js',
      style: 'media/lesson.css',
      icon: 'media/docker-lessons.svg',
      loadingText: () => vscode.l10n.t('Loading the lesson…'),
      parseIncoming: (raw) => protocol().parseWebviewMessage(raw),
      checkOutgoing: (message) => protocol().parseHostMessage(message),
      onReady: () => this.postLesson(),
      onMessage: (message) => this.handle(message),
      onError: (_message, error) => this.host.post({ type: 'notice', level: 'error', message: error instanceof Error ? error.message : String(error) }),
      log: (line) => this.log(line),
    });
    this.disposables.push(this.host, this.lessonShown, service.onDidChangeProgress((change) => void this.progressChanged(change)),
      this.host.onDidChangeVisibility(() => this.lessonShown.fire()));
    // Engine events re-check the current step while the lesson is on screen (issue 12).
    this.disposables.push(new LiveCheck(service, {
      visibleLessonId: () => (this.host.isVisible ? this.lessonId : undefined),
      onDidChange: this.lessonShown.event,
    }, (line) => this.log(line)));
    // Time spent per chapter (the course map): while the panel is the active editor of the focused window.
    this.clock = new StudyClock({ credit: (lessonId, ms) => this.service.addTime?.(lessonId, ms) });
    // unref: the clock's flush never keeps a process alive by itself (unit tests, a host shutting down).
    const flush = setInterval(() => this.clock.flush(), CLOCK_FLUSH_MS);
    flush.unref?.();
    this.disposables.push(
      this.lessonShown.event(() => this.clock.setActive(this.host.isActive && vscode.window.state.focused ? this.lessonId : undefined)),
      vscode.window.onDidChangeWindowState(() => this.lessonShown.fire()),
      { dispose: () => { clearInterval(flush); this.clock.setActive(undefined); } },
    );
  }

  /** The lesson shown, if the panel is open (for tests and the status bar). */
  get currentLessonId(): string | undefined {
    return this.host.isOpen ? this.lessonId : undefined;
  }

  /** Show a lesson (by id or order number; default: where the learner left off, else the first) and optionally a step. */
  async open(lessonIdOrOrder?: string, stepId?: string): Promise<void> {
    const lesson = await this.pickLesson(lessonIdOrOrder);
    if (!lesson) {
      void vscode.window.showWarningMessage(lessonIdOrOrder
        ? vscode.l10n.t('Lesson "{0}" was not found. Open the lessons view to pick one.', lessonIdOrOrder)
        : vscode.l10n.t('No lessons were found. Check the lessons folder of the extension.'));
      return;
    }
    this.lessonId = lesson.meta.id;
    this.host.show(lessonView().panelTitle(lesson, vscode.l10n.t));
    this.pendingFocus = stepId;
    await this.show(lesson, stepId);
  }

  /** Take over a panel VS Code restored after a reload (`state` is what the page last saved with setState). */
  async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = protocol().parseWebviewState(state);
    const lesson = await this.pickLesson(parsed.ok ? parsed.value.lessonId : undefined);
    if (!lesson) {
      panel.dispose();
      return;
    }
    this.lessonId = lesson.meta.id;
    if (this.host.revive(panel, lessonView().panelTitle(lesson, vscode.l10n.t))) await this.show(lesson);
  }

  dispose(): void {
    // In reverse: the clock's last credit goes to the store before the service is gone.
    for (const disposable of this.disposables.splice(0).reverse()) disposable.dispose();
  }

  private async show(lesson: Lesson, stepId?: string): Promise<void> {
    this.lessonId = lesson.meta.id;
    this.lessonShown.fire();
    // "Continue where I left off" and the status bar follow what the learner has on screen.
    this.service.noteOpened?.(lesson.meta.id, stepId);
    this.host.title = lessonView().panelTitle(lesson, vscode.l10n.t);
    if (this.host.isReady) await this.postLesson();
    // else: the page asks with `ready` once its script runs.
  }

  private async pickLesson(idOrOrder: string | undefined): Promise<Lesson | undefined> {
    if (idOrOrder) return this.service.lesson(idOrOrder);
    const last = this.service.lastPosition();
    const lastLesson = last ? await this.service.lesson(last.lessonId) : undefined;
    if (lastLesson) return lastLesson;
    const lessons = await this.service.lessons();
    return [...lessons].sort((a, b) => a.meta.order - b.meta.order)[0];
  }

  private async postLesson(): Promise<void> {
    const lessonId = this.lessonId;
    if (!lessonId) return;
    const [lesson, lessons] = await Promise.all([this.service.lesson(lessonId), this.service.lessons()]);
    if (!lesson) {
      this.post({ type: 'notice', level: 'error', message: vscode.l10n.t('Lesson "{0}" is no longer available: it may have been renamed or removed.', lessonId) });
      return;
    }
    const { buildLessonView, neighboursOf, viewProgress, webviewLabels } = lessonView();
    const view = buildLessonView(lesson, neighboursOf(lessons, lessonId), this.service.varValues(lessonId));
    const progress = viewProgress(lesson.steps, this.service.progress(lessonId), this.service.runningStep(lessonId));
    this.post({ type: 'lesson', lesson: view, progress, labels: webviewLabels((message) => vscode.l10n.t(message)) });
    if (this.pendingFocus) {
      this.post({ type: 'focus', stepId: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private postStep(lessonId: string, stepId: string): void {
    const stored = this.service.progress(lessonId);
    const progress: StepProgress = lessonView().viewProgress([{ id: stepId }], stored, this.service.runningStep(lessonId))[stepId]
      ?? { state: 'idle', checks: [] };
    this.post({ type: 'step', lessonId, stepId, progress });
  }

  private post(message: HostMessage): void {
    this.host.post(message);
  }

  private async progressChanged(change: ProgressChange): Promise<void> {
    if (!this.host.isReady || change.lessonId !== this.lessonId) return;
    if (change.stepId) this.postStep(change.lessonId, change.stepId);
    else await this.postLesson();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    if (message.type !== 'log') this.clock.interaction();
    switch (message.type) {
      case 'ready':
        return; // the panel host handles the handshake
      case 'activity':
        return; // the study clock above is all it is for
      case 'log':
        this.log(`[webview ${message.level}] ${message.message}`);
        return;
      case 'navigate': {
        const lesson = await this.service.lesson(message.lessonId);
        if (!lesson) {
          this.log(`navigate: no lesson "${message.lessonId}"`);
          return;
        }
        await this.show(lesson);
        return;
      }
      default:
        break;
    }
    // Everything else acts on the lesson on screen; a message about another one is stale (sent before navigating).
    if (message.lessonId !== this.lessonId) {
      this.log(`dropped a ${message.type} message for lesson "${message.lessonId}" (showing "${this.lessonId}")`);
      return;
    }
    const lessonId = message.lessonId;
    switch (message.type) {
      case 'run':
      case 'check':
        await this.runOrCheck(message);
        return;
      case 'cancel':
        if (await this.knowsStep(message)) this.service.cancelStep(lessonId, message.stepId);
        return;
      case 'openFile':
        if (await this.knowsStep(message)) await this.service.openStepFile(lessonId, message.stepId);
        return;
      case 'openTerminal':
        if (await this.knowsStep(message)) await this.service.openLessonTerminal?.(lessonId);
        return;
      case 'showSolution':
      case 'copySolution': {
        if (!(await this.knowsStep(message))) return;
        const lesson = await this.service.lesson(lessonId);
        const vars: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.vars)) if (lesson?.meta.vars[name]) vars[name] = value;
        // The host's own rule: nothing before a check of the challenge failed.
        const command = await this.service.challengeSolution?.(lessonId, message.stepId, vars);
        if (command === undefined) {
          this.log(`${message.type}: no reference solution for "${lessonId}/${message.stepId}" yet (no failed check)`);
          return;
        }
        if (message.type === 'copySolution') {
          await vscode.env.clipboard.writeText(command);
          void vscode.window.setStatusBarMessage(vscode.l10n.t('Reference solution copied.'), 3000);
        } else {
          this.post({ type: 'solution', lessonId, stepId: message.stepId, command });
        }
        return;
      }
      case 'reset':
        await this.service.resetLesson(lessonId);
        await this.postLesson();
        return;
      case 'setVar': {
        const lesson = await this.service.lesson(lessonId);
        if (!lesson?.meta.vars[message.name]) {
          this.log(`setVar: lesson "${lessonId}" declares no variable "${message.name}"`);
          return;
        }
        this.service.setVar(lessonId, message.name, message.value);
        return;
      }
    }
  }

  private async runOrCheck(message: Extract<WebviewMessage, { type: 'run' | 'check' }>): Promise<void> {
    const lesson = await this.service.lesson(message.lessonId);
    const step = lesson?.steps.find((candidate) => candidate.id === message.stepId);
    if (!lesson || !step) {
      this.log(`${message.type}: lesson "${message.lessonId}" has no step "${message.stepId}"`);
      return;
    }
    // Only declared variables go on; the service validates their values (resolveStep) before anything runs.
    const vars: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.vars)) if (lesson.meta.vars[name]) vars[name] = value;
    try {
      if (message.type === 'run' && message.redo) await this.redo(message.lessonId, message.stepId, vars);
      else if (message.type === 'run') await this.service.runStep(message.lessonId, message.stepId, vars);
      else await this.service.checkStep(message.lessonId, message.stepId, vars);
    } finally {
      // Whatever happened, the page must leave its "running…" state.
      if (message.lessonId === this.lessonId) this.postStep(message.lessonId, message.stepId);
    }
  }

  /**
   * The failed step's offer: run again the steps its verdict names (the host's own record, not the page's), then the
   * step; the first one's run takes back what all of them made before. Stops at the first that does not pass.
   */
  private async redo(lessonId: string, stepId: string, vars: Record<string, string>): Promise<void> {
    await runner().redoThenRun(this.service.progress(lessonId)[stepId]?.redo ?? [], stepId, async (id, undo) => {
      await this.service.runStep(lessonId, id, vars, undo ? { undo } : {});
      return this.service.progress(lessonId)[id]?.state === 'passed';
    }, (passed) => passed);
  }

  private async knowsStep(message: StepMessage): Promise<boolean> {
    const lesson = await this.service.lesson(message.lessonId);
    const known = Boolean(lesson?.steps.some((step) => step.id === message.stepId));
    if (!known) this.log(`${message.type}: lesson "${message.lessonId}" has no step "${message.stepId}"`);
    return known;
  }

  private log(line: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] [lesson panel] ${line}`);
  }
}

/** Arguments as the lessons tree, a walkthrough link or the palette pass them: ids, or a tree node carrying them. */
function commandArgs(first: unknown, second: unknown): { lessonId?: string; stepId?: string } {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined);
  if (first !== null && typeof first === 'object') {
    const node = first as { lessonId?: unknown; stepId?: unknown };
    return { lessonId: text(node.lessonId), stepId: text(node.stepId) };
  }
  const order = typeof first === 'number' ? String(first) : undefined;
  return { lessonId: text(first) ?? order, stepId: text(second) };
}

/** The panel, its serializer and `dockerLessons.openLesson(lessonId?, stepId?)`. */
export function registerLessonPanel(
  context: vscode.ExtensionContext, service: LessonService, output?: vscode.OutputChannel,
): LessonPanelController {
  const channel = output ?? vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  const controller = new LessonPanelController(context.extensionUri, service, channel);
  context.subscriptions.push(
    controller,
    ...(output ? [] : [channel]),
    vscode.window.registerWebviewPanelSerializer(WEBVIEW_PANELS.lesson, {
      deserializeWebviewPanel: (panel, state) => controller.revive(panel, state),
    }),
    vscode.commands.registerCommand(LESSON_COMMANDS.openLesson, (first?: unknown, second?: unknown) => {
      const { lessonId, stepId } = commandArgs(first, second);
      return controller.open(lessonId, stepId);
    }),
  );
  return controller;
}
