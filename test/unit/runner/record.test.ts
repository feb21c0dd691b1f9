import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffCreated, JsonFileStore, mergeRecords, normalizeImageRef, type DeclaredNames, type EngineState } from '../../../src/runner/record';
import { stateDir } from '../../../src/runner/workdir';

const LABEL = { 'docker-lessons.lesson': 'l1' };

function state(partial: Partial<EngineState>): EngineState {
  return { containers: new Map(), images: new Map(), volumes: new Map(), networks: new Map(), swarm: 'inactive', services: new Map(), swarmObjects: new Map(), ...partial };
}
function names(partial: Partial<DeclaredNames> = {}): DeclaredNames {
  return { containers: new Set(), images: new Set(), volumes: new Set(), networks: new Set(), services: new Set(), swarm: false, ...partial };
}

describe('recording what a step created', () => {
  test('new objects with the lesson label or a declared name are recorded; others are not', () => {
    const before = state({ containers: new Map([['old', { name: 'webserver', labels: {} }]]) });
    const after = state({
      containers: new Map([
        ['old', { name: 'webserver', labels: {} }],
        ['c1', { name: 'labelled', labels: LABEL }],
        ['c2', { name: 'declared', labels: {} }],
        ['c3', { name: 'stranger', labels: {} }],
        ['c4', { name: 'other-lesson', labels: { 'docker-lessons.lesson': 'l2' } }],
      ]),
      volumes: new Map([['v1', { name: 'v1', labels: LABEL }]]),
      networks: new Map([['n1', { name: 'net', labels: {} }]]),
    });
    const created = diffCreated(before, after, 'l1', names({ containers: new Set(['declared', 'webserver']), networks: new Set(['net']) }), 's1');
    assert.deepEqual(created.map((o) => `${o.kind}:${o.name}`).sort(), ['container:declared', 'container:labelled', 'network:net', 'volume:v1']);
    assert.ok(created.every((o) => o.stepId === 's1'));
  });

  test('a pre-existing same-name object is never recorded, even when declared', () => {
    const existing = state({ containers: new Map([['c0', { name: 'webserver', labels: {} }]]) });
    assert.deepEqual(diffCreated(existing, existing, 'l1', names({ containers: new Set(['webserver']) }), 's'), []);
  });

  test('images: new tags on old images are untag-only entries; new labelled images are recorded by id', () => {
    const before = state({ images: new Map([['sha256:nginx', { tags: ['nginx:latest'], labels: {} }]]) });
    const after = state({
      images: new Map([
        ['sha256:nginx', { tags: ['nginx:latest', 'my-nginx:latest'], labels: {} }],
        ['sha256:built', { tags: ['app:1'], labels: LABEL }],
        ['sha256:foreign', { tags: ['foreign:latest'], labels: {} }],
      ]),
    });
    const created = diffCreated(before, after, 'l1', names({ images: new Set([normalizeImageRef('my-nginx')]) }), 's');
    assert.deepEqual(created.map((o) => ({ id: o.id, name: o.name })), [
      { id: undefined, name: 'my-nginx:latest' },
      { id: undefined, name: 'app:1' },
      { id: 'sha256:built', name: 'app:1' },
    ]);
  });

  test('swarm is recorded only when the step turned it on and the lesson declares it', () => {
    const off = state({ swarm: 'inactive' });
    const on = state({ swarm: 'active' });
    assert.deepEqual(diffCreated(off, on, 'l1', names({ swarm: true }), 's').map((o) => o.kind), ['swarm']);
    assert.deepEqual(diffCreated(off, on, 'l1', names(), 's'), []);
    assert.deepEqual(diffCreated(on, on, 'l1', names({ swarm: true }), 's'), []);
  });

  test('normalizeImageRef', () => {
    assert.equal(normalizeImageRef('nginx'), 'nginx:latest');
    assert.equal(normalizeImageRef('docker.io/library/nginx:1.25'), 'nginx:1.25');
    assert.equal(normalizeImageRef('127.0.0.1:5000/app'), '127.0.0.1:5000/app:latest');
    assert.equal(normalizeImageRef('127.0.0.1:5000/app:v2'), '127.0.0.1:5000/app:v2');
  });

  test('mergeRecords replaces a re-created name and keeps the rest', () => {
    const merged = mergeRecords(
      [{ kind: 'container', id: 'a', name: 'web', stepId: 's1' }, { kind: 'volume', id: 'v', name: 'v', stepId: 's1' }],
      [{ kind: 'container', id: 'b', name: 'web', stepId: 's3' }],
    );
    assert.deepEqual(merged.map((o) => `${o.kind}:${o.id}`), ['container:b', 'volume:v']);
  });
});

describe('JsonFileStore', () => {
  test('saves, loads, and removes the file when empty', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-runner-store-'));
    try {
      const store = new JsonFileStore(dir);
      assert.deepEqual(await store.load('l1'), []);
      const objects = [{ kind: 'container' as const, id: 'x', name: 'web', stepId: 's' }];
      await store.save('l1', objects);
      assert.deepEqual(await store.load('l1'), objects);
      assert.deepEqual(await new JsonFileStore(dir).load('l2'), []);
      await store.save('l1', []);
      assert.equal(fs.existsSync(path.join(dir, 'created', 'l1.json')), false);
      fs.mkdirSync(path.join(dir, 'created'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'created', 'bad.json'), '{not json');
      assert.deepEqual(await store.load('bad'), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('state folder: override, XDG, home', () => {
    assert.equal(stateDir({ DOCKER_LESSONS_STATE_DIR: '/s' }, '/home/u'), '/s');
    assert.equal(stateDir({ XDG_STATE_HOME: '/x' }, '/home/u'), '/x/docker-lessons');
    assert.equal(stateDir({}, '/home/u'), '/home/u/.local/state/docker-lessons');
  });
});
