import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { Database } from '../db/index.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';
import { createLogger } from '../telemetry/index.js';
import { createPgDataKeyStore } from './data-key.pg-store.js';
import { createKeyring, createLocalMasterKeyProvider } from './index.js';

/**
 * A data key is first read (or made) in the middle of a caller's transaction: the calls upsert
 * encrypts a batch while holding its connection. With every connection of the main pool held that
 * way, a key read queued on the same pool waited for ever (seen with 16 partition handlers and
 * DATABASE_POOL_MAX=8). Key reads have a pool of their own.
 */
describe('data keys read while the main pool is exhausted', () => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 2,
      role: `keys${randomBytes(4).toString('hex')}`,
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  it('encrypts for new tenants inside transactions holding every main-pool connection', async () => {
    const keyring = createKeyring({
      store: createPgDataKeyStore(database),
      masterKey: createLocalMasterKeyProvider(randomBytes(32)),
    });
    const tenants = Array.from({ length: 4 }, () => randomUUID());
    // Four transactions on a pool of two: two hold both connections and each needs a key; the
    // other two wait for a connection. Before the reserved pool the first two never finished.
    const sealed = await Promise.race([
      Promise.all(
        tenants.map((tenantId) =>
          database.withTenant({ tenantId }, async (trx) => {
            await sql`select 1`.execute(trx);
            const ciphertext = await keyring.encrypt(tenantId, `secret of ${tenantId}`);
            return keyring.decryptToString(tenantId, ciphertext);
          }),
        ),
      ),
      new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 15_000).unref()),
    ]);
    expect(sealed).toEqual(tenants.map((tenantId) => `secret of ${tenantId}`));
  });
});
