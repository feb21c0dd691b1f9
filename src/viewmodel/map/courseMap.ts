// The course map (issue 12): every chapter as a stop on a winding path, with the learner's progress, the time spent
// and the challenges solved. Pure and vscode-free: the host builds the view from the lessons and the progress store,
// the page (src/webview/map/) lays it out with `layoutPath` and formats times with `formatDuration` (./layout.ts);
// all unit-tested.
import { challengeCounts, type StepProgress } from '../../lessons/progress';
import { lessonShare } from '../lessons/progress';

export type ChapterState = 'todo' | 'active' | 'done';

export interface MapNodeView {
  id: string;
  order: number;
  title: string;
  /** The title up to its first "：" / "、" / ","; at most SHORT_TITLE_MAX characters. */
  shortTitle: string;
  state: ChapterState;
  /** Counted steps passed / in all (explain steps are not counted). */
  done: number;
  total: number;
  percent: number;
  /** The chapter the learner was last in. */
  current: boolean;
  timeMs: number;
  challengesSolved: number;
  challengesTotal: number;
}

export interface CourseMapView {
  nodes: MapNodeView[];
  totals: {
    chaptersDone: number;
    chapters: number;
    stepsDone: number;
    steps: number;
    timeMs: number;
    challengesSolved: number;
    challenges: number;
  };
}

/** What the map reads of a lesson. */
export interface MapLesson {
  meta: { id: string; order: number; title: string };
  steps: readonly { id: string; kind: string }[];
}

/** Two lines of a stop's caption. */
export const SHORT_TITLE_MAX = 26;

export function shortTitle(title: string): string {
  const head = title.split(/[：:、,，]/)[0].trim() || title.trim();
  const chars = [...head];
  return chars.length <= SHORT_TITLE_MAX ? head : `${chars.slice(0, SHORT_TITLE_MAX - 1).join('').trimEnd()}…`;
}

export function buildCourseMap(lessons: readonly MapLesson[], progressOf: (lessonId: string) => Record<string, StepProgress>,
  timeOf: (lessonId: string) => number, currentLessonId: string | undefined): CourseMapView {
  const nodes = [...lessons].sort((a, b) => a.meta.order - b.meta.order).map((lesson): MapNodeView => {
    const progress = progressOf(lesson.meta.id);
    const share = lessonShare(lesson.steps, progress);
    const challenges = challengeCounts(lesson.steps, progress);
    const timeMs = Math.max(0, timeOf(lesson.meta.id));
    // Started: a step passed or was tried (any verdict), or time was spent reading it.
    const started = share.done > 0 || Object.keys(progress).length > 0 || timeMs > 0;
    const state: ChapterState = share.complete || (share.total === 0 && started) ? 'done' : started ? 'active' : 'todo';
    return {
      id: lesson.meta.id,
      order: lesson.meta.order,
      title: lesson.meta.title,
      shortTitle: shortTitle(lesson.meta.title),
      state,
      done: share.done,
      total: share.total,
      percent: share.total === 0 ? (state === 'done' ? 100 : 0) : share.percent,
      current: lesson.meta.id === currentLessonId,
      timeMs,
      challengesSolved: challenges.solved,
      challengesTotal: challenges.total,
    };
  });
  const sum = (pick: (node: MapNodeView) => number) => nodes.reduce((total, node) => total + pick(node), 0);
  return {
    nodes,
    totals: {
      chaptersDone: nodes.filter((node) => node.state === 'done').length,
      chapters: nodes.length,
      stepsDone: sum((node) => node.done),
      steps: sum((node) => node.total),
      timeMs: sum((node) => node.timeMs),
      challengesSolved: sum((node) => node.challengesSolved),
      challenges: sum((node) => node.challengesTotal),
    },
  };
}
