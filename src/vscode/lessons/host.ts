// The host side of lessons: the bundled lessons, one run per lesson at a time, and the verdicts the tree, the lesson
// page, the walkthrough and the status bar show (the LessonService contract in ./service.ts). A step's sequence itself
// is the runner's (src/runner/session.ts); this class only gives it the window's hooks: a modal before a destructive
// step, the task terminal, the verdict as it changes.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DockerEngine, EngineEventStream } from '../../engine';
import { defaultVars } from '../../lessons';
import type { Lesson, Step } from '../../lessons/schema';
import {
  checkStepSession, explainMessage, JsonFileStore, prepareStep, runStepSession,
  type RunnerContext, type StepHooks, type StepOutcome,
} from '../../runner';
import { terminalEnv } from '../../runner/env';
import { insideDir, prepareWorkDir } from '../../runner/workdir';
import { LessonRunLock } from '../../viewmodel/lessons/runLock';
import { liveCheckTarget, liveVerdict } from '../../viewmodel/lessons/liveCheck';
import { staleVerdicts } from '../../viewmodel/lessons/stale';
import type { StepProgress } from '../../lessons/progress';
import { LessonCatalog } from './catalog';
import { EditFiles } from './editFiles';
import { reachableEngine } from './engineAccess';
import { missingImagesOffer, offerPreparation, README_MIRROR_SECTION } from './prepareImages';
import { resetWithConfirmation } from './resetFlow';
import type { LessonService, ProgressChange } from './service';
import { echoNewVerdict, interactiveTerminal, outputOfSession, printOutcome, sinkOf, taskTerminal, type RunEntry, type TerminalWork } from './stepExecution';
import { customStepTask, dockerEnvOf, isLessonTaskDefinition, shellStepTask, StepPseudoterminal, type StepTaskSource, type StepTerminalIo } from './tasks';
import { StepVerdicts, verdictOf } from './verdicts';

const l10n = vscode.l10n;

export interface LessonHostOptions {
  extensionUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
  globalState: vscode.Memento;
  /** The window's engine (created lazily; may throw a 'bad-host' EngineError). */
  engine: () => DockerEngine;
  /** Defaults to the extension's `lessons/` folder. */
  lessonsDir?: string;
  output?: vscode.OutputChannel;
}

export class LessonHost implements LessonService, StepTaskSource {
  readonly verdicts: StepVerdicts;
  readonly workRoot: string;
  readonly createdStore: JsonFileStore;
  readonly lessonsDir: string;
  readonly onDidChangeProgress: vscode.Event<ProgressChange>;
  /** Fired after the lessons were (re)loaded. */
  readonly onDidChangeLessons: vscode.Event<void>;
  private readonly catalog: LessonCatalog;
  /** One run per lesson, and the Run button's terminal work waiting for its task to start (see runLock.ts). */
  private readonly locks = new LessonRunLock<RunEntry, TerminalWork>();
  private readonly editFiles: EditFiles;
  /** Live re-checks in flight (stopped on dispose). */
  private readonly liveAborts = new Set<AbortController>();
  /** Each lesson's terminal (a challenge's 打开终端), kept while it is open. */
  private readonly terminals = new Map<string, vscode.Terminal>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: LessonHostOptions) {
    this.verdicts = new StepVerdicts(options.globalState);
    this.onDidChangeProgress = this.verdicts.onDidChange;
    const storage = options.globalStorageUri.fsPath;
    this.workRoot = path.join(storage, 'lessons-work');
    this.createdStore = new JsonFileStore(storage);
    this.editFiles = new EditFiles(this.workRoot);
    this.lessonsDir = options.lessonsDir ?? vscode.Uri.joinPath(options.extensionUri, 'lessons').fsPath;
    this.catalog = new LessonCatalog(this.lessonsDir, options.output);
    this.onDidChangeLessons = this.catalog.onDidChange;
    this.disposables.push(
      this.verdicts,
      this.catalog,
      vscode.tasks.onDidStartTask((e) => this.adoptInteractiveTask(e.execution)),
      vscode.window.onDidCloseTerminal((closed) => {
        for (const [lessonId, terminal] of this.terminals) if (terminal === closed) this.terminals.delete(lessonId);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const found = this.editFiles.stepOf(doc, this.loadedLessons);
        if (found && !this.locks.isBusy(found.lesson.meta.id)) void this.checkStep(found.lesson.meta.id, found.step.id);
      }),
    );
  }

  get store() { return this.verdicts.store; }

  // ------------------------------------------------------------------------------------------------ lessons

  lessons(): Promise<Lesson[]> { return this.catalog.lessons(); }
  /** Parse the lessons folder again (refresh button). */
  reloadLessons(): Promise<Lesson[]> { return this.catalog.reload(); }
  lesson(idOrOrder: string): Promise<Lesson | undefined> { return this.catalog.lesson(idOrOrder); }
  /** Lessons already loaded (synchronous views: the status bar); empty before the first load. */
  get loadedLessons(): readonly Lesson[] { return this.catalog.loadedLessons; }

  // ------------------------------------------------------------------------------------------------ progress

  progress(lessonId: string): Record<string, StepProgress> { return this.verdicts.progress(lessonId); }
  runningStep(lessonId: string): string | undefined { return this.locks.holder(lessonId)?.stepId; }
  setVar(lessonId: string, name: string, value: string): void { this.store.setVar(lessonId, name, value); }
  lastPosition(): { lessonId: string; stepId?: string } | undefined { return this.store.lastPosition(); }
  /** The learner opened a lesson (or scrolled to a step): "continue where I left off" goes back here. */
  noteOpened(lessonId: string, stepId?: string): void { this.store.setLastPosition(lessonId, stepId); }
  clearAllProgress(): Promise<void> { return this.verdicts.clearAll(); }
  addTime(lessonId: string, ms: number): void { this.store.addTime(lessonId, ms); }
  timeSpent(lessonId: string): number { return this.store.timeSpent(lessonId); }

  varValues(lessonId: string): Record<string, string> {
    const lesson = this.loadedLessons.find((l) => l.meta.id === lessonId);
    return { ...(lesson ? defaultVars(lesson) : {}), ...this.store.varValues(lessonId) };
  }

  // ------------------------------------------------------------------------------------------------ running

  async runStep(lessonId: string, stepId: string, vars: Record<string, string> = {}, options: { undo?: readonly string[] } = {}): Promise<void> {
    const found = await this.begin(lessonId, stepId, vars);
    if (!found) return;
    const { lesson, step } = found;
    if (step.kind === 'edit') {
      const opened = await this.editFiles.open(lesson, step, this.valuesFor(lesson, {}));
      if (opened?.edited) await this.checkStep(lesson.meta.id, step.id, vars);
      return;
    }
    if (step.kind === 'challenge') {
      // Start: take back what it made before, then its setup, hidden (a break-fix lab's cause is the learner's to find).
      await this.withRun(lesson, step, 'running', (entry, engine) => runStepSession(lesson, step, this.runnerContext(engine, entry.abort.signal), {
        vars: this.valuesFor(lesson, vars), hooks: this.hooks(lesson, step, undefined), undo: options.undo, challenge: 'start',
      }));
      return;
    }
    const ran = await this.withRun(lesson, step, 'running', async (entry, engine) => {
      const terminal = step.kind === 'interactive' ? undefined
        : taskTerminal(lesson, step, entry, this.locks, () => this.stepPty(lesson, step, undefined));
      const execute = terminal?.execute ?? interactiveTerminal(lesson, step, entry, this.workRoot);
      const outcome = await runStepSession(lesson, step, this.runnerContext(engine, entry.abort.signal), {
        vars: this.valuesFor(lesson, vars), hooks: this.hooks(lesson, step, execute), undo: options.undo,
      });
      terminal?.finish(outcome);
      return outcome;
    });
    // It took back what it made before and made it anew: later verdicts resting on it are about objects that are gone.
    if (ran && ran.status !== 'skipped' && ran.status !== 'cancelled') {
      for (const [id, verdict] of Object.entries(staleVerdicts(lesson, [step.id], this.progress(lesson.meta.id), this.valuesFor(lesson, vars)))) {
        this.verdicts.set(lesson.meta.id, id, verdict);
      }
    }
  }

  /** Check only (the learner ran the command themselves); returns the verdict so commands can say how it went. */
  async checkStep(lessonId: string, stepId: string, vars: Record<string, string> = {}): Promise<StepProgress | undefined> {
    const found = await this.begin(lessonId, stepId, vars);
    if (!found) return undefined;
    const { lesson, step } = found;
    // Kept with the verdict, so `output` / `exitCode` checks still work after a reload.
    const output = this.store.stepOutput(lesson.meta.id, step.id);
    await this.withRun(lesson, step, 'checking', (entry, engine) => echoNewVerdict(lesson, step,
      checkStepSession(lesson, step, this.runnerContext(engine, entry.abort.signal), { vars: this.valuesFor(lesson, vars), output, waiting: this.verdicts.waiter(lesson.meta.id, step.id) })));
    return this.progress(lesson.meta.id)[step.id];
  }

  /**
   * A live re-check (an engine event while the lesson is on screen, see viewmodel/lessons/liveCheck.ts): the current
   * step's checks once, without waits, outside the lesson's lock so a click on ▶ is never refused because of it. Its
   * verdict counts only if no run started and the step's verdict did not change meanwhile; no pop-up, whatever happens.
   * Resolves with the step re-checked (undefined: none).
   */
  async liveCheck(lessonId: string): Promise<string | undefined> {
    const lesson = await this.lesson(lessonId);
    if (!lesson || this.locks.isBusy(lesson.meta.id) || !this.bundledOrTrusted(lesson)) return undefined;
    const id = lesson.meta.id;
    const last = this.store.lastPosition();
    const stepId = liveCheckTarget(lesson.steps, this.progress(id), last?.lessonId === id ? last.stepId : undefined);
    const step = lesson.steps.find((s) => s.id === stepId);
    if (!step) return undefined;
    let engine: DockerEngine;
    try {
      engine = this.options.engine();
    } catch {
      return undefined; // a bad engine address: the explorer and the ▶ button say so
    }
    const before = this.progress(id)[step.id];
    const abort = new AbortController();
    this.liveAborts.add(abort);
    let outcome: StepOutcome;
    try {
      outcome = await checkStepSession(lesson, step, this.runnerContext(engine, abort.signal), {
        vars: this.valuesFor(lesson, {}), output: this.store.stepOutput(id, step.id), noWait: true,
      });
    } catch {
      return undefined;
    } finally {
      this.liveAborts.delete(abort);
    }
    const now = this.progress(id)[step.id];
    if (abort.signal.aborted || this.locks.isBusy(id) || now?.state !== before?.state || now?.at !== before?.at) return undefined;
    const verdict = liveVerdict(now, verdictOf(outcome));
    if (!verdict) return step.id;
    // A challenge's reference solution, once shown, stays available (until the lesson is reset).
    if (now?.unlocked) verdict.unlocked = true;
    this.verdicts.set(id, step.id, verdict);
    // The step's terminal (if it ran there) must not keep saying "not passed yet" under a ✓.
    if (verdict.state === 'passed') void echoNewVerdict(lesson, step, Promise.resolve(outcome));
    return step.id;
  }

  /** A view of the engine's one shared event stream (undefined when the engine address is bad). */
  engineEvents(): EngineEventStream | undefined {
    try {
      return this.options.engine().events();
    } catch {
      return undefined;
    }
  }

  cancelStep(lessonId: string, stepId: string): void {
    const entry = this.locks.holder(lessonId) ?? this.locks.holder(this.loadedLessons.find((l) => String(l.meta.order) === lessonId)?.meta.id ?? '');
    if (!entry || entry.stepId !== stepId) return;
    entry.cancelled = true;
    entry.abort.abort();
    if (entry.cancel) return entry.cancel();
    // Started from "Tasks: Run Task": find its execution.
    for (const execution of vscode.tasks.taskExecutions) {
      const def = execution.task.definition;
      if (isLessonTaskDefinition(def) && def.lesson === lessonId && def.step === stepId) execution.terminate();
    }
  }

  /** Look the step up, remember the values and the position; explain steps get their verdict here. */
  private async begin(lessonId: string, stepId: string, vars: Record<string, string>): Promise<{ lesson: Lesson; step: Step } | undefined> {
    const lesson = await this.lesson(lessonId);
    const step = lesson?.steps.find((s) => s.id === stepId);
    if (!lesson || !step) {
      void vscode.window.showErrorMessage(lesson
        ? l10n.t('Lesson "{0}" has no step "{1}".', lesson.meta.title, stepId)
        : l10n.t('There is no lesson "{0}". Refresh the lessons view and try again.', lessonId));
      return undefined;
    }
    for (const [name, value] of Object.entries(vars)) {
      if (Object.hasOwn(lesson.meta.vars, name) && typeof value === 'string') this.store.setVar(lesson.meta.id, name, value);
    }
    this.store.setLastPosition(lesson.meta.id, step.id);
    if (step.kind === 'explain') {
      this.verdicts.set(lesson.meta.id, step.id, { state: 'skipped', checks: [], message: explainMessage(step) });
      return undefined;
    }
    return { lesson, step };
  }

  /** Trust, the lesson's lock and the engine around one run or check; its outcome becomes the step's verdict. */
  private async withRun(lesson: Lesson, step: Step, state: 'running' | 'checking',
    work: (entry: RunEntry, engine: DockerEngine) => Promise<StepOutcome>, entry?: RunEntry): Promise<StepOutcome | undefined> {
    const id = lesson.meta.id;
    if (!this.mayRun(lesson)) return undefined;
    const held = entry ?? { stepId: step.id, abort: new AbortController() };
    if (!this.locks.tryAcquire(id, held)) {
      const busy = this.locks.holder(id)?.stepId ?? '';
      void vscode.window.showWarningMessage(l10n.t('Another step is running: {0}', lesson.steps.find((s) => s.id === busy)?.title ?? busy));
      return undefined;
    }
    this.verdicts.setTransient(id, step.id, { state, checks: [] });
    try {
      const engine = await reachableEngine(this.options.engine,
        (message) => this.verdicts.setTransient(id, step.id, { state: 'error', checks: [], message, at: Date.now() }));
      if (!engine) return undefined;
      const outcome = await work(held, engine);
      if (outcome.status === 'error' && outcome.message && !outcome.notified) void vscode.window.showErrorMessage(outcome.message);
      const verdict = held.cancelled ? { state: 'cancelled' as const, checks: [], message: l10n.t('Cancelled.') } : verdictOf(outcome);
      // A challenge's reference solution may be shown once a check of it failed, and stays so until the lesson is reset.
      // (The stored verdict: the one in flight, "checking", has no such flag.)
      if (step.kind === 'challenge' && (outcome.status === 'failed' || this.store.progress(id)[step.id]?.unlocked)) verdict.unlocked = true;
      this.verdicts.set(id, step.id, verdict);
      return outcome;
    } catch (error) {
      // Never leave the step without a verdict: the page and the tree would wait forever.
      const message = error instanceof Error ? error.message : String(error);
      this.options.output?.appendLine(`${id}/${step.id}: ${error instanceof Error ? error.stack ?? message : message}`);
      this.verdicts.set(id, step.id, { state: 'error', checks: [], message });
      return undefined;
    } finally {
      this.release(id, held);
    }
  }

  private release(lessonId: string, entry: RunEntry): void {
    if (!this.locks.release(lessonId, entry)) return;
    const left = this.verdicts.current(lessonId, entry.stepId);
    if (left?.state === 'running' || left?.state === 'checking') {
      // Ended without a verdict (the engine was not reachable, a declined confirmation …).
      this.verdicts.setTransient(lessonId, entry.stepId, entry.cancelled ? { state: 'cancelled', checks: [], message: l10n.t('Cancelled.'), at: Date.now() } : undefined);
    } else {
      this.verdicts.touch(lessonId, entry.stepId);
    }
  }

  /** The window's side of the step session. */
  private hooks(lesson: Lesson, step: Step, execute: StepHooks['execute']): StepHooks {
    const id = lesson.meta.id;
    return {
      confirm: async (s, prepared) => {
        const run = l10n.t('Run');
        const choice = await vscode.window.showWarningMessage(
          l10n.t('Step "{0}" removes things from Docker. Run it?', s.title), { modal: true, detail: prepared.command }, run);
        return choice === run;
      },
      // Stand-ins can be built offline: the notification offers that and then runs the step again; the lesson is not
      // held while it waits.
      missingImages: async (missing) => {
        const offer = missingImagesOffer(this.options.extensionUri, missing);
        const readme = vscode.Uri.joinPath(this.options.extensionUri, 'README.md').with({ fragment: README_MIRROR_SECTION });
        void offerPreparation(offer, readme, () => this.runStep(id, step.id));
        return { prepared: false, message: offer.message, notified: true };
      },
      execute,
      phase: (phase) => this.verdicts.setTransient(id, step.id, { state: phase, checks: [] }),
      waiting: this.verdicts.waiter(id, step.id),
      output: (output) => this.store.recordOutput(id, step.id, output),
    };
  }

  /** The single place deciding whether a lesson's commands may run here (see the trust note in package.json). */
  private mayRun(lesson: Lesson): boolean {
    if (this.bundledOrTrusted(lesson)) return true;
    void vscode.window.showWarningMessage(l10n.t('This lesson does not come with the extension and the workspace is not trusted, so its commands are not run. Trust the workspace to run them.'));
    return false;
  }

  private bundledOrTrusted(lesson: Lesson): boolean {
    // Bundled lessons are the extension's own content; lessons from anywhere else need a trusted workspace.
    const bundled = insideDir(this.lessonsDir, path.relative(this.lessonsDir, lesson.file)) !== undefined;
    return bundled || vscode.workspace.isTrusted;
  }

  private runnerContext(engine: DockerEngine, signal: AbortSignal): RunnerContext {
    return { engine, workRoot: this.workRoot, store: this.createdStore, signal };
  }

  private valuesFor(lesson: Lesson, vars: Record<string, string>): Record<string, string> {
    const merged = { ...defaultVars(lesson), ...this.store.varValues(lesson.meta.id), ...vars };
    return Object.fromEntries(Object.keys(lesson.meta.vars).map((name) => [name, merged[name]]));
  }

  // ------------------------------------------------------------------------------------------------ challenges

  async openLessonTerminal(lessonId: string): Promise<void> {
    const lesson = await this.lesson(lessonId);
    if (!lesson || !this.mayRun(lesson)) return;
    let terminal = this.terminals.get(lesson.meta.id);
    if (!terminal || terminal.exitStatus !== undefined) {
      let env: Record<string, string | null> | undefined;
      try {
        env = terminalEnv(this.options.engine().endpoint);
      } catch {
        env = undefined; // a bad host: the docker CLI will say so in the terminal
      }
      terminal = vscode.window.createTerminal({
        name: l10n.t('Lesson {0} · terminal', String(lesson.meta.order)),
        cwd: prepareWorkDir(lesson, this.workRoot),
        ...(env ? { env } : {}),
        iconPath: new vscode.ThemeIcon('target'),
      });
      this.terminals.set(lesson.meta.id, terminal);
    }
    terminal.show(false);
  }

  async challengeSolution(lessonId: string, stepId: string, vars: Record<string, string>): Promise<string | undefined> {
    const lesson = await this.lesson(lessonId);
    const step = lesson?.steps.find((s) => s.id === stepId);
    if (!lesson || step?.kind !== 'challenge' || !this.progress(lesson.meta.id)[step.id]?.unlocked) return undefined;
    return prepareStep(lesson, step, this.valuesFor(lesson, vars), { lessonLabel: false }).command;
  }

  // ------------------------------------------------------------------------------------------------ tasks

  /** The pseudoterminal of every non-interactive step task, whichever task object (ours or the provider's) VS Code runs. */
  private stepPty(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): StepPseudoterminal {
    return new StepPseudoterminal((io) => this.locks.claim(lesson.meta.id, step.id)?.(io) ?? this.runFromTaskMenu(lesson, step, vars, io));
  }

  /** Run from "Tasks: Run Task": the same session as the Run button, inside the task's own terminal. */
  private async runFromTaskMenu(lesson: Lesson, step: Step, vars: Record<string, string> | undefined, io: StepTerminalIo): Promise<number> {
    const entry: RunEntry = { stepId: step.id, abort: new AbortController() };
    io.signal.addEventListener('abort', () => { entry.cancelled = true; entry.abort.abort(); }, { once: true });
    this.store.setLastPosition(lesson.meta.id, step.id);
    const outcome = await this.withRun(lesson, step, 'running', (held, engine) => runStepSession(lesson, step, this.runnerContext(engine, held.abort.signal), {
      vars: this.valuesFor(lesson, vars ?? {}), hooks: this.hooks(lesson, step, (_prepared, run) => run(sinkOf(io))),
    }), entry);
    if (!outcome) {
      io.failure(this.locks.holder(lesson.meta.id) && this.locks.holder(lesson.meta.id) !== entry
        ? l10n.t('Another step of this lesson is running; try again when it has finished.') : l10n.t('Not run.'));
      return 1;
    }
    return printOutcome(io, outcome);
  }

  /** An interactive task started from "Tasks: Run Task" (not by us): lock the lesson and check it when it ends. */
  private adoptInteractiveTask(execution: vscode.TaskExecution): void {
    const def = execution.task.definition;
    if (!isLessonTaskDefinition(def) || this.locks.isBusy(def.lesson)) return;
    const lesson = this.loadedLessons.find((l) => l.meta.id === def.lesson);
    const step = lesson?.steps.find((s) => s.id === def.step);
    if (!lesson || !step || step.kind !== 'interactive') return;
    let exitCode: number | undefined;
    let ended!: () => void;
    const done = new Promise<void>((resolve) => { ended = resolve; });
    const subscriptions = [
      vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution === execution) exitCode = e.exitCode; }),
      vscode.tasks.onDidEndTask((e) => { if (e.execution === execution) ended(); }),
    ];
    const entry: RunEntry = { stepId: step.id, abort: new AbortController(), cancel: () => execution.terminate() };
    void this.withRun(lesson, step, 'running', async (held, engine) => {
      await done;
      for (const s of subscriptions) s.dispose();
      const { output } = outputOfSession(exitCode, undefined);
      return checkStepSession(lesson, step, this.runnerContext(engine, held.abort.signal), { vars: this.valuesFor(lesson, def.vars ?? {}), output });
    }, entry);
  }

  /** The task for "Tasks: Run Task" and tasks.json (TaskProvider). */
  taskFor(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): vscode.Task | undefined {
    if (step.kind !== 'interactive') return customStepTask(lesson, step, vars, () => this.stepPty(lesson, step, vars));
    // A ShellExecution is fixed when the task is listed: prepare it now (creating the engine client does no I/O).
    let endpoint;
    try {
      endpoint = this.options.engine().endpoint;
    } catch {
      endpoint = undefined; // a bad host: the docker CLI will say so in the terminal
    }
    const prepared = prepareStep(lesson, step, this.valuesFor(lesson, vars ?? {}), { endpoint });
    const shell = { command: prepared.command, cwd: path.join(this.workRoot, lesson.meta.id), env: dockerEnvOf(prepared.env) };
    fs.mkdirSync(shell.cwd, { recursive: true });
    return shellStepTask(lesson, step, vars, shell);
  }

  // ------------------------------------------------------------------------------------------------ edit steps, reset

  async openStepFile(lessonId: string, stepId: string): Promise<void> {
    const found = await this.begin(lessonId, stepId, {});
    if (found) await this.editFiles.open(found.lesson, found.step, this.valuesFor(found.lesson, {}));
  }

  editFilePath(lesson: Lesson, step: Step): string | undefined { return this.editFiles.pathOf(lesson, step); }

  async resetLesson(lessonId: string): Promise<void> {
    const lesson = await this.lesson(lessonId);
    if (!lesson) {
      void vscode.window.showErrorMessage(l10n.t('There is no lesson "{0}". Refresh the lessons view and try again.', lessonId));
      return;
    }
    const busy = this.locks.holder(lesson.meta.id);
    if (busy) {
      void vscode.window.showWarningMessage(l10n.t('Another step is running: {0}', lesson.steps.find((s) => s.id === busy.stepId)?.title ?? busy.stepId));
      return;
    }
    const engine = await reachableEngine(this.options.engine);
    if (engine && await resetWithConfirmation(lesson, engine, this.createdStore, this.workRoot)) this.verdicts.forgetLesson(lesson.meta.id);
  }

  dispose(): void {
    for (const abort of this.liveAborts) abort.abort();
    for (const entry of this.locks.entries()) {
      entry.abort.abort();
      entry.cancel?.();
    }
    for (const d of this.disposables) d.dispose();
    this.terminals.clear();
  }
}
