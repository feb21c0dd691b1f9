// Editor help's registration against the vscode mock: hovers (with links into the course), the Run-in-terminal and Copy
// CodeLenses and their commands (running in a terminal pointed at the window's engine connection, following it when it
// changes), and Dockerfile diagnostics with quick fixes and "open the lesson" actions.
import {
  mock, CodeAction, Diagnostic, DiagnosticSeverity, EventEmitter, Hover, MarkdownString, Position, Range, Uri, type MockTerminal,
} from '../../../support/vscodeMock';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DockerEngine } from '../../../../src/engine';
import { EngineError } from '../../../../src/engine/errors';
import type { Endpoint } from '../../../../src/engine/types';
import { registerEditorHelp } from '../../../../src/vscode/editor/register';
import { EDITOR_COMMANDS, LESSON_COMMANDS, SETTINGS } from '../../../../src/vscode/ids';

/** The repository: its lessons folder is what a packaged extension ships. */
const REPO = Uri.file(path.resolve(__dirname, '..', '..', '..', '..'));
type HoverProvider = { provideHover(d: unknown, p: Position): Promise<Hover | undefined> };
type ActionProvider = { provideCodeActions(d: unknown, r: Range): CodeAction[] };

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

  test('registers the hovers, the CodeLens, the quick fixes and the commands, and disposes them all', () => {
    assert.deepEqual(mock.hoverProviders.map((h) => h.selector), [{ language: 'dockerfile' }, [{ language: 'markdown' }, { language: 'shellscript' }]]);
    assert.deepEqual(mock.codeLensProviders.map((c) => c.selector), [{ language: 'markdown' }]);
    assert.deepEqual(mock.codeActionProviders.map((c) => c.selector), [{ language: 'dockerfile' }]);
    assert.ok(mock.commands.has(EDITOR_COMMANDS.runInTerminal));
    assert.ok(mock.commands.has(EDITOR_COMMANDS.copyCommand));
    registration.dispose();
    assert.equal(mock.hoverProviders.length + mock.codeLensProviders.length + mock.codeActionProviders.length + mock.commands.size, 0);
    assert.equal(connection.changed.listenerCount, 0, 'no longer follows the connection');
  });

  test('a Dockerfile hover: no HTML, and of all commands only the lesson link may run', async () => {
    const provider = mock.hoverProviders[0]!.provider as HoverProvider;
    const hover = await provider.provideHover({ getText: () => 'FROM busybox\n' }, new Position(0, 1));
    assert.ok(hover instanceof Hover);
    assert.ok(hover.contents instanceof MarkdownString);
    assert.deepEqual(hover.contents.isTrusted, { enabledCommands: [LESSON_COMMANDS.openLesson] });
    assert.equal(hover.contents.supportHtml, false);
    assert.match(hover.contents.value, /FROM/);
    assert.doesNotMatch(hover.contents.value, /command:/, 'no lessons folder at /ext: no link, but the hover still works');
  });

  test('the CodeLens offers $(play) Run in terminal on docker commands in notes, not in lessons, and obeys its setting', () => {
    type Lens = { command?: { title: string; command: string; arguments?: unknown[] } };
    const provider = mock.codeLensProviders[0]!.provider as { provideCodeLenses(d: unknown): Lens[]; onDidChangeCodeLenses: (l: () => void) => unknown };
    const note = '# notes\n\n```bash\ndocker run -d --name web nginx\n```\n';
    const lenses = provider.provideCodeLenses(markdown(note));
    assert.deepEqual(lenses.map((l) => l.command), [{
      title: '$(play) Run in terminal', tooltip: 'docker run -d --name web nginx', command: EDITOR_COMMANDS.runInTerminal,
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
    assert.match(mock.messages.at(-1)?.message ?? '', /"Run in terminal" link/);

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

  test('with the course lessons: hovers link to the step that teaches the token, in Dockerfiles and in note fences', async () => {
    registration.dispose();
    mock.reset();
    mock.language = 'zh-cn';
    registration = registerEditorHelp({ extensionUri: REPO } as never, connection);
    const [dockerfile, notes] = mock.hoverProviders.map((h) => h.provider as HoverProvider);
    const hover = await dockerfile!.provideHover({ getText: () => 'FROM busybox\nWORKDIR /app\n' }, new Position(1, 2));
    const link = /\[\$\(book\) 课程：[^\]]+\]\(command:dockerLessons\.openLesson\?([^)]+)\)/.exec((hover?.contents as MarkdownString).value);
    assert.ok(link, 'a lesson link');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), ['instructions', 'build-workdir']);
    assert.equal((hover?.contents as MarkdownString).supportThemeIcons, true, '$(book) renders as an icon');

    const note = '# 笔记\n\n```docker\nFROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n```\n';
    const stage = await notes!.provideHover(markdown(note), new Position(3, 20));
    assert.match((stage?.contents as MarkdownString).value, /构建阶段 `build`/);
    assert.match((stage?.contents as MarkdownString).value, /command:dockerLessons\.openLesson\?.*multistage/);
    const shell = await notes!.provideHover({ ...markdown('```bash\ndocker volume prune -a\n```\n'), languageId: 'markdown' }, new Position(1, 21));
    assert.match((shell?.contents as MarkdownString).value, /\*\*-a, --all\*\*/);
    const script = await notes!.provideHover({ ...markdown('#!/bin/sh\ndocker ps -a\n'), languageId: 'shellscript' }, new Position(1, 10));
    assert.match((script?.contents as MarkdownString).value, /\*\*-a, --all\*\*/, 'shell scripts: no fences, no prompts');
  });

  test('a synopsis or a command with placeholders gets a Copy lens that copies, not a Run lens', async () => {
    type Lens = { command?: { title: string; command: string; tooltip?: string; arguments?: unknown[] } };
    const provider = mock.codeLensProviders[0]!.provider as { provideCodeLenses(d: unknown): Lens[] };
    const note = '```bash\ndocker pull [选项] <镜像名>\ndocker ps -a   # 列出所有容器\ndocker pull       docker push\n```\n';
    const lenses = provider.provideCodeLenses(markdown(note)).map((lens) => lens.command!);
    assert.deepEqual(lenses.map((lens) => [lens.title, lens.command, lens.arguments]), [
      ['$(copy) Copy', EDITOR_COMMANDS.copyCommand, ['docker pull [选项] <镜像名>']],
      ['$(play) Run in terminal', EDITOR_COMMANDS.runInTerminal, ['docker ps -a']],
    ], 'the trailing comment is not sent; the diagram line gets nothing');
    await mock.commands.get(EDITOR_COMMANDS.copyCommand)!('docker pull [选项] <镜像名>');
    assert.equal(mock.clipboard, 'docker pull [选项] <镜像名>');
    assert.match(mock.statusBarMessages.at(-1) ?? '', /Copied/);
    assert.equal(mock.terminals.length, 0, 'copying runs nothing');
  });

  test('asks before a command that opens the host to a container, and says why', async () => {
    await runCommand('docker run --rm -v /:/host busybox ls /host');
    assert.match(mock.messages.at(-1)?.message ?? '', /access to the host/);
    assert.equal(mock.terminals.length, 0);
    await runCommand('cat Dockerfile | docker build -');
    assert.deepEqual(mock.terminals[0]?.sent.map((s) => s.text), ['cat Dockerfile | docker build -'], 'docker need not come first');
  });

  test('Dockerfile diagnostics in the UI language, with quick fixes and the lesson to open', async () => {
    // (The mock's l10n.t does not translate: the extension's own strings stay English here; the diagnostics are Chinese.)
    registration.dispose();
    mock.reset();
    mock.language = 'zh-cn';
    registration = registerEditorHelp({ extensionUri: REPO } as never, connection);
    const document = mock.openDocument('/w/Dockerfile', 'dockerfile', 'FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y curl\nADD app.py /app/\n');
    mock.openDocument('/w/notes.md', 'markdown', 'FROM ubuntu\n');
    await waitFor(() => mock.diagnostics.get(document.uri.toString()));
    const diagnostics = mock.diagnostics.get(document.uri.toString())!;
    assert.deepEqual(diagnostics.map((d) => [d.range.start.line, d.code, d.severity]),
      [[1, 'apt-update-alone', DiagnosticSeverity.Warning], [3, 'add-for-copy', DiagnosticSeverity.Warning]]);
    assert.ok(diagnostics.every((d) => d instanceof Diagnostic && d.source === 'docker-lessons'));
    assert.match(diagnostics[0]!.message, /不在同一条 RUN 里[\s\S]*课程：第 12 章/);
    assert.equal(mock.diagnostics.size, 1, 'Markdown is not checked');

    const actions = (mock.codeActionProviders[0]!.provider as ActionProvider).provideCodeActions(document, new Range(3, 0, 3, 0));
    assert.deepEqual(actions.map((a) => a.title), ['把 ADD 改成 COPY', 'Open the lesson: 第 10 章「Dockerfile 指令详解」› 构建 COPY 示例']);
    assert.deepEqual(actions[0]!.edit?.replacements.map((r) => [r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character, r.newText]), [[3, 0, 3, 3, 'COPY']]);
    assert.deepEqual(actions[1]!.command, { title: actions[1]!.title, command: LESSON_COMMANDS.openLesson, arguments: ['instructions', 'build-copy'] });

    mock.changeDocument(document, 'FROM ubuntu:24.04\nCOPY app.py /app/\n');
    assert.deepEqual((mock.codeActionProviders[0]!.provider as ActionProvider).provideCodeActions(document, new Range(1, 0, 1, 0)), [], 'stale results offer nothing');
    await waitFor(() => mock.diagnostics.get(document.uri.toString())?.length === 0 || undefined);
    mock.closeDocument(document);
    assert.equal(mock.diagnostics.has(document.uri.toString()), false, 'closing a Dockerfile clears its diagnostics');
  });
});

/** Poll until `check` returns something (diagnostics are computed after a short delay). */
async function waitFor<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
