import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ContainerSummary, EngineEvent, EngineSnapshot, ImageSummary, NetworkSummary, VolumeSummary,
} from '../../../../src/engine/types';
import { applyUpdates, planUpdates, withAttachedContainers } from '../../../../src/viewmodel/explorer/updates';

function event(kind: EngineEvent['kind'], action: string, id: string, attributes: Record<string, string> = {}): EngineEvent {
  return { kind, action, id, time: 0, attributes };
}

function container(id: string, partial: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id, name: `c-${id}`, image: 'busybox', imageId: 'sha256:b', command: 'sh', state: 'running', status: 'Up', created: 0,
    ports: [], labels: {}, networks: ['bridge'], mounts: [], ...partial,
  };
}

function image(id: string, repoTags: string[]): ImageSummary {
  return { id, repoTags, repoDigests: [], created: 0, size: 1, labels: {}, containers: -1 };
}

function network(id: string, name: string, containers: string[] = []): NetworkSummary {
  return { id, name, driver: 'bridge', scope: 'local', internal: false, labels: {}, subnets: [], containers };
}

const volume = (name: string): VolumeSummary => ({ name, driver: 'local', mountpoint: `/v/${name}`, labels: {}, scope: 'local' });

function snapshot(partial: Partial<EngineSnapshot>): EngineSnapshot {
  return { containers: [], images: [], volumes: [], networks: [], takenAt: 0, ...partial };
}

const keys = (map: Map<string, Set<string>>) => Object.fromEntries([...map].map(([kind, set]) => [kind, [...set].sort()]));

describe('planUpdates: an event names what to fetch again', () => {
  test('container events fetch that container; destroy drops it; quiet actions do nothing', () => {
    const plan = planUpdates([
      event('container', 'create', 'c1'), event('container', 'start', 'c1'), event('container', 'exec_start: sh', 'c2'),
      event('container', 'attach', 'c2'), event('container', 'die', 'c3'), event('container', 'destroy', 'c3'),
      event('other', 'reload', 'daemon'),
    ]);
    assert.deepEqual(keys(plan.fetch), { container: ['c1'] });
    assert.deepEqual(keys(plan.drop), { container: ['c3'] });
    assert.deepEqual([...plan.relist], []);
  });

  test('a network connect fetches the container it names, not the network', () => {
    const plan = planUpdates([event('network', 'connect', 'n1', { container: 'c1', name: 'web-net' }), event('network', 'create', 'n2')]);
    assert.deepEqual(keys(plan.fetch), { container: ['c1'], network: ['n2'] });
  });

  test('images, volumes: fetch on tag/untag/create, drop on delete/destroy; a later create wins over an earlier destroy', () => {
    const plan = planUpdates([
      event('image', 'tag', 'sha256:i1'), event('image', 'delete', 'sha256:i2'), event('volume', 'destroy', 'v1'),
      event('volume', 'create', 'v1'),
    ]);
    assert.deepEqual(keys(plan.fetch), { image: ['sha256:i1'], volume: ['v1'] });
    assert.deepEqual(keys(plan.drop), { image: ['sha256:i2'] });
  });

  test('a batch naming many objects of one kind lists that kind once instead', () => {
    const burst = Array.from({ length: 40 }, (_, i) => event('container', i % 2 ? 'start' : 'die', `c${i}`));
    const plan = planUpdates([...burst, event('volume', 'create', 'v1')], 16);
    assert.deepEqual([...plan.relist], ['container']);
    assert.deepEqual(keys(plan.fetch), { volume: ['v1'] });
  });
});

describe('applyUpdates: fetched objects replace the old ones', () => {
  test('a fetched container replaces its old entry, a new one is added, a gone one dropped; networks follow', () => {
    const before = snapshot({
      containers: [container('c1', { state: 'created' }), container('c2')],
      networks: [network('n1', 'bridge', ['c-c1', 'c-c2'])],
    });
    const { snapshot: after, changed } = applyUpdates(before, {
      single: [
        { kind: 'container', key: 'c1', value: container('c1', { state: 'running' }) },
        { kind: 'container', key: 'c3', value: container('c3', { networks: [] }) },
        { kind: 'container', key: 'c2', value: undefined },
      ],
      drop: new Map(),
    }, 5);
    assert.deepEqual(after.containers.map((c) => `${c.id}:${c.state}`).sort(), ['c1:running', 'c3:running']);
    assert.deepEqual(after.networks[0]!.containers, ['c-c1']);
    assert.deepEqual([...changed].sort(), ['container', 'network']);
    assert.equal(after.takenAt, 5);
    assert.equal(before.containers.length, 2, 'the old snapshot is left as it was');
  });

  test('a tag moved to another image leaves the image it was on; a dropped image goes by id with or without sha256:', () => {
    const before = snapshot({ images: [image('sha256:old', ['app:1', 'app:latest']), image('sha256:gone', ['x:1'])] });
    const { snapshot: after } = applyUpdates(before, {
      single: [{ kind: 'image', key: 'sha256:new', value: image('sha256:new', ['app:latest']) }],
      drop: new Map([['image', new Set(['gone'])]]),
    });
    assert.deepEqual(after.images.map((i) => `${i.id}=${i.repoTags.join(',')}`).sort(), ['sha256:new=app:latest', 'sha256:old=app:1']);
  });

  test('volumes go by name; whole lists replace their kind', () => {
    const before = snapshot({ volumes: [volume('a'), volume('b')], networks: [network('n1', 'bridge')] });
    const { snapshot: after, changed } = applyUpdates(before, {
      single: [{ kind: 'volume', key: 'c', value: volume('c') }],
      drop: new Map([['volume', new Set(['a'])]]),
      networks: [network('n1', 'bridge'), network('n2', 'web')],
    });
    assert.deepEqual(after.volumes.map((v) => v.name).sort(), ['b', 'c']);
    assert.deepEqual(after.networks.map((n) => n.name), ['bridge', 'web']);
    assert.deepEqual([...changed].sort(), ['network', 'volume']);
  });

  test('withAttachedContainers keeps unchanged networks as they were (no needless redraw)', () => {
    const networks = [network('n1', 'bridge', ['c-c1']), network('n2', 'none')];
    const next = withAttachedContainers(networks, [container('c1')]);
    assert.equal(next[0], networks[0]);
    assert.equal(next[1], networks[1]);
    assert.deepEqual(withAttachedContainers(networks, [])[0]!.containers, []);
  });
});
