import { describe, expect, it } from 'vitest';

import { ALABAMA_HOLIDAYS } from './holidays.js';
import {
  epochDay,
  isKnownTimeZone,
  isoDate,
  localDayStart,
  localTime,
  offsetMinutesAt,
} from './local-time.js';
import { at, random, wallClock } from './pre-dial-check.fixtures.js';

const local = (zone: string, iso: string) => localTime(zone, at(iso), { day: 0, minuteOfDay: 0, weekday: 0 });
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

describe('local time by Intl', () => {
  it.each([
    ['America/New_York', '2026-03-08T06:59:00Z', -300, '2026-03-08', '01:59', 0], // last EST minute
    ['America/New_York', '2026-03-08T07:00:00Z', -240, '2026-03-08', '03:00', 0], // 02:00–02:59 never happen
    ['America/New_York', '2026-11-01T05:30:00Z', -240, '2026-11-01', '01:30', 0], // 01:30 EDT
    ['America/New_York', '2026-11-01T06:30:00Z', -300, '2026-11-01', '01:30', 0], // 01:30 EST, again
    ['Europe/London', '2026-03-29T01:00:00Z', 60, '2026-03-29', '02:00', 0],
    ['Europe/Berlin', '2026-10-25T00:59:00Z', 120, '2026-10-25', '02:59', 0],
    ['Europe/Berlin', '2026-10-25T01:00:00Z', 60, '2026-10-25', '02:00', 0],
    ['Asia/Kolkata', '2026-01-01T00:00:00Z', 330, '2026-01-01', '05:30', 4],
    ['Asia/Kathmandu', '2026-01-01T00:00:00Z', 345, '2026-01-01', '05:45', 4],
    ['Pacific/Chatham', '2026-01-01T00:00:00Z', 825, '2026-01-01', '13:45', 4],
    ['Pacific/Honolulu', '2026-01-01T09:59:00Z', -600, '2025-12-31', '23:59', 3],
    ['Pacific/Kiritimati', '2026-01-01T00:00:00Z', 840, '2026-01-01', '14:00', 4],
  ] as const)('%s at %s: offset %d, %s %s, weekday %d', (zone, iso, offset, date, clock, weekday) => {
    expect(offsetMinutesAt(zone, at(iso))).toBe(offset);
    const t = local(zone, iso);
    expect(isoDate(t.day)).toBe(date);
    expect(hhmm(t.minuteOfDay)).toBe(clock);
    expect(t.weekday).toBe(weekday);
  });

  it('agrees with Intl’s own formatting at random instants in many zones', () => {
    const zones = [
      'America/New_York',
      'America/St_Johns',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Santiago',
      'Pacific/Chatham',
    ];
    const next = random(3);
    for (let i = 0; i < 2000; i++) {
      const zone = zones[i % zones.length]!;
      const instant =
        at('2025-01-01T00:00:00Z') +
        Math.floor(next() * 6 * 365) * 86_400_000 +
        Math.floor(next() * 86_400) * 1000;
      const t = localTime(zone, instant, { day: 0, minuteOfDay: 0, weekday: 0 });
      expect(hhmm(t.minuteOfDay), `${zone} ${new Date(instant).toISOString()}`).toBe(
        wallClock(zone, instant),
      );
    }
  });

  it.each([
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z'], // spring forward later that night
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z'], // fall back later that night
    ['Europe/London', '2026-03-29', '2026-03-29T00:00:00.000Z'],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z'], // midnight skipped: the day starts at 01:00
    ['America/Santiago', '2026-04-05', '2026-04-05T04:00:00.000Z'], // clocks go back at midnight
    ['Asia/Kolkata', '2026-06-10', '2026-06-09T18:30:00.000Z'],
  ] as const)('the local day %s %s starts at %s', (zone, date, expected) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    expect(new Date(localDayStart(zone, epochDay(y, m, d))).toISOString()).toBe(expected);
  });

  it('knows which zones exist', () => {
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => offsetMinutesAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('Alabama holiday calendar', () => {
  const inYear = (year: number) =>
    [...ALABAMA_HOLIDAYS.names]
      .filter(([day]) => day >= epochDay(year, 1, 1) && day <= epochDay(year, 12, 31))
      .map(([day]) => isoDate(day));

  it('has the twelve state holidays of Ala. Code § 1-3-8 in 2026, fixed dates moved off weekends', () => {
    expect(inYear(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-27',
      '2026-05-25',
      '2026-06-01',
      '2026-07-03', // 4 July is a Saturday
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('moves a Sunday holiday to Monday and a Saturday one to Friday, even across a year end', () => {
    expect(inYear(2028)).toContain('2028-07-04'); // a Tuesday
    expect(inYear(2027)).toContain('2027-07-05'); // 4 July 2027 is a Sunday
    expect(inYear(2027)).toContain('2027-12-24'); // Christmas 2027 is a Saturday
    expect(inYear(2027)).toContain('2027-12-31'); // New Year 2028 is a Saturday
    expect(ALABAMA_HOLIDAYS.fromYear).toBe(2025);
    expect(ALABAMA_HOLIDAYS.toYear).toBe(2030);
  });
});
