import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { findLesson, loadLessons } from '../../../src/lessons/catalog';
import { resolveStep } from '../../../src/lessons/substitute';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons');

describe('loadLessons', () => {
  test('loads every lesson but README.md, sorted by order', async () => {
    const { lessons, diagnostics } = await loadLessons(path.join(FIXTURES, 'good'));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(lessons.map((l) => [l.meta.order, l.meta.id]), [[1, 'every-kind'], [2, 'second']]);
  });

  test('sorts by order, not by file name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-lessons-'));
    try {
      for (const [file, source] of [['01-z.md', '02-second.md'], ['02-a.md', '01-every-kind.md']]) {
        fs.copyFileSync(path.join(FIXTURES, 'good', source), path.join(dir, file));
      }
      const { lessons } = await loadLessons(dir);
      assert.deepEqual(lessons.map((l) => path.basename(l.file)), ['02-a.md', '01-z.md']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('duplicate ids and orders are errors on the later file, naming the other', async () => {
    const dir = path.join(FIXTURES, 'dup');
    const { lessons, diagnostics } = await loadLessons(dir);
    assert.deepEqual(diagnostics.map((d) => [path.basename(d.file), d.line, d.severity]), [
      ['02-b.md', 2, 'error'],
      ['03-c.md', 3, 'error'],
    ]);
    assert.equal(diagnostics[0].message, "lesson id 'alpha' is also used by 01-a.md: lesson ids must be unique");
    assert.equal(diagnostics[1].message, 'lesson order 2 is also used by 02-b.md: give each lesson its own number');
    assert.deepEqual(lessons.map((l) => l.meta.id), ['alpha'], 'lessons with a clash are left out');
  });

  test('lessons with errors are left out; their diagnostics say why', async () => {
    const { lessons, diagnostics } = await loadLessons(path.join(FIXTURES, 'bad'));
    // Check blocks are parsed on first use: the three lessons whose only errors are inside a check block load, and
    // the block's problems come when a step is run (resolveStep) or linted.
    assert.deepEqual(lessons.map((l) => l.meta.id).sort(),
      ['bad-check-value', 'bad-check-yaml', 'lint-advice', 'unknown-kind', 'unused-var']);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.file.endsWith('missing-id.md') && d.line === 10));
    assert.ok(!diagnostics.some((d) => /(bad-check-\w+|unknown-check-kind)\.md$/.test(d.file)), 'no check block was parsed while loading');
  });

  test('a broken check block surfaces on first use, at its line', async () => {
    const { lessons } = await loadLessons(path.join(FIXTURES, 'bad'));
    const lesson = lessons.find((l) => l.meta.id === 'bad-check-value')!;
    const [step] = lesson.steps;
    assert.deepEqual(step.checks, [], 'an invalid block gives no checks');
    const errors = resolveStep(step, lesson).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [path.basename(d.file), d.line, d.column]),
      [['bad-check-value.md', 15, 10], ['bad-check-value.md', 17, 10], ['bad-check-value.md', 18, 44]]);
  });

  test('a missing folder is a diagnostic, not an exception', async () => {
    const { lessons, diagnostics } = await loadLessons(path.join(FIXTURES, 'no-such-folder'));
    assert.deepEqual(lessons, []);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /^cannot read the lessons folder: /);
  });
});

describe('findLesson', () => {
  test('by id, order number and file-name prefix', async () => {
    const { lessons } = await loadLessons(path.join(FIXTURES, 'good'));
    assert.equal(findLesson(lessons, 'second')?.meta.order, 2);
    assert.equal(findLesson(lessons, 2)?.meta.id, 'second');
    assert.equal(findLesson(lessons, '1')?.meta.id, 'every-kind');
    assert.equal(findLesson(lessons, '01')?.meta.id, 'every-kind');
    assert.equal(findLesson(lessons, '02-sec')?.meta.id, 'second');
    assert.equal(findLesson(lessons, '0'), undefined, 'ambiguous prefix');
    assert.equal(findLesson(lessons, 'nope'), undefined);
    assert.equal(findLesson(lessons, ''), undefined);
  });
});
