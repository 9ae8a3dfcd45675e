import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { Transaction } from 'kysely';
import type { CallStats, CallStatsQuery, QueueTargets, StatsGroup, StatsTotal } from '../contract.js';
import type { IndexFilters } from '../query/call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import { rollupCanServe, rollupLevelFor, statsRows, wholeDaysWithin, type StatsRow } from './stats.repo.js';
import { recordRollupZone, rollupZone } from './rollup-zones.js';
import { createStatsCoalescer, type StatsCoalescer } from './stats-coalescing.js';
import { addSums, figuresOf, sumsOf, zeroSums, type StatsSums } from './stats-figures.js';
import {
  hoursWithin,
  isQuarterHourZone,
  isWholeHourZone,
  mergeStatsRows,
  quarterHoursWithin,
} from './stats-ranges.js';
import type { RollupLevel } from './rollup-contributions.sql.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { assertNoProblems, resolveFilters, statsProblems } from '../query/call-filters.js';

export { figuresOf } from '../stats/stats-figures.js';

type Trx = Transaction<CallsTables>;

export interface CallStatsReader {
  (ctx: RequestContext, query: CallStatsQuery): Promise<CallStats>;
  /** Identical requests in flight share one answer; with a source of changes, answers are kept briefly too. */
  readonly coalescer: StatsCoalescer<CallStats>;
}

/** How long a settled answer is kept while the tenant's calls do not change (see stats-coalescing.ts). */
export const STATS_CACHE_MS = 1_000;

export function createCallStats(deps: {
  database: Database;
  crypto: CallCrypto;
  timeZoneOf: (ctx: RequestContext) => Promise<string>;
  targetsOf: (ctx: RequestContext) => Promise<QueueTargets>;
  cacheMs?: number;
}): CallStatsReader {
  const { database, crypto } = deps;
  const coalescer = createStatsCoalescer<CallStats>({ cacheMs: deps.cacheMs ?? STATS_CACHE_MS });
  const reader = (ctx: RequestContext, query: CallStatsQuery) =>
    coalescer.answer(ctx.tenantId, query, () => stats(ctx, query));
  return Object.assign(reader, { coalescer });

  async function stats(ctx: RequestContext, query: CallStatsQuery): Promise<CallStats> {
    assertNoProblems(statsProblems(query.filters.from, query.filters.to, query.interval));
    const [filters, timeZone, targets] = await Promise.all([
      resolveFilters(crypto, ctx.tenantId, query.filters),
      deps.timeZoneOf(ctx),
      deps.targetsOf(ctx),
    ]);
    const { from, to } = query.filters;
    const options = { interval: query.interval, timeZone, groupBy: query.groupBy, targets };
    const fromRollup = rollupCanServe(filters) && isQuarterHourZone(timeZone, [from, to]);
    const level = rollupLevelFor(filters, query.groupBy);

    /*
     * From the smallest rollup levels that know the groups and filters asked for, coarsest first:
     * the whole local days of the range from a day level (a question by day, with the day levels
     * ready in the tenant's zone), the whole hours around them from the hour level (questions by
     * hour or day without agents, in a zone of whole-hour offsets), the whole quarter hours around
     * those from a quarter-hour level, and from the calls the minutes before the first quarter
     * hour and after the last (a range "until now" rarely ends on a quarter hour).
     */
    const byDay = fromRollup && (query.interval === 'day' || query.interval === 'range');
    const zone = byDay
      ? await database.withTenant<CallsTables, Awaited<ReturnType<typeof rollupZone>>>(ctx, async (trx) => {
          const recorded = await rollupZone(trx);
          // A first question by day, or a new zone: record it; the rollup-zones timer builds the days.
          return recorded?.timeZone === timeZone ? recorded : recordRollupZone(trx, timeZone);
        })
      : undefined;
    const dayLevelReady = zone?.ready === true && zone.timeZone === timeZone;
    // The previous period is read with the same levels: the zone must keep whole hours over both.
    const span = to.getTime() - from.getTime();
    const hourLevelServes =
      fromRollup &&
      query.interval !== '15m' &&
      isWholeHourZone(timeZone, { from: new Date(from.getTime() - span), to });

    /** The coarsest level first: each reads the whole intervals of its part, the next the rest. */
    type Range = { from: Date; to: Date };
    const tiers: { level: RollupLevel; within: (trx: Trx, range: Range) => Promise<Range | undefined> }[] =
      [];
    if (dayLevelReady)
      tiers.push({
        level: rollupLevelFor(filters, query.groupBy, 'day'),
        within: (trx, range) => wholeDaysWithin(trx, range, timeZone),
      });
    if (hourLevelServes)
      tiers.push({
        level: rollupLevelFor(filters, query.groupBy, 'hour'),
        within: (_, range) => Promise.resolve(hoursWithin(range)),
      });
    if (fromRollup) tiers.push({ level, within: (_, range) => Promise.resolve(quarterHoursWithin(range)) });

    const read = (range: Range) =>
      database.withTenant<CallsTables, StatsRow[]>(ctx, async (trx) => {
        const at = { ...options, rangeFrom: range.from };
        const readFrom = async (tier: number, part: Range): Promise<StatsRow[]> => {
          const current = tiers[tier];
          if (!current) return statsRows(trx, 'scan', { ...filters, ...part } satisfies IndexFilters, at);
          const whole = await current.within(trx, part);
          if (!whole) return readFrom(tier + 1, part);
          const rows = await statsRows(trx, current.level, { ...filters, ...whole }, at);
          if (part.from < whole.from)
            rows.push(...(await readFrom(tier + 1, { from: part.from, to: whole.from })));
          if (whole.to < part.to) rows.push(...(await readFrom(tier + 1, { from: whole.to, to: part.to })));
          return rows;
        };
        return mergeStatsRows(await readFrom(0, range));
      });
    const previousRange = { from: new Date(from.getTime() - span), to: from };
    const [rows, previousRows] = await Promise.all([
      read({ from, to }),
      query.comparePrevious ? read(previousRange) : Promise.resolve(undefined),
    ]);

    // An agent group is named by decrypting one of its {id, name} ciphertexts.
    const groups = new Map<string | null, StatsGroup>();
    for (const row of [...rows, ...(previousRows ?? [])]) {
      if (groups.has(row.groupValue)) continue;
      if (query.groupBy === 'agent' && row.groupName !== null) {
        const agent = await crypto.decryptAgent(ctx.tenantId, row.groupName);
        groups.set(row.groupValue, { value: agent.id ?? agent.name, name: agent.name });
      } else {
        groups.set(row.groupValue, { value: row.groupValue, name: row.groupName });
      }
    }
    const groupOf = (value: string | null): StatsGroup | null =>
      query.groupBy ? (groups.get(value) ?? null) : null;
    const targetOf = (value: string | null) =>
      query.groupBy === 'queue' ? (targets.queues.find((q) => q.queueId === value) ?? targets.default) : null;
    const plainTarget = (target: ReturnType<typeof targetOf>) =>
      target && {
        serviceLevelSeconds: target.serviceLevelSeconds,
        serviceLevelGoal: target.serviceLevelGoal,
        shortAbandonSeconds: target.shortAbandonSeconds,
      };

    const totalsOf = (list: readonly StatsRow[]): StatsTotal[] => {
      const totals = new Map<string | null, StatsSums>();
      // Without grouping there is always one total, zero when nothing matched.
      if (!query.groupBy) totals.set(null, zeroSums());
      for (const row of list) {
        const sum = totals.get(row.groupValue);
        totals.set(row.groupValue, sum ? addSums(sum, row) : sumsOf(row));
      }
      return [...totals].map(([value, sums]) => ({
        group: groupOf(value),
        target: plainTarget(targetOf(value)),
        ...figuresOf(sums),
      }));
    };
    const { builtIn: _builtIn, ...defaultTarget } = targets.default;
    return {
      timeZone,
      interval: query.interval,
      groupBy: query.groupBy ?? null,
      buckets: rows.map((row) => ({
        start: row.bucketStart.toISOString(),
        localStart: row.localStart,
        group: groupOf(row.groupValue),
        ...figuresOf(row),
      })),
      totals: totalsOf(rows),
      previous: previousRows
        ? {
            from: previousRange.from.toISOString(),
            to: previousRange.to.toISOString(),
            totals: totalsOf(previousRows),
          }
        : null,
      defaultTarget,
      servedFrom: fromRollup ? 'rollup' : 'scan',
    };
  }
}
