import type { Schema } from '@/api/types';
import type { CallsSearch } from '../calls.search';

export type CallStats = Schema<'CallStats'>;
export type StatsTotal = CallStats['totals'][number];
export type QueueTargets = Schema<'QueueTargets'>;

/** Seconds a target may name: the server's wait-histogram edges (src/modules/calls/stats/wait-histogram.ts). */
export const targetSeconds = [5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 180, 240, 300, 600] as const;

export type Trend = 'better' | 'worse' | 'same';

export interface Delta {
  /** now - before, in the figure's unit (a ratio for rates, seconds for times). */
  readonly change: number;
  readonly trend: Trend;
}

/**
 * The change of a figure against the period before; undefined when either side has none. `higherIsBetter`
 * says which way is good (service level up is good, speed of answer up is not).
 */
export function deltaOf(
  now: number | null | undefined,
  before: number | null | undefined,
  higherIsBetter: boolean,
): Delta | undefined {
  if (now === null || now === undefined || before === null || before === undefined) return undefined;
  const change = now - before;
  if (Math.abs(change) < 1e-9) return { change: 0, trend: 'same' };
  return { change, trend: change > 0 === higherIsBetter ? 'better' : 'worse' };
}

/** The call list showing the calls behind a figure: same range, plus the row's queue or agent. */
export function callsOf(
  range: { from: string; to: string },
  filter: { queue?: string; agent?: string; direction?: 'inbound' } = {},
): CallsSearch {
  return { from: range.from, to: range.to, ...filter };
}

/** Below goal when the service level is known and under the queue's goal. */
export const belowGoal = (total: StatsTotal) =>
  total.serviceLevel !== null && total.target !== null && total.serviceLevel < total.target.serviceLevelGoal;

/** The table rows: groups with calls, busiest first, calls without a queue or agent last. */
export function rowsOf(totals: readonly StatsTotal[], measure: (t: StatsTotal) => number): StatsTotal[] {
  return [...totals].sort((a, b) => {
    const aNone = a.group?.value === null;
    const bNone = b.group?.value === null;
    if (aNone !== bNone) return aNone ? 1 : -1;
    return measure(b) - measure(a);
  });
}

/** Midnight today in a time zone, as an instant (the wallboard's "today"). */
export function startOfToday(timeZone: string, now: number): Date {
  const wall = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(at);
    const get = (type: Intl.DateTimeFormatPartTypes) =>
      Number(parts.find((p) => p.type === type)?.value ?? 0);
    return {
      y: get('year'),
      m: get('month'),
      d: get('day'),
      ms: Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')),
    };
  };
  const today = wall(now);
  const midnightAsUtc = Date.UTC(today.y, today.m - 1, today.d);
  // Guess with the offset now, then correct with the offset at the guess (a change of offset overnight).
  let guess = midnightAsUtc - (today.ms - Math.floor(now / 1000) * 1000);
  guess = midnightAsUtc - (wall(guess).ms - guess);
  return new Date(guess);
}
