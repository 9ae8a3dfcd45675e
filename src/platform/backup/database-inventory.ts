import type pg from 'pg';
import type { DatabaseSection, PartitionEntry, TableEntry } from './backup.manifest.js';

/** A quoted SQL identifier. */
export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
export const qualified = (schema: string, name: string): string =>
  `${quoteIdent(schema)}.${quoteIdent(name)}`;

export type Inventory = Omit<DatabaseSection, 'format' | 'pgDumpMajor'>;

/**
 * What the backup of Switchboard's schemas consists of, read in the caller's transaction (so in the
 * same snapshot as the data): the server's version, the schemas that exist, the extensions their
 * objects use, each schema's applied migrations, every table that holds rows (leaf partitions, never
 * their partitioned parents) with its columns, the partitions, and the sequences' positions.
 * Row counts are left at 0 for the caller to fill in.
 */
export async function readInventory(client: pg.Client, schemas: readonly string[]): Promise<Inventory> {
  const version = await client.query<{ version: string; num: string }>(
    `select current_setting('server_version') as version, current_setting('server_version_num') as num`,
  );
  const serverVersion = version.rows[0]?.version ?? '';
  const serverMajor = Math.floor(Number(version.rows[0]?.num ?? 0) / 10_000);

  const present = (
    await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname = any($1::text[]) order by nspname`,
      [schemas],
    )
  ).rows.map((r) => r.nspname);
  const wanted = schemas.filter((s) => present.includes(s));

  const extensions = (
    await client.query<{ name: string; schema: string }>(
      `select e.extname as name, n.nspname as schema from pg_extension e
         join pg_namespace n on n.oid = e.extnamespace
        where e.extname <> 'plpgsql' order by e.extname`,
    )
  ).rows;

  const tables = (
    await client.query<{ schema: string; name: string; columns: string[] }>(
      `select n.nspname as schema, c.relname as name,
              array(select a.attname::text from pg_attribute a
                     where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                     order by a.attnum) as columns
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = any($1::text[]) and c.relkind = 'r' and c.relpersistence <> 't'
        order by n.nspname, c.relname`,
      [wanted],
    )
  ).rows.map((t): TableEntry => ({ schema: t.schema, name: t.name, rows: 0, columns: t.columns }));

  // Parents before children: the order a restore creates them in.
  const partitions = (
    await client.query<PartitionEntry & { depth: number }>(
      `with recursive tree as (
         select i.inhrelid as oid, i.inhparent as parent, 1 as depth
           from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where c.relispartition and c.relkind in ('r', 'p')
         union all
         select t.oid, i.inhparent, t.depth + 1 from tree t join pg_inherits i on i.inhrelid = t.parent
       )
       select n.nspname as schema, c.relname as name, pn.nspname as "parentSchema", p.relname as "parentName",
              pg_get_expr(c.relpartbound, c.oid) as bound, max(t.depth) as depth
         from tree t
         join pg_class c on c.oid = t.oid join pg_namespace n on n.oid = c.relnamespace
         join pg_inherits i on i.inhrelid = c.oid
         join pg_class p on p.oid = i.inhparent join pg_namespace pn on pn.oid = p.relnamespace
        where n.nspname = any($1::text[])
        group by 1, 2, 3, 4, 5
        order by depth, 1, 2`,
      [wanted],
    )
  ).rows.map(({ schema, name, parentSchema, parentName, bound }) => ({
    schema,
    name,
    parentSchema,
    parentName,
    bound,
  }));

  const sequences: DatabaseSection['sequences'] = [];
  const sequenceNames = await client.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind = 'S' order by 1, 2`,
    [wanted],
  );
  for (const { schema, name } of sequenceNames.rows) {
    const position = await client.query<{ lastValue: string; isCalled: boolean }>(
      `select last_value::text as "lastValue", is_called as "isCalled" from ${qualified(schema, name)}`,
    );
    const row = position.rows[0];
    if (row) sequences.push({ schema, name, lastValue: row.lastValue, isCalled: row.isCalled });
  }

  const migrations: Record<string, string[]> = {};
  for (const schema of wanted) {
    const found = await client.query<{ found: boolean }>(`select to_regclass($1) is not null as found`, [
      `${quoteIdent(schema)}.schema_migrations`,
    ]);
    if (!found.rows[0]?.found) continue;
    migrations[schema] = (
      await client.query<{ name: string }>(
        `select name from ${qualified(schema, 'schema_migrations')} order by name`,
      )
    ).rows.map((r) => r.name);
  }

  return {
    serverVersion,
    serverMajor,
    schemas: wanted,
    extensions,
    migrations,
    tables,
    partitions,
    sequences,
  };
}

/** Row counts of the given tables, in the caller's transaction. */
export async function countRows(
  client: pg.Client,
  tables: readonly { schema: string; name: string }[],
): Promise<number[]> {
  const counts: number[] = [];
  for (const table of tables) {
    const result = await client.query<{ n: string }>(
      `select count(*)::text as n from ${qualified(table.schema, table.name)}`,
    );
    counts.push(Number(result.rows[0]?.n ?? 0));
  }
  return counts;
}
