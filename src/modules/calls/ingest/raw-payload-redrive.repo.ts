import { sql, type Kysely, type Transaction } from 'kysely';
import type { NoTables } from '../../../platform/db/index.js';

/*
 * The queries of the re-drive sweeper (raw-payload-redrive.job.ts). Candidates are found across
 * tenants with the owner pool, like the bus relays; each re-drive is then written in a withTenant
 * transaction of the payload's tenant, so row-level security applies to what it changes.
 */

export interface OverduePayload {
  readonly id: string;
  readonly tenantId: string;
  readonly source: string;
  readonly format: string;
}

export interface OverdueQuery {
  /** Payloads received before this are overdue; a re-drive waits this long again before the next. */
  readonly cutoff: Date;
  readonly maxAttempts: number;
  readonly limit: number;
}

/** Unprocessed payloads past the deadline whose last re-drive (if any) is past it too, oldest first. */
export async function findOverduePayloads(
  owner: Kysely<NoTables>,
  query: OverdueQuery,
): Promise<OverduePayload[]> {
  const { rows } = await sql<OverduePayload>`
    select p.id, p.tenant_id as "tenantId", p.source, p.format
    from calls.raw_payloads p
    left join calls.raw_payload_redrives r on r.payload_id = p.id
    where p.processed_at is null and p.received_at < ${query.cutoff}
      and (r.payload_id is null or (r.attempts < ${query.maxAttempts} and r.last_redriven_at < ${query.cutoff}))
    order by p.received_at
    limit ${query.limit}`.execute(owner);
  return rows;
}

/**
 * Records one more re-drive of the payload, if it is still unprocessed and no transform holds it
 * right now (SKIP LOCKED: one finishing its last batch is about to mark it processed). Returns the
 * attempt number, or undefined when there is nothing to re-drive.
 */
export async function recordRedrive(
  trx: Transaction<NoTables>,
  payload: OverduePayload,
): Promise<number | undefined> {
  const { rows: open } = await sql<{ id: string }>`
    select id from calls.raw_payloads where id = ${payload.id} and processed_at is null
    for update skip locked`.execute(trx);
  if (open.length === 0) return undefined;
  const { rows } = await sql<{ attempts: number }>`
    insert into calls.raw_payload_redrives (payload_id, tenant_id, attempts, last_redriven_at)
    values (${payload.id}, ${payload.tenantId}, 1, now())
    on conflict (payload_id) do update
      set attempts = calls.raw_payload_redrives.attempts + 1, last_redriven_at = now()
    returning attempts`.execute(trx);
  return rows[0]?.attempts;
}

/** Unprocessed payloads past the deadline, and those of them whose re-drives are used up. */
export async function countOverduePayloads(
  owner: Kysely<NoTables>,
  query: Omit<OverdueQuery, 'limit'>,
): Promise<{ overdue: number; exhausted: number }> {
  const { rows } = await sql<{ overdue: number; exhausted: number }>`
    select count(*)::int as overdue, count(*) filter (where r.attempts >= ${query.maxAttempts})::int as exhausted
    from calls.raw_payloads p
    left join calls.raw_payload_redrives r on r.payload_id = p.id
    where p.processed_at is null and p.received_at < ${query.cutoff}`.execute(owner);
  return rows[0] ?? { overdue: 0, exhausted: 0 };
}
