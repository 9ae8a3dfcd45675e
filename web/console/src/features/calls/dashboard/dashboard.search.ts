import { searchInstant } from '@/kit/data-table';

export const statsIntervals = ['15m', 'hour', 'day'] as const;
export const statsGroups = ['source', 'queue', 'agent', 'direction'] as const;
export const rangePresets = ['24h', '7d', '30d', 'custom'] as const;

export type StatsInterval = (typeof statsIntervals)[number];
export type StatsGroup = (typeof statsGroups)[number];
export type RangePreset = (typeof rangePresets)[number];

/** The dashboard's controls, in the address: a view can be shared. */
export interface DashboardSearch {
  /** A window ending now, or `custom` with `from` and `to`. */
  readonly range: RangePreset;
  readonly from?: string;
  readonly to?: string;
  readonly interval: StatsInterval;
  readonly groupBy?: StatsGroup;
}

const oneOf = <T extends string>(value: unknown, known: readonly T[]): T | undefined =>
  typeof value === 'string' && (known as readonly string[]).includes(value) ? (value as T) : undefined;

/** validateSearch of /calls/dashboard. Dates given without a range mean a custom range. */
export function dashboardSearch(search: Record<string, unknown>): DashboardSearch {
  const from = searchInstant(search.from);
  const to = searchInstant(search.to);
  const custom = Boolean(from && to && from < to);
  const range = oneOf(search.range, rangePresets) ?? (custom ? 'custom' : '24h');
  const preset: RangePreset = range === 'custom' && !custom ? '24h' : range;
  const groupBy = oneOf(search.groupBy, statsGroups);
  return {
    range: preset,
    ...(preset === 'custom' ? { from, to } : {}),
    interval:
      oneOf(search.interval, statsIntervals) ?? (preset === '7d' || preset === '30d' ? 'day' : 'hour'),
    ...(groupBy ? { groupBy } : {}),
  };
}

const presetMs: Readonly<Record<Exclude<RangePreset, 'custom'>, number>> = {
  '24h': 24 * 3600_000,
  '7d': 7 * 24 * 3600_000,
  '30d': 30 * 24 * 3600_000,
};

/** The instants the statistics are asked for; a preset ends at the next full minute (so a minute's refetches share a cache entry). */
export function rangeOf(search: DashboardSearch, now: number): { from: string; to: string } {
  if (search.range === 'custom' && search.from && search.to) return { from: search.from, to: search.to };
  const end = Math.ceil(now / 60_000) * 60_000;
  const span = presetMs[search.range === 'custom' ? '24h' : search.range];
  return { from: new Date(end - span).toISOString(), to: new Date(end).toISOString() };
}

const intervalMs: Readonly<Record<StatsInterval, number>> = {
  '15m': 15 * 60_000,
  hour: 3600_000,
  day: 24 * 3600_000,
};

/** The API answers at most 10,000 intervals a request; say so before asking. */
export function tooManyIntervals(range: { from: string; to: string }, interval: StatsInterval): boolean {
  return (Date.parse(range.to) - Date.parse(range.from)) / intervalMs[interval] > 10_000;
}
