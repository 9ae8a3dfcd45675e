import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { PartitionCompaction } from '../contract.js';
import { partitionedTables } from '../db/migrations/index.js';

/**
 * Rebuilds the indexes of a month's partitions once the month has closed.
 *
 * A live index is filled by inserts in key order that is not the table's: the blind-index tables
 * are keyed by (tenant, term, …) and the calls by (tenant, started_at, id) with fifty tenants
 * writing at once, so pages split in the middle and stay about two thirds full. A fresh build
 * packs them to the B-tree's fill factor, here set to 100% first. Once a month is over its
 * partitions hardly change (late records, newer versions, erasures), so rebuilding them once keeps
 * that month at the smaller size for good.
 *
 * `REINDEX TABLE CONCURRENTLY` builds each index beside the old one and swaps them: readers and
 * writers of the partition are not blocked. It runs on the owner pool, outside a transaction, one
 * partition after another. An interrupted run leaves invalid `_ccnew` indexes behind; the next run
 * drops them before it rebuilds that partition. Each partition is done once, recorded in
 * calls.partition_compactions with its index bytes before and after.
 */

/** How long after its month ends a partition is left to receive late records first. */
export const compactionGraceDays = 7;

/**
 * A run starts no further partition after this long: the daily job then finishes within about
 * this plus one partition's rebuild, and a process stopping waits for at most that one.
 */
const runBudgetMs = 15 * 60_000;

/** A month's partition of any of the partitioned tables (the query picks the tables). */
const monthSuffix = /_p(\d{4})(\d{2})$/;

/** Partitions of closed months (ended at least the grace period before `now`) not yet compacted. */
async function dueForCompaction(
  database: Database,
  now: Date,
): Promise<{ partition: string; month: string }[]> {
  const { rows } = await sql<{ partition: string }>`
    select c.relname as partition
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    join pg_namespace n on n.oid = p.relnamespace
    where n.nspname = 'calls' and p.relname = any(${[...partitionedTables]}::text[])
      and not exists (select 1 from calls.partition_compactions pc where pc.partition = c.relname)
    order by c.relname`.execute(database.owner);
  const due: { partition: string; month: string }[] = [];
  for (const { partition } of rows) {
    const match = monthSuffix.exec(partition);
    if (!match) continue;
    const [, year = '', month = ''] = match;
    // Date.UTC counts months from 0: month m (1-12) as given is the first day of the next month.
    const closes = Date.UTC(Number(year), Number(month), 1) + compactionGraceDays * 86_400_000;
    if (closes <= now.getTime()) due.push({ partition, month: `${year}-${month}-01` });
  }
  return due;
}

async function indexBytes(database: Database, partition: string): Promise<number> {
  const { rows } = await sql<{ bytes: string }>`
    select pg_indexes_size(format('calls.%I', ${partition}::text)::regclass)::text as bytes`.execute(
    database.owner,
  );
  return Number(rows[0]?.bytes ?? 0);
}

/** Rebuilds the indexes of every closed month's partitions not rebuilt before; returns what it did. */
export async function compactClosedMonths(
  database: Database,
  logger: Logger,
  now: Date = new Date(),
): Promise<PartitionCompaction[]> {
  const done: PartitionCompaction[] = [];
  const started = performance.now();
  for (const { partition, month } of await dueForCompaction(database, now)) {
    if (performance.now() - started > runBudgetMs) break;
    const { rows: indexes } = await sql<{ name: string; valid: boolean; btree: boolean }>`
      select ci.relname as name, x.indisvalid as valid, am.amname = 'btree' as btree
      from pg_index x join pg_class ci on ci.oid = x.indexrelid join pg_am am on am.oid = ci.relam
      where x.indrelid = format('calls.%I', ${partition}::text)::regclass`.execute(database.owner);
    for (const { name, valid, btree } of indexes) {
      if (!valid && /_ccnew\d*$/.test(name)) {
        // What an interrupted REINDEX CONCURRENTLY left: an invalid copy beside the valid index.
        await sql`drop index concurrently if exists ${sql.id('calls', name)}`.execute(database.owner);
      } else if (btree) {
        // A closed month hardly changes: its B-trees are packed full rather than to the 90% left
        // for inserts (a late insert splits one page, as any insert into a live index does).
        await sql`alter index ${sql.id('calls', name)} set (fillfactor = 100)`.execute(database.owner);
      }
    }
    const before = await indexBytes(database, partition);
    await sql`reindex table concurrently ${sql.id('calls', partition)}`.execute(database.owner);
    const after = await indexBytes(database, partition);
    await sql`
      insert into calls.partition_compactions (partition, month, index_bytes_before, index_bytes_after)
      values (${partition}, ${month}::date, ${before}, ${after})
      on conflict (partition) do update
        set index_bytes_before = excluded.index_bytes_before, index_bytes_after = excluded.index_bytes_after,
            compacted_at = now()`.execute(database.owner);
    logger.info(
      { partition, indexBytesBefore: before, indexBytesAfter: after },
      'calls: rebuilt the indexes of a closed month',
    );
    done.push({ partition, month, indexBytesBefore: before, indexBytesAfter: after });
  }
  return done;
}
