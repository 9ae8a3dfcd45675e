import { datePresets, presetRange, type DatePreset } from '@/kit/data-table';

/*
 * The quality pages' controls, in the address (a view can be shared). A preset range is a range of
 * the tenant's calendar (today, last 7 days…), computed where the page opens.
 */

export const qualityIntervals = ['week', 'day'] as const;
export type QualityInterval = (typeof qualityIntervals)[number];

export interface QualitySearch {
  readonly range: DatePreset;
  readonly interval: QualityInterval;
  readonly queue?: string;
  readonly team?: string;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() && value.trim().length <= 256 ? value.trim() : undefined;

const oneOf = <T extends string>(value: unknown, known: readonly T[]): T | undefined =>
  typeof value === 'string' && (known as readonly string[]).includes(value) ? (value as T) : undefined;

/** validateSearch of /quality: anything malformed is dropped. */
export function qualitySearch(search: Record<string, unknown>): QualitySearch {
  const range = oneOf(search.range, datePresets) ?? 'last30';
  const queue = text(search.queue);
  const team = text(search.team);
  return {
    range,
    interval:
      oneOf(search.interval, qualityIntervals) ??
      (range === 'last30' || range === 'thisMonth' ? 'week' : 'day'),
    ...(queue ? { queue } : {}),
    ...(team ? { team } : {}),
  };
}

/** The query the dashboard API is asked with. */
export function dashboardQuery(search: QualitySearch, timeZone: string, now = Date.now()) {
  return {
    ...presetRange(search.range, timeZone, now),
    interval: search.interval,
    ...(search.queue ? { queue: search.queue } : {}),
    ...(search.team ? { team: search.team } : {}),
  };
}

/** As a URL query string (the CSV downloads are fetched by path). */
export function queryString(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  return params.toString();
}
