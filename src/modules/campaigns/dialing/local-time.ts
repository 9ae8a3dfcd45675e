/**
 * Wall-clock time in an IANA zone, computed with `Intl` only (no time-zone dependency) and cheap
 * enough for the pre-dial check, which the dialer calls once per lead per pass (a million times in
 * `bench:dialer`).
 *
 * `Intl.DateTimeFormat#formatToParts` is the expensive part (it allocates), so each zone keeps its
 * formatter and the offset it found for the last minute asked about: a dialing pass asks about one
 * `now` for every lead, and only a handful of zones, so nearly every call is a cache hit and does
 * arithmetic only. Every UTC offset change in the tz database since 1970 falls on a whole minute,
 * so an offset found for one minute holds for the whole of it.
 */

const MINUTE = 60_000;
export const DAY_MS = 86_400_000;

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  minute: number;
  offsetMinutes: number;
  /** The local day whose start (in UTC ms) is kept in `dayStart`. */
  day: number;
  dayStart: number;
}

const zones = new Map<string, ZoneCache | null>();

function zoneCache(timeZone: string): ZoneCache | null {
  let cache = zones.get(timeZone);
  if (cache !== undefined) return cache;
  try {
    cache = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }),
      minute: Number.NaN,
      offsetMinutes: 0,
      day: Number.NaN,
      dayStart: 0,
    };
  } catch {
    // RangeError: not a zone this runtime's ICU knows.
    cache = null;
  }
  zones.set(timeZone, cache);
  return cache;
}

/** Whether the runtime knows the zone (an unknown zone is cached as such, so asking again is cheap). */
export function isKnownTimeZone(timeZone: string): boolean {
  return zoneCache(timeZone) !== null;
}

function computeOffset(cache: ZoneCache, minuteStart: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const part of cache.format.formatToParts(minuteStart)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  return Math.round((wall - minuteStart) / MINUTE);
}

/**
 * The zone's UTC offset in minutes at `instant` (ms since the epoch): -300 for New York in winter.
 * Throws for a zone the runtime does not know; check with {@link isKnownTimeZone} first.
 */
export function offsetMinutesAt(timeZone: string, instant: number): number {
  const cache = zoneCache(timeZone);
  if (cache === null) throw new RangeError(`unknown time zone ${timeZone}`);
  const minute = Math.floor(instant / MINUTE);
  if (minute !== cache.minute) {
    cache.offsetMinutes = computeOffset(cache, minute * MINUTE);
    cache.minute = minute;
  }
  return cache.offsetMinutes;
}

/** Local wall-clock facts of one instant; reused by the caller to avoid an allocation per check. */
export interface LocalTime {
  /** Days since 1970-01-01 of the local date (the key of holiday calendars). */
  day: number;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Fills `out` with the local date and time of `instant` in `timeZone`, and returns it. */
export function localTime(timeZone: string, instant: number, out: LocalTime): LocalTime {
  const local = instant + offsetMinutesAt(timeZone, instant) * MINUTE;
  const day = Math.floor(local / DAY_MS);
  out.day = day;
  out.minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE);
  // 1970-01-01 was a Thursday.
  out.weekday = (((day + 4) % 7) + 7) % 7;
  return out;
}

/**
 * The UTC instant at which local day `day` began in `timeZone`. On a day whose midnight falls in a
 * spring-forward gap the day begins at the first minute that exists. Cached per zone, so counting
 * "attempts today" for a million leads costs one look-up per zone.
 */
export function localDayStart(timeZone: string, day: number): number {
  const cache = zoneCache(timeZone);
  if (cache === null) throw new RangeError(`unknown time zone ${timeZone}`);
  if (cache.day === day) return cache.dayStart;
  const midnight = day * DAY_MS;
  // Local midnight lies within [midnight - 14 h, midnight + 12 h] as a UTC instant (offsets span
  // -12 h..+14 h), and at most one offset change falls in that span. Read the offset on each side
  // and keep the candidates that really are local midnight under their own offset.
  const before = offsetMinutesAtUncached(cache, midnight - 15 * 3_600_000);
  const after = offsetMinutesAtUncached(cache, midnight + 13 * 3_600_000);
  const early = midnight - before * MINUTE;
  let start = early;
  if (before !== after) {
    const late = midnight - after * MINUTE;
    const earlyHolds = offsetMinutesAtUncached(cache, early) === before;
    const lateHolds = offsetMinutesAtUncached(cache, late) === after;
    if (earlyHolds && lateHolds)
      start = Math.min(early, late); // fall-back repeats midnight
    else if (lateHolds) start = late;
    // else: early holds, or neither does (midnight fell in a spring-forward gap, and the day
    // begins at the change itself, which is when the old offset would have reached midnight).
  }
  cache.day = day;
  cache.dayStart = start;
  return start;
}

function offsetMinutesAtUncached(cache: ZoneCache, instant: number): number {
  return computeOffset(cache, Math.floor(instant / MINUTE) * MINUTE);
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian); month 1..12. */
export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** `YYYY-MM-DD` of an epoch day, for details and tests (not on the hot path). */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
