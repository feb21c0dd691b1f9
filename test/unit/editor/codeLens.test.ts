// The ▶ Run-in-terminal CodeLens finder: docker commands in shell fences of a Markdown note, prompts stripped,
// continuations joined, heredocs kept, output and non-docker lines skipped, non-shell fences ignored; and which
// commands are destructive enough to ask first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findDockerCommands, isDestructiveCommand, isInShellFence, shellFences } from '../../../src/editor/codeLens';

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
    assert.deepEqual(byLine.get(5), { line: 5, endLine: 7, command: 'docker run -d --name web -p 8080:80 nginx', destructive: false });
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
    assert.deepEqual(found.filter((c) => c.destructive).map((c) => c.line), [10, 32, 34, 48]);
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
