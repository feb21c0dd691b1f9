// The progress model: verdicts, shares, last position, variables, reset — and that all of it survives a reload
// (a round trip through a Memento-like store, the way globalState keeps it).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  capUtf8, lessonShare, OUTPUT_CAP_BYTES, parseProgressData, ProgressModel, PROGRESS_KEY, type MementoLike,
} from '../../../../src/viewmodel/lessons/progress';
import type { StepProgress } from '../../../../src/lessons/progress';

/** globalState stand-in: stores a JSON copy, like VS Code does, so shared references cannot fake persistence. */
class FakeMemento implements MementoLike {
  readonly values = new Map<string, string>();
  writes = 0;
  get<T>(key: string): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : JSON.parse(raw) as T;
  }
  update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const passed: StepProgress = { state: 'passed', checks: [{ kind: 'container', pass: true, title: 'container web is running', expected: 'running', actual: 'running' }] };
const failed: StepProgress = { state: 'failed', checks: [{ kind: 'port', pass: false, title: 'port 80/tcp published', expected: '8080', actual: 'not published', hint: 'use -p' }] };

const steps = [
  { id: 'pull', kind: 'explain' },
  { id: 'run', kind: 'run' },
  { id: 'shell', kind: 'interactive' },
  { id: 'write', kind: 'edit' },
];

describe('progress model', () => {
  test('records a verdict, fires a change and keeps the time of the verdict', () => {
    const model = new ProgressModel(new FakeMemento(), PROGRESS_KEY, () => 1000);
    const events: unknown[] = [];
    model.onDidChange((e) => events.push(e));
    model.record('first-container', 'run', passed);
    assert.deepEqual(model.progress('first-container').run, { ...passed, at: 1000 });
    assert.deepEqual(events, [{ lessonId: 'first-container', stepId: 'run' }]);
    // A later verdict replaces the earlier one.
    model.record('first-container', 'run', failed);
    assert.equal(model.stepProgress('first-container', 'run')?.state, 'failed');
    assert.equal(events.length, 2);
  });

  test('refuses in-flight states: running/checking must not survive a reload', () => {
    const model = new ProgressModel(new FakeMemento());
    assert.throws(() => model.record('l', 's', { state: 'running', checks: [] }), /not a verdict/);
    assert.throws(() => model.record('l', 's', { state: 'checking', checks: [] }), /not a verdict/);
    assert.deepEqual(model.progress('l'), {});
  });

  test('share: explain steps do not count; complete only when every countable step passed', () => {
    assert.deepEqual(lessonShare(steps, {}), { done: 0, total: 3, percent: 0, complete: false });
    assert.deepEqual(lessonShare(steps, { run: passed, shell: failed }), { done: 1, total: 3, percent: 33, complete: false });
    assert.deepEqual(lessonShare(steps, { run: passed, shell: passed, write: passed, pull: passed }), { done: 3, total: 3, percent: 100, complete: true });
    // A lesson of explain steps only is never "complete" (nothing to do) but shows 100 %.
    assert.deepEqual(lessonShare([{ id: 'a', kind: 'explain' }], {}), { done: 0, total: 0, percent: 100, complete: false });
  });

  test('last position follows verdicts and opened lessons', () => {
    let now = 1;
    const model = new ProgressModel(new FakeMemento(), PROGRESS_KEY, () => now++);
    assert.equal(model.lastPosition(), undefined);
    model.setLastPosition('images');
    assert.deepEqual(model.lastPosition(), { lessonId: 'images', stepId: undefined });
    model.record('first-container', 'run', passed);
    assert.deepEqual(model.lastPosition(), { lessonId: 'first-container', stepId: 'run' });
    model.setLastPosition('lifecycle', 'stop');
    assert.deepEqual(model.lastPosition(), { lessonId: 'lifecycle', stepId: 'stop' });
  });

  test('resetLesson clears that lesson\'s verdicts only and keeps its variable values', () => {
    const model = new ProgressModel(new FakeMemento());
    model.record('a', 'one', passed);
    model.record('b', 'two', passed);
    model.setVar('a', 'port', '8081');
    const events: unknown[] = [];
    model.onDidChange((e) => events.push(e));
    model.resetLesson('a');
    assert.deepEqual(model.progress('a'), {});
    assert.equal(model.progress('b').two.state, 'passed');
    assert.deepEqual(model.varValues('a'), { port: '8081' });
    assert.deepEqual(events, [{ lessonId: 'a' }]);
    // Nothing to reset: no event, no write.
    model.resetLesson('a');
    assert.equal(events.length, 1);
  });

  test('clearAll forgets every verdict and the last position, not the variables', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento);
    model.record('a', 'one', passed);
    model.record('b', 'two', failed);
    model.setVar('b', 'name', 'web2');
    assert.equal(model.anyPassed(), true);
    await model.clearAll();
    assert.equal(model.anyPassed(), false);
    assert.deepEqual(model.progress('a'), {});
    assert.equal(model.lastPosition(), undefined);
    const reloaded = new ProgressModel(memento);
    assert.deepEqual(reloaded.progress('b'), {});
    assert.deepEqual(reloaded.varValues('b'), { name: 'web2' });
  });

  test('round trip: verdicts, variables and position survive a reload', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento, PROGRESS_KEY, () => 42);
    model.record('first-container', 'run', passed);
    model.record('first-container', 'ports', failed);
    model.setVar('first-container', 'port', '8090');
    model.setLastPosition('first-container', 'ports');
    await model.flush();
    assert.ok(memento.values.has(PROGRESS_KEY), 'stored under the one key');

    const reloaded = new ProgressModel(memento);
    assert.deepEqual(reloaded.progress('first-container'), { run: { ...passed, at: 42 }, ports: { ...failed, at: 42 } });
    assert.deepEqual(reloaded.varValues('first-container'), { port: '8090' });
    assert.deepEqual(reloaded.lastPosition(), { lessonId: 'first-container', stepId: 'ports' });
    assert.equal(reloaded.anyPassed(), true);
  });

  test('writes land in order even when changes come quickly', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento);
    for (let i = 0; i < 5; i++) model.setVar('l', 'port', String(8080 + i));
    await model.flush();
    assert.equal(memento.writes, 5);
    assert.deepEqual(new ProgressModel(memento).varValues('l'), { port: '8084' });
    // Setting the same value again writes nothing.
    model.setVar('l', 'port', '8084');
    await model.flush();
    assert.equal(memento.writes, 5);
  });

  test('malformed stored data costs only the broken entries', () => {
    assert.deepEqual(parseProgressData(undefined), { version: 1, lessons: {} });
    assert.deepEqual(parseProgressData('garbage'), { version: 1, lessons: {} });
    assert.deepEqual(parseProgressData({ version: 2, lessons: {} }), { version: 1, lessons: {} });
    const data = parseProgressData({
      version: 1,
      lessons: {
        good: { steps: { ok: passed, bad: { state: 'bogus' }, inflight: { state: 'running', checks: [] } }, vars: { port: '1' } },
        broken: { steps: 'nope' },
      },
      last: { lessonId: 'good', at: 5 },
    });
    assert.deepEqual(Object.keys(data.lessons), ['good']);
    assert.deepEqual(Object.keys(data.lessons.good.steps), ['ok']);
    assert.deepEqual(data.lessons.good.vars, { port: '1' });
    assert.deepEqual(data.last, { lessonId: 'good', at: 5 });
  });
});

describe('progress model: step output (check-only runs after a reload)', () => {
  const output = { exitCode: 0, stdout: 'Docker version 20.10.24, build 297e128\n', stderr: '' };

  test('round trip: the last output survives a reload next to the verdict, without a change event', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento);
    const events: unknown[] = [];
    model.onDidChange((e) => events.push(e));
    model.recordOutput('intro', 'version', output);
    model.record('intro', 'version', passed);
    model.recordOutput('intro', 'fails', { exitCode: null, stdout: '', stderr: 'Cannot connect to the Docker daemon' });
    await model.flush();
    assert.deepEqual(events, [{ lessonId: 'intro', stepId: 'version' }], 'only the verdict is a progress change');

    const reloaded = new ProgressModel(memento);
    assert.deepEqual(reloaded.stepOutput('intro', 'version'), output);
    assert.deepEqual(reloaded.stepOutput('intro', 'fails'), { exitCode: null, stdout: '', stderr: 'Cannot connect to the Docker daemon' });
    assert.equal(reloaded.progress('intro').version.state, 'passed');
    assert.equal(reloaded.stepOutput('intro', 'never-run'), undefined);
    // A later run replaces the output.
    reloaded.recordOutput('intro', 'version', { exitCode: 1, stdout: '', stderr: 'oops' });
    await reloaded.flush();
    assert.equal(new ProgressModel(memento).stepOutput('intro', 'version')?.exitCode, 1);
  });

  test('each stream is capped at 16 KB of UTF-8, keeping the head and whole characters', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento);
    const big = 'Docker version 20.10\n' + '镜像'.repeat(10_000); // 3 bytes per character: the cut falls inside one
    model.recordOutput('intro', 'version', { exitCode: 0, stdout: big, stderr: 'x'.repeat(40_000) });
    await model.flush();
    const stored = new ProgressModel(memento).stepOutput('intro', 'version')!;
    assert.ok(Buffer.byteLength(stored.stdout) <= OUTPUT_CAP_BYTES);
    assert.ok(Buffer.byteLength(stored.stdout) > OUTPUT_CAP_BYTES - 3, 'at most one character short of the cap');
    assert.ok(big.startsWith(stored.stdout), 'the head is kept, no replacement character at the cut');
    assert.equal(stored.stderr, 'x'.repeat(OUTPUT_CAP_BYTES));
    assert.equal(capUtf8('short'), 'short');
    assert.equal(capUtf8('aé', 2), 'a', 'é takes two bytes: it does not fit');
  });

  test('old entries without outputs still load; malformed outputs are dropped alone', () => {
    const old = parseProgressData({ version: 1, lessons: { intro: { steps: { version: passed }, vars: { port: '8080' } } } });
    assert.deepEqual(old.lessons.intro, { steps: { version: passed }, vars: { port: '8080' } });
    const model = new ProgressModel({ get: () => ({ version: 1, lessons: { intro: { steps: { version: passed } } } }) as never, update: () => Promise.resolve() });
    assert.equal(model.progress('intro').version.state, 'passed');
    assert.equal(model.stepOutput('intro', 'version'), undefined);

    const mixed = parseProgressData({
      version: 1,
      lessons: { intro: { steps: { version: passed }, outputs: { version: output, broken: { exitCode: 'zero' } } } },
    });
    assert.deepEqual(mixed.lessons.intro.outputs, { version: output });
    assert.deepEqual(mixed.lessons.intro.steps, { version: passed });
  });

  test('resetting the lesson or all progress clears the outputs (and the reset is stored)', async () => {
    const memento = new FakeMemento();
    const model = new ProgressModel(memento);
    model.recordOutput('a', 'one', output);
    model.recordOutput('b', 'two', output);
    model.setVar('a', 'port', '8081');
    const events: unknown[] = [];
    model.onDidChange((e) => events.push(e));
    model.resetLesson('a'); // no verdict yet, but an output: still a reset
    assert.equal(model.stepOutput('a', 'one'), undefined);
    assert.deepEqual(model.stepOutput('b', 'two'), output);
    assert.deepEqual(events, [{ lessonId: 'a' }]);
    await model.flush();
    assert.equal(new ProgressModel(memento).stepOutput('a', 'one'), undefined);
    assert.deepEqual(new ProgressModel(memento).varValues('a'), { port: '8081' });

    await model.clearAll();
    assert.equal(model.stepOutput('b', 'two'), undefined);
    assert.equal(new ProgressModel(memento).stepOutput('b', 'two'), undefined);
  });
});
