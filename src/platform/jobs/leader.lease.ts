import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../db/index.js';

/**
 * A named lease row: at most one owner holds it until `lease_until`; the holder renews it well
 * before then. Unlike a session advisory lock it needs no dedicated connection, survives pool
 * recycling, and a crashed holder's lease simply runs out.
 */
export interface LeaderLease {
  /** Takes the lease if free or expired, renews it if ours; true while we hold it. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export function createLeaderLease(
  db: Kysely<NoTables>,
  name: string,
  owner: string,
  ttlMs: number,
): LeaderLease {
  return {
    async acquire() {
      const { rows } = await sql<{ owner: string }>`
        insert into jobs.leases (name, owner, lease_until)
        values (${name}, ${owner}, now() + make_interval(secs => ${ttlMs / 1000}))
        on conflict (name) do update set owner = excluded.owner, lease_until = excluded.lease_until
          where jobs.leases.owner = excluded.owner or jobs.leases.lease_until < now()
        returning owner`.execute(db);
      return rows[0]?.owner === owner;
    },
    async release() {
      await sql`delete from jobs.leases where name = ${name} and owner = ${owner}`.execute(db);
    },
  };
}
