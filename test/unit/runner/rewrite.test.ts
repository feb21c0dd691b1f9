import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addLessonLabel, labelInsertionPoints } from '../../../src/runner/rewrite';

const L = '--label docker-lessons.lesson=l1';
const label = (command: string) => addLessonLabel(command, 'l1');

describe('addLessonLabel', () => {
  test('inserts right after the object-creating subcommand words', () => {
    assert.equal(label('docker run -d -p 8080:80 --name web nginx'), `docker run ${L} -d -p 8080:80 --name web nginx`);
    assert.equal(label('docker create busybox'), `docker create ${L} busybox`);
    assert.equal(label('docker container run -it ubuntu bash'), `docker container run ${L} -it ubuntu bash`);
    assert.equal(label('docker container create busybox'), `docker container create ${L} busybox`);
    assert.equal(label('docker volume create data'), `docker volume create ${L} data`);
    assert.equal(label('docker network create -d bridge net1'), `docker network create ${L} -d bridge net1`);
    assert.equal(label('docker build -t app .'), `docker build ${L} -t app .`);
    assert.equal(label('docker image build -t app .'), `docker image build ${L} -t app .`);
    assert.equal(label('docker buildx build -t app .'), `docker buildx build ${L} -t app .`);
    assert.equal(label('docker run'), `docker run ${L}`);
  });

  test('leaves other docker commands and other programs alone', () => {
    for (const command of [
      'docker ps -a', 'docker rm -f web', 'docker volume ls', 'docker network inspect run', 'docker image ls',
      'docker exec web run', 'echo docker run', 'mydocker run x', 'docker start create', 'docker container ls',
      'docker --context x run busybox', 'docker container rm run',
    ]) assert.equal(label(command), command, command);
  });

  test('handles several commands chained with && ; | || & and newlines', () => {
    assert.equal(
      label('docker volume create v && docker run -v v:/data busybox ls; docker network create n | cat\ndocker build .'),
      `docker volume create ${L} v && docker run ${L} -v v:/data busybox ls; docker network create ${L} n | cat\ndocker build ${L} .`,
    );
    assert.equal(label('docker ps || docker run x & docker create y'), `docker ps || docker run ${L} x & docker create ${L} y`);
  });

  test('finds commands inside $(…) and backticks', () => {
    assert.equal(label('docker inspect $(docker run -d busybox)'), `docker inspect $(docker run ${L} -d busybox)`);
    assert.equal(label('ID=`docker create busybox`'), `ID=\`docker create ${L} busybox\``);
    assert.equal(label('echo $(echo $(docker run x))'), `echo $(echo $(docker run ${L} x))`);
  });

  test('never touches text inside quotes', () => {
    assert.equal(label(`sh -c 'docker run x'`), `sh -c 'docker run x'`);
    assert.equal(label(`echo "docker run $(docker run x)"`), `echo "docker run $(docker run x)"`);
    assert.equal(label(`docker run --name "a b" busybox echo 'docker run'`), `docker run ${L} --name "a b" busybox echo 'docker run'`);
  });

  test('a quoted or escaped subcommand is the same subcommand to the shell: labelled after it', () => {
    assert.equal(label(`docker "run" x`), `docker "run" ${L} x`);
    assert.equal(label('docker \\run x'), `docker \\run ${L} x`);
    assert.equal(label(`docker "$SUB" x`), `docker "$SUB" x`);
  });

  test('skips environment assignments and prefixes like sudo, if, !', () => {
    assert.equal(label('DOCKER_BUILDKIT=1 docker build .'), `DOCKER_BUILDKIT=1 docker build ${L} .`);
    assert.equal(label('sudo docker run x'), `sudo docker run ${L} x`);
    assert.equal(label('/usr/bin/docker run x'), `/usr/bin/docker run ${L} x`);
    assert.equal(label('if docker run x; then echo ok; fi'), `if docker run ${L} x; then echo ok; fi`);
    assert.equal(label('! docker create x'), `! docker create ${L} x`);
    assert.equal(label('(docker run x)'), `(docker run ${L} x)`);
  });

  test('follows line continuations', () => {
    assert.equal(label('docker run \\\n  -d \\\n  nginx'), `docker run ${L} \\\n  -d \\\n  nginx`);
    assert.equal(label('docker \\\n  run -d nginx'), `docker \\\n  run ${L} -d nginx`);
  });

  test('ignores comments and here-document bodies', () => {
    assert.equal(label('# docker run x\ndocker ps'), '# docker run x\ndocker ps');
    assert.equal(label('docker ps # docker run x'), 'docker ps # docker run x');
    assert.equal(label('cat <<EOF > f\ndocker run x\nEOF\ndocker run y'), `cat <<EOF > f\ndocker run x\nEOF\ndocker run ${L} y`);
    assert.equal(label("cat <<-'END'\n\tdocker run x\n\tEND\ndocker create y"), `cat <<-'END'\n\tdocker run x\n\tEND\ndocker create ${L} y`);
    assert.equal(label('docker build -t app - <<EOF\nFROM busybox\nEOF'), `docker build ${L} -t app - <<EOF\nFROM busybox\nEOF`);
  });

  test('arithmetic expansion is not a command substitution', () => {
    assert.equal(label('echo $((1+2)) && docker run x'), `echo $((1+2)) && docker run ${L} x`);
  });

  test('insertion points are sorted offsets after the subcommand', () => {
    const command = 'docker run a; docker create b';
    assert.deepEqual(labelInsertionPoints(command), [command.indexOf(' a'), command.indexOf(' b')]);
  });

  test('redirections next to commands do not confuse it', () => {
    assert.equal(label('docker run -d x >/dev/null 2>&1 && docker ps'), `docker run ${L} -d x >/dev/null 2>&1 && docker ps`);
  });
});
