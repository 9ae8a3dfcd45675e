import { sql, type Kysely } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { ModulePrivacy, SubjectDataRef } from '../../../platform/privacy/index.js';
import { toCallRecordV1, type CallParty, type NormalisedCall } from '../call-record.js';
import type { CallsTables } from '../db/calls.tables.js';
import { segmentOfRow, type ArchiveSealing } from '../ingest/archive-sealing.js';
import { buildCallRows } from '../query/call-rows.js';
import { termPurposes } from '../query/search-terms.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { deleteCallRows, insertCallRows } from '../store/call-writes.repo.js';

/*
 * The calls module's part in data-subject requests. A caller is found by the blind indexes of
 * their phone numbers (the `phone` purpose every module shares). Erasure: the privacy module has
 * already destroyed the numbers' subject keys, so every archive object sealed under them is
 * unreadable for good; here each call is rewritten without the subject (parties, record, search
 * rows rebuilt from the anonymised record), and an archive object from before sealing, which no
 * key protects, is deleted.
 */

const ERASED = '[erased]';
const DEFAULT_LIMIT = 500;
/** Calls of one subject handled per erase transaction. */
const ERASE_BATCH = 200;

interface FoundRow {
  id: string;
  startedAt: Date;
  source: string;
  direction: string;
  disposition: string | null;
  totalSeconds: number | null;
  rawObjectKey: string;
  rawSha256: string;
  rawSegmentKey: string | null;
  rawSegmentOffset: number | null;
  rawSegmentLength: number | null;
  ingestedAt: Date;
  recordCiphertext: Buffer;
}

type Trx = Kysely<CallsTables>;

async function callsOfNumbers(trx: Trx, indexes: readonly Buffer[], limit: number): Promise<FoundRow[]> {
  if (indexes.length === 0) return [];
  const { rows } = await sql<FoundRow>`
    select r.id, r.started_at as "startedAt", r.source, r.direction, r.disposition,
           r.total_seconds as "totalSeconds", r.raw_object_key as "rawObjectKey",
           r.raw_sha256 as "rawSha256", r.raw_segment_key as "rawSegmentKey",
           r.raw_segment_offset as "rawSegmentOffset", r.raw_segment_length as "rawSegmentLength",
           r.ingested_at as "ingestedAt", r.record_ciphertext as "recordCiphertext"
      from calls.call_records r
     where (r.started_at, r.id) in (
             select n.started_at, n.call_id from calls.call_numbers n
              where n.number_index in (${sql.join(indexes.map((index) => sql`${index}::bytea`))}))
     order by r.started_at desc, r.id desc
     limit ${limit}`.execute(trx);
  return rows;
}

const duration = (seconds: number | null) =>
  seconds === null
    ? null
    : seconds >= 60
      ? `${Math.floor(seconds / 60)} min ${seconds % 60} s`
      : `${seconds} s`;

const summaryOf = (row: FoundRow) =>
  [
    `${row.direction.charAt(0).toUpperCase()}${row.direction.slice(1)} call`,
    row.disposition?.replace('_', ' '),
    duration(row.totalSeconds),
    `via ${row.source}`,
  ]
    .filter((part) => part !== undefined && part !== null)
    .join(' · ');

/** Every string of a value with the subject's numbers (with and without `+`) replaced. */
function scrub<T>(value: T, numbers: readonly string[]): T {
  const needles = numbers.flatMap((n) => [n, n.replace(/^\+/, '')]).filter((n) => n.length >= 6);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return needles.reduce((text, needle) => text.split(needle).join(ERASED), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}

/** The call without the subject: their party ends lose number and name, every other mention of the number is scrubbed. */
export function anonymiseCall(call: NormalisedCall, phones: readonly string[]): NormalisedCall {
  const digits = new Set(phones.map((p) => p.replace(/\D/g, '')));
  const isSubject = (party: CallParty) =>
    (party.e164 !== null && phones.includes(party.e164)) ||
    (party.raw !== null && digits.has(party.raw.replace(/\D/g, '').replace(/^00/, '')));
  const party = (p: CallParty): CallParty =>
    isSubject(p) ? { raw: null, e164: null, displayName: null } : p;
  return scrub(
    {
      ...call,
      from: party(call.from),
      to: party(call.to),
      legs: call.legs.map((leg) => ({ ...leg, from: party(leg.from), to: party(leg.to) })),
    },
    phones,
  );
}

/** What a subject may see of their call: the call as normalised, without the source's internals and the agent's identity. */
function exportRow(id: string, call: NormalisedCall): Record<string, unknown> {
  return {
    id,
    source: call.source,
    direction: call.direction,
    disposition: call.disposition,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    ringSeconds: call.ringSeconds,
    talkSeconds: call.talkSeconds,
    totalSeconds: call.totalSeconds,
    from: call.from,
    to: call.to,
    queue: call.queue?.name ?? null,
    legs: call.legs.map((leg) => ({ from: leg.from, to: leg.to })),
    recordings: call.recordings.length,
  };
}

export function createCallsPrivacy(deps: {
  readonly database: Database;
  readonly crypto: CallCrypto;
  readonly archive: ObjectStore;
  readonly sealing: ArchiveSealing;
}): ModulePrivacy {
  const { database, crypto } = deps;
  const indexesOf = (ctx: RequestContext, phones: readonly string[]) =>
    Promise.all(
      [...new Set(phones)].map((phone) => crypto.blindIndex(ctx.tenantId, termPurposes.e164, phone)),
    );
  const found = async (ctx: RequestContext, phones: readonly string[], limit: number) => {
    const indexes = await indexesOf(ctx, phones);
    return database.withTenant<CallsTables, FoundRow[]>(ctx, (trx) => callsOfNumbers(trx, indexes, limit));
  };

  /** Deletes the archive objects of these calls that no subject key seals (archived before sealing). */
  const deleteUnsealed = async (rows: readonly FoundRow[]) => {
    let deleted = 0;
    for (const row of rows) {
      // A record in a segment shares its object with other calls' records: it is sealed under its
      // parties' keys (crypto-shredding erases it), never deleted alone. See docs/objects.md.
      if (row.rawSegmentKey !== null) continue;
      let head: Buffer;
      try {
        const object = await deps.archive.get(row.rawObjectKey);
        const chunks: Buffer[] = [];
        for await (const chunk of object.body) {
          chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
          if (Buffer.concat(chunks).length >= 8) break;
        }
        object.body.destroy();
        head = Buffer.concat(chunks);
      } catch {
        continue; // gone already
      }
      if (deps.sealing.isSealed(head)) continue;
      await deps.archive.delete(row.rawObjectKey, {
        reason: 'data-subject erasure: archived before sealing',
      });
      deleted++;
    }
    return deleted;
  };

  return {
    holds:
      'Call records of callers: their phone numbers and names on each call (encrypted, blind-indexed for search) and the raw payloads the telephony sources sent (sealed under each number’s key).',
    retention: [],

    async find(ctx, subject, options = {}) {
      const rows = await found(ctx, subject.phones, options.limit ?? DEFAULT_LIMIT);
      return rows.map((row): SubjectDataRef => {
        const id = toPublicId('call', row.id);
        return {
          module: 'calls',
          kind: 'call',
          id,
          at: row.startedAt,
          summary: summaryOf(row),
          consolePath: `/calls/${id}`,
        };
      });
    },

    async export(ctx, subject) {
      const rows = await found(ctx, subject.phones, 100_000);
      const calls = await Promise.all(
        rows.map(async (row) =>
          exportRow(
            toPublicId('call', row.id),
            await crypto.decryptRecord(ctx.tenantId, row.id, row.recordCiphertext),
          ),
        ),
      );
      return calls.length === 0 ? [] : [{ name: 'calls', rows: calls }];
    },

    async erase(ctx, subject) {
      const phones = [...new Set(subject.phones)];
      let erased = 0;
      for (;;) {
        const rows = await found(ctx, phones, ERASE_BATCH);
        if (rows.length === 0) break;
        // First the objects, while the calls can still be found: a crash here is finished by the next run.
        erased += await deleteUnsealed(rows);
        const writer = await crypto.writer(ctx.tenantId);
        const rewritten = await Promise.all(
          rows.map(async (row) => {
            const call = anonymiseCall(
              await crypto.decryptRecord(ctx.tenantId, row.id, row.recordCiphertext),
              phones,
            );
            const record = toCallRecordV1(call, {
              tenantId: ctx.tenantId,
              id: toPublicId('call', row.id),
              rawObjectKey: row.rawObjectKey,
              rawSha256: row.rawSha256,
              ingestedAt: row.ingestedAt.toISOString(),
            });
            return buildCallRows(writer, record, writer.digest(call), segmentOfRow(row));
          }),
        );
        await database.withTenant<CallsTables>(ctx, async (trx) => {
          await deleteCallRows(
            trx,
            rows.map((row) => ({ startedAt: row.startedAt, id: row.id })),
          );
          await insertCallRows(trx, {
            records: rewritten.map((r) => r.record),
            numbers: rewritten.flatMap((r) => r.numbers),
            nameTerms: rewritten.flatMap((r) => r.nameTerms),
          });
          for (const r of rewritten)
            await trx
              .updateTable('calls.call_keys')
              .set({ contentDigest: r.key.contentDigest, updatedAt: new Date() })
              .where('id', '=', r.key.id)
              .execute();
        });
        erased += rows.length;
        if (rows.length < ERASE_BATCH) break;
      }
      return { erased, kept: [] };
    },
  };
}
