/**
 * Dates and numbers in the reader's own locale and time zone (the browser's), never a fixed
 * format: a supervisor in Berlin reads 14:05, one in Chicago 2:05 PM.
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeLong = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const numbers = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const toDate = (value: string | Date | number) => (value instanceof Date ? value : new Date(value));

export function formatDateTime(value: string | Date | number): string {
  return dateTime.format(toDate(value));
}

/** With seconds: where they matter (when a call was answered). */
export function formatDateTimeSeconds(value: string | Date | number): string {
  return dateTimeSeconds.format(toDate(value));
}

/** For tooltips: the full date, time and zone. */
export function formatDateTimeLong(value: string | Date | number): string {
  return dateTimeLong.format(toDate(value));
}

export function formatDate(value: string | Date | number): string {
  return dateOnly.format(toDate(value));
}

export function formatNumber(value: number): string {
  return numbers.format(value);
}

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes ago", "yesterday", "in 2 hours". */
export function formatRelative(value: string | Date | number, now: number = Date.now()): string {
  const seconds = Math.round((toDate(value).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return relative.format(0, 'second');
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, 'second');
}

/** "in 5 minutes", for a wait measured in seconds (Retry-After). */
export function formatWait(seconds: number): string {
  if (seconds < 60) return relative.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return relative.format(Math.ceil(seconds / 60), 'minute');
  return relative.format(Math.ceil(seconds / 3600), 'hour');
}
