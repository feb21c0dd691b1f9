#!/usr/bin/env node
// "Prepare Practice Images" end to end, as after a Marketplace install on an offline machine: the packaged VSIX in a real
// VS Code (code-server), its DOCKER_HOST a private engine with NO images and no registry (lib/empty-engine.cjs).
//   zh-cn, dark   the Images view's welcome offers 准备练习镜像; open chapter 3 → ▶ on its first runnable step → the
//                 images are missing and cannot be pulled: an error with the 准备练习镜像 button (the step shows why) →
//                 press it → a progress notification names each image as it is built → the step runs again and is ✓;
//                 the engine now has hello-world, ubuntu and the base, labelled docker-lessons.standin=true;
//   en, light     the engine emptied again: the same in English; then the palette command prepares every stand-in.
// Runs standalone (node test/e2e/prepare-images-ui.cjs) or as the `prepare-images` scenario of ui.cjs.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const h = require('./harness.cjs');
const { ROOT } = require('./lib/prereqs.cjs');
const emptyEngine = require('./lib/empty-engine.cjs');
const { pickLesson } = require('./lessons-ui.cjs');

const EXTENSION_ID = 'docker-lessons.docker-lessons';
const CONTAINER_TITLE = 'Docker 实践课';
const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };
const STRINGS = {
  'zh-cn': {
    lessons: '课程', images: '镜像', prepare: '准备练习镜像', missing: /无法拉取/, preparing: '正在准备练习镜像',
    building: /正在构建替身镜像/, ready: /练习镜像已就绪/, palette: 'Docker 实践课: 准备练习镜像',
  },
  en: {
    lessons: 'Lessons', images: 'Images', prepare: 'Prepare Practice Images', missing: /cannot pull/, preparing: 'Preparing the practice images',
    building: /building stand-in/, ready: /The practice images are ready/, palette: 'Docker Lessons: Prepare Practice Images',
  },
};

function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

function stepLocator(frame, stepId, state) {
  return frame.locator(`.dl-step[data-step-id="${stepId}"]${state ? `[data-state="${state}"]` : ''}`);
}

function toast(page, text) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

async function openLesson(page, s, lesson) {
  await h.openViewContainer(page, CONTAINER_TITLE);
  const row = pane(page, s.lessons).locator('.monaco-list-row', { hasText: lesson.label }).first();
  await row.waitFor({ timeout: 30000 });
  await row.click();
  const frame = h.webviewFrame(page, { extensionId: EXTENSION_ID });
  await stepLocator(frame, lesson.first.id).locator('.dl-step-header').waitFor({ timeout: 30000 });
  return frame;
}

/** The labels of an image on the empty engine ({} when it has none). */
function labelsOf(ref) {
  return JSON.parse(emptyEngine.docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', ref]) || 'null') || {};
}

async function session(ctx, engine, locale, theme, fn) {
  const server = await h.startCodeServer({
    vsix: [ctx.vsix], locale, env: { DOCKER_HOST: engine.host }, settings: { 'workbench.colorTheme': THEMES[theme] },
  });
  let browser;
  let failed = true;
  try {
    browser = await h.openWorkbench(server, { locale: locale === 'zh-cn' ? 'zh-CN' : 'en-US' });
    await fn(browser.page);
    assert.deepStrictEqual(browser.externalRequests, [], 'the workbench tried to reach the network');
    failed = false;
  } catch (err) {
    if (browser) await ctx.shot(browser.page, `prepare-images-${locale}-FAIL`).catch(() => {});
    throw err;
  } finally {
    if (browser) await browser.context.close().catch(() => {});
    await server.stop();
    if (failed) server.printDiagnostics();
    server.cleanup();
  }
}

/** ▶ on the lesson's first runnable step → missing images → the button → progress → the step passes. */
async function prepareFromStep(ctx, page, locale, lesson) {
  const s = STRINGS[locale];
  const frame = await openLesson(page, s, lesson);
  const run = stepLocator(frame, lesson.first.id).locator('vscode-button.dl-run');
  await run.scrollIntoViewIfNeeded();
  await run.click();

  const offer = toast(page, s.missing);
  await offer.waitFor({ timeout: 60000 });
  const button = offer.getByRole('button', { name: s.prepare });
  await button.waitFor({ timeout: 5000 });
  // The step says the same in the page, so a learner who closed the notification still knows why.
  await stepLocator(frame, lesson.first.id, 'error').waitFor({ timeout: 10000 });
  assert.match(await stepLocator(frame, lesson.first.id).locator('.dl-step-result').innerText(), s.missing);
  // One notification, the one with the buttons: the step's error is not announced a second time.
  assert.strictEqual(await page.locator('.notifications-toasts .notification-toast', { hasText: s.missing }).count(), 1,
    'the missing images are announced once');
  await ctx.shot(page, `prepare-images-${locale}-01-missing`);

  const t0 = Date.now();
  await button.click();
  const progress = toast(page, s.preparing);
  const seen = await progress.waitFor({ timeout: 15000 }).then(() => true, () => false);
  if (seen) {
    // Each image is named while it is built (the base, hello-world, ubuntu): catch one of those lines.
    await progress.filter({ hasText: s.building }).waitFor({ timeout: 15000 }).catch(() => {});
    await ctx.shot(page, `prepare-images-${locale}-02-preparing`);
  } else {
    console.log('  note: the progress notification was gone before it could be seen');
  }

  await stepLocator(frame, lesson.first.id, 'passed').waitFor({ timeout: 180000 }).catch(async (err) => {
    const text = await stepLocator(frame, lesson.first.id).locator('.dl-step-result').innerText().catch(() => '');
    throw new Error(`step ${lesson.first.id} did not pass after preparing the images: ${text || err.message}`);
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const checks = await stepLocator(frame, lesson.first.id).locator('.dl-check-result--pass').count();
  assert.ok(checks > 0, 'the step shows its checks');
  assert.strictEqual(await stepLocator(frame, lesson.first.id).locator('.dl-check-result').count(), checks, 'every check is ✓');
  await stepLocator(frame, lesson.first.id).scrollIntoViewIfNeeded();
  await page.mouse.move(900, 500);
  await ctx.shot(page, `prepare-images-${locale}-03-step-passed`);

  const refs = emptyEngine.imageRefs();
  for (const ref of ['docker-lessons/base:busybox', 'hello-world:latest', 'ubuntu:latest']) {
    assert.ok(refs.includes(ref), `${ref} exists after preparing (engine has: ${refs.join(', ')})`);
    assert.strictEqual(labelsOf(ref)['docker-lessons.standin'], 'true', `${ref} is labelled as a stand-in`);
  }
  console.log(`  ${locale}: images prepared and ${lesson.first.id} passed ${seconds} s after the click (${checks} check(s) ✓); engine has ${refs.length} tags`);
  return frame;
}

async function prepareImagesScenario(ctx) {
  // What a Marketplace install has to build from: the definitions and a static busybox, inside a VSIX of at most 4 MiB.
  const vsixSize = fs.statSync(ctx.vsix).size;
  assert.ok(vsixSize <= 4 * 1024 * 1024, `the VSIX is ${vsixSize} bytes, over 4 MiB`);
  const listing = require('child_process').execFileSync('unzip', ['-Z1', ctx.vsix], { encoding: 'utf8' }).split('\n');
  for (const member of ['extension/images/standins.json', 'extension/images/base/Dockerfile', 'extension/dist/busybox/busybox',
    'extension/dist/busybox/NOTICE', 'extension/dist/busybox/COPYING']) {
    if (!listing.includes(member)) {
      throw new h.PrerequisiteError(`${member} is not in the VSIX (dist/busybox/ comes from npm run build with busybox-static installed)`);
    }
  }
  const lesson = pickLesson();
  const engine = await emptyEngine.start();
  ctx.cleanups.push(() => emptyEngine.stop());
  console.log(`  empty engine ${engine.version} (${engine.driver}${engine.containerdStore ? ', containerd image store' : ''}) on ${engine.host}; lesson ${lesson.file}, step ${lesson.first.id}`);

  // ---------------------------------------------------------------- zh-CN, dark
  emptyEngine.clear();
  assert.deepStrictEqual(emptyEngine.imageRefs(), [], 'the engine starts with no images');
  await session(ctx, engine, 'zh-cn', 'dark', async (page) => {
    const s = STRINGS['zh-cn'];
    await h.openViewContainer(page, 'Docker 对象'); // the explorer's own activity-bar entry
    const welcome = pane(page, s.images).locator('.welcome-view-content');
    await welcome.filter({ hasText: s.prepare }).waitFor({ timeout: 20000 });
    await h.openViewContainer(page, CONTAINER_TITLE);
    await pane(page, s.lessons).locator('.monaco-list-row').first().waitFor({ timeout: 30000 });
    await page.mouse.move(900, 500);
    await ctx.shot(page, 'prepare-images-zh-cn-00-empty-engine');
    await prepareFromStep(ctx, page, 'zh-cn', lesson);
  });

  // ---------------------------------------------------------------- English, light; then the palette command
  emptyEngine.clear();
  assert.deepStrictEqual(emptyEngine.imageRefs(), [], 'the engine is empty again');
  await session(ctx, engine, 'en', 'light', async (page) => {
    const s = STRINGS.en;
    await prepareFromStep(ctx, page, 'en', lesson);
    const t0 = Date.now();
    await h.runCommand(page, s.palette);
    await toast(page, s.preparing).waitFor({ timeout: 15000 });
    await toast(page, s.ready).waitFor({ timeout: 300000 });
    await ctx.shot(page, 'prepare-images-en-04-all-ready');
    const catalog = JSON.parse(fs.readFileSync(path.join(ROOT, 'images', 'standins.json'), 'utf8'));
    const refs = emptyEngine.imageRefs();
    const expected = catalog.images.flatMap((entry) => (entry.variants || []).flatMap((v) => v.tags))
      .map((tag) => (/:[^/]+$/.test(tag) ? tag : `${tag}:latest`));
    const missing = expected.filter((tag) => !refs.includes(tag));
    assert.deepStrictEqual(missing, [], 'every stand-in of the catalog exists after the palette command');
    console.log(`  en: palette command prepared all ${expected.length} tags in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
}

module.exports = { prepareImagesScenario };

if (require.main === module) require('./lib/standalone.cjs').runScenarioAlone('prepare-images', prepareImagesScenario, { docker: false });
