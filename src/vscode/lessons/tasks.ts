// Lesson steps as VS Code tasks of type `docker-lesson`. Non-interactive steps run in a CustomExecution whose
// pseudoterminal prints the real command and streams its output; interactive steps (`docker run -it …`) need a real
// TTY, so they run as a ShellExecution. The run itself (locking, confirmation, checks, verdicts) belongs to the
// LessonHost in lessonService.ts; this module only speaks the Task API.
import * as vscode from 'vscode';
import type { Lesson, Step } from '../../lessons/schema';
import { TASK_TYPE } from '../ids';
import { DOCKER_CLI_VARIABLES } from '../../runner/env';

// Only a task's name needs the tree model (and through it zod): keep this module light for the task provider.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const treeModel = (): typeof import('../../viewmodel/lessons/treeModel') => require('../../viewmodel/lessons/treeModel') as typeof import('../../viewmodel/lessons/treeModel');

const TASK_SOURCE = 'Docker 实践课';

export interface LessonTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  lesson: string;
  step: string;
  vars?: Record<string, string>;
}

export function isLessonTaskDefinition(value: vscode.TaskDefinition | undefined): value is LessonTaskDefinition {
  return !!value && value.type === TASK_TYPE && typeof value.lesson === 'string' && typeof value.step === 'string'
    && (value.vars === undefined || (typeof value.vars === 'object' && value.vars !== null
      && Object.values(value.vars as object).every((v) => typeof v === 'string')));
}

/**
 * Steps a task can run: explain steps are read only, edit steps are written in the editor, and a challenge is the
 * learner's own work in their terminal (its page starts it).
 */
export function runsAsTask(step: Pick<Step, 'kind'>): boolean {
  return step.kind !== 'explain' && step.kind !== 'edit' && step.kind !== 'challenge';
}

// ANSI colours for the pseudoterminal: the command in cyan, our own notes dim, verdicts green/red.
const CYAN = '\u001b[36m';
const DIM = '\u001b[2m';
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

/** What a step's run writes to its terminal. */
export interface StepTerminalIo {
  /** `$ docker run …`, highlighted. */
  command(line: string): void;
  info(line: string): void;
  output(chunk: string, stream: 'stdout' | 'stderr'): void;
  success(line: string): void;
  failure(line: string): void;
  /** Aborted when the terminal is closed, the task terminated or Ctrl+C pressed. */
  readonly signal: AbortSignal;
}

/** A terminal's lines need \r\n; commands print \n. */
export function toTerminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * Runs `work` when the terminal opens and closes with the exit code it returns. Closing the terminal (or Ctrl+C)
 * aborts the work's signal, which stops the process group.
 */
export class StepPseudoterminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private readonly abort = new AbortController();
  private started = false;
  private finishedResolve!: (code: number) => void;
  /** Resolves with the exit code once the work is over (also when the terminal was closed before it opened). */
  readonly finished = new Promise<number>((resolve) => { this.finishedResolve = resolve; });

  constructor(private readonly work: (io: StepTerminalIo) => Promise<number>) {}

  open(): void {
    if (this.started) return;
    this.started = true;
    const write = (text: string) => this.writeEmitter.fire(toTerminalText(text));
    const line = (colour: string, text: string) => write(`${colour}${text}${RESET}\n`);
    const io: StepTerminalIo = {
      command: (text) => line(CYAN, text),
      info: (text) => line(DIM, text),
      output: (chunk, stream) => write(stream === 'stderr' ? `${RED}${chunk}${RESET}` : chunk),
      success: (text) => line(GREEN, text),
      failure: (text) => line(RED, text),
      signal: this.abort.signal,
    };
    void this.work(io).catch((error: unknown) => {
      line(RED, error instanceof Error ? error.message : String(error));
      return 1;
    }).then((code) => {
      this.finishedResolve(code);
      this.closeEmitter.fire(code);
    });
  }

  close(): void {
    this.abort.abort();
    if (!this.started) this.finishedResolve(130);
  }

  handleInput(data: string): void {
    if (data === '\u0003') this.abort.abort(); // Ctrl+C
  }
}

export interface ShellCommand {
  command: string;
  cwd: string;
  /** Only what must differ from the learner's terminal environment (DOCKER_HOST and friends). */
  env: Record<string, string>;
}

/** The variables stepEnv manages, as a ShellExecution env: absent ones set empty so a learner's DOCKER_CONTEXT cannot win. */
export function dockerEnvOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of DOCKER_CLI_VARIABLES) out[key] = env[key] ?? '';
  return out;
}

function taskName(lesson: Lesson, step: Step): string {
  return `${treeModel().lessonLabel(lesson)} · ${step.title}`;
}

function definitionOf(lesson: Lesson, step: Step, vars?: Record<string, string>): LessonTaskDefinition {
  return { type: TASK_TYPE, lesson: lesson.meta.id, step: step.id, ...(vars && Object.keys(vars).length > 0 ? { vars } : {}) };
}

/**
 * One terminal per lesson: a Shared panel is reused by the next task of the same presentation group once the last one
 * ended, so a chapter's steps follow each other in one terminal (not one terminal per step) and the output of the
 * earlier steps stays above. `group` is not in the typed API but VS Code passes it through and reads it (the tasks.json
 * `presentation.group`); a step started while another of the lesson still runs opens beside it, split.
 */
function withPresentation(task: vscode.Task, lesson: Lesson, interactive: boolean): vscode.Task {
  const presentation: vscode.TaskPresentationOptions & { group: string } = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Shared,
    group: `${TASK_TYPE}:${lesson.meta.id}`,
    clear: false,
    focus: interactive, // the learner types into an interactive step's shell
    echo: !interactive,
    showReuseMessage: false,
  };
  task.presentationOptions = presentation;
  return task;
}

export function customStepTask(lesson: Lesson, step: Step, vars: Record<string, string> | undefined,
  createPty: () => Promise<vscode.Pseudoterminal> | vscode.Pseudoterminal): vscode.Task {
  const execution = new vscode.CustomExecution(async () => createPty());
  const task = new vscode.Task(definitionOf(lesson, step, vars), vscode.TaskScope.Workspace, taskName(lesson, step), TASK_SOURCE, execution);
  return withPresentation(task, lesson, false);
}

export function shellStepTask(lesson: Lesson, step: Step, vars: Record<string, string> | undefined, shell: ShellCommand): vscode.Task {
  const posix = process.platform !== 'win32';
  // A POSIX shell whatever the learner's default is: lesson commands are written for sh.
  const execution = new vscode.ShellExecution(shell.command, {
    cwd: shell.cwd, env: shell.env, ...(posix ? { executable: '/bin/sh', shellArgs: ['-c'] } : {}),
  });
  const task = new vscode.Task(definitionOf(lesson, step, vars), vscode.TaskScope.Workspace, taskName(lesson, step), TASK_SOURCE, execution);
  return withPresentation(task, lesson, true);
}

function sameStep(definition: vscode.TaskDefinition, lessonId: string, stepId: string): boolean {
  return isLessonTaskDefinition(definition) && definition.lesson === lessonId && definition.step === stepId;
}

export interface TaskRun {
  execution?: vscode.TaskExecution;
  /** Resolves when the task ended; exitCode is undefined when it was terminated or had no process. */
  ended: Promise<{ exitCode: number | undefined }>;
  /** Stop it (the cancel button). */
  terminate(): void;
}

/**
 * Start a step's task and follow it to its end. When the window cannot run tasks (no folder open in some hosts),
 * fall back to a plain terminal with the same pseudoterminal or shell command, so the Run button always works.
 */
export async function startStepTask(task: vscode.Task, lessonId: string, stepId: string,
  fallback: { pty?: () => vscode.Pseudoterminal; shell?: ShellCommand }): Promise<TaskRun> {
  const subscriptions: vscode.Disposable[] = [];
  let resolveEnded!: (value: { exitCode: number | undefined }) => void;
  const ended = new Promise<{ exitCode: number | undefined }>((resolve) => { resolveEnded = resolve; });
  let exitCode: number | undefined;
  const done = () => {
    for (const d of subscriptions) d.dispose();
    resolveEnded({ exitCode });
  };
  subscriptions.push(
    vscode.tasks.onDidEndTaskProcess((e) => {
      if (sameStep(e.execution.task.definition, lessonId, stepId)) exitCode = e.exitCode;
    }),
    vscode.tasks.onDidEndTask((e) => {
      if (sameStep(e.execution.task.definition, lessonId, stepId)) done();
    }),
  );
  try {
    const execution = await vscode.tasks.executeTask(task);
    return { execution, ended, terminate: () => execution.terminate() };
  } catch {
    for (const d of subscriptions) d.dispose();
    subscriptions.length = 0;
    return startInTerminal(task.name, fallback);
  }
}

function startInTerminal(name: string, fallback: { pty?: () => vscode.Pseudoterminal; shell?: ShellCommand }): TaskRun {
  if (fallback.pty) {
    const pty = fallback.pty();
    const terminal = vscode.window.createTerminal({ name, pty });
    terminal.show(true);
    const ended = (pty instanceof StepPseudoterminal ? pty.finished : new Promise<number>((resolve) => {
      const sub = vscode.window.onDidCloseTerminal((closed) => {
        if (closed === terminal) { sub.dispose(); resolve(closed.exitStatus?.code ?? 1); }
      });
    })).then((code) => ({ exitCode: code as number | undefined }));
    return { ended, terminate: () => pty.close() };
  }
  const shell = fallback.shell!;
  const posix = process.platform !== 'win32';
  const terminal = vscode.window.createTerminal({
    name, cwd: shell.cwd, env: shell.env,
    ...(posix ? { shellPath: '/bin/sh', shellArgs: ['-c', shell.command] } : { shellArgs: ['/c', shell.command] }),
  });
  terminal.show(false);
  const ended = new Promise<{ exitCode: number | undefined }>((resolve) => {
    const sub = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) { sub.dispose(); resolve({ exitCode: closed.exitStatus?.code }); }
    });
  });
  return { ended, terminate: () => terminal.dispose() };
}

/** What the provider needs from the lesson host. */
export interface StepTaskSource {
  lessons(): Promise<Lesson[]>;
  /** A task that runs the step through the host (same path as the Run button), with the given or stored variables. */
  taskFor(lesson: Lesson, step: Step, vars: Record<string, string> | undefined): vscode.Task | undefined;
}

export class LessonTaskProvider implements vscode.TaskProvider {
  constructor(private readonly source: StepTaskSource) {}

  async provideTasks(): Promise<vscode.Task[]> {
    const tasks: vscode.Task[] = [];
    for (const lesson of await this.source.lessons()) {
      for (const step of lesson.steps) {
        if (!runsAsTask(step)) continue;
        const task = this.source.taskFor(lesson, step, undefined);
        if (task) tasks.push(task);
      }
    }
    return tasks;
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const definition = task.definition;
    if (!isLessonTaskDefinition(definition)) return undefined;
    const lesson = (await this.source.lessons()).find((l) => l.meta.id === definition.lesson);
    const step = lesson?.steps.find((s) => s.id === definition.step);
    if (!lesson || !step || !runsAsTask(step)) return undefined;
    const rebuilt = this.source.taskFor(lesson, step, definition.vars);
    if (!rebuilt) return undefined;
    // resolveTask must return a task with the very definition it was given (tasks.json may carry extra fields).
    const resolved = new vscode.Task(definition, task.scope ?? vscode.TaskScope.Workspace, rebuilt.name, rebuilt.source,
      rebuilt.execution, rebuilt.problemMatchers);
    resolved.presentationOptions = rebuilt.presentationOptions; // the lesson's one terminal, from Run Task too
    return resolved;
  }
}
