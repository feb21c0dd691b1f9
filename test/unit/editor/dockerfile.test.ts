// Dockerfile hover tips: every instruction documented in both languages, and hovers found at keywords, flags,
// RUN --mount options, parser directives and ONBUILD triggers, but not on whitespace, arguments or comments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyword } from 'dockerfile-ast';
import {
  DIRECTIVE_DOCS, INSTRUCTION_DOCS, INSTRUCTION_KEYWORDS, TOKEN_DOCS, instructionDocUrl, type DocLang, type TokenDocKey,
} from '../../../src/editor/dockerfileDocs';
import {
  dockerfileHover, dockerfileHoverItems, dockerfileTopicKeys, flagMarkdown, instructionMarkdown, tokenMarkdown,
} from '../../../src/editor/dockerfileHover';
import type { LessonTopic } from '../../../src/editor/lessonIndex';

const SAMPLE = [
  '# syntax=docker/dockerfile:1',          // 0
  'ARG GO_VERSION=1.22',                    // 1
  'FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build', // 2
  'WORKDIR /src',                           // 3
  'RUN --mount=type=cache,target=/root/.cache go build -o /out/app .', // 4
  '',                                       // 5
  'FROM scratch',                           // 6
  'COPY --from=build --chown=app:app /out/app /app', // 7
  'HEALTHCHECK --interval=5s --timeout=3s \\', // 8
  '  CMD ["/app", "health"]',               // 9
  'ONBUILD COPY --chown=1000 . /src',       // 10
  'MAINTAINER someone@example.com',         // 11
  'ADD --bogus=1 a.tar.gz /',               // 12
  'run echo lower-case works',              // 13
  'ENTRYPOINT ["/app"]',                    // 14
].join('\n');

const at = (line: number, character: number, lang: DocLang = 'zh') => dockerfileHover(SAMPLE, { line, character }, lang);

describe('editor: Dockerfile docs data', () => {
  test('every dockerfile-ast keyword has Chinese and English docs, syntax, example and a reference link', () => {
    const keywords = Object.values(Keyword);
    assert.deepEqual([...keywords].sort(), [...INSTRUCTION_KEYWORDS].sort());
    for (const keyword of INSTRUCTION_KEYWORDS) {
      const doc = INSTRUCTION_DOCS[keyword];
      assert.match(doc.summary.zh, /[\u4e00-\u9fff]/, `${keyword} zh summary is Chinese`);
      assert.doesNotMatch(doc.summary.en, /[\u4e00-\u9fff]/, `${keyword} en summary has no Chinese`);
      assert.ok(doc.points.zh.length > 0 && doc.points.zh.length === doc.points.en.length, `${keyword} points in both languages`);
      assert.ok(doc.syntax.length > 0 && doc.example.length > 0, `${keyword} syntax and example`);
      assert.match(instructionDocUrl(keyword), /^https:\/\/docs\.docker\.com\/reference\/dockerfile\/#[a-z-]+$/);
      for (const [name, flag] of Object.entries(doc.flags)) {
        assert.ok(flag.syntax.startsWith(`--${name}`), `${keyword} --${name} syntax`);
        assert.ok(flag.summary.zh && flag.summary.en, `${keyword} --${name} summaries`);
      }
    }
  });

  test('the notes\' key points are in the tips', () => {
    assert.match(instructionMarkdown('CMD', 'zh'), /ENTRYPOINT/);
    assert.match(instructionMarkdown('CMD', 'zh'), /exec/);
    assert.match(instructionMarkdown('ADD', 'zh'), /自动解压/);
    assert.match(instructionMarkdown('ADD', 'en'), /COPY/);
    assert.match(instructionMarkdown('ARG', 'zh'), /FROM/);
    assert.match(instructionMarkdown('ENTRYPOINT', 'en'), /--entrypoint/);
    assert.match(instructionMarkdown('HEALTHCHECK', 'zh'), /--interval/);
    assert.match(instructionMarkdown('MAINTAINER', 'zh'), /已废弃/);
    assert.match(instructionMarkdown('MAINTAINER', 'en'), /LABEL org\.opencontainers\.image\.authors/);
    assert.match(instructionMarkdown('ONBUILD', 'en'), /FROM/);
  });

  test('the tips are plain Markdown: no command links, no HTML', () => {
    for (const keyword of INSTRUCTION_KEYWORDS) {
      for (const lang of ['zh', 'en'] as const) {
        const markdown = instructionMarkdown(keyword, lang);
        assert.doesNotMatch(markdown, /\]\(command:/, `${keyword} ${lang}`);
        // Placeholders like <image> are fine inside code; outside code nothing may look like an HTML tag.
        const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
        assert.doesNotMatch(prose, /<\/?[a-z][^>]*>/i, `${keyword} ${lang}`);
      }
    }
    assert.ok(DIRECTIVE_DOCS.syntax && DIRECTIVE_DOCS.escape);
  });
});

describe('editor: Dockerfile hover', () => {
  test('on an instruction keyword: the tip in the requested language with its range', () => {
    const zh = at(2, 2);
    assert.ok(zh);
    assert.match(zh.markdown, /^\*\*FROM\*\* — 指定基础镜像/);
    assert.match(zh.markdown, /https:\/\/docs\.docker\.com\/reference\/dockerfile\/#from/);
    assert.deepEqual(zh.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
    const en = at(2, 0, 'en');
    assert.match(en?.markdown ?? '', /Choose the base image/);
  });

  test('lower-case keywords and the keyword\'s last character', () => {
    assert.match(at(13, 2)?.markdown ?? '', /^\*\*RUN\*\*/);
    assert.match(at(3, 6)?.markdown ?? '', /^\*\*WORKDIR\*\*/);
  });

  test('on a flag name (dashes included) and on its value', () => {
    const platform = at(2, 5);
    assert.match(platform?.markdown ?? '', /\*\*FROM --platform\*\*/);
    assert.deepEqual(platform?.range.start, { line: 2, character: 5 });
    assert.match(at(7, 9)?.markdown ?? '', /\*\*COPY --from\*\*/);
    assert.match(at(7, 14)?.markdown ?? '', /\*\*COPY --from\*\*/, 'on the value "build"');
    assert.match(at(7, 22)?.markdown ?? '', /\*\*COPY --chown\*\*/);
    assert.match(at(8, 15, 'en')?.markdown ?? '', /\*\*HEALTHCHECK --interval\*\* — Time between two checks; default `30s`/);
    assert.match(at(8, 30)?.markdown ?? '', /HEALTHCHECK --timeout/);
  });

  test('on a RUN --mount option name: that option', () => {
    const type = at(4, 13);
    assert.match(type?.markdown ?? '', /RUN --mount\*\* `type`/);
    const target = at(4, 25, 'en');
    assert.match(target?.markdown ?? '', /`target` — Path inside the build container/);
    assert.match(at(4, 8)?.markdown ?? '', /\*\*RUN --mount\*\*/);
  });

  test('on a continuation line: the CMD inside HEALTHCHECK is its check command', () => {
    const cmd = at(9, 3);
    assert.match(cmd?.markdown ?? '', /^\*\*HEALTHCHECK CMD\*\* — 后面是检查命令/);
    assert.deepEqual(cmd?.range, { start: { line: 9, character: 2 }, end: { line: 9, character: 5 } });
    assert.equal(at(9, 8), undefined, 'the command\'s own words are arguments');
  });

  test('on an ONBUILD trigger: the wrapped instruction and its flags', () => {
    assert.match(at(10, 2)?.markdown ?? '', /^\*\*ONBUILD\*\*/);
    assert.match(at(10, 9)?.markdown ?? '', /^\*\*COPY\*\*/);
    assert.match(at(10, 15)?.markdown ?? '', /COPY --chown/);
  });

  test('a deprecated instruction says so', () => {
    assert.match(at(11, 3)?.markdown ?? '', /\*\*MAINTAINER\*\* \*\(已废弃\)\*/);
  });

  test('an unknown flag is named as such', () => {
    assert.match(at(12, 7)?.markdown ?? '', /`--bogus` 不是 `ADD` 的已知选项/);
    assert.match(flagMarkdown('ADD', 'b`x', 'en'), /^`--bx` is not a known flag of `ADD`/);
  });

  test('on a parser directive: the directive tip', () => {
    const syntax = at(0, 4);
    assert.match(syntax?.markdown ?? '', /\*\*# syntax\*\* \(解析器指令\)/);
    assert.match(syntax?.markdown ?? '', /#syntax\)/);
    assert.match(at(0, 20, 'en')?.markdown ?? '', /Dockerfile frontend/);
  });

  test('no hover on whitespace, arguments, blank lines or ordinary comments', () => {
    assert.equal(at(5, 0), undefined, 'blank line');
    assert.equal(at(2, 4), undefined, 'space after FROM');
    assert.equal(at(3, 9), undefined, 'WORKDIR argument');
    assert.equal(at(14, 14), undefined, 'ENTRYPOINT JSON argument');
    assert.equal(dockerfileHover('FROM a\n# just a comment\n', { line: 1, character: 4 }, 'zh'), undefined);
    assert.equal(dockerfileHover('', { line: 0, character: 0 }, 'en'), undefined);
  });
});

const CJK = /[\u4e00-\u9fff]/;
const hoverOf = (text: string, line: number, character: number, lang: DocLang = 'zh') => dockerfileHover(text, { line, character }, lang)?.markdown ?? '';

describe('editor: Dockerfile docs are current', () => {
  test('every stage, heredoc and HEALTHCHECK tip in both languages, with a reference link', () => {
    for (const key of Object.keys(TOKEN_DOCS) as TokenDocKey[]) {
      assert.match(tokenMarkdown(key, 'zh', 'EOF', 3), CJK, key);
      assert.doesNotMatch(tokenMarkdown(key, 'en', 'EOF', 3), CJK, key);
      assert.match(tokenMarkdown(key, 'en', 'EOF', 3), /\]\(https:\/\/docs\.docker\.com\/reference\/dockerfile\/#[a-z-]+\)/, key);
      assert.doesNotMatch(tokenMarkdown(key, 'en', 'EOF', 3), /\{\d\}/, `${key}: every value filled in`);
    }
    for (const [keyword, doc] of Object.entries(INSTRUCTION_DOCS)) {
      for (const [name, flag] of Object.entries(doc.flags)) {
        if (flag.tip) assert.ok(CJK.test(flag.tip.zh) && !CJK.test(flag.tip.en), `${keyword} --${name} tip`);
      }
    }
  });

  test('what changed since the notes: VOLUME by builder, ADD --checksum, platform ARGs, the layer limit, # check', () => {
    assert.match(instructionMarkdown('VOLUME', 'zh'), /传统构建器会丢弃这些改动，BuildKit 会保留/);
    assert.match(instructionMarkdown('VOLUME', 'en'), /legacy builder discards the changes, BuildKit keeps them/);
    assert.match(instructionMarkdown('ADD', 'en'), /ADD --checksum=sha256:/);
    assert.doesNotMatch(instructionMarkdown('ADD', 'zh'), /一般不推荐/);
    assert.match(instructionMarkdown('ARG', 'zh'), /不带值的 `ARG TARGETPLATFORM`/);
    assert.match(instructionMarkdown('ARG', 'en'), /legacy builder does not set them/);
    assert.doesNotMatch(instructionMarkdown('RUN', 'zh'), /层数有上限（127）/);
    assert.match(instructionMarkdown('RUN', 'en'), /stacking limit of storage drivers/);
    assert.match(flagMarkdown('COPY', 'from', 'zh'), /--from=0/, 'a flag tip: the index pitfall');
    assert.match(hoverOf('# check=skip=all\nFROM a\n', 0, 3, 'en'), /docker build --check/);
  });
});

describe('editor: every token of a Dockerfile', () => {
  const MULTI = [
    'FROM golang:1.22 AS build',              // 0
    'FROM build as test',                     // 1
    'RUN --mount=type=bind,from=build,source=/out,target=/x ls /x', // 2
    'FROM scratch',                           // 3
    'COPY --from=build /out/app /app',        // 4
    'COPY --from=0 /etc/passwd /etc/passwd',  // 5
    'COPY --from=nginx:1.27 /etc/nginx/nginx.conf /n', // 6
    'HEALTHCHECK NONE',                       // 7
  ].join('\n');

  test('AS in either case, and the stage name with every place that uses it', () => {
    assert.match(hoverOf(MULTI, 0, 18), /^\*\*FROM … AS <名字>\*\*/);
    assert.match(hoverOf(MULTI, 1, 12, 'en'), /^\*\*FROM … AS <name>\*\*/, 'lower-case as');
    const stage = hoverOf(MULTI, 0, 22);
    assert.match(stage, /^\*\*构建阶段 `build`\*\*（第 1 个阶段，也可写作 `--from=0`）/);
    assert.match(stage, /用到它的地方：第 2 行 `FROM`；第 3 行 `RUN --mount from=`；第 5 行 `COPY --from`；第 6 行 `COPY --from`。/);
    assert.match(stage, /docker build --target build \./);
    assert.match(hoverOf(MULTI, 1, 15, 'en'), /No other stage of this file uses it/);
  });

  test('a stage where it is used: COPY --from by name and by index, RUN --mount from=, FROM <stage>; an image is not a stage', () => {
    assert.match(hoverOf(MULTI, 4, 13), /^\*\*引用构建阶段 `build`\*\*[\s\S]*定义在第 1 行（第 1 个阶段）[\s\S]*\*\*COPY --from\*\*/);
    assert.match(hoverOf(MULTI, 5, 12, 'en'), /Reference to build stage `build`/);
    assert.match(hoverOf(MULTI, 2, 29), /引用构建阶段 `build`[\s\S]*RUN --mount\*\* `from`/);
    assert.match(hoverOf(MULTI, 1, 6), /引用构建阶段 `build`/);
    assert.match(hoverOf(MULTI, 6, 15, 'en'), /`nginx:1\.27` is not a stage of this file/);
    assert.match(hoverOf(MULTI, 3, 7), /^\*\*FROM scratch\*\*/);
    assert.match(hoverOf(MULTI, 7, 14), /^\*\*HEALTHCHECK NONE\*\*/);
  });

  const HEREDOCS = [
    'FROM alpine',                 // 0
    'RUN <<EOF',                   // 1
    'set -e',                      // 2
    'echo hi',                     // 3
    'EOF',                         // 4
    'RUN <<CONF cat > /etc/a.conf', // 5
    'key=value',                   // 6
    'CONF',                        // 7
    'COPY --chmod=755 <<-"SH" /usr/local/bin/start.sh', // 8
    '\t#!/bin/sh',                 // 9
    '\tSH',                        // 10
  ].join('\n');

  test('heredocs: a RUN script, standard input of a command, a file for COPY; body and end marker', () => {
    assert.match(hoverOf(HEREDOCS, 1, 5), /^\*\*RUN 的 here-document\*\*[\s\S]*set -e/);
    assert.match(hoverOf(HEREDOCS, 3, 2), /脚本正文：这几行作为一个脚本在构建时执行（到结束标记 `EOF` 为止）/);
    assert.match(hoverOf(HEREDOCS, 4, 1, 'en'), /`EOF` on a line of its own ends the here-document opened on line 2/);
    assert.match(hoverOf(HEREDOCS, 5, 6, 'en'), /^\*\*here-document as standard input\*\*/);
    assert.match(hoverOf(HEREDOCS, 6, 0), /这几行是命令的标准输入/);
    assert.match(hoverOf(HEREDOCS, 8, 19), /^\*\*COPY\/ADD 的 here-document\*\*/);
    assert.match(hoverOf(HEREDOCS, 9, 3), /要创建的文件 `\/usr\/local\/bin\/start\.sh` 的内容/);
    assert.match(hoverOf(HEREDOCS, 10, 2, 'en'), /`SH` on a line of its own/, '<<- strips the tab before the end marker');
    assert.match(hoverOf(HEREDOCS, 8, 7), /COPY --chmod/, 'the flags before a heredoc still explain themselves');
  });

  test('Windows: `# escape=\`` continues lines with a backtick', () => {
    const windows = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN New-Item -Path C:\\app; `\n    Remove-Item C:\\tmp\nWORKDIR C:\\app\n';
    assert.match(hoverOf(windows, 0, 3), /^\*\*# escape\*\*/);
    assert.match(hoverOf(windows, 4, 2), /^\*\*WORKDIR\*\*/, 'the backtick continuation did not swallow WORKDIR');
    assert.equal(hoverOf(windows, 3, 6), '', 'a continuation line is the RUN command, not an instruction');
  });

  test('lesson links: the hover asks for the most specific topic first and appends the link it gets', () => {
    const asked: string[][] = [];
    const lessonLink = (wanted: readonly LessonTopic[]) => {
      asked.push(wanted.map((topic) => topic.key));
      return wanted[0].key === 'COPY --from' ? '[课程](command:x)' : undefined;
    };
    const items = dockerfileHoverItems('FROM a AS b\nCOPY --from=b /x /y\n', 'zh', { lessonLink });
    assert.ok(asked.some((keys) => keys.join() === 'COPY --from,COPY'));
    assert.ok(asked.some((keys) => keys.join() === 'FROM AS,FROM'));
    assert.ok(asked.some((keys) => keys.join() === 'FROM AS,COPY --from,COPY'), 'a stage reference: stages, then its flag');
    const flag = items.find((item) => item.kind === 'flag' && item.range.start.line === 1);
    assert.match(flag?.markdown ?? '', /\n\n\[课程\]\(command:x\)$/);
  });

  test('the topics a Dockerfile uses, for the lesson index', () => {
    const keys = dockerfileTopicKeys('# syntax=docker/dockerfile:1\nFROM a AS b\nRUN --mount=type=cache,target=/c <<EOF\nx\nEOF\nFROM scratch\nCOPY --from=b /x /y\nONBUILD RUN --network=none make\n');
    assert.deepEqual([...keys].sort(), ['# syntax', 'COPY', 'COPY --from', 'FROM', 'FROM AS', 'FROM scratch', 'ONBUILD', 'RUN', 'RUN --mount',
      'RUN --mount=type=cache', 'RUN --network', 'RUN <<']);
  });
});
