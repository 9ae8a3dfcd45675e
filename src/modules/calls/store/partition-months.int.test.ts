import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuid } from '../../../platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { createPartitionMonths } from './partition-months.js';

/**
 * Partitions are made for a month the moment its first call is written, from inside the writer's
 * transaction. When every connection of the application pool is held by such a writer (sixteen
 * partition handlers on a small pool), making the partition must not need one of them.
 */
describe('monthly partitions, asked for from inside transactions', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform({ env: { DATABASE_POOL_MAX: '2' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const partitionsOf = async (month: string) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from pg_inherits i
          join pg_class c on c.oid = i.inhrelid
          join pg_class p on p.oid = i.inhparent
          join pg_namespace s on s.oid = p.relnamespace
         where s.nspname = 'calls' and p.relname = 'call_records' and c.relname like ${`%${month}`}`.execute(
        t.platform.database.owner,
      )
    ).rows[0]?.n ?? 0;

  it('makes the month while every application connection is in a transaction waiting for it', async () => {
    const partitions = createPartitionMonths(t.platform.database);
    const month = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 6, 15));
    const label = `_p${month.getUTCFullYear()}07`;
    expect(await partitionsOf(label)).toBe(0);
    const writers = Array.from({ length: 2 }, () =>
      t.platform.database.withTenant({ tenantId: newUuid() }, async (trx) => {
        await sql`select 1`.execute(trx);
        return partitions.ensureFor([month]);
      }),
    );
    const settled = await Promise.race([
      Promise.all(writers).then(() => 'done'),
      new Promise((resolve) => setTimeout(() => resolve('stuck'), 60_000)),
    ]);
    expect(settled).toBe('done');
    expect(await partitionsOf(label)).toBe(1);
  }, 90_000);
});
