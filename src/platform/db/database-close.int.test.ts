import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createLogger } from '../telemetry/index.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';

/**
 * The pools' connections as PostgreSQL ends them. Closing the pools must mean their connections are
 * gone, not that they were asked to go: the embedded PostgreSQL is stopped right after, and a
 * connection it has to terminate itself fails with "terminating connection due to administrator
 * command", which was logged on every stop.
 */
describe('the database pools, when connections end', () => {
  let testDatabase: TestDatabase;
  let admin: pg.Client;

  beforeAll(async () => {
    testDatabase = await createMigratedDatabase();
    admin = new pg.Client({ connectionString: testDatabase.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await testDatabase.drop();
  });

  it('resolves only once every pooled connection has left the server', async () => {
    const role = `close${randomBytes(4).toString('hex')}`;
    const database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 8,
      role,
      logger: createLogger({ level: 'silent' }),
    });
    await Promise.all(Array.from({ length: 8 }, () => database.ping()));
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.01)`.execute(database.owner)));
    const connected = async () =>
      (
        await admin.query<{ n: number }>(
          'select count(*)::int as n from pg_stat_activity where application_name like $1',
          [`switchboard-${role}%`],
        )
      ).rows[0]?.n;
    expect(await connected()).toBeGreaterThanOrEqual(9);

    await database.close();
    expect(await connected()).toBe(0);
  });

  /*
   * A connection PostgreSQL ends while the platform holds it between two queries (a transaction
   * waiting on other work; a failover, `pg_terminate_backend`, `idle_in_transaction_session_timeout`)
   * must fail that unit of work, not the process: pg-pool removes its own error listener from a
   * client it hands out, and a client's 'error' with no listener is an uncaught exception. CI saw it
   * as "Uncaught Exception: read ECONNRESET" in the readiness test.
   */
  it('a connection lost while checked out fails the transaction that held it, and the pool goes on with a new one', async () => {
    const role = `lost${randomBytes(4).toString('hex')}`;
    const database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 2,
      role,
      logger: createLogger({ level: 'silent' }),
    });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const work = database.app.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        const pid = rows[0]!.pid;
        // Ended while no query runs on it: the error reaches the client, not a query.
        await admin.query('select pg_terminate_backend($1, 5000)', [pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      });
      await expect(work).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(uncaught).toEqual([]);
      await database.ping();
      await Promise.all([database.ping(), database.ping()]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await database.close();
    }
  });
});
