import { sql } from 'kysely';
import type { Database } from '../../src/platform/db/index.js';

/**
 * The tables of the database (every schema but PostgreSQL's own) holding `secret` in any row: as
 * text (text, json) or as the hex of its bytes (bytea, as row text shows it). For tests that a
 * secret or a piece of personal data is stored nowhere in clear.
 */
export async function tablesHolding(owner: Database['owner'], secret: string): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select format('%I.%I', table_schema, table_name) as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(
    owner,
  );
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.raw(name)} as r where strpos(r::text, ${secret}) > 0 or strpos(r::text, ${hex}) > 0`.execute(
      owner,
    );
    if ((rows[0]?.n ?? 0) > 0) found.push(name);
  }
  return found;
}
