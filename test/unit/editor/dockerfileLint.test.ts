// Dockerfile diagnostics: dockerfile-utils' messages translated with their values (the table kept in step with the
// library), and the chapter-12 checks: what they flag, what they leave alone, and their quick fixes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationCode } from 'dockerfile-utils';
import { lintDockerfile, translateValidatorMessage, VALIDATOR_MESSAGES } from '../../../src/editor/dockerfileLint';
import { applyEdits } from './edits';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const library = (require('dockerfile-utils/lib/dockerValidator') as { Validator: { dockerProblems: Record<string, string> } }).Validator.dockerProblems;
const CJK = /[\u4e00-\u9fff]/;
const codes = (text: string) => lintDockerfile(text, 'zh').map((d) => d.code);

describe('editor: dockerfile-utils messages in Chinese', () => {
  test('the table has every message template of the library, word for word, with a Chinese twin', () => {
    assert.deepEqual(Object.keys(VALIDATOR_MESSAGES).sort(), Object.keys(library).sort());
    for (const [key, message] of Object.entries(VALIDATOR_MESSAGES)) {
      assert.equal(message.en, library[key], key);
      assert.match(message.zh, CJK, key);
      const values = (text: string) => [...text.matchAll(/\$\{\d\}/g)].map((m) => m[0]).sort().join();
      assert.equal(values(message.zh), values(message.en), `${key}: same values`);
    }
  });

  test('a message is translated with its values; an unknown one is kept', () => {
    assert.deepEqual(translateValidatorMessage('time: unknown unit d in duration 5d', 'zh'), { key: 'flagUnknownUnit', text: '时长 5d 中的单位 d 无法识别（可用 ms、s、m、h）' });
    assert.equal(translateValidatorMessage('SHELL requires at least one argument', 'zh').key, 'shellRequiresOne', 'the exact template, not ${0} requires …');
    assert.equal(translateValidatorMessage('COPY requires at least two arguments', 'en').text, 'COPY requires at least two arguments');
    assert.deepEqual(translateValidatorMessage('something new', 'zh'), { text: 'something new' });
  });

  test('the library\'s diagnostics come out translated, coded by name, with severity and tags', () => {
    const text = 'FROM node:20 AS 1bad\nfrom node:20\nEXPOSE 80/xyz\nSTOPSIGNAL NOPE\nHEALTHCHECK --retries=0 CMD true\nCMD a\nCMD b\nONBUILD ONBUILD RUN x\nSHELL /bin/sh\n';
    const found = lintDockerfile(text, 'zh');
    assert.deepEqual(found.map((d) => d.code), ['INVALID_BUILD_STAGE_NAME', 'CASING_INSTRUCTION', 'INVALID_PROTO', 'INVALID_SIGNAL',
      'FLAG_AT_LEAST_ONE', 'MULTIPLE_INSTRUCTIONS', 'ONBUILD_CHAINING_DISALLOWED', 'SHELL_JSON_FORM']);
    assert.ok(found.every((d) => CJK.test(d.message) && d.source === 'dockerfile-utils'), 'all Chinese');
    assert.match(found[2].message, /无效的协议：xyz/);
    assert.equal(found[2].severity, 'error');
    assert.deepEqual(found.find((d) => d.code === 'MULTIPLE_INSTRUCTIONS')?.tags, ['unnecessary']);
    assert.ok(Object.keys(ValidationCode).length > 50, 'codes are named from the library\'s enum');
  });
});

describe('editor: chapter-12 checks', () => {
  test('apt-get update alone: flagged, and merged with the next RUN when that installs', () => {
    const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    const [apt] = lintDockerfile(text, 'en');
    assert.equal(apt.code, 'apt-update-alone');
    assert.equal(applyEdits(text, apt.fixes[0].edits), 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n');
    assert.deepEqual(codes('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n'), []);
    assert.deepEqual(lintDockerfile('FROM debian:12\nRUN apt-get update\nRUN echo x\n', 'zh')[0].fixes, [], 'nothing to merge with');
    const windows = '# escape=`\nFROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    assert.match(lintDockerfile(windows, 'zh')[0].fixes[0].edits[0].newText, /^ `\n/, 'the file\'s own escape character');
  });

  test('latest tags: missing or latest, but not scratch, stages, variables or digests', () => {
    assert.deepEqual(codes('FROM ubuntu\n'), ['latest-tag']);
    assert.deepEqual(codes('FROM node:latest\n'), ['latest-tag']);
    assert.match(lintDockerfile('FROM ubuntu\n', 'zh')[0].message, /例如 `ubuntu:24\.04`/);
    assert.deepEqual(codes('ARG BASE=alpine:3.20\nFROM scratch\nFROM ubuntu:24.04 AS b\nFROM b\nFROM ${BASE}\nFROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n'), []);
  });

  test('ADD where COPY fits: plain local files only', () => {
    const text = 'FROM a:1\nadd app.py /app/\n';
    const add = lintDockerfile(text, 'zh').find((d) => d.code === 'add-for-copy')!;
    assert.ok(add);
    assert.equal(applyEdits(text, add.fixes[0].edits), 'FROM a:1\ncopy app.py /app/\n', 'keeps the writer\'s case');
    assert.deepEqual(codes('FROM a:1\nADD rootfs.tar.xz /\nADD https://x/y.tgz /tmp/\nADD git@github.com:a/b.git /src\nADD --checksum=sha256:00 https://x/y /y\nADD *.tar /x/\nADD <<EOF /x\nhi\nEOF\n'), []);
    assert.deepEqual(codes('FROM a:1\nADD ["a b.txt", "/app/"]\n'), ['add-for-copy']);
  });

  test('shell-form ENTRYPOINT: exec form as the fix when the words need no shell', () => {
    const text = 'FROM a:1\nENTRYPOINT nginx -g "daemon off;"\n';
    const [entrypoint] = lintDockerfile(text, 'en');
    assert.equal(entrypoint.code, 'entrypoint-shell-form');
    assert.equal(applyEdits(text, entrypoint.fixes[0].edits), 'FROM a:1\nENTRYPOINT ["nginx", "-g", "daemon off;"]\n');
    assert.deepEqual(lintDockerfile('FROM a:1\nENTRYPOINT exec app --port $PORT\n', 'en')[0].fixes, [], 'a variable needs the shell');
    assert.deepEqual(codes('FROM a:1\nENTRYPOINT ["app"]\nCMD echo shell form is fine for CMD\n'), []);
  });

  test('MAINTAINER and ENV key value: the modern form as the fix', () => {
    const text = 'FROM a:1\nMAINTAINER Ann "A" <ann@example.com>\nENV PATH /app/bin:$PATH\nENV MSG "hi there"\nENV A=1 B=2\n';
    const found = lintDockerfile(text, 'zh');
    assert.deepEqual(found.map((d) => d.code), ['DEPRECATED_MAINTAINER', 'env-legacy-format', 'env-legacy-format']);
    assert.equal(applyEdits(text, found[0].fixes[0].edits).split('\n')[1], 'LABEL org.opencontainers.image.authors="Ann \\"A\\" <ann@example.com>"');
    assert.equal(applyEdits(text, found[1].fixes[0].edits).split('\n')[2], 'ENV PATH=/app/bin:$PATH');
    assert.equal(applyEdits(text, found[2].fixes[0].edits).split('\n')[3], 'ENV MSG="hi there"');
  });

  test('every check of ours speaks both languages', () => {
    const text = 'FROM ubuntu\nENV A b\nRUN apt-get update\nADD a.txt /a\nENTRYPOINT top -b\n';
    for (const [zh, en] of lintDockerfile(text, 'zh').map((d, i) => [d, lintDockerfile(text, 'en')[i]] as const)) {
      assert.match(zh.message, CJK, zh.code);
      assert.doesNotMatch(en.message, CJK, en.code);
      for (const [k, fix] of zh.fixes.entries()) assert.doesNotMatch(en.fixes[k].title, CJK, `${zh.code} fix title`);
    }
  });
});
