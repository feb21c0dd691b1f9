import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLesson } from '../../../../src/lessons/parse';
import type { Lesson } from '../../../../src/lessons/schema';
import {
  WEBVIEW_LABELS, buildLessonView, neighboursOf, panelTitle, varValuesFor, viewProgress, webviewLabels,
} from '../../../../src/viewmodel/lessons/lessonView';
import { lessonView as lessonViewSchema } from '../../../../src/webview/protocol';

const FENCE = '```';
function lessonText(id: string, order: number, body: string, extra = ''): string {
  return `---
id: ${id}
order: ${order}
title: 课程${order}
summary: 摘要 ${order}
sources:
  - { seed: "000", section: "# x" }
${extra}---

${body}
`;
}

const WEB = lessonText('web', 5, `# 运行 **web** 服务

${FENCE}bash step id=run-web title="以守护态运行 nginx"
docker run -d -p {{port}}:80 --name {{name}} nginx
${FENCE}
${FENCE}yaml check
- container: "{{name}}"
  state: running
- hint: 端口被占用时换一个。
${FENCE}

${FENCE}bash step id=push title="推送镜像" kind=explain reason="需要访问 Docker Hub"
docker push nginx
${FENCE}

${FENCE}dockerfile step id=write title="写 Dockerfile" kind=edit file=Dockerfile
FROM nginx
${FENCE}
${FENCE}yaml check
- workspaceFile: { path: Dockerfile, contains: FROM }
${FENCE}
`, `vars:
  port: { default: 8080, label: 宿主机端口, type: port }
  name: { default: dl-web, label: 容器名, type: name }
recap:
  - "\`docker run -d\` 在后台运行"
  - 端口映射用 **-p**
quiz:
  - q: "\`-p 8080:80\` 里哪个是宿主机端口？"
    a: 8080 <b>不是</b> HTML
`);

function parse(text: string, file: string): Lesson {
  const { lesson, diagnostics } = parseLesson(text, file);
  assert.ok(lesson, `fixture parses: ${diagnostics.map((d) => d.message).join('; ')}`);
  return lesson;
}

const web = parse(WEB, '/lessons/05-web.md');
const intro = parse(lessonText('intro', 1, '# 介绍\n\n只有文字。'), '/lessons/01-intro.md');
const images = parse(lessonText('images', 7, '# 镜像\n'), '/lessons/07-images.md');

describe('buildLessonView', () => {
  const view = buildLessonView(web, { prev: intro, next: images }, {});

  test('is a valid protocol LessonView', () => {
    assert.ok(lessonViewSchema.safeParse(view).success);
  });

  test('steps in order, with kind, command ({{vars}} kept), vars, reason, file, hint and hasChecks', () => {
    assert.deepEqual(view.steps.map((s) => [s.id, s.index, s.kind]), [['run-web', 0, 'run'], ['push', 1, 'explain'], ['write', 2, 'edit']]);
    const [run, push, write] = view.steps;
    assert.equal(run.command, 'docker run -d -p {{port}}:80 --name {{name}} nginx');
    assert.deepEqual(run.vars, ['port', 'name']);
    assert.equal(run.hint, '端口被占用时换一个。');
    assert.equal(run.hasChecks, true);
    assert.equal(push.reason, '需要访问 Docker Hub');
    assert.equal(push.hasChecks, false);
    assert.equal(write.file, 'Dockerfile');
    assert.equal(write.hasChecks, true);
  });

  test('html has one placeholder per step and keeps {{vars}} for the webview to fill', () => {
    const ids = [...view.html.matchAll(/data-step-id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, ['run-web', 'push', 'write']);
    assert.match(view.html, /\{\{port\}\}/);
    assert.match(view.html, /<strong>web<\/strong>/);
  });

  test('variables: defaults when nothing is saved', () => {
    assert.deepEqual(view.vars, [
      { name: 'port', label: '宿主机端口', type: 'port', value: '8080' },
      { name: 'name', label: '容器名', type: 'name', value: 'dl-web' },
    ]);
  });

  test('variables: saved values win when valid; invalid or unknown saved values are ignored', () => {
    const saved = buildLessonView(web, {}, { port: '9090', name: 'bad name!', other: 'x' });
    assert.deepEqual(saved.vars.map((v) => [v.name, v.value]), [['port', '9090'], ['name', 'dl-web']]);
    assert.deepEqual(varValuesFor(web, { port: '70000' }), { port: '8080', name: 'dl-web' });
  });

  test('recap and quiz are inline HTML; raw HTML in a lesson stays escaped', () => {
    assert.deepEqual(view.recapHtml, ['<code>docker run -d</code> 在后台运行', '端口映射用 <strong>-p</strong>']);
    assert.equal(view.quiz.length, 1);
    assert.equal(view.quiz[0].questionHtml, '<code>-p 8080:80</code> 里哪个是宿主机端口？');
    assert.equal(view.quiz[0].answerHtml, '8080 &lt;b&gt;不是&lt;/b&gt; HTML');
  });

  test('prev/next carry id and title only; absent at the ends', () => {
    assert.deepEqual(view.prev, { id: 'intro', title: '课程1' });
    assert.deepEqual(view.next, { id: 'images', title: '课程7' });
    const alone = buildLessonView(intro);
    assert.equal(alone.prev, undefined);
    assert.equal(alone.next, undefined);
    assert.deepEqual(alone.steps, []);
  });
});

describe('neighboursOf', () => {
  test('by course order, whatever the list order', () => {
    const lessons = [images, web, intro];
    assert.deepEqual(neighboursOf(lessons, 'web'), { prev: intro, next: images });
    assert.deepEqual(neighboursOf(lessons, 'intro'), { prev: undefined, next: web });
    assert.deepEqual(neighboursOf(lessons, 'images'), { prev: web, next: undefined });
    assert.deepEqual(neighboursOf(lessons, 'missing'), {});
  });
});

describe('viewProgress', () => {
  const steps = web.steps;
  test('stored verdicts pass through; steps without progress are left out', () => {
    const passed = { state: 'passed' as const, checks: [], at: 1 };
    assert.deepEqual(viewProgress(steps, { 'run-web': passed }, undefined), { 'run-web': passed });
  });
  test('the running step shows as running even over an older verdict', () => {
    const failed = { state: 'failed' as const, checks: [] };
    assert.deepEqual(viewProgress(steps, { 'run-web': failed }, 'run-web'), { 'run-web': { state: 'running', checks: [] } });
    const checking = { state: 'checking' as const, checks: [] };
    assert.deepEqual(viewProgress(steps, { write: checking }, 'write'), { write: checking });
  });
});

describe('labels and title', () => {
  test('every label key is translated through the given function', () => {
    const labels = webviewLabels((message) => `«${message}»`);
    assert.deepEqual(Object.keys(labels), Object.keys(WEBVIEW_LABELS));
    assert.equal(labels.run, '«Run»');
    assert.equal(labels.found, '«Found»');
  });
  test('panel title: "Lesson {0} · {1}" with order and title', () => {
    const fill = (message: string, ...args: string[]) => message.replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)]);
    assert.equal(panelTitle(web, fill), 'Lesson 5 · 课程5');
  });
});
