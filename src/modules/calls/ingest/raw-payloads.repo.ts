import { sql, type Kysely } from 'kysely';
import { jsonb, type NoTables, type TenantTransaction } from '../../../platform/db/index.js';
import type { BodyEncoding } from './raw-payload-body.js';

/*
 * The queries of the landing table, calls.raw_payloads (ingest.service.ts and
 * raw-payload-sealer.job.ts). Bodies arrive here sealed or are sealed by the caller: this file
 * stores and reads bytes, it does not encrypt.
 */

/** A stored payload as `IngestService.load` gives it: the body as received (a webhook's secret left out). */
export interface RawPayloadRow {
  id: string;
  tenantId: string;
  source: string;
  format: string;
  contentType: string | null;
  body: Buffer;
  options: Record<string, unknown>;
  receivedAt: Date;
  receivedBy: string;
  processedAt: Date | null;
  outcome: Record<string, unknown> | null;
}

/** The row as the table holds it: `body` is ciphertext unless `bodyEncoding` is 'plain'. */
export interface RawPayloadTable extends RawPayloadRow {
  bodyEncoding: BodyEncoding;
  /** HMAC of IncomingPayload.deliveryKey (blind index, purpose calls.delivery), or null. */
  deliveryKey: Buffer | null;
}

export type IngestTables = { 'calls.raw_payloads': RawPayloadTable };

type Trx = TenantTransaction<IngestTables>;

/** The advisory lock name of a delivery key: the same for one payload and for a group. */
const deliveryLockName = (deliveryKey: Buffer) => `calls.delivery:${deliveryKey.toString('hex')}`;

/** A payload as it is stored on arrival (body sealed by the caller). */
export type NewRawPayload = Omit<RawPayloadTable, 'processedAt' | 'outcome' | 'receivedAt'>;

/** How `firstDeliveries` names a delivery: its source and key. */
export const deliveryMapKey = (source: string, deliveryKey: Buffer) =>
  `${source}:${deliveryKey.toString('hex')}`;

/**
 * The first payload stored with each delivery key from its source since `since`, keyed
 * `source:hex`. Takes a transaction lock on every key first, in one statement and one order (by
 * hash, so two groups sharing keys never wait on each other in a cycle): copies arriving together,
 * on any replica, find each other.
 */
export async function firstDeliveries(
  trx: Trx,
  keys: readonly { source: string; deliveryKey: Buffer }[],
  since: Date,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (keys.length === 0) return found;
  const names = [...new Set(keys.map((k) => deliveryLockName(k.deliveryKey)))];
  // A volatile function in the select list is evaluated after ORDER BY: the locks come in hash order.
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtextextended(n, 0) as h from unnest(${names}::text[]) as n) as locks order by h`.execute(
    trx,
  );
  const rows = await trx
    .selectFrom('calls.raw_payloads')
    .select(['id', 'source', 'deliveryKey'])
    .where(
      'deliveryKey',
      'in',
      keys.map((k) => k.deliveryKey),
    )
    .where('receivedAt', '>', since)
    .orderBy('receivedAt')
    .execute();
  for (const row of rows) {
    if (!row.deliveryKey) continue;
    const key = deliveryMapKey(row.source, row.deliveryKey);
    if (!found.has(key)) found.set(key, row.id);
  }
  return found;
}

/** Stores the payloads with one INSERT. */
export async function insertRawPayloads(trx: Trx, rows: readonly NewRawPayload[]): Promise<void> {
  if (rows.length === 0) return;
  const receivedAt = new Date();
  await trx
    .insertInto('calls.raw_payloads')
    .values(
      rows.map((row) => ({
        ...row,
        options: jsonb(row.options),
        receivedAt,
        processedAt: null,
        outcome: null,
      })),
    )
    .execute();
}

/** Those of `ids` already stored (a group whose commit was lost on the way back, then retried). */
export async function storedPayloadIds(trx: Trx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('calls.raw_payloads').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
}

/** The stored payloads of `ids` (UUIDs) that exist, in no particular order. */
export function findRawPayloads(trx: Trx, ids: readonly string[]): Promise<RawPayloadTable[]> {
  return trx
    .selectFrom('calls.raw_payloads')
    .selectAll()
    .where('id', '=', sql<string>`any(${[...ids]}::uuid[])`)
    .execute();
}

export async function markRawPayloadProcessed(
  trx: Trx,
  id: string,
  outcome: Record<string, unknown>,
): Promise<void> {
  await markRawPayloadsProcessed(trx, [{ id, outcome }]);
}

/** Marks payloads processed, each with its outcome, in one statement. */
export async function markRawPayloadsProcessed(
  trx: Trx,
  payloads: readonly { readonly id: string; readonly outcome: Record<string, unknown> }[],
): Promise<void> {
  if (payloads.length === 0) return;
  await sql`update calls.raw_payloads p set processed_at = clock_timestamp(), outcome = d.outcome
    from unnest(${payloads.map((p) => p.id)}::uuid[], ${payloads.map((p) => JSON.stringify(p.outcome))}::jsonb[]) as d(id, outcome)
    where p.id = d.id`.execute(trx);
}

/** Up to `limit` payloads of the tenant still stored in clear, oldest first, with their body sizes. */
export function plainPayloads(trx: Trx, limit: number): Promise<{ id: string; bytes: number }[]> {
  return trx
    .selectFrom('calls.raw_payloads')
    .select(['id', sql<number>`octet_length(body)`.as('bytes')])
    .where('bodyEncoding', '=', 'plain')
    .orderBy('receivedAt')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The bodies of those of `ids` still stored in clear. */
export function plainBodies(
  trx: Trx,
  ids: readonly string[],
): Promise<{ id: string; format: string; body: Buffer }[]> {
  return trx
    .selectFrom('calls.raw_payloads')
    .select(['id', 'format', 'body'])
    .where('id', 'in', ids)
    .where('bodyEncoding', '=', 'plain')
    .execute();
}

/** Stores the sealed body, only if the row is still plain (a row sealed meanwhile by another run is never sealed twice). */
export async function storeSealedBody(trx: Trx, id: string, body: Buffer): Promise<boolean> {
  const result = await trx
    .updateTable('calls.raw_payloads')
    .set({ body, bodyEncoding: 'sealed' })
    .where('id', '=', id)
    .where('bodyEncoding', '=', 'plain')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Tenants with bodies stored in clear (a security-definer function: the app role sees no other tenant's rows). */
export async function tenantsWithPlainPayloads(app: Kysely<NoTables>): Promise<string[]> {
  const { rows } = await sql<{
    tenantId: string;
  }>`select tenant_id from calls.raw_payloads_plain_tenants()`.execute(app);
  return rows.map((row) => row.tenantId);
}
