// Lesson variables never become shell code: a value goes through validation, then is quoted for the spot it stands
// in, and reaches docker as exactly the intended argument. A fake `docker` on PATH records its argv, so real /bin/sh
// does the parsing; values are drawn from the characters that break shells (; $( ) ` ' " \ newline * ? [ ] ~ # & | < >
// spaces) and non-ASCII text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseLesson, resolveStep } from '../../../src/lessons';
import { quoteFor, substituteShell } from '../../../src/lessons/shell';
import { varProblem } from '../../../src/lessons/variables';
import { prepareStep } from '../../../src/runner/runner';

const root = path.resolve(__dirname, '..', '..', '..');
const VAR = /\{\{\s*([A-Za-z_]\w*)\s*\}\}/g;

/** A PATH folder whose `docker` appends its argv to a log, NUL-separated, each call opened by a \x01 record. */
function fakeDocker(): { dir: string; log: string; calls(): string[][] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-fake-docker-'));
  const log = path.join(dir, 'calls.log');
  fs.writeFileSync(path.join(dir, 'docker'),
    `#!/bin/sh\n{ printf '\\001\\000'; for arg in "$@"; do printf '%s\\000' "$arg"; done; } >> '${log}'\n`, { mode: 0o755 });
  return {
    dir, log,
    calls: () => {
      if (!fs.existsSync(log)) return [];
      const calls: string[][] = [];
      for (const field of fs.readFileSync(log, 'utf8').split('\0').slice(0, -1)) {
        if (field === '\x01') calls.push([]);
        else calls[calls.length - 1].push(field);
      }
      return calls;
    },
  };
}

function runSh(command: string, pathDir: string, cwd: string): { status: number | null; stderr: string } {
  const result = spawnSync('/bin/sh', ['-c', command], {
    cwd, env: { PATH: `${pathDir}:/usr/bin:/bin`, HOME: cwd }, encoding: 'utf8', timeout: 10_000,
  });
  return { status: result.status, stderr: result.stderr };
}

/** Deterministic pseudo-random values (mulberry32), so a failure names a value that can be replayed. */
function randomValues(count: number, seed = 20261205): string[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = [';', '$(', ')', '`', "'", '"', '\\', '*', '?', '[', ']', '~', '#', '&', '|', '<', '>', ' ', '$HOME', '${PATH}',
    '!', '{', '}', '%', '-', '--rm', '子网', 'é', '🙂', 'touch /tmp/pwned', '$((1+1))', "'\\''", '\\"', 'a', '1', '.'];
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 8);
    return Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join('');
  });
}

describe('variable values in shell commands', () => {
  const docker = fakeDocker();
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-fuzz-cwd-'));
  // In every quoting context a template can put a variable: bare, glued to text, inside "…", inside '…'.
  const template = 'docker network create --subnet {{v}}.0/24 pre{{v}}post "in double {{v}} quotes" \'in single {{v}} quotes\' {{v}}';
  const expectedArgv = (v: string) => ['network', 'create', '--subnet', `${v}.0/24`, `pre${v}post`, `in double ${v} quotes`, `in single ${v} quotes`, v];

  test('1,000 hostile values each reach docker as exactly the intended arguments, and run nothing else', () => {
    const values = randomValues(1000);
    const marker = path.join(cwd, 'pwned');
    let checked = 0;
    for (const value of values) {
      fs.rmSync(docker.log, { force: true });
      const command = substituteShell(template, { v: value }, VAR);
      const result = runSh(command.replaceAll('touch /tmp/pwned', `touch ${marker}`), docker.dir, cwd);
      const replay = `value ${JSON.stringify(value)} → ${command}`;
      assert.equal(result.status, 0, `${replay}\n${result.stderr}`);
      const calls = docker.calls();
      assert.equal(calls.length, 1, `exactly one docker call for ${replay}`);
      // The marker text inside values only ever appears as data: nothing was executed.
      const expected = expectedArgv(value.replaceAll('touch /tmp/pwned', `touch ${marker}`));
      assert.deepEqual(calls[0], expected, replay);
      assert.ok(!fs.existsSync(marker), `a value ran a command: ${replay}`);
      checked++;
    }
    assert.equal(checked, 1000);
  });

  test('plain values stay readable (no quotes added)', () => {
    assert.equal(substituteShell('docker run -p {{port}}:80 --name {{name}} nginx', { port: '8080', name: 'web-1' }, VAR),
      'docker run -p 8080:80 --name web-1 nginx');
    assert.equal(quoteFor('none', '172.31.250'), '172.31.250');
    assert.equal(quoteFor('none', 'a b'), "'a b'");
    assert.equal(quoteFor('double', '$(id)'), '\\$(id)');
    assert.equal(quoteFor('single', "it's"), `''it'\\''s''`);
  });

  test('Go templates and unknown names are left as written', () => {
    assert.equal(substituteShell("docker inspect -f '{{.State.Running}} {{json .Config}}' {{name}}", { name: 'x;y' }, VAR),
      "docker inspect -f '{{.State.Running}} {{json .Config}}' 'x;y'");
  });
});

describe('variable types refuse what cannot be meant', () => {
  test('each type accepts its own values and refuses the rest', () => {
    assert.equal(varProblem('port', '8080'), undefined);
    for (const bad of ['0', '65536', '80;id', '8080 ', '0x50', '']) assert.equal(varProblem('port', bad), 'port', bad);
    assert.equal(varProblem('subnetPrefix', '172.31.250'), undefined);
    for (const bad of ['172.31.250; touch /tmp/x; echo 172.31.250', '172.31', '256.1.1', '172.31.250.0', ' 172.31.250'])
      assert.equal(varProblem('subnetPrefix', bad), 'subnetPrefix', bad);
    assert.equal(varProblem('name', 'ch14-web_1.a'), undefined);
    for (const bad of ['-rm', 'a b', 'a;b', '名字', '']) assert.equal(varProblem('name', bad), 'name', bad);
    assert.equal(varProblem('text', '打印 一段 说明文字; $(x)'), undefined);
    assert.equal(varProblem('text', 'line\nbreak'), 'control');
    assert.equal(varProblem('path', 'a\u0000b'), 'control');
    assert.equal(varProblem('text', 'x'.repeat(201)), 'tooLong');
    assert.equal(varProblem('number', '12'), undefined);
    assert.equal(varProblem('number', '1e3'), 'number');
  });
});

describe('the issue\'s injection, through the runner\'s own preparation (what the CLI and the lesson page both use)', () => {
  const lessonFile = path.join(root, 'lessons', '14-networking.md');
  const { lesson } = parseLesson(fs.readFileSync(lessonFile, 'utf8'), lessonFile);
  const step = lesson!.steps.find((s) => s.id === 'net2-create')!;

  test('a subnet value with a command in it is refused and the default is used', () => {
    const injected = '172.31.250; touch /tmp/x; echo 172.31.250';
    const resolved = resolveStep(step, lesson!, { subnet: injected });
    assert.ok(resolved.diagnostics.some((d) => d.severity === 'error' && d.message.includes('subnet')));
    const prepared = prepareStep(lesson!, step, { subnet: injected });
    assert.ok(!prepared.command.includes('touch'), prepared.command);
    assert.ok(prepared.diagnostics.some((d) => d.severity === 'error'));
  });

  test('a text variable full of shell syntax reaches docker as one argument after the lesson label is added', () => {
    const docker = fakeDocker();
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-fuzz-label-'));
    const textLesson = { ...lesson!, meta: { ...lesson!.meta, vars: { ...lesson!.meta.vars, note: { default: 'x', label: 'note', type: 'text' as const } } } };
    const textStep = { ...step, body: 'docker network create --label note={{note}} ch14-net2' };
    for (const value of randomValues(200, 7)) {
      fs.rmSync(docker.log, { force: true });
      const prepared = prepareStep(textLesson, textStep, { note: value });
      if (value.trim() === '') {
        assert.ok(prepared.diagnostics.some((d) => d.severity === 'error'), 'an empty text value is refused');
        continue;
      }
      assert.deepEqual(prepared.diagnostics.filter((d) => d.severity === 'error'), [], JSON.stringify(value));
      const result = runSh(prepared.command, docker.dir, cwd);
      assert.equal(result.status, 0, `${prepared.command}\n${result.stderr}`);
      assert.deepEqual(docker.calls()[0], ['network', 'create', '--label', `docker-lessons.lesson=${lesson!.meta.id}`, '--label', `note=${value.trim()}`, 'ch14-net2'], prepared.command);
    }
  });
});
