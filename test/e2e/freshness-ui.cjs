#!/usr/bin/env node
// Nothing stale, in a real VS Code (code-server) with the packaged extension (zh-CN):
//   engine away  the extension's DOCKER_HOST is a socket nobody listens on → 运行 on a step of lesson 3 → the "无法连接
//                Docker 引擎" notification (with its 重新连接 / 打开设置 links); a relay to the real engine starts → the
//                notification closes by itself;
//   (then a session on the engine itself: the relay loses `docker run`'s attached output)
//   terminal     运行 that step (it creates a container) → 步骤通过。 in its terminal; the container is removed behind
//                the lesson's back → 检查 → the terminal says 再次检查： … 步骤尚未通过。 below, not only "passed";
//   status bar   第 3 课 · n/8 while lesson 3 is open; opening lesson 13 from the tree → 第 13 课 · 0/…;
//   ages         a container's "n 秒前" in the Containers view advances while the view is on screen.
// Runs as the `freshness` scenario of ui.cjs (npm run test:e2e, E2E_ONLY=freshness).
'use strict';
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./harness.cjs');
const dockerLib = require('./lib/docker.cjs');
const { startSocketRelay } = require('./lib/relay.cjs');
const { withWorkbench } = require('./lib/session.cjs');
const { pickLesson } = require('./lessons-ui.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const CONTAINER_TITLE = 'Docker 实践课';
const LESSON_LABEL = 'docker-lessons.lesson';

function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

async function setPaneExpanded(page, title, expanded) {
  const header = pane(page, title).locator('.pane-header');
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/** The text of the terminal on show in the panel (the DOM renderer: gpuAcceleration is off for this session). */
function terminalText(page) {
  return page.locator('.part.panel .terminal-wrapper.active .xterm-rows').first().innerText({ timeout: 2000 }).catch(() => '');
}

async function waitForTerminal(page, pattern, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const text = await terminalText(page);
    if (pattern.test(text)) return text;
    if (Date.now() > end) throw new Error(`the terminal did not show ${pattern} within ${timeoutMs} ms; it shows:\n${text}`);
    await page.waitForTimeout(250);
  }
}

function lessonStep(frame, stepId, state) {
  return frame.locator(`.dl-step[data-step-id="${stepId}"]${state ? `[data-state="${state}"]` : ''}`);
}

async function openLessonFromTree(page, label) {
  const row = pane(page, '课程').locator('.monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 20000 });
  await row.click();
}

function lessonStatusBarText(page) {
  return page.locator('.statusbar-item').filter({ has: page.locator('.codicon-mortar-board') }).first().innerText();
}

/** The id of the lesson's container if this run made it (the engine is shared: a same-named one may be someone else's). */
function ourContainerId(name, lessonId, since) {
  try {
    const info = JSON.parse(dockerLib.docker(['inspect', '--type', 'container', name]))[0];
    return info.Config.Labels?.[LESSON_LABEL] === lessonId && Date.parse(info.Created) >= since - 1000 ? info.Id : undefined;
  } catch { return undefined; }
}

async function freshnessScenario(ctx) {
  const lesson = pickLesson();
  const step = lesson.withContainer;
  try {
    dockerLib.docker(['inspect', '--type', 'container', '--format', '{{.Name}}', lesson.container]);
    throw new h.PrerequisiteError(`a container named ${lesson.container} exists already (another lesson run?); remove it or wait`);
  } catch (err) {
    if (err instanceof h.PrerequisiteError) throw err;
  }
  const { name: aging } = dockerLib.runTestContainer();
  ctx.created.push(aging);
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-fresh-'));
  ctx.cleanups.push(() => fs.rmSync(socketDir, { recursive: true, force: true }));
  const socket = path.join(socketDir, 'docker.sock');
  let relay;
  let owned;
  try {
    await withWorkbench({
      vsix: ctx.vsix, locale: 'zh-cn', env: { DOCKER_HOST: `unix://${socket}` }, shot: ctx.shot, failShot: 'freshness-engine-FAIL',
    }, async (page) => {
      // ------------------------------------------------------------ engine away, then back: the notice closes itself
      await h.openViewContainer(page, CONTAINER_TITLE);
      await openLessonFromTree(page, lesson.label);
      const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
      await lessonStep(frame, step.id).locator('vscode-button.dl-run').click();
      const notice = page.locator('.notifications-toasts .notification-toast', { hasText: '无法连接 Docker 引擎' }).first();
      await notice.waitFor({ timeout: 20000 });
      await notice.locator('a', { hasText: '重新连接' }).waitFor({ timeout: 5000 });
      await notice.locator('a', { hasText: '打开设置' }).waitFor({ timeout: 5000 });
      await ctx.shot(page, 'freshness-01-engine-away-notice');
      relay = await startSocketRelay({ listenPath: socket, targetPath: dockerLib.engineSocketPath() });
      const back = Date.now();
      await notice.waitFor({ state: 'detached', timeout: 30000 });
      console.log(`  the notice closed ${Date.now() - back} ms after the engine came back`);
      await ctx.shot(page, 'freshness-02-engine-back-no-notice');
    });
    await relay.close();
    relay = undefined;

    await withWorkbench({
      vsix: ctx.vsix, locale: 'zh-cn', shot: ctx.shot, failShot: 'freshness-FAIL', settings: { 'terminal.integrated.gpuAcceleration': 'off' },
    }, async (page) => {
      // ------------------------------------------------------------ a later check does not leave "passed" behind
      await h.openViewContainer(page, CONTAINER_TITLE);
      await openLessonFromTree(page, lesson.label);
      const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
      await lessonStep(frame, step.id).locator('vscode-button.dl-run').waitFor({ timeout: 30000 });
      const clicked = Date.now();
      await lessonStep(frame, step.id).locator('vscode-button.dl-run').click();
      await lessonStep(frame, step.id, 'passed').or(lessonStep(frame, step.id, 'failed')).waitFor({ timeout: 60000 });
      owned = ourContainerId(lesson.container, lesson.id, clicked);
      assert.ok(owned, `${lesson.container} was made by this run`);
      await lessonStep(frame, step.id, 'passed').waitFor({ timeout: 1000 });
      await waitForTerminal(page, /步骤通过。/);
      dockerLib.docker(['rm', '-f', owned]);
      owned = undefined;
      await lessonStep(frame, step.id).locator('vscode-button.dl-check').click();
      await lessonStep(frame, step.id, 'failed').waitFor({ timeout: 60000 });
      const text = await waitForTerminal(page, /再次检查：[\s\S]*步骤尚未通过。/);
      assert.ok(text.lastIndexOf('步骤尚未通过。') > text.lastIndexOf('步骤通过。'), 'the new verdict is the last word in the terminal');
      await ctx.shot(page, 'freshness-03-terminal-after-failed-check');

      // ------------------------------------------------------------ the status bar follows the lesson on screen
      assert.match(await lessonStatusBarText(page), new RegExp(`第 ${lesson.order} 课 · \\d+/\\d+`));
      await openLessonFromTree(page, /^13 /);
      await page.locator('.tabs-container .tab', { hasText: '第 13 课' }).first().waitFor({ timeout: 20000 });
      const end = Date.now() + 10000;
      while (!/第 13 课 · 0\/\d+/.test(await lessonStatusBarText(page)) && Date.now() < end) await page.waitForTimeout(200);
      assert.match(await lessonStatusBarText(page), /第 13 课 · 0\/\d+/, 'the status bar names the lesson just opened');
      await ctx.shot(page, 'freshness-04-status-bar-follows');

      // ------------------------------------------------------------ ages advance while the view is on screen
      await h.openViewContainer(page, 'Docker 对象');
      await setPaneExpanded(page, '容器', true);
      // The shared engine may list a thousand containers: filter the views down to ours (筛选 Docker 对象…).
      await h.answerCommandInput(page, '筛选 Docker 对象', aging);
      const row = pane(page, '容器').locator('.monaco-list-row', { hasText: aging }).first();
      await row.waitFor({ timeout: 20000 });
      const first = await row.locator('.label-description').innerText();
      const later = Date.now() + 15000;
      let now = first;
      while (now === first && Date.now() < later) {
        await page.waitForTimeout(500);
        now = await row.locator('.label-description').innerText();
      }
      assert.notStrictEqual(now, first, `the age stayed "${first}"`);
      console.log(`  age: "${first}" → "${now}"`);
      await ctx.shot(page, 'freshness-05-age-advanced');
    });
  } finally {
    if (owned) dockerLib.docker(['rm', '-f', owned]);
    if (relay) await relay.close();
  }
}

module.exports = { freshnessScenario };
