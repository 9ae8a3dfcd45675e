import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createLogger } from '../telemetry/index.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';

/**
 * Closing the pools must mean their connections are gone, not that they were asked to go: the
 * embedded PostgreSQL is stopped right after, and a connection it has to terminate itself fails
 * with "terminating connection due to administrator command", which was logged on every stop.
 */
describe('closing the database', () => {
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
});
