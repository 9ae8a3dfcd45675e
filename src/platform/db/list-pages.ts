import { sql, type Expression, type RawBuilder } from 'kysely';

/** A database or transaction to run on. */
type Executor = Parameters<RawBuilder<unknown>['execute']>[0];

/*
 * What every keyset-paginated list shares: the order of its keys, the condition that continues
 * after a cursor, and a total that is exact while counting is cheap and the planner's estimate
 * beyond. Module repos build their own FROM and WHERE; these put the same pieces around them.
 */

/** How many rows match: counted up to a cap, beyond it the planner's estimate (`exact: false`). */
export interface ListTotal {
  readonly count: number;
  readonly exact: boolean;
}

/**
 * Up to this many matches are counted (an index walk of a few milliseconds); beyond, the answer
 * is the planner's estimate, because an exact count of millions of rows costs seconds.
 */
export const EXACT_COUNT_CAP = 10_000;

export type SortDirection = 'asc' | 'desc';

/**
 * How many rows `rows` (a `select … from … where …` without order or limit) returns: counted
 * exactly up to `cap` (at most cap + 1 rows are read), beyond it the planner's row estimate of the
 * whole query, which costs no scan at all.
 */
export async function countUpTo(
  db: Executor,
  rows: Expression<unknown> | RawBuilder<unknown>,
  cap: number = EXACT_COUNT_CAP,
): Promise<ListTotal> {
  const { rows: counted } = await sql<{ n: number }>`
    select count(*)::int as n from (${rows} limit ${cap + 1}) capped`.execute(db);
  const exact = counted[0]?.n ?? 0;
  if (exact <= cap) return { count: exact, exact: true };
  const plan = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
    explain (format json) ${rows}`.execute(db);
  const estimate = Math.round(plan.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
  return { count: Math.max(estimate, exact), exact: false };
}

/** `a desc, b desc, id desc`: the keys of a keyset order, all in one direction. */
export function orderByKeys(
  keys: readonly RawBuilder<unknown>[],
  direction: SortDirection,
): RawBuilder<unknown> {
  const dir = sql.raw(direction);
  return sql.join(keys.map((key) => sql`${key} ${dir}`));
}

/**
 * The rows after a cursor in that order: `(a, b, id) < ($1, $2, $3)` descending, `>` ascending.
 * `values` are the cursor's, as SQL (cast them where PostgreSQL cannot infer the type).
 */
export function keysetAfter(
  keys: readonly RawBuilder<unknown>[],
  values: readonly RawBuilder<unknown>[],
  direction: SortDirection,
): RawBuilder<boolean> {
  const left = sql`(${sql.join(keys)})`;
  const right = sql`(${sql.join(values)})`;
  return direction === 'desc' ? sql<boolean>`${left} < ${right}` : sql<boolean>`${left} > ${right}`;
}
