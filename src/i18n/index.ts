// One localization path for every layer: core modules (no `vscode` import) call `t` from @vscode/l10n, the VS Code
// adapters call `vscode.l10n.t`; both read the same `l10n/bundle.l10n.zh-cn.json`, keyed by the English message.
import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';

export const t = l10n.t;

export type UiLanguage = 'zh-cn' | 'en';

let current: UiLanguage = 'en';

export function uiLanguage(): UiLanguage {
  return current;
}

/** Use a bundle already loaded (the extension passes `vscode.l10n.bundle`). */
export function useBundle(language: UiLanguage, bundle: Record<string, string> | undefined): void {
  current = language;
  l10n.config({ contents: language === 'en' ? {} : (bundle ?? {}) });
  languageListener?.(language);
}

/** The language a terminal user wants: --lang / DOCKER_LESSONS_LANG, else LC_ALL/LC_MESSAGES/LANG; Chinese by default. */
export function languageFromEnv(env: NodeJS.ProcessEnv, explicit?: string): UiLanguage {
  const wanted = (explicit ?? env.DOCKER_LESSONS_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '').toLowerCase();
  if (wanted.startsWith('en')) return 'en';
  return 'zh-cn';
}

/** Load the zh-CN bundle from the package's l10n folder (CLI and tests). */
export function useLanguage(language: UiLanguage, packageRoot: string): void {
  if (language === 'en') return useBundle('en', undefined);
  const file = path.join(packageRoot, 'l10n', 'bundle.l10n.zh-cn.json');
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  useBundle(language, bundle);
}

let languageListener: ((language: UiLanguage) => void) | undefined;
/**
 * Follow the UI language, now and on every change. The lesson schemas use it so zod's own issue texts (inside our
 * file:line messages) are in the learner's language; zod is then loaded with them, not with every activation.
 */
export function followUiLanguage(listener: (language: UiLanguage) => void): void {
  languageListener = listener;
  listener(current);
}
