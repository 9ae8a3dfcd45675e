import { sql, type Transaction } from 'kysely';
import type { CallsTables } from '../db/calls.tables.js';

type Trx = Transaction<CallsTables>;

export interface QueueTargetRow {
  /** '' = the tenant's default. */
  queueId: string;
  serviceLevelSeconds: number;
  serviceLevelGoal: number;
  shortAbandonSeconds: number;
}

export async function listQueueTargets(trx: Trx): Promise<QueueTargetRow[]> {
  const { rows } = await sql<QueueTargetRow>`
    select queue_id, service_level_seconds, service_level_goal::float8 as service_level_goal, short_abandon_seconds
      from calls.queue_targets order by queue_id`.execute(trx);
  return rows;
}

export async function upsertQueueTarget(
  trx: Trx,
  tenantId: string,
  row: QueueTargetRow,
  updatedBy: string,
): Promise<void> {
  await sql`
    insert into calls.queue_targets (tenant_id, queue_id, service_level_seconds, service_level_goal, short_abandon_seconds, updated_by)
    values (${tenantId}, ${row.queueId}, ${row.serviceLevelSeconds}, ${row.serviceLevelGoal}, ${row.shortAbandonSeconds}, ${updatedBy})
    on conflict (tenant_id, queue_id) do update
       set service_level_seconds = excluded.service_level_seconds, service_level_goal = excluded.service_level_goal,
           short_abandon_seconds = excluded.short_abandon_seconds, updated_by = excluded.updated_by, updated_at = now()`.execute(
    trx,
  );
}

export async function deleteQueueTarget(trx: Trx, queueId: string): Promise<boolean> {
  const result = await sql`delete from calls.queue_targets where queue_id = ${queueId}`.execute(trx);
  return (result.numAffectedRows ?? 0n) > 0n;
}
