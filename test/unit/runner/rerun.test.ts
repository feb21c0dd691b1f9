// Running a step again: what it uses, which step makes what a check found missing, and the working folder's shipped
// files put back (the engine side runs against the real engine in test/integration/runner-lesson.test.ts).
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckResult } from '../../../src/checks/types';
import type { DockerEngine } from '../../../src/engine/api';
import { useBundle } from '../../../src/i18n';
import { inputsOf, redoChain, stepContainers, undoSteps, usesPath, withMakers } from '../../../src/runner/rerun';
import type { RunnerContext } from '../../../src/runner/runner';
import type { CreatedObject, CreatedObjectStore } from '../../../src/runner/types';
import { changedShipped, fileHash, hashShipped, restoreShipped } from '../../../src/runner/workdir';
import { lessonOf, step } from './lessonFixture';
import type { MadeObject } from '../../../src/runner/makers';

useBundle('en', undefined);

const lesson = lessonOf([
  step('volume-create', 'docker volume create ch13-my-vol'),
  step('run-web', 'docker run -d -p {{port}}:80 --name ch13-web -v ch13-my-vol:/usr/share/nginx/html nginx', { needs: 'volume-create' }),
  step('write', "docker exec ch13-web sh -c 'echo hi > /usr/share/nginx/html/index.html'", { needs: 'run-web' }),
  step('rm-web', 'docker rm -f ch13-web', { kind: 'destructive', needs: 'run-web' }),
  step('volume-rm', 'docker volume rm ch13-my-vol', { kind: 'destructive' }),
]);
const [volumeCreate, runWeb, write, , volumeRm] = lesson.steps;

describe('what a step works on', () => {
  test('objects its commands name that other steps make, and what the steps it needs make', () => {
    assert.deepEqual(inputsOf(lesson, write, {}), [{ kind: 'container', name: 'ch13-web' }]);
    assert.deepEqual(inputsOf(lesson, volumeRm, {}), [{ kind: 'volume', name: 'ch13-my-vol' }]);
    assert.deepEqual(inputsOf(lesson, runWeb, {}), [{ kind: 'volume', name: 'ch13-my-vol' }]);
    assert.deepEqual(inputsOf(lesson, volumeCreate, {}), []);
  });

  test('the steps to run again first: what it needs and what makes what it works on, and so on, in lesson order', () => {
    const chained = lessonOf([
      step('net', 'docker network create n'),
      step('box', 'docker run -d --name box --network n busybox sleep 600'),
      step('other', 'docker network create n2'),
      step('static', 'docker run -d --name static --network n2 busybox sleep 600', { needs: 'other' }),
      step('list', 'docker ps'),
      step('connect', 'docker network connect n static', { checksSource: '- network: n\n  containers: [static, box]' }),
      step('disconnect', 'docker network disconnect n static', { needs: 'connect' }),
    ]);
    assert.deepEqual(redoChain(chained, chained.steps[6], {}), ['net', 'box', 'other', 'static', 'connect']);
    assert.deepEqual(redoChain(chained, chained.steps[0], {}), []);
    assert.deepEqual(redoChain(lesson, write, {}), ['volume-create', 'run-web']);
    // `-v ch13-my-vol:…` would make the volume only if it were missing: the step works on the one volume-create made,
    // which a later step may have written into (the chapter-13 retry), so its redo makes the volume anew.
    assert.deepEqual(inputsOf(lesson, runWeb, {}, { viaNeeds: false }), [{ kind: 'volume', name: 'ch13-my-vol' }]);
    assert.deepEqual(redoChain(lesson, runWeb, {}, { present: () => true }), ['volume-create']);
  });

  test('with what exists now: further back only steps whose objects are gone or that rest on a step run again', () => {
    const l = lessonOf([
      step('init', 'docker swarm init'),
      step('import', 'docker import x.tar img:v1'),
      step('tag', 'docker tag img:v1 reg/img:v1', { needs: 'import' }),
      step('registry', 'docker run -d --name reg registry:2'),
      step('push', 'docker push reg/img:v1', { needs: 'registry,tag' }),
      step('rmi-tag', 'docker image rm reg/img:v1', { kind: 'destructive', needs: 'tag' }),
      step('svc', 'docker service create --name web nginx', { needs: 'init' }),
      step('svc-rm', 'docker service rm web', { kind: 'destructive', needs: 'init' }),
      step('pause', 'docker pause reg', { needs: 'registry' }),
      step('unpause', 'docker unpause reg', { needs: 'pause' }),
    ]);
    const byId = (id: string) => l.steps.find((s) => s.id === id)!;
    const gone = (...names: string[]) => ({ present: (object: MadeObject) => !names.includes(object.name) });
    // The tag's maker runs again; the image it tags is there: not imported anew (that would be another image).
    assert.deepEqual(redoChain(l, byId('rmi-tag'), {}, gone()), ['tag']);
    assert.deepEqual(redoChain(l, byId('rmi-tag'), {}, gone('img:v1')), ['import', 'tag']);
    assert.deepEqual(redoChain(l, byId('rmi-tag'), {}), ['import', 'tag'], 'without a look at the engine: everything further back');
    // A step it needs that makes something that is all there stays (the registry, the swarm); one that makes nothing
    // nameable runs again (pause: what unpause undoes).
    assert.deepEqual(redoChain(l, byId('push'), {}, gone()), ['tag']);
    assert.deepEqual(redoChain(l, byId('push'), {}, gone('reg')), ['tag', 'registry']);
    assert.deepEqual(redoChain(l, byId('svc-rm'), {}, gone()), ['svc']);
    assert.deepEqual(redoChain(l, byId('svc-rm'), {}, gone('swarm')), ['init', 'svc']);
    assert.deepEqual(redoChain(l, byId('unpause'), {}, gone()), ['registry', 'pause']);

    // A command that names nothing (compose): the record says what it made, and whether that is gone.
    const compose = lessonOf([
      step('up', 'docker compose up -d'),
      step('down', 'docker compose down', { needs: 'up' }),
      step('rm-volume', 'docker volume rm ch16_redis-data', { kind: 'destructive', needs: 'down' }),
    ]);
    const rmVolume = compose.steps[2];
    const record = (lostIds: string[]) => ({ present: () => true, recorded: (id: string) => id === 'up', lost: (id: string) => lostIds.includes(id) });
    assert.deepEqual(redoChain(compose, rmVolume, {}, record(['up'])), ['up', 'down'], 'the volume up made is gone: up again');
    assert.deepEqual(redoChain(compose, rmVolume, {}, record([])), ['down']);
  });

  test('the containers an HTTP check relies on: those the step and the steps it needs make', () => {
    assert.deepEqual(stepContainers(lesson, write, {}), ['ch13-web']);
    assert.deepEqual(stepContainers(lesson, volumeCreate, {}), []);
  });

  test('a step uses a file its command or checks name, or a folder it is in', () => {
    const bind = step('bind', 'docker run --mount type=bind,source="$PWD"/webapp,target=/html nginx');
    assert.equal(usesPath(bind, 'webapp/index.html'), true);
    assert.equal(usesPath(bind, 'webapps/index.html'), false);
    assert.equal(usesPath(step('b', 'docker build -t x vi2'), 'vi2/Dockerfile'), true);
    assert.equal(usesPath(step('b', 'docker build -t x .'), 'Dockerfile'), true);
    assert.equal(usesPath(step('p', 'docker ps'), 'Dockerfile'), false);
    assert.equal(usesPath(step('c', 'docker ps', { checksSource: '- workspaceFile: { path: mynginx/hello.txt }' }), 'mynginx/hello.txt'), true);
  });
});

describe('a check that found its object missing', () => {
  const missing = (name: string): CheckResult => ({
    kind: 'http', pass: false, title: 'HTTP GET', expected: 'Welcome', actual: `container ${name} does not exist`,
    hint: 'generic', missing: { kind: 'container', name }, durationMs: 1,
  });

  test('names the earlier step that makes it, and its hint says to run that step', () => {
    const [result] = withMakers(lesson, write, [missing('ch13-web')], {});
    assert.deepEqual(result.madeBy, { stepId: 'run-web', title: 'title of run-web' });
    assert.equal(result.hint, 'Container ch13-web does not exist: step 2 "title of run-web" makes it. Run that step first.');
  });

  test('the step itself makes it: its output says why; no other step to run', () => {
    const [result] = withMakers(lesson, runWeb, [missing('ch13-web')], {});
    assert.equal(result.madeBy, undefined);
    assert.match(result.hint ?? '', /this step makes it/);
  });

  test('no step makes it, or the check passed: unchanged', () => {
    const unknown = missing('stranger');
    assert.deepEqual(withMakers(lesson, write, [unknown], {}), [unknown]);
    const passed = { ...missing('ch13-web'), pass: true };
    assert.deepEqual(withMakers(lesson, write, [passed], {}), [passed]);
  });
});

class MemoryStore implements CreatedObjectStore {
  constructor(public objects: CreatedObject[]) {}
  async load(): Promise<CreatedObject[]> { return this.objects; }
  async save(_lessonId: string, objects: CreatedObject[]): Promise<void> { this.objects = objects; }
}

describe('the working folder when a step runs again', () => {
  /** A lesson with shipped files and its working folder (removed after the test). */
  function setup(t: TestContext) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-rerun-'));
    t.after(() => fs.rmSync(root, { recursive: true, force: true }));
    const assets = path.join(root, 'assets');
    fs.mkdirSync(path.join(assets, 'webapp'), { recursive: true });
    fs.writeFileSync(path.join(assets, 'webapp', 'index.html'), 'shipped page\n');
    fs.writeFileSync(path.join(assets, 'notes.txt'), 'shipped notes\n');
    const workRoot = path.join(root, 'work');
    const fileLesson = lessonOf([
      step('run-bind', 'docker run --mount type=bind,source="$PWD"/webapp,target=/html nginx'),
      step('edit-webapp', '<h1>edited</h1>', { kind: 'edit', file: 'webapp/index.html' }),
      step('edit-notes', 'notes', { kind: 'edit', file: 'notes.txt' }),
      step('list', 'docker ps'),
    ], { id: 'files', assetsDir: assets });
    const dir = path.join(workRoot, 'files');
    fs.cpSync(assets, dir, { recursive: true });
    // An engine that is never asked: these steps make no named objects.
    const ctx = (store: CreatedObjectStore): RunnerContext => ({ engine: {} as DockerEngine, workRoot, store });
    return { dir, fileLesson, ctx };
  }

  test('hashing finds what a step changed', (t) => {
    const { dir, fileLesson } = setup(t);
    const before = hashShipped(fileLesson, dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed\n');
    assert.deepEqual(changedShipped(before, hashShipped(fileLesson, dir)), [{ path: 'notes.txt', hash: fileHash(path.join(dir, 'notes.txt')) }]);
  });

  test('a file a later step changed is put back before an earlier step that uses it runs again; a learner\'s own change to a file the runner wrote stays', async (t) => {
    const { dir, fileLesson, ctx } = setup(t);
    const page = path.join(dir, 'webapp', 'index.html');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(page, '<h1>edited</h1>\n');
    fs.writeFileSync(notes, 'runner wrote this\n');
    const store = new MemoryStore([
      { kind: 'file', name: 'webapp/index.html', id: fileHash(page), stepId: 'edit-webapp' },
      { kind: 'file', name: 'notes.txt', id: 'another hash', stepId: 'edit-notes' },
    ]);
    fs.writeFileSync(notes, 'the learner changed it since\n');
    await undoSteps(fileLesson, [fileLesson.steps[0]], ctx(store), {});
    assert.equal(fs.readFileSync(page, 'utf8'), 'shipped page\n');
    assert.equal(fs.readFileSync(notes, 'utf8'), 'the learner changed it since\n');
    assert.deepEqual(store.objects.map((o) => o.name), ['notes.txt'], 'the put-back file is no longer recorded as changed');
  });

  test('a later edit step\'s file the learner wrote is put back when the step run again uses it; an earlier step\'s change stays', async (t) => {
    const { dir, fileLesson, ctx } = setup(t);
    const page = path.join(dir, 'webapp', 'index.html');
    fs.writeFileSync(page, 'the learner\'s edit\n');
    await undoSteps(fileLesson, [fileLesson.steps[0]], ctx(new MemoryStore([])), {});
    assert.equal(fs.readFileSync(page, 'utf8'), 'shipped page\n');

    fs.writeFileSync(page, 'the learner\'s edit\n');
    await undoSteps(fileLesson, [fileLesson.steps[3]], ctx(new MemoryStore([])), {});
    assert.equal(fs.readFileSync(page, 'utf8'), 'the learner\'s edit\n', 'edit-webapp comes before "list": its file stays');
  });

  test('putting a file back: over what a step left, or (a whole-lesson run) over whatever is there', (t) => {
    const { dir, fileLesson } = setup(t);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'changed\n');
    assert.equal(restoreShipped(fileLesson, dir, 'notes.txt', []), 'kept-learner-file');
    assert.equal(restoreShipped(fileLesson, dir, 'notes.txt', 'any'), 'restored');
    assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'shipped notes\n');
    assert.equal(restoreShipped(fileLesson, dir, 'notes.txt', 'any'), 'unchanged');
  });
});
