import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';
import { createLogger } from '../telemetry/index.js';

/**
 * A connection PostgreSQL ends while the platform holds it between two queries (a transaction
 * waiting on other work; a failover, `pg_terminate_backend`, `idle_in_transaction_session_timeout`)
 * must fail that unit of work, not the process: pg-pool removes its own error listener from a
 * client it hands out, and a client's 'error' with no listener is an uncaught exception. CI saw it
 * as "Uncaught Exception: read ECONNRESET" in the readiness test.
 */
describe('a pooled connection lost while it is checked out', () => {
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

  it('fails the transaction that held it, and the pool goes on with a new connection', async () => {
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
