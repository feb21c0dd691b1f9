// 10,000 malformed messages from the page side: each must be rejected by the protocol's parser with a readable reason,
// and, posted to the lesson panel (the generic panel host and the lesson controller, through the vscode mock), be
// dropped with exactly one log line and no action: 0 exceptions, 0 unhandled rejections, 0 service calls.
import { mock, MockOutputChannel, Uri } from '../../support/vscodeMock';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadLessons } from '../../../src/lessons';
import { parseWebviewMessage, type WebviewMessage } from '../../../src/webview/protocol';
import { LessonPanelController } from '../../../src/vscode/panel/lessonPanel';
import { RecordingLessonService } from '../../support/lessonService';
import { prng } from '../../support/prng';

const ROUNDS = 10_000;
const GOOD = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons', 'good');

/** Messages the page really sends (lesson every-kind of the good fixtures). */
const VALID: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'run', lessonId: 'every-kind', stepId: 'run-web', vars: { port: '8080' } },
  { type: 'check', lessonId: 'every-kind', stepId: 'run-web', vars: {} },
  { type: 'cancel', lessonId: 'every-kind', stepId: 'run-web' },
  { type: 'openFile', lessonId: 'every-kind', stepId: 'write-dockerfile' },
  { type: 'reset', lessonId: 'every-kind' },
  { type: 'navigate', lessonId: 'second' },
  { type: 'setVar', lessonId: 'every-kind', name: 'port', value: '8081' },
  { type: 'log', level: 'error', message: 'CSP blocked style-src-elem' },
];

type Raw = Record<string, unknown>;

function malformedGenerator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (max: number) => Math.floor(random() * max);
  const nested = (depth: number): unknown => (depth === 0 ? 'run' : random() < 0.5 ? [nested(depth - 1)] : { type: nested(depth - 1) });

  /** Values of the wrong kind for any field (every one structured-cloneable, as postMessage requires). */
  const junk = (): unknown => pick<() => unknown>([
    () => null, () => undefined, () => int(1e9) - 5e8, () => NaN, () => Infinity, () => -0, () => random() < 0.5,
    () => '', () => ' ', () => 'x'.repeat(1 + int(5000)), () => '\u0000\u202e\ud800', () => '{"type":"run"}',
    () => ['run-web'], () => [], () => ({}), () => ({ toString: 'run-web' }), () => new Date(int(1e12)),
    () => new Map([['type', 'run']]), () => new Set(['run']), () => /run-web/g, () => new Uint8Array(int(64)),
    () => new ArrayBuffer(8), () => new Error('run-web'), () => BigInt(int(1000)), () => nested(1 + int(40)),
  ])();

  /** Strings that are not ids: upper case, shell, paths, too long, empty, Unicode look-alikes. */
  const badId = (): string => pick([
    '', 'Run-Web', '-run', 'run web', 'run;rm -rf ~', '$(reboot)', '../../etc/passwd', 'a'.repeat(82 + int(500)),
    'run\nweb', 'ｒｕｎ', 'run_web', '__proto__', 'constructor', 'run-web\u0000',
  ]);

  const mutations: ((message: Raw) => unknown)[] = [
    // a field of the wrong kind
    (m) => { const keys = Object.keys(m); return { ...m, [pick(keys)]: junk() }; },
    // a required field missing (every message but ready has one)
    (m) => { const keys = Object.keys(m).filter((k) => k !== 'type'); if (keys.length === 0) return { ...m, type: junk() }; const out = { ...m }; delete out[pick(keys)]; return out; },
    // a field we never send (messages are strict)
    (m) => ({ ...m, [pick(['command', 'html', 'script', '__proto__', 'constructor', 'prototype', 'then', 'extra'])]: junk() ?? 'x' }),
    // an id that is not an id
    (m) => ('lessonId' in m ? { ...m, lessonId: badId() } : 'stepId' in m ? { ...m, stepId: badId() } : { ...m, type: badId() }),
    (m) => ('stepId' in m ? { ...m, stepId: badId() } : { ...m, type: `${String(m.type)} ` }),
    // an unknown or disguised type
    (m) => ({ ...m, type: pick(['exec', 'RUN', 'Run', ' run', 'run ', 'shell', 'eval', 'runStep', 'toString', '']) }),
    (m) => ({ ...m, type: junk() }),
    // variables: too many, a bad name, a value too long, not strings, not a record
    (m) => ({ type: pick(['run', 'check']), lessonId: m.lessonId ?? 'every-kind', stepId: 'run-web',
      vars: pick<() => unknown>([
        () => Object.fromEntries(Array.from({ length: 33 + int(200) }, (_, i) => [`v${i}`, '1'])),
        () => ({ [pick(['1port', 'por t', 'p-ort', '', 'x'.repeat(42), '$port'])]: '8080' }),
        () => ({ port: '9'.repeat(201 + int(5000)) }),
        () => ({ port: pick([8080, null, ['8080'], { v: '8080' }, true]) }),
        () => pick(['port=8080', ['8080'], 8080, null]),
      ])() }),
    // setVar and log with values out of bounds
    () => ({ type: 'setVar', lessonId: 'every-kind', name: pick(['', '9x', 'a b', 'x'.repeat(60)]), value: '1' }),
    () => ({ type: 'setVar', lessonId: 'every-kind', name: 'port', value: pick(['x'.repeat(201), 8080, null]) }),
    () => ({ type: 'log', level: pick(['debug', 'fatal', 'ERROR', '', 3]), message: 'm' }),
    () => ({ type: 'log', level: 'info', message: 'x'.repeat(2001 + int(20_000)) }),
    // not a message at all
    () => junk(),
    () => VALID.map((v) => ({ ...v })),
    () => Object.fromEntries(Array.from({ length: 100 + int(2000) }, (_, i) => [`k${i}`, i])),
  ];

  return (): unknown => {
    const base = { ...pick(VALID) } as Raw;
    let message = pick(mutations)(base);
    // Sometimes two mistakes at once.
    if (random() < 0.2 && message !== null && typeof message === 'object' && !Array.isArray(message)) {
      message = pick(mutations.slice(0, 7))(message as Raw);
    }
    return message;
  };
}

/** The messages that must be refused, with the one test for it (the parser's); a rare valid one is regenerated. */
function malformedMessages(count: number): unknown[] {
  const next = malformedGenerator(prng(0x5eed_f00d));
  const out: unknown[] = [];
  while (out.length < count) {
    const message = next();
    let cloneable = true;
    try { structuredClone(message); } catch { cloneable = false; }
    if (cloneable && !parseWebviewMessage(structuredClone(message)).ok) out.push(message);
  }
  return out;
}

describe(`webview protocol: ${ROUNDS.toLocaleString('en')} malformed messages from the page`, () => {
  const messages = malformedMessages(ROUNDS);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));

  test('the parser rejects each one with a readable reason and never throws', () => {
    let rejected = 0;
    let crashes = 0;
    for (const message of messages) {
      try {
        const parsed = parseWebviewMessage(structuredClone(message));
        if (!parsed.ok) {
          rejected++;
          assert.match(parsed.error, /^\S.*: \S/, 'path: reason');
          assert.ok(parsed.error.length < 2000, 'the reason does not echo a huge message');
        }
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        crashes++;
      }
    }
    console.log(`  parser: ${messages.length} malformed messages, ${rejected} rejected, ${crashes} crashes`);
    assert.deepEqual({ rejected, crashes }, { rejected: ROUNDS, crashes: 0 });
  });

  test('the lesson panel drops each one with one log line, does nothing else and keeps working', async () => {
    mock.reset();
    const { lessons } = await loadLessons(GOOD);
    const service = new RecordingLessonService(lessons);
    // Read through a function: an assertion on the list would narrow it for the rest of the test.
    const methods = () => service.calls.map((call) => call.method);
    const output = new MockOutputChannel('Docker 实践课');
    const controller = new LessonPanelController(Uri.file('/ext') as never, service, output as never);
    await controller.open('every-kind');
    const panel = mock.panels[0];
    panel.webview.send({ type: 'ready' });
    await new Promise((resolve) => setImmediate(resolve));
    const postedBefore = panel.webview.posted.length;
    output.clear();

    let crashes = 0;
    for (const message of messages) {
      try {
        panel.webview.send(message);
      } catch {
        crashes++;
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
    const dropped = output.lines.filter((line) => / \[lesson panel\] dropped an invalid message from the webview: /.test(line)).length;
    console.log(`  lesson panel: ${messages.length} malformed messages, ${crashes} crashes, ${dropped} dropped and logged, `
      + `${output.lines.length} log lines, ${service.calls.length} service calls, ${unhandled.length} unhandled rejections`);
    assert.equal(crashes, 0);
    assert.deepEqual(unhandled, []);
    assert.equal(output.lines.length, ROUNDS, 'one log line per message');
    assert.equal(dropped, ROUNDS, 'each one logged as dropped');
    assert.deepEqual(methods(), [], 'nothing was run, checked, reset or stored');
    assert.equal(panel.webview.posted.length, postedBefore, 'nothing was sent back to the page');
    assert.equal(panel.disposed, false);

    // Still working: a real message is acted upon.
    panel.webview.send({ type: 'check', lessonId: 'every-kind', stepId: 'run-web', vars: {} });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(methods(), ['checkStep']);
    controller.dispose();
  });
});
