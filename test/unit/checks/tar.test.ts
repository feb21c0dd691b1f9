// The tar reader against archives written by GNU tar in each format it produces.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NotATarError, hasMember, normalizeMember, tarMembers } from '../../../src/checks/tar';

let dir: string;
const deepFolder = `${'a-rather-long-folder-name/'.repeat(6)}leaf`;
const deepFile = `${deepFolder}/file-with-a-long-name-${'x'.repeat(40)}.txt`;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-test-checks-tar-'));
  const src = path.join(dir, 'src');
  fs.mkdirSync(path.join(src, deepFolder), { recursive: true });
  fs.writeFileSync(path.join(src, deepFile), 'deep\n');
  fs.writeFileSync(path.join(src, 'manifest.json'), '[]');
  fs.writeFileSync(path.join(src, 'big.bin'), Buffer.alloc(70_000, 7));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function makeTar(name: string, args: string[]): string {
  const file = path.join(dir, name);
  execFileSync('tar', [...args, '-f', file, '-C', path.join(dir, 'src'), '.'], { stdio: 'ignore' });
  return file;
}

describe('tarMembers', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    test(`reads long names in ${format} format`, async () => {
      const file = makeTar(`${format}.tar`, [`--format=${format}`, '-c']);
      const members = (await tarMembers(file)).map(normalizeMember);
      assert.ok(members.includes('manifest.json'), members.join(', '));
      assert.ok(members.includes('big.bin'));
      assert.ok(members.includes(deepFile), `missing ${deepFile}`);
    });
  }

  test('reads gzipped archives', async () => {
    const file = makeTar('x.tar.gz', ['-cz']);
    const members = await tarMembers(file);
    assert.ok(hasMember(members, 'manifest.json'));
    assert.ok(hasMember(members, './big.bin'));
  });

  test('refuses what is not a tar archive', async () => {
    const text = path.join(dir, 'plain.txt');
    fs.writeFileSync(text, 'FROM busybox\n'.repeat(100));
    await assert.rejects(tarMembers(text), NotATarError);
    const small = path.join(dir, 'small.txt');
    fs.writeFileSync(small, 'hi');
    await assert.rejects(tarMembers(small), NotATarError);
    const fakeGzip = path.join(dir, 'fake.gz');
    fs.writeFileSync(fakeGzip, Buffer.from([0x1f, 0x8b, 1, 2, 3]));
    await assert.rejects(tarMembers(fakeGzip), NotATarError);
  });
});

describe('hasMember', () => {
  test('matches files and folders, ignoring ./ and trailing slashes', () => {
    const members = ['./', './etc/', './etc/hostname', 'abc123/layer.tar'];
    assert.equal(hasMember(members, 'etc/hostname'), true);
    assert.equal(hasMember(members, '/etc'), true);
    assert.equal(hasMember(members, 'abc123/'), true);
    assert.equal(hasMember(members, 'et'), false);
    assert.equal(hasMember(members, 'manifest.json'), false);
  });
});
