import { formattingLocale } from '@/i18n';

/**
 * Dates and numbers in the reader's language and time zone (the browser's), never a fixed format:
 * a supervisor in Berlin reads 14:05, one in Chicago 2:05 PM. Formatters are built once per locale
 * and rebuilt when the user changes the console's language.
 */
function perLocale<T>(build: (locale: string) => T): () => T {
  let built: { locale: string; value: T } | undefined;
  return () => {
    const locale = formattingLocale();
    if (built?.locale !== locale) built = { locale, value: build(locale) };
    return built.value;
  };
}

const dateTimeFormat = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }),
);
const dateTimeLongFormat = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'full', timeStyle: 'long' }),
);
const dateTimeSecondsFormat = perLocale(
  (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium' }),
);
const dateOnlyFormat = perLocale((l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' }));
const numberFormat = perLocale((l) => new Intl.NumberFormat(l));
const relativeFormat = perLocale((l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
const percentFormat = perLocale(
  (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 }),
);

const toDate = (value: string | Date | number) => (value instanceof Date ? value : new Date(value));

export function formatDateTime(value: string | Date | number): string {
  return dateTimeFormat().format(toDate(value));
}

/** With seconds: where they matter (when a call was answered). */
export function formatDateTimeSeconds(value: string | Date | number): string {
  return dateTimeSecondsFormat().format(toDate(value));
}

/** For tooltips: the full date, time and zone. */
export function formatDateTimeLong(value: string | Date | number): string {
  return dateTimeLongFormat().format(toDate(value));
}

export function formatDate(value: string | Date | number): string {
  return dateOnlyFormat().format(toDate(value));
}

export function formatNumber(value: number): string {
  return numberFormat().format(value);
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
  if (Math.abs(seconds) < 45) return relativeFormat().format(0, 'second');
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second')
      return relativeFormat().format(Math.round(seconds / size), unit);
  }
  return relativeFormat().format(seconds, 'second');
}

/** "in 5 minutes", for a wait measured in seconds (Retry-After). */
export function formatWait(seconds: number): string {
  if (seconds < 60) return relativeFormat().format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return relativeFormat().format(Math.ceil(seconds / 60), 'minute');
  return relativeFormat().format(Math.ceil(seconds / 3600), 'hour');
}

const two = (n: number) => String(n).padStart(2, '0');

/** 0:27, 4:05, 1:02:05: a call's length as a clock reads it (the same in every locale). Null: unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(rest)}` : `${minutes}:${two(rest)}`;
}

/** A ratio (0.8731) as a percentage in the reader's locale ("87.3%", "87,3 %"); null: not defined (nothing to divide by). */
export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio)
    ? '—'
    : percentFormat().format(ratio);
}
