import { compactSearch, searchText } from '@/kit/data-table';

/** The analytics page's period, currency and zone, in the address (shareable). */
export interface AnalyticsSearch {
  /** YYYY-MM-DD, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly currency?: string;
  readonly timeZone?: string;
}

export const isDay = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function analyticsSearch(search: Record<string, unknown>): AnalyticsSearch {
  const from = searchText(search.from, 10);
  const to = searchText(search.to, 10);
  const currency = searchText(search.currency, 3);
  const timeZone = searchText(search.timeZone, 64);
  return compactSearch({
    from: from && isDay(from) ? from : undefined,
    to: to && isDay(to) ? to : undefined,
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
    timeZone: timeZone && isTimeZone(timeZone) ? timeZone : undefined,
  });
}

/** YYYY-MM-DD of a date in a zone. */
export function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The period shown when the address names none: the last 30 days up to today, in the zone. */
export function defaultPeriod(timeZone: string, now: number = Date.now()): { from: string; to: string } {
  return { from: dayIn(new Date(now - 29 * 86_400_000), timeZone), to: dayIn(new Date(now), timeZone) };
}
