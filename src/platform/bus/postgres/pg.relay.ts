import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../../db/index.js';

/** Advisory lock key (per database) that serialises relays across processes. */
export const relayLockKey = 0x5b_0b05_0001;

/**
 * Moves up to `batchSize` committed outbox rows into the log in one statement, giving them the
 * next positions in the order the relay sees them (outbox sequence among rows visible now).
 * Because relays are serialised by the lock and each step commits before the next begins, a
 * row can only ever get a position above every position already visible: readers never miss a
 * row that committed late (the outbox gap problem). The NOTIFY reaches consumers on commit; its
 * payload names the types moved (comma-separated; empty when too long for a notification), so a
 * group that wants none of them need not read the log at once (pg.consumer.ts).
 */
export async function relayToLog(db: Kysely<NoTables>, batchSize: number): Promise<number | 'busy'> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${relayLockKey}) as locked`.execute(trx);
    if (!rows[0]?.locked) return 'busy';
    // Not waiting for the WAL flush is safe here: any later synchronous commit (a handler's
    // effects, a consumer's dead letter) flushes this one first, and if a crash loses it, the
    // outbox rows come back and are moved again, to be delivered at least once as always.
    await sql`set local synchronous_commit = off`.execute(trx);
    const { rows: relayed } = await sql<{ moved: number; types: string }>`
      with moved as (
        delete from bus.outbox where seq in (select seq from bus.outbox order by seq limit ${batchSize})
        returning *
      ),
      counted as (select count(*) as n from moved),
      head as (
        update bus.log_head set position = position + (select n from counted)
        returning position - (select n from counted) as base
      ),
      inserted as (
        insert into bus.log (position, partition, id, type, tenant_id, occurred_at, key, traceparent, data, target_group)
        select (select base from head) + row_number() over (order by seq), partition, id, type, tenant_id, occurred_at,
               key, traceparent, data, target_group
        from moved
        returning type
      )
      select count(*)::int as moved, coalesce(string_agg(distinct type, ','), '') as types from inserted`.execute(
      trx,
    );
    const moved = relayed[0]?.moved ?? 0;
    const types = relayed[0]?.types ?? '';
    // A notification's payload is limited to 8000 bytes: beyond, an empty one wakes every group.
    if (moved > 0) await sql`select pg_notify('bus_log', ${types.length <= 4000 ? types : ''})`.execute(trx);
    return moved;
  });
}

/** Deletes log rows older than the retention that every group has moved past. */
export async function trimLog(db: Kysely<NoTables>, retentionMs: number): Promise<number> {
  const result = await sql`
    delete from bus.log l
    where l.appended_at < now() - make_interval(secs => ${retentionMs / 1000})
      and not exists (select 1 from bus.group_partitions gp where gp.partition = l.partition and gp.position < l.position)`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0n);
}
