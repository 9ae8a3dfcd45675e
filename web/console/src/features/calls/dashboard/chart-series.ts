/**
 * Statistics as the API answers them (GET /calls/stats: sparse buckets per interval and group)
 * turned into what the charts draw: one point per interval of the range, zeros where nothing
 * happened, calls stacked by group, and the rates over all groups.
 */

export interface StatsFigures {
  readonly calls: number;
  readonly answered: number;
  readonly averageHandleSeconds: number | null;
  readonly inbound: number;
  readonly abandoned: number;
}

export interface StatsBucketLike extends StatsFigures {
  readonly start: string;
  readonly group: { readonly value: string | null; readonly name: string | null } | null;
}

export interface StatsLike {
  readonly timeZone: string;
  readonly interval: '15m' | 'hour' | 'day';
  readonly buckets: readonly StatsBucketLike[];
  readonly totals: readonly (StatsFigures & { readonly group: StatsBucketLike['group'] })[];
}

export interface Series {
  /** The data key of the series in each point (`g0`, `g1`…, `other`). */
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

export interface ChartPoint {
  /** Epoch ms of the interval's start. */
  readonly time: number;
  /** The interval's start in the tenant's time zone, in the reader's locale. */
  readonly label: string;
  readonly calls: number;
  /** 0–1, null without calls. */
  readonly answerRate: number | null;
  /** Seconds, null without answered calls. */
  readonly handleSeconds: number | null;
  /** 0–1, null without inbound calls. */
  readonly abandonRate: number | null;
  /** Calls per series key. */
  readonly [series: string]: number | string | null;
}

export interface ChartData {
  readonly points: readonly ChartPoint[];
  /** Stacks of the volume chart: the largest groups first, the rest as "Other". One `all` series without grouping. */
  readonly series: readonly Series[];
  readonly totals: {
    readonly calls: number;
    readonly answerRate: number | null;
    readonly handleSeconds: number | null;
    readonly abandonRate: number | null;
  };
}

/** Colours of the stacks, distinguishable for the common colour-vision deficiencies (Okabe–Ito, brand first). */
export const seriesColors = [
  '#0f5c57',
  '#e69f00',
  '#56b4e9',
  '#cc79a7',
  '#009e73',
  '#d55e00',
  '#0072b2',
  '#8a6d3b',
] as const;
const otherColor = '#9aa4b1';

const intervalMs = { '15m': 15 * 60_000, hour: 3600_000, day: 24 * 3600_000 } as const;
/** More points than this are not filled in (the API allows 10,000 intervals; a chart of more says nothing). */
const maxPoints = 10_000;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (ms). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time (given as if it were UTC) happens in `timeZone`; the earlier one when it happens twice. */
function fromWallClock(wall: number, timeZone: string): number {
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** Start of the interval `instant` falls in, cut at the tenant's wall-clock boundaries (as the API cuts them). */
export function intervalStart(instant: number, interval: StatsLike['interval'], timeZone: string): number {
  if (interval === 'day') {
    const wall = instant + zoneOffset(instant, timeZone);
    return fromWallClock(Math.floor(wall / intervalMs.day) * intervalMs.day, timeZone);
  }
  // Hours and quarters: local boundaries are whole quarters of UTC in every zone with a
  // quarter-hour offset, so cutting the wall clock and shifting back keeps the instant's offset.
  const offset = zoneOffset(instant, timeZone);
  const size = intervalMs[interval];
  return Math.floor((instant + offset) / size) * size - offset;
}

/** The next interval's start: local days are 23 or 25 hours long when clocks change. */
export function nextIntervalStart(start: number, interval: StatsLike['interval'], timeZone: string): number {
  if (interval !== 'day') return start + intervalMs[interval];
  const wall = start + zoneOffset(start, timeZone);
  return fromWallClock(wall + intervalMs.day, timeZone);
}

function labelFormat(interval: StatsLike['interval'], timeZone: string): Intl.DateTimeFormat {
  return interval === 'day'
    ? new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', day: 'numeric', month: 'short' })
    : new Intl.DateTimeFormat(undefined, {
        timeZone,
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

interface Sums {
  calls: number;
  answered: number;
  handleWeighted: number;
  handleAnswered: number;
  inbound: number;
  abandoned: number;
}

const emptySums = (): Sums => ({
  calls: 0,
  answered: 0,
  handleWeighted: 0,
  handleAnswered: 0,
  inbound: 0,
  abandoned: 0,
});

function add(sums: Sums, figures: StatsFigures): void {
  sums.calls += figures.calls;
  sums.answered += figures.answered;
  sums.inbound += figures.inbound;
  sums.abandoned += figures.abandoned;
  // Averages combine weighted by the calls they average over (answered ones).
  if (figures.averageHandleSeconds !== null && figures.answered > 0) {
    sums.handleWeighted += figures.averageHandleSeconds * figures.answered;
    sums.handleAnswered += figures.answered;
  }
}

const rates = (sums: Sums) => ({
  answerRate: ratio(sums.answered, sums.calls),
  handleSeconds: sums.handleAnswered > 0 ? sums.handleWeighted / sums.handleAnswered : null,
  abandonRate: ratio(sums.abandoned, sums.inbound),
});

const groupKey = (group: StatsBucketLike['group']) =>
  group === null ? '\u0000all' : (group.value ?? '\u0000none');

/**
 * @param range the range asked for, so the chart covers all of it (leading and trailing quiet intervals included)
 * @param options.maxGroups stacks of their own; smaller groups are summed up as "Other"
 * @param options.groupLabel how to name a group (`direction` values read better as words)
 */
export function toChartData(
  stats: StatsLike,
  range: { from: string; to: string },
  options: { maxGroups?: number; groupLabel?: (group: NonNullable<StatsBucketLike['group']>) => string } = {},
): ChartData {
  const maxGroups = options.maxGroups ?? 6;
  const { timeZone, interval } = stats;

  // The largest groups by calls over the range get a stack each.
  const ranked = [...stats.totals]
    .filter((t) => t.calls > 0)
    .sort((a, b) => b.calls - a.calls || groupKey(a.group).localeCompare(groupKey(b.group)));
  const grouped = stats.totals.some((t) => t.group !== null) || stats.buckets.some((b) => b.group !== null);
  const kept = ranked.slice(0, ranked.length > maxGroups ? maxGroups - 1 : maxGroups);
  const keyOf = new Map(kept.map((t, index) => [groupKey(t.group), `g${index}`]));
  const nameOf = (group: NonNullable<StatsBucketLike['group']>) =>
    options.groupLabel?.(group) ??
    (group.value === null ? 'None' : group.name && group.name !== group.value ? group.name : group.value);
  const series: Series[] = grouped
    ? kept.map((t, index) => ({
        key: `g${index}`,
        label: t.group ? nameOf(t.group) : 'All calls',
        color: seriesColors[index % seriesColors.length] ?? otherColor,
      }))
    : [{ key: 'all', label: 'Calls', color: seriesColors[0] }];
  if (grouped && ranked.length > kept.length)
    series.push({ key: 'other', label: 'Other', color: otherColor });
  const seriesKeyOf = (group: StatsBucketLike['group']) =>
    grouped ? (keyOf.get(groupKey(group)) ?? 'other') : 'all';

  // Every interval of the range, then whatever the API answered (in case a boundary differs).
  const times = new Set<number>();
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  if (Number.isFinite(from) && Number.isFinite(to)) {
    for (
      let t = intervalStart(from, interval, timeZone);
      t < to && times.size < maxPoints;
      t = nextIntervalStart(t, interval, timeZone)
    )
      times.add(t);
  }
  const byTime = new Map<number, { sums: Sums; stacks: Map<string, number> }>();
  for (const bucket of stats.buckets) {
    const time = Date.parse(bucket.start);
    times.add(time);
    let entry = byTime.get(time);
    if (!entry) byTime.set(time, (entry = { sums: emptySums(), stacks: new Map() }));
    add(entry.sums, bucket);
    const key = seriesKeyOf(bucket.group);
    entry.stacks.set(key, (entry.stacks.get(key) ?? 0) + bucket.calls);
  }

  const format = labelFormat(interval, timeZone);
  const points = [...times]
    .sort((a, b) => a - b)
    .map((time): ChartPoint => {
      const entry = byTime.get(time);
      const sums = entry?.sums ?? emptySums();
      const stacks = Object.fromEntries(series.map((s) => [s.key, entry?.stacks.get(s.key) ?? 0]));
      return { ...stacks, time, label: format.format(new Date(time)), calls: sums.calls, ...rates(sums) };
    });

  const overall = emptySums();
  for (const total of stats.totals) add(overall, total);
  return { points, series, totals: { calls: overall.calls, ...rates(overall) } };
}
