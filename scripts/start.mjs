// `npm start`: build, then open the extension in VS Code. Desktop `code` (with --extensionDevelopmentPath) when it is on
// PATH; otherwise a local code-server (a real VS Code in the browser, installed by test/e2e/setup.sh) on 127.0.0.1, whose
// URL is printed. Practice images are prepared first when a Docker engine answers. VS Code opens in the learner's
// language: Chinese, unless the system's is English (the only other one the course has); DOCKER_LESSONS_LOCALE decides.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The display languages the course has (package.nls.*.json, l10n/). */
const LOCALES = { zh: 'zh-cn', en: 'en' };

/**
 * The VS Code locale for `npm start`: DOCKER_LESSONS_LOCALE if set; else the system language (the first set of LC_ALL,
 * LC_MESSAGES, LANG, as POSIX reads them; Intl where none is set) when it is one we have; else Chinese. "C"/"POSIX"
 * name no language, so they mean Chinese too (the CLI reads the same variables: src/i18n languageFromEnv).
 */
export function chooseLocale(env = process.env, intlLocale = Intl.DateTimeFormat().resolvedOptions().locale) {
  const override = env.DOCKER_LESSONS_LOCALE?.trim();
  const system = ['LC_ALL', 'LC_MESSAGES', 'LANG'].map((name) => env[name]?.trim()).find(Boolean);
  const wanted = (override || system || intlLocale || '').toLowerCase();
  return wanted.startsWith('en') ? LOCALES.en : LOCALES.zh;
}

// Imported by the unit test for chooseLocale: only run when started as a script.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

async function main() {
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const require = createRequire(import.meta.url);
  const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const locale = chooseLocale();

  if (!fs.existsSync(path.join(root, 'node_modules'))) {
    if (run('npm', ['ci']).status !== 0) process.exit(1);
  }
  if (run('npm', ['run', 'build', '--silent']).status !== 0) process.exit(1);

  if (has('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0) {
    run(process.execPath, ['scripts/images.mjs']);
  } else {
    console.warn('[docker-lessons] 没有连上 Docker 引擎：扩展会在侧栏里说明原因。/ No Docker engine answers: the extension explains why in its views.');
  }

  const workspace = process.env.DOCKER_LESSONS_WORKSPACE || path.join(root, '.state', 'workspace');
  fs.mkdirSync(workspace, { recursive: true });

  if (has('code') && !process.env.DOCKER_LESSONS_FORCE_BROWSER) {
    if (locale !== LOCALES.en) suggestLanguagePack();
    const child = spawn('code', ['--locale', locale, '--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    const harness = require(path.join(root, 'test', 'e2e', 'harness.cjs'));
    const port = Number(process.env.PORT || 8765);
    const server = await harness.startCodeServer({
      extensionDevelopmentPath: root, port, workspace, locale,
      runDir: path.join(root, '.state', 'code-server'),
      settings: { 'workbench.startupEditor': 'none' },
    });
    const payload = JSON.stringify([['extensionDevelopmentPath', server.remoteUri(root)]]);
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    console.log(`\nDocker 实践课 is running in VS Code (code-server, ${locale}) — open this URL in a browser:\n\n  ${url}\n\nCtrl+C stops it.`);
    const stop = async () => { await server.stop(); process.exit(0); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

/**
 * Desktop VS Code shows Chinese only with Microsoft's Chinese (Simplified) language pack; without it `--locale zh-cn`
 * falls back to English everywhere, the extension's own texts included. Say how to get it (it needs the Marketplace).
 */
function suggestLanguagePack() {
  const listed = spawnSync('code', ['--list-extensions'], { encoding: 'utf8' });
  if (listed.status !== 0 || /^ms-ceintl\.vscode-language-pack-zh-hans$/im.test(listed.stdout)) return;
  console.warn('[docker-lessons] 要看到中文界面，请先安装中文语言包 / For the Chinese interface, install the language pack:\n'
    + '  code --install-extension MS-CEINTL.vscode-language-pack-zh-hans\n'
    + '  (DOCKER_LESSONS_LOCALE=en npm start opens it in English.)');
}
