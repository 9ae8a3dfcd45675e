import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, link as fsLink, writeFile as fsWriteFile } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { mapLimited } from '../concurrency.js';
import type { Keyring } from '../crypto/index.js';
import { createSha256Meter, verifiedBody } from './checksum.stream.js';
import { createBatchSync, fsyncPath, type BatchSyncMode } from './fs-batch-sync.js';
import {
  OBJECT_FILE_SUFFIX,
  TEMP_FILE_PREFIX,
  decodeSegment,
  encodeSegment,
  encodeTrailer,
  isObjectFileName,
  objectPath,
  readTrailer,
  type ObjectTrailer,
} from './fs-object.layout.js';
import {
  DEFAULT_CONTENT_TYPE,
  assertValidDeleteReason,
  assertValidExpiry,
  assertValidObjectKey,
  assertValidPrefix,
  assertValidPutOptions,
} from './object-key.validation.js';
import {
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectRetainedError,
  ObjectStoreConfigError,
} from './object-store.errors.js';
import type {
  GetObjectResult,
  ObjectHead,
  ObjectStore,
  PutObjectOptions,
  PutObjectResult,
} from './object-store.types.js';
import { assertDistinctKeys } from './put-many.js';
import type { ObjectUrlSigner } from './object-url.signer.js';

export interface FilesystemObjectStoreOptions {
  /** Absolute directory; `<data dir>/objects` by default (chosen by the caller). */
  readonly root: string;
  /** Encrypts objects put with a tenantId. Without it such puts are refused, never stored in clear. */
  readonly keyring?: Keyring;
  /** Needed for signedUrl(); see object-url.signer.ts. */
  readonly urlSigner?: ObjectUrlSigner;
  readonly now?: () => Date;
  /** How putMany makes a batch durable (fs-batch-sync.ts); `auto`, the default, prefers syncfs on Linux. */
  readonly batchSync?: 'auto' | BatchSyncMode;
}

export interface FilesystemObjectStore extends ObjectStore {
  readonly kind: 'filesystem';
  readonly root: string;
  /** For the HTTP route that serves signed URLs; false when no signer is configured. */
  verifyObjectSignature(key: string, expires: string | number, sig: string): boolean;
}

const OPEN_ATTEMPTS = 3;
/** Root folder of putMany's per-batch temporary folders; '#' keeps it out of listings (no key encodes to it). */
const BATCHES_DIR = '#batches';
const ABANDONED_BATCH_MS = 60 * 60_000;

export function createFilesystemObjectStore(options: FilesystemObjectStoreOptions): FilesystemObjectStore {
  const root = resolve(options.root);
  const now = options.now ?? (() => new Date());
  const { keyring, urlSigner } = options;
  const batchSync = createBatchSync(root, options.batchSync);

  /**
   * Removes the temporary folders of batches that a crash interrupted: any older than an hour (no
   * batch takes that long, whichever replica wrote it). Best effort, at most once an hour.
   */
  let nextSweepAt = 0;
  const sweepAbandonedBatches = () => {
    if (Date.now() < nextSweepAt) return;
    nextSweepAt = Date.now() + ABANDONED_BATCH_MS;
    void (async () => {
      const batches = join(root, BATCHES_DIR);
      for (const name of await readdir(batches).catch(() => [])) {
        const dir = join(batches, name);
        const info = await stat(dir).catch(() => undefined);
        if (info && Date.now() - info.mtimeMs > ABANDONED_BATCH_MS)
          await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
    })();
  };

  const readHead = async (key: string): Promise<{ head: ObjectHead; trailer: ObjectTrailer } | undefined> => {
    const handle = await openExisting(objectPath(root, key));
    if (!handle) return undefined;
    try {
      const { trailer } = await readTrailer(handle, (await handle.stat()).size, key);
      return { head: headFromTrailer(key, trailer), trailer };
    } finally {
      await handle.close();
    }
  };

  async function* walk(dir: string, dirKey: string, prefix: string): AsyncGenerator<ObjectHead> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return;
      throw error;
    }
    // Sorting a directory as "name/" for folders and "name" for objects makes this
    // depth-first walk yield keys in plain byte order, the order S3 and Azure list in.
    const items: { sortKey: Buffer; key: string; isDir: boolean; path: string }[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('#')) continue; // temporary files of puts in progress
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const name = decodeSegment(entry.name);
        items.push({ sortKey: Buffer.from(`${name}/`), key: joinKey(dirKey, name), isDir: true, path });
      } else if (entry.isFile() && isObjectFileName(entry.name)) {
        const name = decodeSegment(entry.name.slice(0, -OBJECT_FILE_SUFFIX.length));
        items.push({ sortKey: Buffer.from(name), key: joinKey(dirKey, name), isDir: false, path });
      }
    }
    items.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
    for (const item of items) {
      if (item.isDir) {
        const folder = `${item.key}/`;
        if (folder.startsWith(prefix) || prefix.startsWith(folder)) yield* walk(item.path, item.key, prefix);
      } else if (item.key.startsWith(prefix)) {
        const found = await readHead(item.key);
        if (found) yield found.head; // deleted since readdir: skip
      }
    }
  }

  return {
    kind: 'filesystem',
    root,

    async put(key, body, putOptions: PutObjectOptions = {}) {
      assertValidObjectKey(key);
      assertValidPutOptions(putOptions);
      const { tenantId } = putOptions;
      if (tenantId !== undefined && !keyring) {
        throw new ObjectStoreConfigError(
          'filesystem object store needs a keyring to store tenant objects encrypted',
        );
      }
      const finalPath = objectPath(root, key);
      const dir = dirname(finalPath);
      const { handle, tempPath, createdDirs } = await openTemp(dir);
      let handleOpen = true;
      try {
        const meter = createSha256Meter();
        const encrypt = tenantId !== undefined && keyring ? [keyring.createEncryptStream(tenantId)] : [];
        await pipeline([toReadable(body), meter, ...encrypt, fileSink(handle)]);
        const { sha256, size } = meter.digest();
        const trailer = trailerOf(putOptions, {
          sha256,
          size,
          createdAt: now().toISOString(),
          encrypted: encrypt.length > 0,
        });
        await writeAll(handle, encodeTrailer(trailer));
        await handle.sync();
        await handle.close();
        handleOpen = false;

        const placed = await placeWithoutReplacing(tempPath, finalPath);
        if (!placed) {
          const existing = await readHead(key);
          if (existing?.head.sha256 === sha256 && existing.head.size === size) {
            return { key, sha256, size, created: false };
          }
          throw new ObjectExistsError(key, existing?.head.sha256 ?? '');
        }
        // The new name, and any folders made for it, survive a power cut only once the
        // directories holding them are flushed too.
        for (const folder of [dir, ...createdDirs]) await fsyncPath(folder);
        return { key, sha256, size, created: true };
      } finally {
        if (handleOpen) await handle.close();
        await unlink(tempPath).catch((error: unknown) => {
          if (!isErrno(error, 'ENOENT')) throw error;
        });
      }
    },

    /*
     * The batch is made durable together: every body is written to a temporary file unsynced,
     * all are synced at once (one syncfs, or concurrent fsyncs: see fs-batch-sync.ts), linked to
     * their names, and the folders that gained names are synced once. As many puts would cost two
     * syncs per object; this costs about one batch's worth. The small-file calls use the callback
     * API: a promise and a FileHandle per call cost more CPU than the calls themselves. They run in
     * the thread pool, never on the event loop, which a syncfs under way could stall.
     */
    async putMany(items) {
      assertDistinctKeys(items);
      for (const { key, options: putOptions = {} } of items) {
        assertValidObjectKey(key);
        assertValidPutOptions(putOptions);
        if (putOptions.tenantId !== undefined && !keyring) {
          throw new ObjectStoreConfigError(
            'filesystem object store needs a keyring to store tenant objects encrypted',
          );
        }
      }
      const createdAt = now().toISOString();
      // The batch's temporary files live in a folder of their own, not beside the objects: creating
      // and removing hundreds of files in a day folder that other batches are linking into makes
      // them all queue on that folder's lock. Only the links touch the shared folders.
      const batchDir = join(root, BATCHES_DIR, randomBytes(8).toString('hex'));
      const sealers = new Map<string, (plaintext: Buffer) => Buffer>();
      for (const { options: putOptions = {} } of items) {
        const { tenantId } = putOptions;
        if (tenantId !== undefined && keyring && !sealers.has(tenantId))
          sealers.set(tenantId, await keyring.objectSealer(tenantId));
      }
      const prepared: PreparedFile[] = items.map(({ key, body, options: putOptions = {} }, index) => {
        const sha256 = createHash('sha256').update(body).digest('hex');
        const seal = putOptions.tenantId === undefined ? undefined : sealers.get(putOptions.tenantId);
        const stored = seal ? seal(body) : body;
        const trailer = trailerOf(putOptions, {
          sha256,
          size: body.length,
          createdAt,
          encrypted: stored !== body,
        });
        const finalPath = objectPath(root, key);
        const dir = dirname(finalPath);
        return {
          key,
          sha256,
          size: body.length,
          finalPath,
          dir,
          tempPath: join(batchDir, String(index)),
          bytes: Buffer.concat([stored, encodeTrailer(trailer)]),
        };
      });

      const changedDirs = new Set<string>();
      const makeDir = async (dir: string) => {
        const firstCreated = await mkdir(dir, { recursive: true });
        if (firstCreated) for (const parent of ancestorsFrom(firstCreated, dir)) changedDirs.add(parent);
      };
      sweepAbandonedBatches();
      await mkdir(batchDir, { recursive: true, mode: 0o700 });
      try {
        // A batch's objects share a few folders (one per day): make each once.
        for (const dir of new Set(prepared.map((file) => file.dir))) await makeDir(dir);
        await eachLimited(prepared, (file) =>
          writeFileCallback(file.tempPath, file.bytes, { flag: 'wx', mode: 0o600 }),
        );
        await batchSync.sync(prepared.map((file) => file.tempPath));
        const results = new Array<PutObjectResult>(prepared.length);
        await eachLimited([...prepared.keys()], async (index) => {
          const file = prepared[index] as PreparedFile;
          if (await placeInFolder(file, makeDir)) {
            changedDirs.add(file.dir);
            results[index] = { key: file.key, sha256: file.sha256, size: file.size, created: true };
            return;
          }
          const existing = await readHead(file.key);
          if (existing?.head.sha256 !== file.sha256 || existing.head.size !== file.size) {
            throw new ObjectExistsError(file.key, existing?.head.sha256 ?? '');
          }
          // Found from an earlier attempt that may have failed before its folder was synced.
          changedDirs.add(file.dir);
          results[index] = { key: file.key, sha256: file.sha256, size: file.size, created: false };
        });
        await batchSync.sync([...changedDirs]);
        return results;
      } finally {
        // The temporary names go with their folder; the objects keep their links.
        await rm(batchDir, { recursive: true, force: true });
      }
    },

    async get(key): Promise<GetObjectResult> {
      assertValidObjectKey(key);
      const handle = await openExisting(objectPath(root, key));
      if (!handle) throw new ObjectNotFoundError(key);
      try {
        const { trailer, bodyLength } = await readTrailer(handle, (await handle.stat()).size, key);
        const decrypt: Transform[] = [];
        if (trailer.encrypted) {
          if (!keyring || trailer.tenantId === undefined) {
            throw new ObjectStoreConfigError(`object ${key} is encrypted and this store has no keyring`);
          }
          decrypt.push(keyring.createDecryptStream(trailer.tenantId));
        }
        let source: Readable;
        if (bodyLength === 0) {
          await handle.close();
          source = Readable.from([]);
        } else {
          source = handle.createReadStream({ start: 0, end: bodyLength - 1 });
        }
        const body = verifiedBody(key, source, decrypt, trailer);
        return { ...headFromTrailer(key, trailer), body };
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    },

    async head(key) {
      assertValidObjectKey(key);
      return (await readHead(key))?.head;
    },

    async *list(prefix) {
      assertValidPrefix(prefix);
      // Start at the deepest folder the prefix names completely; filter the rest by key.
      const cut = prefix.lastIndexOf('/');
      const baseKey = cut >= 0 ? prefix.slice(0, cut) : '';
      const baseDir = baseKey === '' ? root : join(root, ...baseKey.split('/').map(encodeSegment));
      yield* walk(baseDir, baseKey, prefix);
    },

    async delete(key, { reason }) {
      assertValidDeleteReason(reason);
      assertValidObjectKey(key);
      const existing = await readHead(key);
      if (!existing) return { deleted: false };
      const { retainUntil } = existing.head;
      if (retainUntil && retainUntil.getTime() > now().getTime())
        throw new ObjectRetainedError(key, retainUntil);
      const path = objectPath(root, key);
      try {
        await unlink(path);
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return { deleted: false };
        throw error;
      }
      try {
        await fsyncPath(dirname(path));
      } catch (error) {
        // A delete beside it in the same folder may have pruned the folder, now empty, already:
        // the unlink is then as durable as that removal.
        if (!isErrno(error, 'ENOENT')) throw error;
      }
      await pruneEmptyDirectories(dirname(path), root);
      return { deleted: true };
    },

    signedUrl(key, { expiresInSeconds }) {
      return new Promise((resolve) => {
        assertValidObjectKey(key);
        assertValidExpiry(expiresInSeconds);
        if (!urlSigner) {
          throw new ObjectStoreConfigError(
            'filesystem object store has no URL signer (needs a signing secret and publicBaseUrl)',
          );
        }
        resolve(urlSigner.signedUrl(key, expiresInSeconds));
      });
    },

    verifyObjectSignature(key, expires, sig) {
      return urlSigner?.verifyObjectSignature(key, expires, sig) ?? false;
    },

    close() {
      batchSync.close();
      return Promise.resolve();
    },
  };
}

/** One object of a putMany, encoded and ready to be written. */
interface PreparedFile {
  readonly key: string;
  readonly sha256: string;
  readonly size: number;
  readonly finalPath: string;
  readonly dir: string;
  readonly tempPath: string;
  /** Body (encrypted when the object has a tenant) followed by the trailer. */
  readonly bytes: Buffer;
}

/** File operations of one putMany in flight: enough to keep the thread pool and the disk busy. */
const fileConcurrency = 16;

const eachLimited = async <T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> => {
  await mapLimited(items, fileConcurrency, fn);
};

/**
 * placeWithoutReplacing for a batch's file, whose temporary file is elsewhere: the day folder may
 * have been pruned by a delete since it was made (it was empty), so it is made again and retried.
 */
async function placeInFolder(file: PreparedFile, makeDir: (dir: string) => Promise<void>): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await placeWithoutReplacing(file.tempPath, file.finalPath);
    } catch (error) {
      if (!isErrno(error, 'ENOENT') || attempt >= OPEN_ATTEMPTS) throw error;
      await makeDir(file.dir);
    }
  }
}

const writeFileCallback = promisify(fsWriteFile);
const linkCallback = promisify(fsLink);

/** What the file records about an object after its bytes (see fs-object.layout.ts). */
function trailerOf(
  options: PutObjectOptions,
  facts: { sha256: string; size: number; createdAt: string; encrypted: boolean },
): ObjectTrailer {
  return {
    v: 1,
    sha256: facts.sha256,
    size: facts.size,
    contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
    metadata: { ...options.metadata },
    createdAt: facts.createdAt,
    ...(options.retainUntil ? { retainUntil: options.retainUntil.toISOString() } : {}),
    ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}),
    encrypted: facts.encrypted,
  };
}

function headFromTrailer(key: string, trailer: ObjectTrailer): ObjectHead {
  return {
    key,
    size: trailer.size,
    sha256: trailer.sha256,
    contentType: trailer.contentType,
    metadata: trailer.metadata,
    createdAt: new Date(trailer.createdAt),
    ...(trailer.retainUntil !== undefined ? { retainUntil: new Date(trailer.retainUntil) } : {}),
    ...(trailer.tenantId !== undefined ? { tenantId: trailer.tenantId } : {}),
  };
}

/**
 * Opens a fresh temporary file next to the target (same directory, so the final link is
 * atomic). Retries when a concurrent delete pruned the directory between mkdir and open.
 */
async function openTemp(
  dir: string,
): Promise<{ handle: FileHandle; tempPath: string; createdDirs: string[] }> {
  for (let attempt = 1; ; attempt += 1) {
    const firstCreated = await mkdir(dir, { recursive: true });
    const tempPath = join(dir, `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(
        tempPath,
        fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL,
        0o600,
      );
      return { handle, tempPath, createdDirs: firstCreated ? ancestorsFrom(firstCreated, dir) : [] };
    } catch (error) {
      if (!isErrno(error, 'ENOENT') || attempt >= OPEN_ATTEMPTS) throw error;
    }
  }
}

/** Parents whose entries changed because mkdir created `firstCreated` .. `dir`. */
function ancestorsFrom(firstCreated: string, dir: string): string[] {
  const dirs: string[] = [];
  for (let current = dirname(dir); ; current = dirname(current)) {
    dirs.push(current);
    if (current === dirname(firstCreated) || current === dirname(current)) break;
  }
  return dirs;
}

/** What link() answers on file systems without hard links (some network and FUSE mounts). */
const noHardLinkCodes = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'];

/**
 * link() fails with EEXIST instead of replacing, which gives write-once without a lock:
 * of two concurrent puts exactly one wins. Filesystems without hard links (some network
 * and FUSE mounts) fall back to check-then-rename, which leaves a small race window.
 */
async function placeWithoutReplacing(tempPath: string, finalPath: string): Promise<boolean> {
  try {
    await linkCallback(tempPath, finalPath);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    if (!noHardLinkCodes.some((code) => isErrno(error, code))) throw error;
  }
  try {
    await stat(finalPath);
    return false;
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  await rename(tempPath, finalPath);
  return true;
}

async function openExisting(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, fsConstants.O_RDONLY);
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

async function pruneEmptyDirectories(from: string, root: string): Promise<void> {
  for (let dir = from; dir !== root && dir.startsWith(`${root}/`); dir = dirname(dir)) {
    try {
      await rmdir(dir);
    } catch {
      return; // not empty (or already gone): stop climbing
    }
  }
}

function fileSink(handle: FileHandle): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeAll(handle, chunk).then(() => callback(), callback);
    },
  });
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

function toReadable(body: Buffer | Readable): Readable {
  return Buffer.isBuffer(body) ? Readable.from(body.length > 0 ? [body] : [], { objectMode: false }) : body;
}

function joinKey(dirKey: string, name: string): string {
  return dirKey === '' ? name : `${dirKey}/${name}`;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
