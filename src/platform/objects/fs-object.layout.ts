import { join } from 'node:path';
import { z } from 'zod';

import { InvalidObjectKeyError, ObjectChecksumMismatchError } from './object-store.errors.js';

/**
 * On-disk layout of the filesystem store.
 *
 * Key `a/b/c.json` lives in file `<root>/a/b/c.json#`. The `#` suffix keeps object files
 * and directories apart, so `a/b` and `a/b/c` can both be keys (as on S3); `%` and `#`
 * inside segments are escaped as `%25` and `%23`, so no key maps onto another's file and
 * names starting with `#` are free for temporary files.
 *
 * Each file is: body | trailer JSON | u32 BE trailer length | magic "SBOBJv1\n". The body is
 * the bytes as put, or the tenant-encrypted stream. Metadata rides in the same file as the
 * body so one file holds both; it sits at the end because the SHA-256 is known only after the
 * body has been written. The magic, last, also marks the file whole: putMany writes objects at
 * their final names, and a file there without it is an unfinished write, never an object.
 */
export const OBJECT_FILE_SUFFIX = '#';
export const TEMP_FILE_PREFIX = '#tmp-';
export const TRAILER_MAGIC = Buffer.from('SBOBJv1\n', 'ascii');
const TRAILER_FOOTER_BYTES = 4 + TRAILER_MAGIC.length;
const MAX_TRAILER_BYTES = 64 * 1024;
const MAX_NAME_BYTES = 255;

export function encodeSegment(segment: string): string {
  return segment.replace(/%/g, '%25').replace(/#/g, '%23');
}

export function decodeSegment(name: string): string {
  return name.replace(/%23/g, '#').replace(/%25/g, '%');
}

export function objectPath(root: string, key: string): string {
  const names = key.split('/').map(encodeSegment);
  const last = names.length - 1;
  names[last] = `${names[last] ?? ''}${OBJECT_FILE_SUFFIX}`;
  for (const name of names) {
    if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
      throw new InvalidObjectKeyError(
        key,
        `a segment is longer than the filesystem allows (${MAX_NAME_BYTES} bytes)`,
      );
    }
  }
  return join(root, ...names);
}

export function isObjectFileName(name: string): boolean {
  return name.endsWith(OBJECT_FILE_SUFFIX) && !name.startsWith('#');
}

const trailerSchema = z.object({
  v: z.literal(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  contentType: z.string(),
  metadata: z.record(z.string(), z.string()),
  createdAt: z.string(),
  retainUntil: z.string().optional(),
  tenantId: z.string().optional(),
  encrypted: z.boolean(),
});

export type ObjectTrailer = z.infer<typeof trailerSchema>;

export function encodeTrailer(trailer: ObjectTrailer): Buffer {
  const json = Buffer.from(JSON.stringify(trailer), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([json, length, TRAILER_MAGIC]);
}

/** Minimal file-reading surface, so this stays testable and independent of FileHandle. */
export interface PositionalReader {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

/**
 * Whether the file ends with the trailer's magic, i.e. its last write reached the end. A file at an
 * object's name without it is an unfinished write (putMany writes objects at their final names, see
 * fs-object.store.ts): not an object yet, whatever it holds.
 */
export async function hasTrailerMagic(file: PositionalReader, fileSize: number): Promise<boolean> {
  if (fileSize < TRAILER_FOOTER_BYTES) return false;
  const magic = Buffer.alloc(TRAILER_MAGIC.length);
  let done = 0;
  while (done < magic.length) {
    const { bytesRead } = await file.read(magic, done, magic.length - done, fileSize - magic.length + done);
    if (bytesRead === 0) return false;
    done += bytesRead;
  }
  return magic.equals(TRAILER_MAGIC);
}

export async function readTrailer(
  file: PositionalReader,
  fileSize: number,
  key: string,
): Promise<{ trailer: ObjectTrailer; bodyLength: number }> {
  if (fileSize < TRAILER_FOOTER_BYTES) throw new ObjectChecksumMismatchError(key, 'file has no trailer');
  const footer = await readExactly(file, fileSize - TRAILER_FOOTER_BYTES, TRAILER_FOOTER_BYTES, key);
  if (!footer.subarray(4).equals(TRAILER_MAGIC))
    throw new ObjectChecksumMismatchError(key, 'trailer magic is missing');
  const trailerLength = footer.readUInt32BE(0);
  if (trailerLength > MAX_TRAILER_BYTES || trailerLength > fileSize - TRAILER_FOOTER_BYTES) {
    throw new ObjectChecksumMismatchError(key, 'trailer length is out of range');
  }
  const bodyLength = fileSize - TRAILER_FOOTER_BYTES - trailerLength;
  const json = await readExactly(file, bodyLength, trailerLength, key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (cause) {
    throw new ObjectChecksumMismatchError(key, 'trailer is not JSON', { cause });
  }
  const result = trailerSchema.safeParse(parsed);
  if (!result.success) throw new ObjectChecksumMismatchError(key, 'trailer has an unexpected shape');
  return { trailer: result.data, bodyLength };
}

async function readExactly(
  file: PositionalReader,
  position: number,
  length: number,
  key: string,
): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new ObjectChecksumMismatchError(key, 'file is shorter than its trailer says');
    done += bytesRead;
  }
  return buffer;
}
