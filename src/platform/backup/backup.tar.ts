import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './backup.errors.js';

/*
 * The .tar form of a backup: POSIX ustar, regular files only, sizes past 8 GiB in the GNU base-256
 * form (which GNU tar and bsdtar read), so `tar -xf` opens it anywhere. Written here rather than
 * taken from a package: a backup's names are short and its own, and reading back only what this
 * writes is a page of code. manifest.json comes first, so `tar -xOf x.tar manifest.json` is quick.
 */

const BLOCK = 512;
const MAX_OCTAL_SIZE = 0o77777777777;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  const cut = name.lastIndexOf('/', 155);
  const prefix = name.slice(0, cut);
  const rest = name.slice(cut + 1);
  if (cut <= 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(rest) > 100)
    throw new Error(`path too long for a tar header: ${name}`);
  return { prefix, name: rest };
}

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const header = Buffer.alloc(BLOCK);
  const parts = splitName(name);
  field(header, 0, 100, parts.name);
  field(header, 100, 8, octal(0o600, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  if (size <= MAX_OCTAL_SIZE) field(header, 124, 12, octal(size, 12));
  else {
    header[124] = 0x80;
    header.writeBigUInt64BE(BigInt(size), 128);
  }
  field(header, 136, 12, octal(Math.floor(mtime.getTime() / 1000), 12));
  field(header, 148, 8, '        ');
  field(header, 156, 1, '0');
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  field(header, 345, 155, parts.prefix);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

async function filesUnder(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) names.push(...(await filesUnder(root, child)));
    else if (entry.isFile()) names.push(child);
  }
  return names;
}

/** Writes every file under `dir` into the archive `tarPath`, `first` leading. */
export async function packDirectory(
  dir: string,
  tarPath: string,
  first: readonly string[] = [],
): Promise<void> {
  const all = await filesUnder(dir);
  const names = [...first.filter((n) => all.includes(n)), ...all.filter((n) => !first.includes(n))];
  const out = createWriteStream(tarPath, { mode: 0o600 });
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  try {
    for (const name of names) {
      const info = await stat(path.join(dir, name));
      await write(tarHeader(name, info.size, info.mtime));
      for await (const chunk of createReadStream(path.join(dir, name))) await write(chunk as Buffer);
      const pad = (BLOCK - (info.size % BLOCK)) % BLOCK;
      if (pad > 0) await write(Buffer.alloc(pad));
    }
    await write(Buffer.alloc(BLOCK * 2));
  } finally {
    out.end();
    await once(out, 'close');
  }
}

function readString(header: Buffer, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readSize(header: Buffer): number {
  if ((header[124] ?? 0) & 0x80) return Number(header.readBigUInt64BE(128));
  return Number.parseInt(readString(header, 124, 12).trim() || '0', 8);
}

/** Unpacks an archive written by packDirectory (or any ustar of plain files) into `dir`. */
export async function extractTar(tarPath: string, dir: string): Promise<void> {
  const handle = await open(tarPath, 'r');
  try {
    const total = (await handle.stat()).size;
    const header = Buffer.alloc(BLOCK);
    for (let offset = 0; offset + BLOCK <= total;) {
      await handle.read(header, 0, BLOCK, offset);
      if (header.every((b) => b === 0)) break;
      const name = [readString(header, 345, 155), readString(header, 0, 100)].filter(Boolean).join('/');
      const type = String.fromCharCode(header[156] ?? 0);
      const size = readSize(header);
      offset += BLOCK;
      if (type === '0' || type === '\0') {
        const target = path.resolve(dir, name);
        if (!target.startsWith(path.resolve(dir) + path.sep))
          throw new BackupError('BACKUP_INVALID', `the archive names a file outside it: ${name}`);
        await mkdir(path.dirname(target), { recursive: true });
        if (size > 0)
          await pipeline(
            createReadStream(tarPath, { start: offset, end: offset + size - 1 }),
            createWriteStream(target, { mode: 0o600 }),
          );
        else await (await open(target, 'w', 0o600)).close();
      } else if (type !== '5') {
        throw new BackupError(
          'BACKUP_INVALID',
          `the archive holds an entry of type '${type}' (${name}), not a backup's file`,
        );
      }
      offset += Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}
