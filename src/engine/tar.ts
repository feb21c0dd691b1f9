// A small tar reader (ustar, GNU long names, pax headers), shared by the engine (GET /archive of one path) and the
// checks (members of a `docker save` / `docker export` tarball), and a writer for build contexts (POST /build).
// No dependency: the formats needed are tiny.

export interface TarEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  linkName?: string;
  data: Buffer;
}

/** The first real entry of a tar archive (the requested path itself), skipping PAX/GNU metadata headers. */
export function firstTarEntry(tar: Buffer): TarEntry | undefined {
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return undefined; // end of archive
    const size = parseOctal(header.subarray(124, 136));
    const typeFlag = String.fromCharCode(header[156] || 48); // NUL means a regular file
    const dataStart = offset + 512;
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;

    if (typeFlag === 'L') { longName = cString(data); continue; }
    if (typeFlag === 'K') { longLink = cString(data); continue; }
    if (typeFlag === 'x') {
      const pax = parsePax(data);
      longName = pax.path ?? longName;
      longLink = pax.linkpath ?? longLink;
      continue;
    }
    if (typeFlag === 'g') continue;

    const prefix = cString(header.subarray(345, 500));
    const baseName = cString(header.subarray(0, 100));
    const name = longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    const linkName = longLink ?? cString(header.subarray(157, 257));
    const type = typeFlag === '0' || typeFlag === '7' ? 'file'
      : typeFlag === '5' ? 'directory'
        : typeFlag === '2' ? 'symlink' : 'other';
    return { name, type, ...(type === 'symlink' ? { linkName } : {}), data: Buffer.from(data) };
  }
  return undefined;
}

export function cString(b: Buffer): string {
  const end = b.indexOf(0);
  return b.subarray(0, end === -1 ? b.length : end).toString('utf8');
}

/** A numeric header field: octal text, or GNU base-256. */
export function parseOctal(b: Buffer): number {
  // GNU base-256 for sizes ≥ 8 GiB: high bit set.
  if (b[0] & 0x80) {
    let n = 0;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  const text = cString(b).trim();
  return text ? parseInt(text, 8) : 0;
}

/** The records of a pax extended header. */
export function parsePax(data: Buffer): Record<string, string> {
  // Records are "<len> <key>=<value>\n", len counting the whole record in bytes.
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const len = parseInt(data.subarray(pos, space).toString('ascii'), 10);
    if (!len) break;
    const record = data.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

// ---- writing (build contexts for POST /build) ----

export interface TarInput {
  /** Path inside the archive, '/'-separated, no leading slash. */
  name: string;
  type: 'file' | 'directory' | 'symlink';
  data?: Buffer;
  linkName?: string;
  /** Permission bits; default 0o644 for files, 0o755 for directories and symlinks. */
  mode?: number;
}

/** Fixed mtime (2023-11-14), so the same inputs give the same archive. */
const TAR_MTIME = 1_700_000_000;

/** A ustar archive of `entries` (names or link targets over 100 bytes get a pax header), ending with two zero blocks. */
export function packTar(entries: readonly TarInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const name = entry.type === 'directory' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
    const linkName = entry.linkName ?? '';
    const data = entry.type === 'file' ? entry.data ?? Buffer.alloc(0) : Buffer.alloc(0);
    const pax: Record<string, string> = {};
    if (Buffer.byteLength(name) > 100) pax.path = name;
    if (Buffer.byteLength(linkName) > 100) pax.linkpath = linkName;
    if (Object.keys(pax).length > 0) {
      const body = Buffer.from(Object.entries(pax).map(([key, value]) => paxRecord(key, value)).join(''), 'utf8');
      blocks.push(tarHeader(`PaxHeaders/${name.slice(0, 80)}`, 'x', body.length, 0o644, ''), padBlock(body));
    }
    const flag = entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2';
    const mode = entry.mode ?? (entry.type === 'file' ? 0o644 : 0o755);
    blocks.push(tarHeader(name, flag, data.length, mode, linkName));
    if (data.length > 0) blocks.push(padBlock(data));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function paxRecord(key: string, value: string): string {
  // The length counts the whole record, including its own digits.
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length) length = String(length).length + Buffer.byteLength(rest);
  return `${length}${rest}`;
}

function tarHeader(name: string, flag: string, size: number, mode: number, linkName: string): Buffer {
  const header = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => {
    const bytes = Buffer.from(text, 'utf8');
    bytes.copy(header, offset, 0, Math.min(bytes.length, length));
  };
  const octal = (value: number, offset: number, length: number) => put(value.toString(8).padStart(length - 1, '0'), offset, length - 1);
  put(name, 0, 100);
  octal(mode, 100, 8);
  octal(0, 108, 8); // uid
  octal(0, 116, 8); // gid
  octal(size, 124, 12);
  octal(TAR_MTIME, 136, 12);
  header.fill(0x20, 148, 156); // checksum counts as spaces while it is computed
  put(flag, 156, 1);
  put(linkName, 157, 100);
  put('ustar\u000000', 257, 8);
  put('root', 265, 32);
  put('root', 297, 32);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8);
  return header;
}

function padBlock(data: Buffer): Buffer {
  const padding = (512 - (data.length % 512)) % 512;
  return padding === 0 ? data : Buffer.concat([data, Buffer.alloc(padding)]);
}
