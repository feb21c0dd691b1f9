// Mutate the good fixtures thousands of times (seeded, so a failure reproduces) and check that parsing, linting and
// rendering never throw and that every diagnostic points at a real line with a readable message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lintAnalysis, lintText } from '../../../src/lessons/lint';
import { analyzeLesson, parseLesson } from '../../../src/lessons/parse';
import { renderLessonHtml } from '../../../src/lessons/render';
import type { Diagnostic } from '../../../src/lessons/schema';
import { prng } from '../../support/prng';

const GOOD_DIR = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons', 'good');
const SEEDS = fs.readdirSync(GOOD_DIR).filter((f) => /^\d.*\.md$/.test(f)).map((f) => fs.readFileSync(path.join(GOOD_DIR, f), 'utf8'));
const ROUNDS = 3000;

const SNIPPETS = [
  '```', '````', '~~~', '---', '...', '{{', '}}', '{{port}}', '{{nope}}', '{{.ID}}', '{{ end }}', '"', '\\"', "'", ':',
  '- ', '  ', '\t', '\n', '\r', '\r\n', '\0', '\uFEFF', '\u2028', '\uD800', '容器', '🐳', '*a', '&a', '<<: *a', '!!binary',
  '? ', '[', ']', '{', '}', '#', '|', '>', '%YAML 1.2', 'yaml check', 'text input', 'bash step id=x title=y', 'hint:',
  '- foo: bar', '- http: { url: "http://127.0.0.1:1/" }', 'kind=interactive', 'needs=zzz', '<script>', '[x](javascript:1)',
];
const ATTR_VALUES = ['', '"', '""', '"a b"', '"unterminated', 'a"b', 'UPPER', '-lead', '0', '-1', '601', '1e9', 'NaN', 'run',
  'destructive', 'explain', 'edit', 'interactive', 'magic', '{{port}}', '"\\"x\\""', '容器'];

function mutate(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let lines = text.split('\n');
  const at = () => Math.floor(random() * Math.max(1, lines.length));
  const mutations = 1 + Math.floor(random() * 4);
  for (let m = 0; m < mutations; m++) {
    switch (Math.floor(random() * 10)) {
      case 0: lines.splice(at(), 1); break;
      case 1: { const i = at(); lines.splice(i, 0, lines[i] ?? ''); break; }
      case 2: { const i = at(); const j = at(); [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? '']; break; }
      case 3: { const joined = lines.join('\n'); lines = joined.slice(0, Math.floor(random() * joined.length)).split('\n'); break; }
      case 4: { // random bytes
        const i = at();
        const line = lines[i] ?? '';
        const pos = Math.floor(random() * (line.length + 1));
        let junk = '';
        for (let k = 1 + Math.floor(random() * 6); k > 0; k--) junk += String.fromCharCode(Math.floor(random() * (random() < 0.7 ? 128 : 0x10000)));
        lines[i] = line.slice(0, pos) + junk + line.slice(pos);
        break;
      }
      case 5: case 6: { // structural snippets
        const i = at();
        const line = lines[i] ?? '';
        const pos = random() < 0.5 ? 0 : Math.floor(random() * (line.length + 1));
        lines[i] = line.slice(0, pos) + pick(SNIPPETS) + line.slice(pos);
        break;
      }
      case 7: { // flip indentation
        const i = at();
        const line = lines[i] ?? '';
        lines[i] = /^\s/.test(line) ? line.replace(/^\s+/, '') : ' '.repeat(1 + Math.floor(random() * 4)) + line;
        break;
      }
      case 8: { // change an attribute value on a step fence
        const fences = lines.map((line, index) => (/step /.test(line) ? index : -1)).filter((index) => index >= 0);
        if (fences.length === 0) break;
        const i = pick(fences);
        const attrs = [...lines[i].matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)];
        if (attrs.length === 0) break;
        const attr = pick(attrs);
        const replacement = random() < 0.2 ? `${pick(['kind', 'needs', 'stopAfter', 'fails', 'bogus'])}=${pick(ATTR_VALUES)}` : `${attr[1]}=${pick(ATTR_VALUES)}`;
        lines[i] = lines[i].slice(0, attr.index) + replacement + lines[i].slice(attr.index! + attr[0].length);
        break;
      }
      default: { // change a YAML value
        const i = at();
        lines[i] = (lines[i] ?? '').replace(/: .*$/, `: ${pick(ATTR_VALUES)}`);
      }
    }
  }
  return lines.join('\n');
}

function checkDiagnostics(diagnostics: Diagnostic[], text: string, file: string, label: string): void {
  const lineCount = text.split(/\r\n?|\n/).length;
  for (const d of diagnostics) {
    const where = `${label}: ${JSON.stringify(d)}`;
    assert.equal(d.file, file, where);
    assert.ok(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount, `line out of range (1..${lineCount}) in ${where}`);
    assert.ok(d.column === undefined || (Number.isInteger(d.column) && d.column >= 1), where);
    assert.ok(d.severity === 'error' || d.severity === 'warning', where);
    assert.ok(d.message.trim().length > 0, where);
    assert.doesNotMatch(d.message, /ZodError|internal error|\n\s+at /, where);
  }
}

test(`parse, lint and render ${ROUNDS} mutated lessons without throwing`, (t) => {
  assert.ok(SEEDS.length > 0, 'good fixtures exist');
  const random = prng(0xd0c4e7);
  const file = '/fuzz/07-fuzz.md';
  let withLesson = 0;
  let diagnosticsSeen = 0;
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const text = mutate(SEEDS[round % SEEDS.length], random);
    const label = `round ${round}`;
    let parsed: ReturnType<typeof parseLesson>;
    let linted: Diagnostic[];
    try {
      // parseLesson and lintText are thin wrappers around these two; call them directly on every 16th round
      // (and check they agree) rather than parse every lesson twice.
      const analysis = analyzeLesson(text, file, { checks: 'now' });
      parsed = { lesson: analysis.lesson, diagnostics: analysis.diagnostics };
      linted = lintAnalysis(analysis, file);
      if (round % 16 === 0) {
        assert.deepEqual(parseLesson(text, file, { checks: 'now' }).diagnostics, parsed.diagnostics, label);
        assert.deepEqual(lintText(text, file), linted, label);
        // Deferred check blocks are parsed on first read and must not throw either.
        for (const step of parseLesson(text, file).lesson?.steps ?? []) void [step.checks, step.hint];
      }
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      assert.fail(`${label} threw ${String(error)} for:\n${text}`);
    }
    checkDiagnostics(parsed.diagnostics, text, file, label);
    checkDiagnostics(linted, text, file, label);
    diagnosticsSeen += linted.length;
    if (parsed.lesson) {
      withLesson++;
      const rendered = renderLessonHtml(parsed.lesson);
      assert.equal(rendered.steps.length, parsed.lesson.steps.length, `${label}: placeholders match steps`);
    }
  }
  t.diagnostic(`${ROUNDS} lessons in ${((performance.now() - start) / 1000).toFixed(1)} s; ${withLesson} still valid, ${diagnosticsSeen} diagnostics`);
  // The mutations must actually break things (and sometimes not), or the test proves nothing.
  assert.ok(withLesson > 0 && withLesson < ROUNDS);
  assert.ok(diagnosticsSeen > ROUNDS / 2);
});
