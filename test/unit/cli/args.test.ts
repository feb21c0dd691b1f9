import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { langFromArgv, parseCommandLine, parseVars, UsageError } from '../../../src/cli/args';

describe('CLI argument parsing', () => {
  test('run with every option', () => {
    const parsed = parseCommandLine(['run', 'first-container', '--from', 'b', '--skip', 'x,y', '--skip', 'z',
      '--var', 'port=8081', '--var=name=web', '--yes', '--json', '--lang', 'en', '--lessons', '/l', '--host', 'unix:///s',
      '--keep-going', '--force', '--work-dir', '/w']);
    assert.equal(parsed.command, 'run');
    assert.equal(parsed.lesson, 'first-container');
    assert.equal(parsed.from, 'b');
    assert.deepEqual(parsed.skip, ['x', 'y', 'z']);
    assert.deepEqual(parsed.vars, { port: '8081', name: 'web' });
    assert.equal(parsed.yes, true);
    assert.equal(parsed.keepGoing, true);
    assert.equal(parsed.force, true);
    assert.deepEqual(parsed.global, { json: true, lang: 'en', lessons: '/l', host: 'unix:///s', workDir: '/w', help: false });
  });

  test('run --step X --redo; --redo alone is a usage error', () => {
    const parsed = parseCommandLine(['run', 'volumes', '--step', 'write', '--redo']);
    assert.equal(parsed.step, 'write');
    assert.equal(parsed.redo, true);
    assert.equal(parseCommandLine(['run', 'volumes']).redo, false);
    assert.throws(() => parseCommandLine(['run', 'volumes', '--redo']), (error: unknown) => error instanceof UsageError && /--redo/.test(error.message));
    assert.throws(() => parseCommandLine(['check', 'volumes', '--step', 'x', '--redo']), UsageError, 'only run knows --redo');
  });

  test('global options may come before the command', () => {
    const parsed = parseCommandLine(['--json', '--lessons', 'dir', 'reset', '3', '-y', '--dry-run']);
    assert.equal(parsed.command, 'reset');
    assert.equal(parsed.lesson, '3');
    assert.equal(parsed.yes, true);
    assert.equal(parsed.dryRun, true);
    assert.equal(parsed.global.lessons, 'dir');
  });

  test('lint takes files; list takes none', () => {
    assert.deepEqual(parseCommandLine(['lint', 'a.md', 'b']).files, ['a.md', 'b']);
    assert.deepEqual(parseCommandLine(['lint']).files, []);
    assert.throws(() => parseCommandLine(['list', 'x']), UsageError);
  });

  test('help and no command', () => {
    assert.equal(parseCommandLine(['run', '--help']).global.help, true);
    assert.equal(parseCommandLine(['-h']).command, undefined);
    assert.equal(parseCommandLine([]).command, undefined);
  });

  test('usage errors: unknown command, unknown option, missing lesson, options of another command', () => {
    assert.throws(() => parseCommandLine(['frobnicate']), UsageError);
    assert.throws(() => parseCommandLine(['run', 'x', '--bogus']), UsageError);
    assert.throws(() => parseCommandLine(['run']), UsageError);
    assert.throws(() => parseCommandLine(['run', 'a', 'b']), UsageError);
    assert.throws(() => parseCommandLine(['check', 'a', '--yes']), UsageError);
    assert.throws(() => parseCommandLine(['run', 'a', '--step', 'x', '--from', 'y']), UsageError);
    assert.throws(() => parseCommandLine(['list', '--lang', 'fr']), UsageError);
    const error = (() => { try { parseCommandLine(['reset']); } catch (e) { return e; } })();
    assert.ok(error instanceof UsageError && error.command === 'reset');
  });

  test('--var needs name=value', () => {
    assert.deepEqual(parseVars(['a=1', 'b=x=y', 'c=']), { a: '1', b: 'x=y', c: '' });
    assert.throws(() => parseVars(['port']), UsageError);
    assert.throws(() => parseVars(['1x=2']), UsageError);
    assert.throws(() => parseCommandLine(['run', 'l', '--var', 'oops']), UsageError);
  });

  test('langFromArgv finds --lang early', () => {
    assert.equal(langFromArgv(['run', '--lang', 'en']), 'en');
    assert.equal(langFromArgv(['--lang=zh-cn', 'list']), 'zh-cn');
    assert.equal(langFromArgv(['list']), undefined);
  });

  test('run --solutions; solution <lesson> [--step]', () => {
    assert.equal(parseCommandLine(['run', '3', '--solutions']).solutions, true);
    assert.equal(parseCommandLine(['run', '3']).solutions, false);
    const solution = parseCommandLine(['solution', 'first-container', '--step', 'challenge-again']);
    assert.equal(solution.command, 'solution');
    assert.equal(solution.lesson, 'first-container');
    assert.equal(solution.step, 'challenge-again');
    assert.throws(() => parseCommandLine(['check', '3', '--solutions']), UsageError);
  });
});
