#!/usr/bin/env node
// What gets published, end to end: `npm run package` (the production build, then vsce with its licence check and no
// placeholder repository) gives a VSIX of at most 4 MiB with the icon, the licence, the changelog and the README's
// screenshots; installed into a real VS Code (code-server) it is listed in the Extensions view with its icon, and it
// works: a chapter opens from the lessons tree, a step runs and passes, a check fails with expected / found.
// The README's screenshots are taken on the way (zh-CN, the default dark theme, 1280×800, compressed):
// E2E_README_SHOTS=1 (`npm run screenshots`) writes them to media/screenshots/; otherwise they go with the run's others.
// Runs as the `publish` scenario of ui.cjs.
'use strict';
const assert = require('assert');
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { publishedVsix } = require('./lib/vsix.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const { withWorkbench } = require('./lib/session.cjs');
const lessonsUi = require('./lessons-ui.cjs');

const MAX_VSIX_BYTES = 4 * 1024 * 1024;
/** The Marketplace shows screenshots up to about this wide without scaling them down much. */
const README_VIEWPORT = { width: 1280, height: 800 };
const SCREENSHOTS = path.join(ROOT, 'media', 'screenshots');

/** The README's images that live in the package (relative links), e.g. media/screenshots/lesson-page.png. */
function readmeImages() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((link) => !/^[a-z]+:/i.test(link));
}

/** The package's own checks: size, the files a listing needs, the manifest as published. */
function checkPackage(vsix) {
  const bytes = fs.statSync(vsix).size;
  assert.ok(bytes <= MAX_VSIX_BYTES, `the VSIX is ${bytes} bytes, over 4 MiB`);
  const members = new Set(execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n'));
  for (const member of ['extension/LICENSE.txt', 'extension/changelog.md', 'extension/readme.md', 'extension/media/icon.png']) {
    assert.ok(members.has(member), `${member} is in the VSIX`);
  }
  const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
  const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.strictEqual(manifest.version, source.version);
  assert.strictEqual(manifest.icon, 'media/icon.png');
  assert.strictEqual(manifest.license, 'MIT');
  assert.strictEqual(manifest.repository, undefined, 'no placeholder repository URL');
  const missing = readmeImages().filter((link) => !members.has(`extension/${link.replace(/^\.\//, '')}`));
  if (missing.length > 0 && !process.env.E2E_README_SHOTS) {
    assert.deepStrictEqual(missing, [], 'the README\'s images are in the package (npm run screenshots makes them)');
  }
  const icon = execFileSync('file', [path.join(ROOT, 'media', 'icon.png')], { encoding: 'utf8' });
  assert.match(icon, /PNG image data, 128 x 128/);
  return { bytes, members: members.size - 1 };
}

/** Smaller PNGs for the README (the Marketplace page loads them all): pngquant, else optipng, else as taken. */
function compressPng(file) {
  const before = fs.statSync(file).size;
  // pngquant leaves the file as it was (exit 98/99) when its result would be larger or worse than asked.
  for (const [tool, args] of [
    ['pngquant', ['--force', '--skip-if-larger', '--strip', '--quality', '70-95', '--output', file, file]],
    ['optipng', ['-quiet', '-o2', file]],
  ]) {
    if (spawnSync(tool, args, { stdio: 'ignore' }).error?.code === 'ENOENT') continue;
    return { tool, before, after: fs.statSync(file).size };
  }
  return { tool: 'none', before, after: before };
}

async function publishScenario(ctx) {
  const vsix = publishedVsix();
  const pkg = checkPackage(vsix);
  console.log(`  npm run package: ${(pkg.bytes / 1024).toFixed(0)} KiB, ${pkg.members} files`);

  const writeReadmeShots = Boolean(process.env.E2E_README_SHOTS);
  if (writeReadmeShots) fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const readmeShot = async (page, name) => {
    await page.mouse.move(1100, 700);
    await page.waitForTimeout(500);
    await ctx.shot(page, `publish-${name}`);
    if (!writeReadmeShots) return;
    const file = path.join(SCREENSHOTS, `${name}.png`);
    await page.screenshot({ path: file });
    const { tool, before, after } = compressPng(file);
    console.log(`  README screenshot ${path.relative(ROOT, file)}: ${README_VIEWPORT.width}×${README_VIEWPORT.height}, ${(before / 1024).toFixed(0)} → ${(after / 1024).toFixed(0)} KiB (${tool})`);
  };

  const lesson = lessonsUi.pickLesson();
  const s = lessonsUi.STRINGS['zh-cn'];
  let owned;
  await lessonsUi.waitForFreeName(lesson.container);
  try {
    await withWorkbench({ vsix, locale: 'zh-cn', viewport: README_VIEWPORT, shot: ctx.shot, failShot: 'publish-FAIL' }, async (page, server) => {
      // Installed from the package: in the extensions folder under its version, and listed with its icon.
      const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const installed = fs.readdirSync(server.dirs.ext).filter((name) => name.startsWith(`${manifest.publisher}.${manifest.name}-`));
      assert.deepStrictEqual(installed, [`${manifest.publisher}.${manifest.name}-${manifest.version}`]);
      await page.keyboard.press('Control+Shift+X');
      const search = page.locator('.extensions-viewlet .suggest-input-container .monaco-editor textarea, .extensions-viewlet .monaco-inputbox input').first();
      await search.waitFor({ timeout: 15000 });
      await search.fill('@installed');
      const item = page.locator('.extensions-viewlet .extension-list-item', { hasText: manifest.displayName }).first();
      await item.waitFor({ timeout: 15000 });
      const icon = item.locator('img.icon');
      await icon.waitFor({ timeout: 10000 });
      assert.match(await icon.getAttribute('src') ?? '', /icon\.png/, 'the list shows the extension\'s own icon');
      assert.ok(await icon.evaluate((img) => img.complete && img.naturalWidth === 128), 'the icon loaded at 128 px');
      await ctx.shot(page, 'publish-00-installed');

      // The lesson page with a step just passed, the lessons tree beside it.
      const { frame } = await lessonsUi.openLessonFromTree(page, s, lesson);
      await lessonsUi.runAndPass(page, frame, lesson.first);
      await lessonsUi.stepRow(page, s, lesson.first).locator('.codicon-testing-passed-icon').waitFor({ timeout: 10000 });
      await lessonsUi.stepLocator(frame, lesson.first.id).scrollIntoViewIfNeeded();
      await readmeShot(page, 'lesson-page');

      const clicked = Date.now();
      await lessonsUi.runAndPass(page, frame, lesson.withContainer);
      owned = lessonsUi.ourContainerId(lesson.container, lesson.id, clicked);
      assert.ok(owned, `${lesson.container} was created by this run`);
      await lessonsUi.stepRow(page, s, lesson.withContainer).locator('.codicon-testing-passed-icon').waitFor({ timeout: 10000 });
      await lessonsUi.expandLesson(page, s, lesson);
      await readmeShot(page, 'lessons-tree');

      // A check that fails: the container is removed behind the lesson's back, then 检查.
      assert.ok(lessonsUi.removeById(owned), `${lesson.container} removed`);
      owned = undefined;
      const step = lessonsUi.stepLocator(frame, lesson.withContainer.id);
      await step.locator('vscode-button.dl-check').scrollIntoViewIfNeeded();
      await step.locator('vscode-button.dl-check').click();
      await lessonsUi.stepLocator(frame, lesson.withContainer.id, 'failed').waitFor({ timeout: 60000 });
      const failed = step.locator('.dl-check-result--fail').first();
      assert.match(await failed.locator('.dl-check-detail').innerText(), new RegExp(`${s.expected}[\\s\\S]+${s.found}`));
      await step.locator('.dl-step-result').scrollIntoViewIfNeeded();
      await readmeShot(page, 'failed-check');
    });
  } finally {
    lessonsUi.removeById(owned);
  }
  if (writeReadmeShots) {
    const missing = readmeImages().filter((link) => !fs.existsSync(path.join(ROOT, link)));
    assert.deepStrictEqual(missing, [], 'every image the README shows was written');
  }
}

module.exports = { publishScenario };
