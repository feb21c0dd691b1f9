// The lesson pages the build renders into the package (src/lessons/shippedRenders.ts): read for exactly the Markdown
// and the build they were made from, ignored otherwise; and dist/renders/ holds this course's pages as the sources
// render them now.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { forgetRenders, loadLessons, renderLessonHtml, renderMarkdownInline } from '../../../src/lessons';
import { pageKey, shippedPage, useShippedRenders, writeShippedRenders, type ShippedPage } from '../../../src/lessons/shippedRenders';
import { buildLessonView, pageForShipping } from '../../../src/viewmodel/lessons/lessonView';

const root = path.resolve(__dirname, '..', '..', '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-renders-'));
}

afterEach(() => { useShippedRenders(undefined); forgetRenders(); });

describe('shipped lesson pages', () => {
  test('a page the build rendered is read for exactly its Markdown and build, with its inline texts', () => {
    const dir = tempDir();
    // Content a real render would never give, so a read is told apart from a render.
    const markdown = '# 第一课\n\n读取，而不是渲染。\n';
    const page: ShippedPage = { html: '<p>from the build</p>', steps: [{ id: 'run-it', index: 0 }], inline: { '**回顾**': '<em>shipped</em>' } };
    writeShippedRenders(dir, 'b1', [{ markdown, page }]);

    useShippedRenders(dir, 'b1');
    assert.deepEqual(renderLessonHtml({ markdown }), { html: '<p>from the build</p>', steps: [{ id: 'run-it', index: 0 }] });
    assert.equal(renderMarkdownInline('**回顾**'), '<em>shipped</em>', 'inline texts of a page read come with it');
    assert.match(renderLessonHtml({ markdown: `${markdown}\n改了一个字。\n` }).html, /<h1>第一课<\/h1>/, 'other Markdown is rendered');
    assert.match(renderLessonHtml({ markdown }, { cache: false }).html, /<h1>第一课<\/h1>/, 'cache: false renders anew');
    assert.equal(renderMarkdownInline('**回顾**', { cache: false }), '<strong>回顾</strong>');

    useShippedRenders(dir, 'b2');
    assert.equal(shippedPage(markdown), undefined, 'another build does not read b1\'s pages');
    useShippedRenders(dir, undefined);
    assert.equal(shippedPage(markdown), undefined, 'run from the sources (no build id), nothing is read');
  });

  test('a damaged or malformed page is rendered instead', () => {
    const dir = tempDir();
    const markdown = '# 坏了\n';
    fs.mkdirSync(path.join(dir, 'b1'));
    useShippedRenders(dir, 'b1');
    for (const text of ['{"html": "<p>x</p>"', '{"html": 1, "steps": [], "inline": {}}', '{"html": "x", "steps": [{"id": 1, "index": 0}], "inline": {}}',
      '{"html": "x", "steps": [], "inline": {"a": 2}}', 'null']) {
      fs.writeFileSync(path.join(dir, 'b1', `${pageKey(markdown)}.json`), text);
      assert.equal(shippedPage(markdown), undefined, text);
    }
    assert.match(renderLessonHtml({ markdown }, { cache: true }).html, /<h1>坏了<\/h1>/);
  });

  test('writing a build\'s pages removes the pages and builds that are no longer made', () => {
    const dir = tempDir();
    const page: ShippedPage = { html: '', steps: [], inline: {} };
    writeShippedRenders(dir, 'old', [{ markdown: 'a', page }]);
    writeShippedRenders(dir, 'new', [{ markdown: 'a', page }, { markdown: 'b', page }]);
    writeShippedRenders(dir, 'new', [{ markdown: 'b', page }]);
    assert.deepEqual(fs.readdirSync(dir), ['new']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'new')), [`${pageKey('b')}.json`]);
  });

  test('dist/renders holds every lesson of the course as the sources render it, for the build in dist/extension.js', async (t) => {
    const rendersDir = path.join(root, 'dist', 'renders');
    if (!fs.existsSync(rendersDir)) {
      if (process.env.CI === 'true') assert.fail('dist/renders is missing: npm test builds it first (npm run build)');
      t.skip('not built: run npm run build');
      return;
    }
    const builds = fs.readdirSync(rendersDir);
    assert.equal(builds.length, 1, `one build's pages: ${builds.join(', ')}`);
    assert.ok(fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8').includes(JSON.stringify(builds[0])),
      'the extension bundle reads the pages of its own build');
    const { lessons } = await loadLessons(path.join(root, 'lessons'));
    assert.ok(lessons.length >= 21);
    assert.equal(fs.readdirSync(path.join(rendersDir, builds[0])).length, lessons.length, 'a page per lesson, no other');
    for (const lesson of lessons) {
      useShippedRenders(rendersDir, builds[0]);
      const shipped = shippedPage(lesson.markdown);
      assert.ok(shipped, `${lesson.meta.id} is shipped`);
      assert.deepEqual(shipped, pageForShipping(lesson), `${lesson.meta.id}: the shipped page is what the sources render (npm run build renders it again)`);
      forgetRenders();
      const fromPackage = buildLessonView(lesson);
      useShippedRenders(undefined);
      forgetRenders();
      assert.deepEqual(fromPackage, buildLessonView(lesson), `${lesson.meta.id}: the page view is the same read or rendered`);

      // Every inline text the page shows comes from the package (markdown-it need not load): marked copies prove it.
      const marked = tempDir();
      const inline = Object.fromEntries(Object.keys(shipped.inline).map((text) => [text, 'MARK']));
      writeShippedRenders(marked, 'marked', [{ markdown: lesson.markdown, page: { ...shipped, html: 'MARK', inline } }]);
      useShippedRenders(marked, 'marked');
      forgetRenders();
      const view = buildLessonView(lesson);
      const inlineHtml = [...view.recapHtml, ...view.quiz.flatMap((item) => [item.questionHtml, item.answerHtml]),
        ...view.steps.flatMap((step) => step.hintsHtml ?? [])];
      assert.equal(view.html, 'MARK');
      assert.deepEqual(inlineHtml.filter((html) => html !== 'MARK'), [], `${lesson.meta.id}: inline texts rendered on open`);
      useShippedRenders(undefined);
    }
  });
});
