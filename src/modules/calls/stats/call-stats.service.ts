import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { CallFigures, CallStats, CallStatsQuery, StatsGroup } from '../contract.js';
import { callStats, type StatsRow } from '../query/call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import type { CallCrypto } from '../store/call-crypto.js';
import { assertNoProblems, resolveFilters, statsProblems } from '../query/call-filters.js';

type Sums = Pick<StatsRow, 'calls' | 'answered' | 'talkSum' | 'talkCount' | 'handleSum' | 'handleCount' | 'inbound' | 'abandoned'>;

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const average = (sum: number | null, count: number) => (count === 0 || sum === null ? null : Math.round((sum / count) * 100) / 100);

export function figuresOf(sums: Sums): CallFigures {
  return {
    calls: sums.calls,
    answered: sums.answered,
    answerSeizureRatio: ratio(sums.answered, sums.calls),
    averageTalkSeconds: average(sums.talkSum, sums.talkCount),
    averageHandleSeconds: average(sums.handleSum, sums.handleCount),
    inbound: sums.inbound,
    abandoned: sums.abandoned,
    abandonRate: ratio(sums.abandoned, sums.inbound),
  };
}

function add(a: Sums, b: Sums): Sums {
  const plus = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : x + y);
  return {
    calls: a.calls + b.calls,
    answered: a.answered + b.answered,
    talkSum: plus(a.talkSum, b.talkSum),
    talkCount: a.talkCount + b.talkCount,
    handleSum: plus(a.handleSum, b.handleSum),
    handleCount: a.handleCount + b.handleCount,
    inbound: a.inbound + b.inbound,
    abandoned: a.abandoned + b.abandoned,
  };
}

export function createCallStats(deps: { database: Database; crypto: CallCrypto; timeZoneOf: (ctx: RequestContext) => Promise<string> }) {
  const { database, crypto } = deps;
  return async function stats(ctx: RequestContext, query: CallStatsQuery): Promise<CallStats> {
    assertNoProblems(statsProblems(query.filters.from, query.filters.to, query.interval));
    const [filters, timeZone] = await Promise.all([resolveFilters(crypto, ctx.tenantId, query.filters), deps.timeZoneOf(ctx)]);
    const rows = await database.withTenant<CallsTables, StatsRow[]>(ctx, (trx) =>
      callStats(trx, { ...filters, from: query.filters.from, to: query.filters.to }, { interval: query.interval, timeZone, groupBy: query.groupBy }),
    );

    // An agent group is named by decrypting one of its {id, name} ciphertexts.
    const groups = new Map<string | null, StatsGroup>();
    for (const row of rows) {
      if (groups.has(row.groupValue)) continue;
      if (query.groupBy === 'agent' && row.groupName !== null) {
        const agent = await crypto.decryptAgent(ctx.tenantId, row.groupName);
        groups.set(row.groupValue, { value: agent.id ?? agent.name, name: agent.name });
      } else {
        groups.set(row.groupValue, { value: row.groupValue, name: row.groupName });
      }
    }
    const groupOf = (row: StatsRow): StatsGroup | null => (query.groupBy ? (groups.get(row.groupValue) ?? null) : null);

    const totals = new Map<string | null, Sums>();
    // Without grouping there is always one total, zero when nothing matched.
    if (!query.groupBy) totals.set(null, { calls: 0, answered: 0, talkSum: null, talkCount: 0, handleSum: null, handleCount: 0, inbound: 0, abandoned: 0 });
    for (const row of rows) {
      const sum = totals.get(row.groupValue);
      totals.set(row.groupValue, sum ? add(sum, row) : row);
    }
    return {
      timeZone,
      interval: query.interval,
      groupBy: query.groupBy ?? null,
      buckets: rows.map((row) => ({ start: row.bucketStart.toISOString(), localStart: row.localStart, group: groupOf(row), ...figuresOf(row) })),
      totals: [...totals].map(([value, sums]) => ({
        group: query.groupBy ? (groups.get(value) ?? null) : null,
        ...figuresOf(sums),
      })),
    };
  };
}
