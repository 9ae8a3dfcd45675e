import pg from 'pg';
import type { Logger } from '../telemetry/index.js';

/** The one lock every migration of a database runs under (advisory locks are per database). */
export const migrationLockKey = 0x5b_0b05_0000;

export interface MigrationLockOptions {
  readonly ownerUrl: string;
  readonly logger: Logger;
  /** How often a waiting process asks again. */
  readonly pollMs?: number;
}

/**
 * Runs `fn` while holding the platform's migration lock: a session advisory lock on a connection
 * of its own, released by PostgreSQL if the process dies.
 *
 * Waiters poll with pg_try_advisory_lock instead of blocking in pg_advisory_lock, on purpose. A
 * blocked pg_advisory_lock is a statement in progress, with a snapshot, for as long as it waits;
 * `CREATE INDEX CONCURRENTLY` (DBOS's migrations use it) waits for every such snapshot to end. The
 * lock holder's index build then waited for the waiter, which waited for the lock holder: api and
 * worker started together on a fresh database hung for good. A try-lock holds no snapshot between
 * attempts, so the holder's build never waits on a process queueing behind it.
 */
export async function withMigrationLock<T>(options: MigrationLockOptions, fn: () => Promise<T>): Promise<T> {
  const pollMs = options.pollMs ?? 200;
  const client = new pg.Client({
    connectionString: options.ownerUrl,
    application_name: 'switchboard-migrate-lock',
  });
  // A failure surfaces through the awaited queries below; an idle socket error after that is moot.
  client.on('error', () => undefined);
  await client.connect();
  try {
    let waitingSince: number | undefined;
    for (;;) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
        migrationLockKey,
      ]);
      if (rows[0]?.locked) break;
      if (waitingSince === undefined) {
        waitingSince = Date.now();
        options.logger.info('another process is migrating the database; waiting for it');
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    if (waitingSince !== undefined)
      options.logger.info({ waitedMs: Date.now() - waitingSince }, 'migration lock acquired');
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
