// The host side of lessons: loads the bundled lessons, runs steps as `docker-lesson` tasks, checks them against the
// engine and keeps the verdicts. The lessons tree, the lesson webview, the walkthrough and the status bar all go
// through this one object (the LessonService contract in ./service.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { classifyError, EngineError, type DockerEngine } from '../../engine';
import { applyVars, defaultVars, findLesson, formatDiagnostic, loadLessons, resolveStep } from '../../lessons';
import type { Lesson, Step } from '../../lessons/schema';
import {
  checkStep as runnerCheckStep, declaredNames, describeResetItem, ensureImages, executeStep, JsonFileStore, mergeRecords,
  prepareStep, prepareWorkDir, readTranscript, recordedCommand, resetLesson as runnerResetLesson, StepRecorder,
  type PreparedStep, type ResetItem, type RunnerContext,
} from '../../runner';
import { insideDir } from '../../runner/workdir';
import type { CheckResult, StepOutput } from '../../checks/types';
import type { StepProgress } from '../../webview/protocol';
import { ProgressStore } from './progressStore';
import { LessonRunLock } from '../../viewmodel/lessons/runLock';
import type { LessonService, ProgressChange } from './service';
import {
  customStepTask, dockerEnvOf, isLessonTaskDefinition, shellStepTask, startStepTask, StepPseudoterminal,
  type StepTaskSource, type StepTerminalIo,
} from './tasks';

const l10n = vscode.l10n;

/** Verdicts worth keeping across reloads; cancelled runs and errors before a run (engine down …) stay in memory. */
const STORED_STATES = new Set<StepProgress['state']>(['passed', 'failed', 'skipped']);
/** How many names the reset confirmation lists before "and N more". */
const RESET_LIST_LIMIT = 20;
export const README_MIRROR_SECTION = 'practice-images-without-a-registry';

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

interface RunEntry {
  readonly stepId: string;
  /** Stops the task (or the preflight waiting on images). */
  cancel?: () => void;
  cancelled?: boolean;
  abort: AbortController;
}

interface Ready {
  prepared: PreparedStep;
  engine: DockerEngine;
}

const key = (lessonId: string, stepId: string) => `${lessonId}\u0000${stepId}`;

function toCheckViews(checks: CheckResult[]): StepProgress['checks'] {
  return checks.map((c) => ({ kind: c.kind, pass: c.pass, title: c.title, expected: c.expected, actual: c.actual, hint: c.hint }));
}

export class LessonHost implements LessonService, StepTaskSource {
  readonly store: ProgressStore;
  readonly workRoot: string;
  readonly createdStore: JsonFileStore;
  readonly lessonsDir: string;

  private readonly changed = new vscode.EventEmitter<ProgressChange>();
  readonly onDidChangeProgress = this.changed.event;
  private readonly lessonsChanged = new vscode.EventEmitter<void>();
  /** Fired after the lessons were (re)loaded. */
  readonly onDidChangeLessons = this.lessonsChanged.event;

  /** In-flight states (running / checking) and verdicts not worth persisting (cancelled, error before the run). */
  private readonly transient = new Map<string, StepProgress>();
  /** One run per lesson, and the Run button's work waiting for its task to start (see runLock.ts for why). */
  private readonly locks = new LessonRunLock<RunEntry, (io: StepTerminalIo) => Promise<number>>();
  private loading: Promise<Lesson[]> | undefined;
  private loaded: Lesson[] | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly options: LessonHostOptions) {
    this.store = new ProgressStore(options.globalState);
    const storage = options.globalStorageUri.fsPath;
    this.workRoot = path.join(storage, 'lessons-work');
    this.createdStore = new JsonFileStore(storage);
    this.lessonsDir = options.lessonsDir ?? vscode.Uri.joinPath(options.extensionUri, 'lessons').fsPath;
    this.disposables.push(
      this.store,
      this.store.onDidChangeProgress((e) => this.changed.fire(e)),
      vscode.tasks.onDidStartTask((e) => this.adoptInteractiveTask(e.execution)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.checkSavedEditFile(doc)),
    );
  }

  // ------------------------------------------------------------------------------------------------ lessons

  lessons(): Promise<Lesson[]> {
    this.loading ??= loadLessons(this.lessonsDir).then(({ lessons, diagnostics }) => {
      if (diagnostics.length > 0) {
        this.options.output?.appendLine(diagnostics.map(formatDiagnostic).join('\n'));
        const errors = diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) {
          void vscode.window.showWarningMessage(
            l10n.t('Some lesson files have errors and were left out ({0} problems). See the "Docker 实践课" output for details.', errors.length));
        }
      }
      this.loaded = lessons;
      return lessons;
    });
    return this.loading;
  }

  /** Parse the lessons folder again (refresh button). */
  async reloadLessons(): Promise<Lesson[]> {
    this.loading = undefined;
    const lessons = await this.lessons();
    this.lessonsChanged.fire();
    return lessons;
  }

  async lesson(idOrOrder: string): Promise<Lesson | undefined> {
    return findLesson(await this.lessons(), idOrOrder);
  }

  /** Lessons already loaded (synchronous views: the status bar); empty before the first load. */
  get loadedLessons(): readonly Lesson[] {
    return this.loaded ?? [];
  }

  // ------------------------------------------------------------------------------------------------ progress

  progress(lessonId: string): Record<string, StepProgress> {
    const result = this.store.progress(lessonId);
    for (const [k, value] of this.transient) {
      const [lesson, step] = k.split('\u0000');
      if (lesson === lessonId) result[step] = value;
    }
    return result;
  }

  runningStep(lessonId: string): string | undefined {
    return this.locks.holder(lessonId)?.stepId;
  }

  varValues(lessonId: string): Record<string, string> {
    const lesson = this.loaded?.find((l) => l.meta.id === lessonId);
    return { ...(lesson ? defaultVars(lesson) : {}), ...this.store.varValues(lessonId) };
  }

  setVar(lessonId: string, name: string, value: string): void {
    this.store.setVar(lessonId, name, value);
  }

  lastPosition(): { lessonId: string; stepId?: string } | undefined {
    return this.store.lastPosition();
  }

  /** The learner opened a lesson (or scrolled to a step): "continue where I left off" goes back here. */
  noteOpened(lessonId: string, stepId?: string): void {
    this.store.setLastPosition(lessonId, stepId);
  }

  async clearAllProgress(): Promise<void> {
    const lessonIds = new Set([...this.transient.keys()].map((k) => k.split('\u0000')[0]));
    this.transient.clear();
    await this.store.clearAll();
    for (const lessonId of lessonIds) this.changed.fire({ lessonId });
  }

  private setTransient(lessonId: string, stepId: string, progress: StepProgress | undefined): void {
    if (progress) this.transient.set(key(lessonId, stepId), progress);
    else if (!this.transient.delete(key(lessonId, stepId))) return;
    this.changed.fire({ lessonId, stepId });
  }

  private setVerdict(lessonId: string, stepId: string, progress: StepProgress): void {
    const verdict = { ...progress, at: progress.at ?? Date.now() };
    if (STORED_STATES.has(verdict.state)) {
      this.transient.delete(key(lessonId, stepId));
      this.store.record(lessonId, stepId, verdict); // fires onDidChangeProgress through the store
    } else {
      this.setTransient(lessonId, stepId, verdict);
    }
  }

  // ------------------------------------------------------------------------------------------------ running

  async runStep(lessonId: string, stepId: string, vars: Record<string, string> = {}): Promise<void> {
    const found = await this.find(lessonId, stepId);
    if (!found) return;
    const { lesson, step } = found;
    const id = lesson.meta.id;
    this.rememberVars(lesson, vars);
    this.store.setLastPosition(id, step.id);

    if (step.kind === 'explain') {
      this.setVerdict(id, step.id, { state: 'skipped', checks: [], message: explainMessage(step) });
      return;
    }
    if (step.kind === 'edit') {
      const opened = await this.openEditFile(lesson, step);
      if (opened?.edited) await this.checkStep(id, step.id, vars);
      return;
    }
    if (!this.mayRun(lesson)) return;
    const entry = this.acquire(lesson, step, 'running');
    if (!entry) return;
    try {
      const ready = await this.preflight(lesson, step, this.valuesFor(lesson, vars), entry);
      if (!ready || entry.cancelled) return;
      if (step.kind === 'interactive') await this.runInteractive(lesson, step, ready, entry);
      else await this.runInTask(lesson, step, ready, entry);
    } finally {
      this.release(id, entry);
    }
  }

  async checkStep(lessonId: string, stepId: string, vars: Record<string, string> = {}): Promise<void> {
    await this.checkAndReport(lessonId, stepId, vars);
  }

  /** checkStep, returning the verdict (undefined when nothing was checked) so commands can say how it went. */
  async checkAndReport(lessonId: string, stepId: string, vars: Record<string, string> = {}): Promise<StepProgress | undefined> {
    const found = await this.find(lessonId, stepId);
    if (!found) return undefined;
    const { lesson, step } = found;
    const id = lesson.meta.id;
    this.rememberVars(lesson, vars);
    this.store.setLastPosition(id, step.id);
    if (step.kind === 'explain') {
      const verdict: StepProgress = { state: 'skipped', checks: [], message: explainMessage(step) };
      this.setVerdict(id, step.id, verdict);
      return verdict;
    }
    if (!this.mayRun(lesson)) return undefined;
    const entry = this.acquire(lesson, step, 'checking');
    if (!entry) return undefined;
    try {
      const values = this.valuesFor(lesson, vars);
      const engine = await this.reachableEngine(id, step.id);
      if (!engine) return undefined;
      const prepared = prepareStep(lesson, step, values, { endpoint: engine.endpoint });
      const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        const verdict: StepProgress = { state: 'error', checks: [], message: errors.map((d) => d.message).join('\n') };
        this.setVerdict(id, step.id, verdict);
        return verdict;
      }
      const checks = await runnerCheckStep(lesson, step, this.runnerContext(engine, entry.abort.signal), {
        // Kept with the verdict, so `output` / `exitCode` checks still work after a reload.
        prepared, output: this.store.stepOutput(id, step.id),
      });
      const verdict: StepProgress = checks.length === 0
        ? { state: 'skipped', checks: [], message: l10n.t('This step has no checks: there is nothing to verify.') }
        : { state: checks.every((c) => c.pass) ? 'passed' : 'failed', checks: toCheckViews(checks) };
      this.setVerdict(id, step.id, verdict);
      return verdict;
    } finally {
      this.release(id, entry);
    }
  }

  cancelStep(lessonId: string, stepId: string): void {
    const entry = this.locks.holder(lessonId) ?? this.locks.holder(this.loaded?.find((l) => String(l.meta.order) === lessonId)?.meta.id ?? '');
    if (!entry || entry.stepId !== stepId) return;
    entry.cancelled = true;
    entry.abort.abort();
    if (entry.cancel) {
      entry.cancel();
      return;
    }
    // Started from "Tasks: Run Task": find its execution.
    for (const execution of vscode.tasks.taskExecutions) {
      const def = execution.task.definition;
      if (isLessonTaskDefinition(def) && def.lesson === lessonId && def.step === stepId) execution.terminate();
    }
  }

  /** The single place deciding whether a lesson's commands may run here (see the trust note in package.json). */
  private mayRun(lesson: Lesson): boolean {
    // Bundled lessons are the extension's own content; lessons from anywhere else need a trusted workspace.
    const bundled = insideDir(this.lessonsDir, path.relative(this.lessonsDir, lesson.file)) !== undefined;
    if (bundled || vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(l10n.t('This lesson does not come with the extension and the workspace is not trusted, so its commands are not run. Trust the workspace to run them.'));
    return false;
  }

  private acquire(lesson: Lesson, step: Step, state: 'running' | 'checking'): RunEntry | undefined {
    const id = lesson.meta.id;
    const entry: RunEntry = { stepId: step.id, abort: new AbortController() };
    if (!this.locks.tryAcquire(id, entry)) {
      const busy = this.locks.holder(id)?.stepId ?? '';
      const title = lesson.steps.find((s) => s.id === busy)?.title ?? busy;
      void vscode.window.showWarningMessage(l10n.t('Another step is running: {0}', title));
      return undefined;
    }
    this.setTransient(id, step.id, { state, checks: [] });
    return entry;
  }

  private release(lessonId: string, entry: RunEntry): void {
    if (!this.locks.release(lessonId, entry)) return;
    const left = this.transient.get(key(lessonId, entry.stepId));
    if (left?.state === 'running' || left?.state === 'checking') {
      // Ended without a verdict (task terminated before it started, declined confirmation …).
      this.setTransient(lessonId, entry.stepId, entry.cancelled ? { state: 'cancelled', checks: [], message: l10n.t('Cancelled.'), at: Date.now() } : undefined);
    } else {
      this.changed.fire({ lessonId, stepId: entry.stepId });
    }
  }

  private valuesFor(lesson: Lesson, vars: Record<string, string>): Record<string, string> {
    const declared = Object.keys(lesson.meta.vars);
    const merged = { ...defaultVars(lesson), ...this.store.varValues(lesson.meta.id), ...vars };
    return Object.fromEntries(declared.map((name) => [name, merged[name]]));
  }

  private rememberVars(lesson: Lesson, vars: Record<string, string>): void {
    for (const [name, value] of Object.entries(vars)) {
      if (Object.hasOwn(lesson.meta.vars, name) && typeof value === 'string') this.store.setVar(lesson.meta.id, name, value);
    }
  }

  private async find(lessonId: string, stepId: string): Promise<{ lesson: Lesson; step: Step } | undefined> {
    const lesson = await this.lesson(lessonId);
    const step = lesson?.steps.find((s) => s.id === stepId);
    if (!lesson || !step) {
      void vscode.window.showErrorMessage(lesson
        ? l10n.t('Lesson "{0}" has no step "{1}".', lesson.meta.title, stepId)
        : l10n.t('There is no lesson "{0}". Refresh the lessons view and try again.', lessonId));
      return undefined;
    }
    return { lesson, step };
  }

  /** The engine, after a ping; otherwise the classified message (and an error state on the step). */
  private async reachableEngine(lessonId?: string, stepId?: string): Promise<DockerEngine | undefined> {
    let engine: DockerEngine | undefined;
    try {
      engine = this.options.engine();
      await engine.ping();
      return engine;
    } catch (error) {
      const message = error instanceof EngineError ? error.message
        : engine ? classifyError(error, engine.endpoint).message : String(error);
      if (lessonId && stepId) this.setTransient(lessonId, stepId, { state: 'error', checks: [], message, at: Date.now() });
      const retry = l10n.t('Retry Connection');
      const settings = l10n.t('Open Settings');
      void vscode.window.showErrorMessage(message, retry, settings).then((choice) => {
        if (choice === retry) void vscode.commands.executeCommand('dockerLessons.retryConnection');
        if (choice === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'dockerLessons.host');
      });
      return undefined;
    }
  }

  /** Everything before the command runs: variables, confirmation, engine, images. */
  private async preflight(lesson: Lesson, step: Step, values: Record<string, string>, entry: RunEntry): Promise<Ready | undefined> {
    const id = lesson.meta.id;
    const engine = await this.reachableEngine(id, step.id);
    if (!engine) return undefined;
    const prepared = prepareStep(lesson, step, values, { endpoint: engine.endpoint });
    const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const message = errors.map((d) => d.message).join('\n');
      this.setTransient(id, step.id, { state: 'error', checks: [], message, at: Date.now() });
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
    if (step.kind === 'destructive') {
      const run = l10n.t('Run');
      const choice = await vscode.window.showWarningMessage(
        l10n.t('Step "{0}" removes things from Docker. Run it?', step.title), { modal: true, detail: prepared.command }, run);
      if (choice !== run) return undefined;
    }
    if (lesson.meta.images.length > 0) {
      const workDir = prepareWorkDir(lesson, this.workRoot);
      const missing = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: l10n.t('Checking the images this lesson needs…') },
        () => ensureImages(engine, lesson.meta.images, prepared.env, workDir, undefined, entry.abort.signal),
      ).then((m) => m, (error: unknown) => {
        const message = error instanceof EngineError ? error.message : classifyError(error, engine.endpoint).message;
        return [{ image: '', message }];
      });
      if (entry.cancelled) return undefined;
      if (missing.length > 0) {
        const message = missing.map((m) => m.message).join('\n');
        this.setTransient(id, step.id, { state: 'error', checks: [], message, at: Date.now() });
        void this.showMissingImages(missing[0].message);
        return undefined;
      }
    }
    return { prepared, engine };
  }

  private async showMissingImages(message: string): Promise<void> {
    const copy = l10n.t('Copy "npm run images"');
    const readme = l10n.t('Open the README (registry mirrors)');
    const choice = await vscode.window.showErrorMessage(message, copy, readme);
    if (choice === copy) {
      await vscode.env.clipboard.writeText('npm run images');
    } else if (choice === readme) {
      const uri = vscode.Uri.joinPath(this.options.extensionUri, 'README.md').with({ fragment: README_MIRROR_SECTION });
      await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined,
        () => vscode.commands.executeCommand('vscode.open', uri));
    }
  }

  private runnerContext(engine: DockerEngine, signal: AbortSignal, io?: StepTerminalIo): RunnerContext {
    return {
      engine,
      workRoot: this.workRoot,
      store: this.createdStore,
      // Destructive steps were confirmed (modal) before the task started.
      confirm: async () => true,
      signal,
      sink: io && {
        output: (chunk, stream) => io.output(chunk, stream),
        info: (line) => (line.startsWith('$ ') ? io.command(line) : io.info(line)),
      },
    };
  }

  /** A non-interactive step in a CustomExecution task. */
  private async runInTask(lesson: Lesson, step: Step, ready: Ready, entry: RunEntry): Promise<void> {
    const id = lesson.meta.id;
    // Hand the work over through the lock: VS Code may start the provider's task object instead of this one.
    const work = (io: StepTerminalIo) => this.executeInTerminal(lesson, step, ready, io);
    this.locks.offer(id, entry, work);
    try {
      const pty = () => this.stepPty(lesson, step, undefined);
      const task = customStepTask(lesson, step, undefined, pty);
      const run = await startStepTask(task, id, step.id, { pty });
      entry.cancel = () => run.terminate();
      if (entry.cancelled) run.terminate();
      await run.ended;
    } finally {
      this.locks.withdraw(id, work);
    }
  }

  /** The pseudoterminal of every non-interactive step task, whichever task object (ours or the provider's) VS Code runs. */
  private stepPty(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): StepPseudoterminal {
    return new StepPseudoterminal((io) => {
      const handoff = this.locks.claim(lesson.meta.id, step.id);
      return handoff ? handoff(io) : this.runFromTaskMenu(lesson, step, vars, io);
    });
  }

  /** Execute (with the record of what it creates), then check: the verdict is the engine's. Returns the exit code. */
  private async executeInTerminal(lesson: Lesson, step: Step, ready: Ready, io: StepTerminalIo): Promise<number> {
    try {
      return await this.executeAndCheck(lesson, step, ready, io);
    } catch (error) {
      // Never leave the step without a verdict: the webview and the tree would wait forever.
      const message = error instanceof EngineError ? error.message
        : error instanceof Error ? error.message : String(error);
      this.options.output?.appendLine(`${lesson.meta.id}/${step.id}: ${error instanceof Error ? error.stack ?? message : message}`);
      io.failure(message);
      this.setVerdict(lesson.meta.id, step.id, { state: 'error', checks: [], message });
      return 1;
    }
  }

  private async executeAndCheck(lesson: Lesson, step: Step, ready: Ready, io: StepTerminalIo): Promise<number> {
    const id = lesson.meta.id;
    const { prepared, engine } = ready;
    const ctx = this.runnerContext(engine, io.signal, io);
    const recorder = await this.startRecorder(lesson, step, prepared, engine);
    let executed;
    try {
      executed = await executeStep(lesson, step, prepared, ctx);
    } finally {
      await this.finishRecorder(lesson, recorder);
    }
    if (executed.output) this.store.recordOutput(id, step.id, executed.output);
    if (executed.status === 'cancelled' || io.signal.aborted) {
      io.failure(l10n.t('Cancelled.'));
      this.setVerdict(id, step.id, { state: 'cancelled', checks: [], message: l10n.t('Cancelled.') });
      return 130;
    }
    if (executed.status !== 'done') {
      const message = executed.message ?? '';
      io.failure(message);
      this.setVerdict(id, step.id, { state: executed.status === 'skipped' ? 'skipped' : 'error', checks: [], message });
      return 1;
    }
    if (executed.message) io.failure(executed.message);
    this.setTransient(id, step.id, { state: 'checking', checks: [] });
    io.info(l10n.t('Checking…'));
    const checks = await runnerCheckStep(lesson, step, ctx, { prepared, output: executed.output });
    const passed = executed.commandOk && checks.every((c) => c.pass);
    for (const check of checks) {
      if (check.pass) io.success(`✓ ${check.title}`);
      else io.failure(`✗ ${check.title}: ${l10n.t('expected {0}, found {1}', check.expected, check.actual)}`);
    }
    if (passed) io.success(l10n.t('Step passed.'));
    else io.failure(l10n.t('Step not passed yet.'));
    this.setVerdict(id, step.id, { state: passed ? 'passed' : 'failed', checks: toCheckViews(checks), message: executed.message });
    return executed.output?.exitCode ?? (passed ? 0 : 1);
  }

  /** An interactive step: a real terminal (TTY) running the prepared command; checked when the learner leaves it. */
  private async runInteractive(lesson: Lesson, step: Step, ready: Ready, entry: RunEntry): Promise<void> {
    const id = lesson.meta.id;
    const { prepared, engine } = ready;
    const cwd = prepareWorkDir(lesson, this.workRoot);
    // Recorded next to the working folder (not in it: a lesson may `docker build .` from there).
    const transcriptFile = path.join(path.dirname(cwd), `.${id}-${step.id}.transcript`);
    const recorded = recordedCommand(prepared.command, transcriptFile);
    const shell = { command: recorded.command, cwd, env: dockerEnvOf(prepared.env) };
    const recorder = await this.startRecorder(lesson, step, prepared, engine);
    let exitCode: number | undefined;
    try {
      const run = await startStepTask(shellStepTask(lesson, step, undefined, shell), id, step.id, { shell });
      entry.cancel = () => run.terminate();
      if (entry.cancelled) run.terminate();
      ({ exitCode } = await run.ended);
    } finally {
      await this.finishRecorder(lesson, recorder);
    }
    if (entry.cancelled) {
      this.setVerdict(id, step.id, { state: 'cancelled', checks: [], message: l10n.t('Cancelled.') });
      return;
    }
    const transcript = recorded.recorded ? readTranscript(transcriptFile) : undefined;
    await this.checkAfterInteractive(lesson, step, prepared, engine, exitCode, transcript);
  }

  private async checkAfterInteractive(lesson: Lesson, step: Step, prepared: PreparedStep, engine: DockerEngine,
    exitCode: number | undefined, transcript?: string): Promise<void> {
    const id = lesson.meta.id;
    this.setTransient(id, step.id, { state: 'checking', checks: [] });
    // The session's text (recorded by `script`) feeds output checks; the terminal merges stdout and stderr.
    const output: StepOutput | undefined = exitCode === undefined && transcript === undefined
      ? undefined : { exitCode: exitCode ?? null, stdout: transcript ?? '', stderr: '' };
    const checks = await runnerCheckStep(lesson, step, this.runnerContext(engine, new AbortController().signal), { prepared, output });
    const passed = checks.every((c) => c.pass);
    this.setVerdict(id, step.id, { state: passed ? 'passed' : 'failed', checks: toCheckViews(checks) });
  }

  /** An interactive task started from "Tasks: Run Task" (not by us): lock the lesson and check it when it ends. */
  private adoptInteractiveTask(execution: vscode.TaskExecution): void {
    const def = execution.task.definition;
    if (!isLessonTaskDefinition(def) || this.locks.isBusy(def.lesson)) return;
    const lesson = this.loaded?.find((l) => l.meta.id === def.lesson);
    const step = lesson?.steps.find((s) => s.id === def.step);
    if (!lesson || !step || step.kind !== 'interactive') return;
    const entry: RunEntry = { stepId: step.id, abort: new AbortController(), cancel: () => execution.terminate() };
    if (!this.locks.tryAcquire(lesson.meta.id, entry)) return;
    this.setTransient(lesson.meta.id, step.id, { state: 'running', checks: [] });
    let exitCode: number | undefined;
    const subscriptions = [
      vscode.tasks.onDidEndTaskProcess((e) => { if (e.execution === execution) exitCode = e.exitCode; }),
      vscode.tasks.onDidEndTask(async (e) => {
        if (e.execution !== execution) return;
        for (const s of subscriptions) s.dispose();
        try {
          if (entry.cancelled) return;
          const engine = await this.reachableEngine(lesson.meta.id, step.id);
          if (!engine) return;
          const prepared = prepareStep(lesson, step, this.valuesFor(lesson, def.vars ?? {}), { endpoint: engine.endpoint });
          await this.checkAfterInteractive(lesson, step, prepared, engine, exitCode);
        } finally {
          this.release(lesson.meta.id, entry);
        }
      }),
    ];
  }

  /** Run from "Tasks: Run Task": the same path as the Run button, inside the task's terminal. */
  private async runFromTaskMenu(lesson: Lesson, step: Step, vars: Record<string, string> | undefined, io: StepTerminalIo): Promise<number> {
    if (!this.mayRun(lesson)) return 1;
    const entry = this.acquire(lesson, step, 'running');
    if (!entry) {
      io.failure(l10n.t('Another step of this lesson is running; try again when it has finished.'));
      return 1;
    }
    io.signal.addEventListener('abort', () => { entry.cancelled = true; entry.abort.abort(); }, { once: true });
    try {
      this.store.setLastPosition(lesson.meta.id, step.id);
      const ready = await this.preflight(lesson, step, this.valuesFor(lesson, vars ?? {}), entry);
      if (!ready) {
        io.failure(l10n.t('Not run.'));
        return 1;
      }
      return await this.executeInTerminal(lesson, step, ready, io);
    } finally {
      this.release(lesson.meta.id, entry);
    }
  }

  /** The task for "Tasks: Run Task" and tasks.json (TaskProvider). */
  taskFor(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): vscode.Task | undefined {
    if (step.kind !== 'interactive') {
      return customStepTask(lesson, step, vars, () => this.stepPty(lesson, step, vars));
    }
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

  private async startRecorder(lesson: Lesson, step: Step, prepared: PreparedStep, engine: DockerEngine): Promise<StepRecorder | undefined> {
    try {
      return await StepRecorder.start(engine, lesson.meta.id, declaredNames(lesson, (text) => applyVars(text, prepared.values)), step.id);
    } catch (error) {
      this.options.output?.appendLine(`record: ${String(error)}`);
      return undefined; // reset still finds labelled objects
    }
  }

  private async finishRecorder(lesson: Lesson, recorder: StepRecorder | undefined): Promise<void> {
    if (!recorder) return;
    try {
      const recording = await recorder.finish();
      if (recording.created.length === 0) return;
      const existing = await this.createdStore.load(lesson.meta.id);
      await this.createdStore.save(lesson.meta.id, mergeRecords(existing, recording.created));
    } catch (error) {
      this.options.output?.appendLine(`record: ${String(error)}`);
    }
  }

  // ------------------------------------------------------------------------------------------------ edit steps

  async openStepFile(lessonId: string, stepId: string): Promise<void> {
    const found = await this.find(lessonId, stepId);
    if (found) await this.openEditFile(found.lesson, found.step);
  }

  /** The file of an edit step in the lesson's working folder, or why there is none. */
  editFilePath(lesson: Lesson, step: Step): string | undefined {
    if (step.kind !== 'edit' || !step.file) return undefined;
    return insideDir(path.join(this.workRoot, lesson.meta.id), step.file);
  }

  /** Open (writing the template first when absent) the step's file; `edited`: it differs from what we shipped. */
  private async openEditFile(lesson: Lesson, step: Step): Promise<{ edited: boolean } | undefined> {
    if (step.kind !== 'edit' || !step.file) {
      void vscode.window.showErrorMessage(l10n.t('Step "{0}" has no file to edit.', step.title));
      return undefined;
    }
    prepareWorkDir(lesson, this.workRoot);
    const target = this.editFilePath(lesson, step);
    if (!target) {
      void vscode.window.showErrorMessage(l10n.t('The file of step "{0}" lies outside the lesson\'s working folder: {1}', step.title, step.file));
      return undefined;
    }
    const template = resolveStep(step, lesson, this.valuesFor(lesson, {})).command;
    const withNewline = (text: string) => (text.endsWith('\n') ? text : text + '\n');
    const known = [withNewline(template)];
    const shipped = path.join(lesson.assetsDir, step.file);
    if (fs.existsSync(shipped)) known.push(fs.readFileSync(shipped, 'utf8'));
    let edited = false;
    if (fs.existsSync(target)) {
      edited = !known.includes(fs.readFileSync(target, 'utf8'));
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, known[0]);
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    this.store.setLastPosition(lesson.meta.id, step.id);
    return { edited };
  }

  /** Saving an edit step's file checks the step: the learner gets the verdict without another click. */
  private checkSavedEditFile(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !this.loaded) return;
    const saved = path.resolve(document.uri.fsPath);
    for (const lesson of this.loaded) {
      for (const step of lesson.steps) {
        if (this.editFilePath(lesson, step) === saved && !this.locks.isBusy(lesson.meta.id)) {
          void this.checkStep(lesson.meta.id, step.id);
          return;
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ reset

  async resetLesson(lessonId: string): Promise<void> {
    const lesson = await this.lesson(lessonId);
    if (!lesson) {
      void vscode.window.showErrorMessage(l10n.t('There is no lesson "{0}". Refresh the lessons view and try again.', lessonId));
      return;
    }
    const id = lesson.meta.id;
    const busy = this.locks.holder(id);
    if (busy) {
      const title = lesson.steps.find((s) => s.id === busy.stepId)?.title ?? busy.stepId;
      void vscode.window.showWarningMessage(l10n.t('Another step is running: {0}', title));
      return;
    }
    const engine = await this.reachableEngine();
    if (!engine) return;
    let result;
    try {
      result = await runnerResetLesson(lesson, {
        engine, store: this.createdStore, workRoot: this.workRoot,
        confirm: (items) => this.confirmReset(lesson, items),
      });
    } catch (error) {
      const message = error instanceof EngineError ? error.message : classifyError(error, engine.endpoint).message;
      void vscode.window.showErrorMessage(l10n.t('Could not reset lesson "{0}": {1}', lesson.meta.title, message));
      return;
    }
    if (result.cancelled) return;
    if (result.planned.length === 0) {
      const clear = l10n.t('Clear Progress');
      const choice = await vscode.window.showInformationMessage(
        l10n.t('Lesson "{0}" left nothing in Docker. Clear its progress?', lesson.meta.title), { modal: true }, clear);
      if (choice !== clear) return;
    }
    this.forgetLesson(id);
    if (result.failed.length > 0) {
      const failures = result.failed.map((f) => `${describeResetItem(f.item)}: ${f.error}`).join('\n');
      void vscode.window.showWarningMessage(l10n.t('Lesson "{0}" reset, but {1} items could not be removed:\n{2}', lesson.meta.title, result.failed.length, failures));
    } else {
      void vscode.window.showInformationMessage(l10n.t('Lesson "{0}" reset: {1} items removed, progress cleared.', lesson.meta.title, result.removed.length));
    }
  }

  private async confirmReset(lesson: Lesson, items: ResetItem[]): Promise<boolean> {
    const names = items.slice(0, RESET_LIST_LIMIT).map((item) => `• ${describeResetItem(item)}`);
    if (items.length > RESET_LIST_LIMIT) names.push(l10n.t('… and {0} more', items.length - RESET_LIST_LIMIT));
    const reset = l10n.t('Reset');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Reset lesson "{0}"? This removes what the lesson made and clears its progress:', lesson.meta.title),
      { modal: true, detail: names.join('\n') }, reset);
    return choice === reset;
  }

  private forgetLesson(lessonId: string): void {
    for (const k of [...this.transient.keys()]) if (k.startsWith(`${lessonId}\u0000`)) this.transient.delete(k);
    this.store.resetLesson(lessonId);
    this.changed.fire({ lessonId });
  }

  dispose(): void {
    for (const entry of this.locks.entries()) {
      entry.abort.abort();
      entry.cancel?.();
    }
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
    this.lessonsChanged.dispose();
  }
}

function explainMessage(step: Step): string {
  return step.reason ? l10n.t('Not run here: {0}', step.reason) : l10n.t('Not run here: this step is explained only.');
}
