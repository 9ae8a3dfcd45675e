import type { StatsRow } from './stats.repo.js';
import { addSums } from './stats-figures.js';

const quarterHourMs = 15 * 60_000;
const hourMs = 60 * 60_000;

/** The whole UTC intervals of a length (that divides a day) inside a range, or undefined when it holds none. */
function wholeWithin(
  range: { from: Date; to: Date },
  lengthMs: number,
): { from: Date; to: Date } | undefined {
  const from = Math.ceil(range.from.getTime() / lengthMs) * lengthMs;
  const to = Math.floor(range.to.getTime() / lengthMs) * lengthMs;
  return from < to ? { from: new Date(from), to: new Date(to) } : undefined;
}

/** The whole 15-minute UTC intervals inside a range, or undefined when it holds none. */
export const quarterHoursWithin = (range: { from: Date; to: Date }) => wholeWithin(range, quarterHourMs);

/** The whole UTC hours inside a range, or undefined when it holds none. */
export const hoursWithin = (range: { from: Date; to: Date }) => wholeWithin(range, hourMs);

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * Whether the rollups' quarter hours are quarter hours of this zone's clock at these instants.
 * True of every zone today; not of local mean times of the 19th and early 20th century.
 */
export const isQuarterHourZone = (timeZone: string, instants: readonly Date[]) =>
  instants.every((at) => offsetMs(timeZone, at) % quarterHourMs === 0);

/**
 * Whether the zone's offset is a whole number of hours all through a range, so that UTC hours are
 * its hours: checked at both ends and every 15 days between (offsets change twice a year at most).
 * False for India, Nepal, Newfoundland, South Australia; and for Lord Howe Island, whose summer
 * time is half an hour.
 */
export function isWholeHourZone(timeZone: string, range: { from: Date; to: Date }): boolean {
  const step = 15 * 86_400_000;
  const instants = [range.to];
  for (let at = range.from.getTime(); at < range.to.getTime(); at += step) instants.push(new Date(at));
  return instants.every((at) => offsetMs(timeZone, at) % hourMs === 0);
}

/** Rows of the same interval and group from several reads, summed, in the order the SQL gives (time, then group). */
export function mergeStatsRows(rows: readonly StatsRow[]): StatsRow[] {
  const merged = new Map<string, StatsRow>();
  for (const row of rows) {
    const key = `${row.bucketStart.getTime()}\0${row.groupValue ?? ''}\0${row.groupValue === null ? 'null' : ''}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen ? { ...seen, ...addSums(seen, row), groupName: seen.groupName ?? row.groupName } : row,
    );
  }
  return [...merged.values()].sort(
    (a, b) =>
      a.bucketStart.getTime() - b.bucketStart.getTime() ||
      (a.groupValue === b.groupValue
        ? 0
        : a.groupValue === null
          ? -1
          : b.groupValue === null
            ? 1
            : a.groupValue < b.groupValue
              ? -1
              : 1),
  );
}
