import { createHash } from 'node:crypto';
import { mapLimited } from '../../../platform/concurrency.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { UnitOfWork } from '../../../platform/db/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { SourceVersion } from '../call-record.js';
import type { ArchiveSegmentRef } from '../contract.js';
import { CallsErrors } from '../errors.js';
import type { ArchiveSealing } from './archive-sealing.js';

/*
 * The raw archive: what a source sent for each record, one write-once object per distinct version
 * (or, with the segments layout, one segment object per tenant, source and day of a batch; below).
 *
 * The key is derived from the record alone, so a retry of a batch (after a crash between writing
 * the objects and committing the index) lands on the objects the first attempt wrote and reuses
 * them. The archive keeps a ledger of its objects (calls.archive_objects): a key is claimed
 * before its object is put, and the claim is committed in the transaction that indexes the
 * record. A claim that stays uncommitted past `sweepAfterMs` belongs to a batch that never
 * committed and is not being retried; the sweep deletes its object. See docs/objects.md.
 */

/** One record's raw source data, ready to be archived. */
export interface ArchiveEntry {
  readonly source: string;
  readonly sourceCallId: string;
  readonly sourceVersion: SourceVersion;
  /** When the call started (UTC): it dates the archive folder. */
  readonly startedAt: string;
  /** What the source sent for this record (rows with their original lines, or the document). */
  readonly raw: unknown;
  /** The outside parties' E.164 numbers: the object is sealed under their subject keys. */
  readonly phones?: readonly string[];
}

/**
 * How an installation lays out its raw archive (SWITCHBOARD_ARCHIVE_LAYOUT): one object per record
 * version (the default), or the records of a batch in one segment object per tenant, source and day.
 */
export type ArchiveLayout = 'object-per-record' | 'segments';
export const ARCHIVE_LAYOUTS: readonly ArchiveLayout[] = ['object-per-record', 'segments'];

export type { ArchiveSegmentRef };

export interface ArchivedObject {
  /** The record's logical key (archiveKey): the object's key, or the record's name inside its segment. */
  readonly key: string;
  /** SHA-256 of the record's stored bytes (sealed, as written). */
  readonly sha256: string;
  /** With the segments layout: the segment holding the record. */
  readonly segment?: ArchiveSegmentRef;
}

/** The archive's ledger of its objects, kept in the calls schema (repo/archive-objects.repo.ts). */
export interface ArchiveLedger {
  /** In a transaction of its own, before the objects are put: claims each key (again), unless it is committed. */
  claim(ctx: RequestContext, keys: readonly string[]): Promise<void>;
  /**
   * In the transaction that indexes what the objects archive: locks the keys' rows and commits
   * the claims made less than `trustMs` ago. Answers the keys it cannot vouch for: claims older
   * than that (a sweep may have removed their object) and keys without a row (swept).
   */
  commitWithin(
    trx: UnitOfWork,
    ctx: RequestContext,
    keys: readonly string[],
    trustMs: number,
  ): Promise<{ stale: string[]; missing: string[] }>;
  /** Commits stale claims (locked by commitWithin) whose objects were found in place. */
  confirmWithin(trx: UnitOfWork, ctx: RequestContext, keys: readonly string[]): Promise<void>;
  /** Tenants with claims older than `olderThanMs`. */
  tenantsWithStaleClaims(olderThanMs: number): Promise<string[]>;
  /**
   * In a transaction of the tenant: locks up to `limit` claims older than `olderThanMs` (skipping
   * those a writer holds), lets `remove` delete their objects, then deletes the rows.
   * Answers how many it removed.
   */
  sweepStaleClaims(
    ctx: RequestContext,
    olderThanMs: number,
    limit: number,
    remove: (keys: readonly string[]) => Promise<void>,
  ): Promise<number>;
}

/** A claim older than this is a leftover: no batch takes an hour from claim to commit. */
export const sweepAfterMs = 60 * 60_000;
/**
 * A batch trusts its own claims for half that long; an older claim is checked against the store
 * before the batch commits, so a sweep never removes an object that an index row then names.
 */
export const trustClaimsMs = sweepAfterMs / 2;

const pad = (n: number) => String(n).padStart(2, '0');
const DIGEST_CHARS = 16;
const MAX_ID_CHARS = 96;
const MAX_VERSION_CHARS = 48;
/** Kept as they are in a key; every other character is percent-encoded (UTF-8). */
const SAFE_CHAR = /^[A-Za-z0-9_.@+=-]$/;
/** A segment kept whole: safe characters only, not starting with `.`. */
const SAFE_SEGMENT = /^(?!\.)[A-Za-z0-9_.@+=-]*$/;

/**
 * `text` made safe for one segment of an object key, readable where it can be: unusual characters
 * percent-encoded (`/` `%2F`, NUL `%00`, `é` `%C3%A9`), a leading `.` too (no hidden files), and
 * cut after `maxChars` with a `~`. Not reversible in general (cut, lone surrogates): the content
 * digest beside it in the key is what keeps keys apart.
 */
export function keySegmentPart(text: string, maxChars: number): string {
  // Most ids are safe as they are: one regular-expression test instead of one per character.
  if (text.length <= maxChars && SAFE_SEGMENT.test(text)) return text;
  let out = '';
  for (const char of text) {
    const safe = SAFE_CHAR.test(char) && !(out === '' && char === '.');
    const piece = safe
      ? char
      : Array.from(
          Buffer.from(char, 'utf8'),
          (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join('');
    if (out.length + piece.length > maxChars) return `${out}~`;
    out += piece;
  }
  return out;
}

/** The bytes archived for an entry: the raw, with what identifies the record it was read into. */
export function archiveBody(entry: ArchiveEntry): Buffer {
  return Buffer.from(
    JSON.stringify({
      source: entry.source,
      sourceCallId: entry.sourceCallId,
      sourceVersion: entry.sourceVersion,
      raw: entry.raw,
    }),
    'utf8',
  );
}

/**
 * `<tenant>/<source>/<yyyy>/<mm>/<dd>/<source call id>_v<version>_<digest>.json`, dated by the
 * call's start (UTC). The same record read again (a retry, the same payload sent twice) gets the
 * same key. Different content under the same call and version (Graph serves one version with
 * different expansions, a Twilio callback without SequenceNumber ranks by status, a CDR row
 * comes in two files) gets a key of its own through the digest, the first 16 hex digits of the
 * body's SHA-256, instead of being refused by the write-once store.
 */
export function archiveKey(tenantId: string, entry: ArchiveEntry, body: Buffer = archiveBody(entry)): string {
  const day = new Date(entry.startedAt);
  if (Number.isNaN(day.getTime()))
    throw new RangeError(`archive entry of ${entry.source} call has no usable startedAt`);
  const version =
    typeof entry.sourceVersion === 'number'
      ? String(entry.sourceVersion)
      : keySegmentPart(entry.sourceVersion, MAX_VERSION_CHARS);
  const digest = createHash('sha256').update(body).digest('hex').slice(0, DIGEST_CHARS);
  return [
    tenantId,
    entry.source,
    String(day.getUTCFullYear()),
    pad(day.getUTCMonth() + 1),
    pad(day.getUTCDate()),
    `${keySegmentPart(entry.sourceCallId, MAX_ID_CHARS)}_v${version}_${digest}.json`,
  ].join('/');
}

/**
 * Archives a batch: claims its keys, then writes every distinct object in one putMany (synced
 * together; an object already there with the same bytes is reused). Resolves, in the entries'
 * order, once every object is durable. A batch may hold the same record more than once (a line
 * shipped twice): it is written once.
 */
export async function archiveBatch(
  deps: {
    objects: ObjectStore;
    ledger: Pick<ArchiveLedger, 'claim'>;
    sealing?: ArchiveSealing;
    layout?: ArchiveLayout;
  },
  ctx: RequestContext,
  entries: readonly ArchiveEntry[],
): Promise<ArchivedObject[]> {
  if (entries.length === 0) return [];
  const keys: string[] = [];
  const bodies = new Map<string, Buffer>();
  const phones = new Map<string, readonly string[]>();
  for (const entry of entries) {
    const body = archiveBody(entry);
    // The key comes from the plain body, so a retry lands on the same key (and the same sealed bytes).
    const key = archiveKey(ctx.tenantId, entry, body);
    const seen = bodies.get(key);
    // 64 bits of digest under one call and version: a collision is not expected, but never written over.
    if (seen && !seen.equals(body)) throw new Error(`two different archive bodies share the key ${key}`);
    bodies.set(key, body);
    phones.set(key, entry.phones ?? []);
    keys.push(key);
  }
  const plain = [...bodies];
  const stored = deps.sealing
    ? await deps.sealing.sealBatch(
        ctx.tenantId,
        plain.map(([key, body]) => ({ key, body, phones: phones.get(key) ?? [] })),
      )
    : plain.map(([, body]) => body);
  if (deps.layout === 'segments') {
    const located = await putSegments(
      deps,
      ctx,
      plain.map(([key], index) => ({ key, bytes: stored[index] ?? Buffer.alloc(0) })),
    );
    return keys.map((key) => {
      const found = located.get(key);
      if (!found) throw new Error(`archive record ${key} was not written to a segment`);
      return found;
    });
  }
  await deps.ledger.claim(ctx, [...bodies.keys()]);
  const results = await deps.objects.putMany(
    plain.map(([key, body], index) => {
      const bytes = stored[index] ?? body;
      return {
        key,
        body: bytes,
        // A sealed object is not JSON until opened (archive-sealing.ts).
        options: {
          contentType: bytes === body ? 'application/json' : 'application/octet-stream',
          tenantId: ctx.tenantId,
        },
      };
    }),
  );
  const sha256 = new Map(results.map((result) => [result.key, result.sha256]));
  return keys.map((key) => ({ key, sha256: sha256.get(key) ?? '' }));
}

/*
 * The segments layout (SWITCHBOARD_ARCHIVE_LAYOUT=segments): the records of one batch are written
 * as one immutable object per (tenant, source, UTC day of the call start), each record's stored
 * bytes (sealed exactly as in the object-per-record layout, under its logical key) one after the
 * other, in logical-key order, then a JSON trailer naming each record's logical key, offset,
 * length and SHA-256, then the trailer's length (4 bytes, big-endian) and `SBSEG1`. The index
 * keeps each record's segment, offset and length, so a read needs no trailer; the trailer keeps a
 * segment self-describing for audits and rebuilds. The key is content-addressed,
 * `<tenant>/<source>/<yyyy>/<mm>/<dd>/seg_<first 32 hex of the SHA-256 of the bytes>.seg`: sealing
 * is deterministic, so a batch retried after a crash writes the same segment again, which the
 * write-once store accepts as an idempotent put. The ledger claims and commits segment keys.
 */

const SEGMENT_MAGIC = Buffer.from('SBSEG1', 'latin1');
const SEGMENT_DIGEST_CHARS = 32;

/** The folder of a logical key: `<tenant>/<source>/<yyyy>/<mm>/<dd>`. */
const folderOf = (key: string) => key.slice(0, key.lastIndexOf('/'));

/** Builds one segment's bytes from its records (already in logical-key order). */
export function buildSegment(records: readonly { key: string; bytes: Buffer }[]): {
  bytes: Buffer;
  entries: { key: string; offset: number; length: number; sha256: string }[];
} {
  let offset = 0;
  const entries = records.map(({ key, bytes }) => {
    const entry = {
      key,
      offset,
      length: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    offset += bytes.length;
    return entry;
  });
  const trailer = Buffer.from(JSON.stringify({ v: 1, records: entries }), 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(trailer.length);
  return { bytes: Buffer.concat([...records.map((r) => r.bytes), trailer, size, SEGMENT_MAGIC]), entries };
}

async function putSegments(
  deps: { objects: ObjectStore; ledger: Pick<ArchiveLedger, 'claim'> },
  ctx: RequestContext,
  records: readonly { key: string; bytes: Buffer }[],
): Promise<Map<string, ArchivedObject>> {
  const byFolder = new Map<string, { key: string; bytes: Buffer }[]>();
  for (const record of [...records].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const folder = folderOf(record.key);
    const list = byFolder.get(folder);
    if (list) list.push(record);
    else byFolder.set(folder, [record]);
  }
  const segments = [...byFolder].map(([folder, list]) => {
    const built = buildSegment(list);
    const digest = createHash('sha256').update(built.bytes).digest('hex').slice(0, SEGMENT_DIGEST_CHARS);
    return { key: `${folder}/seg_${digest}.seg`, ...built };
  });
  await deps.ledger.claim(
    ctx,
    segments.map((segment) => segment.key),
  );
  await deps.objects.putMany(
    segments.map((segment) => ({
      key: segment.key,
      body: segment.bytes,
      options: { contentType: 'application/octet-stream', tenantId: ctx.tenantId },
    })),
  );
  const located = new Map<string, ArchivedObject>();
  for (const segment of segments)
    for (const entry of segment.entries)
      located.set(entry.key, {
        key: entry.key,
        sha256: entry.sha256,
        segment: { key: segment.key, offset: entry.offset, length: entry.length },
      });
  return located;
}

/**
 * Inside the transaction that indexes the records: commits the claims of their archive objects,
 * so the objects outlive any sweep. A claim too old to trust is checked against the store; an
 * object that is gone (swept while this batch stalled) fails the batch with a transient error,
 * and the retry writes it again.
 */
export async function commitArchived(
  deps: { objects: Pick<ObjectStore, 'head'>; ledger: Pick<ArchiveLedger, 'commitWithin' | 'confirmWithin'> },
  trx: UnitOfWork,
  ctx: RequestContext,
  keys: readonly string[],
): Promise<void> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return;
  const { stale, missing } = await deps.ledger.commitWithin(trx, ctx, unique, trustClaimsMs);
  const present = await mapLimited(stale, 8, async (key) => (await deps.objects.head(key)) !== undefined);
  const gone = [...missing, ...stale.filter((_, index) => !present[index])];
  if (gone.length > 0) throw CallsErrors.archiveObjectSwept(gone[0] ?? '', gone.length);
  await deps.ledger.confirmWithin(trx, ctx, stale);
}

export interface ArchiveSweepReport {
  /** Objects (and their claims) removed. */
  readonly removed: number;
  readonly tenants: number;
}

/**
 * Deletes the objects of claims older than `olderThanMs` (default an hour): objects written by
 * batches that never committed and were not retried since (a payload sent to the dead letters,
 * a batch read differently by a newer version of its connector). A batch retried later claims
 * and writes its objects again. For the `calls.archive-sweep` timer.
 */
export async function sweepArchive(
  deps: {
    objects: Pick<ObjectStore, 'delete'>;
    ledger: Pick<ArchiveLedger, 'tenantsWithStaleClaims' | 'sweepStaleClaims'>;
  },
  options: { olderThanMs?: number; batchSize?: number; requestId?: string } = {},
): Promise<ArchiveSweepReport> {
  const olderThanMs = options.olderThanMs ?? sweepAfterMs;
  const batchSize = options.batchSize ?? 200;
  const tenants = await deps.ledger.tenantsWithStaleClaims(olderThanMs);
  let removed = 0;
  for (const tenantId of tenants) {
    const ctx = systemContext(tenantId, options.requestId ?? 'archive-sweep', 'calls.archive-sweep');
    for (;;) {
      const swept = await deps.ledger.sweepStaleClaims(ctx, olderThanMs, batchSize, async (keys) => {
        await mapLimited(keys, 8, (key) =>
          deps.objects.delete(key, { reason: 'calls archive: object of a batch that never committed' }),
        );
      });
      removed += swept;
      if (swept < batchSize) break;
    }
  }
  return { removed, tenants: tenants.length };
}
