import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseLesson } from '../../../src/lessons/parse';
import { renderLessonHtml, renderMarkdownInline } from '../../../src/lessons/render';

const GOOD = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons', 'good', '01-every-kind.md');
const lesson = parseLesson(fs.readFileSync(GOOD, 'utf8'), GOOD).lesson!;

describe('renderLessonHtml', () => {
  const { html, steps } = renderLessonHtml(lesson);

  test('one placeholder per step, in order, matching lesson.steps', () => {
    assert.deepEqual(steps, lesson.steps.map((s, index) => ({ id: s.id, index })));
    const ids = [...html.matchAll(/<div class="dl-step" data-step-id="([^"]*)">/g)].map((m) => m[1]);
    assert.deepEqual(ids, lesson.steps.map((s) => s.id));
  });

  test('step code is highlighted with hljs classes', () => {
    assert.match(html, /<div class="dl-step" data-step-id="run-web"><pre><code class="hljs language-bash">docker run -d -p \{\{port\}\}:80/);
    assert.match(html, /<code class="hljs language-dockerfile"><span class="hljs-keyword">FROM<\/span> nginx/);
  });

  test('check, input and solution blocks are not shown as code', () => {
    assert.doesNotMatch(html, /Welcome to nginx|echo hello|EXPOSE 80|- container:/);
  });

  test('prose: headings, CJK-friendly emphasis, safe links', () => {
    assert.match(html, /<h1>运行一个 web 服务<\/h1>/);
    assert.match(html, /先用<strong>守护态<\/strong>运行/);
    assert.match(html, /<a href="https:\/\/docs\.docker\.com\/" rel="noopener">Docker 文档<\/a>/);
  });

  test('raw HTML and javascript: links are neutralised', () => {
    const evil = renderLessonHtml({ markdown: '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n```bash step id="a\\"><b" title=t\necho\n```\n' });
    assert.doesNotMatch(evil.html, /<script|<img|href="javascript/);
    assert.match(evil.html, /&lt;script&gt;/);
    assert.match(evil.html, /data-step-id="a&quot;&gt;&lt;b"/);
  });

  test('CJK emphasis next to full-width punctuation (markdown-it-cjk-friendly)', () => {
    assert.equal(renderMarkdownInline('**“容器”**是运行中的镜像'), '<strong>“容器”</strong>是运行中的镜像');
  });

  test('a line break between Chinese characters is no space; between Latin words it stays (markdown-it-cjk-breaks)', () => {
    const { html } = renderLessonHtml({ markdown: '打印一段\n说明文字。\n\nrun the\ncommand\n' });
    assert.match(html, /<p>打印一段说明文字。<\/p>/);
    assert.match(html, /<p>run the\ncommand<\/p>/);
  });

  test('line breaks next to emphasis, code and links (markdown-it-cjk-breaks 2.0.0 alone throws on these)', () => {
    const render = (markdown: string) => renderLessonHtml({ markdown }).html;
    assert.equal(render('**粗体**\n文字\n'), '<p><strong>粗体</strong>文字</p>\n');
    assert.equal(render('中\n`code`\n文\n'), '<p>中<code>code</code>文</p>\n');
    assert.equal(render('中文\n**粗**\n文\n'), '<p>中文<strong>粗</strong>文</p>\n');
    assert.equal(render('**a**\nb\n'), '<p><strong>a</strong>\nb</p>\n');
    assert.equal(render('中文\nEnglish\n'), '<p>中文\nEnglish</p>\n', 'a break between Chinese and Latin stays a space');
  });

  test('plain code blocks in other languages keep their text escaped', () => {
    const { html: plain } = renderLessonHtml({ markdown: '```text\n<b>&\n```\n\n```json\n{"a": 1}\n```\n' });
    assert.match(plain, /<pre><code class="hljs language-text">&lt;b&gt;&amp;<\/code><\/pre>/);
    assert.match(plain, /<code class="hljs language-json"><span class="hljs-punctuation">\{<\/span>/);
  });

  test('render time of the largest fixture (reported, not asserted)', (t) => {
    const fixtures = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons', 'good');
    const largest = fs.readdirSync(fixtures).filter((f) => f.endsWith('.md'))
      .map((f) => path.join(fixtures, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    const parsed = parseLesson(fs.readFileSync(largest, 'utf8'), largest).lesson!;
    const rounds = 50;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) renderLessonHtml(parsed);
    const each = (performance.now() - start) / rounds;
    t.diagnostic(`render ${path.basename(largest)}: ${each.toFixed(2)} ms per render`);
    assert.ok(each > 0);
  });
});

describe('renderMarkdownInline', () => {
  test('inline Markdown without a paragraph, HTML escaped', () => {
    assert.equal(renderMarkdownInline('`docker run -d` 以**守护态**运行'), '<code>docker run -d</code> 以<strong>守护态</strong>运行');
    assert.equal(renderMarkdownInline('<b>x</b>'), '&lt;b&gt;x&lt;/b&gt;');
  });
});

describe('renderLessonHtml cache', () => {
  test('the same Markdown again gives the same page, as its own copy; cache: false renders anew', () => {
    const markdown = '# cache\n\n```bash step id=a title=a\necho a\n```\n\n```bash step id=b title=b\necho b\n```\n';
    const first = renderLessonHtml({ markdown });
    first.steps[0].id = 'changed by a caller';
    const again = renderLessonHtml({ markdown });
    assert.deepEqual(again.steps, [{ id: 'a', index: 0 }, { id: 'b', index: 1 }]);
    assert.equal(again.html, first.html);
    const fresh = renderLessonHtml({ markdown }, { cache: false });
    assert.equal(fresh.html, first.html);
    assert.notEqual(renderLessonHtml({ markdown: `${markdown}\nmore\n` }).html, first.html, 'other content, other page');
  });
});
