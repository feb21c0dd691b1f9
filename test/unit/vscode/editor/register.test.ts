// Editor help's registration against the vscode mock: hovers, the ▶ Run-in-terminal CodeLens and its command, which
// runs in a terminal pointed at the window's engine connection and follows it when it changes.
import { mock, EventEmitter, Hover, MarkdownString, Position, Uri, type MockTerminal } from '../../../support/vscodeMock';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../../src/engine';
import { EngineError } from '../../../../src/engine/errors';
import type { Endpoint } from '../../../../src/engine/types';
import { registerEditorHelp } from '../../../../src/vscode/editor/register';
import { EDITOR_COMMANDS, SETTINGS } from '../../../../src/vscode/ids';

const LOCAL: Endpoint = { kind: 'unix', socketPath: '/run/docker.sock', url: 'unix:///run/docker.sock', source: 'default-socket' };
const REMOTE: Endpoint = { kind: 'tcp', host: 'remote', port: 2376, url: 'tcp://remote:2376', source: 'setting',
  tls: { certPath: '/certs/cert.pem', verify: true } };

/** Stands in for EngineConnection: `set` changes the engine the way a new dockerLessons.host does. */
function fakeConnection(endpoint: Endpoint | Error) {
  const changed = new EventEmitter<void>();
  let current = endpoint;
  return {
    get: (): DockerEngine => {
      if (current instanceof Error) throw current;
      return { endpoint: current } as DockerEngine;
    },
    onDidChangeEngine: changed.event,
    set(next: Endpoint | Error) {
      current = next;
      changed.fire();
    },
    changed,
  };
}

function markdown(text: string, fsPath = '/home/me/notes/docker.md') {
  return { uri: { scheme: 'file', fsPath }, languageId: 'markdown', getText: () => text, version: 1 };
}

const runCommand = (command: unknown) => mock.commands.get(EDITOR_COMMANDS.runInTerminal)!(command) as Promise<void>;

describe('editor help registration (vscode mock)', () => {
  let registration: { dispose(): void };
  let connection: ReturnType<typeof fakeConnection>;

  beforeEach(() => {
    mock.reset();
    connection = fakeConnection(LOCAL);
    registration = registerEditorHelp({ extensionUri: Uri.file('/ext') } as never, connection);
  });
  afterEach(() => registration.dispose());

  test('registers the hovers, the CodeLens and the command, and disposes them all', () => {
    assert.deepEqual(mock.hoverProviders.map((h) => h.selector), [{ language: 'dockerfile' }, [{ language: 'markdown' }, { language: 'shellscript' }]]);
    assert.deepEqual(mock.codeLensProviders.map((c) => c.selector), [{ language: 'markdown' }]);
    assert.ok(mock.commands.has(EDITOR_COMMANDS.runInTerminal));
    registration.dispose();
    assert.equal(mock.hoverProviders.length + mock.codeLensProviders.length + mock.commands.size, 0);
    assert.equal(connection.changed.listenerCount, 0, 'no longer follows the connection');
  });

  test('a Dockerfile hover is untrusted Markdown', () => {
    const provider = mock.hoverProviders[0]!.provider as { provideHover(d: unknown, p: Position): Hover | undefined };
    const hover = provider.provideHover({ getText: () => 'FROM busybox\n' }, new Position(0, 1));
    assert.ok(hover instanceof Hover);
    assert.ok(hover.contents instanceof MarkdownString);
    assert.equal(hover.contents.isTrusted, false);
    assert.match(hover.contents.value, /FROM/);
  });

  test('the CodeLens offers ▶ Run in terminal on docker commands in notes, not in lessons, and obeys its setting', () => {
    type Lens = { command?: { title: string; command: string; arguments?: unknown[] } };
    const provider = mock.codeLensProviders[0]!.provider as { provideCodeLenses(d: unknown): Lens[]; onDidChangeCodeLenses: (l: () => void) => unknown };
    const note = '# notes\n\n```bash\ndocker run -d --name web nginx\n```\n';
    const lenses = provider.provideCodeLenses(markdown(note));
    assert.deepEqual(lenses.map((l) => l.command), [{
      title: '▶ Run in terminal', tooltip: 'docker run -d --name web nginx', command: EDITOR_COMMANDS.runInTerminal,
      arguments: ['docker run -d --name web nginx'],
    }]);
    assert.deepEqual(provider.provideCodeLenses(markdown(note, '/ext/lessons/03-first-container.md')), [], 'lessons have the webview');

    let changes = 0;
    provider.onDidChangeCodeLenses(() => changes++);
    mock.setConfiguration({ [SETTINGS.codeLensEnabled]: false });
    assert.equal(changes, 1);
    assert.deepEqual(provider.provideCodeLenses(markdown(note)), []);
  });

  test('runs in one terminal pointed at the window engine, and a new one after the engine changed', async () => {
    await runCommand('docker ps');
    await runCommand('docker images');
    assert.equal(mock.terminals.length, 1, 'reused');
    const [first] = mock.terminals as [MockTerminal];
    assert.deepEqual(first.sent.map((s) => s.text), ['docker ps', 'docker images']);
    assert.deepEqual(first.creationOptions.env, {
      DOCKER_HOST: 'unix:///run/docker.sock', DOCKER_CLI_HINTS: 'false', DOCKER_CONTEXT: null, DOCKER_TLS: null,
      DOCKER_TLS_VERIFY: null, DOCKER_CERT_PATH: null,
    });

    connection.set(REMOTE);
    await runCommand('docker ps');
    assert.equal(mock.terminals.length, 2, 'a new terminal for the new engine');
    assert.deepEqual(mock.terminals[1]!.creationOptions.env, {
      DOCKER_HOST: 'tcp://remote:2376', DOCKER_CLI_HINTS: 'false', DOCKER_CONTEXT: null, DOCKER_TLS: null,
      DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs',
    });
    assert.deepEqual(first.sent.length, 2, 'the old terminal is left alone');

    mock.closeTerminal(mock.terminals[1]!);
    await runCommand('docker ps');
    assert.equal(mock.terminals.length, 3, 'a closed terminal is replaced');
  });

  test('refuses what it must not run, asks before destructive commands, reports a bad engine address', async () => {
    await runCommand('ls -la');
    assert.equal(mock.messages.at(-1)?.message, 'Only docker commands can be run from a note.');
    await runCommand(undefined);
    assert.match(mock.messages.at(-1)?.message ?? '', /Run in terminal link/);

    await runCommand('docker volume rm data');
    assert.equal(mock.messages.at(-1)?.options?.modal, true);
    assert.equal(mock.terminals.length, 0, 'declined: not run');
    mock.answer.warning = mock.press('Run');
    await runCommand('docker volume rm data');
    assert.deepEqual(mock.terminals[0]?.sent.map((s) => s.text), ['docker volume rm data']);

    mock.isTrusted = false;
    await runCommand('docker ps');
    assert.match(mock.messages.at(-1)?.message ?? '', /not trusted/);
    mock.isTrusted = true;

    connection.set(new EngineError('bad-host', 'DOCKER_HOST "tcp:/x" is not a valid address.'));
    await runCommand('docker ps');
    assert.deepEqual(mock.messages.at(-1), { level: 'error', message: 'DOCKER_HOST "tcp:/x" is not a valid address.', options: undefined, items: [] });
    assert.deepEqual(mock.terminals[0]?.sent.length, 1, 'nothing more was run');
  });
});
