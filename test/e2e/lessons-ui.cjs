#!/usr/bin/env node
// The lesson webview end to end, in a real VS Code (code-server) with the packaged extension:
//   zh-cn, dark  open lesson 3 from the lessons tree → ▶ on its first runnable step → the task terminal shows, every
//                check is ✓ in the webview and the step is ✓ in the tree; ▶ on the step that names a container; reload
//                the window → the panel comes back (serializer) with the progress kept (webview and tree); remove that
//                container with the docker CLI → ✔ 检查 → ✗ with 期望/实际; ✔ on a later step that checks the same
//                container → its result names the step that makes it, and its button runs that step (✓ again), after
//                which the later step shows 需要重新检查 (needs re-check, screenshot 04c); then the same page in the light theme;
//   en, light    the lesson in English, then dark and high contrast.
// The page must log no CSP violation or script error (the panel writes them to the "Docker 实践课" output channel).
// Runs standalone (node test/e2e/lessons-ui.cjs) or as the `lessons` scenario of ui.cjs (npm run test:e2e).
'use strict';
const { execFileSync } = require('child_process');
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const dockerLib = require('./lib/docker.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const CONTAINER_TITLE = 'Docker 实践课';
const LESSON_LABEL = 'docker-lessons.lesson';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };
/** How the theme picker labels them (the settings value keeps the "Default" prefix). */
const THEME_LABELS = { light: 'Light Modern', dark: 'Dark Modern', hc: 'Dark High Contrast' };
const STRINGS = {
  'zh-cn': { lessons: '课程', expected: '期望', found: '实际', run: '运行', check: '检查' },
  en: { lessons: 'Lessons', expected: 'Expected', found: 'Found', run: 'Run', check: 'Check' },
};

/** Lesson 3 (or, while it is being written, the first lesson with a runnable step), read the way a reader would. */
function pickLesson() {
  const dir = path.join(ROOT, 'lessons');
  const files = fs.readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
  const preferred = files.includes('03-first-container.md') ? ['03-first-container.md', ...files] : files;
  for (const file of preferred) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const id = /^id:\s*(\S+)/m.exec(text)?.[1];
    const order = Number(/^order:\s*(\d+)/m.exec(text)?.[1]);
    const title = /^title:\s*(.+)$/m.exec(text)?.[1].trim();
    const steps = [];
    const fence = /^```(\w+) step (.*)\n([\s\S]*?)^```\n(?:```yaml check\n([\s\S]*?)^```)?/gm;
    for (const m of text.matchAll(fence)) {
      const attr = (name) => new RegExp(`${name}=(?:"([^"]*)"|(\\S+))`).exec(m[2]);
      const value = (name) => { const a = attr(name); return a ? (a[1] ?? a[2]) : undefined; };
      steps.push({ id: value('id'), title: value('title'), kind: value('kind') || 'run', body: m[3], checks: m[4] || '' });
    }
    const runnable = steps.filter((s) => s.kind === 'run' && s.checks && !/\{\{/.test(s.body));
    const first = runnable[0];
    // A step that creates a named container and checks it: removing that container by hand must fail its check.
    const withContainer = runnable.find((s) => /--name\s+\S+/.test(s.body) && /^- container:/m.test(s.checks));
    if (id && first && withContainer) {
      const container = /--name\s+(\S+)/.exec(withContainer.body)[1];
      // A later step that checks the same container: with it gone, its result offers to run the step that makes it.
      const dependent = runnable.slice(runnable.indexOf(withContainer) + 1)
        .find((s) => new RegExp(`^- container: ${container}\\s*$`, 'm').test(s.checks));
      return { file, id, order, title, label: `${String(order).padStart(2, '0')} ${title}`, first, withContainer, container, dependent };
    }
  }
  throw new Error('no lesson in lessons/ has a runnable step and a step that creates a named container');
}

/** A lesson whose step uses a port variable (for the variable field); undefined when none has one. */
function pickLessonWithPort() {
  const dir = path.join(ROOT, 'lessons');
  for (const file of fs.readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f)).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const port = /^ {2}(\w+):\s*\{[^}]*type:\s*port/m.exec(text)?.[1];
    if (!port) continue;
    const step = new RegExp(`^\`\`\`\\w+ step [^\\n]*?id=(\\S+)[^\\n]*\\n[^\`]*\\{\\{${port}\\}\\}`, 'm').exec(text);
    const kindless = step && !/kind=(explain|edit)/.test(text.slice(step.index, text.indexOf('\n', step.index)));
    if (!step || !kindless) continue;
    const order = Number(/^order:\s*(\d+)/m.exec(text)[1]);
    const title = /^title:\s*(.+)$/m.exec(text)[1].trim();
    return { file, order, title, label: `${String(order).padStart(2, '0')} ${title}`, step: step[1], port };
  }
  return undefined;
}


function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

function lessonFrame(page) {
  return h.webviewFrame(page, { extensionId: EXTENSION_ID });
}

function stepLocator(frame, stepId, state) {
  return frame.locator(`.dl-step[data-step-id="${stepId}"]${state ? `[data-state="${state}"]` : ''}`);
}

/** Switch the colour theme the way a user does (Preferences: Color Theme), and wait until the workbench shows it. */
async function setTheme(page, theme) {
  // Take the keyboard focus out of the webview's iframe first, or F1 goes to the page.
  await page.locator('.part.titlebar').click({ position: { x: 200, y: 10 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10000 });
  await input.fill('>Preferences: Color Theme');
  // Not the first row: that is "Preferences: Browse Color Themes in Marketplace".
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /^Preferences: Color Theme/ }).first().click();
  // The theme picker replaces the palette in place; its input has the focus.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: THEME_LABELS.dark }).first().waitFor({ timeout: 10000 });
  await page.keyboard.type(THEME_LABELS[theme]);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: THEME_LABELS[theme] }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
  const cls = { light: '.vs', dark: '.vs-dark', hc: '.hc-black' }[theme];
  await page.locator(`.monaco-workbench${cls}`).waitFor({ timeout: 15000 });
  await page.mouse.move(900, 500);
}

/** The tree row of a lesson, expanded so its steps show. */
async function expandLesson(page, s, lesson) {
  const row = pane(page, s.lessons).locator('.monaco-list-row', { hasText: lesson.label }).first();
  await row.waitFor({ timeout: 20000 });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
  return row;
}

function stepRow(page, s, step) {
  return pane(page, s.lessons).locator('.monaco-list-row', { hasText: step.title }).first();
}

/** The output channel's log files under the run dir: the panel logs dropped messages and webview errors there. */
function panelLog(server) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.includes('Docker 实践课') || entry.name.includes('Docker')) found.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(server.dirs.ud);
  return found.join('\n');
}

function assertCleanLog(server) {
  const log = panelLog(server);
  const bad = log.split('\n').filter((line) => /\[lesson panel\].*(\[webview (error|warning)\]|dropped|not sent)/.test(line));
  assert.deepStrictEqual(bad, [], 'the lesson panel logged webview errors or dropped messages');
}

/**
 * The id of the lesson's container if this run made it: it carries the lesson label and was created after `since`
 * (the click on ▶). The engine is shared, so anything else with that name belongs to someone else.
 */
function ourContainerId(name, lessonId, since) {
  let info;
  try {
    info = JSON.parse(dockerLib.docker(['inspect', '--type', 'container', name]))[0];
  } catch { return undefined; }
  const ours = info.Config.Labels?.[LESSON_LABEL] === lessonId && Date.parse(info.Created) >= since - 1000;
  return ours ? info.Id : undefined;
}

/** Remove exactly the container this run created (by id), never one that merely has the same name. */
function removeById(id) {
  if (!id) return false;
  try { dockerLib.docker(['rm', '-f', id]); return true; } catch (err) {
    if (!/No such container/i.test(String(err.stderr))) throw err;
    return false;
  }
}

async function waitForFreeName(name, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try { dockerLib.docker(['inspect', '--type', 'container', '--format', '{{.Name}}', name]); } catch { return; }
    if (Date.now() > end) {
      throw new h.PrerequisiteError(`a container named ${name} already exists (another run of the lesson?); remove it or wait, then rerun`);
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** One lesson session in `locale` and `theme`; the lesson panel must have logged no webview error or dropped message. */
function withSession(ctx, { locale, theme }, fn) {
  return withWorkbench({ vsix: ctx.vsix, locale, settings: { 'workbench.colorTheme': THEMES[theme] }, shot: ctx.shot,
    failShot: `lessons-${locale}-FAIL`, check: assertCleanLog, keepRunDirOnFailure: true }, fn);
}

async function openLessonFromTree(page, s, lesson) {
  await h.openViewContainer(page, CONTAINER_TITLE);
  const row = await expandLesson(page, s, lesson);
  await row.click();
  const frame = lessonFrame(page);
  await stepLocator(frame, lesson.first.id).locator('.dl-step-header').waitFor({ timeout: 30000 });
  const tab = page.locator('.tabs-container .tab', { hasText: lesson.title }).first();
  await tab.waitFor({ timeout: 10000 });
  return { frame, tabTitle: (await tab.innerText()).trim() };
}

/**
 * The step's buttons carry codicons (no emoji font on the machine): the ▶ button's label is the word alone and its
 * play icon is drawn with the codicon font the page loaded.
 */
async function assertRunButton(frame, step, word) {
  const run = stepLocator(frame, step.id).locator('vscode-button.dl-run');
  assert.strictEqual((await run.innerText()).trim(), word, 'the Run button says just the word');
  await run.locator('vscode-icon[name="play"]').waitFor({ timeout: 5000 });
  const fontLoaded = () => frame.locator('body').evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'codicon' && f.status === 'loaded'));
  const end = Date.now() + 5000;
  while (!(await fontLoaded())) {
    if (Date.now() > end) throw new Error('the codicon font was not loaded in the lesson page');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runAndPass(page, frame, step) {
  const run = stepLocator(frame, step.id).locator('vscode-button.dl-run');
  await run.scrollIntoViewIfNeeded();
  await run.click();
  await stepLocator(frame, step.id, 'passed').waitFor({ timeout: 90000 }).catch(async (err) => {
    const text = await stepLocator(frame, step.id).locator('.dl-step-result').innerText().catch(() => '');
    throw new Error(`step ${step.id} did not pass: ${text || err.message}`);
  });
  const results = stepLocator(frame, step.id).locator('.dl-check-result');
  const pass = await stepLocator(frame, step.id).locator('.dl-check-result--pass').count();
  assert.ok(pass > 0, `step ${step.id} shows its checks`);
  assert.strictEqual(await results.count(), pass, `every check of ${step.id} is ✓`);
  return pass;
}

async function lessonsScenario(ctx) {
  const lesson = pickLesson();
  let owned; // id of the container this run made, removed on every exit path
  console.log(`  lesson ${lesson.file}: run "${lesson.first.id}", then "${lesson.withContainer.id}" (container ${lesson.container})`);
  await waitForFreeName(lesson.container);
  try {
    // ---------------------------------------------------------------- zh-CN, dark: run, reload, fail
    const s = STRINGS['zh-cn'];
    await withSession(ctx, { locale: 'zh-cn', theme: 'dark' }, async (page) => {
      const { frame, tabTitle } = await openLessonFromTree(page, s, lesson);
      assert.strictEqual(tabTitle, `第 ${lesson.order} 课 · ${lesson.title}`, 'panel title');
      assert.match(await frame.locator('.dl-title').innerText(), new RegExp(`第 ${lesson.order} 课`));
      await assertRunButton(frame, lesson.first, s.run);
      await ctx.shot(page, 'lessons-zh-cn-dark-01-opened');

      const checks = await runAndPass(page, frame, lesson.first);
      // The step ran as a task: its terminal is in the panel.
      await page.locator('.part.panel .terminal-wrapper, .part.panel .xterm').first().waitFor({ timeout: 10000 });
      const terminalTabs = await page.locator('.part.panel .terminal-tabs-entry, .part.panel .single-terminal-tab').allInnerTexts().catch(() => []);
      console.log(`  ${lesson.first.id}: ${checks} check(s) ✓; terminal: ${terminalTabs.join(' | ').replace(/\s+/g, ' ') || '(shown)'}`);
      await stepRow(page, s, lesson.first).locator('.codicon-testing-passed-icon').waitFor({ timeout: 10000 });
      assert.match(await frame.locator('.dl-progress-text').innerText(), /已通过 1\/\d+ 步/);
      await stepLocator(frame, lesson.first.id).scrollIntoViewIfNeeded();
      await ctx.shot(page, 'lessons-zh-cn-dark-02-first-step-passed');

      const clicked = Date.now();
      await runAndPass(page, frame, lesson.withContainer);
      owned = ourContainerId(lesson.container, lesson.id, clicked);
      assert.ok(owned, `${lesson.container} was created by this run`);
      await stepRow(page, s, lesson.withContainer).locator('.codicon-testing-passed-icon').waitFor({ timeout: 10000 });
      assert.strictEqual(dockerLib.containerState(lesson.container), 'exited', `${lesson.container} ran`);

      // Reload the window: the serializer brings the panel back on the same lesson, progress kept.
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
      const revived = lessonFrame(page);
      await stepLocator(revived, lesson.first.id, 'passed').waitFor({ timeout: 30000 });
      await stepLocator(revived, lesson.withContainer.id, 'passed').waitFor({ timeout: 10000 });
      await h.openViewContainer(page, CONTAINER_TITLE);
      await expandLesson(page, s, lesson);
      await stepRow(page, s, lesson.first).locator('.codicon-testing-passed-icon').waitFor({ timeout: 20000 });
      await ctx.shot(page, 'lessons-zh-cn-dark-03-after-reload');

      // Failing case: the container goes away behind the lesson's back → 检查 says what was expected and found.
      assert.ok(removeById(owned), `${lesson.container} removed`);
      owned = undefined;
      const step = stepLocator(revived, lesson.withContainer.id);
      await step.locator('vscode-button.dl-check').scrollIntoViewIfNeeded();
      await step.locator('vscode-button.dl-check').click();
      await stepLocator(revived, lesson.withContainer.id, 'failed').waitFor({ timeout: 60000 });
      const failed = step.locator('.dl-check-result--fail').first();
      await failed.waitFor();
      const detail = await failed.locator('.dl-check-detail').innerText();
      assert.match(detail, new RegExp(`${s.expected}[\\s\\S]+${s.found}`), 'expected vs found shown');
      console.log(`  after docker rm: ${(await failed.innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
      await stepRow(page, s, lesson.withContainer).locator('.codicon-testing-failed-icon').waitFor({ timeout: 10000 });
      await step.locator('.dl-step-result').scrollIntoViewIfNeeded();
      await ctx.shot(page, 'lessons-zh-cn-dark-04-check-failed');

      // A later step's check on that container: it names the step that makes it, and a button runs that step.
      if (lesson.dependent) {
        const dependent = stepLocator(revived, lesson.dependent.id);
        await dependent.locator('vscode-button.dl-check').scrollIntoViewIfNeeded();
        await dependent.locator('vscode-button.dl-check').click();
        await stepLocator(revived, lesson.dependent.id, 'failed').waitFor({ timeout: 60000 });
        const maker = dependent.locator('vscode-button.dl-run-maker').first();
        await maker.waitFor({ timeout: 10000 });
        const makerText = (await maker.innerText()).trim();
        assert.match(makerText, new RegExp(`运行第 \\d+ 步：${lesson.withContainer.title}`), 'the button names the step');
        // The hint says what is missing and which step makes it.
        await dependent.locator('.dl-check-hint', { hasText: `${lesson.container} 不存在` }).first().waitFor({ timeout: 5000 });
        await maker.scrollIntoViewIfNeeded();
        await ctx.shot(page, 'lessons-zh-cn-dark-04b-run-the-step-that-makes-it');
        const clicked = Date.now();
        await maker.click();
        await stepLocator(revived, lesson.withContainer.id, 'passed').waitFor({ timeout: 90000 });
        owned = ourContainerId(lesson.container, lesson.id, clicked);
        assert.ok(owned, `the button ran "${lesson.withContainer.id}" again: ${lesson.container} is back`);
        // (The button is gone now: the step's old verdict no longer stands.)
        console.log(`  ${lesson.dependent.id}: "${makerText}" ran ${lesson.withContainer.id} again`);
        // Its old verdict is about the container that was removed: it now needs a re-check (not ✗, not ✓).
        await stepLocator(revived, lesson.dependent.id, 'stale').waitFor({ timeout: 10000 });
        await dependent.locator('.dl-verdict--stale', { hasText: '需要重新检查' }).waitFor({ timeout: 5000 });
        await dependent.scrollIntoViewIfNeeded();
        await ctx.shot(page, 'lessons-zh-cn-dark-04c-needs-recheck');
      }

      await setTheme(page, 'light');
      await ctx.shot(page, 'lessons-zh-cn-light-05-check-failed');
    });

    // ---------------------------------------------------------------- English, light / dark / high contrast
    const en = STRINGS.en;
    await withSession(ctx, { locale: 'en', theme: 'light' }, async (page) => {
      const { frame, tabTitle } = await openLessonFromTree(page, en, lesson);
      assert.strictEqual(tabTitle, `Lesson ${lesson.order} · ${lesson.title}`, 'panel title in English');
      await assertRunButton(frame, lesson.first, en.run);
      await runAndPass(page, frame, lesson.first);
      await stepLocator(frame, lesson.first.id).scrollIntoViewIfNeeded();
      await ctx.shot(page, 'lessons-en-light-01-step-passed');
      // The chapter's end: recap and quiz, one answer revealed.
      const quiz = frame.locator('.dl-quiz-item').first();
      if (await quiz.count()) {
        await quiz.locator('vscode-button.dl-quiz-toggle').click();
        await quiz.locator('.dl-quiz-answer:not([hidden])').waitFor();
        await frame.locator('.dl-recap').scrollIntoViewIfNeeded();
        await ctx.shot(page, 'lessons-en-light-02-recap-quiz');
      }
      await setTheme(page, 'dark');
      await stepLocator(frame, lesson.first.id).scrollIntoViewIfNeeded();
      await ctx.shot(page, 'lessons-en-dark-03-step-passed');
      await setTheme(page, 'hc');
      await ctx.shot(page, 'lessons-en-hc-04-step-passed');
      await setTheme(page, 'dark');

      // Next chapter: the same panel shows it (one lesson tab), and a port variable is validated in the page.
      await frame.locator('.dl-toolbar vscode-button.dl-nav-next').click();
      await page.locator('.tabs-container .tab', { hasText: `Lesson ${lesson.order + 1} ·` }).first().waitFor({ timeout: 15000 });
      assert.strictEqual(await page.locator('.tabs-container .tab', { hasText: /Lesson \d+ ·/ }).count(), 1, 'one lesson panel, reused');
      const withPort = pickLessonWithPort();
      if (withPort) {
        // On with "Next" to that lesson (the tree may have it out of view).
        const lessonTab = page.locator('.tabs-container .tab', { hasText: /Lesson \d+ ·/ }).first();
        for (let i = 0; i < 30 && !(await lessonTab.innerText()).includes(`Lesson ${withPort.order} ·`); i++) {
          const before = (await lessonTab.innerText()).trim();
          await frame.locator('.dl-toolbar vscode-button.dl-nav-next').click();
          await page.locator('.tabs-container .tab', { hasText: /Lesson \d+ ·/ }).filter({ hasNotText: before }).first().waitFor({ timeout: 15000 });
        }
        await page.locator('.tabs-container .tab', { hasText: `Lesson ${withPort.order} ·` }).first().waitFor({ timeout: 15000 });
        const field = frame.locator(`.dl-step[data-step-id="${withPort.step}"] vscode-textfield.dl-var-field`).first();
        await field.scrollIntoViewIfNeeded();
        await field.locator('input').fill('99999');
        const error = frame.locator(`.dl-step[data-step-id="${withPort.step}"] .dl-var-error`).first();
        assert.match(await error.innerText(), /1 to 65535/);
        assert.strictEqual(await frame.locator(`.dl-step[data-step-id="${withPort.step}"] vscode-button.dl-run`).getAttribute('disabled'), '');
        await ctx.shot(page, 'lessons-en-dark-05-invalid-port');
        await field.locator('input').fill('18080');
        await frame.locator(`.dl-step[data-step-id="${withPort.step}"] .dl-var-ref`, { hasText: '18080' }).first().waitFor();
        assert.strictEqual(await frame.locator(`.dl-step[data-step-id="${withPort.step}"] vscode-button.dl-run`).getAttribute('disabled'), null);
        await ctx.shot(page, 'lessons-en-dark-06-port-set');
      }
    });
  } finally {
    removeById(owned);
  }
}

module.exports = {
  lessonsScenario, pickLesson,
  // for publish-ui.cjs, which walks the same lesson for the README's screenshots
  STRINGS, openLessonFromTree, runAndPass, stepLocator, stepRow, expandLesson, ourContainerId, removeById, waitForFreeName,
};

if (require.main === module) require('./lib/standalone.cjs').runScenarioAlone('lessons', lessonsScenario);
