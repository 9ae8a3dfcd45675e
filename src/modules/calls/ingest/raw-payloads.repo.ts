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

/**
 * The first payload stored from `source` with this delivery key since `since`. Takes a transaction
 * lock on the key first, so copies arriving together, on any replica, find each other.
 */
export async function firstDelivery(
  trx: Trx,
  source: string,
  deliveryKey: Buffer,
  since: Date,
): Promise<string | undefined> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`calls.delivery:${deliveryKey.toString('hex')}`}, 0))`.execute(
    trx,
  );
  const first = await trx
    .selectFrom('calls.raw_payloads')
    .select('id')
    .where('source', '=', source)
    .where('deliveryKey', '=', deliveryKey)
    .where('receivedAt', '>', since)
    .orderBy('receivedAt')
    .executeTakeFirst();
  return first?.id;
}

export async function insertRawPayload(
  trx: Trx,
  row: Omit<RawPayloadTable, 'processedAt' | 'outcome' | 'receivedAt'>,
): Promise<void> {
  await trx
    .insertInto('calls.raw_payloads')
    .values({ ...row, options: jsonb(row.options), receivedAt: new Date(), processedAt: null, outcome: null })
    .execute();
}

export function findRawPayload(trx: Trx, id: string): Promise<RawPayloadTable | undefined> {
  return trx.selectFrom('calls.raw_payloads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markRawPayloadProcessed(
  trx: Trx,
  id: string,
  outcome: Record<string, unknown>,
): Promise<void> {
  await trx
    .updateTable('calls.raw_payloads')
    .set({ processedAt: new Date(), outcome: jsonb(outcome) })
    .where('id', '=', id)
    .execute();
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
