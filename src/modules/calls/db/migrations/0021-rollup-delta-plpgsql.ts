import { sqlMigration } from '../../../../platform/db/index.js';
import {
  emptyRollupsSql,
  rollupContributionsSql,
  rollupLevels,
  rollupMergeSql,
  rollupZoneLockSql,
} from '../../stats/rollup-contributions.sql.js';

/*
 * calls.apply_rollup_delta as PL/pgSQL, the same statements in the same order (migration 0015).
 * As a SQL-standard function its thirteen statements were planned again on every call, each
 * INSERT over the partitioned call index: 13.3 ms a call on average in `bench:ingest --mode
 * single` (pg_stat_statements, 236 calls for 1,600 records), 46% of PostgreSQL's execution time
 * on that path. PL/pgSQL keeps each statement's plan for the session (a pooled connection), and
 * generic plans (plan_cache_mode) spare the five custom plannings per statement before that.
 *
 * Each call found by its primary key, one index look-up per call: as `(started_at, id) IN (unnest)`
 * the planner, without statistics of a fresh month, read every call of the tenant's month and
 * hashed the few it wanted (a plan seen in the bench, 177 rows read for 9) — a cost that grows with
 * the month. A LATERAL subquery with a LIMIT cannot be flattened into a join, so the look-up stays
 * a nested loop over the keys.
 */
const callsByKey = `(SELECT DISTINCT * FROM unnest(p_started_at, p_ids)) AS k(started_at, id)
      CROSS JOIN LATERAL (
        SELECT * FROM calls.call_records c WHERE c.started_at = k.started_at AND c.id = k.id LIMIT 1
      ) r`;

/**
 * The function's definition: the rows left without calls deleted after every delta (`always`, this
 * migration) or only after one that took calls away (`after-removal`, migration 0022).
 */
export function applyRollupDeltaSql(deleteEmptied: 'always' | 'after-removal'): string {
  const deletes = rollupLevels.map((level) => `${emptyRollupsSql(level)};`);
  return `
  CREATE OR REPLACE FUNCTION calls.apply_rollup_delta(p_started_at timestamptz[], p_ids uuid[], p_sign integer) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET plan_cache_mode = force_generic_plan
  AS $fn$
  BEGIN
    -- The levels in rollupLevels' order, every writer's, so concurrent ingest waits rather than deadlocks.
    ${rollupZoneLockSql('shared').replace(/^SELECT /, 'PERFORM ')};
    ${rollupLevels
      .map(
        (level) => `INSERT INTO ${level.table} AS t
    ${rollupContributionsSql(callsByKey, 'true', 'p_sign', level)}
    ${rollupMergeSql('p_sign', level)};`,
      )
      .join('\n    ')}
    ${
      deleteEmptied === 'always'
        ? deletes.join('\n    ')
        : `IF p_sign < 0 THEN\n      ${deletes.join('\n      ')}\n    END IF;`
    }
  END
  $fn$;
  `;
}

export const rollupDeltaPlpgsqlMigration = sqlMigration(
  '0021_rollup_delta_plpgsql',
  applyRollupDeltaSql('always'),
);
