/**
 * Date ranges of a list's filters, computed in the tenant's time zone (a supervisor in Berlin and
 * one travelling in New York mean the same "today": the contact centre's). A preset stays a
 * preset in the address, so a saved "Today" view shows the day it is opened, not the day it was
 * saved. Pure functions of (zone, now): no library, Intl knows the zones.
 */

export const datePresets = ['today', 'yesterday', 'last7', 'last30', 'thisMonth'] as const;
export type DatePreset = (typeof datePresets)[number];

export interface Range {
  /** ISO instants: from inclusive, to exclusive. */
  readonly from: string;
  readonly to: string;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string) {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time of the zone names (months and days may overflow: day 0, day 32). */
export function zonedInstant(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  // Near a clock change the offset at the answer may differ from the offset at the guess.
  return guess - offsetAt(first, timeZone);
}

export function presetRange(preset: DatePreset, timeZone: string, now: number = Date.now()): Range {
  const today = wallClock(now, timeZone);
  const day = (offset: number) => zonedInstant(timeZone, today.year, today.month, today.day + offset);
  const iso = (from: number, to: number): Range => ({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  });
  switch (preset) {
    case 'today':
      return iso(day(0), day(1));
    case 'yesterday':
      return iso(day(-1), day(0));
    case 'last7':
      return iso(day(-6), day(1));
    case 'last30':
      return iso(day(-29), day(1));
    case 'thisMonth':
      return iso(
        zonedInstant(timeZone, today.year, today.month, 1),
        zonedInstant(timeZone, today.year, today.month + 1, 1),
      );
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the zone's wall clock, as typed in a custom range: `2024-05-01 09:30` (`2024-05-01` at midnight). */
export function toZonedText(iso: string | undefined, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  const w = wallClock(instant, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  return w.hour === 0 && w.minute === 0 ? date : `${date} ${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * What a reader typed as a bound, read in the zone: `2024-05-01`, `2024-05-01 9:30` or
 * `2024-05-01T09:30`. A date alone as the end of a range means through that day (its end).
 * Undefined when it is not a date.
 */
export function fromZonedText(text: string, timeZone: string, bound: 'from' | 'to'): string | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, y, m, d, h, min] = match.map(Number) as [number, number, number, number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > 31 || (match[4] !== undefined && (h > 23 || min > 59)))
    return undefined;
  // 2024-02-31 is not a day: the calendar must give back what was typed.
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return undefined;
  const dateOnly = match[4] === undefined;
  const instant = zonedInstant(
    timeZone,
    y,
    m,
    d + (dateOnly && bound === 'to' ? 1 : 0),
    dateOnly ? 0 : h,
    dateOnly ? 0 : min,
  );
  return new Date(instant).toISOString();
}

/** The zone of this browser: the fallback when the tenant's is not known. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
