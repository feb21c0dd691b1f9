// The course map's view (src/viewmodel/map/courseMap.ts), its layout and durations (layout.ts), and the study clock
// that counts the time spent per chapter (src/viewmodel/lessons/studyClock.ts) with its store (progress.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepProgress } from '../../../../src/lessons/progress';
import { buildCourseMap, shortTitle, type MapLesson } from '../../../../src/viewmodel/map/courseMap';
import { formatDuration, layoutPath } from '../../../../src/viewmodel/map/layout';
import { StudyClock, IDLE_MS } from '../../../../src/viewmodel/lessons/studyClock';
import { ProgressModel, type MementoLike } from '../../../../src/viewmodel/lessons/progress';

const passed: StepProgress = { state: 'passed', checks: [] };
const failed: StepProgress = { state: 'failed', checks: [] };
const MIN = 60_000;

function lesson(order: number, id: string, title: string, kinds: string[]): MapLesson {
  return { meta: { id, order, title }, steps: kinds.map((kind, i) => ({ id: `s${i}`, kind })) };
}

const lessons = [
  lesson(3, 'first-container', '第一个容器', ['explain', 'run', 'run', 'destructive']),
  lesson(1, 'intro', 'Docker 简介与架构', ['explain', 'explain']),
  lesson(13, 'volumes', '数据管理：数据卷、挂载主机目录与 tmpfs', ['run', 'challenge', 'challenge']),
  lesson(2, 'install', '安装与环境配置', ['run']),
];

describe('course map view', () => {
  test('chapters in order, each with its state, steps, time, challenges and the current one marked', () => {
    const progress: Record<string, Record<string, StepProgress>> = {
      'first-container': { s1: passed, s2: failed },
      install: { s0: passed },
      volumes: { s0: passed, s1: passed, s2: failed },
    };
    const time: Record<string, number> = { intro: 3 * MIN, volumes: 95 * MIN };
    const view = buildCourseMap(lessons, (id) => progress[id] ?? {}, (id) => time[id] ?? 0, 'volumes');
    assert.deepEqual(view.nodes.map((n) => [n.order, n.id, n.state, n.done, n.total, n.percent, n.current]), [
      [1, 'intro', 'done', 0, 0, 100, false],          // reading only: done once read
      [2, 'install', 'done', 1, 1, 100, false],
      [3, 'first-container', 'active', 1, 3, 33, false], // explain steps do not count
      [13, 'volumes', 'active', 2, 3, 66, true],
    ]);
    const volumes = view.nodes[3];
    assert.equal(volumes.shortTitle, '数据管理');
    assert.equal(volumes.timeMs, 95 * MIN);
    assert.deepEqual([volumes.challengesSolved, volumes.challengesTotal], [1, 2], 'a challenge counts once it passed');
    assert.deepEqual(view.totals, { chaptersDone: 2, chapters: 4, stepsDone: 4, steps: 7, timeMs: 98 * MIN, challengesSolved: 1, challenges: 2 });
  });

  test('nothing done: every chapter not started, no challenges anywhere is 0/0', () => {
    const view = buildCourseMap(lessons.filter((l) => l.meta.id !== 'volumes'), () => ({}), () => 0, undefined);
    assert.ok(view.nodes.every((n) => n.state === 'todo' && !n.current && n.percent === 0));
    assert.deepEqual([view.totals.challengesSolved, view.totals.challenges], [0, 0]);
  });

  test('a chapter only tried (a failed step) or only read is in progress', () => {
    const view = buildCourseMap([lessons[0]], () => ({ s1: failed }), () => 0, undefined);
    assert.equal(view.nodes[0].state, 'active');
    assert.equal(buildCourseMap([lessons[3]], () => ({}), () => MIN, undefined).nodes[0].state, 'active');
  });

  test('short titles: up to the first "：" or "、", at most 26 characters', () => {
    assert.equal(shortTitle('多阶段构建、BuildKit、Buildx 与多架构'), '多阶段构建');
    assert.equal(shortTitle('国内网络环境：加速器、代理、限流与离线传输'), '国内网络环境');
    assert.equal(shortTitle('Dockerfile 与 docker build'), 'Dockerfile 与 docker build');
    assert.equal(shortTitle('A very long English chapter title without any separators'), 'A very long English chapt…');
    assert.equal(shortTitle('第一个容器'), '第一个容器');
  });
});

describe('course map layout', () => {
  test('a serpentine: rows alternate direction, every stop inside the width, one segment between neighbours', () => {
    const layout = layoutPath(20, 900);
    assert.equal(layout.columns, 5);
    assert.equal(layout.points.length, 20);
    assert.equal(layout.segments.length, 19);
    const rows = [0, 1, 2, 3].map((r) => layout.points.filter((p) => p.row === r));
    assert.deepEqual(rows.map((r) => r.length), [5, 5, 5, 5]);
    assert.ok(rows[0][0].x < rows[0][4].x, 'row 1 runs left to right');
    assert.ok(rows[1][0].x > rows[1][4].x, 'row 2 runs right to left');
    assert.equal(rows[0][4].x, rows[1][0].x, 'the next row starts below where the last ended');
    for (const p of layout.points) assert.ok(p.x > 0 && p.x < 900 && p.y > 0 && p.y < layout.height, JSON.stringify(p));
    // The turn between rows loops out of the side (beyond the last stop), not across the row.
    const turn = layout.segments[4].split(/\s+/).map(Number).filter((n) => !Number.isNaN(n));
    assert.ok(turn[2] > rows[0][4].x, `loops out to the right: ${layout.segments[4]}`);
  });

  test('narrow or few: at least 2 columns, never more than the stops', () => {
    assert.equal(layoutPath(20, 320).columns, 2);
    assert.equal(layoutPath(3, 2000).columns, 3);
    assert.equal(layoutPath(20, 5000).columns, 6);
    assert.deepEqual(layoutPath(0, 800).segments, []);
  });

  test('durations read in minutes and hours', () => {
    const labels = { none: 'none yet', underMinute: 'under a minute', minutes: '{0} min', hours: '{0} h {1} min' };
    assert.equal(formatDuration(0, labels), 'none yet');
    assert.equal(formatDuration(20_000, labels), 'under a minute');
    assert.equal(formatDuration(12 * MIN + 59_000, labels), '12 min');
    assert.equal(formatDuration(125 * MIN, labels), '2 h 5 min');
  });
});

describe('study clock', () => {
  function clock() {
    let now = 1_000_000;
    const credits: [string, number][] = [];
    const c = new StudyClock({ now: () => now, credit: (id, ms) => credits.push([id, ms]) });
    const total = (id: string) => credits.filter(([l]) => l === id).reduce((s, [, ms]) => s + ms, 0);
    return { c, credits, total, advance: (ms: number) => { now += ms; } };
  }

  test('counts while a lesson is active, stops when it is not', () => {
    const { c, total, advance } = clock();
    c.setActive('a');
    advance(2 * MIN);
    c.setActive(undefined);
    advance(30 * MIN);
    c.flush();
    assert.equal(total('a'), 2 * MIN);
  });

  test('5 minutes without interaction stop the clock; the next interaction starts it again', () => {
    const { c, total, advance } = clock();
    c.setActive('a');
    advance(3 * MIN);
    c.interaction();
    advance(60 * MIN); // left open over lunch
    c.flush();
    assert.equal(total('a'), 3 * MIN + IDLE_MS, 'capped at the idle period after the last interaction');
    c.interaction();
    advance(MIN);
    c.flush();
    assert.equal(total('a'), 4 * MIN + IDLE_MS, 'the clock runs again from the interaction, not from the last flush');
  });

  test('switching lessons credits each its own time; flushing twice never counts twice', () => {
    const { c, total, advance } = clock();
    c.setActive('a');
    advance(MIN);
    c.flush();
    c.flush();
    advance(MIN);
    c.setActive('b');
    advance(4 * MIN);
    c.flush();
    assert.equal(total('a'), 2 * MIN);
    assert.equal(total('b'), 4 * MIN);
  });

  test('interactions while nothing is active count nothing', () => {
    const { c, credits, advance } = clock();
    c.interaction();
    advance(MIN);
    c.flush();
    assert.deepEqual(credits, []);
  });
});

describe('time spent in the progress store', () => {
  function memento(initial?: unknown): MementoLike & { value: unknown } {
    return { value: initial, get<T>() { return this.value as T; }, update(_key, value) { this.value = value; return Promise.resolve(); } };
  }

  test('added up per lesson, persisted, kept by a lesson reset, cleared with all progress', async () => {
    const store = memento();
    const model = new ProgressModel(store);
    model.addTime('a', 1500);
    model.addTime('a', 2500);
    model.addTime('a', -5);
    model.addTime('a', Number.NaN);
    model.record('a', 's1', passed);
    await model.flush();
    const again = new ProgressModel(store);
    assert.equal(again.timeSpent('a'), 4000);
    assert.equal(again.timeSpent('b'), 0);
    again.resetLesson('a');
    assert.equal(again.timeSpent('a'), 4000, 'a lesson reset forgets verdicts, not the time spent');
    await again.clearAll();
    assert.equal(again.timeSpent('a'), 0);
  });

  test('a corrupt time is dropped, the rest of the lesson kept', () => {
    const model = new ProgressModel(memento({ version: 1, lessons: { a: { steps: { s1: passed }, vars: {}, timeMs: 'lots' } } }));
    assert.equal(model.timeSpent('a'), 0);
    assert.equal(model.stepProgress('a', 's1')?.state, 'passed');
  });
});
