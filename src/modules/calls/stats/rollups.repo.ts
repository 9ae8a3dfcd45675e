import { sql, type Transaction } from 'kysely';
import type { CallsTables } from '../db/calls.tables.js';

/** Where a stored call lives: its partition key and id. */
interface StoredCallRef {
  readonly startedAt: Date;
  readonly id: string;
}

/**
 * Adds (1) or takes away (-1) the contribution of these stored calls to every rollup level, in the
 * caller's transaction: take away before a call's index row is replaced, add once the new one is
 * written (calls.apply_rollup_delta, migrations 0011 and 0013).
 */
export async function applyRollupDelta(
  trx: Transaction<CallsTables>,
  calls: readonly StoredCallRef[],
  sign: 1 | -1,
): Promise<void> {
  if (calls.length === 0) return;
  await sql`select calls.apply_rollup_delta(${calls.map((c) => c.startedAt.toISOString())}::timestamptz[], ${calls.map((c) => c.id)}::uuid[], ${sign}::int)`.execute(
    trx,
  );
}
