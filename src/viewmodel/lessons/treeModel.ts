// What the lessons tree shows, as plain data built from the parsed lessons and the stored verdicts. vscode-free so
// labels, icons and tooltips are unit-tested; lessonsTree.ts turns these nodes into TreeItems.
import { t } from '../../i18n';
import { stepNumbers } from '../../lessons/numbering';
import type { Lesson, Step } from '../../lessons/schema';
import type { StepProgress } from '../../lessons/progress';
import { lessonShare } from './progress';

export interface NodeIcon {
  /** Codicon id, e.g. "testing-passed-icon" or "loading~spin". */
  id: string;
  /** Theme colour id, when the icon is coloured. */
  color?: string;
}

interface NodeBase {
  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  id: string;
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  icon: NodeIcon;
  contextValue: string;
  lessonId: string;
}

export interface LessonNode extends NodeBase {
  kind: 'lesson';
  steps: StepNode[];
}

export interface StepNode extends NodeBase {
  kind: 'step';
  stepId: string;
}

export type LessonsTreeNode = LessonNode | StepNode;

export interface TreeInput {
  lessons: readonly Lesson[];
  progress(lessonId: string): Record<string, StepProgress>;
  runningStep(lessonId: string): string | undefined;
}

export const ICONS = {
  passed: { id: 'testing-passed-icon', color: 'testing.iconPassed' },
  failed: { id: 'testing-failed-icon', color: 'testing.iconFailed' },
  error: { id: 'testing-error-icon', color: 'testing.iconErrored' },
  notYet: { id: 'circle-large-outline' },
  stale: { id: 'history', color: 'editorWarning.foreground' },
  running: { id: 'loading~spin' },
  explain: { id: 'info' },
  /** A challenge not solved yet (nor failed): the learner's own task. */
  challenge: { id: 'target' },
  lesson: { id: 'book' },
  lessonDone: { id: 'pass-filled', color: 'testing.iconPassed' },
} as const satisfies Record<string, NodeIcon>;

/** "03 第一个容器": the order number, two digits, as in the file names. */
export function lessonLabel(lesson: Pick<Lesson, 'meta'>): string {
  return `${String(lesson.meta.order).padStart(2, '0')} ${lesson.meta.title}`;
}

/**
 * The row of a chapter whose title has a subtitle ("数据管理：数据卷、挂载主机目录与 tmpfs"): the label keeps the number
 * and the main title, the subtitle goes to the description after the progress, so a narrow side bar cuts the subtitle
 * rather than the title (the tooltip has it whole).
 */
export function lessonHeading(lesson: Pick<Lesson, 'meta'>): { label: string; subtitle?: string } {
  const match = /^(.+?)[：:]\s*(.+)$/.exec(lesson.meta.title);
  if (!match) return { label: lessonLabel(lesson) };
  return { label: `${String(lesson.meta.order).padStart(2, '0')} ${match[1]}`, subtitle: match[2] };
}

export function buildLessonNodes(input: TreeInput): LessonNode[] {
  return input.lessons.map((lesson) => buildLessonNode(lesson, input.progress(lesson.meta.id), input.runningStep(lesson.meta.id)));
}

export function buildLessonNode(lesson: Lesson, progress: Record<string, StepProgress>, running?: string): LessonNode {
  const share = lessonShare(lesson.steps, progress);
  const numbers = stepNumbers(lesson.steps);
  const lessonId = lesson.meta.id;
  const heading = lessonHeading(lesson);
  const description = [share.total === 0 ? t('reading only') : `${share.done}/${share.total} · ${share.percent}%`, heading.subtitle]
    .filter(Boolean).join(' · ');
  const tooltip = [
    `**${escapeMarkdown(lessonLabel(lesson))}**`,
    '',
    escapeMarkdown(lesson.meta.summary),
    '',
    share.total === 0 ? t('No steps to run in this lesson.')
      : share.total === 1 ? t('{0} of 1 step passed.', share.done) : t('{0} of {1} steps passed.', share.done, share.total),
  ].join('\n');
  return {
    kind: 'lesson',
    id: `lesson:${lessonId}`,
    lessonId,
    label: heading.label,
    description,
    tooltip,
    icon: share.complete ? ICONS.lessonDone : ICONS.lesson,
    contextValue: running ? 'lesson:running' : share.complete ? 'lesson:done' : 'lesson',
    steps: lesson.steps.map((step) => buildStepNode(lessonId, step, progress[step.id], running === step.id, numbers.get(step.id))),
  };
}

export function stepIcon(step: Pick<Step, 'kind'>, progress: StepProgress | undefined, running: boolean): NodeIcon {
  if (running) return ICONS.running;
  if (step.kind === 'explain') return ICONS.explain;
  switch (progress?.state) {
    case 'passed': return ICONS.passed;
    case 'failed': return ICONS.failed;
    case 'error': return ICONS.error;
    case 'stale': return ICONS.stale;
    case 'running':
    case 'checking': return ICONS.running;
    default: return step.kind === 'challenge' ? ICONS.challenge : ICONS.notYet;
  }
}

function kindLabel(kind: Step['kind']): string | undefined {
  switch (kind) {
    case 'interactive': return t('interactive');
    case 'destructive': return t('removes things');
    case 'edit': return t('edit a file');
    case 'explain': return t('read only');
    case 'challenge': return t('challenge');
    default: return undefined;
  }
}

function stateLabel(progress: StepProgress | undefined, running: boolean): string | undefined {
  if (running) return progress?.state === 'checking' ? t('checking…') : t('running…');
  switch (progress?.state) {
    case 'passed': return t('passed');
    case 'failed': return t('failed');
    case 'error': return t('error');
    case 'cancelled': return t('cancelled');
    case 'started': return t('your turn');
    case 'stale': return t('needs re-check');
    default: return undefined;
  }
}

/** `number`: the step's number in its lesson, as the page shows it (src/lessons/numbering.ts); none for explain steps. */
export function buildStepNode(lessonId: string, step: Step, progress: StepProgress | undefined, running: boolean, number?: number): StepNode {
  const description = [kindLabel(step.kind), stateLabel(progress, running)].filter(Boolean).join(' · ');
  // contextValue drives the inline actions: run/check only when it makes sense, cancel while running.
  const contextValue = running ? 'step:running'
    : step.kind === 'explain' ? 'step:explain'
      : step.kind === 'edit' ? 'step:edit' : 'step:runnable';
  return {
    kind: 'step',
    id: `step:${lessonId}/${step.id}`,
    lessonId,
    stepId: step.id,
    label: number === undefined ? step.title : `${number}. ${step.title}`,
    description,
    tooltip: stepTooltip(step, progress, running),
    icon: stepIcon(step, progress, running),
    contextValue,
  };
}

/** Title, the command, then the last verdict: each failed check with what was expected and what was found. */
export function stepTooltip(step: Step, progress: StepProgress | undefined, running: boolean): string {
  const lines = [`**${escapeMarkdown(step.title)}**`];
  if (step.kind === 'explain') {
    lines.push('', step.reason ? t('Not run here: {0}', escapeMarkdown(step.reason)) : t('Not run here: this step is explained only.'));
  }
  // A challenge's fence is its reference solution: the tooltip shows its task (lesson Markdown) instead.
  if (step.kind === 'challenge' && step.task) lines.push('', step.task.trim());
  const command = step.kind === 'edit' ? step.file : step.kind === 'challenge' ? undefined : step.body.trim();
  if (command) lines.push('', fenced(command));
  if (running) {
    lines.push('', t('Running…'));
    return lines.join('\n');
  }
  if (!progress) {
    if (step.kind !== 'explain') lines.push('', t('Not run yet.'));
    return lines.join('\n');
  }
  const when = progress.at ? new Date(progress.at).toLocaleString() : undefined;
  const verdict = stateLabel(progress, false) ?? progress.state;
  lines.push('', when ? t('Last result: {0} ({1})', verdict, when) : t('Last result: {0}', verdict));
  if (progress.message) lines.push('', escapeMarkdown(progress.message));
  const failed = progress.checks.filter((check) => !check.pass);
  for (const check of failed) {
    lines.push('', `$(error) ${escapeMarkdown(check.title)}`,
      `- ${t('expected: {0}', escapeMarkdown(check.expected))}`,
      `- ${t('found: {0}', escapeMarkdown(check.actual))}`);
    if (check.hint) lines.push(`- ${t('hint: {0}', escapeMarkdown(check.hint))}`);
  }
  return lines.join('\n');
}

function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/** Lesson text is trusted but may contain characters Markdown would interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');
}
