// `docker-lessons`: list, show, run, check, reset and lint lessons from a terminal (or CI, with --json).
// Exit codes: 0 passed, 1 failed (a step, a check, lint errors, or no Docker engine), 2 bad input, 3 a run stopped at a
// challenge: the learner's turn.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import type { CheckResult } from '../checks/types';
import { createEngine, resolveEndpoint } from '../engine';
import type { DockerEngine } from '../engine/api';
import { isEngineError } from '../engine/errors';
import { classifyError } from '../engine/classify';
import { languageFromEnv, t, useBundle, useLanguage } from '../i18n';
import { findLesson, formatDiagnostic, invalidVarValue, lintFiles, loadLessons } from '../lessons';
import type { Diagnostic, Lesson } from '../lessons/schema';
import { checkKind } from '../lessons/schema';
import { countedSteps } from '../lessons/numbering';
import { JsonFileStore } from '../runner/record';
import { resetLesson, type ResetItem } from '../runner/reset';
import { checkStep, prepareStep, selectSteps, unknownStepIds, type RunnerContext } from '../runner/runner';
import { adoptChallengeObjects } from '../runner/rerun';
import { runLesson } from '../runner/session';
import type { RunnerSink, StepOutcome } from '../runner/types';
import { defaultWorkRoot, lessonWorkDir, stateDir } from '../runner/workdir';
import { langFromArgv, parseCommandLine, UsageError, type ParsedCommand } from './args';
import {
  formatChallenge, formatDiagnosticsSummary, formatRedoOffer, formatLessonDetails, formatLessonList, formatOutcome, formatResetPlan, formatResetResult,
  formatSummary, makeStyle, progressLine, useColor, type Style,
} from './format';
import { helpText } from './help';
import { imagesCommand, ImagesFailure } from './images';
import { explainCommand } from './explain';
import { doctorCommand } from './doctor';
import { ChallengeLog } from './challengeLog';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
/** `run` set up a challenge and stopped there: the learner does its task, then `check`. */
export const EXIT_YOUR_TURN = 3;

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Ask a yes/no question on the terminal; resolves to the answer line. */
  ask(question: string): Promise<string>;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

/** An expected failure with its exit code and a message for the user. */
class CliFailure extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** The folder with the package's package.json (dist/cli.js and src/cli/*.ts both live two levels below it or less). */
export function findPackageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'docker-lessons') return dir;
      } catch {
        // keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start, '..');
    dir = parent;
  }
}

function setLanguage(lang: string | undefined, env: NodeJS.ProcessEnv, packageRoot: string): void {
  const language = languageFromEnv(env, lang);
  try {
    useLanguage(language, packageRoot);
  } catch {
    // No merged bundle (running from source before a build): merge the parts ourselves.
    const dir = path.join(packageRoot, 'l10n', 'zh-cn');
    const bundle: Record<string, string> = {};
    if (fs.existsSync(dir)) {
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        Object.assign(bundle, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      }
    }
    useBundle(language, bundle);
  }
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const packageRoot = findPackageRoot();
  const early = langFromArgv(argv);
  setLanguage(early && ['en', 'zh-cn'].includes(early.toLowerCase()) ? early.toLowerCase() : undefined, io.env, packageRoot);
  const wantsJson = argv.includes('--json');

  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return report(io, wantsJson, new CliFailure(`${error.message}\n${t('Run docker-lessons {0}--help for usage.', error.command ? `${error.command} ` : '')}`, EXIT_BAD_INPUT));
  }
  if (parsed.version) {
    const version = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
    io.stdout(parsed.global.json ? JSON.stringify({ version }) + '\n' : `${version}\n`);
    return EXIT_OK;
  }
  if (parsed.global.help || !parsed.command) {
    io.stdout(helpText(parsed.command) + '\n');
    return parsed.command || parsed.global.help ? EXIT_OK : EXIT_BAD_INPUT;
  }

  const style = makeStyle(!parsed.global.json && useColor(io.stdoutIsTTY, io.env));
  const app = new App(parsed, io, style, packageRoot);
  try {
    return await app.run();
  } catch (error) {
    if (error instanceof CliFailure) return report(io, parsed.global.json, error);
    throw error;
  } finally {
    app.dispose();
  }
}

function report(io: CliIO, json: boolean, failure: CliFailure): number {
  if (json) io.stdout(JSON.stringify({ error: failure.message, exitCode: failure.exitCode }, null, 2) + '\n');
  else io.stderr(failure.message + '\n');
  return failure.exitCode;
}

class App {
  private engine?: DockerEngine;
  private readonly json: boolean;

  constructor(
    private readonly args: ParsedCommand,
    private readonly io: CliIO,
    private readonly style: Style,
    private readonly packageRoot: string,
  ) {
    this.json = args.global.json;
  }

  dispose(): void {
    this.engine?.dispose();
  }

  private out(text: string): void {
    if (!this.json) this.io.stdout(text + '\n');
  }

  private emitJson(value: unknown): void {
    if (this.json) this.io.stdout(JSON.stringify(value, null, 2) + '\n');
  }

  private get lessonsDir(): string {
    return path.resolve(this.args.global.lessons ?? path.join(this.packageRoot, 'lessons'));
  }

  private get workRoot(): string {
    return path.resolve(this.args.global.workDir ?? defaultWorkRoot(this.io.env));
  }

  async run(): Promise<number> {
    switch (this.args.command!) {
      case 'list': return this.list();
      case 'show': return this.show();
      case 'run': return this.runLesson();
      case 'check': return this.check();
      case 'solution': return this.solution();
      case 'reset': return this.reset();
      case 'lint': return this.lint();
      case 'images': return this.images();
      case 'explain': return this.explain();
      case 'doctor': return this.doctor();
    }
  }

  private async lessons(): Promise<{ lessons: Lesson[]; diagnostics: Diagnostic[] }> {
    const loaded = await loadLessons(this.lessonsDir);
    const unreadable = loaded.lessons.length === 0 && loaded.diagnostics.some((d) => d.file === this.lessonsDir);
    if (unreadable) throw new CliFailure(loaded.diagnostics.map(formatDiagnostic).join('\n'), EXIT_BAD_INPUT);
    return loaded;
  }

  private async lesson(): Promise<Lesson> {
    const { lessons, diagnostics } = await this.lessons();
    const lesson = findLesson(lessons, this.args.lesson!);
    if (lesson) return lesson;
    const broken = diagnostics.filter((d) => path.basename(d.file).startsWith(this.args.lesson!) && d.severity === 'error');
    const detail = broken.length > 0 ? `\n${broken.map(formatDiagnostic).join('\n')}` : '';
    throw new CliFailure(t('No lesson "{0}" in {1}. Known lessons: {2}', this.args.lesson!, this.lessonsDir,
      lessons.map((l) => l.meta.id).join(', ') || '-') + detail, EXIT_BAD_INPUT);
  }

  /** The engine, pinged first unless `ping` is false (the doctor reports an engine that does not answer). */
  private async connect({ ping = true }: { ping?: boolean } = {}): Promise<DockerEngine> {
    let endpoint;
    try {
      endpoint = resolveEndpoint({ setting: this.args.global.host, env: this.io.env, homeDir: os.homedir(), platform: process.platform });
    } catch (error) {
      throw new CliFailure(error instanceof Error ? error.message : String(error), EXIT_BAD_INPUT);
    }
    const engine = createEngine(endpoint);
    this.engine = engine;
    if (!ping) return engine;
    try {
      await engine.ping();
    } catch (error) {
      const classified = isEngineError(error) ? error : classifyError(error, endpoint);
      throw new CliFailure(classified.message, EXIT_FAILED);
    }
    return engine;
  }

  private validateVars(lesson: Lesson): Record<string, string> {
    const problems: string[] = [];
    for (const [name, value] of Object.entries(this.args.vars)) {
      const variable = lesson.meta.vars[name];
      if (!variable) {
        problems.push(t('--var {0}: lesson {1} has no variable "{0}" (it has: {2})', name, lesson.meta.id, Object.keys(lesson.meta.vars).join(', ') || '-'));
        continue;
      }
      const problem = invalidVarValue(variable.type, value.trim());
      if (problem) problems.push(`--var ${name}: ${problem}`);
    }
    if (problems.length > 0) throw new CliFailure(problems.join('\n'), EXIT_BAD_INPUT);
    return this.args.vars;
  }

  private validateSteps(lesson: Lesson): void {
    const unknown = unknownStepIds(lesson, { fromStep: this.args.from, onlyStep: this.args.step, skip: this.args.skip });
    if (unknown.length > 0) {
      throw new CliFailure(t('Lesson {0} has no step {1}. Its steps: {2}', lesson.meta.id, unknown.join(', '),
        lesson.steps.map((s) => s.id).join(', ')), EXIT_BAD_INPUT);
    }
  }

  private async askYesNo(question: string): Promise<boolean> {
    const answer = await this.io.ask(`${question} ${t('[y/N]')} `);
    return /^(y|yes|是|好)$/i.test(answer.trim());
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async list(): Promise<number> {
    const { lessons, diagnostics } = await this.lessons();
    this.emitJson({
      // `steps` counts as the page and the text output do: explain steps are not counted.
      lessons: lessons.map((l) => ({ id: l.meta.id, order: l.meta.order, title: l.meta.title, summary: l.meta.summary, file: l.file, steps: countedSteps(l.steps).length })),
      diagnostics,
    });
    this.out(formatLessonList(lessons, this.style));
    if (!this.json && diagnostics.some((d) => d.severity === 'error')) {
      this.io.stderr(t('Some lesson files have errors and are not listed; run docker-lessons lint.') + '\n');
    }
    return EXIT_OK;
  }

  private async show(): Promise<number> {
    const lesson = await this.lesson();
    const workDir = lessonWorkDir(this.workRoot, lesson.meta.id);
    this.emitJson({
      lesson: {
        id: lesson.meta.id, order: lesson.meta.order, title: lesson.meta.title, summary: lesson.meta.summary, file: lesson.file,
        images: lesson.meta.images, vars: lesson.meta.vars, creates: lesson.meta.creates,
        steps: lesson.steps.map((step) => ({
          // A challenge's fence is its reference solution: `solution` prints it after a failed check.
          id: step.id, title: step.title, kind: step.kind, command: step.kind === 'edit' || step.kind === 'challenge' ? undefined : step.body,
          file: step.file, reason: step.reason, checks: step.checks.length, ...(step.kind === 'challenge' ? { task: step.task } : {}),
        })),
      },
      workDir,
    });
    this.out(formatLessonDetails(lesson, workDir, this.style));
    return EXIT_OK;
  }

  private sink(): RunnerSink {
    return {
      output: (chunk) => { if (!this.json) this.io.stdout(chunk); },
      info: (line) => this.out(this.style.dim(line)),
    };
  }

  private async runLesson(): Promise<number> {
    const lesson = await this.lesson();
    const vars = this.validateVars(lesson);
    this.validateSteps(lesson);
    const selection = { fromStep: this.args.from, onlyStep: this.args.step, skip: this.args.skip };
    const destructive = selectSteps(lesson, selection).filter((e) => e.skipReason === undefined && e.step.kind === 'destructive');
    if (destructive.length > 0 && !this.args.yes && !this.io.stdinIsTTY) {
      throw new CliFailure(t('Step {0} is destructive and needs confirmation, but there is no terminal to ask. Run again with --yes to accept.',
        destructive.map((e) => e.step.id).join(', ')), EXIT_BAD_INPUT);
    }
    const engine = await this.connect();
    const ctx: RunnerContext = {
      engine,
      workRoot: this.workRoot,
      sink: this.sink(),
      store: new JsonFileStore(stateDir(this.io.env)),
      confirm: this.args.yes ? async () => true : (question) => this.askYesNo(question),
      signal: this.io.signal,
      force: this.args.force,
      baseEnv: this.io.env,
    };
    const run = await runLesson(lesson, ctx, {
      ...selection,
      vars,
      keepGoing: this.args.keepGoing,
      solutions: this.args.solutions,
      redo: this.args.redo,
      onStepStart: (step) => this.out(progressLine(lesson, step, this.style)),
      onStepEnd: (outcome) => {
        this.out(formatOutcome(outcome, this.style));
        const offer = this.args.redo ? '' : formatRedoOffer(lesson, outcome, this.style);
        if (offer) this.out(offer);
      },
    });
    const waiting = run.waitingFor === undefined ? undefined : lesson.steps.find((step) => step.id === run.waitingFor);
    const failed = run.outcomes.some((o) => o.status === 'failed' || o.status === 'error' || o.status === 'cancelled');
    const exitCode = run.passed ? EXIT_OK : waiting && !failed && !run.message ? EXIT_YOUR_TURN : EXIT_FAILED;
    const task = waiting ? prepareStep(lesson, waiting, vars, { lessonLabel: false }).task ?? '' : undefined;
    this.emitJson({
      lesson: lesson.meta.id, passed: run.passed, exitCode, message: run.message, outcomes: run.outcomes,
      ...(waiting ? { waitingFor: { step: waiting.id, title: waiting.title, task } } : {}),
    });
    if (run.message) this.out(this.style.red(run.message));
    this.out(formatSummary(run.outcomes, this.style));
    if (waiting) this.out(formatChallenge(lesson.meta.id, waiting, task ?? '', this.style));
    return exitCode;
  }

  private async check(): Promise<number> {
    const lesson = await this.lesson();
    const vars = this.validateVars(lesson);
    this.validateSteps(lesson);
    const engine = await this.connect();
    const ctx: RunnerContext = { engine, workRoot: this.workRoot, signal: this.io.signal, baseEnv: this.io.env };
    const steps = lesson.steps.filter((step) => (this.args.step ? step.id === this.args.step : true));
    const outcomes: StepOutcome[] = [];
    const hintsShown: { step: string; hints: string[]; of: number }[] = [];
    for (const step of steps) {
      this.out(progressLine(lesson, step, this.style));
      const started = Date.now();
      const prepared = prepareStep(lesson, step, vars, { endpoint: engine.endpoint, baseEnv: this.io.env });
      // A step's own output only exists when it ran in this process, so those checks are left out here.
      const stateChecks = prepared.checks.filter((check) => !['output', 'exitCode'].includes(checkKind(check)));
      let outcome: StepOutcome;
      if (step.kind === 'explain' || stateChecks.length === 0) {
        outcome = { lessonId: lesson.meta.id, stepId: step.id, status: 'skipped', checks: [], durationMs: 0,
          message: step.kind === 'explain' ? t('Explained only; nothing to check.') : t('Nothing to check without running the step.') };
      } else {
        const checks: CheckResult[] = await checkStep(lesson, step, ctx, { prepared: { ...prepared, checks: stateChecks } });
        outcome = { lessonId: lesson.meta.id, stepId: step.id, status: checks.every((c) => c.pass) ? 'passed' : 'failed',
          checks, durationMs: Date.now() - started };
      }
      outcomes.push(outcome);
      this.out(formatOutcome(outcome, this.style));
      // What the learner made for a challenge becomes its record, so `reset` removes it.
      if (step.kind === 'challenge') {
        await adoptChallengeObjects(lesson, step, { ...ctx, store: new JsonFileStore(stateDir(this.io.env)) }, prepared.values).catch(() => undefined);
      }
      if (step.kind === 'challenge' && outcome.status === 'failed') {
        // Each failed check reveals the next graded hint; after the first, the reference solution may be shown.
        const failures = new ChallengeLog(stateDir(this.io.env)).recordFailure(lesson.meta.id, step.id);
        const hints = prepared.hints ?? [];
        const shown = Math.min(failures, hints.length);
        if (shown > 0) {
          hintsShown.push({ step: step.id, hints: hints.slice(0, shown), of: hints.length });
          const label = t('Hint {0}/{1}:', shown, hints.length);
          // A full-width colon (提示 1/2：) already separates label and text.
          this.out(this.style.yellow(`  ${label}${label.endsWith('：') ? '' : ' '}${hints[shown - 1]}`));
        }
        this.out(this.style.dim(`  ${t('The reference solution: docker-lessons solution {0} --step {1}', lesson.meta.id, step.id)}`));
      }
    }
    const passed = outcomes.every((o) => o.status !== 'failed');
    const exitCode = passed ? EXIT_OK : EXIT_FAILED;
    this.emitJson({ lesson: lesson.meta.id, passed, exitCode, outcomes, ...(hintsShown.length > 0 ? { hints: hintsShown } : {}) });
    this.out(formatSummary(outcomes, this.style));
    return exitCode;
  }

  /** A challenge's reference solution, once a check of it has failed (`check` records that). */
  private async solution(): Promise<number> {
    const lesson = await this.lesson();
    const vars = this.validateVars(lesson);
    this.validateSteps(lesson);
    const challenges = lesson.steps.filter((step) => step.kind === 'challenge');
    const step = this.args.step !== undefined ? lesson.steps.find((s) => s.id === this.args.step)
      : challenges.length === 1 ? challenges[0] : undefined;
    if (!step || step.kind !== 'challenge') {
      throw new CliFailure(challenges.length === 0
        ? t('Lesson {0} has no challenge.', lesson.meta.id)
        : t('Name the challenge with --step: {0}', challenges.map((s) => s.id).join(', ')), EXIT_BAD_INPUT);
    }
    if (new ChallengeLog(stateDir(this.io.env)).failures(lesson.meta.id, step.id) === 0) {
      throw new CliFailure(t('Try the challenge first: the reference solution is shown after a failed check (docker-lessons check {0} --step {1}).',
        lesson.meta.id, step.id), EXIT_FAILED);
    }
    // The learner's values, quoted as they would type them; without the lesson label the runner adds.
    const solution = prepareStep(lesson, step, vars, { lessonLabel: false }).command;
    this.emitJson({ lesson: lesson.meta.id, step: step.id, solution, exitCode: EXIT_OK });
    this.out(this.style.bold(t('Reference solution of "{0}" (one correct way; yours may differ):', step.title)));
    this.out(solution);
    return EXIT_OK;
  }

  private async reset(): Promise<number> {
    const lesson = await this.lesson();
    const engine = await this.connect();
    let needsYes = false;
    const confirm = async (items: ResetItem[]): Promise<boolean> => {
      if (this.args.yes) return true;
      if (!this.io.stdinIsTTY) {
        needsYes = true;
        return false;
      }
      this.io.stderr(`${t('Reset will remove:')}\n${formatResetPlan(items)}\n`);
      return this.askYesNo(t('Remove these?'));
    };
    const result = await resetLesson(lesson, {
      engine, store: new JsonFileStore(stateDir(this.io.env)), workRoot: this.workRoot, confirm, dryRun: this.args.dryRun,
    });
    if (needsYes) {
      throw new CliFailure(`${t('Reset will remove:')}\n${formatResetPlan(result.planned)}\n${t('There is no terminal to ask for confirmation. Run again with --yes to accept, or --dry-run to only list.')}`, EXIT_BAD_INPUT);
    }
    const exitCode = result.failed.length > 0 ? EXIT_FAILED : EXIT_OK;
    if (!this.args.dryRun && !result.cancelled) new ChallengeLog(stateDir(this.io.env)).forgetLesson(lesson.meta.id);
    this.emitJson({ ...result, exitCode });
    this.out(formatResetResult(result, this.style));
    return exitCode;
  }

  private async images(): Promise<number> {
    try {
      return await imagesCommand({
        ...this.args.images, packageRoot: this.packageRoot, json: this.json, env: this.io.env, signal: this.io.signal,
        connect: () => this.connect(), stdout: this.io.stdout, stderr: this.io.stderr,
      });
    } catch (error) {
      if (error instanceof ImagesFailure) throw new CliFailure(error.message, error.exitCode);
      if (isEngineError(error)) throw new CliFailure(error.message, EXIT_FAILED);
      throw error;
    }
  }

  private async doctor(): Promise<number> {
    const { daemonConfig, timeoutSeconds } = this.args.doctor;
    return doctorCommand({
      engine: await this.connect({ ping: false }), env: this.io.env, json: this.json, style: this.style,
      daemonConfig: daemonConfig !== undefined ? path.resolve(daemonConfig) : undefined,
      timeoutMs: timeoutSeconds !== undefined ? timeoutSeconds * 1000 : undefined, stdout: this.io.stdout,
    });
  }

  private async explain(): Promise<number> {
    const result = await explainCommand({ files: this.args.files, lessonsDir: this.lessonsDir, json: this.json, stdout: this.io.stdout });
    if (result.missing.length > 0) throw new CliFailure(t('Cannot read {0}', result.missing.join(', ')), EXIT_BAD_INPUT);
    return EXIT_OK;
  }

  private async lint(): Promise<number> {
    const targets = this.args.files.length > 0 ? this.args.files.map((f) => path.resolve(f)) : [this.lessonsDir];
    const diagnostics = await lintFiles(targets);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const exitCode = errors > 0 ? EXIT_FAILED : EXIT_OK;
    this.emitJson({ diagnostics, errors, warnings, exitCode });
    for (const d of diagnostics) this.out(d.severity === 'error' ? this.style.red(formatDiagnostic(d)) : this.style.yellow(formatDiagnostic(d)));
    this.out(formatDiagnosticsSummary(errors, warnings, this.style));
    return exitCode;
  }
}

/** The real terminal: readline on stdin, questions on stderr (stdout may be JSON). */
export function processIO(signal?: AbortSignal): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: !!process.stdout.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    env: process.env,
    signal,
    ask: (question) => new Promise((resolve) => {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
      rl.question(question, (answer) => {
        rl.close();
        resolve(answer);
      });
      rl.on('close', () => resolve(''));
    }),
  };
}
