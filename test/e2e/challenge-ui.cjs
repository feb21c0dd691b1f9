#!/usr/bin/env node
// A challenge step on the lesson page (chapter 3's), in a real VS Code (code-server) with the packaged extension:
//   zh-cn, dark  the tree shows it with its own icon; the page shows the task and no command, 显示参考答案 disabled;
//                开始 runs the hidden setup (its container appears, labelled) → 轮到你了; 检查 → ✗ with 期望/实际;
//                提示 twice → 提示 1/2 and 2/2 shown, then no more; 显示参考答案 → the reference command; 打开终端 opens the
//                lesson's terminal; the learner's command run through the engine → 检查 → ✓ (page and tree);
//   en, light    the same page in English: Start, Check ✗, Hint 1/2, the reference solution, then solved ✓.
// The page must log no CSP violation or script error. Runs standalone or as the `challenge` scenario of ui.cjs.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const dockerLib = require('./lib/docker.cjs');
const { withWorkbench } = require('./lib/session.cjs');
const { pickLesson, openLessonFromTree, stepLocator, expandLesson } = require('./lessons-ui.cjs');

const LESSON_LABEL = 'docker-lessons.lesson';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const STRINGS = {
  'zh-cn': { lessons: '课程', expected: '期望', found: '实际', badge: '挑战', started: '轮到你了', hint: (i, n) => `提示 ${i}/${n}`,
    noMore: '没有更多提示了', terminal: /第 3 课 · 终端/, passed: '已通过' },
  en: { lessons: 'Lessons', expected: 'Expected', found: 'Found', badge: 'Challenge', started: 'Your turn', hint: (i, n) => `Hint ${i}/${n}`,
    noMore: 'No more hints', terminal: /Lesson 3 · terminal/, passed: 'Passed' },
};

/** Chapter 3's challenge as the lesson file writes it: id, title, the containers its setup and solution make. */
function pickChallenge() {
  const text = fs.readFileSync(path.join(ROOT, 'lessons', '03-first-container.md'), 'utf8');
  const m = /^```bash step (.*kind=challenge.*)\n([\s\S]*?)^```\n```markdown task\n[\s\S]*?^```\n```bash setup\n([\s\S]*?)^```\n```yaml check\n([\s\S]*?)^```/m.exec(text);
  if (!m) throw new Error('lessons/03-first-container.md has no challenge with a setup');
  const attr = (name) => { const a = new RegExp(`${name}=(?:"([^"]*)"|(\\S+))`).exec(m[1]); return a ? (a[1] ?? a[2]) : undefined; };
  const name = (body) => /--name\s+(\S+)/.exec(body)[1];
  return {
    id: attr('id'), title: attr('title'), solution: m[2].trim(), setupContainer: name(m[3]), container: name(m[2]),
    hints: [...m[4].matchAll(/^- hint: (.*)$/gm)].map((hm) => hm[1]),
  };
}

function removeContainers(names) {
  for (const name of names) {
    try { dockerLib.docker(['rm', '-f', name]); } catch { /* not there */ }
  }
}

function panelLogLines(server) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.includes('Docker')) found.push(...fs.readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(server.dirs.ud);
  return found;
}

function assertCleanLog(server) {
  const bad = panelLogLines(server).filter((line) => /\[lesson panel\].*(\[webview (error|warning)\]|dropped|not sent)/.test(line));
  assert.deepStrictEqual(bad, [], 'the lesson panel logged webview errors or dropped messages');
}

async function waitState(frame, id, state, timeout = 60000) {
  await stepLocator(frame, id, state).waitFor({ timeout }).catch(async (err) => {
    const text = await stepLocator(frame, id).locator('.dl-step-result').innerText().catch(() => '');
    throw new Error(`challenge ${id} is not "${state}": ${text || err.message}`);
  });
}

/** One language's walk through the challenge; `full`: also the tree, the second hint and the terminal. */
async function walkChallenge(ctx, page, s, locale, theme, challenge, full) {
  const lesson = pickLesson();
  const { frame } = await openLessonFromTree(page, s, lesson);
  const step = stepLocator(frame, challenge.id);
  await step.scrollIntoViewIfNeeded();

  // Its own look: the target codicon and the badge; the task, and no command (the fence is the reference solution).
  await step.locator('.dl-step-header .codicon-target').waitFor({ timeout: 10000 });
  assert.strictEqual((await step.locator('.dl-badge').innerText()).trim(), s.badge);
  assert.match(await step.locator('.dl-challenge-task').innerText(), /dl-mystery[\s\S]*dl-again/);
  assert.strictEqual(await step.locator('pre code').count(), 0, 'no command is shown before a failed check');
  assert.ok(!(await step.innerText()).includes(challenge.solution), 'the reference solution is not in the page');
  assert.strictEqual(await step.locator('vscode-button.dl-show-solution').getAttribute('disabled'), '', 'the reference is locked');
  if (full) {
    await expandLesson(page, s, lesson);
    const treeRow = page.locator('.pane .monaco-list-row', { hasText: challenge.title }).first();
    await treeRow.scrollIntoViewIfNeeded();
    await treeRow.locator('.codicon-target').waitFor({ timeout: 10000 });
  }
  await ctx.shot(page, `challenge-${locale}-${theme}-01-task`);

  // Start: the hidden setup makes the starting state.
  const started = Date.now();
  await step.locator('vscode-button.dl-start').click();
  await waitState(frame, challenge.id, 'started');
  assert.match(await step.locator('.dl-step-result').innerText(), new RegExp(s.started));
  const setup = JSON.parse(dockerLib.docker(['inspect', '--type', 'container', challenge.setupContainer]))[0];
  assert.strictEqual(setup.Config.Labels[LESSON_LABEL], 'first-container', 'the setup\'s container carries the lesson label');
  assert.ok(Date.parse(setup.Created) >= started - 2000, 'the setup ran now');

  // Check before doing anything: ✗ with expected and found.
  await step.locator('vscode-button.dl-check').click();
  await waitState(frame, challenge.id, 'failed');
  const detail = await step.locator('.dl-check-result--fail .dl-check-detail').first().innerText();
  assert.match(detail, new RegExp(`${s.expected}[\\s\\S]+${s.found}`), 'expected vs found shown');

  // Graded hints, one per press.
  const hint = step.locator('vscode-button.dl-hint');
  assert.strictEqual((await hint.innerText()).trim(), s.hint(1, challenge.hints.length));
  await hint.click();
  await step.locator('.dl-challenge-hint').first().waitFor();
  assert.strictEqual(await step.locator('.dl-challenge-hint').count(), 1);
  assert.match(await step.locator('.dl-challenge-hint').first().innerText(), new RegExp(s.hint(1, challenge.hints.length)));
  if (full) {
    await hint.click();
    await step.locator('.dl-challenge-hint').nth(1).waitFor();
    assert.strictEqual((await hint.innerText()).trim(), s.noMore);
    assert.strictEqual(await hint.getAttribute('disabled'), '');
  }

  // The reference solution, now that a check failed.
  const show = step.locator('vscode-button.dl-show-solution');
  assert.strictEqual(await show.getAttribute('disabled'), null, 'the reference is offered after a failed check');
  await show.click();
  await step.locator('.dl-solution pre code').waitFor({ timeout: 10000 });
  assert.strictEqual((await step.locator('.dl-solution pre code').innerText()).trim(), challenge.solution);
  await step.locator('vscode-button.dl-copy-solution').waitFor();
  await step.locator('.dl-solution').scrollIntoViewIfNeeded();
  await ctx.shot(page, `challenge-${locale}-${theme}-02-failed-hints-solution`);

  if (full) {
    await step.locator('vscode-button.dl-open-terminal').click();
    await page.locator('.part.panel .terminal-tabs-entry, .part.panel .single-terminal-tab', { hasText: s.terminal }).first()
      .waitFor({ timeout: 15000 });
  }

  // The learner does it (here through the engine, as they would in that terminal), then checks: ✓.
  dockerLib.docker(['run', '--name', challenge.container, 'hello-world']);
  await step.locator('vscode-button.dl-check').click();
  await waitState(frame, challenge.id, 'passed');
  assert.strictEqual(await step.locator('.dl-check-result--fail').count(), 0);
  // Solved after a failed check: the reference solution stays available (until the lesson is reset).
  assert.strictEqual(await step.locator('vscode-button.dl-show-solution').getAttribute('disabled'), null, 'the reference stays offered');
  if (full) {
    const treeRow = page.locator('.pane .monaco-list-row', { hasText: challenge.title }).first();
    await treeRow.locator('.codicon-testing-passed-icon').waitFor({ timeout: 10000 });
  }
  await step.scrollIntoViewIfNeeded();
  await ctx.shot(page, `challenge-${locale}-${theme}-03-solved`);
}

async function challengeScenario(ctx) {
  const challenge = pickChallenge();
  console.log(`  challenge ${challenge.id}: setup makes ${challenge.setupContainer}, the learner makes ${challenge.container}`);
  const names = [challenge.setupContainer, challenge.container];
  removeContainers(names);
  try {
    for (const [locale, theme, full] of [['zh-cn', 'dark', true], ['en', 'light', false]]) {
      await withWorkbench({ vsix: ctx.vsix, locale, settings: { 'workbench.colorTheme': THEMES[theme] }, shot: ctx.shot,
        failShot: `challenge-${locale}-FAIL`, check: assertCleanLog, keepRunDirOnFailure: true },
      (page) => walkChallenge(ctx, page, STRINGS[locale], locale, theme, challenge, full));
      removeContainers(names);
    }
  } finally {
    removeContainers(names);
  }
}

module.exports = { challengeScenario };

if (require.main === module) require('./lib/standalone.cjs').runScenarioAlone('challenge', challengeScenario);
