// The generic webview panel lifecycle (src/vscode/panel/webviewPanel.ts) through the vscode mock: one locked-down panel,
// the `ready` handshake with what was posted before it, every message validated both ways, listeners gone with the panel.
import { mock, MockWebviewPanel, Uri } from '../../../support/vscodeMock';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { WebviewPanelHost, type Parsed, type WebviewPanelSpec } from '../../../../src/vscode/panel/webviewPanel';

type In = { type: 'ready' } | { type: 'hello'; name: string } | { type: 'boom' };
type Out = { type: 'greeting'; text: string };

function parseIn(raw: unknown): Parsed<In> {
  const message = raw as { type?: unknown; name?: unknown };
  if (message?.type === 'ready' || message?.type === 'boom') return { ok: true, value: { type: message.type } };
  if (message?.type === 'hello' && typeof message.name === 'string') return { ok: true, value: { type: 'hello', name: message.name } };
  return { ok: false, error: 'not a message' };
}

function setUp(overrides: Partial<WebviewPanelSpec<In, Out>> = {}) {
  const log: string[] = [];
  const handled: In[] = [];
  const errors: string[] = [];
  let readies = 0;
  const host = new WebviewPanelHost<In, Out>({
    viewType: 'test.panel',
    extensionUri: Uri.file('/ext') as never,
    script: 'dist/page.js',
    style: 'media/page.css',
    icon: 'media/icon.svg',
    loadingText: () => 'Loading…',
    parseIncoming: parseIn,
    checkOutgoing: (message) => (message.text.length > 0 ? { ok: true, value: message } : { ok: false, error: 'empty text' }),
    onReady: async () => { readies++; },
    onMessage: async (message) => {
      if (message.type === 'boom') throw new Error('handler failed');
      handled.push(message);
    },
    onError: (message, error) => errors.push(`${message.type}: ${(error as Error).message}`),
    log: (line) => log.push(line),
    ...overrides,
  });
  return { host, log, handled, errors, readies: () => readies };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const panel = (): MockWebviewPanel => mock.panels.at(-1)!;

describe('WebviewPanelHost', () => {
  beforeEach(() => mock.reset());

  test('one locked-down panel: scripts on, command links off, only media/ and dist/ readable, a CSP with a nonce', () => {
    const { host } = setUp();
    host.show('First');
    host.show('Second');
    assert.equal(mock.panels.length, 1, 'shown again, not created again');
    assert.equal(panel().revealed, 1);
    assert.equal(panel().title, 'Second');
    const options = panel().webview.options as { enableScripts: boolean; enableCommandUris: boolean; localResourceRoots: Uri[] };
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots.map((uri) => uri.fsPath), ['/ext/media', '/ext/dist']);
    const html = panel().webview.html;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html)?.[1];
    assert.ok(nonce, 'the CSP names a script nonce');
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="[^"]*/ext/dist/page\\.js"`));
    assert.match(html, /default-src 'none'/);
    assert.equal(host.isOpen, true);
    assert.equal(host.isReady, false);
  });

  test('what is posted before the page is ready is sent on ready, before the state onReady sends; at most 50 kept', async () => {
    const { host, readies } = setUp();
    host.show('t');
    for (let i = 0; i < 60; i++) host.post({ type: 'greeting', text: `early ${i}` });
    assert.deepEqual(panel().webview.posted, [], 'nothing reaches a page that does not listen yet');
    panel().webview.send({ type: 'ready' });
    await settle();
    assert.equal(readies(), 1);
    const posted = panel().webview.posted as Out[];
    assert.equal(posted.length, 50);
    assert.deepEqual([posted[0].text, posted[49].text], ['early 10', 'early 59'], 'the oldest ones are superseded');
    host.post({ type: 'greeting', text: 'late' });
    assert.deepEqual(panel().webview.posted.at(-1), { type: 'greeting', text: 'late' }, 'after ready: sent at once');
  });

  test('an invalid outgoing message is not sent but logged; an invalid incoming one is dropped and logged', async () => {
    const { host, log, handled } = setUp();
    host.show('t');
    panel().webview.send({ type: 'ready' });
    await settle();
    host.post({ type: 'greeting', text: '' });
    assert.deepEqual(panel().webview.posted, []);
    assert.deepEqual(log, ['not sent to the webview (invalid greeting message): empty text']);
    panel().webview.send({ type: 'hello', name: 42 });
    panel().webview.send('hello');
    await settle();
    assert.deepEqual(handled, []);
    assert.deepEqual(log.slice(1), ['dropped an invalid message from the webview: not a message', 'dropped an invalid message from the webview: not a message']);
  });

  test('a failing handler is logged and reported to onError; the panel keeps working', async () => {
    const { host, log, errors, handled } = setUp();
    host.show('t');
    panel().webview.send({ type: 'boom' });
    panel().webview.send({ type: 'hello', name: 'after' });
    await settle();
    assert.deepEqual(log, ['boom failed: handler failed']);
    assert.deepEqual(errors, ['boom: handler failed']);
    assert.deepEqual(handled, [{ type: 'hello', name: 'after' }]);
  });

  test('closing the panel drops its listeners; show() then opens a new one that waits for its own ready', async () => {
    const { host, handled } = setUp();
    host.show('t');
    const first = panel();
    first.webview.send({ type: 'ready' });
    await settle();
    first.dispose();
    assert.equal(host.isOpen, false);
    first.webview.send({ type: 'hello', name: 'ghost' });
    await settle();
    assert.deepEqual(handled, [], 'a closed panel is not listened to');
    host.post({ type: 'greeting', text: 'to nobody' });
    host.show('again');
    assert.equal(mock.panels.length, 2);
    assert.equal(host.isReady, false, 'the new page has not said ready');
    assert.deepEqual(panel().webview.posted, []);
  });

  test('revive adopts a restored panel; a second one while one is open is closed', () => {
    const { host } = setUp();
    const restored = new MockWebviewPanel('test.panel', 'old title');
    assert.equal(host.revive(restored as never, 'Restored'), true);
    assert.equal(restored.title, 'Restored');
    assert.match(restored.webview.html, /Loading…/);
    const extra = new MockWebviewPanel('test.panel', 'another');
    assert.equal(host.revive(extra as never, 'Extra'), false);
    assert.equal(extra.disposed, true);
    assert.equal(restored.disposed, false);
  });

  test('dispose closes the panel', () => {
    const { host } = setUp();
    host.show('t');
    host.dispose();
    assert.equal(panel().disposed, true);
    assert.equal(host.isOpen, false);
  });
});
