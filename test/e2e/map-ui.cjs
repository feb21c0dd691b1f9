#!/usr/bin/env node
// Live re-check and the course map (issue 12), in a real VS Code (code-server) with the packaged extension:
//   zh-cn, dark  open chapter 19 from the lessons tree; its first step's container is made with the docker CLI, outside
//                the page → the step turns ✓ by itself ("自动检查通过"), no button pressed, and the tree agrees;
//                课程地图 from the lessons view's title bar → a stop per chapter, chapter 19 in progress (1/N, the current one,
//                its card), the others not started; a click on chapter 3 opens that lesson;
//   en, light    the same in English, the map from the command palette.
// Runs as the `map` scenario of ui.cjs (E2E_ONLY=map).
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const dockerLib = require('./lib/docker.cjs');
const { withWorkbench } = require('./lib/session.cjs');
const { ourContainerId, removeById, waitForFreeName } = require('./lessons-ui.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const CONTAINER_TITLE = 'Docker 实践课';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const STRINGS = {
  'zh-cn': {
    lessons: '课程', map: '课程地图', auto: '自动检查通过', chapter: (n) => `第 ${n} 章`, lessonTab: (n) => `第 ${n} 课 ·`,
    steps: (a, b) => `已通过 ${a}/${b} 步`, chapters: (a, b) => `已完成 ${a}/${b} 章`, here: '你在这里', active: '学习中',
  },
  en: {
    lessons: 'Lessons', map: 'Course Map', auto: 'checked automatically', chapter: (n) => `Chapter ${n}`, lessonTab: (n) => `Lesson ${n} ·`,
    steps: (a, b) => `Steps passed: ${a}/${b}`, chapters: (a, b) => `Chapters done: ${a}/${b}`, here: 'You are here', active: 'In progress',
  },
};

/** The lessons as a reader sees them: id, order, title, counted steps; and chapter 19's first step (its container). */
function readLessons() {
  const dir = path.join(ROOT, 'lessons');
  return fs.readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort().map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const steps = [...text.matchAll(/^```\w+ step (.*)$/gm)].map((m) => ({
      id: /id=(\S+)/.exec(m[1])[1], kind: /kind=(\w+)/.exec(m[1])?.[1] ?? 'run', line: m[1],
    }));
    return {
      file, id: /^id:\s*(\S+)/m.exec(text)[1], order: Number(/^order:\s*(\d+)/m.exec(text)[1]), title: /^title:\s*(.+)$/m.exec(text)[1].trim(),
      counted: steps.filter((s) => s.kind !== 'explain').length, steps, text,
    };
  });
}

/** The step the live check must pass: chapter 19's `probe` (docker run -d --name ch19-probe busybox …; checks: state only). */
function probeStep(lesson) {
  const fence = /^```bash step id=probe [^\n]*\n([\s\S]*?)^```\n```yaml check\n([\s\S]*?)^```/m.exec(lesson.text);
  assert.ok(fence, 'chapter 19 has the probe step');
  const command = fence[1].trim();
  assert.match(command, /^docker run -d --name ch19-probe busybox sh -c '[^']*'$/, 'the probe step is the one this test reproduces');
  assert.doesNotMatch(fence[2], /output|exitCode/, 'its checks look at the engine only (no output the page would have to see)');
  return { container: 'ch19-probe', script: /sh -c '([^']*)'/.exec(command)[1] };
}

function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

/** The frame of our webview whose page has `selector` (the lesson page and the map may both be open). */
async function frameWith(page, selector, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const count = await page.locator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).count();
    for (let i = 0; i < count; i++) {
      const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID, index: i });
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > end) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

async function openChapterFromTree(page, s, lesson) {
  await h.openViewContainer(page, CONTAINER_TITLE);
  const row = pane(page, s.lessons).locator('.monaco-list-row', { hasText: `${String(lesson.order).padStart(2, '0')} ${lesson.title}` }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  return frameWith(page, '.dl-step[data-step-id="probe"] .dl-step-header');
}

/** Make the step's container the way a learner would in their own terminal; the page is not touched. */
async function liveCheck(page, ctx, s, locale, lesson, probe) {
  const frame = await openChapterFromTree(page, s, lesson);
  const step = frame.locator('.dl-step[data-step-id="probe"]');
  assert.strictEqual(await step.getAttribute('data-state'), 'idle', 'the probe step starts idle');
  await page.waitForTimeout(1500); // the page settled; nothing re-checks it into ✓ without the container
  assert.strictEqual(await step.getAttribute('data-state'), 'idle', 'no ✓ before the container exists');
  await waitForFreeName(probe.container);
  const made = Date.now();
  dockerLib.docker(['run', '-d', '--name', probe.container, '--label', `docker-lessons.lesson=${lesson.id}`, 'busybox', 'sh', '-c', probe.script]);
  const id = ourContainerId(probe.container, lesson.id, made);
  assert.ok(id, 'the test made ch19-probe');
  try {
    await frame.locator('.dl-step[data-step-id="probe"][data-state="passed"]').waitFor({ timeout: 20000 });
    console.log(`  ${locale}: probe ✓ ${Date.now() - made} ms after docker run, no click`);
    await step.locator('.dl-verdict-auto', { hasText: s.auto }).waitFor({ timeout: 5000 });
    assert.ok(await step.locator('.dl-check-result--pass').count() > 0, 'its checks are listed as ✓');
    await step.scrollIntoViewIfNeeded();
    await ctx.shot(page, `map-${locale}-01-live-check-passed`);
  } finally {
    removeById(id);
  }
  // Gone again: the ✓ stays (a live re-check never takes it back; the next step is the one re-checked now).
  await page.waitForTimeout(2000);
  assert.strictEqual(await step.getAttribute('data-state'), 'passed', 'the ✓ stays after the container is removed');
}

async function assertMap(page, ctx, s, locale, lessons, current) {
  const map = await frameWith(page, '.dl-map-node', 30000);
  const nodes = map.locator('.dl-map-node');
  assert.strictEqual(await nodes.count(), lessons.length, 'one stop per chapter');
  const node = (id) => map.locator(`.dl-map-node[data-lesson-id="${id}"]`);
  assert.strictEqual(await node(current.id).getAttribute('data-state'), 'active', `chapter ${current.order} is in progress`);
  assert.match(await node(current.id).getAttribute('class'), /dl-map-node--current/, 'and marked as the current one');
  assert.strictEqual((await node(current.id).locator('.dl-map-number').innerText()).trim(), String(current.order));
  assert.strictEqual((await node(current.id).locator('.dl-map-caption').innerText()).trim(), current.title.split(/[：、]/)[0]);
  assert.match(await node(current.id).locator('.dl-map-meta').innerText(), new RegExp(`^1/${current.counted}`));
  assert.ok(await node(current.id).locator('.dl-map-ring-fill').count() === 1, 'its ring shows the fraction done');
  for (const other of lessons.filter((l) => l.id !== current.id)) {
    assert.strictEqual(await node(other.id).getAttribute('data-state'), 'todo', `chapter ${other.order} not started`);
  }
  // The card: the current chapter, its steps, time and challenges.
  const card = map.locator('.dl-map-card');
  assert.strictEqual(await card.getAttribute('data-lesson-id'), current.id);
  const text = await card.innerText();
  assert.match(text, new RegExp(s.chapter(current.order)));
  assert.match(text, new RegExp(s.steps(1, current.counted)));
  assert.match(text, new RegExp(s.here));
  assert.match(await map.locator('.dl-map-stats').innerText(), new RegExp(s.chapters(0, lessons.length)));
  console.log(`  ${locale}: card: ${text.replace(/\s+/g, ' ')}`);
  // Every stop inside the page, none on top of another.
  const boxes = [];
  for (let i = 0; i < lessons.length; i++) boxes.push(await nodes.nth(i).locator('.dl-map-disc').boundingBox());
  const frameBox = await page.locator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`).first().boundingBox();
  for (const [i, box] of boxes.entries()) {
    assert.ok(box && box.x >= frameBox.x && box.x + box.width <= frameBox.x + frameBox.width + 1, `stop ${i + 1} inside the page`);
    for (const other of boxes.slice(i + 1)) assert.ok(Math.hypot(box.x - other.x, box.y - other.y) > 60, `stop ${i + 1} clear of the others`);
  }
  await page.mouse.move(5, 5);
  await ctx.shot(page, `map-${locale}-02-map`);
  return map;
}

async function openFromMap(page, map, s, lesson) {
  const target = map.locator(`.dl-map-node[data-lesson-id="${lesson.id}"]`);
  await target.hover();
  assert.strictEqual(await map.locator('.dl-map-card').getAttribute('data-lesson-id'), lesson.id, 'pointing shows the chapter\'s card');
  await target.click();
  await page.locator('.tabs-container .tab', { hasText: s.lessonTab(lesson.order) }).first().waitFor({ timeout: 20000 });
  await frameWith(page, '.dl-title');
}

async function mapScenario(ctx) {
  const lessons = readLessons();
  const current = lessons.find((l) => l.order === 19);
  const third = lessons.find((l) => l.order === 3);
  assert.ok(current && third, 'chapters 3 and 19 exist');
  const probe = probeStep(current);
  for (const [locale, theme] of [['zh-cn', 'dark'], ['en', 'light']]) {
    const s = STRINGS[locale];
    await withWorkbench({
      vsix: ctx.vsix, locale, settings: { 'workbench.colorTheme': THEMES[theme] }, shot: ctx.shot, failShot: `map-${locale}-FAIL`,
      keepRunDirOnFailure: true, viewport: { width: 1400, height: 900 },
    }, async (page) => {
      await liveCheck(page, ctx, s, `${locale}-${theme}`, current, probe);
      if (locale === 'zh-cn') {
        // The lessons view's title bar (the view has the side bar to itself: its actions are in the side bar's title).
        await h.openViewContainer(page, CONTAINER_TITLE);
        await page.locator(`.part.sidebar .action-label[aria-label="${s.map}"]:visible`).first().click();
      } else {
        await h.runCommandWhenReady(page, `Docker Lessons: ${s.map}`);
      }
      await page.locator('.tabs-container .tab', { hasText: s.map }).first().waitFor({ timeout: 20000 });
      const map = await assertMap(page, ctx, s, `${locale}-${theme}`, lessons, current);
      await openFromMap(page, map, s, third);
      console.log(`  ${locale}: chapter 3 opened from the map`);
    });
  }
}

module.exports = { mapScenario };
