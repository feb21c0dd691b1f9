// The `editor` scenario of ui.cjs: editor help as a learner meets it in their own files, in a real VS Code (code-server)
// with the packaged extension. A workspace holds a Dockerfile with a deprecated MAINTAINER and a Markdown note with a
// docker command:
//   zh-cn, dark   hovering FROM explains it in Chinese; the MAINTAINER line carries a Chinese diagnostic whose quick
//                 fix rewrites it to a LABEL; the note's command has a "在终端运行" lens that runs it in a terminal
//                 against the engine (a container made by the test, seen in docker's own list afterwards);
//   en, light     the same hover and diagnostic in English.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('./harness.cjs');
const dockerLib = require('./lib/docker.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const STRINGS = {
  'zh-cn': {
    fromHover: '指定基础镜像，开始一个新的构建阶段。', runHover: '用镜像新建并启动一个容器',
    maintainer: /MAINTAINER 已废弃/, fix: '改成 LABEL org.opencontainers.image.authors', lens: '在终端运行',
  },
  en: {
    fromHover: 'Choose the base image and start a new build stage.', runHover: 'Create and start a container from an image',
    maintainer: /MAINTAINER has been deprecated/, fix: 'Change to LABEL org.opencontainers.image.authors', lens: 'Run in terminal',
  },
};

function writeWorkspace(dir, container) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), [
    'FROM busybox:latest',
    'MAINTAINER learner@example.com',
    'COPY . /app',
    'CMD ["sh", "-c", "echo hi"]',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'notes.md'), [
    '# 我的笔记',
    '',
    '先建一个容器：',
    '',
    '```bash',
    `docker create --name ${container} --label ${dockerLib.TEST_LABEL} ${dockerLib.TEST_IMAGE} true`,
    '```',
    '',
  ].join('\n'));
}

async function openFile(page, name) {
  await page.keyboard.press('Escape');
  // The Explorer's tree: Quick Open's file search depends on ripgrep and indexing, the tree does not.
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name}$`) }).first();
  await row.waitFor({ timeout: 20000 });
  await row.click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 10000 });
  // A loaded machine may take a while to restore the workbench (theme, editor) after the tree shows.
  await page.locator('.editor-instance .view-lines').first().waitFor({ timeout: 60000 });
}

/** The middle of `word` on the editor line that contains it (Monaco's line elements are not in line order in the DOM). */
function editorWord(page, word) {
  return {
    async hover() {
      const token = page.locator('.editor-instance .view-lines .view-line span span', { hasText: word }).first();
      await token.waitFor({ timeout: 10000 });
      const text = (await token.innerText()).replace(/\u00a0/g, ' ');
      const box = await token.boundingBox();
      if (!box) throw new Error(`"${word}" is not on screen`);
      const charWidth = box.width / Math.max(1, text.length);
      await page.mouse.move(box.x + (text.indexOf(word) + word.length / 2) * charWidth, box.y + box.height / 2);
    },
  };
}

/** Hover `target` until a hover containing `text` shows (the language features may still be starting). */
async function hoverFor(page, target, text, attempts = 6) {
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(100);
    // The editor re-renders its lines while it starts (tokens, decorations): a token may detach under the locator.
    const placed = await target.hover().then(() => true, (err) => { if (attempt >= attempts) throw err; return false; });
    if (!placed) continue;
    const hover = page.locator('.monaco-hover', { hasText: text }).first();
    if (await hover.waitFor({ timeout: 4000 }).then(() => true, () => false)) return hover;
    if (attempt >= attempts) throw new Error(`no hover with "${text}" after ${attempts} attempts`);
  }
}

function stateOf(name) {
  try { return dockerLib.containerState(name); } catch { return undefined; }
}

async function editorSession(ctx, locale, theme, container, fn) {
  const workspace = path.join(ctx.tmp, `editor-${locale}`);
  writeWorkspace(workspace, container);
  await withWorkbench({
    vsix: ctx.vsix, locale, workspace, shot: ctx.shot, failShot: `editor-${locale}-FAIL`,
    settings: { 'workbench.colorTheme': THEMES[theme], 'terminal.integrated.gpuAcceleration': 'off', 'editor.hover.delay': 150 },
  }, async (page) => {
    await page.locator(theme === 'dark' ? '.monaco-workbench.vs-dark' : '.monaco-workbench.vs').waitFor({ state: 'attached', timeout: 60000 });
    await fn(page, workspace);
  });
}

async function dockerfileHelp(ctx, page, locale) {
  const s = STRINGS[locale];
  await openFile(page, 'Dockerfile');
  // The instruction's hover, in the interface's language.
  const hover = await hoverFor(page, editorWord(page, 'FROM'), s.fromHover);
  assert.match(await hover.innerText(), /FROM \[--platform=<platform>\]/, 'the hover gives the syntax');
  await ctx.shot(page, `editor-${locale}-01-dockerfile-hover`);

  // The deprecated MAINTAINER: a diagnostic in the same language, and its quick fix.
  const marker = page.locator('.editor-instance .squiggly-warning, .editor-instance .squiggly-info, .editor-instance .squiggly-hint, .editor-instance .squiggly-error').first();
  await marker.waitFor({ state: 'attached', timeout: 20000 });
  const problem = await hoverFor(page, editorWord(page, 'MAINTAINER'), s.maintainer);
  await ctx.shot(page, `editor-${locale}-02-diagnostic`);
  return problem;
}

async function editorScenario(ctx) {
  const containers = [];
  ctx.cleanups.push(() => dockerLib.removeContainers(containers));

  // ---------------------------------------------------------------- zh-CN, dark: hover, diagnostic + quick fix, lens
  const zhContainer = dockerLib.uniqueName('dl-e2e-lens');
  containers.push(zhContainer);
  await editorSession(ctx, 'zh-cn', 'dark', zhContainer, async (page, workspace) => {
    const s = STRINGS['zh-cn'];
    const problem = await dockerfileHelp(ctx, page, 'zh-cn');
    // The problem's hover offers the quick fixes once they are computed ("Quick Fix… (Ctrl+.)").
    const quickFix = problem.locator('.action-container a, .hover-row-contents a', { hasText: /Quick Fix|快速修复/ }).first();
    await quickFix.waitFor({ timeout: 15000 });
    await quickFix.click();
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-label', { hasText: s.fix }).first();
    await fix.waitFor({ timeout: 10000 });
    await ctx.shot(page, 'editor-zh-cn-03-quick-fix');
    // Choose it with the keyboard, as the list invites ("Enter to Apply"); the problem's hover lies over the list.
    const focusedFix = page.locator('.action-widget .monaco-list-row.focused', { hasText: s.fix });
    for (let i = 0; i < 5 && await focusedFix.count() === 0; i++) await page.keyboard.press('ArrowDown');
    await focusedFix.waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    const end = Date.now() + 10000;
    let text = '';
    while (Date.now() < end && !/^LABEL org\.opencontainers\.image\.authors="learner@example\.com"$/m.test(text)) {
      await page.waitForTimeout(250);
      text = fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8');
    }
    assert.match(text, /^LABEL org\.opencontainers\.image\.authors="learner@example\.com"$/m, `the quick fix rewrote MAINTAINER:\n${text}`);
    assert.doesNotMatch(text, /MAINTAINER/);

    // A docker command in a note: its hover and its lens, which runs it in a terminal against the engine.
    await openFile(page, 'notes.md');
    await hoverFor(page, editorWord(page, 'create'), '新建一个容器但不启动它');
    await page.mouse.move(5, 5);
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: s.lens }).first();
    await lens.waitFor({ timeout: 20000 });
    await ctx.shot(page, 'editor-zh-cn-04-note-lens');
    await lens.click();
    const made = Date.now() + 30000;
    while (Date.now() < made && stateOf(zhContainer) === undefined) await page.waitForTimeout(250);
    assert.strictEqual(stateOf(zhContainer), 'created', `the lens ran the note's command (${zhContainer} exists)`);
    await page.locator('.part.panel .terminal-wrapper.active').first().waitFor({ timeout: 10000 });
    await ctx.shot(page, 'editor-zh-cn-05-lens-ran');
  });

  // ---------------------------------------------------------------- English, light: the same help in English
  await editorSession(ctx, 'en', 'light', dockerLib.uniqueName('dl-e2e-lens'), async (page) => {
    const s = STRINGS.en;
    await dockerfileHelp(ctx, page, 'en');
    await openFile(page, 'notes.md');
    await hoverFor(page, editorWord(page, 'create'), 'Create a container without starting it');
    await page.mouse.move(5, 5);
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: s.lens }).first().waitFor({ timeout: 20000 });
    await ctx.shot(page, 'editor-en-04-note-lens');
  });
}

module.exports = { editorScenario };
