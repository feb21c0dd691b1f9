// The offline stand-in images: for each image of the catalog (images/standins.json) that the engine lacks, build a
// small look-alike FROM scratch around a static busybox. One implementation for `docker-lessons images`,
// `npm run images` (scripts/images.mjs runs that command) and the extension's "Prepare Practice Images".
// Builds go through the engine API (POST /build, classic builder) with a tar build context assembled in memory: the
// catalog folder (Dockerfile + rootfs/) plus busybox, /hello or the registry binary. A tag that exists and is not a
// stand-in (a real image) is never replaced; stand-ins carry the label docker-lessons.standin=true.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DockerEngine } from '../engine/api';
import { LESSON_LABEL } from '../engine/types';
import { isEngineError } from '../engine/errors';
import { packTar, type TarInput } from '../engine/tar';
import { t, uiLanguage } from '../i18n';
import { runShell, shellQuote } from './process';

export const LABEL_STANDIN = 'docker-lessons.standin';
export const LABEL_STANDIN_OF = 'docker-lessons.standin.of';
export const STANDIN_PULL_TIMEOUT_MS = 15_000;
export const REGISTRY_BINARY = '/usr/bin/docker-registry';

// ---------------------------------------------------------------- references

/** `ubuntu` → `ubuntu:latest`, `docker.io/library/nginx:alpine` → `nginx:alpine`: the form the catalog uses. */
export function normalizeRef(ref: string): string {
  let name = ref.trim().replace(/^docker\.io\//, '').replace(/^index\.docker\.io\//, '');
  if (name.startsWith('library/') && !name.slice('library/'.length).includes('/')) name = name.slice('library/'.length);
  const lastSlash = name.lastIndexOf('/');
  const hasTag = name.slice(lastSlash + 1).includes(':') || name.includes('@');
  return hasTag ? name : `${name}:latest`;
}

// ---------------------------------------------------------------- static busybox

/** ELF e_machine per CPU, keyed by the engine's architecture names (GET /version Arch) and node's process.arch. */
const ELF_MACHINE: Record<string, number> = {
  amd64: 62, x64: 62, x86_64: 62, arm64: 183, aarch64: 183, '386': 3, ia32: 3, arm: 40, riscv64: 243, s390x: 22,
  ppc64le: 21, ppc64: 21, loong64: 258,
};

export function elfMachineFor(arch: string): number | undefined {
  return ELF_MACHINE[arch.toLowerCase()];
}

/** An ELF file's CPU and the dynamic loader it asks for (undefined: statically linked); undefined when not ELF. */
export function readElf(file: string): { machine: number; interpreter?: string } | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(64);
    if (fs.readSync(fd, header, 0, 64, 0) < 52 || header.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const is64 = header[4] === 2;
    const little = header[5] === 1;
    const u16 = (b: Buffer, o: number) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b: Buffer, o: number) => Number(little ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const machine = u16(header, 18);
    const phoff = is64 ? u64(header, 32) : u32(header, 28);
    const phentsize = u16(header, is64 ? 54 : 42);
    const phnum = u16(header, is64 ? 56 : 44);
    let interpreter: string | undefined;
    const entry = Buffer.alloc(Math.max(phentsize, 1));
    for (let i = 0; i < phnum; i++) {
      fs.readSync(fd, entry, 0, phentsize, phoff + i * phentsize);
      if (u32(entry, 0) !== 3) continue; // PT_INTERP
      const offset = is64 ? u64(entry, 8) : u32(entry, 4);
      const size = is64 ? u64(entry, 32) : u32(entry, 16);
      const name = Buffer.alloc(Math.min(size, 4096));
      fs.readSync(fd, name, 0, name.length, offset);
      interpreter = name.toString('latin1').replace(/\0.*$/s, '') || '?';
    }
    return { machine, interpreter };
  } finally {
    fs.closeSync(fd);
  }
}

export interface BusyboxLookup {
  path?: string;
  rejected: { path: string; reason: string }[];
}

/** The first candidate that is a statically linked ELF for `arch` (the engine's CPU, e.g. amd64). */
export function findStaticBusybox(candidates: readonly string[], arch: string): BusyboxLookup {
  const want = elfMachineFor(arch);
  const rejected: BusyboxLookup['rejected'] = [];
  for (const candidate of candidates) {
    let reason: string | undefined;
    try {
      if (!fs.statSync(candidate).isFile()) throw new Error('not a file');
      const elf = readElf(candidate);
      if (!elf) reason = t('not an ELF executable');
      else if (elf.interpreter) reason = t('dynamically linked (needs {0}); stand-ins need a static busybox', elf.interpreter);
      else if (want !== undefined && elf.machine !== want) reason = t('built for another CPU (ELF machine {0}, the engine needs {1})', elf.machine, want);
    } catch {
      reason = t('not found');
    }
    if (!reason) return { path: fs.realpathSync(candidate), rejected };
    rejected.push({ path: candidate, reason });
  }
  return { rejected };
}

/** Where to look for busybox: $BUSYBOX, then `shipped` (the copy in the package, dist/busybox/busybox), then the host's. */
export function busyboxCandidates(env: NodeJS.ProcessEnv, shipped?: string): string[] {
  return [env.BUSYBOX, shipped, '/usr/bin/busybox', '/bin/busybox'].filter((p): p is string => !!p);
}

// ---------------------------------------------------------------- /hello for hello-world

export const HELLO_TEXT = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

/**
 * A minimal static x86-64 ELF that writes `text` to stdout and exits 0: the real hello-world is also one tiny static
 * binary, so `docker images` shows a similar size. One PT_LOAD segment maps the whole file; the code is
 * write(1, msg, len); exit(0).
 */
export function helloElfX64(text: string): Buffer {
  const message = Buffer.from(text, 'utf8');
  const code = Buffer.from([
    0xb8, 0x01, 0x00, 0x00, 0x00, //             mov eax, 1        (write)
    0xbf, 0x01, 0x00, 0x00, 0x00, //             mov edi, 1        (stdout)
    0x48, 0x8d, 0x35, 0x10, 0x00, 0x00, 0x00, // lea rsi, [rip+16] (message follows the code)
    0xba, 0, 0, 0, 0, //                         mov edx, len
    0x0f, 0x05, //                               syscall
    0xb8, 0x3c, 0x00, 0x00, 0x00, //             mov eax, 60       (exit)
    0x31, 0xff, //                               xor edi, edi
    0x0f, 0x05, //                               syscall
  ]);
  code.writeUInt32LE(message.length, 18);
  const headerSize = 64 + 56;
  const base = 0x400000;
  const total = headerSize + code.length + message.length;
  const elf = Buffer.alloc(headerSize);
  elf.writeUInt32BE(0x7f454c46, 0);
  elf[4] = 2; elf[5] = 1; elf[6] = 1; // 64-bit, little endian, version 1
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(62, 18); // EM_X86_64
  elf.writeUInt32LE(1, 20);
  elf.writeBigUInt64LE(BigInt(base + headerSize), 24); // entry
  elf.writeBigUInt64LE(64n, 32); // phoff
  elf.writeUInt16LE(64, 52); elf.writeUInt16LE(56, 54); elf.writeUInt16LE(1, 56); // ehsize, phentsize, phnum
  elf.writeUInt16LE(64, 58); // shentsize (no sections)
  elf.writeUInt32LE(1, 64); // PT_LOAD
  elf.writeUInt32LE(5, 68); // R + X
  elf.writeBigUInt64LE(0n, 72); // offset
  elf.writeBigUInt64LE(BigInt(base), 80); // vaddr
  elf.writeBigUInt64LE(BigInt(base), 88); // paddr
  elf.writeBigUInt64LE(BigInt(total), 96); // filesz
  elf.writeBigUInt64LE(BigInt(total), 104); // memsz
  elf.writeBigUInt64LE(0x1000n, 112); // align
  return Buffer.concat([elf, code, message]);
}

// ---------------------------------------------------------------- catalog

export interface Description { en?: string; 'zh-cn'?: string }

export interface CatalogVariant {
  tags: string[];
  args: Record<string, string>;
}

export interface CatalogEntry {
  name: string;
  /** Absolute folder with the Dockerfile and rootfs/. */
  context: string;
  from: 'base' | 'scratch';
  /** Host files added to the context: busybox, hello, docker-registry. */
  inputs: string[];
  description: Description;
  variants: CatalogVariant[];
}

export interface Catalog {
  file: string;
  base: { tag: string; context: string; description: Description };
  images: CatalogEntry[];
}

export class CatalogError extends Error {}

/**
 * Reads and checks a catalog; contexts are resolved against its folder. A catalog without `base` uses the one of
 * `defaultCatalog` (custom catalogs in tests share the real base).
 */
export function loadCatalog(file: string, defaultCatalog?: string): Catalog {
  let raw: Record<string, any>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
  } catch (error) {
    throw new CatalogError(t('The catalog {0} is not valid: {1}', file, (error as Error).message));
  }
  const dir = path.dirname(file);
  const problems: string[] = [];
  const resolveIn = (base: string, context: string) => (path.isAbsolute(context) ? context : path.join(base, context));
  let base = raw.base as Record<string, any> | undefined;
  let baseDir = dir;
  if (!base && defaultCatalog && path.resolve(defaultCatalog) !== path.resolve(file)) {
    base = (JSON.parse(fs.readFileSync(defaultCatalog, 'utf8')) as Record<string, any>).base;
    baseDir = path.dirname(defaultCatalog);
  }
  if (typeof base?.tag !== 'string' || typeof base?.context !== 'string') problems.push('base needs "tag" and "context"');
  if (!Array.isArray(raw.images)) problems.push('"images" must be a list');
  const images: CatalogEntry[] = ((raw.images ?? []) as Record<string, any>[]).map((entry, index) => {
    const where = `images[${index}]`;
    if (typeof entry.name !== 'string' || typeof entry.context !== 'string') problems.push(`${where} needs "name" and "context"`);
    const variants = (entry.variants ?? (entry.tags ? [{ tags: entry.tags, args: entry.args }] : [])) as Record<string, any>[];
    if (variants.length === 0 || variants.some((v) => !Array.isArray(v.tags) || v.tags.length === 0)) {
      problems.push(`${where} needs "variants" with non-empty "tags"`);
    }
    return {
      name: String(entry.name),
      context: resolveIn(dir, String(entry.context ?? '')),
      from: entry.from === 'scratch' ? 'scratch' : 'base',
      inputs: Array.isArray(entry.inputs) ? entry.inputs.map(String) : [],
      description: (entry.description ?? {}) as Description,
      variants: variants.map((v) => ({
        tags: ((v.tags ?? []) as string[]).map(normalizeRef),
        args: Object.fromEntries(Object.entries((v.args ?? {}) as Record<string, unknown>).map(([k, value]) => [k, String(value)])),
      })),
    };
  });
  if (problems.length > 0) throw new CatalogError(t('The catalog {0} is not valid: {1}', file, problems.join('; ')));
  return {
    file,
    base: { tag: normalizeRef(base!.tag as string), context: resolveIn(baseDir, base!.context as string), description: (base!.description ?? {}) as Description },
    images,
  };
}

export function describeEntry(description: Description): string {
  return (uiLanguage() === 'en' ? description.en : description['zh-cn'] ?? description.en) ?? '';
}

/** The catalog entries named `names` (all when undefined); unknown names are returned, not thrown. */
export function selectByName(catalog: Catalog, names?: readonly string[]): { entries: CatalogEntry[]; unknown: string[] } {
  if (!names) return { entries: catalog.images, unknown: [] };
  const unknown = names.filter((name) => !catalog.images.some((entry) => entry.name === name));
  return { entries: catalog.images.filter((entry) => names.includes(entry.name)), unknown };
}

/**
 * The entries, narrowed to the variants that build `tags` (a lesson's images, e.g. `ubuntu`, `nginx:alpine`); tags no
 * stand-in provides are returned as `unknown`.
 */
export function selectByTag(catalog: Catalog, tags: readonly string[]): { entries: CatalogEntry[]; unknown: string[] } {
  const wanted = new Set(tags.map(normalizeRef));
  const entries: CatalogEntry[] = [];
  for (const entry of catalog.images) {
    const variants = entry.variants.filter((variant) => variant.tags.some((tag) => wanted.has(tag)));
    if (variants.length > 0) entries.push({ ...entry, variants });
  }
  const known = new Set(entries.flatMap((entry) => entry.variants.flatMap((variant) => variant.tags)));
  return { entries, unknown: tags.filter((tag) => !known.has(normalizeRef(tag))) };
}

// ---------------------------------------------------------------- engine state

export type TagState = 'missing' | 'standin' | 'real';

export async function inspectTag(engine: DockerEngine, tag: string): Promise<{ state: TagState; id?: string }> {
  try {
    const info = await engine.inspectImage(tag);
    const labels = info.Config?.Labels ?? {};
    return { state: labels[LABEL_STANDIN] === 'true' ? 'standin' : 'real', id: info.Id };
  } catch (error) {
    if (isEngineError(error) && error.code === 'not-found') return { state: 'missing' };
    throw error;
  }
}

// ---------------------------------------------------------------- build contexts

/** The catalog folder as tar entries (files executable when they are scripts or already executable). */
function folderEntries(dir: string): TarInput[] {
  const out: TarInput[] = [];
  const walk = (abs: string, rel: string) => {
    for (const item of fs.readdirSync(abs, { withFileTypes: true })) {
      const childAbs = path.join(abs, item.name);
      const childRel = rel ? `${rel}/${item.name}` : item.name;
      if (item.isSymbolicLink()) {
        out.push({ name: childRel, type: 'symlink', linkName: fs.readlinkSync(childAbs) });
      } else if (item.isDirectory()) {
        out.push({ name: childRel, type: 'directory' });
        walk(childAbs, childRel);
      } else if (item.isFile()) {
        const data = fs.readFileSync(childAbs);
        // A VSIX may not keep permission bits: a script (#!) is executable whatever the file system says.
        const executable = (fs.statSync(childAbs).mode & 0o111) !== 0 || data.subarray(0, 2).toString('latin1') === '#!';
        out.push({ name: childRel, type: 'file', data, mode: executable ? 0o755 : 0o644 });
      }
    }
  };
  walk(dir, '');
  return out;
}

/** Shared libraries `ldd` lists for a binary (absolute paths; the vdso has none). */
function sharedLibraries(binary: string): string[] {
  const result = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (result.status !== 0) return [];
  return [...result.stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]);
}

interface ContextTools {
  busybox?: string;
  registry?: string;
  /** The engine's CPU: /hello is the tiny x86-64 program on amd64, a busybox script elsewhere. */
  arch: string;
}

/** The build context of a catalog folder plus the host files its `inputs` name. */
export function buildContext(contextDir: string, inputs: readonly string[], tools: ContextTools): Buffer {
  const entries = folderEntries(contextDir);
  const names = new Set(entries.map((e) => e.name));
  const ensureDirs = (target: string) => {
    const parts = target.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!names.has(dir)) {
        names.add(dir);
        entries.push({ name: dir, type: 'directory' });
      }
    }
  };
  const place = (target: string, data: Buffer) => {
    const name = `rootfs/${target}`;
    ensureDirs(name);
    const existing = entries.findIndex((e) => e.name === name);
    if (existing >= 0) entries.splice(existing, 1);
    entries.push({ name, type: 'file', data, mode: 0o755 });
  };
  for (const input of inputs) {
    if (input === 'busybox' && tools.busybox) place('bin/busybox', fs.readFileSync(tools.busybox));
    if (input === 'hello') {
      if (elfMachineFor(tools.arch) === 62) place('hello', helloElfX64(HELLO_TEXT));
      else if (tools.busybox) {
        // Other CPUs: still one layer, but /hello is a script run by a copy of busybox.
        place('bin/busybox', fs.readFileSync(tools.busybox));
        place('hello', Buffer.from(`#!/bin/busybox sh\n/bin/busybox cat <<'EOF'\n${HELLO_TEXT}EOF\n`));
      }
    }
    if (input === 'docker-registry' && tools.registry) {
      place('bin/registry', fs.readFileSync(tools.registry));
      for (const library of sharedLibraries(tools.registry)) place(library.slice(1), fs.readFileSync(library));
    }
  }
  // Byte order puts every folder before its contents (a prefix sorts first), which tar readers expect.
  entries.sort((a, b) => (a.name === b.name ? 0 : a.name === 'Dockerfile' ? -1 : b.name === 'Dockerfile' ? 1 : a.name < b.name ? -1 : 1));
  return packTar(entries);
}

// ---------------------------------------------------------------- one run per engine at a time

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Terminals, tests and VS Code windows may prepare images at once; two builds of the same tag leave the loser's image
 * dangling. A lock file per engine serialises them; a lock whose process is gone is taken over.
 */
export async function withEngineLock<T>(
  engineUrl: string, fn: () => Promise<T>, onWait?: (ownerPid: number) => void, signal?: AbortSignal,
): Promise<T> {
  const key = engineUrl.replace(/[^a-zA-Z0-9]+/g, '_').slice(-80);
  const file = path.join(os.tmpdir(), `docker-lessons-images-${key}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try { owner = Number(fs.readFileSync(file, 'utf8').trim() || 0); } catch { continue; }
    let alive = false;
    try { alive = owner > 0 && process.kill(owner, 0); } catch (error) { alive = (error as NodeJS.ErrnoException).code === 'EPERM'; }
    if (!alive) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (!announced) {
      onWait?.(owner);
      announced = true;
    }
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    if (Date.now() > deadline) throw new Error(t('Gave up waiting for {0}; if nothing else is preparing images, delete that file and try again.', file));
    await sleep(500);
  }
  const release = () => {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file);
    } catch { /* already gone */ }
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    process.removeListener('exit', release);
    release();
  }
}

/** The images present before a run: ids of all, and of the tagged stand-ins among them. */
async function imagesBefore(engine: DockerEngine): Promise<{ all: Set<string>; standins: Set<string> }> {
  const images = await engine.listImages().catch(() => []);
  return {
    all: new Set(images.map((image) => image.id)),
    standins: new Set(images.filter((image) => image.repoTags.length > 0 && image.labels[LABEL_STANDIN] === 'true').map((image) => image.id)),
  };
}

/**
 * Untagged stand-ins this run left (a stand-in replaced by a rebuild, or a build of ours interrupted before its tag) are
 * removed unless something still uses them. Only those: an image built FROM a stand-in inherits its label, and a
 * learner's or a lesson's own untagged images are not ours to remove.
 */
async function removeDanglingStandins(engine: DockerEngine, before: { all: Set<string>; standins: Set<string> }): Promise<void> {
  const images = await engine.listImages().catch(() => []);
  for (const image of images) {
    if (image.repoTags.length > 0 || image.labels[LABEL_STANDIN] !== 'true' || image.labels[LESSON_LABEL] !== undefined) continue;
    if (before.standins.has(image.id) || !before.all.has(image.id)) await engine.removeImage(image.id).catch(() => undefined);
  }
}

// ---------------------------------------------------------------- pulling (optional, before building)

export interface PullResult {
  ok: boolean;
  reason: string;
  /** No registry answered (DNS, refused, timeout): later pulls are not worth trying. */
  unreachable: boolean;
}

/** `docker pull` with a deadline, through the docker CLI of the step environment (registry mirrors and auth apply). */
export async function pullWithCli(tag: string, env: NodeJS.ProcessEnv, cwd: string, signal?: AbortSignal,
  timeoutMs = STANDIN_PULL_TIMEOUT_MS): Promise<PullResult> {
  const result = await runShell(`docker pull --quiet ${shellQuote(tag)}`, { cwd, env, timeoutMs, signal });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const last = output.trim().split('\n').filter(Boolean).pop() ?? `exit ${result.exitCode}`;
  const unreachable = result.exitCode !== 0
    && (result.timedOut || /timeout|no such host|dial tcp|connection refused|network is unreachable|TLS handshake|Client\.Timeout/i.test(output));
  return { ok: result.exitCode === 0, reason: last.length > 160 ? `${last.slice(0, 157)}…` : last, unreachable };
}

// ---------------------------------------------------------------- preparing

export type StandinAction = 'built' | 'present' | 'pulled' | 'real' | 'failed' | 'skipped' | 'cancelled';

export interface StandinResult {
  name: string;
  tag: string;
  action: StandinAction;
  detail?: string;
}

export interface StandinProgress {
  /** One line for a log or a notification (localized). */
  message: string;
  /** Builds finished so far and builds planned (known once every tag was looked at). */
  done: number;
  total: number;
}

export interface PrepareStandinsOptions {
  /** Rebuild stand-ins that exist (real images are still never touched). */
  force?: boolean;
  /** Tries to pull a missing tag first; leave out to build at once. */
  pull?: (tag: string) => Promise<PullResult>;
  /** Where busybox may be (busyboxCandidates()). */
  busybox: readonly string[];
  /** The registry binary for the registry stand-in (default /usr/bin/docker-registry). */
  registryBinary?: string;
  signal?: AbortSignal;
  onProgress?: (progress: StandinProgress) => void;
  /** The builder's own output, for a log. */
  onBuildOutput?: (line: string) => void;
}

export interface PrepareStandinsResult {
  busybox?: string;
  /** The busybox candidates that were rejected, with why (set when no busybox was usable but one was needed). */
  busyboxRejected?: BusyboxLookup['rejected'];
  images: StandinResult[];
}

interface PlannedBuild {
  label: string;
  name: string;
  entry?: CatalogEntry;
  tags: string[];
  args: Record<string, string>;
}

/** Builds what `entries` need and the engine lacks; one run per engine at a time. Never throws for one image. */
export async function prepareStandins(
  engine: DockerEngine, catalog: Catalog, entries: readonly CatalogEntry[], options: PrepareStandinsOptions,
): Promise<PrepareStandinsResult> {
  const { signal } = options;
  let done = 0;
  let total = 0;
  const say = (message: string) => options.onProgress?.({ message, done, total });
  return withEngineLock(engine.endpoint.url, async () => {
    const before = await imagesBefore(engine);
    try {
      return await prepareLocked();
    } finally {
      await removeDanglingStandins(engine, before);
    }
  }, (owner) => say(t('Another process (pid {0}) is preparing images for this engine; waiting for it …', owner)), signal);

  async function prepareLocked(): Promise<PrepareStandinsResult> {
    const results: StandinResult[] = [];
    const record = (name: string, tag: string, action: StandinAction, detail?: string) =>
      results.push({ name, tag, action, ...(detail ? { detail } : {}) });

    // 1. Look at every tag (and pull when allowed); what is left is the build plan.
    const planned: PlannedBuild[] = [];
    let registryReachable = true;
    for (const entry of entries) {
      for (const variant of entry.variants) {
        const toBuild: string[] = [];
        for (const tag of variant.tags) {
          if (signal?.aborted) break;
          const state = await inspectTag(engine, tag);
          if (state.state === 'real') {
            say(t('{0}: {1} is a real image, left as it is', entry.name, tag));
            record(entry.name, tag, 'real');
          } else if (state.state === 'standin' && !options.force) {
            say(t('{0}: stand-in {1} already present', entry.name, tag));
            record(entry.name, tag, 'present');
          } else if (state.state === 'standin') {
            toBuild.push(tag);
          } else if (options.pull && registryReachable) {
            say(t('{0}: pulling {1} (at most {2} s) …', entry.name, tag, STANDIN_PULL_TIMEOUT_MS / 1000));
            const pull = await options.pull(tag).catch((error: unknown): PullResult =>
              ({ ok: false, reason: error instanceof Error ? error.message : String(error), unreachable: false }));
            if (pull.ok) {
              say(t('{0}: pulled {1}', entry.name, tag));
              record(entry.name, tag, 'pulled');
              continue;
            }
            say(t('{0}: cannot pull {1} ({2}); building a stand-in instead', entry.name, tag, pull.reason));
            if (pull.unreachable) {
              registryReachable = false;
              say(t('No registry is reachable, so the remaining images are not pulled.'));
            }
            toBuild.push(tag);
          } else {
            toBuild.push(tag);
          }
        }
        if (toBuild.length > 0) planned.push({ label: entry.name, name: entry.name, entry, tags: toBuild, args: variant.args });
      }
    }
    if (signal?.aborted) return { images: [...results, ...cancelledResults(planned)] };
    if (planned.length === 0) return { images: results };

    // 2. What the builds need: the engine's CPU, busybox, the shared base.
    const arch = (await engine.version()).arch || process.arch;
    const needsBusybox = planned.some((p) => p.entry!.from === 'base' || p.entry!.inputs.includes('busybox')
      || (p.entry!.inputs.includes('hello') && elfMachineFor(arch) !== 62));
    let lookup: BusyboxLookup | undefined;
    if (needsBusybox) {
      lookup = findStaticBusybox(options.busybox, arch);
      if (lookup.path) say(t('busybox: using {0} (static, {1})', lookup.path, arch));
    }
    const base = catalog.base;
    const baseState = planned.some((p) => p.entry!.from === 'base') ? await inspectTag(engine, base.tag) : undefined;
    const buildBase = baseState !== undefined && (baseState.state === 'missing' || (baseState.state === 'standin' && !!options.force));
    if (buildBase) planned.unshift({ label: t('base layer'), name: base.tag, tags: [base.tag], args: {} });
    total = planned.length;

    // 3. Build, base first.
    let baseReady = baseState === undefined || !buildBase;
    for (const build of planned) {
      if (signal?.aborted) {
        if (build.entry) for (const tag of build.tags) record(build.name, tag, 'cancelled');
        continue;
      }
      const entry = build.entry;
      const inputs = entry ? entry.inputs : ['busybox'];
      let skipped: string | undefined;
      const registry = options.registryBinary ?? REGISTRY_BINARY;
      if (inputs.includes('docker-registry') && (process.platform !== 'linux' || !fs.existsSync(registry))) {
        skipped = t('{0}: skipped: needs {1} on this computer (Debian/Ubuntu: sudo apt-get install docker-registry).', build.name, registry);
      } else if ((!entry || entry.from === 'base' || inputs.includes('busybox')) && !lookup?.path) {
        skipped = t('{0}: skipped: needs a static busybox for {1}.', build.name, arch);
      } else if (entry && entry.from === 'base' && !baseReady) {
        skipped = t('{0}: skipped: the base layer could not be built.', build.name);
      } else if (inputs.includes('hello') && elfMachineFor(arch) !== 62 && !lookup?.path) {
        skipped = t('{0}: skipped: needs a static busybox for {1}.', build.name, arch);
      }
      if (skipped) {
        say(skipped);
        if (entry) for (const tag of build.tags) record(build.name, tag, 'skipped', skipped);
        done++;
        continue;
      }
      const started = Date.now();
      say(t('{0}: building stand-in {1} ({2}/{3}) …', build.label, build.tags.join(', '), done + 1, total));
      const description = entry ? `docker-lessons offline stand-in for ${entry.name}: ${entry.description.en ?? ''}` : base.description.en ?? '';
      try {
        const context = buildContext(entry ? entry.context : base.context, inputs, { busybox: lookup?.path, registry, arch });
        await engine.buildImage(context, {
          tags: build.tags,
          labels: { [LABEL_STANDIN]: 'true', [LABEL_STANDIN_OF]: build.name, 'org.opencontainers.image.description': description },
          buildArgs: { ...(entry?.from === 'base' ? { BASE: base.tag } : {}), ...build.args },
          onOutput: options.onBuildOutput,
          signal,
        });
        done++;
        if (!entry) baseReady = true;
        say(t('{0}: stand-in built: {1} ({2} s)', build.label, build.tags.join(', '), ((Date.now() - started) / 1000).toFixed(1)));
        if (entry) for (const tag of build.tags) record(build.name, tag, 'built');
      } catch (error) {
        done++;
        if (signal?.aborted) {
          if (entry) for (const tag of build.tags) record(build.name, tag, 'cancelled');
          continue;
        }
        const detail = isEngineError(error) ? error.engineMessage ?? error.message : (error as Error).message;
        say(t('{0}: building the stand-in failed: {1}', build.label, detail));
        if (entry) for (const tag of build.tags) record(build.name, tag, 'failed', detail);
        else baseReady = false;
      }
    }
    return { busybox: lookup?.path, ...(lookup && !lookup.path ? { busyboxRejected: lookup.rejected } : {}), images: results };
  }

  function cancelledResults(planned: PlannedBuild[]): StandinResult[] {
    return planned.flatMap((p) => p.tags.map((tag) => ({ name: p.name, tag, action: 'cancelled' as const })));
  }
}

export interface StandinListRow {
  name: string;
  tag: string;
  state: TagState;
  id: string | null;
  description: string;
}

/** The base and every tag of `entries`, with whether the engine has it (real or stand-in). */
export async function listStandins(engine: DockerEngine, catalog: Catalog, entries: readonly CatalogEntry[]): Promise<StandinListRow[]> {
  const rows: StandinListRow[] = [];
  const base = await inspectTag(engine, catalog.base.tag);
  rows.push({ name: catalog.base.tag, tag: catalog.base.tag, state: base.state, id: base.id ?? null, description: describeEntry(catalog.base.description) });
  for (const entry of entries) {
    for (const variant of entry.variants) {
      for (const tag of variant.tags) {
        const state = await inspectTag(engine, tag);
        rows.push({ name: entry.name, tag, state: state.state, id: state.id ?? null, description: describeEntry(entry.description) });
      }
    }
  }
  return rows;
}

/** Counts of a run, for a summary line. */
export function summarize(results: readonly StandinResult[]): Record<StandinAction, number> {
  const counts: Record<StandinAction, number> = { built: 0, present: 0, pulled: 0, real: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const r of results) counts[r.action]++;
  return counts;
}
