import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * A put body made re-readable, with its size and SHA-256 known up front.
 *
 * S3 fixes an object's metadata when the upload starts (PutObject headers, or
 * CreateMultipartUpload for a multipart upload), but the SHA-256 of a stream is known only
 * at its end. `@aws-sdk/lib-storage` is not a dependency and would not solve that either,
 * so bodies up to `memoryLimit` stay in memory and larger ones are spooled to a private
 * temporary file (mode 0600, removed after the upload) and uploaded from there part by
 * part. Memory stays bounded by `memoryLimit` plus one part; local disk needs room for the
 * largest object in flight.
 */
export interface SpooledBody {
  readonly size: number;
  readonly sha256: string;
  /** The whole body, when it fitted in memory. */
  readonly buffer?: Buffer;
  /** Bytes [start, start + length) of a spooled body. */
  readRange(start: number, length: number): Promise<Buffer>;
  cleanup(): Promise<void>;
}

export async function spoolBody(
  body: Buffer | Readable,
  options: { memoryLimit: number; tmpDir: string },
): Promise<SpooledBody> {
  if (Buffer.isBuffer(body)) {
    return inMemory(body, createHash('sha256').update(body).digest('hex'));
  }
  const hash = createHash('sha256');
  const held: Buffer[] = [];
  let size = 0;
  let file: { handle: FileHandle; dir: string } | undefined;
  try {
    for await (const chunk of body) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
      if (file) {
        await writeAll(file.handle, bytes);
      } else if (size <= options.memoryLimit) {
        held.push(bytes);
      } else {
        const dir = await mkdtemp(join(options.tmpDir, 'sb-spool-'));
        file = { handle: await open(join(dir, 'body'), 'wx+', 0o600), dir };
        for (const earlier of held) await writeAll(file.handle, earlier);
        held.length = 0;
        await writeAll(file.handle, bytes);
      }
    }
  } catch (error) {
    if (file) await discard(file);
    throw error;
  }
  const sha256 = hash.digest('hex');
  if (!file) return inMemory(Buffer.concat(held, size), sha256);
  const spilled = file;
  return {
    size,
    sha256,
    async readRange(start, length) {
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await spilled.handle.read(buffer, done, length - done, start + done);
        if (bytesRead === 0) throw new Error('spooled body is shorter than expected');
        done += bytesRead;
      }
      return buffer;
    },
    cleanup: () => discard(spilled),
  };
}

function inMemory(buffer: Buffer, sha256: string): SpooledBody {
  return {
    size: buffer.length,
    sha256,
    buffer,
    readRange: (start, length) => Promise.resolve(buffer.subarray(start, start + length)),
    cleanup: () => Promise.resolve(),
  };
}

async function discard(file: { handle: FileHandle; dir: string }): Promise<void> {
  await file.handle.close().catch(() => undefined);
  await rm(file.dir, { recursive: true, force: true });
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}
