import { sql } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';

/** Schemas that are PostgreSQL's own, never ours to vacuum. */
const systemSchemas = ['pg_catalog', 'information_schema', 'pg_toast'];

/**
 * VACUUM ANALYZE of every table of the installation's schemas (the kernel's and the modules'),
 * one table at a time on the owner connection (VACUUM cannot run in a transaction, and the app role
 * owns nothing). Anonymised and deleted rows leave dead tuples behind; this returns their space and
 * refreshes the planner's statistics. Partitions are vacuumed through their parent.
 */
export async function vacuumAnalyze(
  database: Database,
  logger: Logger,
): Promise<{ readonly tables: number; readonly failed: readonly string[] }> {
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and not c.relispartition
      and n.nspname <> all(${systemSchemas}::text[]) and n.nspname not like 'pg_temp%'
      and pg_has_role(c.relowner, 'USAGE')
    order by 1`.execute(database.owner);
  const failed: string[] = [];
  for (const { name } of rows) {
    try {
      await sql.raw(`VACUUM (ANALYZE) ${name}`).execute(database.owner);
    } catch (error) {
      failed.push(name);
      logger.warn({ err: error, table: name }, 'VACUUM ANALYZE failed');
    }
  }
  logger.info({ tables: rows.length, failed: failed.length }, 'weekly VACUUM ANALYZE done');
  return { tables: rows.length, failed };
}
