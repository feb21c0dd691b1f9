#!/usr/bin/env node
// A learner goes through whole chapters from the lesson webview, in a real VS Code (code-server) with the packaged
// extension, zh-CN: lesson 3 (first-container) and lesson 6 (lifecycle). For every step, in order: explain steps show
// their reason and no ▶; edit steps open their file and are checked; run steps: ▶ 运行; destructive steps: ▶ 运行 and
// the modal's 运行; interactive steps: ▶ 运行, then the lesson's `text input` lines typed into the task's real
// terminal; challenges: 开始 (when it has a setup), 打开终端, the reference solution typed there like the learner would, then
// ✔ 检查. Each step must end ✓ with every check ✓ (the engine's verdict), then the header reads "已通过 N/N 步" and
// the lessons tree marks the chapter done. Both lessons are reset with the CLI before and after.
// Runs as the `lessons-full` scenario of ui.cjs (E2E_ONLY=lessons-full node test/e2e/ui.cjs).
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const assert = require('assert');
const net = require('net');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const dockerLib = require('./lib/docker.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const CONTAINER_TITLE = 'Docker 实践课';
const LESSONS_VIEW = '课程';
const LESSON_IDS = ['first-container', 'lifecycle'];
const FINAL_STATES = ['passed', 'failed', 'error', 'cancelled', 'skipped'];

// ------------------------------------------------------------------------------------------------ lesson data

/** The lessons as the project's parser reads them (the CLI's JSON has no `input` lines), through tsx. */
function readLessons(ids) {
  const script = `
    const m = await import(${JSON.stringify(path.join(ROOT, 'src', 'lessons', 'index.ts'))});
    const { loadLessons } = m.loadLessons ? m : m.default;
    const { lessons } = await loadLessons(${JSON.stringify(path.join(ROOT, 'lessons'))});
    const ids = ${JSON.stringify(ids)};
    const out = ids.map((id) => lessons.find((l) => l.meta.id === id)).map((l) => l && {
      id: l.meta.id, order: l.meta.order, title: l.meta.title, vars: l.meta.vars, containers: l.meta.creates.containers,
      steps: l.steps.map((s) => ({ id: s.id, title: s.title, kind: s.kind, reason: s.reason, timeout: s.timeout, input: s.input ?? [], vars: s.vars, file: s.file,
        ...(s.kind === 'challenge' ? { solution: s.body, hasSetup: s.setup !== undefined } : {}) })),
    });
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reading the lessons with the project's parser failed: ${r.stderr}`);
  const lessons = JSON.parse(r.stdout);
  lessons.forEach((lesson, i) => assert.ok(lesson, `lesson ${ids[i]} exists`));
  return lessons;
}

function cliReset(id, workDir) {
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'docker-lessons.cjs'), 'reset', id, '--yes', '--work-dir', workDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
}

/** The lesson's fixed-name containers on the (shared) engine, with their age: another run of the lesson shows here. */
function lessonContainers(lesson) {
  const found = [];
  for (const name of lesson.containers) {
    try {
      const [info] = JSON.parse(dockerLib.docker(['inspect', '--type', 'container', name]));
      found.push({ name, created: Date.parse(info.Created), status: info.State.Status, lesson: info.Config.Labels?.['docker-lessons.lesson'] });
    } catch { /* absent */ }
  }
  return found;
}

function describeContainers(lesson) {
  const now = Date.now();
  const rows = lessonContainers(lesson).map((c) => `${c.name} (${c.status}, created ${Math.round((now - c.created) / 1000)} s ago, lesson label ${c.lesson ?? '-'})`);
  return rows.length ? rows.join('; ') : 'none';
}

/**
 * The lesson's container names are fixed, so two runs of it on one engine (the headless lessons suite, another e2e)
 * break each other. Wait (bounded) while one of them was created in the last minutes, before resetting.
 */
async function waitForOtherRuns(lesson, timeoutMs = 300000) {
  const end = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    const recent = lessonContainers(lesson).filter((c) => Date.now() - c.created < 180000);
    if (recent.length === 0) return;
    if (Date.now() > end) {
      console.log(`  note: ${lesson.id}'s containers keep being created elsewhere (${recent.map((c) => c.name).join(', ')}); going on`);
      return;
    }
    if (!said) console.log(`  ${lesson.id}: another run of the lesson seems active (${recent.map((c) => c.name).join(', ')}); waiting`);
    said = true;
    await new Promise((r) => setTimeout(r, 5000));
  }
}

/** Nothing listens on it and no container publishes it. */
async function portIsFree(port) {
  const published = dockerLib.docker(['ps', '--format', '{{.Ports}}']);
  if (new RegExp(`:${port}->`).test(published)) return false;
  for (const host of ['0.0.0.0', '127.0.0.1']) {
    const ok = await new Promise((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    });
    if (!ok) return false;
  }
  return true;
}

async function pickPort(preferred) {
  if (await portIsFree(preferred)) return preferred;
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free host port found');
}

// ------------------------------------------------------------------------------------------------ UI helpers

function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

function lessonLabel(lesson) {
  return `${String(lesson.order).padStart(2, '0')} ${lesson.title}`;
}

function lessonRow(page, lesson) {
  return pane(page, LESSONS_VIEW).locator('.monaco-list-row', { hasText: lessonLabel(lesson) }).first();
}

function stepLocator(frame, stepId) {
  return frame.locator(`.dl-step[data-step-id="${stepId}"]`);
}

/** The text of the terminal on show in the panel (the DOM renderer: gpuAcceleration is off for this session). */
async function terminalText(page) {
  return page.locator('.part.panel .terminal-wrapper.active .xterm-rows').first().innerText({ timeout: 2000 }).catch(() => '');
}

async function openLesson(page, lesson) {
  await h.openViewContainer(page, CONTAINER_TITLE);
  const row = lessonRow(page, lesson);
  await row.waitFor({ timeout: 30000 });
  await row.click();
  const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
  await frame.locator('.dl-title', { hasText: `第 ${lesson.order} 课` }).waitFor({ timeout: 30000 });
  await stepLocator(frame, lesson.steps[0].id).locator('.dl-step-header').waitFor({ timeout: 30000 });
  return frame;
}

/** The step's state once it settled (bounded); what the webview and the terminal show when it did not pass. */
async function waitForVerdict(page, frame, lesson, step) {
  const root = stepLocator(frame, step.id);
  const limitMs = ((step.timeout ?? 60) + 30) * 1000;
  const selector = FINAL_STATES.map((s) => `.dl-step[data-step-id="${step.id}"][data-state="${s}"]`).join(', ');
  const settled = await frame.locator(selector).waitFor({ timeout: limitMs }).then(() => true, () => false);
  const state = await root.getAttribute('data-state');
  const results = root.locator('.dl-check-result');
  const passes = await root.locator('.dl-check-result--pass').count();
  const fails = await root.locator('.dl-check-result--fail').count();
  const total = await results.count();
  if (settled && state === 'passed' && fails === 0 && passes === total) return { state, passes };
  const text = await root.innerText().catch(() => '(step not readable)');
  const terminal = await terminalText(page);
  await root.scrollIntoViewIfNeeded().catch(() => {});
  throw new Error(`lesson ${lesson.id}, step ${step.id} (${step.kind}) did not pass: state=${state}${settled ? '' : ` after ${limitMs / 1000} s`}, `
    + `${passes} ✓ / ${fails} ✗ of ${total} checks\n--- webview text of the step:\n${text}\n--- task terminal:\n${terminal.trimEnd()}\n`
    + `--- the lesson's containers on the engine now: ${describeContainers(lesson)}\n---`);
}

/** Destructive steps ask first (a workbench modal): confirm with its 运行 button. */
async function confirmModal(page, step) {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 15000 });
  const message = (await dialog.innerText()).replace(/\s+/g, ' ');
  assert.match(message, new RegExp(step.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the confirmation names the step');
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^运行$/ }).click();
  await dialog.waitFor({ state: 'detached', timeout: 10000 });
  return message;
}

/** Interactive steps open the task's terminal with a TTY: type the lesson's input lines there, like the learner. */
async function typeIntoTerminal(page, step, shot) {
  const wrapper = page.locator('.part.panel .terminal-wrapper.active').first();
  await wrapper.waitFor({ timeout: 30000 });
  // The container's shell is ready when its prompt shows.
  const end = Date.now() + 30000;
  while (!/[#$] *$/m.test(await terminalText(page)) && Date.now() < end) await page.waitForTimeout(250);
  await wrapper.click();
  const textarea = wrapper.locator('textarea.xterm-helper-textarea');
  await textarea.focus();
  for (const line of step.input) {
    await page.keyboard.type(line, { delay: 20 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    if (line === step.input[0] && shot) await shot();
  }
}

/**
 * A challenge the learner's way: 开始 (its hidden setup), 打开终端 (the lesson's terminal), the reference solution typed
 * there with the lesson's values, then ✔ 检查 until the command has done its work (the verdict is waited for by the caller).
 */
async function solveChallenge(page, frame, lesson, step, port) {
  const root = stepLocator(frame, step.id);
  if (step.hasSetup) {
    await root.locator('vscode-button.dl-start').click();
    await frame.locator(`.dl-step[data-step-id="${step.id}"][data-state="started"]`).waitFor({ timeout: ((step.timeout ?? 60) + 30) * 1000 });
  }
  await root.locator('vscode-button.dl-open-terminal').click();
  const values = Object.fromEntries(Object.entries(lesson.vars).map(([name, v]) => [name, String(port && port.name === name ? port.value : v.default)]));
  const lines = step.solution.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => values[name] ?? whole).split('\n');
  await typeIntoTerminal(page, { input: lines });
  for (let attempt = 0; attempt < 10; attempt++) {
    await root.locator('vscode-button.dl-check').click();
    const selector = FINAL_STATES.map((s) => `.dl-step[data-step-id="${step.id}"][data-state="${s}"]`).join(', ');
    await frame.locator(selector).waitFor({ timeout: 60000 });
    if ((await root.getAttribute('data-state')) === 'passed') return;
    await page.waitForTimeout(1500);
  }
}

/** Every step of the lesson, in order, from the webview. */
async function walkLesson(page, frame, lesson, { port, shot }) {
  const runnable = lesson.steps.filter((s) => s.kind !== 'explain');
  const t0 = Date.now();
  const failures = [];
  // The port variable: its default unless that port is busy, then a free one typed into the step's field.
  if (port && port.value !== String(port.default)) {
    const step = lesson.steps.find((s) => s.vars.includes(port.name) && s.kind !== 'explain');
    const field = stepLocator(frame, step.id).locator(`vscode-textfield.dl-var-field[data-var="${port.name}"]`).first();
    await field.scrollIntoViewIfNeeded();
    await field.locator('input').fill(port.value);
    await stepLocator(frame, step.id).locator('.dl-var-ref', { hasText: port.value }).first().waitFor({ timeout: 5000 });
    await page.waitForTimeout(600);                              // the page sends setVar after 400 ms
    console.log(`  ${lesson.id}: port ${port.default} is busy, using ${port.value}`);
  }
  for (const step of lesson.steps) {
    const root = stepLocator(frame, step.id);
    await root.scrollIntoViewIfNeeded();
    const s0 = Date.now();
    if (step.kind === 'explain') {
      assert.strictEqual(await root.locator('vscode-button.dl-run').count(), 0, `explain step ${step.id} has no ▶`);
      const reason = (await root.locator('.dl-step-reason').innerText()).trim();
      assert.strictEqual(reason, `此处不运行：${step.reason ?? ''}`, `explain step ${step.id} shows its reason`);
      console.log(`  ${lesson.id}/${step.id}: explain, no ▶ — ${reason.slice(0, 50)}…`);
      continue;
    }
    if (step.kind === 'challenge') {
      await solveChallenge(page, frame, lesson, step, port);
    } else if (step.kind === 'edit') {
      await root.locator('vscode-button.dl-open-file').click();
      await page.locator('.tabs-container .tab', { hasText: path.basename(step.file) }).first().waitFor({ timeout: 15000 });
      await root.locator('vscode-button.dl-check').click();
    } else {
      const run = root.locator('vscode-button.dl-run');
      assert.strictEqual((await run.innerText()).trim(), '运行', `${step.id}: the 运行 button`);
      await run.locator('vscode-icon[name="play"]').waitFor({ timeout: 5000 });
      await run.click();
      if (step.kind === 'destructive') await confirmModal(page, step);
      if (step.kind === 'interactive') await typeIntoTerminal(page, step, shot.interactive);
    }
    try {
      const { passes } = await waitForVerdict(page, frame, lesson, step);
      console.log(`  ${lesson.id}/${step.id}: ${step.kind} ✓ (${passes} check(s), ${((Date.now() - s0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      // Go on through the chapter (a later step may depend on it, but the learner would go on too), so that one run
      // reports every step that does not pass; the scenario fails at the end.
      console.error(`  FAILED ${err.message}`);
      failures.push(err);
      await shot.failed(step.id);
    }
    if (shot.after && shot.after.step === step.id) await shot.after.take();
  }
  if (failures.length > 0) return failures;

  // The header: every runnable step passed; the tree: the chapter is done.
  const n = runnable.length;
  const progress = await frame.locator('.dl-progress-text').innerText();
  assert.strictEqual(progress.trim(), `已通过 ${n}/${n} 步`, `${lesson.id}: the header's progress`);
  await frame.locator('.dl-toolbar').scrollIntoViewIfNeeded();
  await h.openViewContainer(page, CONTAINER_TITLE);
  const row = lessonRow(page, lesson);
  await row.locator('.codicon-pass-filled').waitFor({ timeout: 15000 });
  const description = await row.locator('.label-description').innerText();
  assert.match(description, /^(\d+)\/\1 · 100%$/, `${lesson.id}: the tree row's progress`);
  console.log(`  ${lesson.id}: ${progress.trim()}; tree: ${description} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return failures;
}

// ------------------------------------------------------------------------------------------------ scenario

async function lessonsFullScenario(ctx) {
  const lessons = readLessons(LESSON_IDS);
  const workDir = path.join(ctx.tmp, 'cli-work');
  for (const lesson of lessons) {
    await waitForOtherRuns(lesson);
    cliReset(lesson.id, workDir);
  }
  const startedAt = Date.now();
  try {
    await withWorkbench({
      vsix: ctx.vsix, locale: 'zh-cn', shot: ctx.shot, failShot: 'lessons-full-FAIL',
      // The DOM renderer, so the terminal's text can be read (prompt, and the failure report).
      settings: { 'workbench.colorTheme': 'Default Dark Modern', 'terminal.integrated.gpuAcceleration': 'off',
        'remote.autoForwardPorts': false },
    }, async (page) => {
      const failures = [];
      for (const [index, lesson] of lessons.entries()) {
        const tag = `lessons-full-${String(lesson.order).padStart(2, '0')}`;
        await waitForOtherRuns(lesson);
        const frame = await openLesson(page, lesson);
        assert.match(await frame.locator('.dl-progress-text').innerText(), /已通过 0\/\d+ 步/, `${lesson.id} starts from zero`);
        await ctx.shot(page, `${tag}-01-opened`);
        // The lesson's port variable (lesson 6): its default when free.
        const portName = Object.keys(lesson.vars).find((name) => lesson.vars[name].type === 'port');
        const port = portName && { name: portName, default: lesson.vars[portName].default };
        if (port) port.value = String(await pickPort(Number(port.default)));
        const middle = lesson.steps[Math.floor(lesson.steps.length / 2)];
        failures.push(...await walkLesson(page, frame, lesson, {
          port,
          shot: {
            failed: (stepId) => ctx.shot(page, `${tag}-FAIL-${stepId}`),
            interactive: () => ctx.shot(page, `${tag}-02-interactive-terminal`),
            after: { step: middle.id, take: () => ctx.shot(page, `${tag}-03-middle-${middle.id}`) },
          },
        }));
        await ctx.shot(page, `${tag}-04-end`);
        if (index < lessons.length - 1) await page.keyboard.press('Escape');
      }
      if (failures.length > 0) {
        throw new Error(`${failures.length} step(s) did not pass:\n${failures.map((f) => f.message.split('\n')[0]).join('\n')}`);
      }
    });
  } finally {
    for (const lesson of lessons) {
      try { cliReset(lesson.id, workDir); } catch (err) { console.error(`  reset ${lesson.id} failed: ${String(err.stderr || err.message).trim()}`); }
      // Challenges were solved in the terminal, as a learner does: those containers carry no lesson label, and the
      // extension's record of them is in code-server's storage, not the CLI's. Remove the ones this run made (one with
      // `--restart unless-stopped` would otherwise come back with the engine and take the name from the next run).
      for (const container of lessonContainers(lesson)) {
        if (container.created < startedAt - 2000) continue;
        try { dockerLib.docker(['rm', '-f', container.name]); } catch (err) { console.error(`  could not remove ${container.name}: ${err.message}`); }
      }
    }
  }
}

module.exports = { lessonsFullScenario };
