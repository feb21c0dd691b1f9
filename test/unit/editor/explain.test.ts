// `docker-lessons explain`: the hover texts per line for a Dockerfile, a note and a shell script, through the pure
// explain() and through the CLI (text and --json, with lesson hints), plus how notes' fences map to document positions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main, type CliIO } from '../../../src/cli/cli';
import { explain, explainKindOf } from '../../../src/editor/explain';
import { noteHover } from '../../../src/editor/notesHover';

const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'editor-corpus');

function io(): CliIO & { out: string; err: string } {
  const captured = { out: '', err: '' };
  return Object.assign(captured, {
    stdout: (text: string) => { captured.out += text; },
    stderr: (text: string) => { captured.err += text; },
    stdoutIsTTY: false, stdinIsTTY: false, env: {}, ask: async () => '',
  });
}

describe('editor: explain, line by line', () => {
  test('a Dockerfile: each line with tokens gets their texts once, in order', () => {
    const text = 'FROM golang:1.22 AS build\n\nCOPY --from=build /out /out\n';
    const lines = explain(text, 'dockerfile', 'en');
    assert.deepEqual(lines.map((l) => l.line), [1, 3]);
    assert.deepEqual(lines[0].text.split('\n\n').filter((part) => part.startsWith('**')).map((part) => part.split(' — ')[0]),
      ['**FROM**', '**FROM … AS <name>**', '**Build stage `build`** (stage 1, also written `--from=0`)']);
    assert.equal(lines[1].text.match(/\*\*COPY --from\*\* — /g)?.length, 2, 'the flag, and the stage reference that repeats it');
  });

  test('a note: docker commands in shell fences and Dockerfiles in ```docker fences; a script: every line', () => {
    const note = '# 笔记\n\n```docker\nFROM nginx\n```\n\n```bash\n$ docker ps -a\n```\n';
    assert.deepEqual(explain(note, 'markdown', 'zh').map((l) => [l.line, l.text.split(' — ')[0]]), [[4, '**FROM**'], [8, '**docker ps**']]);
    assert.equal(explain('docker ps -a\n', 'shell', 'zh')[0].line, 1);
    assert.deepEqual(['Dockerfile', 'x.Dockerfile', 'Containerfile', 'notes.md', 'run.sh'].map(explainKindOf),
      ['dockerfile', 'dockerfile', 'dockerfile', 'markdown', 'shell']);
  });

  test('a fence inside a list item: positions are the document\'s, not the de-indented fence\'s', () => {
    const note = '- 例子：\n\n  ```docker\n  FROM busybox\n  RUN echo hi\n  ```\n';
    assert.match(noteHover(note, { line: 4, character: 3 }, 'zh')?.markdown ?? '', /^\*\*RUN\*\*/);
    assert.deepEqual(noteHover(note, { line: 4, character: 3 }, 'zh')?.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 5 } });
    assert.equal(noteHover(note, { line: 4, character: 0 }, 'zh'), undefined);
  });
});

describe('editor: docker-lessons explain (CLI)', () => {
  test('text: each explained line as written, its help indented, and the lesson to run', async () => {
    const out = io();
    const code = await main(['explain', path.join(CORPUS, 'multistage-go.Dockerfile'), '--lang', 'zh-cn'], out);
    assert.equal(code, 0, out.err);
    assert.match(out.out, /^ 1  # syntax=docker\/dockerfile:1\n {6}\*\*# syntax\*\* \(解析器指令\)/);
    assert.match(out.out, /\n 6  FROM --platform=\$BUILDPLATFORM golang:\$\{GO_VERSION\}-alpine AS build\n/);
    assert.match(out.out, /课程：第 11 章「[^」]+」› 构建多阶段镜像（docker-lessons run multistage --step build-helloworld）/);
  });

  test('--json: an array of {line, text}; English with --lang en', async () => {
    const out = io();
    assert.equal(await main(['explain', path.join(CORPUS, 'notes-zh.md'), '--json', '--lang', 'en'], out), 0, out.err);
    const lines = JSON.parse(out.out) as { line: number; text: string }[];
    assert.ok(Array.isArray(lines) && lines.length > 20);
    assert.ok(lines.every((l) => Number.isInteger(l.line) && typeof l.text === 'string' && Object.keys(l).length === 2));
    assert.match(lines.find((l) => l.line === 51)?.text ?? '', /^\*\*FROM\*\* — Choose the base image/);
    assert.match(lines.find((l) => l.line === 16)?.text ?? '', /Course: Chapter \d+/);
  });

  test('bad input: no file, or a file that cannot be read, exits 2', async () => {
    const none = io();
    assert.equal(await main(['explain', '--lang', 'en'], none), 2);
    assert.match(none.err, /explain: name a Dockerfile or a Markdown note/);
    const missing = io();
    assert.equal(await main(['explain', path.join(CORPUS, 'nope.Dockerfile'), '--lang', 'en'], missing), 2);
    assert.match(missing.err, /Cannot read .*nope\.Dockerfile/);
  });
});
