// The lesson index: which step teaches a token. Ranked on a small made-up course (heading over summary over prose over
// mere use, course order breaking ties), then checked on the real lessons, whose instructions, flags and the
// diagnostics' topics must all lead to the step that teaches them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { builtDockerfiles, cliTopicKeys } from '../../../src/editor/cliHover';
import { loadLessonIndex } from '../../../src/editor/course';
import { dockerfileTopicKeys } from '../../../src/editor/dockerfileHover';
import { lintDockerfile, OWN_CODES } from '../../../src/editor/dockerfileLint';
import { buildLessonIndex, topics, type LessonIndex } from '../../../src/editor/lessonIndex';
import type { Lesson, Step } from '../../../src/lessons/schema';

const scanner = { dockerfile: dockerfileTopicKeys, shell: cliTopicKeys, builtDockerfiles };

/** A lesson from its Markdown body: steps are the ```bash step / ```dockerfile step fences. */
function lesson(id: string, order: number, summary: string, markdown: string): Lesson {
  const lines = markdown.split('\n');
  const steps: Step[] = [];
  for (const [index, line] of lines.entries()) {
    const match = /^```(\w+) step id=(\S+)/.exec(line);
    if (!match) continue;
    const end = lines.indexOf('```', index + 1);
    steps.push({ id: match[2], title: `${id}/${match[2]}`, kind: match[1] === 'dockerfile' ? 'edit' : 'run', lang: match[1],
      body: lines.slice(index + 1, end).join('\n'), line: index + 1, checks: [], vars: [], timeout: 60 } as Step);
  }
  return { meta: { id, order, title: id, summary } as Lesson['meta'], file: `/l/${id}.md`, assetsDir: `/l/${id}`, steps, markdown, markdownLine: 1 };
}

const FILES: Record<string, string> = { '/l/ch9/app/Dockerfile': 'FROM busybox\nWORKDIR /app\nCOPY . /app\n' };
const COURSE = [
  lesson('ch9', 9, '第一个 Dockerfile', [
    '## 构建',
    '它的 Dockerfile 是 `WORKDIR /app` 加一条 COPY：',
    '```bash step id=build-app',
    'docker build -t app app',
    '```',
  ].join('\n')),
  lesson('ch10', 10, '各条指令', [
    '## FROM 与 RUN',
    '正确的做法是 `WORKDIR`，WORKDIR 会叠加，WORKDIR 要写绝对路径：',
    '```dockerfile',
    'FROM busybox',
    'WORKDIR /a',
    '```',
    '```bash step id=build-workdir',
    'docker build -t wd .',
    '```',
    '## COPY 与 ADD',
    '```bash step id=build-copy',
    'docker build -t copy copy',
    '```',
  ].join('\n')),
  lesson('ch3', 3, '弄清 docker run 背后发生的事', [
    '## 运行',
    '```bash step id=run-hello',
    'docker run hello-world',
    '```',
  ].join('\n')),
  lesson('ch2', 2, '安装', ['```bash step id=show', 'docker run --rm busybox cat /etc/docker/daemon.json', '```'].join('\n')),
];
const at = (index: LessonIndex, topic: Parameters<LessonIndex['find']>[0][number]) => {
  const ref = index.find([topic]);
  return ref && `${ref.lessonId}/${ref.stepId}`;
};

describe('editor: lesson index ranking', () => {
  const index = buildLessonIndex(COURSE, scanner, (file) => FILES[file]);

  test('a step uses what its command runs, the Dockerfile it builds, and the Dockerfile shown before it', () => {
    const uses = Object.fromEntries(index.usages.map((usage) => [usage.step.id, [...usage.uses].sort()]));
    assert.deepEqual(uses['build-app'], ['COPY', 'FROM', 'WORKDIR', 'docker image build', 'docker image build --tag']);
    assert.ok(uses['build-workdir'].includes('WORKDIR'), 'from the example just before it');
    assert.deepEqual(uses['build-copy'], ['docker image build', 'docker image build --tag'], 'no files: only the command');
  });

  test('heading over prose, prose named most often over prose named once, summary over first use; course order otherwise', () => {
    assert.equal(at(index, topics.instruction('WORKDIR')), 'ch10/build-workdir', 'named three times beats named once');
    assert.equal(at(index, topics.instruction('ADD')), 'ch10/build-copy', 'a heading naming an instruction is enough');
    assert.equal(at(index, topics.cliCommand('container run', ['run', 'container run'])), 'ch3/run-hello', 'the lesson whose summary names it');
    assert.equal(at(index, topics.cliFlag('container run', ['--rm'])), 'ch2/show', 'only used once');
    assert.equal(at(index, topics.instruction('HEALTHCHECK')), undefined, 'not taught');
    assert.equal(index.find([topics.instruction('HEALTHCHECK'), topics.instruction('COPY')])?.stepId, 'build-copy', 'the first topic taught (under the COPY heading)');
  });
});

describe('editor: lesson index over the real course', () => {
  const real = loadLessonIndex(path.resolve(__dirname, '..', '..', '..', 'lessons'));

  test('every instruction the course builds with leads to a step of chapters 9–12, most to the section about it', async () => {
    const index = await real;
    const expected: Record<string, string> = {
      FROM: 'instructions/build-cd', CMD: 'instructions/build-cmd-shell', ENTRYPOINT: 'instructions/build-myip-entry',
      WORKDIR: 'instructions/build-workdir', ENV: 'instructions/build-env-shell', ARG: 'instructions/build-arg',
      VOLUME: 'instructions/build-volume', EXPOSE: 'instructions/build-expose', USER: 'instructions/build-user',
      HEALTHCHECK: 'instructions/build-healthcheck', ONBUILD: 'instructions/build-onbuild-base', COPY: 'instructions/build-copy',
      ADD: 'instructions/build-copy', SHELL: 'instructions/build-shell-ok',
    };
    for (const [keyword, step] of Object.entries(expected)) assert.equal(at(index, topics.instruction(keyword)), step, keyword);
    assert.equal(at(index, topics.dockerfileFlag('COPY', 'from')), 'multistage/build-helloworld');
    assert.equal(at(index, topics.mountType('cache')), 'multistage/buildkit-cache');
    assert.equal(at(index, topics.stages()), 'multistage/build-helloworld');
    assert.equal(at(index, topics.cliFlag('image build', ['--target'])), 'multistage/build-target');
    assert.equal(at(index, topics.cliCommand('volume prune', ['volume prune'])), 'volumes/volume-prune');
  });

  test('each best-practice diagnostic links to the step of chapter 10 or 12 that teaches it', async () => {
    const index = await real;
    const text = 'FROM ubuntu\nENV A b\nRUN apt-get update\nADD a.txt /a\nENTRYPOINT top -b\n';
    const found = lintDockerfile(text, 'zh', { lessonFor: (wanted) => index.find(wanted) });
    const links = Object.fromEntries(found.map((d) => [d.code, d.lesson && `${d.lesson.lessonId}/${d.lesson.stepId}`]));
    assert.deepEqual(links, {
      'latest-tag': 'best-practices/tag-version', 'env-legacy-format': 'instructions/build-env-shell',
      'apt-update-alone': 'best-practices/build-apt', 'add-for-copy': 'instructions/build-copy',
      'entrypoint-shell-form': 'instructions/build-env-shell',
    });
    assert.deepEqual(Object.keys(links).sort(), [...OWN_CODES].sort(), 'every check of ours is in the sample');
    const quotes = lintDockerfile("FROM a:1\nCMD ['x']\n", 'zh', { lessonFor: (wanted) => index.find(wanted) });
    assert.equal(quotes[0]?.lesson?.stepId, 'build-quote', 'single-quoted JSON: the exec-form lesson');
  });
});
