import { createGzip } from 'node:zlib';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { TableEntry } from './backup.manifest.js';
import { writeFileFrom, type FileDigest } from './backup-files.js';
import { qualified, quoteIdent } from './database-inventory.js';

/**
 * The built-in dump, for when no pg_dump as new as the server is at hand: every table's rows as
 * `COPY … TO STDOUT` text (the format every PostgreSQL version reads), gzipped, one file per table,
 * in the caller's repeatable-read transaction so that all of them are one consistent snapshot.
 * Answers the tables with their row counts and files, and each file's digest.
 */
export async function dumpTables(
  client: pg.Client,
  root: string,
  tables: readonly TableEntry[],
  onTable: (table: TableEntry) => void,
): Promise<{ tables: TableEntry[]; files: Record<string, FileDigest> }> {
  const files: Record<string, FileDigest> = {};
  const dumped: TableEntry[] = [];
  for (const [index, table] of tables.entries()) {
    const file = `database/tables/${String(index + 1).padStart(4, '0')}.copy.gz`;
    const columns = table.columns.map(quoteIdent).join(', ');
    const stream = client.query(copyTo(`COPY ${qualified(table.schema, table.name)} (${columns}) TO STDOUT`));
    files[file] = await writeFileFrom(root, file, stream, [createGzip()]);
    const entry = { ...table, rows: stream.rowCount, file };
    dumped.push(entry);
    onTable(entry);
  }
  return { tables: dumped, files };
}
