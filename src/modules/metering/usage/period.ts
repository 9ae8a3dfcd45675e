import type { UsagePeriod } from '../contract.js';
import { MeteringErrors } from '../errors.js';

/** The longest period one request covers: a year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

const dayMs = 86_400_000;

/** Metering began long after this; an earlier year is a typing mistake (and year 0 is no PostgreSQL date). */
const FIRST_YEAR = 1970;

/** A calendar date (`2024-02-29`) that exists, from 1970 on, read as UTC midnight; undefined otherwise. */
export function dayOf(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number(text.slice(0, 4)) < FIRST_YEAR) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text) return undefined;
  return time;
}

/**
 * Checks a period as the routes receive it (each end already a valid date): `to` not before
 * `from`, at most a year. Names the field at fault, as `querystring.to`.
 */
export function checkPeriod(period: UsagePeriod, fieldPrefix = 'querystring'): UsagePeriod {
  const from = dayOf(period.from);
  const to = dayOf(period.to);
  if (from === undefined)
    throw MeteringErrors.invalidPeriod(`${fieldPrefix}.from`, 'must be a date (YYYY-MM-DD)');
  if (to === undefined)
    throw MeteringErrors.invalidPeriod(`${fieldPrefix}.to`, 'must be a date (YYYY-MM-DD)');
  if (to < from) throw MeteringErrors.invalidPeriod(`${fieldPrefix}.to`, 'must not be before from');
  if ((to - from) / dayMs + 1 > MAX_PERIOD_DAYS)
    throw MeteringErrors.invalidPeriod(
      `${fieldPrefix}.to`,
      `must be at most ${MAX_PERIOD_DAYS} days after from`,
    );
  return period;
}
