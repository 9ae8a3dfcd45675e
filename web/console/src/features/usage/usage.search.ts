/*
 * The period of the usage page lives in the address (`/admin/usage?from=2024-05-01&to=2024-05-31`),
 * so a period is a link. Days are UTC days, as the server rolls usage up.
 */

export interface UsageSearch {
  readonly from?: string;
  readonly to?: string;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date that exists (`2024-02-30` does not). */
export function isDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function usageSearch(search: Record<string, unknown>): UsageSearch {
  const day = (value: unknown) => (typeof value === 'string' && isDay(value) ? value : undefined);
  const from = day(search.from);
  const to = day(search.to);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const iso = (date: Date) => date.toISOString().slice(0, 10);

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'last30';
export const periodPresets: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'last30'];

/** A preset's days, up to today (UTC). */
export function presetPeriod(preset: PeriodPreset, now: Date = new Date()): Period {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  switch (preset) {
    case 'thisMonth':
      return { from: iso(new Date(Date.UTC(year, month, 1))), to: iso(now) };
    case 'lastMonth':
      return {
        from: iso(new Date(Date.UTC(year, month - 1, 1))),
        to: iso(new Date(Date.UTC(year, month, 0))),
      };
    case 'last30':
      return { from: iso(new Date(now.getTime() - 29 * 86_400_000)), to: iso(now) };
  }
}

/** The address's period, or this month so far. */
export function periodOf(search: UsageSearch, now: Date = new Date()): Period {
  const fallback = presetPeriod('thisMonth', now);
  return { from: search.from ?? fallback.from, to: search.to ?? fallback.to };
}

/** Every day of the period in order (at most `limit`): the chart's x axis, zeros where nothing was used. */
export function daysOf(period: Period, limit = 366): string[] {
  const days: string[] = [];
  let time = Date.parse(`${period.from}T00:00:00Z`);
  const end = Date.parse(`${period.to}T00:00:00Z`);
  while (time <= end && days.length < limit) {
    days.push(iso(new Date(time)));
    time += 86_400_000;
  }
  return days;
}
