// The ▶ Run-in-terminal CodeLens finder: docker commands in shell fences of a Markdown note, prompts stripped,
// continuations joined, heredocs kept, output and non-docker lines skipped, non-shell fences ignored; and which
// commands are destructive enough to ask first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  commandRisk, findDockerCommands, hasPlaceholder, isDestructiveCommand, isDockerCommandLine, isInShellFence, shellFences, stripComment,
} from '../../../src/editor/codeLens';

const NOTE = [
  '# 第一个容器',                               // 0
  '',                                           // 1
  '运行 `docker run hello-world` 看看。',       // 2  (inline code: not a fence)
  '',                                           // 3
  '```bash',                                    // 4
  '$ docker run -d \\',                         // 5
  '    --name web \\',                          // 6
  '    -p 8080:80 nginx',                       // 7
  'f2a9c0e1d3b4',                               // 8  output
  '$ curl -s localhost:8080',                   // 9  not docker
  '$ docker rm -f web',                         // 10
  'web',                                        // 11 output
  '```',                                        // 12
  '',                                           // 13
  '```',                                        // 14 no language
  'docker ps -a',                               // 15
  '# docker images',                            // 16 root prompt
  '# 列出卷',                                   // 17 comment
  'sudo docker volume ls',                      // 18
  'echo docker ps',                             // 19 not a docker command
  '```',                                        // 20
  '',                                           // 21
  '```dockerfile',                              // 22 not a shell
  'FROM busybox',                               // 23
  'RUN docker version',                         // 24
  '```',                                        // 25
  '',                                           // 26
  '```yaml',                                    // 27
  'docker: compose',                            // 28
  '```',                                        // 29
  '',                                           // 30
  '```console',                                 // 31
  '[root@localhost ~]# docker system prune -f', // 32
  'Total reclaimed space: 0B',                  // 33
  'user@box:~$ docker swarm leave --force',     // 34
  '```',                                        // 35
  '',                                           // 36
  '- 列表里的代码块：',                          // 37
  '',                                           // 38
  '  ```sh { name=build }',                     // 39 Runme annotation
  '  docker build -t demo - <<EOF',             // 40
  '  FROM busybox',                             // 41
  '  CMD ["echo", "hi"]',                       // 42
  '  EOF',                                      // 43
  '  DOCKER_BUILDKIT=1 docker build -t demo2 .', // 44
  '  ```',                                      // 45
  '',                                           // 46
  '```shell',                                   // 47
  'docker rmi demo && docker image prune',      // 48
  '```',                                        // 49
].join('\n');

describe('editor: CodeLens command finder', () => {
  const found = findDockerCommands(NOTE);
  const byLine = new Map(found.map((c) => [c.line, c]));

  test('finds exactly the docker command lines of shell fences', () => {
    assert.deepEqual(found.map((c) => c.line), [5, 10, 15, 16, 18, 32, 34, 40, 44, 48]);
  });

  test('prompts stripped and continuations joined', () => {
    assert.deepEqual(byLine.get(5), { line: 5, endLine: 7, command: 'docker run -d --name web -p 8080:80 nginx', action: 'run' });
    assert.equal(byLine.get(10)?.command, 'docker rm -f web');
    assert.equal(byLine.get(16)?.command, 'docker images');
    assert.equal(byLine.get(18)?.command, 'sudo docker volume ls');
    assert.equal(byLine.get(32)?.command, 'docker system prune -f');
    assert.equal(byLine.get(34)?.command, 'docker swarm leave --force');
  });

  test('heredocs keep their body; indented fences in lists keep their lines', () => {
    const build = byLine.get(40);
    assert.equal(build?.command, 'docker build -t demo - <<EOF\nFROM busybox\nCMD ["echo", "hi"]\nEOF');
    assert.equal(build?.endLine, 43);
    assert.equal(byLine.get(44)?.command, 'DOCKER_BUILDKIT=1 docker build -t demo2 .');
  });

  test('destructive commands are flagged', () => {
    assert.deepEqual(found.filter((c) => c.risk).map((c) => [c.line, c.risk]), [[10, 'deletes'], [32, 'deletes'], [34, 'deletes'], [48, 'deletes']]);
  });

  test('shell fences and the lines inside them', () => {
    const fences = shellFences(NOTE);
    assert.deepEqual(fences.map((f) => [f.language, f.firstLine, f.lines.length]), [
      ['bash', 5, 7], ['', 15, 5], ['console', 32, 3], ['sh', 40, 5], ['shell', 48, 1],
    ]);
    assert.equal(isInShellFence(fences, 7), true);
    assert.equal(isInShellFence(fences, 4), false, 'the opening fence line');
    assert.equal(isInShellFence(fences, 12), false, 'the closing fence line');
    assert.equal(isInShellFence(fences, 24), false, 'a dockerfile fence');
  });

  test('a note without shell fences has no lenses', () => {
    assert.deepEqual(findDockerCommands('# x\n\n    docker ps\n\n```python\ndocker = 1\n```\n'), []);
  });
});

describe('editor: destructive commands', () => {
  const cases: [string, boolean][] = [
    ['docker rm -f web', true],
    ['docker rm --force web', true],
    ['docker container rm -f $(docker ps -aq)', true],
    ['docker rm web', false],
    ['docker rmi nginx', true],
    ['docker image rm nginx', true],
    ['docker image prune -a', true],
    ['docker container prune', true],
    ['docker volume prune', true],
    ['docker network prune -f', true],
    ['docker system prune', true],
    ['docker builder prune', true],
    ['docker swarm leave --force', true],
    ['docker volume rm data', true],
    ['docker compose down -v', true],
    ['docker compose down', false],
    ['docker run --rm busybox rm -rf /tmp/x', false],
    ['docker ps -a', false],
    ['echo docker rmi x', false],
  ];
  for (const [command, expected] of cases) {
    test(`${command} → ${expected ? 'asks first' : 'runs'}`, () => assert.equal(isDestructiveCommand(command), expected));
  }
});

describe('editor: which lens a command gets', () => {
  const lensOf = (line: string) => findDockerCommands('```bash\n' + line + '\n```\n')[0];
  const cases: [string, 'run' | 'copy' | 'none'][] = [
    ['docker pull [选项] [Docker Registry 地址[:端口号]/]仓库名[:标签]', 'copy'],
    ['docker run -it --name 容器名 ubuntu', 'copy'],
    ['docker run -v /宿主机路径:/data busybox', 'copy'],
    ['docker rmi <image>', 'copy'],
    ['docker ps ...', 'copy'],
    ['docker image ls [OPTIONS] [REPOSITORY[:TAG]]', 'copy'],
    ['docker push NAME[:TAG]', 'copy'],
    ['docker start CONTAINER', 'copy'],
    ['docker run      docker ps', 'none'],
    ['docker build ───> docker run', 'none'],
    ['docker save nginx -o nginx.tar', 'run'],
    ['docker save nginx > nginx.tar', 'run'],
    ['docker exec web sh -c \'[ -f /x ] && echo "已存在"\'', 'run'],
    ['docker inspect -f "{{.State.Status}}" web', 'run'],
    ['docker run --rm -e GREETING="你好 世界" busybox env', 'run'],
    ['cat Dockerfile | docker build -t x -', 'run'],
    ['DOCKER_BUILDKIT=0 docker build .', 'run'],
    ['docker-compose up -d', 'run'],
  ];
  for (const [line, expected] of cases) {
    test(`${line} → ${expected}`, () => assert.equal(lensOf(line)?.action ?? 'none', expected));
  }

  test('an unquoted trailing # comment is not part of the command; a quoted or glued # is', () => {
    assert.equal(stripComment('docker ps -a   # 列出所有容器'), 'docker ps -a');
    assert.equal(stripComment('docker run -e A="x # y" busybox # 注释'), 'docker run -e A="x # y" busybox');
    assert.equal(stripComment("docker inspect -f '{{.Id}}#x' web"), "docker inspect -f '{{.Id}}#x' web");
    assert.equal(stripComment('docker run busybox echo a#b'), 'docker run busybox echo a#b');
    assert.equal(lensOf('docker images   # 查看镜像')?.command, 'docker images');
  });

  test('a root prompt only before a clean command: `# 用 docker ps 查看` is prose', () => {
    const found = findDockerCommands('```\n# docker ps\n# 用 docker ps 查看\n# docker ps 查看运行中的容器\n```\n');
    assert.deepEqual(found.map((c) => c.command), ['docker ps']);
  });

  test('docker anywhere in a pipeline is a docker command; echo docker is not', () => {
    assert.equal(isDockerCommandLine('cat Dockerfile | docker build -'), true);
    assert.equal(isDockerCommandLine('sudo docker ps'), true);
    assert.equal(isDockerCommandLine('echo docker ps'), false);
    assert.equal(isDockerCommandLine('echo "docker ps" | grep docker'), false);
    assert.equal(hasPlaceholder('docker run -e A=$(date) busybox'), false);
  });

  const risks: [string, 'deletes' | 'host-access' | undefined][] = [
    ['docker rm -v web', 'deletes'],
    ['docker rmi -f nginx', 'deletes'],
    ['docker system prune -af --volumes', 'deletes'],
    ['docker volume prune', 'deletes'],
    ['docker run --rm -v /:/host busybox ls /host', 'host-access'],
    ['docker run -v /var/run/docker.sock:/var/run/docker.sock docker:cli ps', 'host-access'],
    ['docker run --mount type=bind,source=/,target=/host busybox', 'host-access'],
    ['docker run --privileged busybox', 'host-access'],
    ['docker run --pid=host busybox ps', 'host-access'],
    ['docker run -v /srv/data:/data busybox', undefined],
    ['docker run --rm busybox rm -v /x', undefined],
  ];
  for (const [command, risk] of risks) {
    test(`${command} → ${risk ?? 'no confirmation'}`, () => {
      assert.equal(commandRisk(command), risk);
      assert.equal(isDestructiveCommand(command), risk !== undefined);
    });
  }
});
