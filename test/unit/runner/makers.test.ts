// Which step makes a named object (from the steps' own commands), and what a step needs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { objectsMadeBy, stepMaking } from '../../../src/runner/makers';
import { lessonOf, step } from './lessonFixture';

const made = (body: string, values: Record<string, string> = {}) =>
  objectsMadeBy(step('s', body), values).map((o) => `${o.kind}:${o.name}${o.implicit ? ' (implicit)' : ''}`);

describe('objectsMadeBy', () => {
  test('containers, volumes, networks, services and images named by the commands that make them', () => {
    assert.deepEqual(made('docker run -d -p 80:80 --name web -v data:/usr/share/nginx/html -v "$PWD"/site:/site nginx'),
      ['container:web', 'volume:data (implicit)']);
    assert.deepEqual(made('docker container create --name=box busybox'), ['container:box']);
    assert.deepEqual(made('docker volume create --driver local --label a=b my-vol'), ['volume:my-vol']);
    assert.deepEqual(made('docker network create -d bridge --subnet 172.31.0.0/16 --internal my-net'), ['network:my-net']);
    assert.deepEqual(made('docker service create --replicas 2 --name web nginx'), ['service:web']);
    assert.deepEqual(made('docker build -t app:v1 --tag app . && docker tag app:v1 me/app:v2'),
      ['image:app:v1', 'image:app:latest', 'image:me/app:v2']);
    assert.deepEqual(made('docker commit -m "msg" web web-image:v2; docker image pull docker.io/library/nginx'),
      ['image:web-image:v2', 'image:nginx:latest']);
    assert.deepEqual(made('docker run --rm --mount type=volume,source=cache,target=/c busybox true'), ['volume:cache (implicit)']);
  });

  test('variables are filled in; quoted names are read as the shell reads them; expanded names are unknown, not guessed', () => {
    assert.deepEqual(made('docker run -d --name {{name}}-web nginx', { name: 'dl' }), ['container:dl-web']);
    assert.deepEqual(made('docker run -d --name "$NAME" nginx'), []);
    assert.deepEqual(made('docker run -d --name "web-$(date +%s)" nginx; docker volume create `echo v`'), []);
    assert.deepEqual(made(`docker run --name "my_http_server" -d httpd && docker volume create 'my vol' && docker network create net\-a`),
      ['container:my_http_server', 'volume:my vol', 'network:net-a']);
    assert.deepEqual(made('docker run --name "a\\"b\\$c\\d" busybox'), ['container:a"b$c\\d']);
    assert.deepEqual(made("docker \"run\" --name 'pre'fix\"-post\" busybox"), ['container:prefix-post']);
  });

  test('commands that make nothing, and edit or explain steps', () => {
    assert.deepEqual(made('docker rm -f web && docker volume rm data && docker exec web ls'), []);
    assert.deepEqual(objectsMadeBy(step('e', 'docker run --name x busybox', { kind: 'explain' })), []);
  });
});

describe('stepMaking', () => {
  const lesson = lessonOf([
    step('create', 'docker volume create data'),
    step('run', 'docker run -d --name web -v data:/html nginx'),
    step('rm', 'docker rm -f web', { kind: 'destructive' }),
    step('again', 'docker run -d --name web nginx'),
    step('later', 'docker network create net'),
  ]);

  test('the step itself when it makes it, else the nearest earlier one, else a later one', () => {
    assert.equal(stepMaking(lesson, { kind: 'container', name: 'web' }, { current: 'again' })?.id, 'again');
    assert.equal(stepMaking(lesson, { kind: 'container', name: 'web' }, { current: 'rm' })?.id, 'run');
    assert.equal(stepMaking(lesson, { kind: 'network', name: 'net' }, { current: 'rm' })?.id, 'later');
    assert.equal(stepMaking(lesson, { kind: 'container', name: 'nobody' }, { current: 'rm' }), undefined);
  });

  test('an explicit `volume create` goes before a `-v name:` that would also make it', () => {
    assert.equal(stepMaking(lesson, { kind: 'volume', name: 'data' }, { current: 'rm' })?.id, 'create');
  });
});
