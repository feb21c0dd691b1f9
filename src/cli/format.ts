// Human-readable output of the CLI (zh-CN by default): progress lines, ✓/✗ check results with 期望/实际/提示, reset
// lists. Colors only when stdout is a terminal and NO_COLOR is unset. Pure functions, so they are unit-tested.
import type { CheckResult } from '../checks/types';
import { t } from '../i18n';
import { countedSteps, stepNumbers } from '../lessons/numbering';
import type { Lesson, Step } from '../lessons/schema';
import type { ResetItem, ResetResult } from '../runner/reset';
import { describeResetItem } from '../runner/reset';
import type { StepOutcome } from '../runner/types';

export interface Style {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Style = { green: (s) => s, red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

function ansi(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const colored: Style = { green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39), dim: ansi(2, 22), bold: ansi(1, 22) };

/** https://no-color.org: any non-empty NO_COLOR disables color; so does output that is not a terminal. */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return !!isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

export function makeStyle(color: boolean): Style {
  return color ? colored : plain;
}

export const PASS_MARK = '✓';
export const FAIL_MARK = '✗';

/** English needs the singular for one ("1 step"); both forms translate to the same zh-CN text. */
function plural(count: number, one: string, other: string): string {
  return count === 1 ? one : other;
}

/** `[3/8] title …` with the step's number in its lesson (src/lessons/numbering.ts); `[Explanation]` for explain steps. */
export function progressLine(lesson: Pick<Lesson, 'steps'>, step: Step, style: Style = plain): string {
  const number = stepNumbers(lesson.steps).get(step.id);
  const position = number === undefined ? t('Explanation') : `${number}/${countedSteps(lesson.steps).length}`;
  return style.bold(`[${position}] ${step.title} …`);
}

function indent(text: string, prefix: string): string {
  return text.split('\n').map((line, i) => (i === 0 ? line : prefix + line)).join('\n');
}

/** One check: `✓ title`, or `✗ title` followed by 期望 / 实际 / 提示 lines. */
export function formatCheck(result: CheckResult, style: Style = plain): string {
  if (result.pass) return `  ${style.green(PASS_MARK)} ${result.title}`;
  const lines = [`  ${style.red(FAIL_MARK)} ${result.title}`];
  const pad = '      ';
  // A full-width colon (期望：) already separates label and value.
  const label = (text: string) => (text.endsWith('：') ? text : `${text} `);
  lines.push(`    ${style.dim(label(t('Expected:')))}${indent(result.expected, pad)}`);
  lines.push(`    ${style.dim(label(t('Actual:')))}${indent(result.actual, pad)}`);
  if (result.hint) lines.push(`    ${style.yellow(label(t('Hint:')))}${indent(result.hint, pad)}`);
  return lines.join('\n');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The lines after a step: its checks, then a verdict. */
export function formatOutcome(outcome: StepOutcome, style: Style = plain): string {
  const lines = outcome.checks.map((check) => formatCheck(check, style));
  switch (outcome.status) {
    case 'passed':
      lines.push(`  ${style.green(PASS_MARK)} ${t('Step passed ({0})', seconds(outcome.durationMs))}`);
      break;
    case 'failed':
      if (outcome.message) lines.push(`  ${style.red(FAIL_MARK)} ${outcome.message}`);
      lines.push(`  ${style.red(FAIL_MARK)} ${t('Step failed ({0})', seconds(outcome.durationMs))}`);
      break;
    case 'error':
      lines.push(`  ${style.red(FAIL_MARK)} ${outcome.message ?? t('Step could not run')}`);
      break;
    case 'cancelled':
      lines.push(`  ${style.yellow('–')} ${outcome.message ?? t('Cancelled.')}`);
      break;
    case 'skipped':
      lines.push(`  ${style.dim('–')} ${style.dim(outcome.message ?? t('Skipped.'))}`);
      break;
    case 'started':
      lines.push(`  ${style.yellow('◎')} ${outcome.message ?? t('Your turn.')}`);
      break;
  }
  return lines.join('\n');
}

/**
 * After a failed step whose verdict names steps to run again first (what it works on was removed or changed since):
 * the command that does it, as the lesson page's redo button would. Empty otherwise.
 */
export function formatRedoOffer(lesson: Lesson, outcome: StepOutcome, style: Style = plain): string {
  if (outcome.status !== 'failed' || !outcome.redo?.length) return '';
  const numbers = stepNumbers(lesson.steps);
  const list = outcome.redo.map((id) => numbers.get(id)).filter((n) => n !== undefined).join(', ');
  const command = `docker-lessons run ${lesson.meta.id} --step ${outcome.stepId} --redo`;
  return `  ${style.yellow(outcome.redo.length === 1 ? t('To run step {0} again first, then this one: {1}', list, command)
    : t('To run steps {0} again first, then this one: {1}', list, command))}`;
}

/** A challenge the learner is to do now: its task, and how to check it (and where the reference is, after a failure). */
export function formatChallenge(lessonId: string, step: Pick<Step, 'id' | 'title'>, task: string, style: Style = plain): string {
  const lines = [
    '',
    // Titles usually say "挑战：…" themselves.
    style.bold(/^(挑战|challenge)\s*[:：]/i.test(step.title) ? step.title : t('Challenge: {0}', step.title)),
    ...task.trim().split('\n').map((line) => `  ${line}`),
    '',
    t('Do it in your terminal (any way you like), then check it:'),
    `  docker-lessons check ${lessonId} --step ${step.id}`,
    style.dim(t('Each failed check shows the next hint; after one, the reference solution: docker-lessons solution {0} --step {1}', lessonId, step.id)),
  ];
  return lines.join('\n');
}

export function formatSummary(outcomes: readonly StepOutcome[], style: Style = plain): string {
  const passed = outcomes.filter((o) => o.status === 'passed').length;
  const failed = outcomes.filter((o) => o.status === 'failed' || o.status === 'error' || o.status === 'cancelled').length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const text = t('{0} passed, {1} failed, {2} skipped', passed, failed, skipped);
  return failed > 0 ? style.red(`${FAIL_MARK} ${text}`) : style.green(`${PASS_MARK} ${text}`);
}

export function formatLessonList(lessons: readonly Lesson[], style: Style = plain): string {
  if (lessons.length === 0) return t('No lessons found.');
  return lessons.map((lesson) => {
    const order = String(lesson.meta.order).padStart(2, '0');
    const steps = countedSteps(lesson.steps).length;
    return `${style.bold(order)}  ${lesson.meta.id.padEnd(24)} ${lesson.meta.title}  ${style.dim(plural(steps, t('(1 step)'), t('({0} steps)', steps)))}`;
  }).join('\n');
}

const KIND_LABELS: Record<Step['kind'], () => string> = {
  run: () => t('command step'),
  interactive: () => t('interactive step'),
  destructive: () => t('destructive step'),
  explain: () => t('explain-only step'),
  edit: () => t('edit step'),
  challenge: () => t('challenge'),
};

export function formatLessonDetails(lesson: Lesson, workDir: string, style: Style = plain): string {
  const lines = [
    style.bold(`${String(lesson.meta.order).padStart(2, '0')} ${lesson.meta.title}`) + style.dim(`  (${lesson.meta.id})`),
    lesson.meta.summary,
    '',
  ];
  if (lesson.meta.images.length > 0) lines.push(`${t('Images:')} ${lesson.meta.images.join(', ')}`);
  const vars = Object.entries(lesson.meta.vars);
  if (vars.length > 0) lines.push(`${t('Variables:')} ${vars.map(([name, v]) => `${name}=${v.default} (${v.label})`).join(', ')}`);
  lines.push(`${t('Working folder:')} ${workDir}`, '', t('Steps:'));
  const numbers = stepNumbers(lesson.steps);
  for (const step of lesson.steps) {
    // Explain steps have no number (they are not counted): a dot keeps the column.
    const number = numbers.get(step.id);
    const mark = (number === undefined ? '·' : `${number}.`).padStart(3);
    lines.push(`${mark} ${style.bold(step.id)}  ${step.title}  ${style.dim(`[${KIND_LABELS[step.kind]()}]`)}`);
    if (step.kind === 'edit') lines.push(style.dim(`      ${t('file: {0}', step.file ?? '?')}`));
    // A challenge's fence is its reference solution: the task is what it shows.
    else if (step.kind === 'challenge') for (const line of (step.task ?? '').trimEnd().split('\n')) lines.push(style.dim(`      ${line}`));
    else for (const line of step.body.trimEnd().split('\n')) lines.push(style.dim(`      ${line}`));
  }
  return lines.join('\n');
}

export function formatResetPlan(items: readonly ResetItem[]): string {
  return items.map((item) => `  - ${describeResetItem(item)}`).join('\n');
}

export function formatResetResult(result: ResetResult, style: Style = plain): string {
  if (result.planned.length === 0) return t('Nothing to reset for lesson {0}.', result.lessonId);
  if (result.dryRun) return `${t('Reset would remove:')}\n${formatResetPlan(result.planned)}`;
  if (result.cancelled) return t('Reset cancelled; nothing was removed.');
  const lines = result.removed.map((item) => `  ${style.green(PASS_MARK)} ${t('removed {0}', describeResetItem(item))}`);
  for (const { item, error } of result.failed) lines.push(`  ${style.red(FAIL_MARK)} ${t('could not remove {0}: {1}', describeResetItem(item), error)}`);
  return lines.join('\n');
}

export function formatDiagnosticsSummary(errors: number, warnings: number, style: Style = plain): string {
  if (errors === 0 && warnings === 0) return style.green(`${PASS_MARK} ${t('No problems found.')}`);
  const text = t('{0} and {1}', plural(errors, t('1 error'), t('{0} errors', errors)),
    plural(warnings, t('1 warning'), t('{0} warnings', warnings)));
  return errors > 0 ? style.red(`${FAIL_MARK} ${text}`) : style.yellow(text);
}
