import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/open-test-database.js';
import { createMigratedDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import type { Database } from '../../../platform/db/index.js';
import { createLogger } from '../../../platform/telemetry/index.js';
import { compactClosedMonths } from './partition-compaction.js';

/*
 * The daily job's second half: the indexes of a month's partitions are rebuilt once the month has
 * been closed for the grace period, and never again; the rows stay found through them; what an
 * interrupted rebuild left behind is cleared first.
 */
describe('compacting the partitions of closed months', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let admin: pg.Client;
  const logger = createLogger({ level: 'silent' });
  const tenant = randomUUID();

  /** Number-index rows of one month, inserted in random key order as live ingestion does. */
  async function fillNumbers(month: string, rows: number): Promise<void> {
    await admin.query(
      `insert into calls.call_numbers (tenant_id, number_index, started_at, call_id)
       select $1, decode(md5(random()::text) || md5(random()::text), 'hex'),
              $2::timestamptz + (g * interval '1 second'), gen_random_uuid()
       from generate_series(1, $3) g`,
      [tenant, month, rows],
    );
  }

  const compacted = async () =>
    (
      await admin.query<{ partition: string }>('select partition from calls.partition_compactions order by 1')
    ).rows.map((r) => r.partition);

  beforeAll(async () => {
    testDatabase = await createMigratedDatabase();
    admin = new pg.Client({ connectionString: testDatabase.url });
    await admin.connect();
    await admin.query(
      `select calls.ensure_month_partitions(array['2024-01-01', '2024-02-01']::timestamptz[])`,
    );
    // Ten batches, so the index grows by page splits rather than in one sorted build.
    for (let i = 0; i < 10; i++) await fillNumbers('2024-01-01', 3_000);
    await fillNumbers('2024-02-01', 100);
    database = await openTestDatabase({
      url: testDatabase.url,
      poolMax: 2,
      logger,
      role: `cmp${randomBytes(4).toString('hex')}`,
    });
  });
  afterAll(async () => {
    await database.close();
    await admin.end();
    await testDatabase.drop();
  });

  it('waits out the grace period after the month ends', async () => {
    expect(await compactClosedMonths(database, logger, new Date('2024-02-05T00:00:00Z'))).toEqual([]);
    expect(await compacted()).toEqual([]);
  });

  it('rebuilds a closed month once, smaller, with every row still found through its index', async () => {
    // An interrupted REINDEX CONCURRENTLY leaves an invalid copy; a failed concurrent build does the same.
    await admin
      .query(
        `create unique index concurrently call_numbers_p202401_pkey_ccnew on calls.call_numbers_p202401 (tenant_id)`,
      )
      .catch(() => undefined);
    const invalid = async () =>
      (
        await admin.query<{ n: number }>(
          `select count(*)::int as n from pg_index x join pg_class c on c.oid = x.indexrelid
           where x.indrelid = 'calls.call_numbers_p202401'::regclass and not x.indisvalid`,
        )
      ).rows[0]?.n;
    expect(await invalid()).toBe(1);

    const done = await compactClosedMonths(database, logger, new Date('2024-02-08T00:00:00Z'));
    expect(done.map((d) => d.partition).sort()).toEqual([
      'call_name_terms_p202401',
      'call_numbers_p202401',
      'call_records_p202401',
    ]);
    const numbers = done.find((d) => d.partition === 'call_numbers_p202401');
    expect(numbers?.month).toBe('2024-01-01');
    expect(numbers?.indexBytesAfter).toBeLessThan(numbers?.indexBytesBefore ?? 0);
    expect(await invalid()).toBe(0);
    // Packed full: the rebuilt indexes keep the fill factor set before the rebuild.
    const { rows: options } = await admin.query<{ name: string; options: string[] | null }>(
      `select c.relname as name, c.reloptions as options from pg_index x join pg_class c on c.oid = x.indexrelid
       where x.indrelid = 'calls.call_numbers_p202401'::regclass order by 1`,
    );
    expect(options.length).toBeGreaterThanOrEqual(2);
    for (const index of options) expect(index.options, index.name).toEqual(['fillfactor=100']);

    await admin.query('set enable_seqscan = off');
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from calls.call_numbers where tenant_id = $1 and started_at < '2024-02-01'`,
      [tenant],
    );
    await admin.query('reset enable_seqscan');
    expect(rows[0]?.n).toBe(30_000);

    // Once: a later run leaves the month alone, and takes the next month when it is due.
    expect(await compactClosedMonths(database, logger, new Date('2024-02-20T00:00:00Z'))).toEqual([]);
    const march = await compactClosedMonths(database, logger, new Date('2024-03-08T00:00:00Z'));
    expect(march.map((d) => d.partition).sort()).toEqual([
      'call_name_terms_p202402',
      'call_numbers_p202402',
      'call_records_p202402',
    ]);
    expect(await compacted()).toHaveLength(6);
  });
});
