#!/usr/bin/env node
// Makes sure the images the lessons use exist in the Docker engine, offline.
// For each image of the catalog (images/standins.json) that the engine lacks: try `docker pull`
// briefly; when that fails (no registry), build a stand-in FROM scratch around the host's static
// busybox. A tag that exists and is not a stand-in (a real image) is never replaced.
//
// Usage: node scripts/images.mjs [--only a,b] [--list] [--force-standins] [--no-pull] [--json] [--catalog file]
// Plain Node ESM (not bundled, so it carries its own two-language message table instead of l10n).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DEFAULT_CATALOG = path.join(ROOT, 'images', 'standins.json');
const LABEL_STANDIN = 'docker-lessons.standin';
const LABEL_STANDIN_OF = 'docker-lessons.standin.of';
const PULL_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------- messages (en / zh-CN)

const MESSAGES = {
  en: {
    usage: 'Usage: node scripts/images.mjs [--only name,…] [--list] [--force-standins] [--no-pull] [--json] [--catalog file]\n'
      + '  --only            only these catalog names (e.g. hello-world,nginx,ubuntu)\n'
      + '  --list            show which images exist (real or stand-in) and which are missing; builds nothing\n'
      + '  --force-standins  rebuild stand-ins that already exist (real images are still never touched)\n'
      + '  --no-pull         do not try `docker pull` first\n'
      + '  --json            machine-readable result on stdout (progress goes to stderr)\n'
      + '  --catalog file    use another catalog than images/standins.json',
    unknownNames: 'Unknown image name(s): {0}. Known names: {1}',
    badCatalog: 'The catalog {0} is not valid: {1}',
    noEngine: 'The Docker engine does not answer ({0}). Start it (e.g. `bash scripts/provision-docker.sh start`) or set DOCKER_HOST, then run this again.',
    busyboxFound: 'busybox: using {0} (static, {1})',
    busyboxLooked: 'busybox: no usable static busybox. Looked at:',
    busyboxReject: '  {0}: {1}',
    busyboxHint: 'Install one with "sudo apt-get install busybox-static" (Debian/Ubuntu), or set BUSYBOX=/path/to/static/busybox, then run this again.',
    notFound: 'not found',
    notElf: 'not an ELF executable',
    dynamic: 'dynamically linked (needs {0}); stand-ins need a static busybox',
    wrongArch: 'built for another CPU (ELF machine {0}, this host needs {1})',
    real: '{0}: {1} is a real image, left as it is',
    standinPresent: '{0}: stand-in {1} already present',
    pulling: '{0}: pulling {1} (at most {2} s) …',
    pulled: '{0}: pulled {1}',
    pullFailed: '{0}: cannot pull {1} ({2}); building a stand-in instead',
    registryDown: 'no registry is reachable, so the remaining images are not pulled',
    building: '{0}: building stand-in {1} …',
    built: '{0}: stand-in built: {1} ({2} s)',
    buildFailed: '{0}: building the stand-in failed (exit {1}). Last lines of `docker build`:',
    needsBusybox: '{0}: skipped: needs a static busybox (see above)',
    needsRegistry: '{0}: skipped: the host has no {1}. Install it with "sudo apt-get install docker-registry", then run this again.',
    listHeader: 'Image tags ({0}):',
    stateMissing: 'missing',
    stateStandin: 'stand-in',
    stateReal: 'real',
    summary: 'Done: {0} built, {1} pulled, {2} already present, {3} failed or skipped.',
    baseName: 'base layer',
    waitingLock: 'another images.mjs (pid {0}) is building for this engine; waiting for it …',
    lockTimeout: 'gave up waiting for {0}; if no other images.mjs runs, delete that file and run this again.',
  },
  zh: {
    usage: '用法：node scripts/images.mjs [--only 名称,…] [--list] [--force-standins] [--no-pull] [--json] [--catalog 文件]\n'
      + '  --only            只处理这些名称（例如 hello-world,nginx,ubuntu）\n'
      + '  --list            列出哪些镜像已存在（真实或替身）、哪些缺失；不构建\n'
      + '  --force-standins  重新构建已存在的替身镜像（真实镜像依旧不会被改动）\n'
      + '  --no-pull         不先尝试 `docker pull`\n'
      + '  --json            在 stdout 输出机器可读的结果（进度写到 stderr）\n'
      + '  --catalog 文件    使用 images/standins.json 以外的镜像清单',
    unknownNames: '未知的镜像名称：{0}。可用名称：{1}',
    badCatalog: '镜像清单 {0} 无效：{1}',
    noEngine: 'Docker 引擎没有响应（{0}）。请先启动它（例如 `bash scripts/provision-docker.sh start`）或设置 DOCKER_HOST，然后重新运行。',
    busyboxFound: 'busybox：使用 {0}（静态链接，{1}）',
    busyboxLooked: 'busybox：没有找到可用的静态 busybox。查找过：',
    busyboxReject: '  {0}：{1}',
    busyboxHint: '请安装："sudo apt-get install busybox-static"（Debian/Ubuntu），或设置 BUSYBOX=/静态/busybox/路径，然后重新运行。',
    notFound: '不存在',
    notElf: '不是 ELF 可执行文件',
    dynamic: '动态链接（需要 {0}）；替身镜像需要静态链接的 busybox',
    wrongArch: '为其他 CPU 构建（ELF machine {0}，本机需要 {1}）',
    real: '{0}：{1} 是真实镜像，保持不变',
    standinPresent: '{0}：替身镜像 {1} 已存在',
    pulling: '{0}：正在拉取 {1}（最多 {2} 秒）…',
    pulled: '{0}：已拉取 {1}',
    pullFailed: '{0}：无法拉取 {1}（{2}）；改为构建替身镜像',
    registryDown: '没有可访问的镜像仓库，其余镜像不再尝试拉取',
    building: '{0}：正在构建替身镜像 {1} …',
    built: '{0}：替身镜像已构建：{1}（{2} 秒）',
    buildFailed: '{0}：替身镜像构建失败（退出码 {1}）。`docker build` 的最后几行：',
    needsBusybox: '{0}：已跳过：需要静态链接的 busybox（见上文）',
    needsRegistry: '{0}：已跳过：主机上没有 {1}。请用 "sudo apt-get install docker-registry" 安装后重新运行。',
    listHeader: '镜像标签（{0}）：',
    stateMissing: '缺失',
    stateStandin: '替身',
    stateReal: '真实',
    summary: '完成：构建 {0} 个，拉取 {1} 个，已存在 {2} 个，失败或跳过 {3} 个。',
    baseName: '基础层',
    waitingLock: '另一个 images.mjs（pid {0}）正在为这个引擎构建镜像；等待它结束 …',
    lockTimeout: '等待 {0} 超时；如果没有其他 images.mjs 在运行，请删除该文件后重新运行。',
  },
};

function pickLanguage() {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}
const LANG = pickLanguage();
function t(key, ...args) {
  const template = MESSAGES[LANG][key] ?? MESSAGES.en[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

// ---------------------------------------------------------------- small helpers

let jsonMode = false;
/** Progress goes to stdout normally, to stderr under --json so stdout stays parseable. */
function say(line) { (jsonMode ? process.stderr : process.stdout).write(line + '\n'); }

/** Adds ":latest" to a reference without a tag, as docker does. */
export function normalizeRef(ref) {
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.slice(lastSlash + 1).includes(':') || ref.includes('@');
  return hasTag ? ref : `${ref}:latest`;
}

function docker(args, options = {}) {
  return spawnSync('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

// ---------------------------------------------------------------- ELF check (is busybox static?)

const ELF_MACHINE_BY_ARCH = { x64: 62, arm64: 183, ia32: 3, arm: 40, riscv64: 243, s390x: 22, ppc64: 21, loong64: 258 };
const PT_INTERP = 3;

/** Reads an ELF header and program headers: which CPU it is for and whether it asks for a dynamic loader. */
export function readElf(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(64);
    if (fs.readSync(fd, header, 0, 64, 0) < 52 || header.readUInt32BE(0) !== 0x7f454c46) return undefined;
    const is64 = header[4] === 2;
    const little = header[5] === 1;
    const u16 = (b, o) => (little ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b, o) => (little ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b, o) => Number(little ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const machine = u16(header, 18);
    const phoff = is64 ? u64(header, 32) : u32(header, 28);
    const phentsize = u16(header, is64 ? 54 : 42);
    const phnum = u16(header, is64 ? 56 : 44);
    let interpreter;
    const entry = Buffer.alloc(phentsize);
    for (let i = 0; i < phnum; i++) {
      fs.readSync(fd, entry, 0, phentsize, phoff + i * phentsize);
      if (u32(entry, 0) !== PT_INTERP) continue;
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

/** Finds a static busybox for this CPU: $BUSYBOX, then /usr/bin/busybox, then /bin/busybox. */
export function findStaticBusybox(env = process.env) {
  const candidates = [env.BUSYBOX, '/usr/bin/busybox', '/bin/busybox'].filter(Boolean);
  const wantMachine = ELF_MACHINE_BY_ARCH[process.arch];
  const rejected = [];
  for (const candidate of candidates) {
    let reason;
    try {
      if (!fs.statSync(candidate).isFile()) throw new Error('not a file');
      const elf = readElf(candidate);
      if (!elf) reason = t('notElf');
      else if (elf.interpreter) reason = t('dynamic', elf.interpreter);
      else if (wantMachine !== undefined && elf.machine !== wantMachine) reason = t('wrongArch', elf.machine, wantMachine);
    } catch {
      reason = t('notFound');
    }
    if (!reason) return { path: fs.realpathSync(candidate), rejected };
    rejected.push({ path: candidate, reason });
  }
  return { path: undefined, rejected };
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
 * A minimal static x86-64 ELF that writes `text` to stdout and exits 0: the real hello-world is
 * also one tiny static binary, so `docker images` shows a similar size. One PT_LOAD segment
 * maps the whole file; the code is write(1, msg, len); exit(0).
 */
export function helloElfX64(text) {
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

function loadCatalog(file) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const problems = [];
  const resolveContext = (ctx) => (path.isAbsolute(ctx) ? ctx : path.join(dir, ctx));
  // A custom catalog may leave out the base: the default one is used then.
  let base = raw.base;
  let baseDir = dir;
  if (!base) {
    base = JSON.parse(fs.readFileSync(DEFAULT_CATALOG, 'utf8')).base;
    baseDir = path.dirname(DEFAULT_CATALOG);
  }
  if (typeof base?.tag !== 'string' || typeof base?.context !== 'string') problems.push('base needs "tag" and "context"');
  if (!Array.isArray(raw.images)) problems.push('"images" must be a list');
  const images = (raw.images ?? []).map((entry, index) => {
    const where = `images[${index}]`;
    if (typeof entry.name !== 'string' || typeof entry.context !== 'string') problems.push(`${where} needs "name" and "context"`);
    const variants = entry.variants ?? (entry.tags ? [{ tags: entry.tags, args: entry.args }] : []);
    if (variants.length === 0 || variants.some((v) => !Array.isArray(v.tags) || v.tags.length === 0)) {
      problems.push(`${where} needs "variants" with non-empty "tags"`);
    }
    return {
      name: entry.name,
      context: resolveContext(entry.context ?? ''),
      from: entry.from === 'scratch' ? 'scratch' : 'base',
      inputs: entry.inputs ?? [],
      description: entry.description ?? {},
      variants: variants.map((v) => ({ tags: (v.tags ?? []).map(normalizeRef), args: v.args ?? {} })),
    };
  });
  if (problems.length) throw new Error(problems.join('; '));
  return {
    base: { tag: normalizeRef(base.tag), context: path.isAbsolute(base.context) ? base.context : path.join(baseDir, base.context), description: base.description ?? {} },
    images,
  };
}

// ---------------------------------------------------------------- engine state

/** 'missing' | 'standin' | 'real', plus the image ID when present. */
function inspectTag(tag) {
  const result = docker(['image', 'inspect', '--format', '{{.Id}} {{json .Config.Labels}}', tag]);
  if (result.status !== 0) return { state: 'missing' };
  const line = result.stdout.trim();
  const space = line.indexOf(' ');
  const id = line.slice(0, space);
  const labels = JSON.parse(line.slice(space + 1) || 'null') ?? {};
  return { state: labels[LABEL_STANDIN] === 'true' ? 'standin' : 'real', id };
}

let registryReachable = true;

/** `docker pull` with a deadline; remembers when the registry is unreachable so later pulls are not tried. */
function tryPull(tag) {
  return new Promise((resolve) => {
    const child = spawn('docker', ['pull', '--quiet', tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    const timer = setTimeout(() => { output += `timeout after ${PULL_TIMEOUT_MS / 1000} s`; child.kill('SIGTERM'); }, PULL_TIMEOUT_MS);
    child.on('error', (error) => { clearTimeout(timer); resolve({ ok: false, reason: error.message }); });
    child.on('close', (code) => {
      clearTimeout(timer);
      const reason = output.trim().split('\n').filter(Boolean).pop() ?? `exit ${code}`;
      // Unreachable registry (DNS, refused, timeout) vs. a registry that answered "not found".
      if (code !== 0 && /timeout|no such host|dial tcp|connection refused|network is unreachable|i\/o timeout|TLS handshake|Client\.Timeout/i.test(output)) {
        registryReachable = false;
      }
      resolve({ ok: code === 0, reason: reason.length > 160 ? `${reason.slice(0, 157)}…` : reason });
    });
  });
}

// ---------------------------------------------------------------- building

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true, preserveTimestamps: false, verbatimSymlinks: true });
}

/** Shared libraries `ldd` lists for a binary (absolute paths; the vdso has none). */
function sharedLibraries(binary) {
  const result = spawnSync('ldd', [binary], { encoding: 'utf8' });
  if (result.status !== 0) return [];
  return [...result.stdout.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]);
}

/**
 * Assembles a temporary build context: the catalog folder plus the host files an image needs
 * (busybox for the base, /hello for hello-world, the registry binary and its libraries).
 */
function prepareContext(sourceDir, inputs, tools) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-lessons-image-'));
  copyTree(sourceDir, dir);
  const rootfs = path.join(dir, 'rootfs');
  /** Puts `{ file }` (a host file, symlinks followed) or `{ content }` at rootfs/<target>, executable. */
  const place = (target, { file, content }) => {
    const destination = path.join(rootfs, target);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    if (file) fs.copyFileSync(file, destination);
    else fs.writeFileSync(destination, content);
    fs.chmodSync(destination, 0o755);
  };
  for (const input of inputs) {
    if (input === 'busybox') place('bin/busybox', { file: tools.busybox });
    if (input === 'hello') {
      if (process.arch === 'x64') place('hello', { content: helloElfX64(HELLO_TEXT) });
      else {
        // Other CPUs: same single layer, but /hello is a script run by a copy of busybox.
        place('bin/busybox', { file: tools.busybox });
        place('hello', { content: `#!/bin/busybox sh\n/bin/busybox cat <<'EOF'\n${HELLO_TEXT}EOF\n` });
      }
    }
    if (input === 'docker-registry') {
      place('bin/registry', { file: tools.registry });
      for (const library of sharedLibraries(tools.registry)) place(library.slice(1), { file: library });
    }
  }
  return dir;
}

/** Runs `docker build` quietly; returns the exit code and the output (shown only on failure). */
function dockerBuild(contextDir, tags, { base, labels, args }) {
  const buildArgs = [];
  for (const tag of tags) buildArgs.push('-t', tag);
  for (const [key, value] of Object.entries(labels)) buildArgs.push('--label', `${key}=${value}`);
  if (base) buildArgs.push('--build-arg', `BASE=${base}`);
  for (const [key, value] of Object.entries(args)) buildArgs.push('--build-arg', `${key}=${value}`);
  // The classic builder: it builds FROM local images without asking any registry, on every engine version.
  const result = docker(['build', ...buildArgs, contextDir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  return { code: result.status ?? 1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function describe(description) {
  return description[LANG === 'en' ? 'en' : 'zh-cn'] ?? description.en ?? '';
}

// ---------------------------------------------------------------- one run per engine at a time

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Several tests or terminals may run this script at once; two builds of the same tag leave the
 * loser's image dangling. A lock file per engine (DOCKER_HOST) serialises runs; a lock whose
 * process is gone is taken over.
 */
async function acquireLock() {
  const key = (process.env.DOCKER_HOST || 'default').replace(/[^a-zA-Z0-9]+/g, '_').slice(-80);
  const file = path.join(os.tmpdir(), `docker-lessons-images-${key}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => { try { if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file); } catch { /* already gone */ } };
      process.once('exit', release);
      return release;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(fs.readFileSync(file, 'utf8').trim() || 0);
    let alive = false;
    try { alive = owner > 0 && process.kill(owner, 0); } catch (error) { alive = error.code === 'EPERM'; }
    if (!alive) { fs.rmSync(file, { force: true }); continue; }
    if (!announced) { say(t('waitingLock', owner)); announced = true; }
    if (Date.now() > deadline) throw new Error(t('lockTimeout', file));
    await sleep(500);
  }
}

/** Untagged stand-ins (left by a rebuild or an interrupted run) are removed unless something uses them. */
function removeDanglingStandins() {
  const list = docker(['images', '--quiet', '--filter', 'dangling=true', '--filter', `label=${LABEL_STANDIN}=true`]);
  const ids = [...new Set(list.stdout?.split('\n').map((s) => s.trim()).filter(Boolean) ?? [])];
  if (ids.length) docker(['image', 'rm', ...ids]);
}

// ---------------------------------------------------------------- main

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: {
        only: { type: 'string' },
        list: { type: 'boolean', default: false },
        'force-standins': { type: 'boolean', default: false },
        'no-pull': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        catalog: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\n${t('usage')}`);
    return 2;
  }
  if (options.help) { console.log(t('usage')); return 0; }
  jsonMode = options.json;

  const catalogFile = path.resolve(options.catalog ?? DEFAULT_CATALOG);
  let catalog;
  try {
    catalog = loadCatalog(catalogFile);
  } catch (error) {
    console.error(t('badCatalog', catalogFile, error.message));
    return 2;
  }
  let entries = catalog.images;
  if (options.only) {
    const wanted = options.only.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((name) => !entries.some((e) => e.name === name));
    if (unknown.length) {
      console.error(t('unknownNames', unknown.join(', '), entries.map((e) => e.name).join(', ')));
      return 2;
    }
    entries = entries.filter((e) => wanted.includes(e.name));
  }

  const ping = docker(['version', '--format', '{{.Server.Version}}']);
  if (ping.status !== 0) {
    console.error(t('noEngine', (ping.stderr || ping.error?.message || '').trim().split('\n').pop()));
    return 1;
  }

  if (options.list) return listImages(entries, catalog.base);

  const releaseLock = await acquireLock();
  try {
    return await ensureImages(options, catalog, entries);
  } finally {
    removeDanglingStandins();
    releaseLock();
  }
}

async function ensureImages(options, catalog, entries) {
  const pullEnabled = !options['no-pull'] && process.env.DOCKER_LESSONS_NO_PULL !== '1';
  const results = [];
  const record = (name, tag, action, detail) => results.push({ name, tag, action, ...(detail ? { detail } : {}) });

  // Find a busybox only when some stand-in will actually be built.
  let busyboxLookup;
  const busybox = () => {
    if (!busyboxLookup) {
      busyboxLookup = findStaticBusybox();
      if (busyboxLookup.path) say(t('busyboxFound', busyboxLookup.path, process.arch));
      else {
        say(t('busyboxLooked'));
        for (const r of busyboxLookup.rejected) say(t('busyboxReject', r.path, r.reason));
        say(t('busyboxHint'));
      }
    }
    return busyboxLookup.path;
  };

  let baseReady;
  const ensureBase = () => {
    if (baseReady !== undefined) return baseReady;
    const state = inspectTag(catalog.base.tag);
    if (state.state === 'real' || (state.state === 'standin' && !options['force-standins'])) return (baseReady = true);
    if (!busybox()) return (baseReady = false);
    baseReady = buildStandin(`${t('baseName')} ${catalog.base.tag}`, catalog.base.context, [catalog.base.tag], {
      inputs: ['busybox'], labels: { [LABEL_STANDIN]: 'true', [LABEL_STANDIN_OF]: catalog.base.tag, 'org.opencontainers.image.description': describe(catalog.base.description) },
      args: {},
    });
    return baseReady;
  };

  const buildStandin = (label, contextDir, tags, { inputs, labels, args, base }) => {
    say(t('building', label, tags.join(', ')));
    const started = Date.now();
    const dir = prepareContext(contextDir, inputs, { busybox: busyboxLookup?.path, registry: '/usr/bin/docker-registry' });
    try {
      const { code, output } = dockerBuild(dir, tags, { base, labels, args });
      if (code !== 0) {
        say(t('buildFailed', label, code));
        say(output.trim().split('\n').slice(-30).map((l) => `    ${l}`).join('\n'));
        return false;
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    say(t('built', label, tags.join(', '), ((Date.now() - started) / 1000).toFixed(1)));
    return true;
  };

  for (const entry of entries) {
    for (const variant of entry.variants) {
      const toBuild = [];
      for (const tag of variant.tags) {
        const state = inspectTag(tag);
        if (state.state === 'real') { say(t('real', entry.name, tag)); record(entry.name, tag, 'real'); continue; }
        if (state.state === 'standin' && !options['force-standins']) {
          say(t('standinPresent', entry.name, tag)); record(entry.name, tag, 'present'); continue;
        }
        if (state.state === 'standin') { toBuild.push(tag); continue; }
        if (pullEnabled && registryReachable) {
          say(t('pulling', entry.name, tag, PULL_TIMEOUT_MS / 1000));
          const pull = await tryPull(tag);
          if (pull.ok) { say(t('pulled', entry.name, tag)); record(entry.name, tag, 'pulled'); continue; }
          say(t('pullFailed', entry.name, tag, pull.reason));
          if (!registryReachable) say(t('registryDown'));
        }
        toBuild.push(tag);
      }
      if (toBuild.length === 0) continue;

      const inputs = [...entry.inputs];
      let skipped;
      if (inputs.includes('docker-registry') && !fs.existsSync('/usr/bin/docker-registry')) {
        skipped = t('needsRegistry', entry.name, '/usr/bin/docker-registry');
      } else if (entry.from === 'base' && !ensureBase()) {
        skipped = t('needsBusybox', entry.name);
      } else if (inputs.includes('hello') && process.arch !== 'x64' && !busybox()) {
        skipped = t('needsBusybox', entry.name);
      }
      if (skipped) {
        say(skipped);
        for (const tag of toBuild) record(entry.name, tag, 'skipped', skipped);
        continue;
      }
      const ok = buildStandin(entry.name, entry.context, toBuild, {
        inputs,
        base: entry.from === 'base' ? catalog.base.tag : undefined,
        labels: {
          [LABEL_STANDIN]: 'true',
          [LABEL_STANDIN_OF]: entry.name,
          'org.opencontainers.image.description': `docker-lessons offline stand-in for ${entry.name}: ${entry.description.en ?? ''}`,
        },
        args: variant.args,
      });
      for (const tag of toBuild) record(entry.name, tag, ok ? 'built' : 'failed');
    }
  }

  const count = (action) => results.filter((r) => r.action === action).length;
  const failed = count('failed') + count('skipped');
  say(t('summary', count('built'), count('pulled'), count('present') + count('real'), failed));
  if (jsonMode) process.stdout.write(JSON.stringify({ busybox: busyboxLookup?.path ?? null, images: results }, null, 2) + '\n');
  return failed > 0 ? 1 : 0;
}

function listImages(entries, base) {
  const rows = [];
  const baseState = inspectTag(base.tag);
  rows.push({ name: base.tag, tag: base.tag, state: baseState.state, id: baseState.id ?? null, description: describe(base.description) });
  for (const entry of entries) {
    for (const variant of entry.variants) {
      for (const tag of variant.tags) {
        const state = inspectTag(tag);
        rows.push({ name: entry.name, tag, state: state.state, id: state.id ?? null, description: describe(entry.description) });
      }
    }
  }
  if (jsonMode) {
    process.stdout.write(JSON.stringify({ images: rows }, null, 2) + '\n');
    return 0;
  }
  const stateText = { missing: t('stateMissing'), standin: t('stateStandin'), real: t('stateReal') };
  say(t('listHeader', process.env.DOCKER_HOST || 'unix:///var/run/docker.sock'));
  const width = Math.max(...rows.map((r) => r.tag.length));
  for (const row of rows) say(`  ${row.tag.padEnd(width)}  ${stateText[row.state]}`);
  return 0;
}

// Run only when executed directly (the tests may import the helpers).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => { process.exitCode = code; }, (error) => { console.error(error?.stack ?? error); process.exitCode = 1; });
}
