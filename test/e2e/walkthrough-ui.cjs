#!/usr/bin/env node
// The getting-started walkthrough ticks each step when it happens, in a real VS Code (code-server) with the packaged
// extension and a fresh profile (zh-CN):
//   nothing ticked at first → "检查 Docker 引擎" (palette) ticks "check the engine" → the status bar item opens lesson 1
//   (the extension runs openLesson itself, which VS Code's onCommand never sees) and "open a lesson" ticks → 运行 on
//   its first step → the step passes and "run your first step" ticks. Screenshots before and after.
// Runs as the `walkthrough` scenario of ui.cjs (npm run test:e2e, E2E_ONLY=walkthrough).
'use strict';
const assert = require('assert');
const h = require('./harness.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
// The palette's matcher does not find 'Docker 实践课入门' in 'Docker 实践课: Docker 实践课入门': type the part after the category.
const S = { gettingStarted: '实践课入门', checkEngine: '检查 Docker 引擎', run: '运行' };
const STEPS = ['checkEngine', 'openLesson', 'runStep'];

/** The walkthrough's checkbox of `step` (VS Code marks a done step aria-checked="true"). */
function tick(page, step) {
  return page.locator(`.getting-started-step [data-done-step-id$="#${step}"], [data-done-step-id$="#${step}"]`).first();
}

async function ticked(page, step) {
  return (await tick(page, step).getAttribute('aria-checked')) === 'true';
}

async function waitTicked(page, step, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  while (!(await ticked(page, step))) {
    if (Date.now() > end) throw new Error(`walkthrough step ${step} was not ticked within ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

const runCommand = (page, title) => h.runCommandWhenReady(page, title);

/** The walkthrough's editor tab, brought to the front. */
async function showWalkthrough(page) {
  await runCommand(page, S.gettingStarted);
  await tick(page, STEPS[0]).waitFor({ timeout: 20000 });
  await page.mouse.move(900, 700);
}

async function walkthroughScenario(ctx) {
  await withWorkbench({ vsix: ctx.vsix, locale: 'zh-cn', shot: ctx.shot, failShot: 'walkthrough-FAIL' }, async (page) => {
    await showWalkthrough(page);
    for (const step of STEPS) assert.strictEqual(await ticked(page, step), false, `${step} is not ticked in a fresh profile`);
    await ctx.shot(page, 'walkthrough-zh-cn-01-fresh');

    // (The palette's Escape takes the welcome page back to its overview: open the walkthrough again to look.)
    await runCommand(page, S.checkEngine);
    await showWalkthrough(page);
    await waitTicked(page, 'checkEngine');

    // The status bar item continues where the learner left off, or opens the first lesson: the extension executes
    // openLesson itself there, which `onCommand:` completion events never see.
    await page.locator('.statusbar-item').filter({ has: page.locator('.codicon-mortar-board') }).first().click();
    const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
    const first = frame.locator('.dl-step').filter({ has: frame.locator('vscode-button.dl-run') }).first();
    await first.waitFor({ timeout: 30000 });
    await showWalkthrough(page);
    await waitTicked(page, 'openLesson');
    assert.strictEqual(await ticked(page, 'runStep'), false, 'no step has passed yet');

    // Back to the lesson: run its first runnable step until it passes.
    await page.locator('.tabs-container .tab', { hasText: /第 1 课/ }).first().click();
    await first.locator('vscode-button.dl-run').click();
    await frame.locator('.dl-step[data-state="passed"]').first().waitFor({ timeout: 60000 });
    // The step's terminal would cover the walkthrough in the screenshot: hide the panel.
    if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Toggle Panel Visibility');
    await showWalkthrough(page);
    await waitTicked(page, 'runStep');
    for (const step of STEPS) assert.strictEqual(await ticked(page, step), true, `${step} is ticked`);
    await ctx.shot(page, 'walkthrough-zh-cn-02-all-ticked');
  });
}

module.exports = { walkthroughScenario };
