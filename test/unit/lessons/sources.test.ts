// Every section of every seed maps to a lesson, every cited section exists, and lessons/SOURCES.md is current.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadLessons } from '../../../src/lessons';
import { mapSources, normalizeHeading, renderSourcesMarkdown, type SeedHeading } from '../../../src/lessons/sources';

const dir = path.resolve(__dirname, '..', '..', '..', 'lessons');

describe('lessons/SOURCES.md', async () => {
  const { lessons } = await loadLessons(dir);
  const headings = JSON.parse(fs.readFileSync(path.join(dir, 'seed-headings.json'), 'utf8')) as SeedHeading[];
  const report = mapSources(lessons, headings);

  test('headings are compared without #, trailing colons or extra blanks', () => {
    assert.equal(normalizeHeading('## 4.1 镜像的内部结构：'), '4.1 镜像的内部结构');
    assert.equal(normalizeHeading('5.6\t限制容器对内存使用:'), '5.6 限制容器对内存使用');
  });

  test('the seed headings list is present', () => {
    assert.ok(headings.filter((h) => h.required !== false).length > 200, `expected the seeds' headings, found ${headings.length}`);
  });

  test('every seed heading is taught by a lesson', () => {
    assert.deepEqual(report.unmapped.map((h) => `${h.seed}:${h.line} ${h.heading}`), []);
  });

  test('every section a lesson cites exists in the seeds, with steps the lesson has', () => {
    assert.deepEqual(report.unknown.map((u) => `${u.lesson}: ${u.seed} "${u.section}"`), []);
    assert.deepEqual(report.badSteps.map((b) => `${b.lesson}: ${b.step}`), []);
  });

  test('SOURCES.md is up to date (npm run sources)', () => {
    const files = new Map(lessons.map((l) => [l.meta.id, path.basename(l.file)]));
    const expected = renderSourcesMarkdown(report, files);
    const actual = fs.existsSync(path.join(dir, 'SOURCES.md')) ? fs.readFileSync(path.join(dir, 'SOURCES.md'), 'utf8') : '';
    assert.equal(actual, expected);
  });
});
