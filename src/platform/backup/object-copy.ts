import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mapLimited } from '../concurrency.js';
import type { ObjectHead, ObjectStore } from '../objects/index.js';
import type { backupObjectCipher } from './backup-keys.js';
import { objectLineSchema, OBJECTS_FILE, type ObjectLine } from './backup.manifest.js';
import { BackupError } from './backup.errors.js';
import { digestTap, discard, writeFileFrom } from './backup-files.js';

type Cipher = ReturnType<typeof backupObjectCipher>;

/** Objects copied or checked at once: stores answer one request at a time per object, and wait on the network. */
const IN_FLIGHT = 8;
const BATCH = 64;
/** The longest list of keys a report names; the counts are always whole. */
const NAMED_AT_MOST = 100;

/** MiB with one decimal, for progress lines. */
export function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const copyPath = (key: string) => {
  const hash = createHash('sha256').update(key).digest('hex');
  return `objects/${hash.slice(0, 2)}/${hash}.sbo`;
};

export interface ObjectsBackupReport {
  readonly count: number;
  readonly bytes: number;
  readonly unreadable: readonly string[];
}

/**
 * Lists every object of the store into objects.jsonl (key, size, SHA-256, what a put needs to
 * restore it) and, with `copy`, streams each object into the backup encrypted. An object whose
 * bytes no longer match its checksum is listed with the problem and counted, not copied.
 */
export async function backupObjects(
  store: ObjectStore,
  root: string,
  options: { readonly copy: boolean; readonly cipher: Cipher; readonly progress: (line: string) => void },
): Promise<ObjectsBackupReport> {
  const out = createWriteStream(path.join(root, OBJECTS_FILE), { mode: 0o600 });
  let count = 0;
  let bytes = 0;
  const unreadable: string[] = [];
  const write = async (line: ObjectLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  const handle = async (head: ObjectHead): Promise<ObjectLine> => {
    const line: ObjectLine = {
      key: head.key,
      size: head.size,
      sha256: head.sha256,
      contentType: head.contentType,
      metadata: { ...head.metadata },
      createdAt: head.createdAt.toISOString(),
      ...(head.tenantId !== undefined ? { tenantId: head.tenantId } : {}),
      ...(head.retainUntil ? { retainUntil: head.retainUntil.toISOString() } : {}),
    };
    if (!options.copy) return line;
    const file = copyPath(head.key);
    try {
      const { body } = await store.get(head.key);
      const digest = await writeFileFrom(root, file, body, [options.cipher.encrypt()]);
      return { ...line, copy: { file, ...digest } };
    } catch (error) {
      await rm(path.join(root, file), { force: true });
      return { ...line, problem: error instanceof Error ? error.message : String(error) };
    }
  };
  const flush = async (heads: ObjectHead[]) => {
    for (const line of await mapLimited(heads, IN_FLIGHT, handle)) {
      count += 1;
      bytes += line.size;
      if (line.problem) unreadable.push(line.key);
      await write(line);
    }
    if (count % 1000 < heads.length)
      options.progress(`objects: ${count} ${options.copy ? 'copied' : 'listed'} (${mebibytes(bytes)})`);
  };
  try {
    let batch: ObjectHead[] = [];
    for await (const head of store.list('')) {
      batch.push(head);
      if (batch.length >= BATCH) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await flush(batch);
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { count, bytes, unreadable };
}

export interface ObjectsRestoreReport {
  readonly count: number;
  /** Put back from the backup's copies. */
  readonly restored: number;
  /** Already in the store with the recorded checksum. */
  readonly present: number;
  readonly missing: readonly string[];
  readonly mismatched: readonly string[];
  readonly missingCount: number;
  readonly mismatchedCount: number;
}

/**
 * Puts back every object of objects.jsonl the store lacks (from the backup's encrypted copies), and
 * checks every one against the manifest: missing, or a SHA-256 other than recorded. `read` also reads
 * each object that was already there to its end (the store re-hashes what it streams); `head` trusts
 * the checksum the store recorded.
 */
export async function restoreObjects(
  store: ObjectStore,
  root: string,
  options: {
    readonly cipher: Cipher;
    readonly verify: 'head' | 'read';
    readonly progress: (line: string) => void;
  },
): Promise<ObjectsRestoreReport> {
  const lines = createInterface({
    input: createReadStream(path.join(root, OBJECTS_FILE)),
    crlfDelay: Infinity,
  });
  let count = 0;
  let restored = 0;
  let present = 0;
  const missing: string[] = [];
  const mismatched: string[] = [];
  let missingCount = 0;
  let mismatchedCount = 0;

  const check = async (line: ObjectLine): Promise<'restored' | 'present' | 'missing' | 'mismatched'> => {
    const head = await store.head(line.key);
    if (head) {
      if (line.sha256 !== '' && head.sha256 !== line.sha256) return 'mismatched';
      if (options.verify === 'read') {
        try {
          await pipeline((await store.get(line.key)).body, discard());
        } catch {
          return 'mismatched';
        }
      }
      return 'present';
    }
    if (!line.copy) return 'missing';
    const tap = digestTap();
    const retainUntil = line.retainUntil ? new Date(line.retainUntil) : undefined;
    const body = new PassThrough();
    pipeline(createReadStream(path.join(root, line.copy.file)), tap, options.cipher.decrypt(), body).catch(
      (error: unknown) => body.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    const put = await store.put(line.key, body, {
      contentType: line.contentType,
      metadata: line.metadata,
      ...(line.tenantId !== undefined ? { tenantId: line.tenantId } : {}),
      ...(retainUntil && retainUntil.getTime() > Date.now() ? { retainUntil } : {}),
    });
    if (tap.digest().sha256 !== line.copy.sha256 || (line.sha256 !== '' && put.sha256 !== line.sha256))
      return 'mismatched';
    return 'restored';
  };

  const run = async (batch: ObjectLine[]) => {
    const outcomes = await mapLimited(batch, IN_FLIGHT, check);
    for (const [i, outcome] of outcomes.entries()) {
      const key = batch[i]?.key ?? '';
      count += 1;
      if (outcome === 'restored') restored += 1;
      else if (outcome === 'present') present += 1;
      else if (outcome === 'missing') {
        missingCount += 1;
        if (missing.length < NAMED_AT_MOST) missing.push(key);
      } else {
        mismatchedCount += 1;
        if (mismatched.length < NAMED_AT_MOST) mismatched.push(key);
      }
    }
    if (count % 1000 < batch.length) options.progress(`objects: ${count} checked, ${restored} put back`);
  };

  let batch: ObjectLine[] = [];
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const parsed = objectLineSchema.safeParse(parseJson(text));
    if (!parsed.success)
      throw new BackupError('BACKUP_INVALID', `${OBJECTS_FILE} line ${lineNumber} is not an object entry`);
    batch.push(parsed.data);
    if (batch.length >= BATCH) {
      await run(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await run(batch);
  return { count, restored, present, missing, mismatched, missingCount, mismatchedCount };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
