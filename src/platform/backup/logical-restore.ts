import { createReadStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BackupError } from './backup.errors.js';
import { isMigrationBookkeeping, type DatabaseSection, type TableEntry } from './backup.manifest.js';
import { qualified, quoteIdent } from './database-inventory.js';

export interface LoadReport {
  readonly tables: number;
  readonly rows: number;
  /** false when the role may not set session_replication_role: tables were loaded in foreign-key order, triggers firing. */
  readonly triggersDeferred: boolean;
}

/**
 * Loads a logical dump into a database migrated to the backup's migrations, in one transaction:
 * the partitions made at run time first, then every table emptied (migrations may seed rows) and
 * filled with COPY, then the sequences set. As a role that may, it sets session_replication_role to
 * replica, so neither triggers nor foreign-key checks fire for rows that were consistent when dumped;
 * otherwise it loads referenced tables before those that reference them.
 */
export async function loadTables(
  client: pg.Client,
  root: string,
  database: DatabaseSection,
  onTable: (table: TableEntry) => void,
  /** `replicationRole: false` loads as a role that may not set it would (tests take that path on purpose). */
  options: { readonly replicationRole?: boolean } = {},
): Promise<LoadReport> {
  const tables = database.tables.filter((t) => !isMigrationBookkeeping(t));
  await client.query('BEGIN');
  try {
    for (const partition of database.partitions) {
      const name = qualified(partition.schema, partition.name);
      const exists = await client.query<{ found: boolean }>(`select to_regclass($1) is not null as found`, [
        name,
      ]);
      if (exists.rows[0]?.found) continue;
      await client.query(
        `CREATE TABLE ${name} PARTITION OF ${qualified(partition.parentSchema, partition.parentName)} ${partition.bound}`,
      );
    }
    await assertTablesExist(client, tables);

    await client.query('SAVEPOINT replication_role');
    let triggersDeferred = options.replicationRole ?? true;
    try {
      if (triggersDeferred) await client.query(`SET LOCAL session_replication_role = replica`);
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT replication_role');
      triggersDeferred = false;
    }
    const ordered = triggersDeferred ? tables : await inReferenceOrder(client, tables);
    if (tables.length > 0)
      await client.query(`TRUNCATE ${tables.map((t) => qualified(t.schema, t.name)).join(', ')} CASCADE`);

    let rows = 0;
    for (const table of ordered) {
      if (!table.file)
        throw new BackupError('BACKUP_INVALID', `no data file for ${table.schema}.${table.name}`);
      const columns = table.columns.map(quoteIdent).join(', ');
      const copy = client.query(
        copyFrom(`COPY ${qualified(table.schema, table.name)} (${columns}) FROM STDIN`),
      );
      await pipeline(createReadStream(path.join(root, table.file)), createGunzip(), copy);
      rows += copy.rowCount;
      onTable({ ...table, rows: copy.rowCount });
    }
    for (const sequence of database.sequences) {
      await client.query(`select setval($1::regclass, $2::bigint, $3)`, [
        qualified(sequence.schema, sequence.name),
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    await client.query('COMMIT');
    return { tables: ordered.length, rows, triggersDeferred };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Every table of the backup exists after migrating, with at least the columns it was dumped with. */
async function assertTablesExist(client: pg.Client, tables: readonly TableEntry[]): Promise<void> {
  for (const table of tables) {
    const found = await client.query<{ columns: string[] | null }>(
      `select array(select a.attname::text from pg_attribute a
                     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = $1 and c.relname = $2`,
      [table.schema, table.name],
    );
    const columns = found.rows[0]?.columns;
    if (!columns)
      throw new BackupError(
        'BACKUP_SCHEMA_MISMATCH',
        `the backup holds ${table.schema}.${table.name}, which this build's migrations do not create`,
      );
    const missing = table.columns.filter((c) => !columns.includes(c));
    if (missing.length > 0)
      throw new BackupError(
        'BACKUP_SCHEMA_MISMATCH',
        `${table.schema}.${table.name} has no column ${missing.join(', ')} after migrating: restore with the Switchboard version that made the backup`,
      );
  }
}

/**
 * The tables ordered so that a table comes after every table it references (partitions follow their
 * partitioned root's place). Tables in a reference cycle keep their order at the end.
 */
async function inReferenceOrder(client: pg.Client, tables: readonly TableEntry[]): Promise<TableEntry[]> {
  const roots = await client.query<{ schema: string; name: string; root: string }>(
    `select n.nspname as schema, c.relname as name, coalesce(pg_partition_root(c.oid), c.oid)::regclass::text as root
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where (n.nspname, c.relname) in (select * from unnest($1::text[], $2::text[]))`,
    [tables.map((t) => t.schema), tables.map((t) => t.name)],
  );
  const rootOf = new Map(roots.rows.map((r) => [`${r.schema}.${r.name}`, r.root]));
  const references = await client.query<{ child: string; parent: string }>(
    `select distinct coalesce(pg_partition_root(k.conrelid), k.conrelid)::regclass::text as child,
            coalesce(pg_partition_root(k.confrelid), k.confrelid)::regclass::text as parent
       from pg_constraint k where k.contype = 'f'`,
  );
  const needs = new Map<string, Set<string>>();
  for (const { child, parent } of references.rows) {
    if (child === parent) continue;
    needs.set(child, (needs.get(child) ?? new Set()).add(parent));
  }
  const order: string[] = [];
  const placed = new Set<string>();
  const pending = [...new Set(tables.map((t) => rootOf.get(`${t.schema}.${t.name}`) ?? ''))];
  for (let progress = true; progress;) {
    progress = false;
    for (const root of pending) {
      if (placed.has(root)) continue;
      const parents = [...(needs.get(root) ?? [])].filter((p) => pending.includes(p));
      if (parents.every((p) => placed.has(p))) {
        order.push(root);
        placed.add(root);
        progress = true;
      }
    }
  }
  order.push(...pending.filter((root) => !placed.has(root)));
  const position = new Map(order.map((root, i) => [root, i]));
  const at = (t: TableEntry) => position.get(rootOf.get(`${t.schema}.${t.name}`) ?? '') ?? 0;
  return [...tables].sort((a, b) => at(a) - at(b));
}
