import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, link as fsLink, writeFile as fsWriteFile } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  statfs,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { mapLimited } from '../concurrency.js';
import type { Keyring } from '../crypto/index.js';
import { createSha256Meter, readAll, verifiedBody } from './checksum.stream.js';
import { createBatchSync, fsyncPath, type BatchSyncMode } from './fs-batch-sync.js';
import {
  OBJECT_FILE_SUFFIX,
  TEMP_FILE_PREFIX,
  decodeSegment,
  encodeSegment,
  encodeTrailer,
  hasTrailerMagic,
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
  ObjectChecksumMismatchError,
  ObjectExistsError,
  ObjectNotFoundError,
  ObjectRetainedError,
  ObjectStoreConfigError,
  unavailable,
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
  /**
   * How putMany places objects (docs/objects.md): `exclusive-create` writes each at its final name
   * with O_EXCL; `link` writes temporary files and links them to their names, for file systems
   * whose exclusive create cannot be trusted. `auto`, the default: `link` on NFS, else
   * `exclusive-create`.
   */
  readonly writeProtocol?: 'auto' | FsWriteProtocol;
  /**
   * How long an unfinished file at an object's name (a write in progress, or one a crash cut short)
   * is left to its writer before a put of the same key replaces it; 5 s by default.
   */
  readonly unfinishedWriteGraceMs?: number;
}

export type FsWriteProtocol = 'exclusive-create' | 'link';

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
const DEFAULT_UNFINISHED_WRITE_GRACE_MS = 5_000;
/** How often a put that found an unfinished file looks at it again, within the grace. */
const UNFINISHED_POLL_MS = 20;
/** statfs f_type of NFS: its exclusive create is not trusted (NFSv2 lacks it, v3 emulates it). */
const NFS_SUPER_MAGIC = 0x6969;

/** What is at an object's name. */
type FoundFile =
  | { readonly state: 'absent' }
  | { readonly state: 'unfinished'; readonly identity: FileIdentity }
  | { readonly state: 'complete'; readonly identity: FileIdentity; readonly trailer: ObjectTrailer };

/** Enough to tell whether the file at a name is still the one looked at, untouched. */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export function createFilesystemObjectStore(options: FilesystemObjectStoreOptions): FilesystemObjectStore {
  const root = resolve(options.root);
  const now = options.now ?? (() => new Date());
  const { keyring, urlSigner } = options;
  const batchSync = createBatchSync(root, options.batchSync);
  const graceMs = options.unfinishedWriteGraceMs ?? DEFAULT_UNFINISHED_WRITE_GRACE_MS;

  let protocol: Promise<FsWriteProtocol> | undefined;
  /** Decided once, at the first putMany (the root exists from then on). */
  const writeProtocol = (): Promise<FsWriteProtocol> => {
    protocol ??= (async (): Promise<FsWriteProtocol> => {
      if (options.writeProtocol !== undefined && options.writeProtocol !== 'auto')
        return options.writeProtocol;
      await mkdir(root, { recursive: true });
      const info = await statfs(root).catch(() => undefined);
      return info?.type === NFS_SUPER_MAGIC ? 'link' : 'exclusive-create';
    })();
    return protocol;
  };

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

  const inspect = async (key: string): Promise<FoundFile> => {
    const handle = await openExisting(objectPath(root, key));
    if (!handle) return { state: 'absent' };
    try {
      const info = await handle.stat();
      const identity = { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
      if (!(await hasTrailerMagic(handle, info.size))) return { state: 'unfinished', identity };
      const { trailer } = await readTrailer(handle, info.size, key);
      return { state: 'complete', identity, trailer };
    } finally {
      await handle.close();
    }
  };

  /** The object's head; undefined when there is none, or only an unfinished write (never an object). */
  const readHead = async (key: string): Promise<{ head: ObjectHead; trailer: ObjectTrailer } | undefined> => {
    const found = await inspect(key);
    return found.state === 'complete'
      ? { head: headFromTrailer(key, found.trailer), trailer: found.trailer }
      : undefined;
  };

  /** Whether the whole body is there and hashes to its trailer (decrypting it if it is encrypted). */
  const bodyIsWhole = async (key: string): Promise<boolean> => {
    try {
      await readAll((await getObject(key)).body);
      return true;
    } catch (error) {
      if (error instanceof ObjectChecksumMismatchError || error instanceof ObjectNotFoundError) return false;
      throw error;
    }
  };

  /**
   * A put found its key taken. A complete object decides: the same SHA-256 and size is this very
   * object (`reused`; the caller syncs it again, since whoever wrote it may have died before its
   * sync), anything else is a write-once conflict. A file without its trailer is an unfinished write:
   * either one still in progress, left to its writer for `graceMs` after its last change, or one a
   * crash cut short, which no put ever returned for (a put returns only once its file is whole and
   * synced). Once the grace is over it is replaced by `replace()`, which must rename a whole, synced
   * file over the name; the file is checked to be untouched just before. So is a file whose trailer
   * names these very bytes but whose body does not hold them (a torn write of this same object).
   * `absent` when the name became free meanwhile (a delete): the caller tries again.
   */
  const settleTaken = async (
    file: {
      readonly key: string;
      readonly sha256: string;
      readonly size: number;
      readonly finalPath: string;
    },
    replace: () => Promise<void>,
  ): Promise<'reused' | 'replaced' | 'absent'> => {
    for (;;) {
      const found = await inspect(file.key);
      if (found.state === 'absent') return 'absent';
      if (found.state === 'complete') {
        if (found.trailer.sha256 !== file.sha256 || found.trailer.size !== file.size)
          throw new ObjectExistsError(file.key, found.trailer.sha256);
        if (await bodyIsWhole(file.key)) return 'reused';
      }
      const age = Date.now() - found.identity.mtimeMs;
      if (age < graceMs) {
        await sleep(Math.min(graceMs - age, UNFINISHED_POLL_MS));
        continue;
      }
      const current = await identityOf(file.finalPath);
      if (!current || !sameIdentity(current, found.identity)) continue; // changed meanwhile: look again
      await replace();
      return 'replaced';
    }
  };

  async function getObject(key: string): Promise<GetObjectResult> {
    assertValidObjectKey(key);
    const handle = await openExisting(objectPath(root, key));
    if (!handle) throw new ObjectNotFoundError(key);
    try {
      const size = (await handle.stat()).size;
      // An unfinished write at the name is not an object (yet).
      if (!(await hasTrailerMagic(handle, size))) throw new ObjectNotFoundError(key);
      const { trailer, bodyLength } = await readTrailer(handle, size, key);
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
  }

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

  /*
   * putMany with exclusive create (docs/objects.md, "Batches"): each object is written straight to
   * its final name with O_EXCL, unsynced, and one batch sync (syncfs, or an fsync of each file and
   * folder: fs-batch-sync.ts) makes them all durable. No temporary file, no link, one sync. Until a
   * file is whole it has no trailer, and readers take it for absent. A name found taken is settled
   * by settleTaken. The small-file calls use the callback API: a promise and a FileHandle per call
   * cost more CPU than the calls themselves. They run in the thread pool, never on the event loop,
   * which a syncfs under way could stall.
   */
  const putInPlace = async (
    prepared: readonly PreparedFile[],
    changedDirs: Set<string>,
    makeDir: (dir: string) => Promise<void>,
  ): Promise<PutObjectResult[]> => {
    const results = new Array<PutObjectResult>(prepared.length);
    const toSync: string[] = [];
    /** Files whose write took so long that settleTaken elsewhere may have replaced them. */
    const slow: PreparedFile[] = [];
    await eachLimited([...prepared.keys()], async (index) => {
      const file = prepared[index] as PreparedFile;
      const result = (created: boolean) => ({ key: file.key, sha256: file.sha256, size: file.size, created });
      for (let attempt = 1; ; attempt += 1) {
        const started = Date.now();
        try {
          await writeFileCallback(file.finalPath, file.bytes, { flag: 'wx', mode: 0o600 });
          if (Date.now() - started >= graceMs / 2) slow.push(file);
          toSync.push(file.finalPath);
          changedDirs.add(file.dir);
          results[index] = result(true);
          return;
        } catch (error) {
          // ENOENT: a delete pruned the day folder, empty, since it was made.
          if (isErrno(error, 'ENOENT') && attempt < OPEN_ATTEMPTS) {
            await makeDir(file.dir);
            continue;
          }
          if (!isErrno(error, 'EEXIST')) throw error;
        }
        const outcome = await settleTaken(file, () => replaceWithSynced(file));
        if (outcome === 'absent') {
          if (attempt < OPEN_ATTEMPTS) continue;
          throw unavailable('put', file.key, new Error('the key keeps changing'));
        }
        if (outcome === 'reused') toSync.push(file.finalPath);
        changedDirs.add(file.dir);
        results[index] = result(outcome === 'replaced');
        return;
      }
    });
    await batchSync.sync([...toSync, ...changedDirs]);
    // A write that took longer than half the grace may have been taken for abandoned and replaced
    // (settleTaken): what stands at the name now decides, as for any put that found its key taken.
    for (const file of slow) {
      const standing = await readHead(file.key);
      if (standing?.head.sha256 !== file.sha256 || standing.head.size !== file.size)
        throw new ObjectExistsError(file.key, standing?.head.sha256 ?? '');
    }
    return results;
  };

  /** settleTaken's replacement for a putMany object: a whole, synced file renamed over the name. */
  const replaceWithSynced = async (file: PreparedFile): Promise<void> => {
    const tempPath = join(file.dir, `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      await writeFileCallback(tempPath, file.bytes, { flag: 'wx', mode: 0o600 });
      await fsyncPath(tempPath);
      await rename(tempPath, file.finalPath);
    } catch (error) {
      await unlink(tempPath).catch(() => undefined);
      throw error;
    }
  };

  /*
   * putMany with links, for file systems whose exclusive create is not trusted: every body is
   * written to a temporary file unsynced, all are synced at once, linked to their names (link()
   * never replaces), and the folders that gained names are synced once. The batch's temporary files
   * live in a folder of their own, not beside the objects: creating and removing hundreds of files
   * in a day folder that other batches are linking into makes them all queue on that folder's lock.
   */
  const putLinked = async (
    prepared: readonly PreparedFile[],
    changedDirs: Set<string>,
    makeDir: (dir: string) => Promise<void>,
  ): Promise<PutObjectResult[]> => {
    const batchDir = join(root, BATCHES_DIR, randomBytes(8).toString('hex'));
    const tempPath = (index: number) => join(batchDir, String(index));
    sweepAbandonedBatches();
    await mkdir(batchDir, { recursive: true, mode: 0o700 });
    try {
      await eachLimited([...prepared.keys()], (index) =>
        writeFileCallback(tempPath(index), (prepared[index] as PreparedFile).bytes, {
          flag: 'wx',
          mode: 0o600,
        }),
      );
      await batchSync.sync(prepared.map((_, index) => tempPath(index)));
      const results = new Array<PutObjectResult>(prepared.length);
      await eachLimited([...prepared.keys()], async (index) => {
        const file = prepared[index] as PreparedFile;
        const result = (created: boolean) => ({
          key: file.key,
          sha256: file.sha256,
          size: file.size,
          created,
        });
        for (let attempt = 1; ; attempt += 1) {
          if (await placeInFolder(tempPath(index), file, makeDir)) {
            changedDirs.add(file.dir);
            results[index] = result(true);
            return;
          }
          // The temporary file is whole and synced: it may be renamed over an abandoned write.
          const outcome = await settleTaken(file, () => rename(tempPath(index), file.finalPath));
          if (outcome === 'absent' && attempt < OPEN_ATTEMPTS) continue;
          if (outcome === 'absent') throw unavailable('put', file.key, new Error('the key keeps changing'));
          if (outcome === 'reused') await fsyncPath(file.finalPath); // found, maybe never synced
          changedDirs.add(file.dir);
          results[index] = result(outcome === 'replaced');
          return;
        }
      });
      await batchSync.sync([...changedDirs]);
      return results;
    } finally {
      // The temporary names go with their folder; the objects keep their links.
      await rm(batchDir, { recursive: true, force: true });
    }
  };

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

        for (let attempt = 1; ; attempt += 1) {
          if (await placeWithoutReplacing(tempPath, finalPath)) break;
          // The temporary file is whole and synced: renaming it over an abandoned unfinished write is safe.
          const outcome = await settleTaken({ key, sha256, size, finalPath }, () =>
            rename(tempPath, finalPath),
          );
          if (outcome === 'reused') {
            // Its writer may have died before syncing it (a putMany writes at the final name).
            await fsyncPath(finalPath);
            await fsyncPath(dir);
            return { key, sha256, size, created: false };
          }
          if (outcome === 'replaced') break;
          if (attempt >= OPEN_ATTEMPTS) throw unavailable('put', key, new Error('the key keeps changing'));
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
      if (items.length === 0) return [];
      const createdAt = now().toISOString();
      const sealers = new Map<string, (plaintext: Buffer) => Buffer>();
      for (const { options: putOptions = {} } of items) {
        const { tenantId } = putOptions;
        if (tenantId !== undefined && keyring && !sealers.has(tenantId))
          sealers.set(tenantId, await keyring.objectSealer(tenantId));
      }
      const prepared: PreparedFile[] = items.map(({ key, body, options: putOptions = {} }) => {
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
        return {
          key,
          sha256,
          size: body.length,
          finalPath,
          dir: dirname(finalPath),
          bytes: Buffer.concat([stored, encodeTrailer(trailer)]),
        };
      });
      const changedDirs = new Set<string>();
      const makeDir = async (dir: string) => {
        const firstCreated = await mkdir(dir, { recursive: true });
        if (firstCreated) for (const parent of ancestorsFrom(firstCreated, dir)) changedDirs.add(parent);
      };
      // A batch's objects share a few folders (one per day): make each once.
      for (const dir of new Set(prepared.map((file) => file.dir))) await makeDir(dir);
      return (await writeProtocol()) === 'link'
        ? putLinked(prepared, changedDirs, makeDir)
        : putInPlace(prepared, changedDirs, makeDir);
    },

    get: getObject,

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
      const found = await inspect(key);
      if (found.state === 'unfinished' && Date.now() - found.identity.mtimeMs >= graceMs) {
        // What a crash left of a write never retried (the archive sweep deletes such keys): not an
        // object, so nothing is reported deleted, but the file goes.
        const current = await identityOf(objectPath(root, key));
        if (current && sameIdentity(current, found.identity))
          await unlink(objectPath(root, key)).catch(() => undefined);
        return { deleted: false };
      }
      if (found.state !== 'complete') return { deleted: false };
      const { retainUntil } = headFromTrailer(key, found.trailer);
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
async function placeInFolder(
  tempPath: string,
  file: PreparedFile,
  makeDir: (dir: string) => Promise<void>,
): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await placeWithoutReplacing(tempPath, file.finalPath);
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

async function identityOf(path: string): Promise<FileIdentity | undefined> {
  try {
    const info = await stat(path);
    return { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
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
