// A small tar reader: the member names of a (possibly gzipped) tarball, as `docker save` / `docker export` /
// `tar czf` write them (ustar, GNU long names, pax path records). Uncompressed archives are read header by header,
// so a large `docker save` file is not loaded whole.
import { promises as fs } from 'fs';
import { promisify } from 'util';
import * as zlib from 'zlib';
import { cString as fieldText, parseOctal, parsePax } from '../engine/tar';

const BLOCK = 512;
const gunzip = promisify(zlib.gunzip);

export class NotATarError extends Error {
  constructor() {
    super('not a tar archive');
    this.name = 'NotATarError';
  }
}

/** Reads `length` bytes at `offset`; shorter at the end of the data. */
type Reader = (offset: number, length: number) => Promise<Buffer>;

const cString = (block: Buffer, start: number, length: number): string => fieldText(block.subarray(start, start + length));
const octalOrBinary = (block: Buffer, start: number, length: number): number => parseOctal(block.subarray(start, start + length));

function checksumOk(block: Buffer): boolean {
  const stored = octalOrBinary(block, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i];
  return sum === stored;
}

async function readMembers(read: Reader): Promise<string[]> {
  const names: string[] = [];
  let offset = 0;
  let longName: string | undefined;
  for (;;) {
    const header = await read(offset, BLOCK);
    if (header.length < BLOCK && names.length === 0) throw new NotATarError();
    if (header.length < BLOCK || header.every((byte) => byte === 0)) break;
    if (!checksumOk(header)) {
      if (names.length === 0) throw new NotATarError();
      break;
    }
    const size = octalOrBinary(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataOffset = offset + BLOCK;
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L' || type === 'x') {
      const data = await read(dataOffset, size);
      longName = type === 'L' ? fieldText(data) : parsePax(data).path ?? longName;
      continue;
    }
    if (type === 'g') continue;
    const magic = cString(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
    const plain = cString(header, 0, 100);
    names.push(longName ?? (prefix ? `${prefix}/${plain}` : plain));
    longName = undefined;
  }
  return names;
}

/** Member names of a tar or tar.gz file. Throws NotATarError when it is neither. */
export async function tarMembers(file: string): Promise<string[]> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) {
      let data: Buffer;
      try {
        data = await gunzip(await handle.readFile());
      } catch {
        throw new NotATarError();
      }
      return await readMembers(async (offset, length) => data.subarray(offset, offset + length));
    }
    return await readMembers(async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await handle.close();
  }
}

/** "./a/b/" and "a/b" name the same member. */
export function normalizeMember(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

/** Whether the archive holds `wanted`, as a file or as a folder with members below it. */
export function hasMember(members: readonly string[], wanted: string): boolean {
  const target = normalizeMember(wanted);
  return members.some((member) => {
    const name = normalizeMember(member);
    return name === target || name.startsWith(`${target}/`);
  });
}
