import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPlatform, type Platform } from '../../src/app/platform.js';
import { loadConfig, type Config } from '../../src/platform/config/index.js';
import type { Keyring } from '../../src/platform/crypto/index.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';
import type { Logger } from '../../src/platform/telemetry/index.js';
import { termPurposes } from '../../src/modules/calls/testing/index.js';
import { printTable } from './figures.js';

/*
 * What the call benchmarks (query, stats) share: the platform on a throwaway embedded PostgreSQL,
 * the bulk loader of the call index, agents with real blind indexes and ciphertexts, and the
 * figures and table they print.
 */

export interface CallsBench {
  readonly platform: Platform;
  readonly config: Config;
  /** The embedded server's data directory (its postmaster.pid says which processes are its own). */
  readonly dataDir: string;
  /** Closes the platform (its LISTEN connections first), stops the server, removes its files. */
  close(): Promise<void>;
}

/**
 * The platform as production builds it (no HTTP, no workers) on an embedded PostgreSQL in a
 * temporary directory. A throwaway server: durability buys nothing here, and autovacuum would land
 * inside the timings.
 */
export async function startCallsBench(options: {
  prefix: string;
  logger: Logger;
  env?: Record<string, string>;
  /** `api` serves HTTP (no workers); the default `cli` does not. */
  role?: 'cli' | 'api';
}): Promise<CallsBench> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), options.prefix));
  const embedded = await startEmbeddedPostgres({
    dataDir: tempDir,
    port: 0,
    role: 'bench',
    exclusive: true,
    logger: options.logger,
  });
  let platform: Platform | undefined;
  const close = async () => {
    await platform?.close();
    await embedded.stop();
    await rm(tempDir, { recursive: true, force: true });
  };
  try {
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    for (const setting of [
      'fsync = off',
      'full_page_writes = off',
      'synchronous_commit = off',
      "max_wal_size = '16GB'",
      'autovacuum = off',
      'max_parallel_maintenance_workers = 2',
    ]) {
      await admin.query(`alter system set ${setting}`);
    }
    await admin.query('select pg_reload_conf()');
    await admin.end();
    const config = loadConfig({
      DATABASE_URL: embedded.url,
      SWITCHBOARD_DATA_DIR: tempDir,
      SWITCHBOARD_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    platform = await createPlatform(config, { role: options.role ?? 'cli', logger: options.logger });
    return { platform, config, dataDir: tempDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The UTC month starts from `start` to before `end`. */
export function monthsBetween(start: number, end: number): string[] {
  const months: string[] = [];
  for (
    let m = new Date(Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth(), 1));
    m.getTime() < end;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))
  )
    months.push(m.toISOString());
  return months;
}

/** Drops keys and indexes of the tables and returns the statements that rebuild them. */
async function dropIndexes(client: pg.PoolClient, tables: readonly string[]): Promise<string[]> {
  const constraints = await client.query<{ tbl: string; name: string; def: string }>(
    `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where contype in ('p', 'u') and conparentid = 0 and conrelid::regclass::text = any($1)`,
    [tables],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
      where i.indrelid::regclass::text = any($1)
        and not exists (select from pg_constraint c where c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const c of constraints.rows) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
  return [
    ...constraints.rows.map((c) => `alter table ${c.tbl} add constraint ${c.name} ${c.def}`),
    ...indexes.rows.map((i) => i.def.replace(' ON ONLY ', ' ON ')),
  ];
}

/**
 * The bulk loader of the call index: makes the monthly partitions of the range, drops the keys
 * and indexes of `tables`, runs `load` (INSERT ... SELECT statements on the owner connection it is
 * given), rebuilds them and runs what autovacuum would have after such a load (statistics, and
 * visibility maps so that index probes are index-only).
 */
export async function bulkLoadCalls(
  owner: pg.Pool,
  options: {
    tables: readonly string[];
    range: { start: number; end: number };
    load: (client: pg.PoolClient) => Promise<void>;
    /**
     * Leave keys and indexes in place while loading, as live ingestion writes them: the indexes
     * then have the page splits and fill a running index has, not a fresh build's.
     */
    keepIndexes?: boolean;
  },
): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query('select calls.ensure_month_partitions($1::timestamptz[])', [
      monthsBetween(options.range.start, options.range.end),
    ]);
    const rebuild = options.keepIndexes ? [] : await dropIndexes(client, options.tables);
    await options.load(client);
    if (!options.keepIndexes) {
      const indexStarted = performance.now();
      await client.query(`set maintenance_work_mem = '1GB'`);
      for (const statement of rebuild) await client.query(statement);
      console.log(
        `  rebuilt ${rebuild.length} keys and indexes in ${((performance.now() - indexStarted) / 1000).toFixed(0)} s`,
      );
    }
    const vacuumStarted = performance.now();
    await client.query(`vacuum (analyze) ${options.tables.join(', ')}`);
    console.log(`  vacuum analyze in ${((performance.now() - vacuumStarted) / 1000).toFixed(0)} s`);
  } finally {
    client.release();
  }
}

export interface BenchAgent {
  readonly id: string;
  readonly name: string;
}

/**
 * Agents of a tenant with their blind index and {id, name} ciphertext, as ingest writes them, in
 * `table` (created unlogged if missing: tenant_id, idx, agent_index, agent_ciphertext) for the
 * loader to join on (tenant_id, idx).
 */
export async function storeAgents(
  owner: pg.Pool,
  keyring: Keyring,
  table: string,
  tenantId: string,
  agents: readonly BenchAgent[],
): Promise<void> {
  await owner.query(
    `create unlogged table if not exists ${table} (tenant_id uuid, idx int, agent_index bytea, agent_ciphertext text, primary key (tenant_id, idx))`,
  );
  const rows = await Promise.all(
    agents.map(async (a) => [
      await keyring.blindIndex(tenantId, termPurposes.agent, a.id, 'hex'),
      await keyring.encryptToString(tenantId, JSON.stringify({ id: a.id, name: a.name }), 'calls.agent'),
    ]),
  );
  await owner.query(
    `insert into ${table} (tenant_id, idx, agent_index, agent_ciphertext)
     select $1, i - 1, decode(h, 'hex'), c from unnest($2::text[], $3::text[]) with ordinality as u (h, c, i)`,
    [tenantId, rows.map((r) => r[0]), rows.map((r) => r[1])],
  );
}

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export { loadAverage, printTable } from './figures.js';

/**
 * The footprint of the call index after a load: per table (partitions summed) its rows, heap and
 * TOAST bytes (pg_table_size), index bytes (pg_indexes_size), total (pg_total_relation_size) and
 * bytes per call, then the total per call, and the average stored size of call_records' widest
 * columns. Returns the total bytes per call.
 */
export async function printFootprint(
  owner: pg.Pool,
  tables: readonly string[],
  calls: number,
): Promise<number> {
  const { rows } = await owner.query<{
    name: string;
    heap: string;
    indexes: string;
    total: string;
  }>(
    `select t as name,
            sum(pg_table_size(p.relid))::bigint as heap,
            sum(pg_indexes_size(p.relid))::bigint as indexes,
            sum(pg_total_relation_size(p.relid))::bigint as total
       from unnest($1::text[]) t,
            lateral (select relid from pg_partition_tree(t::regclass) where isleaf
                     union all select t::regclass where (select relkind from pg_class where oid = t::regclass) = 'r') p
      group by t`,
    [tables],
  );
  const figures: string[][] = [];
  let sum = 0;
  for (const table of tables) {
    const row = rows.find((r) => r.name === table);
    if (!row) continue;
    const count = await owner.query<{ n: string }>(`select count(*) as n from ${table}`);
    const total = Number(row.total);
    sum += total;
    figures.push([
      table,
      Number(count.rows[0]?.n ?? 0).toLocaleString('en'),
      (Number(row.heap) / 1e6).toFixed(1),
      (Number(row.indexes) / 1e6).toFixed(1),
      (total / 1e6).toFixed(1),
      (total / calls).toFixed(0),
    ]);
  }
  figures.push(['total', '', '', '', (sum / 1e6).toFixed(1), (sum / calls).toFixed(0)]);
  printTable(['table', 'rows', 'heap+TOAST MB', 'index MB', 'total MB', 'bytes/call'], figures);
  const indexes = await owner.query<{ name: string; bytes: string }>(
    `select i.indexrelid::regclass::text as name, sum(pg_relation_size(p.relid))::bigint as bytes
       from pg_index i,
            lateral (select relid from pg_partition_tree(i.indexrelid) where isleaf
                     union all select i.indexrelid where (select relkind from pg_class where oid = i.indexrelid) = 'i') p
      where i.indrelid = any($1::text[]::regclass[])
      group by 1 order by 2 desc`,
    [tables],
  );
  console.log(
    `  indexes, bytes per call: ${indexes.rows.map((r) => `${r.name} ${(Number(r.bytes) / calls).toFixed(0)}`).join(', ')}`,
  );
  const columns = await owner.query<Record<string, string | null>>(
    `select avg(pg_column_size(r.*))::int as "row",
            avg(pg_column_size(record_ciphertext))::int as record_ciphertext,
            avg(pg_column_size(parties_ciphertext))::int as parties_ciphertext,
            avg(pg_column_size(agent_ciphertext))::int as agent_ciphertext,
            avg(pg_column_size(raw_object_key))::int as raw_object_key
       from calls.call_records r`,
  );
  console.log(
    `  call_records, average stored bytes: ${Object.entries(columns.rows[0] ?? {})
      .map(([k, v]) => `${k} ${v ?? '-'}`)
      .join(', ')}`,
  );
  return sum / calls;
}
