import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createLogger } from '../telemetry/index.js';
import type { Database } from './database.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';
import { grantSchemaUsage, tenantIsolation } from './migration-helpers.js';
import type { TenantTransaction } from './tables.js';
import { createTenantBatchLoader } from './tenant-batch-loader.js';

interface NotesTables {
  'probe.notes': { tenant_id: string; id: string; body: string };
}

/*
 * Reads asked for in the same turn are made in one tenant transaction per tenant, under the
 * tenant's row-level security: a key of another tenant is not found, and a tenant whose read fails
 * fails alone.
 */
describe('tenant batch loader', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let admin: pg.Client;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const role = `batch${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    testDatabase = await createMigratedDatabase();
    admin = new pg.Client({ connectionString: testDatabase.url });
    await admin.connect();
    await admin.query(`
      create schema probe;
      ${grantSchemaUsage('probe')}
      create table probe.notes (tenant_id uuid not null, id text not null, body text not null, primary key (tenant_id, id));
      ${tenantIsolation('probe.notes')}`);
    await admin.query(
      `insert into probe.notes values ($1, 'a1', 'A one'), ($1, 'a2', 'A two'), ($2, 'b1', 'B one')`,
      [tenantA, tenantB],
    );
    database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 4,
      role,
      logger: createLogger({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await database.close();
    await admin.end();
    await testDatabase.drop();
  });

  /** Notes by id, after `before` has seen each batch (in its transaction). */
  const notesLoader = (
    before: (trx: TenantTransaction<NotesTables>, ids: readonly string[]) => Promise<void>,
  ) =>
    createTenantBatchLoader<NotesTables, string, string>({
      database,
      keyId: (id) => id,
      loadMany: async (trx, ids) => {
        await before(trx, ids);
        const rows = await trx
          .selectFrom('probe.notes')
          .select(['id', 'body'])
          .where('id', '=', sql<string>`any(${[...ids]}::text[])`)
          .execute();
        return new Map(rows.map((row) => [row.id, row.body]));
      },
    });

  it('reads what is asked at the same moment in one transaction per tenant, each under its own tenant', async () => {
    const batches: string[][] = [];
    const loader = notesLoader((_trx, ids) => {
      batches.push([...ids]);
      return Promise.resolve();
    });
    const answers = await Promise.all([
      loader.load(tenantA, 'a1'),
      loader.load(tenantB, 'b1'),
      loader.load(tenantA, 'a2'),
      // B's row, asked for as A: row-level security hides it.
      loader.load(tenantA, 'b1'),
      loader.load(tenantA, 'a1'),
      loader.load(tenantB, 'missing'),
    ]);
    expect(answers).toEqual(['A one', 'B one', 'A two', undefined, 'A one', undefined]);
    expect(batches.map((ids) => [...ids].sort())).toEqual([
      ['a1', 'a1', 'a2', 'b1'],
      ['b1', 'missing'],
    ]);
    // Reads asked for one after the other are batches of their own.
    expect(await loader.load(tenantB, 'b1')).toBe('B one');
    expect(batches).toHaveLength(3);
  });

  it('fails the reads of the tenant whose transaction failed, and only those', async () => {
    let calls = 0;
    const loader = notesLoader(async (trx, ids) => {
      calls++;
      if (ids.includes('boom')) await sql`select 1 / 0`.execute(trx);
    });
    const answers = await Promise.allSettled([
      loader.load(tenantA, 'a1'),
      loader.load(tenantA, 'boom'),
      loader.load(tenantB, 'b1'),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    const first = answers[0];
    expect(first.status === 'rejected' && String(first.reason)).toMatch(/division by zero/);
    expect(answers[2]).toMatchObject({ value: 'B one' });
    // One transaction per tenant, not one per read.
    expect(calls).toBe(2);
  });
});
