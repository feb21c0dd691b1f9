// The stand-in images' core without an engine: references, the catalog, the ELF checks on busybox, /hello, and the
// tar build context (read back with the system's tar, so the writer's headers are what real tools expect).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstTarEntry, packTar } from '../../src/engine/tar';
import {
  buildContext, busyboxCandidates, findStaticBusybox, helloElfX64, HELLO_TEXT, loadCatalog, normalizeRef, readElf,
  selectByName, selectByTag, CatalogError,
} from '../../src/runner/standins';

const ROOT = path.resolve(__dirname, '..', '..');
const CATALOG = path.join(ROOT, 'images', 'standins.json');
const BUSYBOX = '/usr/bin/busybox';
const hasBusybox = fs.existsSync(BUSYBOX) && !readElf(BUSYBOX)?.interpreter;

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dl-unit-standins-'));
}

/** `tar -tvf` of a buffer: one "mode name[ -> link]" line per member. */
function listWithTar(archive: Buffer): string[] {
  const dir = tmpdir();
  try {
    const file = path.join(dir, 'a.tar');
    fs.writeFileSync(file, archive);
    const result = spawnSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.trim().split('\n').map((line) => {
      const parts = line.split(/\s+/);
      return `${parts[0]} ${parts.slice(5).join(' ')}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('stand-ins: references and catalog', () => {
  test('normalizeRef adds :latest and drops the Docker Hub prefixes, like docker does', () => {
    assert.equal(normalizeRef('ubuntu'), 'ubuntu:latest');
    assert.equal(normalizeRef('ubuntu:18.04'), 'ubuntu:18.04');
    assert.equal(normalizeRef('docker.io/library/nginx:alpine'), 'nginx:alpine');
    assert.equal(normalizeRef('library/redis'), 'redis:latest');
    assert.equal(normalizeRef('training/webapp'), 'training/webapp:latest');
    assert.equal(normalizeRef('127.0.0.1:5000/x'), '127.0.0.1:5000/x:latest');
    assert.equal(normalizeRef('busybox@sha256:abc'), 'busybox@sha256:abc');
  });

  test('the shipped catalog: every context has a Dockerfile, the base is FROM scratch, names and tags are unique', () => {
    const catalog = loadCatalog(CATALOG);
    assert.ok(catalog.images.length >= 10);
    assert.match(fs.readFileSync(path.join(catalog.base.context, 'Dockerfile'), 'utf8'), /^FROM scratch$/m);
    for (const entry of catalog.images) {
      assert.ok(fs.existsSync(path.join(entry.context, 'Dockerfile')), `${entry.name}: no Dockerfile in ${entry.context}`);
      if (entry.from === 'base') assert.match(fs.readFileSync(path.join(entry.context, 'Dockerfile'), 'utf8'), /^FROM \$\{BASE\}$/m, entry.name);
    }
    const names = catalog.images.map((e) => e.name);
    assert.equal(new Set(names).size, names.length, 'duplicate names');
    const tags = catalog.images.flatMap((e) => e.variants.flatMap((v) => v.tags));
    assert.equal(new Set(tags).size, tags.length, 'a tag is built by two variants');
    assert.ok(tags.every((tag) => tag === normalizeRef(tag)));
  });

  test('every image a lesson names has a stand-in', () => {
    const catalog = loadCatalog(CATALOG);
    const images = new Set<string>();
    for (const file of fs.readdirSync(path.join(ROOT, 'lessons')).filter((f) => /^\d\d-.*\.md$/.test(f))) {
      const list = /^images:\s*\[(.*)\]\s*$/m.exec(fs.readFileSync(path.join(ROOT, 'lessons', file), 'utf8'))?.[1] ?? '';
      for (const image of list.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean)) images.add(image);
    }
    assert.ok(images.size > 0);
    assert.deepEqual(selectByTag(catalog, [...images]).unknown, []);
  });

  test('selectByTag narrows to the variants that build the asked tags; selectByName reports unknown names', () => {
    const catalog = loadCatalog(CATALOG);
    const { entries, unknown } = selectByTag(catalog, ['hello-world', 'ubuntu', 'nginx:alpine', 'no-such:1']);
    assert.deepEqual(unknown, ['no-such:1']);
    assert.deepEqual(entries.map((e) => [e.name, e.variants.map((v) => v.tags[0])]),
      [['hello-world', ['hello-world:latest']], ['ubuntu', ['ubuntu:latest']], ['nginx', ['nginx:alpine']]]);
    assert.deepEqual(selectByName(catalog, ['busybox', 'nope']).unknown, ['nope']);
    assert.equal(selectByName(catalog).entries.length, catalog.images.length);
  });

  test('a catalog without a base uses the default one; a broken catalog says what is wrong', () => {
    const dir = tmpdir();
    try {
      const custom = path.join(dir, 'c.json');
      fs.writeFileSync(custom, JSON.stringify({ images: [{ name: 'x', context: 'x', variants: [{ tags: ['x/y'] }] }] }));
      const catalog = loadCatalog(custom, CATALOG);
      assert.equal(catalog.base.tag, 'docker-lessons/base:busybox');
      assert.equal(catalog.base.context, path.join(ROOT, 'images', 'base'));
      assert.equal(catalog.images[0].context, path.join(dir, 'x'));
      assert.deepEqual(catalog.images[0].variants[0].tags, ['x/y:latest']);

      fs.writeFileSync(custom, JSON.stringify({ base: { tag: 'b' }, images: [{ name: 'x', context: 'x', variants: [] }] }));
      assert.throws(() => loadCatalog(custom), (e: unknown) => e instanceof CatalogError
        && /base needs "tag" and "context"/.test(e.message) && /images\[0\] needs "variants"/.test(e.message));
      fs.writeFileSync(custom, '{ not json');
      assert.throws(() => loadCatalog(custom), CatalogError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stand-ins: busybox and /hello', () => {
  test('/hello is a static x86-64 ELF with the greeting', () => {
    const dir = tmpdir();
    try {
      const file = path.join(dir, 'hello');
      const elf = helloElfX64(HELLO_TEXT);
      fs.writeFileSync(file, elf, { mode: 0o755 });
      assert.deepEqual(readElf(file), { machine: 62, interpreter: undefined });
      assert.ok(elf.length < 2048, `${elf.length} bytes`);
      assert.ok(elf.includes(Buffer.from('Hello from Docker!')));
      if (process.arch === 'x64' && process.platform === 'linux') {
        const run = spawnSync(file, { encoding: 'utf8' });
        assert.equal(run.status, 0);
        assert.equal(run.stdout, HELLO_TEXT);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('findStaticBusybox takes the first static ELF for the engine\'s CPU and says why others were rejected', { skip: !hasBusybox && 'no static /usr/bin/busybox' }, () => {
    const dir = tmpdir();
    try {
      const text = path.join(dir, 'text');
      fs.writeFileSync(text, '#!/bin/sh\n');
      const dynamic = process.execPath; // node: an ELF that asks for a loader
      const machine = readElf(BUSYBOX)!.machine;
      const arch = machine === 62 ? 'amd64' : machine === 183 ? 'arm64' : 'unknown';
      const found = findStaticBusybox([path.join(dir, 'missing'), text, dynamic, BUSYBOX], arch);
      assert.equal(found.path, fs.realpathSync(BUSYBOX));
      assert.deepEqual(found.rejected.map((r) => r.path), [path.join(dir, 'missing'), text, dynamic]);
      assert.match(found.rejected[2].reason, /dynamically linked/);
      const other = findStaticBusybox([BUSYBOX], machine === 62 ? 'arm64' : 'amd64');
      assert.equal(other.path, undefined);
      assert.match(other.rejected[0].reason, /another CPU/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('busyboxCandidates: $BUSYBOX, then the shipped copy, then the host\'s', () => {
    assert.deepEqual(busyboxCandidates({ BUSYBOX: '/x/bb' }, '/ext/dist/busybox/busybox'),
      ['/x/bb', '/ext/dist/busybox/busybox', '/usr/bin/busybox', '/bin/busybox']);
    assert.deepEqual(busyboxCandidates({}), ['/usr/bin/busybox', '/bin/busybox']);
  });
});

describe('stand-ins: build contexts', () => {
  test('packTar writes headers tar reads back, with pax records for long names and links', () => {
    const long = `rootfs/${'d'.repeat(60)}/${'f'.repeat(60)}.txt`;
    const archive = packTar([
      { name: 'Dockerfile', type: 'file', data: Buffer.from('FROM scratch\n') },
      { name: 'rootfs', type: 'directory' },
      { name: long, type: 'file', data: Buffer.from('x'.repeat(700)), mode: 0o755 },
      { name: 'rootfs/link', type: 'symlink', linkName: `/${'l'.repeat(120)}` },
    ]);
    assert.equal(archive.length % 512, 0);
    assert.deepEqual(listWithTar(archive), [
      '-rw-r--r-- Dockerfile', 'drwxr-xr-x rootfs/', `-rwxr-xr-x ${long}`, `lrwxr-xr-x rootfs/link -> /${'l'.repeat(120)}`,
    ]);
    const first = firstTarEntry(archive);
    assert.equal(first?.name, 'Dockerfile');
    assert.equal(first?.data.toString(), 'FROM scratch\n');
  });

  test('buildContext: the catalog folder plus busybox, scripts executable, /hello per CPU', { skip: !hasBusybox && 'no static /usr/bin/busybox' }, () => {
    const catalog = loadCatalog(CATALOG);
    const base = listWithTar(buildContext(catalog.base.context, ['busybox'], { busybox: BUSYBOX, arch: 'amd64' }));
    assert.equal(base[0], '-rw-r--r-- Dockerfile');
    assert.ok(base.includes('-rwxr-xr-x rootfs/bin/busybox'), base.join('\n'));
    assert.ok(base.includes('drwxr-xr-x rootfs/bin/'), 'the folder of an added file is in the archive');
    assert.ok(base.includes('-rw-r--r-- rootfs/etc/passwd'));

    const ubuntu = catalog.images.find((e) => e.name === 'ubuntu')!;
    const files = listWithTar(buildContext(ubuntu.context, ubuntu.inputs, { arch: 'amd64' }));
    assert.ok(files.includes('-rwxr-xr-x rootfs/usr/bin/apt-get'), files.join('\n'));
    assert.ok(files.includes('-rw-r--r-- rootfs/etc/os-release'));

    const hello = catalog.images.find((e) => e.name === 'hello-world')!;
    assert.deepEqual(listWithTar(buildContext(hello.context, hello.inputs, { busybox: BUSYBOX, arch: 'amd64' })),
      ['-rw-r--r-- Dockerfile', 'drwxr-xr-x rootfs/', '-rwxr-xr-x rootfs/hello']);
    assert.deepEqual(listWithTar(buildContext(hello.context, hello.inputs, { busybox: BUSYBOX, arch: 'arm64' })),
      ['-rw-r--r-- Dockerfile', 'drwxr-xr-x rootfs/', 'drwxr-xr-x rootfs/bin/', '-rwxr-xr-x rootfs/bin/busybox', '-rwxr-xr-x rootfs/hello']);
  });
});
