import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildWebviewHtml, contentSecurityPolicy, makeNonce } from '../../../src/viewmodel/webviewHtml';

const input = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/lesson.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  lang: 'zh-cn',
  loadingText: '正在加载 <课程>…',
};
const html = buildWebviewHtml(input);

function cspOf(page: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page);
  assert.ok(match, 'the page carries a CSP meta tag');
  return match[1];
}

describe('lesson webview HTML and CSP', () => {
  test('the policy starts from default-src none and allows only what the page uses', () => {
    const directives = Object.fromEntries(cspOf(html).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...v]) => [name, v]));
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], [`'nonce-${input.nonce}'`]);
    assert.deepEqual(directives['style-src'], [input.cspSource]);
    assert.deepEqual(directives['font-src'], [input.cspSource]);
    assert.deepEqual(directives['img-src'], [input.cspSource, 'data:']);
    assert.deepEqual(Object.keys(directives).sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  });

  test('no unsafe-inline, unsafe-eval or wildcard sources', () => {
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|unsafe-hashes/);
    assert.doesNotMatch(cspOf(html), /\*|https:(?!\/\/file)/);
  });

  test('exactly one script: the bundled webview.js, carrying the nonce', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], new RegExp(`nonce="${input.nonce}"`));
    assert.match(scripts[0][1], new RegExp(`src="${input.scriptUri.replace(/[.+]/g, '\\$&')}"`));
    assert.equal(scripts[0][2].trim(), '', 'no inline script body');
  });

  test('no inline style: no <style> element, no style= attribute, no event handler attribute', () => {
    assert.doesNotMatch(html, /<style\b/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/lesson\.css">/);
  });

  test('the codicon stylesheet comes first, with the id @vscode-elements looks for', () => {
    const links = [...html.matchAll(/<link rel="stylesheet"([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(links, [
      ' id="vscode-codicon-stylesheet" href="https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css"',
      ' href="https://file+.vscode-resource.vscode-cdn.net/ext/media/lesson.css"',
    ]);
    assert.doesNotMatch(buildWebviewHtml({ ...input, codiconsUri: undefined }), /codicon/);
  });

  test('text put into the shell is escaped', () => {
    assert.match(html, /正在加载 &lt;课程&gt;…/);
    assert.match(html, /<html lang="zh-cn">/);
    const hostile = buildWebviewHtml({ ...input, styleUri: 'x"><script>alert(1)</script>' });
    assert.equal([...hostile.matchAll(/<script\b/g)].length, 1);
  });

  test('a weak nonce is refused', () => {
    assert.throws(() => buildWebviewHtml({ ...input, nonce: 'abc' }), /nonce/);
    assert.throws(() => buildWebviewHtml({ ...input, nonce: "abcdefghijklmnop'; script-src *" }), /nonce/);
  });

  test('makeNonce gives 32 alphanumerics, different each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => makeNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  });

  test('contentSecurityPolicy is what the page embeds', () => {
    assert.equal(cspOf(html), contentSecurityPolicy(input.cspSource, input.nonce));
  });
});
