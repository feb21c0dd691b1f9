// docker command hovers: the line parser finds the subcommand or flag under the cursor (management commands, flag
// clusters, --name=x, -p 80:80, values, continuations, $(…)), and the data covers every subcommand/flag pair the
// course notes use (seeds-inventory §4).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI_COMMANDS, findCliCommand, findCliFlag, isManagementGroup } from '../../../src/editor/cliDocs';
import {
  builtDockerfiles, cliHover, cliHoverItems, cliTopicKeys, findDockerInvocations, logicalLineRange, maskPrompt, parseShell,
} from '../../../src/editor/cliHover';

/** Hover at the first occurrence of `needle` (plus `shift` characters) in `line`. */
function hoverAt(line: string, needle: string, shift = 0, lang: 'zh' | 'en' = 'en', occurrence = 1) {
  let index = -1;
  for (let n = 0; n < occurrence; n++) index = line.indexOf(needle, index + 1);
  assert.ok(index >= 0, `"${needle}" is in "${line}"`);
  return cliHover(line, index + shift, lang);
}
const title = (hover: ReturnType<typeof cliHover>): string => hover?.markdown.split('\n')[0] ?? '(no hover)';

describe('editor: docker command hover', () => {
  const run = 'docker run -dit --name web -p 8080:80 nginx';

  test('docker run -dit --name web -p 8080:80 nginx: each flag of the cluster, the name, the port', () => {
    assert.match(title(hoverAt(run, 'run')), /^\*\*docker run\*\* — Create and start a container/);
    const dash = hoverAt(run, '-dit');
    assert.match(title(dash), /^\*\*-d, --detach\*\*/);
    assert.deepEqual([dash?.start, dash?.end], [11, 13], 'the dash belongs to the first letter');
    assert.match(title(hoverAt(run, '-dit', 1)), /^\*\*-d, --detach\*\*/);
    const i = hoverAt(run, '-dit', 2);
    assert.match(title(i), /^\*\*-i, --interactive\*\*/);
    assert.deepEqual([i?.start, i?.end], [13, 14]);
    assert.match(title(hoverAt(run, '-dit', 3)), /^\*\*-t, --tty\*\*/);
    assert.match(title(hoverAt(run, '--name', 4)), /^\*\*--name\*\* `<name>`/);
    assert.match(title(hoverAt(run, 'web')), /^\*\*--name\*\*/, 'the value explains its flag');
    assert.match(title(hoverAt(run, '-p', 1)), /^\*\*-p, --publish\*\*/);
    assert.match(title(hoverAt(run, '8080:80', 3)), /^\*\*-p, --publish\*\*/);
    assert.equal(hoverAt(run, 'nginx', 1), undefined, 'the image is an argument');
    assert.equal(hoverAt(run, 'docker'), undefined);
    assert.equal(hoverAt(run, ' -dit'), undefined, 'whitespace');
  });

  test('Chinese by default for zh, with the docs link', () => {
    const hover = hoverAt(run, '-p', 1, 'zh');
    assert.match(hover?.markdown ?? '', /把容器端口发布到宿主机/);
    assert.match(hover?.markdown ?? '', /\*docker container run\*/);
    assert.match(hover?.markdown ?? '', /\(https:\/\/docs\.docker\.com\/reference\/cli\/docker\/container\/run\/\)/);
    assert.doesNotMatch(hover?.markdown ?? '', /command:/);
  });

  test('docker container ls -a: both command words, and -a', () => {
    const line = 'docker container ls -a';
    const container = hoverAt(line, 'container');
    assert.match(title(container), /^\*\*docker container ls\*\* — List containers/);
    assert.match(title(hoverAt(line, 'ls')), /^\*\*docker container ls\*\*/);
    assert.match(title(hoverAt(line, '-a', 1)), /^\*\*-a, --all\*\*/);
  });

  test('legacy spelling names its management form', () => {
    const hover = hoverAt('docker ps -aq', 'ps', 0, 'zh');
    assert.match(hover?.markdown ?? '', /等同于 `docker container ls`/);
    assert.match(title(hoverAt('docker ps -aq', '-aq', 2)), /^\*\*-q, --quiet\*\*/);
  });

  test('docker build -t x -f Dockerfile .', () => {
    const line = 'docker build -t x -f Dockerfile .';
    assert.match(title(hoverAt(line, 'build')), /^\*\*docker build\*\*/);
    assert.match(title(hoverAt(line, '-t', 1)), /^\*\*-t, --tag\*\*/);
    assert.match(title(hoverAt(line, 'x')), /^\*\*-t, --tag\*\*/);
    assert.match(title(hoverAt(line, '-f', 1)), /^\*\*-f, --file\*\*/);
    assert.match(title(hoverAt(line, 'Dockerfile', 2)), /^\*\*-f, --file\*\*/);
    assert.equal(hoverAt(line, '.'), undefined);
  });

  test('--name=x: name and value', () => {
    const line = 'docker run --name=web --rm busybox';
    const name = hoverAt(line, '--name', 3);
    assert.match(title(name), /^\*\*--name\*\*/);
    assert.deepEqual([name?.start, name?.end], [11, 17]);
    assert.match(title(hoverAt(line, 'web')), /^\*\*--name\*\*/);
    assert.match(title(hoverAt(line, '--rm', 2)), /^\*\*--rm\*\*/);
  });

  test('-d means driver for network create, detach for run', () => {
    assert.match(title(hoverAt('docker network create -d bridge net1', '-d', 1)), /^\*\*-d, --driver\*\*/);
    assert.match(title(hoverAt('docker network create -d bridge net1', 'bridge')), /^\*\*-d, --driver\*\*/);
    assert.match(title(hoverAt('docker run -d nginx', '-d', 1)), /^\*\*-d, --detach\*\*/);
  });

  test('-h: hostname for run, help elsewhere', () => {
    assert.match(title(hoverAt('docker run -h box busybox', '-h', 1)), /--hostname/);
    assert.match(title(hoverAt('docker service update -h', '-h', 1)), /--help/);
  });

  test('flags after the image belong to the program, not to docker', () => {
    const line = 'docker run -it --rm ubuntu ls -la /';
    assert.equal(hoverAt(line, '-la', 1), undefined);
    assert.equal(hoverAt('docker exec -it web sh -c "echo hi"', '-c', 1), undefined);
    assert.match(title(hoverAt('docker exec -it web sh', '-it', 2)), /^\*\*-t, --tty\*\*/);
  });

  test('unknown flags say so; unknown subcommands get no hover', () => {
    const unknown = hoverAt('docker run --bogus nginx', '--bogus', 3, 'en');
    assert.match(unknown?.markdown ?? '', /^`--bogus` is not a known flag of `docker run`\. Run `docker run --help`/);
    assert.match(hoverAt('docker image ls --digest', '--digest', 2, 'zh')?.markdown ?? '', /^`--digest` 不是 `docker image ls` 的已知选项/);
    assert.match(hoverAt('docker ps -az', '-az', 2)?.markdown ?? '', /^`-z` is not a known flag of `docker ps`/);
    assert.equal(hoverAt('docker network coonet n c', 'coonet', 1), undefined);
    assert.match(title(hoverAt('docker network coonet n c', 'network')), /^\*\*docker network\*\* — Manage networks/);
  });

  test('docker compose: its own flags before the subcommand, the subcommand\'s after', () => {
    const line = 'docker compose -f dev.yml up -d';
    assert.match(title(hoverAt(line, '-f', 1)), /^\*\*-f, --file\*\*/);
    assert.match(title(hoverAt(line, 'up')), /^\*\*docker compose up\*\*/);
    assert.match(title(hoverAt(line, '-d', 1)), /^\*\*-d, --detach\*\*/);
    assert.match(title(hoverAt('docker compose logs -f web', '-f', 1)), /^\*\*-f, --follow\*\*/);
  });

  test('global flags before the subcommand', () => {
    const line = 'docker -H tcp://192.0.2.1:2375 info';
    assert.match(hoverAt(line, '-H', 1)?.markdown ?? '', /global option/);
    assert.match(title(hoverAt(line, 'info')), /^\*\*docker info\*\*/);
  });

  test('$(…) substitutions: the inner command wins', () => {
    const line = 'docker rm -f $(docker ps -aq)';
    assert.match(title(hoverAt(line, '-f', 1)), /^\*\*-f, --force\*\*/);
    assert.match(title(hoverAt(line, 'ps')), /^\*\*docker ps\*\*/);
    assert.match(title(hoverAt(line, '-aq', 1)), /^\*\*-a, --all\*\*/);
    assert.match(title(hoverAt('docker run -v $(pwd):/app -w /app node', '-w', 1)), /^\*\*-w, --workdir\*\*/);
  });

  test('sudo, env assignments, && lists and pipes', () => {
    assert.match(title(hoverAt('sudo docker ps', 'ps')), /docker ps/);
    assert.match(title(hoverAt('DOCKER_BUILDKIT=1 docker build -t app .', '-t', 1)), /--tag/);
    const list = 'docker stop web && docker rm -v web | cat';
    assert.match(title(hoverAt(list, 'rm')), /^\*\*docker rm\*\*/);
    assert.match(title(hoverAt(list, '-v', 1)), /^\*\*-v, --volumes\*\*/);
    assert.equal(hoverAt('echo docker ps', 'ps'), undefined, 'docker is an argument of echo here');
    assert.equal(hoverAt('docker ps # -a', '-a', 1), undefined, 'comments are not flags');
  });

  test('line continuations: a flag on the next line knows its subcommand', () => {
    const text = 'docker run -d \\\n  --name web \\\n  -p 80:80 nginx';
    assert.match(title(hoverAt(text, '-p', 1)), /^\*\*-p, --publish\*\*/);
    assert.match(title(hoverAt(text, '--name', 3)), /^\*\*--name\*\*/);
    assert.deepEqual(logicalLineRange(['a', 'docker run \\', '  -d \\', '  nginx', 'b'], 2), { first: 1, last: 3 });
    assert.deepEqual(logicalLineRange(['echo \\\\', 'docker ps'], 1), { first: 1, last: 1 }, 'an escaped backslash does not continue');
  });

  test('prompts are masked in place', () => {
    assert.equal(maskPrompt('$ docker ps'), '  docker ps');
    assert.equal(maskPrompt('[root@host ~]# docker ps').indexOf('docker'), '[root@host ~]# '.length);
    assert.equal(maskPrompt('user@box:~/app$ docker ps').trim(), 'docker ps');
    const hover = cliHover('$ docker ps -a', 12, 'en', { stripPrompt: true });
    assert.match(title(hover), /--all/);
    assert.equal(cliHover('$ docker ps -a', 12, 'en'), undefined, 'without stripping, `$` is the command word');
  });

  test('the shell splitter keeps quoted words whole', () => {
    const { segments } = parseShell(`docker run --name "my web" -e 'A=b c' busybox; ls`);
    assert.equal(segments.length, 2);
    assert.deepEqual(segments[0].words.map((w) => w.text), ['docker', 'run', '--name', 'my web', '-e', 'A=b c', 'busybox']);
    const [invocation] = findDockerInvocations('docker inspect -f "{{.State.Status}}" web');
    assert.equal(invocation.command?.path, 'inspect');
    assert.deepEqual(invocation.args.map((a) => a.text), ['web']);
  });
});

describe('editor: docker CLI docs cover the notes', () => {
  // seeds-inventory §4.1, minus the notes' invalid forms (`docker ls`, `network coonet`) and the bare group words.
  const subcommands = [
    'run', 'build', 'image ls', 'container ls', 'pull', 'tag', 'ps', 'commit', 'stack deploy', 'exec', 'images', 'image rm',
    'inspect', 'push', 'logs', 'rm', 'history', 'stop', 'import', 'start', 'info', 'version', 'swarm init', 'swarm join',
    'service ls', 'service ps', 'rmi', 'attach', 'load', 'network create', 'service create', 'save', 'login', 'swarm leave',
    'stack rm', 'container stop', 'port', 'node ls', 'buildx build', 'network inspect', 'container rm', 'system df',
    'container start', 'export', 'search', 'service update', 'image prune', 'container logs', 'container prune',
    'volume rm', 'image history', 'manifest inspect', 'manifest annotate', 'service scale', 'secret create', 'buildx create',
    'create', 'stack ps', 'restart', 'container restart', 'volume create', 'volume ls', 'volume inspect', 'volume prune',
    'diff', 'manifest create', 'logout', 'swarm join-token', 'service logs', 'service rm', 'stack down', 'secret ls',
    'config create', 'config ls', 'kill', 'pause', 'network ls', 'network connect', 'manifest push', 'stack ls',
    'service rollback', 'buildx use', 'buildx imagetools', 'system info', 'help', 'rename', 'unpause',
  ];
  const groups = ['swarm', 'image', 'manifest', 'compose', 'stack', 'secret', 'config', 'service', 'container', 'node', 'network'];

  test('every subcommand of §4.1 resolves, and every bare group word is a group', () => {
    assert.deepEqual(subcommands.filter((s) => !findCliCommand(s)), []);
    assert.deepEqual(groups.filter((g) => !isManagementGroup(g)), []);
    for (const s of subcommands) assert.match(title(cliHover(`docker ${s}`, 8, 'zh')), /^\*\*docker /, s);
  });

  // seeds-inventory §4.2, as written in the notes; the notes' mistakes are listed apart below.
  const pairs: [string, string][] = [
    ['build', '-t'], ['build', '--target'], ['build', '--build-arg'], ['build', '--no-cache'], ['build', '--secret'],
    ['build', '--ssh'], ['build', '-f'], ['buildx build', '--platform'], ['buildx build', '--push'], ['buildx build', '-t'],
    ['buildx create', '--driver'], ['buildx create', '--name'], ['buildx create', '--driver-opt'], ['buildx create', '--use'],
    ['commit', '--author'], ['commit', '--message'], ['commit', '-m'], ['container', '--help'], ['container ls', '-a'],
    ['container ls', '-q'], ['container ls', '-l'], ['container ls', '--all'], ['container ls', '-all'], ['container rm', '-f'],
    ['exec', '-i'], ['exec', '-t'], ['exec', '--help'], ['image ls', '-f'], ['image ls', '-q'], ['image ls', '--format'],
    ['image ls', '--help'], ['image ls', '-a'], ['image ls', '--digests'], ['inspect', '--format'], ['inspect', '-f'],
    ['load', '-i'], ['login', '-u'], ['logs', '-f'], ['manifest annotate', '--arch'], ['manifest annotate', '--os'],
    ['manifest annotate', '--variant'], ['network create', '-d'], ['network create', '--driver'], ['network create', '--subnet'],
    ['network create', '--gateway'], ['ps', '-a'], ['ps', '-f'], ['ps', '-q'], ['pull', '--help'], ['rm', '-f'], ['rm', '-v'],
    ['run', '-i'], ['run', '-t'], ['run', '-d'], ['run', '-p'], ['run', '--name'], ['run', '--rm'], ['run', '-P'],
    ['run', '--network'], ['run', '-v'], ['run', '--mount'], ['run', '--net'], ['run', '--restart'], ['run', '-c'], ['run', '--ip'],
    ['run', '-m'], ['run', '--blkio-weight'], ['run', '--device-write-bps'], ['run', '--link'], ['run', '--memory-swap'],
    ['run', '--cpu-shares'], ['run', '--entrypoint'], ['run', '--env'], ['run', '--privileged'], ['run', '--volumes-from'],
    ['run', '-h'], ['save', '-o'], ['service create', '-e'], ['service create', '--name'], ['service create', '--replicas'],
    ['service create', '--secret'], ['service create', '--mount'], ['service create', '--network'], ['service create', '-p'],
    ['service create', '--config'], ['service create', '--publish'], ['service update', '--image'], ['service update', '-h'],
    ['stack deploy', '-c'], ['stack deploy', '--help'], ['stack deploy', '--with-registry-auth'], ['swarm init', '--advertise-addr'],
    ['swarm join', '--token'], ['swarm leave', '--force'], ['system df', '-v'], ['version', '-f'],
    // From prose and option lists (§4.3).
    ['run', '--dns'], ['run', '--dns-search'], ['run', '--hostname'], ['run', '--publish-all'], ['search', '--filter'],
    ['manifest create', '--amend'], ['service update', '--secret-add'], ['service update', '--secret-rm'],
    ['service create', '--mode'], ['run', '--memory'], ['run', '--device-read-bps'], ['run', '--device-read-iops'],
    ['run', '--device-write-iops'],
  ];

  test('every subcommand/flag pair of §4.2 (and the prose flags of §4.3) has a hover', () => {
    const missing: string[] = [];
    for (const [sub, flag] of pairs) {
      const line = `docker ${sub} ${flag}`;
      const hover = cliHover(line, line.length - 1, 'zh');
      if (!hover || !hover.markdown.startsWith('**')) missing.push(`${sub} ${flag}: ${hover?.markdown ?? 'no hover'}`);
    }
    assert.deepEqual(missing, []);
  });

  test('the notes\' broken forms are not dressed up as valid', () => {
    // §4.2 notes: `image ls --digest` is a typo for --digests; `build -f-<<EOF` is -f with value "-" and a heredoc.
    assert.match(cliHover('docker image ls --digest', 18, 'en')?.markdown ?? '', /is not a known flag/);
    const heredoc = 'docker build -t x -f- . <<EOF';
    assert.match(title(cliHover(heredoc, heredoc.indexOf('-f-') + 1, 'en')), /--file/);
  });

  test('every command has both languages, a usage line, and unique flag names', () => {
    for (const command of CLI_COMMANDS) {
      assert.match(command.summary.zh, /[\u4e00-\u9fff]/, command.path);
      assert.doesNotMatch(command.summary.en, /[\u4e00-\u9fff]/, command.path);
      assert.ok(command.usage.startsWith('docker '), command.path);
      const names = command.flags.flatMap((f) => [f.short && `-${f.short}`, f.long && `--${f.long}`].filter(Boolean));
      assert.equal(new Set(names).size, names.length, `${command.path} repeats a flag`);
      for (const flag of command.flags) assert.ok(flag.summary.zh && flag.summary.en, `${command.path} ${flag.long ?? flag.short}`);
    }
    assert.equal(findCliFlag([], 'help', false)?.long, 'help');
  });
});

describe('editor: docker command hovers, current and with tips', () => {
  test('docker init and docker debug are known', () => {
    assert.match(title(cliHover('docker init', 8, 'zh')), /^\*\*docker init\*\* — 在当前项目目录里交互式生成 Dockerfile/);
    assert.match(title(cliHover('docker debug --shell bash web', 8, 'en')), /^\*\*docker debug\*\* — Debug any container or image/);
    assert.match(title(cliHover('docker debug --shell bash web', 14, 'en')), /^\*\*--shell\*\*/);
  });

  test('flag tips: an example or a pitfall under the summary', () => {
    assert.match(cliHover('docker run -p 8080:80 nginx', 11, 'zh')?.markdown ?? '', /`-p 127\.0\.0\.1:8080:80` 只允许本机访问/);
    assert.match(cliHover('docker run --rm -it ubuntu', 12, 'en')?.markdown ?? '', /Cannot be combined with `--restart`/);
    assert.match(cliHover('docker build --progress=plain .', 15, 'en')?.markdown ?? '', /folds RUN output/);
  });

  test('what changed since the notes: volume prune keeps named volumes since Engine 23; --mount type=volume creates it', () => {
    assert.match(cliHover('docker volume prune', 15, 'zh')?.markdown ?? '', /Docker Engine 23 起默认只删匿名卷，加 `-a` 才连具名卷一起删/);
    const mount = cliHover('docker run --mount type=volume,source=data,target=/data busybox', 12, 'en')?.markdown ?? '';
    assert.match(mount, /`type=bind` is an error .*`type=volume` creates the named volume/);
  });

  test('--target names a build stage', () => {
    const line = 'docker build --target builder -t app .';
    assert.match(cliHover(line, line.indexOf('builder') + 2, 'zh')?.markdown ?? '', /`builder` 是 Dockerfile 里 `FROM … AS builder` 定义的构建阶段名/);
    assert.deepEqual(cliHoverItems(line, 'en').map((item) => item.kind), ['command', 'flag', 'flag-value', 'flag', 'flag-value']);
  });

  test('lesson links: a flag asks for itself, then its command', () => {
    const asked: string[][] = [];
    cliHover('docker run -p 80:80 nginx', 11, 'zh', { lessonLink: (wanted) => { asked.push(wanted.map((t) => t.key)); return undefined; } });
    assert.ok(asked.some((keys) => keys.join() === 'docker container run --publish,docker container run'));
  });

  test('the topics and Dockerfiles a shell text uses, for the lesson index', () => {
    assert.deepEqual([...cliTopicKeys('docker run -d -p 80:80 nginx && docker ps -a')].sort(),
      ['docker container ls', 'docker container ls --all', 'docker container run', 'docker container run --detach', 'docker container run --publish']);
    assert.deepEqual(builtDockerfiles('docker build -t x ctx/ && docker build -f docker/Dockerfile.dev . && docker build -t y - < Dockerfile && docker build https://x/y.git'),
      ['ctx/Dockerfile', 'docker/Dockerfile.dev']);
  });
});
