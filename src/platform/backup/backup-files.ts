import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './backup.errors.js';

export interface FileDigest {
  readonly size: number;
  readonly sha256: string;
}

/** A pass-through that hashes and counts what flows through it. */
export function digestTap(): Transform & { digest(): FileDigest } {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  let result: FileDigest | undefined;
  return Object.assign(tap, {
    digest: () => (result ??= { size, sha256: hash.digest('hex') }),
  });
}

/**
 * Streams `source` through `stages` into `<root>/<relative>` (folders made as needed), and answers
 * the size and SHA-256 of the file as written.
 */
export async function writeFileFrom(
  root: string,
  relative: string,
  source: Readable,
  stages: readonly Transform[] = [],
): Promise<FileDigest> {
  const target = path.join(root, relative);
  await mkdir(path.dirname(target), { recursive: true });
  const tap = digestTap();
  await pipeline([source, ...stages, tap, createWriteStream(target, { mode: 0o600 })]);
  return tap.digest();
}

/** The size and SHA-256 of a file of the backup. */
export async function digestFile(root: string, relative: string): Promise<FileDigest> {
  const tap = digestTap();
  await pipeline(createReadStream(path.join(root, relative)), tap, discard());
  return tap.digest();
}

/** A sink that drops what it is given: for reading a stream through only to check it. */
export function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

/** Refuses a file of the backup whose bytes are not those the manifest recorded. */
export async function assertFileIntact(root: string, relative: string, expected: FileDigest): Promise<void> {
  let actual: FileDigest;
  try {
    actual = await digestFile(root, relative);
  } catch (error) {
    throw new BackupError('BACKUP_INVALID', `the backup's file ${relative} cannot be read`, { cause: error });
  }
  if (actual.sha256 !== expected.sha256 || actual.size !== expected.size)
    throw new BackupError(
      'BACKUP_INVALID',
      `the backup's file ${relative} is not the one the manifest recorded (sha256 ${actual.sha256}, expected ${expected.sha256}): the backup is damaged`,
    );
}
