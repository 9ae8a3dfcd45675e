import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { ArchiveLedger } from '../ingest/raw-archive.js';

/*
 * calls.archive_objects: one row per raw archive object, keyed by the first 16 bytes of the
 * SHA-256 of its key. A claim ('pending', written_at) carries the key itself, so a sweep can
 * delete the object; a committed row keeps only the hash, which is all it has to say ("this
 * object is part of the archive") for as long as the object exists.
 *
 * Every statement takes its rows in key-hash order, so batches claiming and committing
 * overlapping keys wait for each other instead of deadlocking.
 */

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest().subarray(0, 16);

/** The keys with their hashes, in hash order. */
function hashed(keys: readonly string[]): { key: string; hash: Buffer }[] {
  return [...new Set(keys)]
    .map((key) => ({ key, hash: hashOf(key) }))
    .sort((a, b) => Buffer.compare(a.hash, b.hash));
}

const seconds = (ms: number) => ms / 1000;

export function createArchiveLedger(database: Database): ArchiveLedger {
  return {
    async claim(ctx, keys) {
      const rows = hashed(keys);
      if (rows.length === 0) return;
      await database.withTenant(ctx, async (trx) => {
        await sql`
          insert into calls.archive_objects (tenant_id, key_hash, object_key)
          select ${ctx.tenantId}::uuid, h, k
            from unnest(${rows.map((r) => r.hash)}::bytea[], ${rows.map((r) => r.key)}::text[]) with ordinality as t(h, k, n)
           order by n
          on conflict (tenant_id, key_hash) do update
             set written_at = clock_timestamp(), object_key = excluded.object_key
           where not calls.archive_objects.committed`.execute(trx);
      });
    },

    async commitWithin(trx, ctx, keys, trustMs) {
      const rows = hashed(keys);
      if (rows.length === 0) return { stale: [], missing: [] };
      // clock_timestamp(), not now(): freshness is judged when the lock is held, however long the wait was.
      const { rows: found } = await sql<{ keyHash: Buffer; committed: boolean; fresh: boolean }>`
        select key_hash, committed, written_at > clock_timestamp() - make_interval(secs => ${seconds(trustMs)}) as fresh
          from calls.archive_objects
         where tenant_id = ${ctx.tenantId} and key_hash = any(${rows.map((r) => r.hash)}::bytea[])
         order by key_hash
           for update`.execute(trx);
      const state = new Map(found.map((row) => [row.keyHash.toString('hex'), row]));
      const fresh: Buffer[] = [];
      const stale: string[] = [];
      const missing: string[] = [];
      for (const { key, hash } of rows) {
        const row = state.get(hash.toString('hex'));
        if (!row) missing.push(key);
        else if (row.committed) continue;
        else if (row.fresh) fresh.push(hash);
        else stale.push(key);
      }
      await commitHashes(trx, ctx.tenantId, fresh);
      return { stale, missing };
    },

    async confirmWithin(trx, ctx, keys) {
      await commitHashes(
        trx,
        ctx.tenantId,
        hashed(keys).map((r) => r.hash),
      );
    },

    async tenantsWithStaleClaims(olderThanMs) {
      const { rows } = await sql<{
        tenantId: string;
      }>`select tenant_id from calls.archive_stale_claim_tenants(${seconds(olderThanMs)})`.execute(
        database.app,
      );
      return rows.map((row) => row.tenantId);
    },

    async sweepStaleClaims(ctx, olderThanMs, limit, remove) {
      return database.withTenant(ctx, async (trx) => {
        // SKIP LOCKED: a claim a writer is committing (or claiming again) right now is not a leftover.
        const { rows } = await sql<{ keyHash: Buffer; objectKey: string }>`
          select key_hash, object_key from calls.archive_objects
           where tenant_id = ${ctx.tenantId} and not committed
             and written_at < clock_timestamp() - make_interval(secs => ${seconds(olderThanMs)})
           order by key_hash
           limit ${limit}
             for update skip locked`.execute(trx);
        if (rows.length === 0) return 0;
        // The objects go first, while the rows are locked: a crash in between leaves the claims for the next sweep.
        await remove(rows.map((row) => row.objectKey));
        await sql`delete from calls.archive_objects where tenant_id = ${ctx.tenantId} and key_hash = any(${rows.map((row) => row.keyHash)}::bytea[])`.execute(
          trx,
        );
        return rows.length;
      });
    },
  };
}

async function commitHashes(
  trx: Parameters<ArchiveLedger['commitWithin']>[0],
  tenantId: string,
  hashes: readonly Buffer[],
): Promise<void> {
  if (hashes.length === 0) return;
  await sql`
    update calls.archive_objects set committed = true, object_key = null, written_at = clock_timestamp()
     where tenant_id = ${tenantId} and key_hash = any(${hashes}::bytea[]) and not committed`.execute(trx);
}
