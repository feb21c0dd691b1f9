// The course as the build parses and renders it into the package (src/lessons/prebuilt.ts): read for exactly the text
// and the build it was made from, ignored otherwise; and dist/prebuilt/ holds this course as the sources make it now.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeLesson, forgetRenders, loadLessons, parseLesson, renderLessonHtml, renderMarkdownInline } from '../../../src/lessons';
import { lessonFiles } from '../../../src/lessons/catalog';
import { prebuildLesson, prebuiltAnalysis } from '../../../src/lessons/parse';
import { contentKey, prebuiltLesson, prebuiltPage, usePrebuilt, writePrebuilt, type PrebuiltPage } from '../../../src/lessons/prebuilt';
import { resolveStep } from '../../../src/lessons/substitute';
import { buildLessonView, prebuildPage } from '../../../src/viewmodel/lessons/lessonView';

const root = path.resolve(__dirname, '..', '..', '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-prebuilt-'));
}

const noPages = { pages: [], lessons: [] };

afterEach(() => { usePrebuilt(undefined); forgetRenders(); });

const LESSON = ['---', 'id: pre', 'order: 1', 'title: 预构建', 'summary: s', 'sources: [{ seed: "001", section: s }]',
  'vars: { port: { default: 8080, label: 端口, type: port } }', '---', '', '# 预构建', '',
  '```bash step id=run-web title="运行 web"', 'docker run -d -p {{port}}:80 --name web nginx', '```', '```yaml check',
  '- container: web', '  state: running', '- hint: 看看端口 {{port}} 是不是被占用了。', '```', '',
  '```bash step id=broken title="坏的检查"', 'echo hi', '```', '```yaml check', '- container: [not, a, name]', '```', ''].join('\n');

describe('the course as the build made it', () => {
  test('a page is read for exactly its Markdown and build, with its inline texts', () => {
    const dir = tempDir();
    // Content a real render would never give, so a read is told apart from a render.
    const markdown = '# 第一课\n\n读取，而不是渲染。\n';
    const page: PrebuiltPage = { html: '<p>from the build</p>', steps: [{ id: 'run-it', index: 0 }], inline: { '**回顾**': '<em>prebuilt</em>' } };
    writePrebuilt(dir, 'b1', { pages: [{ markdown, page }], lessons: [] });

    usePrebuilt(dir, 'b1');
    assert.deepEqual(renderLessonHtml({ markdown }), { html: '<p>from the build</p>', steps: [{ id: 'run-it', index: 0 }] });
    assert.equal(renderMarkdownInline('**回顾**'), '<em>prebuilt</em>', 'inline texts of a page read come with it');
    assert.match(renderLessonHtml({ markdown: `${markdown}\n改了一个字。\n` }).html, /<h1>第一课<\/h1>/, 'other Markdown is rendered');
    assert.match(renderLessonHtml({ markdown }, { cache: false }).html, /<h1>第一课<\/h1>/, 'cache: false renders anew');
    assert.equal(renderMarkdownInline('**回顾**', { cache: false }), '<strong>回顾</strong>');

    usePrebuilt(dir, 'b2');
    assert.equal(prebuiltPage(markdown), undefined, 'another build does not read b1\'s pages');
    usePrebuilt(dir, undefined);
    assert.equal(prebuiltPage(markdown), undefined, 'run from the sources (no build id), nothing is read');
  });

  test('a lesson\'s parse is read for exactly its text: the same lesson, its check blocks parsed on first use with their lines', () => {
    const dir = tempDir();
    const file = path.join(dir, '01-pre.md');
    const parsed = parseLesson(LESSON, file).lesson!;
    writePrebuilt(dir, 'b1', { pages: [], lessons: [{ text: LESSON, lesson: prebuildLesson(parsed) }] });
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'b1', 'lessons', `${contentKey(LESSON)}.json`), 'utf8')) as { steps: object[] };
    assert.ok(stored.steps.every((step) => !('checks' in step)), 'check blocks are not parsed for the package');
    assert.deepEqual(stored.steps.map((step) => (step as { hint?: string }).hint), ['看看端口 8080 是不是被占用了。', undefined],
      'the hints the page shows are');

    usePrebuilt(dir, 'b1');
    const read = prebuiltAnalysis(LESSON, file)!;
    assert.ok(read, 'read from the package');
    assert.deepEqual(read.diagnostics, []);
    const fresh = parseLesson(LESSON, file).lesson!;
    assert.deepEqual({ ...read.lesson!, steps: [] }, { ...fresh, steps: [] }, 'meta, paths, Markdown and its line');
    assert.equal(read.lesson!.steps[0].hint, '看看端口 8080 是不是被占用了。', 'the hint, variables filled in, without the checks');
    read.lesson!.steps.forEach((step, i) => assert.deepEqual({ ...step }, { ...fresh.steps[i] }, step.id));
    // A broken check block is reported when the step is resolved, at its line in the file, as from a parse.
    const broken = resolveStep(read.lesson!.steps[1], read.lesson!, {});
    assert.deepEqual(broken.diagnostics, resolveStep(fresh.steps[1], fresh, {}).diagnostics);
    assert.equal(broken.diagnostics[0]?.line, 25, 'the check item\'s line');
    assert.equal(read.keyLine(['order']), 3, 'a key\'s line (for a message about another file) from the text');

    assert.equal(prebuiltAnalysis(`${LESSON}\n改了。\n`, file), undefined, 'an edited file is parsed');
    usePrebuilt(dir, 'b2');
    assert.equal(prebuiltLesson(LESSON), undefined, 'another build\'s parse is not read');
  });

  test('damaged or malformed files are parsed and rendered instead', async () => {
    const dir = tempDir();
    const lessonsDir = tempDir();
    fs.writeFileSync(path.join(lessonsDir, '01-pre.md'), LESSON);
    const markdown = '# 坏了\n';
    fs.mkdirSync(path.join(dir, 'b1', 'pages'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'b1', 'lessons'), { recursive: true });
    usePrebuilt(dir, 'b1');
    for (const text of ['{"html": "<p>x</p>"', '{"html": 1, "steps": [], "inline": {}}', '{"html": "x", "steps": [{"id": 1, "index": 0}], "inline": {}}',
      '{"html": "x", "steps": [], "inline": {"a": 2}}', 'null', '[]']) {
      fs.writeFileSync(path.join(dir, 'b1', 'pages', `${contentKey(markdown)}.json`), text);
      assert.equal(prebuiltPage(markdown), undefined, text);
    }
    assert.match(renderLessonHtml({ markdown }).html, /<h1>坏了<\/h1>/);
    for (const text of ['{', '{"meta": {"id": "x", "vars": {}}, "steps": [], "markdown": "m"}', '{"meta": {"id": "x"}, "steps": [], "markdown": "m", "markdownLine": 3}',
      '{"meta": {"id": "x", "vars": {"p": 1}}, "steps": [], "markdown": "m", "markdownLine": 3}',
      '{"meta": {"id": "x", "vars": {}}, "steps": [{"id": "s", "body": "", "vars": []}], "markdown": "m", "markdownLine": 3}']) {
      fs.writeFileSync(path.join(dir, 'b1', 'lessons', `${contentKey(LESSON)}.json`), text);
      assert.equal(prebuiltLesson(LESSON), undefined, text);
      assert.equal(prebuiltAnalysis(LESSON, 'x.md'), undefined, text);
      assert.deepEqual((await loadLessons(lessonsDir)).lessons.map((lesson) => lesson.meta.id), ['pre'], `${text}: listed, parsed from its text`);
    }
  });

  test('writing a build removes the files and builds that are no longer made', () => {
    const dir = tempDir();
    const page: PrebuiltPage = { html: '', steps: [], inline: {} };
    const lesson = prebuildLesson(parseLesson(LESSON, 'x.md').lesson!);
    writePrebuilt(dir, 'old', { pages: [{ markdown: 'a', page }], lessons: [] });
    writePrebuilt(dir, 'new', { pages: [{ markdown: 'a', page }, { markdown: 'b', page }], lessons: [{ text: LESSON, lesson }] });
    writePrebuilt(dir, 'new', { pages: [{ markdown: 'b', page }], lessons: [] });
    assert.deepEqual(fs.readdirSync(dir), ['new']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'new', 'pages')), [`${contentKey('b')}.json`]);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'new', 'lessons')), []);
    writePrebuilt(dir, 'new', noPages);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'new', 'pages')), []);
  });

  test('dist/prebuilt holds the whole course as the sources parse and render it, for the build in dist/extension.js', async (t) => {
    const prebuiltDir = path.join(root, 'dist', 'prebuilt');
    if (!fs.existsSync(prebuiltDir)) {
      if (process.env.CI === 'true') assert.fail('dist/prebuilt is missing: npm test builds it first (npm run build)');
      t.skip('not built: run npm run build');
      return;
    }
    const builds = fs.readdirSync(prebuiltDir);
    assert.equal(builds.length, 1, `one build's files: ${builds.join(', ')}`);
    assert.ok(fs.readFileSync(path.join(root, 'dist', 'extension.js'), 'utf8').includes(JSON.stringify(builds[0])),
      'the extension bundle reads the files of its own build');
    const files = await lessonFiles(path.join(root, 'lessons'));
    assert.ok(files.length >= 21);
    assert.equal(fs.readdirSync(path.join(prebuiltDir, builds[0], 'pages')).length, files.length, 'a page per lesson, no other');
    assert.equal(fs.readdirSync(path.join(prebuiltDir, builds[0], 'lessons')).length, files.length, 'a parse per lesson, no other');
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const fresh = analyzeLesson(text, file);
      const id = path.basename(file);
      usePrebuilt(prebuiltDir, builds[0]);
      const read = prebuiltAnalysis(text, file);
      assert.ok(read?.lesson && fresh.lesson, `${id}: parsed by the build`);
      assert.deepEqual(read.lesson, fresh.lesson, `${id}: the build's parse is the sources' (npm run build parses it again)`);
      const page = prebuiltPage(fresh.lesson.markdown);
      assert.ok(page, `${id}: rendered by the build`);
      assert.deepEqual(page, prebuildPage(fresh.lesson), `${id}: the build's page is what the sources render`);

      // Every inline text the page shows comes from the package (markdown-it need not load): marked copies prove it.
      const marked = tempDir();
      const inline = Object.fromEntries(Object.keys(page.inline).map((text) => [text, 'MARK']));
      writePrebuilt(marked, 'marked', { pages: [{ markdown: fresh.lesson.markdown, page: { ...page, html: 'MARK', inline } }], lessons: [] });
      usePrebuilt(marked, 'marked');
      forgetRenders();
      const view = buildLessonView(fresh.lesson);
      const inlineHtml = [...view.recapHtml, ...view.quiz.flatMap((item) => [item.questionHtml, item.answerHtml]),
        ...view.steps.flatMap((step) => step.hintsHtml ?? [])];
      assert.equal(view.html, 'MARK');
      assert.deepEqual(inlineHtml.filter((html) => html !== 'MARK'), [], `${id}: inline texts rendered on open`);
      usePrebuilt(undefined);
      forgetRenders();
    }
    usePrebuilt(prebuiltDir, builds[0]);
    const { lessons, diagnostics } = await loadLessons(path.join(root, 'lessons'));
    assert.deepEqual(diagnostics, []);
    assert.equal(lessons.length, files.length, 'the catalog lists the course from the package');
  });
});
