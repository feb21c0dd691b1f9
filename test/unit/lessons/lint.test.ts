import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { formatDiagnostic, lintFiles, lintText, needsTerminal, removesBroadly } from '../../../src/lessons/lint';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'lessons');

describe('lintFiles', () => {
  test('the good lessons are clean', async () => {
    assert.deepEqual(await lintFiles([path.join(FIXTURES, 'good')]), []);
  });

  test('advice for a valid lesson: terminal commands, broad removal, hard-coded http ports', async () => {
    const file = path.join(FIXTURES, 'bad', 'lint-advice.md');
    const diagnostics = await lintFiles([file]);
    assert.deepEqual(diagnostics.map((d) => [d.file, d.line, d.severity]), [
      [file, 10, 'warning'], [file, 17, 'warning'], [file, 24, 'warning'], [file, 29, 'warning'],
    ]);
    assert.match(diagnostics[0].message, /^step 'tty' runs an interactive command .* add kind=interactive/);
    assert.match(diagnostics[1].message, /^step 'wipe' removes objects broadly .* add kind=destructive/);
    assert.match(diagnostics[2].message, /^step 'wipe2' removes objects broadly/);
    assert.match(diagnostics[3].message, /^http check on a hard-coded port \(8080\): use a declared port variable/);
  });

  test('folders, duplicates across files, and unreadable paths', async () => {
    const diagnostics = await lintFiles([path.join(FIXTURES, 'dup'), path.join(FIXTURES, 'nope.md')]);
    assert.deepEqual(diagnostics.map((d) => [path.basename(d.file), d.line]), [['02-b.md', 2], ['03-c.md', 3], ['nope.md', 1]]);
    assert.match(diagnostics[2].message, /^cannot read /);
  });

  test('the course\'s lessons have no errors, check blocks included (the catalog parses those only on use)', async () => {
    const errors = (await lintFiles([path.resolve(__dirname, '..', '..', '..', 'lessons')]))
      .filter((d) => d.severity === 'error').map(formatDiagnostic);
    assert.deepEqual(errors, []);
  });

  test('the parser\'s errors come through with file and line', async () => {
    const file = path.join(FIXTURES, 'bad', 'unknown-check-kind.md');
    const [error] = await lintFiles([file]);
    assert.equal(formatDiagnostic(error), `${file}:15:3: error: ${error.message}`);
  });
});

describe('lint rules', () => {
  test('needsTerminal', () => {
    for (const yes of ['docker run -it busybox sh', 'docker run -t -i ubuntu', 'docker container run --interactive --tty x',
      'docker exec -it web sh', 'docker attach web', 'echo x && docker run -ti --rm alpine']) assert.ok(needsTerminal(yes), yes);
    for (const no of ['docker run -d nginx', 'docker run -dit --name x busybox', 'docker run -i busybox cat', 'docker ps -a',
      'echo docker run']) assert.ok(!needsTerminal(no), no);
  });

  test('removesBroadly', () => {
    for (const yes of ['docker system prune -af', 'docker image prune', 'docker rm -f $(docker ps -aq)', 'docker rmi -f $(docker images -q)'])
      assert.ok(removesBroadly(yes), yes);
    for (const no of ['docker rm -f web', 'docker rmi nginx', 'echo $(date)']) assert.ok(!removesBroadly(no), no);
  });

  test('http checks on a declared port variable are fine; without a port they are hard-coded (80)', () => {
    const head = '---\nid: x\norder: 1\ntitle: t\nsummary: s\nsources: [{ seed: "000", section: s }]\nvars: { port: { default: 8080, label: 端口, type: port } }\n---\n';
    const step = (url: string) => `${head}\`\`\`bash step id=a title=a\ndocker run -p {{port}}:80 nginx\n\`\`\`\n\`\`\`yaml check\n- http: { url: "${url}" }\n\`\`\`\n`;
    assert.deepEqual(lintText(step('http://127.0.0.1:{{port}}/'), 'x.md'), []);
    const noPort = lintText(step('http://localhost/'), 'x.md');
    assert.deepEqual(noPort.map((d) => [d.line, d.severity]), [[13, 'warning']]);
    assert.match(noPort[0].message, /hard-coded port \(80\)/);
  });

  test('formatDiagnostic', () => {
    assert.equal(formatDiagnostic({ file: 'a.md', line: 3, severity: 'warning', message: 'm' }), 'a.md:3:1: warning: m');
    assert.equal(formatDiagnostic({ file: 'a.md', line: 3, column: 7, severity: 'error', message: 'm' }), 'a.md:3:7: error: m');
  });
});
