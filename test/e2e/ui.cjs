#!/usr/bin/env node
// npm run test:e2e - UI tests of the *packaged* extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
// driven by Playwright + Debian's chromium, fully offline:
//   zh-cn       Chinese UI: "Docker 实践课" holds the lessons alone (whole chapter titles); "Docker 对象" holds the
//               explorer's views 容器/镜像/… with their counts; a container started with the docker CLI appears,
//               right-click → 停止容器 stops it and the row turns "exited";
//   engine-down the extension's DOCKER_HOST is a socket we control: nothing listening → welcome text (daemon not
//               running, 重试/打开设置); a relay to the real engine starts → the tree comes back; relay stops → welcome;
//               the developer's daemon is never touched;
//   en          the same explorer in English (Containers/Images with real containers), a Compose/lesson container's
//               hover, and the filter (only the matching container, "filter …: 1 of N", then cleared).
// Screenshots go to $E2E_SHOTS_DIR (default .e2e-shots/<timestamp>/), printed at the end.
// Env: CI=true (missing prerequisites fail instead of skip), E2E_ONLY=zh-cn,en (run a subset), VSCODE_E2E_KEEP=1.
'use strict';
const { execFileSync } = require('child_process');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./harness.cjs');
const { packageVsix } = require('./lib/vsix.cjs');
const { ROOT, ensureBuilt, requireDocker, runMain } = require('./lib/prereqs.cjs');
const dockerLib = require('./lib/docker.cjs');
const { startSocketRelay } = require('./lib/relay.cjs');
const { writeProbeExtension, readProbe } = require('./lib/probe.cjs');
const { withWorkbench } = require('./lib/session.cjs');

const CONTAINER_TITLE = 'Docker 实践课';   // the course's viewsContainers title, the same in both languages
const STRINGS = {
  'zh-cn': {
    explorer: 'Docker 对象', lessons: '课程', containers: '容器', images: '镜像', volumes: '数据卷', networks: '网络',
    stop: /^停止容器/, daemon: /守护进程/, retry: '重试', settings: '打开设置', counts: /^运行中 \d+ 个，共 \d+ 个$/,
  },
  en: {
    explorer: 'Docker Objects', lessons: 'Lessons', containers: 'Containers', images: 'Images', volumes: 'Volumes', networks: 'Networks',
    stop: /^Stop Container/, daemon: /daemon/i, retry: 'Retry', settings: 'Open Settings', counts: /^\d+ running, \d+ in all$/,
    filter: 'Docker Lessons: Filter Docker Objects', clearFilter: 'Docker Lessons: Clear the Filter',
  },
};

function timestamp() {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, '');
}


/** One explorer session: the packaged extension and the probe, in `locale`, with `env` for the extension host. */
function withExplorer(ctx, { locale, env }, fn) {
  return withWorkbench({ vsix: ctx.vsix, extensions: [ctx.probeDir], locale, env, shot: ctx.shot, failShot: `${ctx.scenario}-FAIL` }, fn);
}

/** The pane of one of our views, found by its (localized) title. */
function pane(page, title) {
  return page.locator('.pane').filter({ has: page.locator('.pane-header .title', { hasText: new RegExp(`^${title}$`) }) });
}

function row(page, viewTitle, name) {
  return pane(page, viewTitle).locator('.monaco-list-row', { hasText: name });
}

/**
 * The row of `name`, scrolled into view. Trees are virtualized and the shared engine may list many containers, so
 * a row can exist in the model but not in the DOM: use the tree's type-to-find, like a user would.
 */
async function revealRow(page, viewTitle, name, timeoutMs = 15000) {
  const target = row(page, viewTitle, name);
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await target.isVisible()) return target;
    const list = pane(page, viewTitle).locator('.monaco-list');
    if (await pane(page, viewTitle).locator('.monaco-list-row').count()) {
      await list.focus();
      await page.keyboard.type(name, { delay: 5 });
      if (await target.waitFor({ timeout: 2000 }).then(() => true, () => false)) {
        await page.keyboard.press('Escape');             // close the find widget; the row stays in view
        return target;
      }
      await page.keyboard.press('Escape');
    }
    await page.waitForTimeout(250);
  }
  await target.waitFor({ timeout: 1 });                  // throws a descriptive timeout
  return target;
}

/** The description beside a view's title (the explorer's counts). */
function paneDescription(page, title) {
  return pane(page, title).locator('.pane-header .description');
}

async function openExplorer(page, s) {
  await h.openViewContainer(page, s.explorer);
  await page.locator('.part.sidebar .pane-header').first().waitFor();
  await widenSidebar(page);
  await page.mouse.move(900, 500);                  // away from the activity bar: no tooltip over the tree
}

async function setPaneExpanded(page, title, expanded) {
  const header = pane(page, title).locator('.pane-header');
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/** Drag the side bar's edge so tree descriptions (image, ports, age) are readable in the screenshots. */
async function widenSidebar(page, width = 620) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

// ---------------------------------------------------------------- scenarios

async function zhCnScenario(ctx) {
  const s = STRINGS['zh-cn'];
  const { name, published } = dockerLib.runTestContainer({ publish: '127.0.0.1::8080' });
  ctx.created.push(name);
  const probeFile = path.join(ctx.tmp, 'probe-zh-cn.json');
  await withExplorer(ctx, { locale: 'zh-cn', env: { DL_E2E_PROBE_FILE: probeFile } }, async (page) => {
    // The course has its side bar to itself: the lessons view alone, long chapter titles split into title and subtitle.
    await h.openViewContainer(page, CONTAINER_TITLE);
    await pane(page, s.lessons).locator('.monaco-list-row').first().waitFor({ timeout: 30000 });
    assert.strictEqual(await page.locator('.part.sidebar .pane').count(), 1, 'the lessons view alone in 实践课');
    await widenSidebar(page, 420);
    await page.mouse.move(900, 500);
    await ctx.shot(page, 'zh-cn-00-lessons');

    await openExplorer(page, s);
    const probe = await readProbe(probeFile);
    assert.strictEqual(probe.language, 'zh-cn', 'vscode.env.language in the extension host');
    for (const title of [s.containers, s.images, s.volumes, s.networks]) await pane(page, title).waitFor({ timeout: 15000 });
    assert.strictEqual(await pane(page, s.lessons).count(), 0, 'the lessons view is not among the explorer views');
    await page.waitForFunction((re) => [...document.querySelectorAll('.part.sidebar .pane-header .description')]
      .some((d) => new RegExp(re).test(d.textContent.trim())), s.counts.source, { timeout: 15000 });

    // More room for the Containers view: the shared engine may have many containers.
    await setPaneExpanded(page, s.images, false);
    const item = await revealRow(page, s.containers, name);
    const description = await item.locator('.label-description').innerText();
    assert.match(description, /dl-test\/busybox/, 'the description names the image');
    if (published) assert.match(description, /8080/, 'the description shows the published port');
    await item.locator('.custom-view-tree-node-item-icon.codicon-debug-start').waitFor();
    await ctx.shot(page, 'zh-cn-01-container-listed');

    await item.click({ button: 'right' });
    const stop = page.getByRole('menuitem', { name: s.stop });
    await stop.waitFor({ timeout: 5000 });
    await ctx.shot(page, 'zh-cn-02-context-menu');
    await stop.click();

    // Exited containers sort after running ones: the row may move out of view.
    await item.locator('.custom-view-tree-node-item-icon.codicon-debug-stop').waitFor({ timeout: 15000 })
      .catch(async () => (await revealRow(page, s.containers, name)).locator('.custom-view-tree-node-item-icon.codicon-debug-stop').waitFor({ timeout: 5000 }));
    assert.strictEqual(dockerLib.containerState(name), 'exited', 'the engine reports the container exited');
    await revealRow(page, s.containers, name);
    if (published) assert.doesNotMatch(await item.locator('.label-description').innerText(), /8080/, 'an exited container has no ports');
    // The tooltip's state line (状态: 已退出 …) is for the screenshot; the icon and the engine are the assertions.
    // Rows shift while other people's containers come and go on the shared engine, so hovering may need retries.
    let tooltip = false;
    for (let attempt = 0; attempt < 3 && !tooltip; attempt++) {
      await page.mouse.move(900, 500);
      await (await revealRow(page, s.containers, name)).hover();
      tooltip = await page.locator('.monaco-hover, .workbench-hover').filter({ hasText: name }).filter({ hasText: '已退出' })
        .first().waitFor({ timeout: 3000 }).then(() => true, () => false);
    }
    if (!tooltip) {
      console.log('  note: the tooltip did not show for the screenshot (rows kept moving)');
      await page.mouse.move(900, 500);                   // no stray tooltip of another row in the screenshot
      await page.waitForTimeout(500);
    }
    await ctx.shot(page, 'zh-cn-03-stopped');
  });
}

async function engineDownScenario(ctx) {
  const s = STRINGS['zh-cn'];
  const { name } = dockerLib.runTestContainer();
  ctx.created.push(name);
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-'));
  ctx.cleanups.push(() => fs.rmSync(socketDir, { recursive: true, force: true }));
  const socket = path.join(socketDir, 'docker.sock');
  let relay;
  try {
    await withExplorer(ctx, { locale: 'zh-cn', env: { DOCKER_HOST: `unix://${socket}` } }, async (page) => {
      await openExplorer(page, s);
      const welcome = pane(page, s.containers).locator('.welcome-view-content');
      await welcome.filter({ hasText: s.daemon }).waitFor({ timeout: 15000 });
      await welcome.getByRole('button', { name: s.retry }).waitFor();
      await welcome.getByRole('button', { name: s.settings }).waitFor();
      await ctx.shot(page, 'engine-down-01-welcome');

      relay = await startSocketRelay({ listenPath: socket, targetPath: dockerLib.engineSocketPath() });
      const t0 = Date.now();
      await revealRow(page, s.containers, name, 10000);
      console.log(`  engine back: tree shown ${Date.now() - t0} ms after the relay started`);
      await ctx.shot(page, 'engine-down-02-engine-back');

      await relay.close();
      relay = undefined;
      const t1 = Date.now();
      await welcome.filter({ hasText: s.daemon }).waitFor({ timeout: 15000 });
      console.log(`  engine gone: welcome shown ${Date.now() - t1} ms after the relay stopped`);
      await ctx.shot(page, 'engine-down-03-welcome-again');
    });
  } finally {
    if (relay) await relay.close();
  }
}

/**
 * A created (not started) container labelled as Compose and the course's runner label it: its hover sums them up.
 * The lesson id is made up, so no lesson's reset (or suite) on the shared engine counts it as its own.
 */
function createLabelledContainer() {
  const name = dockerLib.uniqueName('dl-e2e-compose');
  execFileSync('docker', ['create', '--name', name, '--label', 'docker-lessons.test=e2e', '--label', 'docker-lessons.lesson=e2e-hover',
    '--label', 'com.docker.compose.project=e2e-shop', '--label', 'com.docker.compose.service=web',
    '--label', 'com.docker.compose.container-number=1', '--label', `com.docker.compose.config-hash=${'f'.repeat(64)}`,
    '--network', 'none', dockerLib.TEST_IMAGE, 'true'], { stdio: 'ignore' });
  return name;
}

async function englishScenario(ctx) {
  const s = STRINGS.en;
  const { name } = dockerLib.runTestContainer({ publish: '127.0.0.1::8080' });
  ctx.created.push(name);
  const labelled = createLabelledContainer();
  ctx.created.push(labelled);
  const probeFile = path.join(ctx.tmp, 'probe-en.json');
  await withExplorer(ctx, { locale: 'en', env: { DL_E2E_PROBE_FILE: probeFile } }, async (page) => {
    await openExplorer(page, s);
    assert.strictEqual((await readProbe(probeFile)).language, 'en', 'vscode.env.language in the extension host');
    for (const title of [s.containers, s.images, s.volumes, s.networks]) await pane(page, title).waitFor({ timeout: 15000 });
    await revealRow(page, s.containers, name);
    await paneDescription(page, s.containers).filter({ hasText: s.counts }).waitFor({ timeout: 15000 });
    await ctx.shot(page, 'en-01-explorer');

    // The filter: only the matching container is left, and the view says how many of how many.
    await h.answerCommandInput(page, s.filter, name);
    await paneDescription(page, s.containers).filter({ hasText: new RegExp(`^filter "${name}": 1 of \\d+$`) }).waitFor({ timeout: 10000 });
    await row(page, s.containers, name).waitFor({ timeout: 10000 });
    assert.strictEqual(await pane(page, s.containers).locator('.monaco-list-row').count(), 1, 'only the matching container');
    // Where nothing matches, the view says so (not "no images yet").
    await pane(page, s.images).locator('.welcome-view-content', { hasText: 'Nothing here matches the filter' }).waitFor({ timeout: 10000 });
    await page.mouse.move(900, 500);
    await ctx.shot(page, 'en-02-filtered');
    await h.runCommand(page, s.clearFilter);
    await paneDescription(page, s.containers).filter({ hasText: s.counts }).waitFor({ timeout: 10000 });

    // A Compose container made by a lesson: its hover names project, service and lesson, not 5 raw compose labels.
    let hover;
    for (let attempt = 0; attempt < 3 && !hover; attempt++) {
      await page.mouse.move(900, 500);
      await (await revealRow(page, s.containers, labelled)).hover();
      const shown = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'e2e-shop' }).first();
      hover = await shown.waitFor({ timeout: 3000 }).then(() => shown, () => undefined);
    }
    assert.ok(hover, 'the hover of the Compose container');
    const text = await hover.innerText();
    assert.match(text, /Compose: project e2e-shop, service web, replica 1/);
    assert.match(text, /docker-lessons\.lesson=e2e-hover: made by a step of lesson e2e-hover; resetting that lesson removes it/);
    assert.doesNotMatch(text, /config-hash/);
    await ctx.shot(page, 'en-03-hover');
    // The Images list is long (the stand-in images): give it the room of the Containers view, then find the test image.
    await page.mouse.move(900, 500);
    await setPaneExpanded(page, s.containers, false);
    await revealRow(page, s.images, 'dl-test/busybox');
    await ctx.shot(page, 'en-04-images');
  });
}

const SCENARIOS = { 'zh-cn': zhCnScenario, 'engine-down': engineDownScenario, en: englishScenario };
SCENARIOS.lessons = (ctx) => require('./lessons-ui.cjs').lessonsScenario(ctx); // the lesson webview (lessons-ui.cjs)
SCENARIOS['lessons-full'] = (ctx) => require('./lessons-full-ui.cjs').lessonsFullScenario(ctx); // chapters 3 and 6 end to end
// A challenge step: task, Start, Check ✗, graded hints, the reference solution, solved ✓ (challenge-ui.cjs)
SCENARIOS.challenge = (ctx) => require('./challenge-ui.cjs').challengeScenario(ctx);
// A Marketplace install on an engine with no images: chapter 3's ▶ offers "Prepare Practice Images" (prepare-images-ui.cjs)
SCENARIOS['prepare-images'] = (ctx) => require('./prepare-images-ui.cjs').prepareImagesScenario(ctx);
// The getting-started walkthrough ticks its steps as they happen (walkthrough-ui.cjs)
SCENARIOS.walkthrough = (ctx) => require('./walkthrough-ui.cjs').walkthroughScenario(ctx);
// What gets published: npm run package, installed and used; the README's screenshots (publish-ui.cjs)
SCENARIOS.publish = (ctx) => require('./publish-ui.cjs').publishScenario(ctx);
// Nothing stale: the engine notice, the step terminal after a later check, the status bar, the explorer's ages
SCENARIOS.freshness = (ctx) => require('./freshness-ui.cjs').freshnessScenario(ctx);
// 环境体检 / Check My Docker Setup against two local registries, one stopped (doctor-ui.cjs)
SCENARIOS.doctor = (ctx) => require('./doctor-ui.cjs').doctorScenario(ctx);
// Editor help in the learner's own files: Dockerfile hover, a Chinese diagnostic and its quick fix, a note's ▶ lens (editor-ui.cjs)
SCENARIOS.editor = (ctx) => require('./editor-ui.cjs').editorScenario(ctx);
// A step done in the learner's own terminal turns ✓ by itself; 课程地图 / Course Map (map-ui.cjs)
SCENARIOS.map = (ctx) => require('./map-ui.cjs').mapScenario(ctx);

runMain(async (onCleanup) => {
  const engineVersion = requireDocker();
  h.resolveInstall();                                          // runs test/e2e/setup.sh when needed
  ensureBuilt(['dist/extension.js']);
  dockerLib.ensureTestImage();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-e2e-ui-'));
  onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const created = [];
  onCleanup(() => dockerLib.removeContainers(created));
  const cleanups = [];
  onCleanup(async () => { for (const fn of cleanups) await fn(); });

  const shotsDir = path.resolve(process.env.E2E_SHOTS_DIR || path.join(ROOT, '.e2e-shots', timestamp()));
  fs.mkdirSync(shotsDir, { recursive: true });
  const vsix = packageVsix(tmp, h);
  const probeDir = writeProbeExtension(tmp);
  console.log(`UI e2e: packaged ${path.relative(ROOT, vsix) || vsix} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KB), docker ${engineVersion}`);

  const ctx = {
    tmp, vsix, probeDir, created, cleanups,
    shot: async (page, name) => {
      await page.waitForTimeout(300);                             // let list/hover animations settle
      await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
    },
  };
  const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',') : Object.keys(SCENARIOS);
  let failures = 0;
  for (const id of only) {
    const scenario = SCENARIOS[id];
    if (!scenario) throw new Error(`unknown scenario ${id} (E2E_ONLY); known: ${Object.keys(SCENARIOS).join(', ')}`);
    const t0 = Date.now();
    console.log(`- ${id}`);
    try {
      await scenario({ ...ctx, scenario: id });
      console.log(`  PASS ${id} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failures++;
      console.error(`  FAIL ${id}: ${err && err.stack ? err.stack : err}`);
    }
  }
  console.log(`screenshots: ${shotsDir}`);
  console.log(failures ? `UI e2e FAILED: ${failures} of ${only.length} scenario(s)` : `UI e2e passed: ${only.length} scenario(s)`);
  return failures ? 1 : 0;
});
