// The pure judges of each check family, fed with inspect JSON as the engine returns it.
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { containerOutcome } from '../../../src/checks/kinds/container';
import { execArgv, execProps } from '../../../src/checks/kinds/exec';
import { exitCodeOutcome } from '../../../src/checks/kinds/exitCode';
import { httpOutcome, loopbackUrl } from '../../../src/checks/kinds/http';
import { imageOutcome } from '../../../src/checks/kinds/image';
import { mountOutcome } from '../../../src/checks/kinds/mount';
import { outputOutcome } from '../../../src/checks/kinds/output';
import { portOutcome } from '../../../src/checks/kinds/port';
import { registryOutcome } from '../../../src/checks/kinds/registry';
import { serviceOutcome } from '../../../src/checks/kinds/service';
import { swarmOutcome } from '../../../src/checks/kinds/swarm';
import { insideWorkDir } from '../../../src/checks/kinds/workspaceFile';
import type { ContainerDetails, ImageDetails } from '../../../src/engine/types';
import { useBundle } from '../../../src/i18n';
import { checkSchema } from '../../../src/lessons/schema';

const zhChecks = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'zh-cn', 'checks.json'), 'utf8')) as Record<string, string>;
afterEach(() => useBundle('en', undefined));

// Typed parse, as the lesson loader would hand checks over.
const parse = <T>(raw: unknown) => checkSchema.parse(raw) as T;

function containerInfo(overrides: { State?: object; Config?: object; HostConfig?: object; NetworkSettings?: object; Mounts?: object[] } = {}): ContainerDetails {
  return {
    Id: 'aaaaaaaaaaaa1111', Name: '/web', RestartCount: 0,
    State: { Status: 'running', Running: true, Paused: false, ExitCode: 0, ...overrides.State },
    Config: { Image: 'nginx', Env: ['PATH=/bin', 'MODE=dev'], Labels: { tier: 'front' }, Cmd: ['nginx', '-g', 'daemon off;'], Hostname: 'abc', Tty: false, OpenStdin: false, ExposedPorts: { '80/tcp': {} }, ...overrides.Config },
    HostConfig: { RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, Memory: 0, NanoCpus: 0, CpuShares: 0, NetworkMode: 'default', PortBindings: {}, ...overrides.HostConfig },
    NetworkSettings: { Ports: {}, Networks: {}, ...overrides.NetworkSettings },
    Mounts: overrides.Mounts ?? [],
  } as unknown as ContainerDetails;
}

describe('container', () => {
  test('state mismatch reads "exited (137)" with a docker logs hint', () => {
    const outcome = containerOutcome(parse({ container: 'web', state: 'running' }), containerInfo({ State: { Status: 'exited', Running: false, ExitCode: 137 } }));
    assert.equal(outcome.pass, false);
    assert.equal(outcome.title, 'State of container web');
    assert.equal(outcome.expected, 'running');
    assert.equal(outcome.actual, 'exited (137)');
    assert.equal(outcome.hint, 'The container stopped with exit code 137; see why with `docker logs web`.');
  });

  test('Chinese title and missing-container text', () => {
    useBundle('zh-cn', zhChecks);
    const outcome = containerOutcome(parse({ container: 'webserver', state: 'running' }), undefined);
    assert.equal(outcome.title, '容器 webserver 的状态');
    assert.equal(outcome.actual, '容器不存在');
    assert.equal(outcome.hint, '请先运行这一步，或用 `docker ps -a` 核对名字。');
  });

  test('a bare container check asks for existence', () => {
    const outcome = containerOutcome(parse({ container: 'web' }), containerInfo());
    assert.deepEqual([outcome.pass, outcome.expected, outcome.actual], [true, 'exists', 'running']);
    const missing = containerOutcome(parse({ container: 'web' }), undefined);
    assert.deepEqual([missing.pass, missing.actual], [false, 'no such container']);
  });

  test('image "nginx" matches Config.Image "nginx:latest"; env and labels name the differing key', () => {
    assert.equal(containerOutcome(parse({ container: 'web', image: 'nginx:latest' }), containerInfo()).pass, true);
    const env = containerOutcome(parse({ container: 'web', env: { MODE: 'prod' }, labels: { tier: 'front', app: 'shop' } }), containerInfo());
    assert.equal(env.actual, 'labels: app is not set; environment: MODE is "dev" (expected "prod")');
  });

  test('networkMode "bridge" equals the engine\'s "default"; cpuShares 1024 equals unset', () => {
    assert.equal(containerOutcome(parse({ container: 'web', networkMode: 'bridge', cpuShares: 1024 }), containerInfo()).pass, true);
  });

  test('exit code of a running container', () => {
    const outcome = containerOutcome(parse({ container: 'web', exitCode: 0 }), containerInfo());
    assert.deepEqual([outcome.pass, outcome.actual], [false, 'running (no exit code yet)']);
  });

  test('restart policy and limits', () => {
    const info = containerInfo({ HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 }, Memory: 128 * 1024 * 1024, NanoCpus: 1_500_000_000 } });
    const outcome = containerOutcome(parse({ container: 'web', restartPolicy: { name: 'on-failure', maxRetries: 3 }, memory: 268435456, nanoCpus: 1.5e9 }), info);
    assert.equal(outcome.actual, 'restart policy: on-failure:5; memory limit: 134217728 (128 MiB); CPU limit: 1500000000 (1.5 CPUs)');
    assert.equal(outcome.expected, 'restart policy: on-failure:3; memory limit: 268435456 (256 MiB); CPU limit: 1500000000 (1.5 CPUs)');
  });
});

describe('port', () => {
  const running = containerInfo({
    NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8081' }, { HostIp: '::', HostPort: '8081' }], '443/tcp': null } },
    Config: { ExposedPorts: { '80/tcp': {}, '443/tcp': {} } },
  });

  test('names the port that is published instead', () => {
    const outcome = portOutcome(parse({ port: { container: 'web', private: 80, public: 8080 } }), running);
    assert.equal(outcome.pass, false);
    assert.equal(outcome.title, 'Port 80/tcp of container web');
    assert.equal(outcome.expected, 'published on host port 8080');
    assert.equal(outcome.actual, 'published on 0.0.0.0:8081, [::]:8081');
    assert.equal(outcome.hint, 'Port 80/tcp is published on host port 8081 instead of 8080.');
  });

  test('exposed but not published', () => {
    assert.equal(portOutcome(parse({ port: { container: 'web', private: 443, published: false } }), running).pass, true);
    const outcome = portOutcome(parse({ port: { container: 'web', private: 443, public: 8443 } }), running);
    assert.equal(outcome.actual, 'exposed, not published');
    assert.equal(outcome.hint, 'Port 443/tcp is not published; this container publishes 8081->80/tcp. Recreate it with `-p 8443:443`.');
  });

  test('a stopped container reports its configured bindings', () => {
    const stopped = containerInfo({ State: { Status: 'exited', Running: false }, HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] } } });
    assert.equal(portOutcome(parse({ port: { container: 'web', private: 80, public: 8080 } }), stopped).pass, true);
  });
});

describe('mount', () => {
  const info = containerInfo({
    Mounts: [{ Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true }],
    HostConfig: { Tmpfs: { '/run': 'rw,noexec' } },
  });

  test('volume by name, tmpfs from HostConfig', () => {
    assert.equal(mountOutcome(parse({ mount: { container: 'web', destination: '/data/', type: 'volume', source: 'data' } }), info, '/w').pass, true);
    assert.equal(mountOutcome(parse({ mount: { container: 'web', destination: '/run', type: 'tmpfs' } }), info, '/w').pass, true);
  });

  test('a missing mount lists the mounts there are', () => {
    const outcome = mountOutcome(parse({ mount: { container: 'web', destination: '/logs', type: 'bind' } }), info, '/w');
    assert.equal(outcome.actual, 'nothing mounted at /logs (mounts: /data)');
    assert.equal(outcome.title, 'Type of the mount at /logs in container web');
  });
});

describe('image', () => {
  const info = {
    Id: 'sha256:1111111111112222', Size: 5_000_000, Author: '', Comment: '',
    Config: { Cmd: null, Entrypoint: ['/docker-entrypoint.sh'], Env: ['PATH=/bin'], ExposedPorts: { '80/tcp': {} }, WorkingDir: '', User: '', Labels: null, Volumes: null, OnBuild: null },
    RootFS: { Type: 'layers', Layers: ['sha256:a', 'sha256:b'] },
  } as unknown as ImageDetails;

  test('null means unset for CMD; workdir "" reads as "/"', () => {
    assert.equal(imageOutcome(parse({ image: 'x', cmd: null, workdir: '/', layers: 2 }), { info }).pass, true);
    const outcome = imageOutcome(parse({ image: 'x', cmd: ['nginx'] }), { info });
    assert.deepEqual([outcome.title, outcome.expected, outcome.actual], ['CMD of image x', '["nginx"]', '(not set)']);
  });

  test('history: exact row count and a row containing text', () => {
    const history = [{ Id: '1', Created: 0, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Tags: null, Size: 0, Comment: '' },
      { Id: '2', Created: 0, CreatedBy: '', Tags: null, Size: 0, Comment: 'Imported from -' }];
    assert.equal(imageOutcome(parse({ image: 'x', historyLength: 2, historyContains: 'Imported from' }), { info, history }).pass, true);
    const outcome = imageOutcome(parse({ image: 'x', historyContains: 'RUN apt-get' }), { info, history });
    assert.equal(outcome.actual, 'no such row among 2; latest: /bin/sh -c #(nop)  CMD ["sh"]; Imported from -');
  });

  test('layersNotIn counts the layers the other image lacks (a rebuild that missed the cache)', () => {
    const v1 = { ...info, Id: 'sha256:0000', RootFS: { Type: 'layers', Layers: ['sha256:a', 'sha256:old'] } } as unknown as ImageDetails;
    const check = parse<Parameters<typeof imageOutcome>[0]>({ image: 'x', layersNotIn: { image: 'v1', max: 1 } });
    assert.equal(imageOutcome(check, { info, layersNotIn: v1 }).pass, true);
    const rebuilt = { ...info, RootFS: { Type: 'layers', Layers: ['sha256:c', 'sha256:b'] } } as unknown as ImageDetails;
    const outcome = imageOutcome(check, { info: rebuilt, layersNotIn: v1 });
    assert.deepEqual([outcome.pass, outcome.title, outcome.expected, outcome.actual], [false, 'Layers not in v1 of image x', 'at most 1', '2']);
    assert.equal(imageOutcome(check, { info }).actual, 'image v1 does not exist');
  });

  test('absent and missing', () => {
    assert.equal(imageOutcome(parse({ image: 'x', absent: true }), undefined).pass, true);
    const missing = imageOutcome(parse({ image: 'x', exposedPorts: [80] }), undefined);
    assert.deepEqual([missing.pass, missing.title, missing.actual], [false, 'Exposed ports of image x', 'no such image']);
  });
});

describe('exec', () => {
  test('a string runs through sh -c; exit code 0 expected by default', () => {
    assert.deepEqual(execArgv('echo $HOME'), ['sh', '-c', 'echo $HOME']);
    assert.deepEqual(execArgv(['ls', '/']), ['ls', '/']);
    const props = execProps({ container: 'c', command: 'x' }, { exitCode: 2, stdout: '', stderr: 'sh: x: not found\n' });
    assert.deepEqual(props.map((p) => [p.label, p.expected, p.actual, p.pass]), [['exit code', '0', '2 — sh: x: not found', false]]);
  });

  test('with only an output test the exit code is not judged', () => {
    const props = execProps({ container: 'c', command: 'grep x f', stdout: { contains: 'x' } }, { exitCode: 1, stdout: 'x', stderr: '' });
    assert.deepEqual(props.map((p) => p.label), ['stdout']);
    assert.equal(props[0].pass, true);
  });
});

describe('http and registry', () => {
  test('loopbackUrl accepts only loopback http(s)', () => {
    for (const ok of ['http://127.0.0.1:8080/', 'https://localhost/x', 'http://[::1]:80/', 'http://127.1.2.3']) assert.ok(loopbackUrl(ok), ok);
    for (const bad of ['http://example.com/', 'http://10.0.0.1/', 'ftp://127.0.0.1/', 'http://user:pw@127.0.0.1/', 'http://127.0.0.1.nip.io/', 'not a url']) {
      assert.equal(loopbackUrl(bad), undefined, bad);
    }
  });

  test('httpOutcome: status and body', () => {
    const check = { url: 'http://127.0.0.1:8080/', contains: 'Welcome' };
    const ok = httpOutcome(check, { status: 200, body: 'Welcome to nginx!' });
    assert.equal(ok.pass, true);
    const bad = httpOutcome(check, { status: 502, body: 'Bad Gateway' });
    assert.equal(bad.actual, 'status: 502; body: missing "Welcome" — got: Bad Gateway');
    const down = httpOutcome(check, { error: 'connection refused' });
    assert.deepEqual([down.pass, down.actual, down.expected], [false, 'connection refused', 'status: 200; body: contains "Welcome"']);
    assert.match(down.hint ?? '', /docker ps/);
  });

  test('registryOutcome names the catalog and tags it found', () => {
    const catalog = { status: 200, body: '{"repositories":["a","b"]}' };
    assert.equal(registryOutcome({ url: 'http://127.0.0.1:5000', repository: 'a' }, { catalog }).pass, true);
    assert.equal(registryOutcome({ url: 'http://127.0.0.1:5000', repository: 'c' }, { catalog }).actual, 'not in the catalog (a, b)');
    const tags = { status: 200, body: '{"name":"a","tags":null}' };
    const noTag = registryOutcome({ url: 'http://127.0.0.1:5000', repository: 'a', tag: 'v1' }, { catalog, tags });
    assert.deepEqual([noTag.pass, noTag.actual, noTag.expected], [false, 'tags: (none)', 'a:v1']);
    assert.match(noTag.hint ?? '', /127\.0\.0\.1:5000\/a:v1/);
  });
});

describe('swarm and service', () => {
  test('swarm state', () => {
    assert.equal(swarmOutcome({ swarm: 'inactive' }, 'inactive').pass, true);
    const active = swarmOutcome({ swarm: 'active' }, 'inactive');
    assert.deepEqual([active.pass, active.expected, active.actual], [false, 'active', 'inactive']);
    assert.match(active.hint ?? '', /docker swarm init/);
  });

  const service = {
    ID: 's1',
    Spec: { Name: 'web', Mode: { Replicated: { Replicas: 3 } }, TaskTemplate: { ContainerSpec: { Image: 'nginx:latest@sha256:abc' } } },
    Endpoint: { Ports: [{ TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp' }] },
  };
  const tasks = [
    { ID: 't1', Status: { State: 'running' } }, { ID: 't2', Status: { State: 'running' } },
    { ID: 't3', Status: { State: 'rejected', Err: 'no suitable node' } }, { ID: 't4', Status: { State: 'shutdown' } },
  ];

  test('replicas, image (digest ignored), published port', () => {
    const outcome = serviceOutcome(parse({ service: 'web', replicas: 3, image: 'nginx', publishedPort: 8080 }), { service, tasks });
    assert.equal(outcome.pass, true);
    assert.equal(outcome.actual, 'replicas: 3; image: nginx:latest; published port: 8080');
  });

  test('running tasks: exact count, with the task errors', () => {
    const outcome = serviceOutcome(parse({ service: 'web', runningTasks: 3 }), { service, tasks });
    assert.deepEqual([outcome.pass, outcome.title, outcome.actual], [false, 'Running tasks of service web', '2 — no suitable node']);
    assert.match(outcome.hint ?? '', /docker service ps web/);
  });

  test('Chinese service title; missing service', () => {
    useBundle('zh-cn', zhChecks);
    const outcome = serviceOutcome(parse({ service: 'web', replicas: 5 }), undefined);
    assert.equal(outcome.title, '服务 web 的副本数');
    assert.equal(outcome.actual, '服务不存在');
  });
});

describe('step output', () => {
  const step = { exitCode: 1, stdout: 'hello\n', stderr: 'Error: No such container: x\n' };

  test('output streams', () => {
    assert.equal(outputOutcome(parse({ output: { contains: 'hello' } }), step).pass, true);
    assert.equal(outputOutcome(parse({ output: { stream: 'stderr', contains: 'No such container' } }), step).pass, true);
    assert.equal(outputOutcome(parse({ output: { stream: 'both', contains: ['hello', 'Error'] } }), step).pass, true);
  });

  test('exit code shows stderr when the command failed', () => {
    const outcome = exitCodeOutcome(parse({ exitCode: 0 }), step);
    assert.deepEqual([outcome.pass, outcome.actual], [false, '1 — Error: No such container: x']);
    assert.equal(exitCodeOutcome(parse({ exitCode: { not: 0 } }), step).pass, true);
    assert.equal(exitCodeOutcome(parse({ exitCode: 0 }), { ...step, exitCode: null }).actual, 'none (the command was stopped)');
  });

  test('not run in this session', () => {
    useBundle('zh-cn', zhChecks);
    assert.equal(outputOutcome(parse({ output: { contains: 'x' } }), undefined).actual, '本次会话中还没有运行这一步：请先运行它');
  });
});

describe('workspace paths', () => {
  test('stay inside the working folder', () => {
    assert.equal(insideWorkDir('/w', 'a/b.txt'), '/w/a/b.txt');
    assert.equal(insideWorkDir('/w', '../x'), undefined);
    assert.equal(insideWorkDir('/w', '/etc/passwd'), undefined);
    assert.equal(insideWorkDir('/w', 'a/../../x'), undefined);
  });
});

describe('output checks read text, not colours', () => {
  test('ANSI colour codes in the step output do not break a contains match', async () => {
    const { evaluateCheck } = await import('../../../src/checks');
    const result = await evaluateCheck({ output: { stream: 'both', contains: '+ lll' } },
      { engine: undefined as never, workDir: '/tmp', stepOutput: { exitCode: 1, stdout: '\x1b[91m+ \x1b[0m\x1b[91mlll\n', stderr: '' } });
    assert.equal(result.pass, true, JSON.stringify(result));
  });
});
