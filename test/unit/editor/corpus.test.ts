// The editor help against a corpus of real-world files (test/fixtures/editor-corpus: official-image style, multi-stage,
// BuildKit heredocs and mounts, Windows with `# escape=\``, an old-notes Dockerfile, Chinese notes with ```docker fences,
// a shell script). A small tokenizer of its own finds the tokens a reader meets; every one must get a hover of its kind.
// Reports hover coverage per token kind, CodeLens precision/recall, and diagnostics per code, against counted
// expectations (expectations.json).
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeFences, findDockerCommands, isDockerCommandLine, SHELL_FENCE_LANGUAGES, stripComment } from '../../../src/editor/codeLens';
import { matchPrompt } from '../../../src/editor/cliHover';
import { dockerfileHoverItems, type HoverItem } from '../../../src/editor/dockerfileHover';
import { lintDockerfile } from '../../../src/editor/dockerfileLint';
import { noteHoverItems, type NoteHoverItem } from '../../../src/editor/notesHover';
import { applyEdits } from './edits';

const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'editor-corpus');
interface Expectation {
  tokens: Record<string, number>;
  diagnostics?: Record<string, number>;
  fixes?: Record<string, string>;
  lenses?: { run: number[]; copy: number[] };
  risks?: Record<string, number[]>;
}
const expectations = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8')) as Record<string, Expectation>;
const files = Object.keys(expectations).filter((name) => name !== '//');
const read = (name: string) => fs.readFileSync(path.join(CORPUS, name), 'utf8');

interface Token { kind: string; line: number; character: number; text: string }

const KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Words of a line with their columns; quotes keep spaces inside a word. */
function words(line: string): { text: string; at: number }[] {
  return [...line.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g)].map((m) => ({ text: m[0], at: m.index }));
}

/** The tokens a reader of a Dockerfile meets, found without dockerfile-ast: its own small line reader. */
function dockerfileTokens(text: string): Token[] {
  const lines = text.split('\n');
  const tokens: Token[] = [];
  let escape = '\\';
  let n = 0;
  for (; n < lines.length && /^#\s*[a-z]+\s*=/i.test(lines[n]); n++) {
    tokens.push({ kind: 'directive', line: n, character: 0, text: lines[n] });
    if (/^#\s*escape\s*=\s*`/.test(lines[n])) escape = '`';
  }
  const stages = new Set<string>();
  while (n < lines.length) {
    const first = lines[n];
    const keyword = /^(\s*)([A-Za-z]+)\b/.exec(first);
    if (!keyword || first.trim().startsWith('#')) { n++; continue; }
    const upper = keyword[2].toUpperCase();
    if (KEYWORDS.has(upper)) tokens.push({ kind: 'instruction', line: n, character: keyword[1].length, text: keyword[2] });
    // The instruction's physical lines: continuations end with the escape character.
    const body: { line: number; text: string }[] = [{ line: n, text: first.slice(keyword[0].length) }];
    let offset = keyword[0].length;
    const offsets = [offset];
    while (lines[n].trimEnd().endsWith(escape) && n + 1 < lines.length) { n++; body.push({ line: n, text: lines[n] }); offsets.push(0); }
    const all = body.flatMap((part, i) => words(part.text).map((w) => ({ ...w, line: part.line, at: w.at + offsets[i] })))
      .filter((w) => w.text !== escape);
    let i = 0;
    for (; i < all.length && all[i].text.startsWith('--'); i++) {
      const word = all[i];
      tokens.push({ kind: 'flag', line: word.line, character: word.at, text: word.text });
      const from = /^--from=(.+)$/.exec(word.text);
      if (from && stages.has(from[1].toLowerCase())) tokens.push({ kind: 'stage-ref', line: word.line, character: word.at + 7, text: from[1] });
      const mount = /^--mount=(.*)$/.exec(word.text);
      for (const option of mount ? mount[1].matchAll(/(?:^|,)([a-z]+)(=([^,]*))?/g) : []) {
        const at = word.at + 8 + option.index + (option[0].startsWith(',') ? 1 : 0);
        tokens.push({ kind: 'flag-option', line: word.line, character: at, text: option[1] });
        if (option[1] === 'from' && stages.has((option[3] ?? '').toLowerCase())) {
          tokens.push({ kind: 'stage-ref', line: word.line, character: at + 5, text: option[3] });
        }
      }
    }
    const rest = all.slice(i);
    if (upper === 'FROM' && rest[0]) {
      const image = rest[0].text.toLowerCase();
      if (image === 'scratch') tokens.push({ kind: 'scratch', line: rest[0].line, character: rest[0].at, text: rest[0].text });
      else if (stages.has(image)) tokens.push({ kind: 'stage-ref', line: rest[0].line, character: rest[0].at, text: rest[0].text });
      if (rest[1]?.text.toLowerCase() === 'as' && rest[2]) {
        tokens.push({ kind: 'stage-as', line: rest[1].line, character: rest[1].at, text: rest[1].text });
        tokens.push({ kind: 'stage-name', line: rest[2].line, character: rest[2].at, text: rest[2].text });
        stages.add(rest[2].text.toLowerCase());
      }
    }
    if (upper === 'HEALTHCHECK' && rest[0] && /^(CMD|NONE)$/i.test(rest[0].text)) {
      tokens.push({ kind: 'healthcheck-cmd', line: rest[0].line, character: rest[0].at, text: rest[0].text });
    }
    n++;
    if (['RUN', 'COPY', 'ADD'].includes(upper)) {
      for (const opener of first.matchAll(/<<(-?)(["']?)([A-Za-z_]\w*)\2/g)) {
        tokens.push({ kind: 'heredoc-open', line: body[0].line, character: opener.index, text: opener[0] });
        const isEnd = (line: string) => (opener[1] ? line.replace(/^\t+/, '') : line) === opener[3];
        if (n < lines.length && !isEnd(lines[n])) tokens.push({ kind: 'heredoc-body', line: n, character: 0, text: lines[n] });
        while (n < lines.length && !isEnd(lines[n])) n++;
        tokens.push({ kind: 'heredoc-end', line: n, character: lines[n].length - opener[3].length, text: opener[3] });
        n++;
      }
    }
  }
  return tokens;
}

/** The tokens a reader of docker commands meets: the subcommand after `docker`, and every `-flag` word. */
function shellTokens(lines: readonly string[], firstLine: number, prompts: boolean): Token[] {
  const tokens: Token[] = [];
  for (const [i, raw] of lines.entries()) {
    const prompt = prompts ? matchPrompt(raw) : undefined;
    const start = prompt ? prompt.indent + prompt.length : 0;
    const line = raw.slice(0, start) + stripComment(raw.slice(start));
    if (!isDockerCommandLine(line.slice(start)) || /[─→]/.test(line)) continue;
    const all = words(line.slice(start)).map((w) => ({ ...w, at: w.at + start }));
    const docker = all.findIndex((w) => w.text === 'docker');
    if (docker >= 0 && all[docker + 1]) tokens.push({ kind: 'docker-command', line: firstLine + i, character: all[docker + 1].at, text: all[docker + 1].text });
    for (const word of all.slice(docker + 1)) {
      if (/^--?[A-Za-z]/.test(word.text)) tokens.push({ kind: 'docker-flag', line: firstLine + i, character: word.at, text: word.text });
    }
  }
  return tokens;
}

function notesTokens(text: string, shellScript: boolean): Token[] {
  const lines = text.split('\n');
  if (shellScript) return shellTokens(lines, 0, false);
  return codeFences(text).flatMap((fence) => {
    const content = lines.slice(fence.firstLine, fence.firstLine + fence.lines.length);
    if (SHELL_FENCE_LANGUAGES.has(fence.language)) return shellTokens(content, fence.firstLine, true);
    if (fence.language !== 'docker' && fence.language !== 'dockerfile') return [];
    return dockerfileTokens(content.join('\n')).map((token) => ({ ...token, kind: `dockerfile-${token.kind}`, line: token.line + fence.firstLine }));
  });
}

/** The hover a token gets: the smallest item containing it. */
function hoverAt(items: readonly (HoverItem | NoteHoverItem)[], token: Token): HoverItem | NoteHoverItem | undefined {
  const inside = items.filter((item) => {
    const { start, end } = item.range;
    const after = token.line > start.line || (token.line === start.line && token.character >= start.character);
    const before = token.line < end.line || (token.line === end.line && token.character < end.character);
    return after && before;
  });
  const extent = (item: HoverItem | NoteHoverItem) => (item.range.end.line - item.range.start.line) * 1e6 + item.range.end.character - item.range.start.character;
  return inside.sort((a, b) => extent(a) - extent(b))[0];
}

const count = (values: readonly string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

describe('editor corpus: real-world Dockerfiles and notes', () => {
  const coverage = new Map<string, { hit: number; total: number }>();

  for (const file of files) {
    test(`${file}: every token a reader meets has a hover of its kind, in both languages`, (t: TestContext) => {
      const text = read(file);
      const isDockerfile = file.endsWith('.Dockerfile');
      const tokens = isDockerfile ? dockerfileTokens(text) : notesTokens(text, file.endsWith('.sh'));
      assert.deepEqual(count(tokens.map((token) => token.kind)), expectations[file].tokens, 'the counted tokens');
      for (const lang of ['zh', 'en'] as const) {
        const items = isDockerfile ? dockerfileHoverItems(text, lang) : noteHoverItems(text, lang, { shellScript: file.endsWith('.sh') });
        const misses: string[] = [];
        for (const token of tokens) {
          const hover = hoverAt(items, token);
          const hit = hover?.kind === token.kind;
          if (lang === 'zh') {
            const entry = coverage.get(token.kind) ?? { hit: 0, total: 0 };
            coverage.set(token.kind, { hit: entry.hit + (hit ? 1 : 0), total: entry.total + 1 });
          }
          if (!hit) misses.push(`${token.line + 1}:${token.character} ${token.kind} "${token.text}" → ${hover?.kind ?? 'no hover'}`);
          else if (lang === 'zh' && !/[\u4e00-\u9fff]/.test(hover!.markdown)) misses.push(`${token.line + 1}:${token.character} ${token.kind}: not Chinese`);
        }
        assert.deepEqual(misses, [], `${lang}: tokens without their hover`);
      }
      t.diagnostic(`${file}: ${tokens.length} tokens`);
    });
  }

  test('hover coverage per token kind (report)', (t: TestContext) => {
    assert.ok(coverage.size > 15, 'the corpus covers many kinds of tokens');
    for (const [kind, { hit, total }] of [...coverage.entries()].sort()) {
      t.diagnostic(`hover ${kind.padEnd(24)} ${hit}/${total} (${((100 * hit) / total).toFixed(0)}%)`);
      assert.equal(hit, total, kind);
    }
  });

  test('CodeLens precision and recall: Run only on runnable commands, Copy on synopses, nothing on diagrams', (t: TestContext) => {
    for (const file of files.filter((name) => expectations[name].lenses)) {
      const found = findDockerCommands(read(file));
      const expected = expectations[file].lenses!;
      for (const action of ['run', 'copy'] as const) {
        const got = new Set(found.filter((c) => c.action === action).map((c) => c.line + 1));
        const want = new Set(expected[action]);
        const right = [...got].filter((line) => want.has(line)).length;
        const precision = got.size === 0 ? 1 : right / got.size;
        const recall = want.size === 0 ? 1 : right / want.size;
        t.diagnostic(`lens ${action.padEnd(4)} ${file}: precision ${(precision * 100).toFixed(0)}% (${right}/${got.size}), recall ${(recall * 100).toFixed(0)}% (${right}/${want.size})`);
        assert.deepEqual([...got].sort((a, b) => a - b), expected[action], `${file} ${action} lenses`);
      }
      for (const [risk, lines] of Object.entries(expectations[file].risks ?? {})) {
        assert.deepEqual(found.filter((c) => c.risk === risk).map((c) => c.line + 1), lines, `${file} ${risk}`);
      }
      assert.ok(found.every((c) => !/#\s*\S*[\u4e00-\u9fff]/.test(c.command)), 'trailing comments are not sent to the terminal');
    }
  });

  test('diagnostics per code, each in Chinese and English, and the quick fixes applied', (t: TestContext) => {
    const total: Record<string, number> = {};
    for (const file of files.filter((name) => name.endsWith('.Dockerfile'))) {
      const text = read(file);
      const zh = lintDockerfile(text, 'zh');
      const en = lintDockerfile(text, 'en');
      assert.deepEqual(count(zh.map((d) => d.code)), expectations[file].diagnostics ?? {}, file);
      assert.deepEqual(en.map((d) => d.code), zh.map((d) => d.code));
      for (const [i, diagnostic] of zh.entries()) {
        assert.match(diagnostic.message, /[\u4e00-\u9fff]/, `${file} ${diagnostic.code} zh`);
        assert.doesNotMatch(en[i].message, /[\u4e00-\u9fff]/, `${file} ${diagnostic.code} en`);
        total[diagnostic.code] = (total[diagnostic.code] ?? 0) + 1;
      }
      for (const [code, fixed] of Object.entries(expectations[file].fixes ?? {})) {
        // Each fix applied alone: the instruction as it reads afterwards (as many lines as the new text has).
        const lines = zh.filter((d) => d.code === code).map((d) => {
          assert.equal(d.fixes.length, 1, `${code} has a quick fix`);
          const [edit] = d.fixes[0].edits;
          const first = Math.min(...d.fixes[0].edits.map((e) => e.range.start.line));
          return applyEdits(text, d.fixes[0].edits).split('\n').slice(first, first + edit.newText.split('\n').length).join('\n');
        });
        assert.equal(lines.join('\n'), fixed, `${file} ${code} fix`);
      }
    }
    for (const [code, n] of Object.entries(total).sort()) t.diagnostic(`diagnostic ${code.padEnd(28)} ${n}`);
  });
});

