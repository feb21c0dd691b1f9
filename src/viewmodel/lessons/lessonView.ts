// A parsed lesson + the learner's saved values → the LessonView the webview draws (see src/webview/protocol.ts).
// vscode-free so it is unit-tested in plain Node; lessonPanel.ts only adds the localized labels and posts it.
import { defaultVars, invalidVarValue, renderLessonHtml, renderMarkdownInline } from '../../lessons';
import type { Lesson, Step } from '../../lessons/schema';
import type { StepProgress } from '../../lessons/progress';
import type { PrebuiltPage } from '../../lessons/prebuilt';
import type { LessonView, StepView } from '../../webview/protocol';

export interface Neighbours {
  prev?: Pick<Lesson, 'meta'>;
  next?: Pick<Lesson, 'meta'>;
}

export function stepView(step: Step, index: number): StepView {
  const challenge = step.kind === 'challenge';
  return {
    id: step.id,
    index,
    title: step.title,
    kind: step.kind,
    // A challenge's fence is its reference solution: the page gets it only after a failed check (a `solution` message).
    command: challenge ? '' : step.body,
    reason: step.reason,
    file: step.file,
    hint: step.hint,
    ...(challenge ? { hintsHtml: (step.hints ?? []).map((hint) => renderMarkdownInline(hint)), hasSetup: step.setup !== undefined } : {}),
    vars: [...step.vars],
    // checksSource first: reading `checks` would parse every check block just to draw the page.
    hasChecks: step.checksSource !== undefined || step.checks.length > 0,
  };
}

/** The learner's value for each declared variable when it is still valid for its type, else the lesson's default. */
export function varValuesFor(lesson: Pick<Lesson, 'meta'>, saved: Record<string, string>): Record<string, string> {
  const values = defaultVars(lesson);
  for (const [name, variable] of Object.entries(lesson.meta.vars)) {
    const value = saved[name];
    if (value !== undefined && invalidVarValue(variable.type, value) === undefined) values[name] = value;
  }
  return values;
}

export function buildLessonView(lesson: Lesson, neighbours: Neighbours = {}, savedVars: Record<string, string> = {}): LessonView {
  const values = varValuesFor(lesson, savedVars);
  const neighbour = (other: Pick<Lesson, 'meta'> | undefined) => (other ? { id: other.meta.id, title: other.meta.title } : undefined);
  return {
    id: lesson.meta.id,
    order: lesson.meta.order,
    title: lesson.meta.title,
    summary: lesson.meta.summary,
    html: renderLessonHtml(lesson).html,
    steps: lesson.steps.map(stepView),
    vars: Object.entries(lesson.meta.vars).map(([name, variable]) => ({
      name, label: variable.label, type: variable.type, value: values[name],
    })),
    recapHtml: lesson.meta.recap.map((item) => renderMarkdownInline(item)),
    quiz: lesson.meta.quiz.map((item) => ({ questionHtml: renderMarkdownInline(item.q), answerHtml: renderMarkdownInline(item.a) })),
    prev: neighbour(neighbours.prev),
    next: neighbour(neighbours.next),
  };
}

/** The inline Markdown a lesson's page shows beside its body: recap items, quiz questions and answers, challenge hints. */
export function inlineMarkdownOf(lesson: Lesson): string[] {
  return [
    ...lesson.meta.recap,
    ...lesson.meta.quiz.flatMap((item) => [item.q, item.a]),
    ...lesson.steps.flatMap((step) => (step.kind === 'challenge' ? step.hints ?? [] : [])),
  ];
}

/** What the build ships for a lesson's page (scripts/prerender.ts): its body and every inline text, rendered anew. */
export function prebuildPage(lesson: Lesson): PrebuiltPage {
  const { html, steps } = renderLessonHtml(lesson, { cache: false });
  return { html, steps, inline: Object.fromEntries(inlineMarkdownOf(lesson).map((text) => [text, renderMarkdownInline(text, { cache: false })])) };
}

/** The lessons before and after `lessonId` in course order. */
export function neighboursOf(lessons: readonly Lesson[], lessonId: string): Neighbours {
  const sorted = [...lessons].sort((a, b) => a.meta.order - b.meta.order);
  const at = sorted.findIndex((lesson) => lesson.meta.id === lessonId);
  if (at < 0) return {};
  return { prev: sorted[at - 1], next: sorted[at + 1] };
}

/**
 * What the webview shows for each step: the stored verdicts, with the step the service is running right now shown
 * as running (in-flight states are not persisted, so they come from `runningStep`).
 */
export function viewProgress(
  steps: readonly Pick<Step, 'id'>[], stored: Record<string, StepProgress>, running: string | undefined,
): Record<string, StepProgress> {
  const out: Record<string, StepProgress> = {};
  for (const step of steps) {
    const progress = stored[step.id];
    if (step.id === running && progress?.state !== 'running' && progress?.state !== 'checking') {
      out[step.id] = { state: 'running', checks: [] };
    } else if (progress) {
      out[step.id] = progress;
    }
  }
  return out;
}

/** "Lesson {0} · {1}" with the order and title; the panel title. */
export function panelTitle(lesson: Pick<Lesson, 'meta'>, translate: (message: string, ...args: string[]) => string): string {
  return translate('Lesson {0} · {1}', String(lesson.meta.order), lesson.meta.title);
}

/**
 * The English source of every string the webview shows, by key. The host translates each with vscode.l10n.t and
 * sends the result as `labels`: the webview has no l10n of its own. `{0}` placeholders are filled in the webview.
 */
export const WEBVIEW_LABELS = {
  lessonTitle: 'Lesson {0} · {1}',
  // The buttons draw a codicon before these (play, check, lightbulb, debug-stop): an emoji needs a colour-emoji font
  // many Linux desktops lack.
  run: 'Run',
  check: 'Check',
  hint: 'Hint',
  hideHint: 'Hide hint',
  cancel: 'Cancel',
  openFile: 'Open file',
  running: 'Running…',
  checking: 'Checking…',
  passed: 'Passed',
  failed: 'Not yet',
  cancelled: 'Cancelled',
  error: 'Error',
  skipped: 'Skipped',
  stale: 'Needs re-check',
  expected: 'Expected',
  found: 'Found',
  stepNumber: 'Step {0}',
  'kind.interactive': 'Interactive',
  'kind.destructive': 'Destructive',
  'kind.explain': 'Explanation',
  'kind.edit': 'Edit',
  'kind.challenge': 'Challenge',
  // A challenge: the learner does the task their own way (codicons: play, terminal, check, lightbulb, eye, copy).
  start: 'Start',
  restart: 'Start over',
  openTerminal: 'Open terminal',
  hintOf: 'Hint {0}/{1}',
  noMoreHints: 'No more hints',
  showSolution: 'Show reference solution',
  solutionLocked: 'Check your attempt first: the reference solution is shown after a failed check.',
  solutionTitle: 'Reference solution (one correct way; yours may differ)',
  copy: 'Copy',
  started: 'Your turn',
  startedNote: 'Do the task in the terminal, then press Check.',
  notRunHere: 'Not run here: {0}',
  progress: 'Steps passed: {0}/{1}',
  reset: 'Reset this lesson',
  prev: '← Previous: {0}',
  next: 'Next: {0} →',
  recap: 'Recap',
  quiz: 'Quiz',
  showAnswer: 'Show answer',
  hideAnswer: 'Hide answer',
  'invalid.port': 'Use a whole number from 1 to 65535',
  'invalid.number': 'Use a whole number',
  'invalid.name': 'Start with a letter or digit, then letters, digits, "_", "." or "-"',
  'invalid.subnetPrefix': 'Three numbers from 0 to 255 separated by dots, such as 172.31.250',
  'invalid.empty': 'Enter a value',
  'invalid.control': 'Use one line without tabs or control characters',
  'invalid.tooLong': 'Use at most 200 characters',
  varsUsed: 'Values used by this step',
  noChecks: 'This step has no checks: it passes when the command succeeds.',
  engineDisconnected: 'Docker engine not reachable: {0}',
  stepResults: 'Result of step {0}',
  // A failed step's way out (issue 10): run the step that makes what a check found missing; run again what it needs.
  runMaker: 'Run step {0}: {1}',
  redo: 'Run steps {0} again, then this one',
  redoOne: 'Run step {0} again, then this one',
  waiting: 'Waiting for: {0} — expected {1} ({2} s left)',
  // A verdict from the live re-check (an engine event, no button pressed).
  autoPassed: 'checked automatically',
  autoFailed: 'checked again automatically',
} as const satisfies Record<string, string>;

export type WebviewLabelKey = keyof typeof WEBVIEW_LABELS;

export function webviewLabels(translate: (message: string) => string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, message] of Object.entries(WEBVIEW_LABELS)) labels[key] = translate(message);
  return labels;
}
