import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBundle } from '../../../../src/i18n';
import type { ContainerSummary, EngineSnapshot, ImageSummary, NetworkSummary, VolumeSummary } from '../../../../src/engine/types';
import {
  buildItems, compareNames, filterItems, flatten, formatPort, formatPorts, humanSize, relativeAge, splitReference,
  viewDescription, viewsAffectedBy,
} from '../../../../src/viewmodel/explorer/model';
import zhExplorer from '../../../../l10n/zh-cn/explorer.json';

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const secondsAgo = (s: number) => Math.floor(NOW / 1000) - s;

function container(partial: Partial<ContainerSummary> & { name: string }): ContainerSummary {
  return {
    id: `${partial.name}-id`.padEnd(64, '0'), image: 'nginx:latest', imageId: 'sha256:abc', command: 'nginx',
    state: 'running', status: 'Up 3 minutes', created: secondsAgo(180), ports: [], labels: {}, networks: ['bridge'],
    mounts: [], ...partial,
  };
}

function image(partial: Partial<ImageSummary> & { id: string }): ImageSummary {
  return { repoTags: [], repoDigests: [], created: secondsAgo(7200), size: 1_234_567, labels: {}, containers: -1, ...partial };
}

function snapshot(partial: Partial<EngineSnapshot>): EngineSnapshot {
  return { containers: [], images: [], volumes: [], networks: [], takenAt: NOW, ...partial };
}

afterEach(() => useBundle('en', undefined));

describe('explorer model: containers', () => {
  test('running containers come first, then by name; label is the name', () => {
    const items = buildItems('containers', snapshot({ containers: [
      container({ name: 'zeta', state: 'exited', status: 'Exited (0) 1 minute ago' }),
      container({ name: 'beta', state: 'running' }),
      container({ name: 'alpha', state: 'exited', status: 'Exited (1) 2 minutes ago' }),
      container({ name: 'gamma', state: 'paused' }),
      container({ name: 'delta', state: 'running' }),
    ] }), NOW);
    assert.deepEqual(items.map((i) => i.label), ['beta', 'delta', 'gamma', 'alpha', 'zeta']);
    assert.deepEqual(items.map((i) => i.contextValue),
      ['container:running', 'container:running', 'container:paused', 'container:exited', 'container:exited']);
  });

  test('state icons', () => {
    const items = buildItems('containers', snapshot({ containers: [
      container({ name: 'a', state: 'running' }), container({ name: 'b', state: 'paused' }), container({ name: 'c', state: 'exited' }),
    ] }), NOW);
    assert.deepEqual(items[0]!.icon, { id: 'debug-start', color: 'charts.green' });
    assert.equal(items[1]!.icon.id, 'debug-pause');
    assert.ok(['debug-stop', 'circle-slash'].includes(items[2]!.icon.id));
  });

  test('description is image · ports · age, tooltip carries id, status, mounts and labels', () => {
    const [item] = buildItems('containers', snapshot({ containers: [container({
      name: 'web', image: 'nginx:1.27',
      ports: [
        { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
        { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
        { privatePort: 443, type: 'tcp' },
      ],
      mounts: [{ type: 'volume', name: 'data', source: '/var/lib/docker/volumes/data/_data', destination: '/usr/share/nginx/html', readOnly: true }],
      labels: { 'docker-lessons.lesson': 'l1' },
    })] }), NOW);
    assert.equal(item!.description, 'nginx:1.27 · 0.0.0.0:8080→80/tcp, 443/tcp · 3 minutes ago');
    assert.match(item!.tooltip, /web-id0000/);
    assert.match(item!.tooltip, /Up 3 minutes/);
    assert.match(item!.tooltip, /data → \/usr\/share\/nginx\/html \(ro\)/);
    assert.match(item!.tooltip, /docker-lessons\.lesson=l1/);
    assert.deepEqual(item!.target, { kind: 'container', id: item!.target!.id, name: 'web', state: 'running' });
  });

  test('port formatting', () => {
    assert.equal(formatPort({ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }), '0.0.0.0:8080→80/tcp');
    assert.equal(formatPort({ privatePort: 53, publicPort: 5353, ip: '127.0.0.1', type: 'udp' }), '127.0.0.1:5353→53/udp');
    assert.equal(formatPort({ privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' }), '[::]:8080→80/tcp');
    assert.equal(formatPort({ privatePort: 80, type: 'tcp' }), '80/tcp');
    // An IPv6-only binding is still shown.
    assert.deepEqual(formatPorts([{ privatePort: 80, publicPort: 9000, ip: '::', type: 'tcp' }]), ['[::]:9000→80/tcp']);
  });
});

describe('explorer model: images', () => {
  const images = [
    image({ id: 'sha256:' + '1'.repeat(64), repoTags: ['nginx:latest', 'nginx:1.27'], labels: { 'docker-lessons.standin': 'true', 'docker-lessons.standin.of': 'nginx' }, size: 2_100_000 }),
    image({ id: 'sha256:' + '2'.repeat(64), repoTags: ['myapp:dev'], size: 512 }),
    image({ id: 'sha256:' + '3'.repeat(64), repoTags: ['<none>:<none>'] }),
    image({ id: 'sha256:' + '4'.repeat(64), repoTags: ['localhost:5000/team/app:v1'] }),
  ];

  test('grouped by repository, tags as children, dangling last', () => {
    const items = buildItems('images', snapshot({ images }), NOW);
    assert.deepEqual(items.map((i) => i.label), ['localhost:5000/team/app', 'myapp', 'nginx', '<none>']);
    const nginx = items.find((i) => i.label === 'nginx')!;
    assert.equal(nginx.contextValue, 'imageRepository');
    assert.deepEqual(nginx.children!.map((c) => c.label), ['1.27', 'latest']);
    assert.equal(nginx.children![1]!.target!.name, 'nginx:latest');
    assert.equal(items[0]!.children![0]!.label, 'v1');
    assert.equal(items[3]!.children![0]!.label, '333333333333');
  });

  test('stand-in images are marked and get their own icon and context value', () => {
    const items = flatten(buildItems('images', snapshot({ images }), NOW));
    const standIn = items.find((i) => i.target?.name === 'nginx:latest')!;
    const normal = items.find((i) => i.target?.name === 'myapp:dev')!;
    assert.equal(standIn.contextValue, 'image:standin');
    assert.equal(normal.contextValue, 'image');
    assert.match(standIn.description, /^stand-in · 2\.1 MB · 2 hours ago$/);
    assert.equal(normal.description, '512 B · 2 hours ago');
    assert.notEqual(standIn.icon.id, normal.icon.id);
  });

  test('human sizes and reference splitting', () => {
    assert.equal(humanSize(0), '0 B');
    assert.equal(humanSize(1500), '1.5 KB');
    assert.equal(humanSize(187_000_000), '187 MB');
    assert.equal(humanSize(1_234_567_890), '1.23 GB');
    assert.deepEqual(splitReference('localhost:5000/app'), { repository: 'localhost:5000/app', tag: 'latest' });
    assert.deepEqual(splitReference('ubuntu:22.04'), { repository: 'ubuntu', tag: '22.04' });
  });
});

describe('explorer model: volumes and networks', () => {
  const volumes: VolumeSummary[] = [
    { name: 'data', driver: 'local', mountpoint: '/var/lib/docker/volumes/data/_data', labels: {}, scope: 'local' },
    { name: 'a'.repeat(64), driver: 'local', mountpoint: '/x', labels: {}, scope: 'local' },
  ];
  const networks: NetworkSummary[] = [
    { id: 'n1', name: 'bridge', driver: 'bridge', scope: 'local', internal: false, labels: {}, subnets: ['172.17.0.0/16'], containers: [] },
    { id: 'n2', name: 'host', driver: 'host', scope: 'local', internal: false, labels: {}, subnets: [], containers: [] },
    { id: 'n3', name: 'app-net', driver: 'bridge', scope: 'local', internal: false, labels: {}, subnets: ['172.20.0.0/16'], containers: [] },
  ];
  const containers = [container({ name: 'db', networks: ['app-net'], mounts: [{ type: 'volume', name: 'data', source: '/s', destination: '/d', readOnly: false }] })];

  test('volumes show driver, mountpoint and who uses them', () => {
    const items = buildItems('volumes', snapshot({ volumes, containers }), NOW);
    const data = items.find((i) => i.label === 'data')!;
    assert.equal(data.description, 'local · /var/lib/docker/volumes/data/_data · used by db');
    assert.equal(data.contextValue, 'volume');
    const anonymous = items.find((i) => i.label === 'aaaaaaaaaaaa')!;
    assert.match(anonymous.description, /^anonymous · local/);
  });

  test('networks: custom first, built-ins marked, attached count from containers', () => {
    const items = buildItems('networks', snapshot({ networks, containers }), NOW);
    assert.deepEqual(items.map((i) => i.label), ['app-net', 'bridge', 'host']);
    assert.deepEqual(items.map((i) => i.contextValue), ['network:custom', 'network:builtin', 'network:builtin']);
    assert.equal(items[0]!.description, 'bridge · 172.20.0.0/16 · 1 attached');
    assert.equal(items[1]!.description, 'built-in · bridge · 172.17.0.0/16');
  });

  test('container changes redraw volume and network views too', () => {
    assert.deepEqual([...viewsAffectedBy(['container'])].sort(), ['containers', 'networks', 'volumes']);
    assert.deepEqual([...viewsAffectedBy(['image'])], ['images']);
  });
});

describe('explorer model: language', () => {
  test('relative age in English and Chinese', () => {
    useBundle('en', undefined);
    assert.equal(relativeAge(secondsAgo(180), NOW), '3 minutes ago');
    assert.equal(relativeAge(secondsAgo(3 * 86400), NOW), '3 days ago');
    useBundle('zh-cn', zhExplorer);
    assert.equal(relativeAge(secondsAgo(180), NOW), '3分钟前');
    assert.equal(relativeAge(secondsAgo(2 * 3600), NOW), '2小时前');
  });

  test('Chinese labels for stand-ins and built-in networks', () => {
    useBundle('zh-cn', zhExplorer);
    const [repo] = buildItems('images', snapshot({ images: [image({ id: 'sha256:9', repoTags: ['hello-world:latest'], labels: { 'docker-lessons.standin': 'true', 'docker-lessons.standin.of': 'hello-world' }, size: 1000 })] }), NOW);
    assert.equal(repo!.children![0]!.description, '替身 · 1 KB · 2小时前');
    const [net] = buildItems('networks', snapshot({ networks: [{ id: 'n', name: 'none', driver: 'null', scope: 'local', internal: false, labels: {}, subnets: [], containers: [] }] }), NOW);
    assert.equal(net!.description, '内置 · null');
    const [c] = buildItems('containers', snapshot({ containers: [container({ name: 'x', state: 'exited' })] }), NOW);
    assert.match(c!.tooltip, /已退出/);
  });
});

describe('explorer model: many objects', () => {
  test('names sort naturally: probe-2 before probe-10, case does not matter', () => {
    const names = ['probe-10', 'Probe-3', 'probe-2', 'probe-1'];
    assert.deepEqual([...names].sort(compareNames), ['probe-1', 'probe-2', 'Probe-3', 'probe-10']);
    const items = buildItems('containers', snapshot({ containers: names.map((name) => container({ name })) }), NOW);
    assert.deepEqual(items.map((i) => i.label), ['probe-1', 'probe-2', 'Probe-3', 'probe-10']);
    const [repo] = buildItems('images', snapshot({ images: [image({ id: 'sha256:1', repoTags: ['app:v10', 'app:v9', 'app:v1'] })] }), NOW);
    assert.deepEqual(repo!.children!.map((c) => c.label), ['v1', 'v9', 'v10']);
  });

  test('a container hover sums up Compose labels, explains the lesson label and caps the rest', () => {
    const labels: Record<string, string> = {
      'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '2',
      'com.docker.compose.config-hash': 'f'.repeat(64), 'com.docker.compose.version': '2.26.1',
      'docker-lessons.lesson': 'compose', 'org.opencontainers.image.description': 'x'.repeat(300),
    };
    for (let i = 0; i < 10; i++) labels[`extra.${i}`] = String(i);
    const [item] = buildItems('containers', snapshot({ containers: [container({ name: 'shop-web-2', labels })] }), NOW);
    const tooltip = item!.tooltip;
    assert.match(tooltip, /Compose: project `shop`, service `web`, replica 2/);
    assert.doesNotMatch(tooltip, /config-hash/, 'Compose labels are summed up, not listed');
    assert.match(tooltip, /Lesson: `docker-lessons\.lesson=compose`: made by a step of lesson `compose`; resetting that lesson removes it/);
    assert.match(tooltip, /… and \d+ more/);
    assert.ok(tooltip.length < 1000, `hover of ${tooltip.length} characters`);
    assert.doesNotMatch(tooltip, /x{100}/, 'long values are cut');
    assert.deepEqual(item!.keywords, ['shop', 'web', 'compose'], 'the filter finds it by project, service and lesson');
  });

  test('an image tagged 1,000 times lists a dozen tags in its hover', () => {
    const tags = Array.from({ length: 1000 }, (_, i) => `bench/r${i % 10}:t${i}`);
    const items = flatten(buildItems('images', snapshot({ images: [image({ id: 'sha256:1', repoTags: tags })] }), NOW));
    assert.equal(items.filter((i) => !i.children).length, 1000);
    assert.ok(items.every((i) => i.tooltip.length < 2000), 'no hover lists every tag');
  });

  test('the filter keeps matching rows (by label, description or keyword); a repository keeps its matching tags', () => {
    const snap = snapshot({
      containers: [container({ name: 'web-1', image: 'nginx:1.27' }), container({ name: 'db', image: 'redis:7', labels: { 'docker-lessons.lesson': 'first-container' } })],
      images: [image({ id: 'sha256:1', repoTags: ['nginx:1.27', 'nginx:alpine'] }), image({ id: 'sha256:2', repoTags: ['redis:7'] })],
    });
    assert.deepEqual(filterItems(buildItems('containers', snap, NOW), 'NGINX').map((i) => i.label), ['web-1']);
    assert.deepEqual(filterItems(buildItems('containers', snap, NOW), 'first-container').map((i) => i.label), ['db']);
    const images = filterItems(buildItems('images', snap, NOW), 'alpine');
    assert.deepEqual(images.map((i) => [i.label, i.children!.map((c) => c.label)]), [['nginx', ['alpine']]]);
    assert.deepEqual(filterItems(buildItems('images', snap, NOW), 'redis').map((i) => i.children!.length), [1]);
    assert.equal(filterItems(buildItems('images', snap, NOW), '  ').length, 2, 'blank filter: everything');
  });

  test('view descriptions count objects, or what the filter lets through', () => {
    const snap = snapshot({
      containers: [container({ name: 'a' }), container({ name: 'b', state: 'exited' }), container({ name: 'c', state: 'exited' })],
      images: [image({ id: 'sha256:1', repoTags: ['x:1', 'x:2'] })],
      volumes: [{ name: 'v', driver: 'local', mountpoint: '/v', labels: {}, scope: 'local' }],
    });
    assert.equal(viewDescription('containers', snap), '1 running, 3 in all');
    assert.equal(viewDescription('images', snap), '1 image · 2 tags');
    assert.equal(viewDescription('volumes', snap), '1 volume');
    assert.equal(viewDescription('networks', snap), '0 networks');
    assert.equal(viewDescription('containers', snap, 'b'), 'filter "b": 1 of 3');
    assert.equal(viewDescription('containers', undefined), '');
    useBundle('zh-cn', zhExplorer);
    assert.equal(viewDescription('containers', snap), '运行中 1 个，共 3 个');
    assert.equal(viewDescription('images', snap), '1 个镜像 · 2 个标签');
  });
});

describe('stand-in detection', () => {
  test('an image built FROM a stand-in inherits its labels but is not a stand-in', async () => {
    const { isStandInImage, isStandInOwnTag } = await import('../../../../src/engine/types');
    const labels = { 'docker-lessons.standin': 'true', 'docker-lessons.standin.of': 'nginx' };
    assert.equal(isStandInImage({ labels, repoTags: ['nginx:latest', 'nginx:alpine'] }), true);
    assert.equal(isStandInImage({ labels, repoTags: ['myweb:latest'] }), false, 'built by hand FROM nginx');
    assert.equal(isStandInImage({ labels: { ...labels, 'docker-lessons.lesson': 'build' }, repoTags: ['nginx:v3'] }), false, 'built by a lesson');
    assert.equal(isStandInOwnTag({ labels, repoTags: ['nginx:latest', 'mynginx:1'] }, 'nginx:latest'), true);
    assert.equal(isStandInOwnTag({ labels, repoTags: ['nginx:latest', 'mynginx:1'] }, 'mynginx:1'), false, 'a tag a lesson added');
  });
});
