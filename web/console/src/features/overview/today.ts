import type { components } from '@/api/schema.gen';

type CallStats = components['schemas']['CallStats'];
export type DayFigures = Omit<CallStats['buckets'][number], 'group' | 'localStart'>;

/** How far back the day's statistics are asked from: a local day lasts at most 25 hours (the autumn clock change). */
export const todayWindowMs = 26 * 3600_000;

/** The window the overview asks /calls/stats for (daily intervals of the tenant's clock), ending at the next full minute so a minute's refetches share a cache entry. */
export function todayWindow(now: number): { from: string; to: string } {
  const to = Math.ceil((now + 1) / 60_000) * 60_000;
  return { from: new Date(to - todayWindowMs).toISOString(), to: new Date(to).toISOString() };
}

/** The date (YYYY-MM-DD) the tenant's clock shows at `now`. */
export function localDate(now: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Today's figures in the tenant's time zone, out of daily statistics over the last 26 hours: the
 * interval that starts at today's local midnight is whole (the window reaches back past it).
 * Undefined when no call started today.
 */
export function todayOf(stats: Pick<CallStats, 'buckets' | 'timeZone'>, now: number): DayFigures | undefined {
  const today = localDate(now, stats.timeZone);
  const bucket = stats.buckets.find((b) => b.group === null && b.localStart.startsWith(today));
  if (!bucket) return undefined;
  const { group: _group, localStart: _localStart, ...figures } = bucket;
  return figures;
}
