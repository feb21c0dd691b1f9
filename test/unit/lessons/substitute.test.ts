import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseLesson } from '../../../src/lessons/parse';
import { applyVars, defaultVars, invalidVarValue, resolveStep, varNamesIn } from '../../../src/lessons/substitute';

const GOOD = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons', 'good', '01-every-kind.md');
const lesson = parseLesson(fs.readFileSync(GOOD, 'utf8'), GOOD).lesson!;
const step = (id: string) => lesson.steps.find((s) => s.id === id)!;

describe('applyVars', () => {
  test('replaces declared names only and leaves Go templates alone', () => {
    const text = "docker inspect -f '{{.ID}} {{json .}} {{range .Mounts}}{{.Name}}{{end}}' {{ name }} -p {{port}}:80 {{other}}";
    assert.equal(applyVars(text, { name: 'web', port: '9000' }),
      "docker inspect -f '{{.ID}} {{json .}} {{range .Mounts}}{{.Name}}{{end}}' web -p 9000:80 {{other}}");
  });

  test('a value is inserted literally (no $& or nested expansion)', () => {
    assert.equal(applyVars('{{a}}', { a: '$& {{b}}', b: 'x' }), '$& {{b}}');
  });

  test('varNamesIn skips Go template keywords', () => {
    assert.deepEqual(varNamesIn('{{port}} {{.State}} {{end}} {{else}} {{ name }} {{port}}'), ['port', 'name']);
  });
});

describe('variable values', () => {
  test('defaultVars stringifies the defaults', () => {
    assert.deepEqual(defaultVars(lesson), { port: '8080', name: 'webserver', registry_port: '5000' });
  });

  test('ports are whole numbers 1–65535', () => {
    for (const ok of ['1', '8080', '65535']) assert.equal(invalidVarValue('port', ok), undefined, ok);
    for (const bad of ['0', '65536', '80.5', '-1', 'http', '', ' 80']) assert.match(invalidVarValue('port', bad)!, /is not a port/, bad);
  });

  test('names follow docker\'s container-name rule', () => {
    for (const ok of ['web', 'Web_1.a-b', '9lives']) assert.equal(invalidVarValue('name', ok), undefined, ok);
    for (const bad of ['-web', '.x', 'a b', 'a/b', '']) assert.match(invalidVarValue('name', bad)!, /is not a valid name/, bad);
    assert.equal(invalidVarValue('text', 'anything at all'), undefined);
  });
});

describe('resolveStep', () => {
  test('defaults when nothing is overridden', () => {
    const resolved = resolveStep(step('run-web'), lesson, {});
    assert.deepEqual(resolved.diagnostics, []);
    assert.match(resolved.command, /^docker run -d -p 8080:80 --name webserver /);
    assert.deepEqual(resolved.checks, step('run-web').checks);
    assert.equal(resolved.hint, step('run-web').hint);
  });

  test('overrides reach the command and every check; numbers are coerced', () => {
    const resolved = resolveStep(step('run-web'), lesson, { port: '18080', name: 'web2' });
    assert.deepEqual(resolved.diagnostics, []);
    assert.match(resolved.command, /-p 18080:80 --name web2 /);
    assert.deepEqual(resolved.checks[0], { container: 'web2', state: 'running', image: 'nginx' });
    assert.deepEqual(resolved.checks[1], { port: { container: 'web2', private: '80/tcp', public: 18080 } });
    assert.ok(resolved.checks.some((c) => 'http' in c && c.http.url === 'http://127.0.0.1:18080/'));
    assert.deepEqual(resolved.values, { port: '18080', name: 'web2', registry_port: '5000' });
  });

  test('invalid and unknown overrides are reported and ignored', () => {
    const resolved = resolveStep(step('run-web'), lesson, { port: '99999', name: 'bad name', nope: 'x' });
    assert.deepEqual(resolved.diagnostics.map((d) => [d.severity, d.line]), [['error', 43], ['error', 43], ['warning', 43]]);
    assert.match(resolved.diagnostics[0].message, /^variable 'port': "99999" is not a port.*using the default 8080$/);
    assert.match(resolved.diagnostics[2].message, /^unknown variable 'nope' ignored \(declared: port, name, registry_port\)$/);
    assert.match(resolved.command, /-p 8080:80 --name webserver /);
  });

  test('a value that breaks a check is reported at the check\'s line', () => {
    // A port declared as text lets "abc" through the variable check; the port check's number then refuses it.
    const text = fs.readFileSync(GOOD, 'utf8').replace('  label: 主机端口\n    type: port', '  label: 主机端口\n    type: text');
    const loose = parseLesson(text, GOOD).lesson!;
    const resolved = resolveStep(loose.steps[0], loose, { port: 'abc' });
    assert.ok(resolved.diagnostics.length > 0);
    assert.equal(resolved.diagnostics[0].line, 50);
    assert.match(resolved.diagnostics[0].message, /^port check: 'port.public': /);
  });

  test('edit steps resolve their solution; interactive steps their input', () => {
    const edit = resolveStep(step('write-dockerfile'), lesson);
    assert.match(edit.solution!, /EXPOSE 80$/);
    assert.equal(resolveStep(step('run-web'), lesson).solution, undefined);
    assert.deepEqual(resolveStep(step('shell'), lesson).input, ['echo hello', 'exit']);
    const push = resolveStep(step('push'), lesson, { registry_port: '5001' });
    assert.match(push.command, /127\.0\.0\.1:5001\/web:v1/);
    assert.deepEqual(push.checks, [{ registry: { url: 'http://127.0.0.1:5001', repository: 'web', tag: 'v1' } }]);
  });
});
