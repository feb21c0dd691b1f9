// `npm start` opens VS Code in the learner's language: Chinese first, English when the system asks for it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

type ChooseLocale = (env: NodeJS.ProcessEnv, intlLocale?: string) => string;

async function chooseLocale(): Promise<ChooseLocale> {
  // An ES module script; importing it does not start anything (it only runs as the entry point).
  const loaded = await import(pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'scripts', 'start.mjs')).href) as { chooseLocale: ChooseLocale };
  return loaded.chooseLocale;
}

describe('npm start: the VS Code locale', () => {
  test('Chinese unless the system language is English', async () => {
    const choose = await chooseLocale();
    assert.equal(choose({ LANG: 'zh_CN.UTF-8' }, 'en-US'), 'zh-cn');
    assert.equal(choose({ LANG: 'en_US.UTF-8' }, 'zh-CN'), 'en');
    assert.equal(choose({ LANG: 'fr_FR.UTF-8' }, 'en-US'), 'zh-cn', 'a language the course does not have: Chinese');
    assert.equal(choose({ LANG: 'C.UTF-8' }, 'en-US'), 'zh-cn', 'C names no language');
  });

  test('LC_ALL, then LC_MESSAGES, then LANG; Intl only when none is set; empty values do not count', async () => {
    const choose = await chooseLocale();
    assert.equal(choose({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN'), 'en');
    assert.equal(choose({ LC_MESSAGES: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' }, 'en-US'), 'zh-cn');
    assert.equal(choose({ LC_ALL: '', LANG: 'en_US.UTF-8' }, 'zh-CN'), 'en');
    assert.equal(choose({}, 'en-US'), 'en');
    assert.equal(choose({}, 'de-DE'), 'zh-cn');
  });

  test('DOCKER_LESSONS_LOCALE overrides the system', async () => {
    const choose = await chooseLocale();
    assert.equal(choose({ DOCKER_LESSONS_LOCALE: 'en', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(choose({ DOCKER_LESSONS_LOCALE: 'zh-CN', LANG: 'en_US.UTF-8' }), 'zh-cn');
  });
});
