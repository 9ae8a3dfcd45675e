/**
 * Time parsing shared by the connectors. Nothing here calls `Date.parse` on a string
 * without an explicit zone: V8 would read it in the *process* time zone, which is the one
 * zone we know nothing about.
 */

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError naming the zone if it is not a valid IANA time zone. */
export function assertTimeZone(timeZone: string): string {
  try {
    zoneFormatter(timeZone);
  } catch {
    throw new RangeError(`unknown IANA time zone "${timeZone}"`);
  }
  return timeZone;
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at instant `utcMs`, in milliseconds (east positive). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = zoneFormatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const wholeSecondMs = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return asUtc - wholeSecondMs;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Wall-clock time in `timeZone` to a UTC instant. In the autumn overlap the earlier
 * instant wins (the first time the clock showed that reading); a reading that falls in
 * the spring gap is moved forward by the gap, which is what the PBX clock did.
 */
export function zonedTimeToUtcMs(local: LocalDateTime, timeZone: string): number {
  const naive = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  // Offsets in effect a day either side cover any transition that could touch this reading.
  const dayMs = 86_400_000;
  const offsetBefore = zoneOffsetMs(naive - dayMs, timeZone);
  const offsets = new Set([
    offsetBefore,
    zoneOffsetMs(naive, timeZone),
    zoneOffsetMs(naive + dayMs, timeZone),
  ]);
  const instants = [...offsets]
    .map((offset) => naive - offset)
    .filter((instant) => zoneOffsetMs(instant, timeZone) === naive - instant);
  if (instants.length > 0) return Math.min(...instants);
  return naive - offsetBefore;
}

const LOCAL_DATE_TIME =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;
const ZONED_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Parses an ISO-8601 instant that carries its zone (Z or an offset). */
export function parseZonedIso(value: string): number | null {
  const text = value.trim();
  if (!ZONED_ISO.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A PBX timestamp: either zone-less wall-clock time ("2024-01-27 15:07:24",
 * "2020/05/04 10:53:43") read in `timeZone`, or an ISO instant with its own zone.
 */
export function parseLocalTimestamp(value: string, timeZone: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  const zoned = parseZonedIso(text);
  if (zoned !== null) return zoned;
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac] = match;
  const local: LocalDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
    millisecond: frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0,
  };
  if (!isRealDate(local)) return null;
  return zonedTimeToUtcMs(local, timeZone);
}

function isRealDate(local: LocalDateTime): boolean {
  if (local.month < 1 || local.month > 12 || local.day < 1 || local.hour > 23) return false;
  if (local.minute > 59 || local.second > 60) return false;
  const probe = new Date(Date.UTC(local.year, local.month - 1, local.day));
  return probe.getUTCDate() === local.day;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC2822 =
  /^(?:[A-Za-z]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|(?:UT|UTC|GMT|Z))?$/;

/**
 * RFC 2822 dates as Twilio sends them, tolerating the spellings seen in the wild
 * ("Thurs", "July"). A date without a zone is taken as UTC, as RFC 2822 obsolete syntax says.
 */
export function parseRfc2822(value: string): number | null {
  const match = RFC2822.exec(value.trim());
  if (!match) return null;
  const [, day, monthName, year, hour, minute, second, sign, offH, offM] = match;
  const month = MONTHS.indexOf((monthName ?? '').slice(0, 3).toLowerCase());
  if (month < 0) return null;
  const local: LocalDateTime = {
    year: Number(year),
    month: month + 1,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: 0,
  };
  if (!isRealDate(local)) return null;
  const utc = Date.UTC(local.year, month, local.day, local.hour, local.minute, local.second);
  const offsetMs = sign ? (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) * 60_000 : 0;
  return utc - offsetMs;
}

/** Unix epoch seconds (possibly fractional, possibly a numeric string); 0 and blanks mean "unset". */
export function epochSecondsToMs(value: unknown): number | null {
  const n = toFiniteNumber(value);
  if (n === null || n <= 0) return null;
  return Math.round(n * 1000);
}

/** Unix epoch microseconds as FreeSWITCH writes them (`*_uepoch`); 0 means "unset". */
export function epochMicrosToMs(value: unknown): number | null {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    const micros = BigInt(value.trim());
    if (micros === 0n) return null;
    return Number(micros / 1000n);
  }
  const n = toFiniteNumber(value);
  if (n === null || n <= 0) return null;
  return Math.floor(n / 1000);
}

export function toFiniteNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/** Year-1 sentinels (`0001-01-01T00:00:00Z`) and the Unix epoch itself mean "no value". */
export function isSentinelInstant(ms: number): boolean {
  return ms <= 0;
}

export function isoOrNull(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms) || isSentinelInstant(ms)) return null;
  return new Date(ms).toISOString();
}

/** "HH:MM:SS" (hours may exceed 24) to seconds. */
export function parseClockDuration(value: string): number | null {
  const match = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** ISO-8601 durations as Graph writes them ("PT0.016S", "PT1M2.5S") to milliseconds. */
export function parseIsoDurationMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      value.trim(),
    );
  if (!match || value.trim() === 'P' || value.trim() === 'PT') return null;
  const [, d, h, m, s] = match;
  const seconds = Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  return Math.round(seconds * 1000 * 1000) / 1000;
}
