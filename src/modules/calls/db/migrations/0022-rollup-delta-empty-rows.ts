import { sqlMigration } from '../../../../platform/db/index.js';
import { applyRollupDeltaSql } from './0021-rollup-delta-plpgsql.js';

/*
 * calls.apply_rollup_delta as in migration 0021, but rows left without calls are looked for only
 * when calls were taken away (p_sign < 0: a call's earlier version, an erasure). Adding calls only
 * ever raises a row's count, so after an addition there is nothing to delete, and the deletes were
 * the function's dearest statements: in `bench:ingest --mode single` (4,000 new calls in 548
 * calls of the function, pg_stat_statements with nested statements) the DELETEs of the 15-minute
 * and hour levels read 1.3 million buffers, 1,183 a statement where the INSERTs read 76, and the
 * DELETEs took 672 of the function's 1,159 ms of execution. Measured the same way without and
 * with this migration: the function 1,753 ms against 1,016 and 963 ms (3.1 against 1.8 ms a call),
 * every statement's execution 4,788 against 4,324 and 3,966 ms.
 */
export const rollupDeltaEmptyRowsMigration = sqlMigration(
  '0022_rollup_delta_empty_rows',
  applyRollupDeltaSql('after-removal'),
);
