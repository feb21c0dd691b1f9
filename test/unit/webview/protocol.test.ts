import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseHostMessage, parseWebviewMessage, parseWebviewState, type HostMessage, type LessonView, type WebviewMessage,
} from '../../../src/webview/protocol';

const validWebview: WebviewMessage[] = [
  { type: 'ready' },
  { type: 'run', lessonId: 'first-container', stepId: 'run-hello', vars: { port: '8080' } },
  { type: 'check', lessonId: 'first-container', stepId: 'run-hello', vars: {} },
  { type: 'cancel', lessonId: 'first-container', stepId: 'run-hello' },
  { type: 'openFile', lessonId: 'images', stepId: 'write-dockerfile' },
  { type: 'reset', lessonId: 'first-container' },
  { type: 'navigate', lessonId: 'images' },
  { type: 'setVar', lessonId: 'first-container', name: 'port', value: '8081' },
  { type: 'log', level: 'error', message: 'CSP blocked style-src-elem' },
];

const lessonView: LessonView = {
  id: 'first-container', order: 3, title: '第一个容器', summary: 's', html: '<p>x</p>',
  steps: [{ id: 'run-hello', index: 0, title: '运行', kind: 'run', command: 'docker run hello-world', vars: [], hasChecks: true }],
  vars: [{ name: 'port', label: '宿主机端口', type: 'port', value: '8080' }],
  recapHtml: ['<code>docker ps</code>'], quiz: [{ questionHtml: 'q', answerHtml: 'a' }],
  prev: { id: 'intro', title: '认识 Docker' },
};

const validHost: HostMessage[] = [
  { type: 'lesson', lesson: lessonView, progress: { 'run-hello': { state: 'passed', checks: [] } }, labels: { run: '运行' } },
  { type: 'step', lessonId: 'first-container', stepId: 'run-hello', progress: {
    state: 'failed', checks: [{ kind: 'container', pass: false, title: '容器 dl-hello', expected: 'exited', actual: '不存在', hint: '先运行' }],
  } },
  { type: 'engine', connected: false, message: 'ECONNREFUSED' },
  { type: 'notice', level: 'warning', message: '端口被占用' },
  { type: 'focus', stepId: 'run-hello' },
];

describe('webview → host messages', () => {
  for (const message of validWebview) {
    test(`a valid ${message.type} message passes unchanged`, () => {
      const parsed = parseWebviewMessage(structuredClone(message));
      assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.error);
      if (parsed.ok) assert.deepEqual(parsed.value, message);
    });
  }

  const rejected: [string, unknown][] = [
    ['an unknown type', { type: 'exec', command: 'docker rm -f $(docker ps -aq)' }],
    ['no type', { lessonId: 'x' }],
    ['not an object', 'run'],
    ['null', null],
    ['an extra field on run', { type: 'run', lessonId: 'a', stepId: 'b', vars: {}, command: 'rm -rf /' }],
    ['an extra field on ready', { type: 'ready', html: '<script>' }],
    ['a command string instead of a step id', { type: 'run', lessonId: 'a', stepId: 'docker run -d nginx', vars: {} }],
    ['a shell metacharacter in a lesson id', { type: 'reset', lessonId: 'a;rm -rf ~' }],
    ['an upper-case id', { type: 'navigate', lessonId: 'Images' }],
    ['an oversized id', { type: 'navigate', lessonId: 'a'.repeat(200) }],
    ['an empty id', { type: 'cancel', lessonId: '', stepId: 'x' }],
    ['a number as id', { type: 'cancel', lessonId: 3, stepId: 'x' }],
    ['missing vars on check', { type: 'check', lessonId: 'a', stepId: 'b' }],
    ['an oversized variable value', { type: 'run', lessonId: 'a', stepId: 'b', vars: { port: '1'.repeat(201) } }],
    ['a non-string variable value', { type: 'run', lessonId: 'a', stepId: 'b', vars: { port: 8080 } }],
    ['a bad variable name', { type: 'setVar', lessonId: 'a', name: '$(id)', value: '1' }],
    ['too many variables', { type: 'run', lessonId: 'a', stepId: 'b', vars: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`v${i}`, '1'])) }],
    ['an oversized log message', { type: 'log', level: 'error', message: 'x'.repeat(2001) }],
    ['an unknown log level', { type: 'log', level: 'fatal', message: 'x' }],
  ];
  for (const [what, raw] of rejected) {
    test(`rejects ${what}`, () => {
      const parsed = parseWebviewMessage(raw);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.ok(parsed.error.length > 0, 'the error says what was wrong');
    });
  }

  test('the error names the offending field', () => {
    const parsed = parseWebviewMessage({ type: 'run', lessonId: 'a', stepId: 'no spaces allowed', vars: {} });
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.error, /^stepId:/);
  });
});

describe('host → webview messages', () => {
  for (const message of validHost) {
    test(`a valid ${message.type} message passes`, () => {
      const parsed = parseHostMessage(structuredClone(message));
      assert.equal(parsed.ok, true, parsed.ok ? '' : parsed.error);
    });
  }

  test('step progress gets an empty checks list by default', () => {
    const parsed = parseHostMessage({ type: 'step', lessonId: 'a', stepId: 'b', progress: { state: 'running' } });
    assert.ok(parsed.ok);
    if (parsed.ok && parsed.value.type === 'step') assert.deepEqual(parsed.value.progress.checks, []);
  });

  const rejected: [string, unknown][] = [
    ['an unknown type', { type: 'eval', code: 'alert(1)' }],
    ['an unknown step state', { type: 'step', lessonId: 'a', stepId: 'b', progress: { state: 'exploded', checks: [] } }],
    ['a check without expected/actual', { type: 'step', lessonId: 'a', stepId: 'b', progress: { state: 'failed', checks: [{ kind: 'x', pass: false, title: 't' }] } }],
    ['a lesson with a bad step kind', { type: 'lesson', lesson: { ...lessonView, steps: [{ ...lessonView.steps[0], kind: 'shell' }] }, progress: {}, labels: {} }],
    ['a lesson without html', { type: 'lesson', lesson: { ...lessonView, html: undefined }, progress: {}, labels: {} }],
    ['a focus on a non-id', { type: 'focus', stepId: '<img src=x>' }],
  ];
  for (const [what, raw] of rejected) {
    test(`rejects ${what}`, () => assert.equal(parseHostMessage(raw).ok, false));
  }
});

describe('webview state', () => {
  test('defaults fill in; a saved state round-trips', () => {
    const empty = parseWebviewState({});
    assert.ok(empty.ok);
    if (empty.ok) assert.deepEqual(empty.value, { revealedQuiz: [], revealedHints: {}, vars: {} });
    const saved = { lessonId: 'first-container', scrollY: 420, revealedQuiz: [0, 2], revealedHints: { 'challenge-again': 1 }, vars: { port: '8081' } };
    const parsed = parseWebviewState(saved);
    assert.ok(parsed.ok);
    if (parsed.ok) assert.deepEqual(parsed.value, saved);
  });

  test('a corrupted state is refused (the panel then opens where the learner left off)', () => {
    assert.equal(parseWebviewState({ lessonId: '../../etc' }).ok, false);
    assert.equal(parseWebviewState({ revealedQuiz: ['a'] }).ok, false);
    assert.equal(parseWebviewState(undefined).ok, false);
  });
});
