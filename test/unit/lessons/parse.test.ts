import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CHECK_KINDS, checkKind, STEP_KINDS, type Diagnostic } from '../../../src/lessons/schema';
import { classifyFence, parseLesson, tokenizeAttrs } from '../../../src/lessons/parse';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons');
const GOOD = path.join(FIXTURES, 'good', '01-every-kind.md');

/** Parsed with every check block validated at once (what lint sees): these tests are about the messages. */
function parseFixture(name: string) {
  const file = path.join(FIXTURES, name);
  return { file, ...parseLesson(fs.readFileSync(file, 'utf8'), file, { checks: 'now' }) };
}

/** The one error of a malformed fixture: asserts there is exactly one and that it reads well. */
function onlyError(diagnostics: Diagnostic[]): Diagnostic {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1, `expected one error, got:\n${errors.map((d) => `${d.line}: ${d.message}`).join('\n')}`);
  assertReadable(errors[0]);
  return errors[0];
}

function assertReadable(d: Diagnostic): void {
  assert.ok(d.message.length > 0);
  assert.doesNotMatch(d.message, /ZodError|at \S+ \(|\n\s+at |\[object Object\]|"code":/);
}

describe('parseLesson: the good fixture', () => {
  const { lesson, diagnostics, file } = parseFixture('good/01-every-kind.md');

  test('parses without diagnostics', () => {
    assert.deepEqual(diagnostics, []);
    assert.ok(lesson);
  });

  test('front matter, file and assets folder', () => {
    assert.equal(lesson!.meta.id, 'every-kind');
    assert.equal(lesson!.meta.order, 1);
    assert.equal(lesson!.file, path.resolve(file));
    assert.equal(lesson!.assetsDir, path.join(FIXTURES, 'good', 'every-kind'));
    assert.deepEqual(Object.keys(lesson!.meta.vars), ['port', 'name', 'registry_port']);
    assert.equal(lesson!.markdownLine, 38);
    assert.match(lesson!.markdown, /^\n# 运行一个 web 服务/);
  });

  test('covers every step kind and every check kind', () => {
    assert.deepEqual(new Set(lesson!.steps.map((s) => s.kind)), new Set(STEP_KINDS));
    const kinds = new Set(lesson!.steps.flatMap((s) => s.checks.map(checkKind)));
    assert.deepEqual(kinds, new Set(CHECK_KINDS));
  });

  test('steps carry lines, bodies without the trailing newline, and defaults', () => {
    const [run, inspect] = lesson!.steps;
    assert.equal(run.id, 'run-web');
    assert.equal(run.title, '以守护态运行 nginx');
    assert.equal(run.timeout, 30);
    assert.equal(run.line, 43);
    assert.equal(run.checksLine, 46);
    assert.equal(run.lang, 'bash');
    assert.equal(run.body, 'docker run -d -p {{port}}:80 --name {{name}} -v webdata:/usr/share/nginx/html --network lessonnet nginx');
    assert.deepEqual(run.vars, ['port', 'name']);
    assert.equal(run.hint, '端口被占用时，把 8080 换成另一个空闲端口。');
    assert.match(run.checksSource!, /"\{\{port\}\}"/);
    assert.equal(inspect.timeout, 60, 'schema default');
    assert.equal(inspect.kind, 'run');
    assert.equal(inspect.needs, 'run-web');
    assert.deepEqual(inspect.vars, ['name'], 'Go templates ({{.State.Status}}, {{end}}) are not variables');
  });

  test('checks are validated with the default values substituted (numbers coerced)', () => {
    const run = lesson!.steps[0];
    assert.deepEqual(run.checks[0], { container: 'webserver', state: 'running', image: 'nginx' });
    assert.deepEqual(run.checks[1], { port: { container: 'webserver', private: '80/tcp', public: 8080 } });
    const http = run.checks.find((c) => 'http' in c) as { http: { url: string } };
    assert.equal(http.http.url, 'http://127.0.0.1:8080/');
    const build = lesson!.steps.find((s) => s.id === 'build')!;
    assert.equal((build.checks[0] as { minLayers: number }).minLayers, 1);
  });

  test('input, solution and explain/edit attributes attach to their step', () => {
    const shell = lesson!.steps.find((s) => s.id === 'shell')!;
    assert.deepEqual(shell.input, ['echo hello', 'exit']);
    const edit = lesson!.steps.find((s) => s.id === 'write-dockerfile')!;
    assert.equal(edit.file, 'Dockerfile');
    assert.equal(edit.lang, 'dockerfile');
    assert.match(edit.solution!, /EXPOSE 80$/);
    const explain = lesson!.steps.find((s) => s.id === 'login')!;
    assert.match(explain.reason!, /Docker Hub/);
    assert.deepEqual(explain.checks, []);
  });

  test('CRLF line endings and a BOM give the same result', () => {
    const text = '\uFEFF' + fs.readFileSync(GOOD, 'utf8').replace(/\n/g, '\r\n');
    const again = parseLesson(text, GOOD);
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(again.lesson!.steps.map((s) => [s.id, s.line, s.body]), lesson!.steps.map((s) => [s.id, s.line, s.body]));
  });
});

describe('parseLesson: malformed lessons name the file and line', () => {
  const cases: [fixture: string, line: number, message: RegExp][] = [
    ['bad/bad-frontmatter-yaml.md', 4, /^invalid YAML in front matter: Missing closing "quote/],
    ['bad/bad-check-yaml.md', 16, /^invalid YAML in check block: /],
    ['bad/unknown-check-kind.md', 15, /^unknown check kind 'foo' \(known: container, service, image, port, .*registry\)$/],
    ['bad/missing-id.md', 10, /^step has no id: add id=/],
    ['bad/duplicate-ids.md', 17, /^duplicate step id 'same' \(lines 10 and 17\)/],
    ['bad/no-checks.md', 10, /^step 'lonely' has no checks: add a ```yaml check``` block after it$/],
    ['bad/undeclared-var.md', 12, /^variable \{\{port\}\} is used in step 'run-web' but not declared: add port under "vars:"/],
    ['bad/bad-quoting.md', 10, /^unterminated quoted value for 'title': add the closing "$/],
    ['bad/no-front-matter.md', 1, /^missing front matter: start the file with a line "---"/],
  ];
  for (const [fixture, line, message] of cases) {
    test(fixture, () => {
      const { lesson, diagnostics, file } = parseFixture(fixture);
      assert.equal(lesson, undefined, 'no lesson when there are errors');
      const error = onlyError(diagnostics);
      assert.equal(error.file, file);
      assert.equal(error.line, line);
      assert.match(error.message, message);
    });
  }

  test('schema issues in checks point at the offending value', () => {
    const { diagnostics } = parseFixture('bad/bad-check-value.md');
    const errors = diagnostics.filter((d) => d.severity === 'error');
    errors.forEach(assertReadable);
    assert.deepEqual(errors.map((d) => [d.line, d.column]), [[15, 10], [17, 10], [18, 44]]);
    assert.match(errors[0].message, /^container check: 'state': .*"running"/);
    assert.match(errors[1].message, /^http check: 'http.url': an http\(s\) URL on 127.0.0.1/);
    assert.equal(errors[2].message, "port check: unknown field 'extra' in 'port'");
  });

  test('front-matter schema issues point at their keys', () => {
    const { diagnostics } = parseFixture('bad/bad-front-matter-value.md');
    diagnostics.forEach(assertReadable);
    const byLine = diagnostics.map((d) => [d.line, d.message]);
    assert.deepEqual(byLine.map(([line]) => line), [2, 3, 7, 8, 10]);
    assert.match(String(byLine[0][1]), /^front matter: 'id': lower-case letters/);
    assert.match(String(byLine[1][1]), /^front matter: 'order': /);
    assert.match(String(byLine[2][1]), /^front matter: 'sources\[0\]\.seed': /);
    assert.equal(byLine[3][1], "front matter: unknown field 'colour'");
    assert.match(String(byLine[4][1]), /^variable 'port': default "70000" is not a port/);
  });

  test('step-kind rules', () => {
    const { diagnostics } = parseFixture('bad/kind-rules.md');
    diagnostics.forEach(assertReadable);
    assert.deepEqual(diagnostics.map((d) => [d.line, d.severity, d.message.split(':')[0]]), [
      [10, 'error', 'a ```yaml check``` block must follow a step (```bash step id=… title=…```)'],
      [14, 'error', "interactive step 'tty' has no input"],
      [21, 'error', "explain step 'why' needs reason=\"…\" saying why it is not run here"],
      [25, 'error', "edit step 'write' needs file=\"…\""],
      [29, 'error', "step 'later' needs 'nope', which is not an earlier step id"],
      [36, 'error', "unknown step kind 'magic' (known"],
    ]);
  });

  test('a declared but unused variable is a warning, and the lesson still loads', () => {
    const { lesson, diagnostics } = parseFixture('bad/unused-var.md');
    assert.ok(lesson);
    assert.deepEqual(diagnostics.map((d) => [d.line, d.severity, d.message]), [
      [10, 'warning', "variable 'extra' is declared but never used as {{extra}}"],
    ]);
  });

  test('unclosed front matter and non-mapping YAML', () => {
    assert.match(onlyError(parseLesson('---\nid: x\n', 'x.md').diagnostics).message, /^front matter is not closed/);
    const list = onlyError(parseLesson('---\n- a\n---\n', 'x.md').diagnostics);
    assert.equal(list.line, 2);
    assert.match(list.message, /must be a YAML mapping/);
  });

  test('an unquoted {{variable}} in a check is explained', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'good', '01-every-kind.md'), 'utf8')
      .replace('private: 80/tcp, public: "{{port}}" }', 'private: 80/tcp, public: {{port}} }');
    const error = onlyError(parseLesson(text, 'x.md', { checks: 'now' }).diagnostics);
    assert.equal(error.line, 50);
    assert.equal(error.message, 'invalid YAML in check block: put variables in quotes, e.g. public: "{{port}}"');
  });

  test('a check block that is not a list', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'bad', 'no-checks.md'), 'utf8')
      .replace('```\n\nSome prose.', '```\n```yaml check\ncontainer: web\n```\n');
    const error = onlyError(parseLesson(text, 'x.md', { checks: 'now' }).diagnostics);
    assert.equal(error.line, 14);
    assert.match(error.message, /must be a YAML list/);
  });
});

describe("parseLesson's check blocks: parsed on first use (the default) or now (lint)", () => {
  const text = fs.readFileSync(GOOD, 'utf8');

  test('on use gives the same lesson as parsing every block now, block by block on first read', () => {
    const eager = parseLesson(text, GOOD, { checks: 'now' }).lesson!;
    const lazy = parseLesson(text, GOOD).lesson!;
    for (const [index, step] of lazy.steps.entries()) {
      assert.deepEqual(step.checks, eager.steps[index].checks, step.id);
      assert.equal(step.hint, eager.steps[index].hint, step.id);
    }
    assert.deepEqual(lazy, eager);
  });

  test('reads a block once, and an assigned value replaces it', () => {
    const step = parseLesson(text, GOOD).lesson!.steps[0];
    assert.equal(step.checks, step.checks, 'the same array on every read');
    step.checks = [];
    step.hint = 'x';
    assert.deepEqual([step.checks, step.hint], [[], 'x']);
  });

  test('step and front-matter errors are still reported while parsing; check-block errors wait for lint or use', () => {
    const broken = text.replace('private: 80/tcp, public: "{{port}}" }', 'private: 80/tcp, public: {{port}} }');
    assert.equal(onlyError(parseLesson(broken, 'x.md', { checks: 'now' }).diagnostics).line, 50);
    const lazy = parseLesson(broken, 'x.md');
    assert.deepEqual(lazy.diagnostics, []);
    const badAttr = parseLesson(text.replace('step id=run-web ', 'step id=run-web colour=red '), 'x.md');
    assert.match(onlyError(badAttr.diagnostics).message, /^unknown step attribute 'colour'/);
  });
});

describe('fence info and attributes', () => {
  test('classifyFence', () => {
    assert.deepEqual(classifyFence('yaml check'), { role: 'check', lang: 'yaml' });
    assert.deepEqual(classifyFence('text input'), { role: 'input', lang: 'text' });
    assert.deepEqual(classifyFence('dockerfile solution'), { role: 'solution', lang: 'dockerfile' });
    assert.deepEqual(classifyFence('bash'), { role: 'code', lang: 'bash' });
    assert.deepEqual(classifyFence(''), { role: 'code', lang: '' });
    const step = classifyFence('bash step id=a title="b c"');
    assert.equal(step.role, 'step');
    assert.equal(step.role === 'step' && step.attrs.trim(), 'id=a title="b c"');
  });

  test('bare, quoted and escaped values', () => {
    assert.deepEqual(tokenizeAttrs(' id=run-web  title="以守护态 \\"运行\\" nginx" timeout=30 empty= '), {
      attrs: { id: 'run-web', title: '以守护态 "运行" nginx', timeout: '30', empty: '' }, errors: [],
    });
    assert.deepEqual(tokenizeAttrs('path="C:\\\\x"').attrs, { path: 'C:\\x' });
  });

  test('quoting mistakes are reported with their offset', () => {
    assert.deepEqual(tokenizeAttrs('id=a title="x').errors.map((e) => e.offset), [5]);
    assert.match(tokenizeAttrs('id=a title=foo bar').errors[0].message, /expected key=value .* found "bar"/);
    assert.match(tokenizeAttrs('title=a"b').errors[0].message, /stray quote/);
    assert.match(tokenizeAttrs('title="a"b').errors[0].message, /after the quoted value/);
    assert.match(tokenizeAttrs('id=a id=b').errors[0].message, /given twice/);
  });

  test('an unknown attribute names the known ones', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'bad', 'no-checks.md'), 'utf8').replace('title="没有检查"', 'title=x colour=red');
    const error = onlyError(parseLesson(text, 'x.md').diagnostics);
    assert.equal(error.line, 10);
    assert.match(error.message, /^unknown step attribute 'colour' \(known: id, title, kind, timeout/);
  });

  test('fails=false means false; other values are refused', () => {
    const base = fs.readFileSync(path.join(FIXTURES, 'bad', 'no-checks.md'), 'utf8')
      .replace('```\n\nSome prose.', '```\n```yaml check\n- exitCode: { not: 0 }\n```\n');
    const falsy = parseLesson(base.replace('title="没有检查"', 'title=x fails=false'), 'x.md');
    assert.deepEqual(falsy.diagnostics, []);
    assert.equal(falsy.lesson!.steps[0].fails, false);
    assert.equal(parseLesson(base.replace('title="没有检查"', 'title=x fails=true'), 'x.md').lesson!.steps[0].fails, true);
    const error = onlyError(parseLesson(base.replace('title="没有检查"', 'title=x fails=maybe'), 'x.md').diagnostics);
    assert.equal(error.line, 10);
    assert.equal(error.message, 'fails=maybe: write fails=true or fails=false');
  });

  test('a step fence without a language is pointed out', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'bad', 'no-checks.md'), 'utf8').replace('```bash step', '```step');
    const error = onlyError(parseLesson(text, 'x.md').diagnostics);
    assert.equal(error.line, 10);
    assert.match(error.message, /needs a language before it/);
  });
});

describe('check kind precedence', () => {
  test('a service or container check may name an image without becoming an image check', async () => {
    const { parseLesson } = await import('../../../src/lessons');
    const text = [
      '---', 'id: kinds', 'order: 1', 'title: t', 'summary: s', 'sources: [{ seed: "001", section: x }]', '---',
      '```bash step id=s title=s', 'docker service create --name web nginx', '```', '```yaml check',
      '- service: web', '  image: nginx', '  replicas: 1', '- container: c', '  image: nginx', '  exitCode: 0', '```', '',
    ].join('\n');
    const { lesson, diagnostics } = parseLesson(text, 'kinds.md');
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(lesson?.steps[0].checks.map((c) => Object.keys(c)[0]), ['service', 'container']);
  });
});

describe('step hints on a lesson page', () => {
  test('every lesson: the hint read from its hint items alone is the one the whole check block gives', () => {
    const dir = path.resolve(__dirname, '..', '..', '..', 'lessons');
    let hints = 0;
    let challengeHints = 0;
    for (const name of fs.readdirSync(dir).filter((f) => /^\d\d-.*\.md$/.test(f))) {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      const lazy = parseLesson(text, file).lesson!;
      const eager = parseLesson(text, file, { checks: 'now' }).lesson!;
      lazy.steps.forEach((step, i) => {
        assert.equal(step.hint, eager.steps[i].hint, `${name} ${step.id}`);
        assert.deepEqual(step.hints, eager.steps[i].hints, `${name} ${step.id}: a challenge's graded hints`);
        if (step.hint) hints++;
        if (step.hints?.length) challengeHints += step.hints.length;
      });
    }
    assert.ok(hints > 100, `${hints} hints`);
    assert.ok(challengeHints > 100, `${challengeHints} graded hints of challenges`);
  });

  test('read alone: a check\'s own hint is not the step\'s, variables are filled in, odd forms fall back to the block', () => {
    const hintOf = (block: string) => {
      const text = ['---', 'id: h', 'order: 1', 'title: h', 'summary: h', 'sources: [{ seed: "001", section: h }]', 'vars: { port: { default: 8080, label: p, type: port } }',
        '---', '```bash step id=s title=s', 'echo {{port}}', '```', '```yaml check', block, '```', ''].join('\n');
      return parseLesson(text, 'h.md').lesson!.steps[0].hint;
    };
    assert.equal(hintOf('- container: web\n  hint: not the step\'s\n- hint: open port {{port}}'), 'open port 8080');
    assert.equal(hintOf('- hint: not the step\'s\n  container: web'), undefined);
    assert.equal(hintOf('- hint: >-\n    two\n    lines\n- container: web'), 'two lines');
    assert.equal(hintOf('- {hint: flow style}\n- container: web'), 'flow style');
    assert.equal(hintOf('- hint: first\n- hint: "last: wins"'), 'last: wins');
  });

  test('a challenge\'s graded hints read alone: in order, variables filled in, a check\'s own hint left out', () => {
    const hintsOf = (block: string) => {
      const text = ['---', 'id: h', 'order: 1', 'title: h', 'summary: h', 'sources: [{ seed: "001", section: h }]', 'vars: { port: { default: 8080, label: p, type: port } }',
        '---', '```bash step id=c title=c kind=challenge', 'echo {{port}}', '```', '```markdown task', 'do it', '```', '```yaml check', block, '```', ''].join('\n');
      const step = parseLesson(text, 'h.md').lesson!.steps[0];
      assert.equal(step.hint, undefined, 'a challenge has no step hint');
      return step.hints;
    };
    assert.deepEqual(hintsOf('- container: web\n  hint: not graded\n- hint: first {{port}}\n- hint: "second: quoted \\"x\\""'), ['first 8080', 'second: quoted "x"']);
    assert.deepEqual(hintsOf('- {hint: flow style}\n- hint: plain\n- container: web'), ['flow style', 'plain'], 'an odd form: the whole block');
    assert.deepEqual(hintsOf('- container: web'), []);
  });
});
