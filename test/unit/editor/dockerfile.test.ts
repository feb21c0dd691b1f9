// Dockerfile hover tips: every instruction documented in both languages, and hovers found at keywords, flags,
// RUN --mount options, parser directives and ONBUILD triggers, but not on whitespace, arguments or comments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Keyword } from 'dockerfile-ast';
import {
  DIRECTIVE_DOCS, INSTRUCTION_DOCS, INSTRUCTION_KEYWORDS, instructionDocUrl, type DocLang,
} from '../../../src/editor/dockerfileDocs';
import { dockerfileHover, flagMarkdown, instructionMarkdown } from '../../../src/editor/dockerfileHover';

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

  test('on a continuation line: the CMD inside HEALTHCHECK is an argument, no hover', () => {
    assert.equal(at(9, 3), undefined);
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
