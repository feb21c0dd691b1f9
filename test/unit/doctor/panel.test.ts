// The 环境体检 panel through the vscode mock, with an engine that does not answer (so the check needs no Docker and
// contacts only 127.0.0.1): the page gets "running", then the report in the UI language; "copy" puts the report's
// text on the clipboard; "rerun" checks again; an engine address that cannot be parsed shows the failure.
import { mock, MockOutputChannel, Uri } from '../../support/vscodeMock';
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { createEngine } from '../../../src/engine';
import { EngineError } from '../../../src/engine/errors';
import { DoctorPanelController, registerDoctor } from '../../../src/vscode/doctor/panel';
import { DOCTOR_COMMANDS, WEBVIEW_PANELS } from '../../../src/vscode/ids';
import type { DoctorHostMessage } from '../../../src/webview/doctor/protocol';

const panel = () => mock.panels.at(-1)!;
const posted = () => panel().webview.posted as DoctorHostMessage[];
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await settle();
  assert.ok(condition(), 'timed out waiting for the page to be updated');
}

/** An engine on a socket nobody listens on; the default registry is a closed local port. */
function setUp() {
  const engine = createEngine({ kind: 'unix', socketPath: '/nonexistent/docker.sock', url: 'unix:///nonexistent/docker.sock', source: 'setting' });
  const env = { PATH: process.env.PATH, DOCKER_LESSONS_DEFAULT_REGISTRY: 'http://127.0.0.1:9', HOME: process.env.HOME };
  const log: string[] = [];
  const controller = new DoctorPanelController(Uri.file('/ext') as never, () => engine, (line) => log.push(line), env);
  return { controller, engine, log };
}

describe('环境体检 panel (vscode mock)', () => {
  beforeEach(() => mock.reset());

  test('running, then the report; the page gets whatever it missed when it says it is ready', async (t) => {
    const { controller, engine } = setUp();
    t.after(() => { controller.dispose(); engine.dispose(); });
    const report = await controller.open();
    assert.ok(report, 'a report even though the engine does not answer');
    assert.equal(panel().viewType, WEBVIEW_PANELS.doctor);
    assert.match(panel().webview.html, /dist\/doctor\/page\.js/);
    panel().webview.send({ type: 'ready' });
    await settle();
    const last = posted().at(-1)!;
    assert.equal(last.type, 'report');
    if (last.type !== 'report') return;
    assert.equal(last.view.endpoint, 'unix:///nonexistent/docker.sock');
    const engineFinding = last.view.findings.find((f) => f.area === 'engine');
    assert.equal(engineFinding?.level, 'error');
    assert.match(engineFinding!.detail, /No Docker engine answers at unix:\/\/\/nonexistent\/docker\.sock/);
    assert.ok(last.view.findings.some((f) => f.id === 'default-registry' && /127\.0\.0\.1:9/.test(f.detail)));
    assert.equal(last.labels.rerun, 'Check again');
  });

  test('copy puts the report on the clipboard; rerun runs the check again', async (t) => {
    const { controller, engine } = setUp();
    t.after(() => { controller.dispose(); engine.dispose(); });
    await controller.open();
    panel().webview.send({ type: 'ready' });
    await settle();
    panel().webview.send({ type: 'copy' });
    await settle();
    assert.match(mock.clipboard, /^Environment check of unix:\/\/\/nonexistent\/docker\.sock/);
    assert.match(mock.clipboard, /✗ Docker engine/);
    assert.equal(posted().at(-1)?.type, 'copied');
    const before = posted().filter((m) => m.type === 'running').length;
    panel().webview.send({ type: 'rerun' });
    await waitFor(() => posted().filter((m) => m.type === 'running').length === before + 1 && posted().at(-1)?.type === 'report');
  });

  test('an engine address that cannot be parsed: the page says why', async () => {
    const log: string[] = [];
    const controller = new DoctorPanelController(Uri.file('/ext') as never, () => { throw new EngineError('bad-host', 'The Docker host "tcp:/x" is not valid'); },
      (line) => log.push(line));
    assert.equal(await controller.open(), undefined);
    panel().webview.send({ type: 'ready' });
    await settle();
    const last = posted().at(-1)!;
    assert.equal(last.type, 'failed');
    assert.match(last.type === 'failed' ? last.message : '', /tcp:\/x/);
    assert.ok(log.some((line) => line.includes('tcp:/x')));
    controller.dispose();
  });

  test('the command and the panel serializer are registered', async () => {
    const context = { extensionUri: Uri.file('/ext'), subscriptions: [] as { dispose(): void }[] };
    const engine = createEngine({ kind: 'unix', socketPath: '/nonexistent/docker.sock', url: 'unix:///nonexistent/docker.sock', source: 'setting' });
    registerDoctor(context as never, () => engine, new MockOutputChannel('x') as never);
    assert.ok(mock.commands.has(DOCTOR_COMMANDS.checkSetup));
    for (const disposable of context.subscriptions) disposable.dispose();
    engine.dispose();
  });
});
