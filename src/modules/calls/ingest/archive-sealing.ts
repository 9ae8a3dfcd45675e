import { createHash } from 'node:crypto';
import { SubjectErasedError, type SubjectKeys } from '../../../platform/crypto/index.js';
import { ObjectNotFoundError, type ObjectStore } from '../../../platform/objects/index.js';
import type { CallParty, NormalisedCall } from '../call-record.js';
import type { ArchiveSegmentRef } from '../contract.js';
import { CallsErrors } from '../errors.js';

/*
 * Crypto-shredding of the raw archive: each archive object is sealed under the subject keys of the
 * call's outside parties (their E.164 numbers), inside the object store's own tenant encryption.
 * Erasing a number destroys its key, and every archived payload of its calls becomes unreadable,
 * backups and write-once copies included, without rewriting a single object.
 *
 * Sealing is deterministic (a nonce derived from the key, the object key and the bytes): a batch
 * retried after a crash writes the very bytes the first attempt wrote, as the write-once store
 * requires. Objects archived before sealing (plain JSON) are still read as they are.
 */

/** At most this many numbers name one object (the subject keys' own limit). */
const MAX_SUBJECTS = 16;

export interface ArchiveSealing {
  /**
   * Seals a batch's bodies, each under its parties' keys: one key look-up for the whole batch, one
   * sealer per distinct party set, no await per record. A body without outside numbers stays as it is.
   */
  sealBatch(
    tenantId: string,
    items: readonly { readonly key: string; readonly body: Buffer; readonly phones: readonly string[] }[],
  ): Promise<Buffer[]>;
  /** The plain bytes of an archive object, sealed or from before sealing; erased → CALLS_RAW_ERASED (410). */
  open(tenantId: string, key: string, stored: Buffer): Promise<Buffer>;
  /** Whether the stored bytes are sealed under subject keys. */
  isSealed(stored: Buffer): boolean;
}

/** The outside parties' E.164 numbers of a call: the tenant's own end (the number called in to, the caller out) is not a data subject. */
export function outsideNumbers(call: NormalisedCall): string[] {
  if (call.direction === 'internal') return [];
  const ends: CallParty[] =
    call.direction === 'inbound'
      ? [call.from, ...call.legs.map((leg) => leg.to)]
      : call.direction === 'outbound'
        ? [call.to, ...call.legs.map((leg) => leg.to)]
        : [call.from, call.to, ...call.legs.flatMap((leg) => [leg.from, leg.to])];
  const numbers = new Set(ends.flatMap((party) => (party.e164 ? [party.e164] : [])));
  if (call.direction === 'inbound' && call.to.e164) numbers.delete(call.to.e164);
  if (call.direction === 'outbound' && call.from.e164) numbers.delete(call.from.e164);
  return [...numbers].sort().slice(0, MAX_SUBJECTS);
}

export function createArchiveSealing(subjectKeys: SubjectKeys): ArchiveSealing {
  return {
    async sealBatch(tenantId, items) {
      const sets = new Map<string, readonly string[]>();
      for (const item of items) {
        const phones = [...new Set(item.phones)].sort();
        if (phones.length > 0) sets.set(phones.join(','), phones);
      }
      if (sets.size === 0) return items.map((item) => item.body);
      const ids = [...sets.keys()];
      // A number erased earlier that calls again: its new calls are sealed under the other parties
      // only (nothing is sealed under a destroyed key); see docs/privacy.md.
      const sealers = await subjectKeys.sealers(
        tenantId,
        ids.map((id) => (sets.get(id) ?? []).map((value) => ({ kind: 'phone' as const, value }))),
        { skipErased: true },
      );
      const byId = new Map(ids.map((id, index) => [id, sealers[index]]));
      return items.map((item) => {
        const sealer = byId.get([...new Set(item.phones)].sort().join(','));
        if (!sealer || sealer.refs.length === 0) return item.body;
        return sealer.sealDeterministic(item.body, `calls.archive:${item.key}`);
      });
    },
    async open(tenantId, key, stored) {
      if (!subjectKeys.isSealed(stored)) return stored;
      try {
        return await subjectKeys.open(tenantId, stored, `calls.archive:${key}`);
      } catch (error) {
        if (error instanceof SubjectErasedError) throw CallsErrors.rawErased(error);
        throw error;
      }
    },
    isSealed: (stored) => subjectKeys.isSealed(stored),
  };
}

/**
 * Where a record's raw payload is archived: its logical key (raw_object_key, what the API shows),
 * with the segments layout the segment object and the record's place in it, and the SHA-256 of
 * the record's stored bytes (raw_sha256) when the index keeps one.
 */
export interface ArchiveLocator {
  readonly key: string;
  readonly segment?: ArchiveSegmentRef | undefined;
  readonly sha256?: string | undefined;
}

/** The segment an index row's raw columns name (all three set), or undefined (object-per-record). */
export function segmentOfRow(row: {
  readonly rawSegmentKey?: string | null;
  readonly rawSegmentOffset?: number | null;
  readonly rawSegmentLength?: number | null;
}): ArchiveSegmentRef | undefined {
  const { rawSegmentKey: key, rawSegmentOffset: offset, rawSegmentLength: length } = row;
  return key != null && offset != null && length != null ? { key, offset, length } : undefined;
}

/** A locator from an index row's raw columns (segment columns null in the object-per-record layout). */
export function locatorOfRow(
  row: Parameters<typeof segmentOfRow>[0] & {
    readonly rawObjectKey: string;
    readonly rawSha256?: string | null;
  },
): ArchiveLocator {
  return { key: row.rawObjectKey, segment: segmentOfRow(row), sha256: row.rawSha256 ?? undefined };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads a record's archived bytes and opens them: the plain JSON the archive holds for a record,
 * or null when the object (or segment) is missing or larger than `maxBytes`. In a segment, the
 * record's slice is cut out (the whole segment is read: segments are bounded by the batch size,
 * and the stores encrypt and check objects whole) and checked against the locator's SHA-256
 * before it is opened: a mismatch is CALLS_RAW_CORRUPT, never other bytes served. (A whole
 * object is checked by the store itself against the SHA-256 recorded when it was put.)
 * Erased → CALLS_RAW_ERASED (410). Every reader of a record's raw payload goes through here.
 */
export async function readArchiveObject(
  deps: { readonly archive: ObjectStore; readonly sealing: ArchiveSealing },
  tenantId: string,
  locator: ArchiveLocator | string,
  maxBytes = 64 * 1024 * 1024,
): Promise<Buffer | null> {
  const where: ArchiveLocator = typeof locator === 'string' ? { key: locator } : locator;
  const objectKey = where.segment?.key ?? where.key;
  let object;
  try {
    object = await deps.archive.get(objectKey);
  } catch (error) {
    if (error instanceof ObjectNotFoundError) return null;
    throw error;
  }
  // The limit is the record's: a segment (bounded by its batch) is read whole whatever its size.
  if (where.segment ? where.segment.length > maxBytes : object.size > maxBytes) {
    object.body.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of object.body)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  const whole = Buffer.concat(chunks);
  let stored = whole;
  if (where.segment) {
    const { offset, length } = where.segment;
    if (offset < 0 || length < 0 || offset + length > whole.length) throw CallsErrors.rawCorrupt(where.key);
    // A copy, so the rest of the segment is not kept alive by the slice.
    stored = Buffer.from(whole.subarray(offset, offset + length));
  }
  // A whole object is checked by the store against the SHA-256 recorded at put; a slice here.
  if (
    where.segment &&
    !(
      where.sha256 &&
      SHA256_HEX.test(where.sha256) &&
      createHash('sha256').update(stored).digest('hex') === where.sha256
    )
  )
    throw CallsErrors.rawCorrupt(where.key);
  return deps.sealing.open(tenantId, where.key, stored);
}
