// A small tar reader (ustar, GNU long names, pax headers), shared by the engine (GET /archive of one path) and the
// checks (members of a `docker save` / `docker export` tarball). No dependency: the formats needed are tiny.

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
