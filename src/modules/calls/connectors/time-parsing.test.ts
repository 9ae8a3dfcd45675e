import { describe, expect, it } from 'vitest';
import {
  assertTimeZone,
  epochMicrosToMs,
  epochSecondsToMs,
  isoOrNull,
  parseClockDuration,
  parseIsoDurationMs,
  parseLocalTimestamp,
  parseRfc2822,
  parseZonedIso,
} from './time-parsing.js';

const iso = (ms: number | null): string | null => isoOrNull(ms);

describe('parseLocalTimestamp', () => {
  it('reads PBX wall-clock time in the tenant zone', () => {
    expect(iso(parseLocalTimestamp('2020/05/04 10:53:43', 'Europe/Paris'))).toBe('2020-05-04T08:53:43.000Z');
    expect(iso(parseLocalTimestamp('2013-03-04 13:11:18', 'America/Chicago'))).toBe(
      '2013-03-04T19:11:18.000Z',
    );
  });

  it('moves a reading in the spring-forward gap forward, as the clock did', () => {
    // 02:30 never happened in Paris on 2024-03-31; it is 03:30 CEST = 01:30Z.
    expect(iso(parseLocalTimestamp('2024-03-31 02:30:00', 'Europe/Paris'))).toBe('2024-03-31T01:30:00.000Z');
  });

  it('takes the first occurrence of an ambiguous autumn reading', () => {
    // 02:30 happened twice in Paris on 2024-10-27: first at +02:00.
    expect(iso(parseLocalTimestamp('2024-10-27 02:30:00', 'Europe/Paris'))).toBe('2024-10-27T00:30:00.000Z');
  });

  it('respects an explicit offset instead of the zone', () => {
    expect(iso(parseLocalTimestamp('2024-01-27T15:07:24+03:00', 'Europe/Paris'))).toBe(
      '2024-01-27T12:07:24.000Z',
    );
  });

  it('returns null for impossible dates and garbage', () => {
    expect(parseLocalTimestamp('2024-02-30 10:00:00', 'UTC')).toBeNull();
    expect(parseLocalTimestamp('yesterday', 'UTC')).toBeNull();
    expect(parseLocalTimestamp('', 'UTC')).toBeNull();
  });
});

describe('assertTimeZone', () => {
  it('names the zone it does not know', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
    expect(assertTimeZone('Indian/Antananarivo')).toBe('Indian/Antananarivo');
  });
});

describe('parseRfc2822', () => {
  it('reads the loose weekday and month spellings Twilio callbacks carry', () => {
    expect(iso(parseRfc2822('Thurs, 20 July 1989 18:30:43 +0000'))).toBe('1989-07-20T18:30:43.000Z');
    expect(iso(parseRfc2822('Mon, 05 May 2014 07:11:38 -0200'))).toBe('2014-05-05T09:11:38.000Z');
  });

  it('rejects an unknown month', () => {
    expect(parseRfc2822('Mon, 05 Foo 2014 07:11:38 +0000')).toBeNull();
  });
});

describe('epochs and durations', () => {
  it('treats 0 as unset (CUCM dateTimeConnect, FreeSWITCH answer_uepoch)', () => {
    expect(epochSecondsToMs('0')).toBeNull();
    expect(epochMicrosToMs('0')).toBeNull();
  });

  it('keeps microsecond epochs exact to the millisecond', () => {
    expect(iso(epochMicrosToMs('1515666344534355'))).toBe('2018-01-11T10:25:44.534Z');
  });

  it('reads Graph ISO durations and 3CX clock durations', () => {
    expect(parseIsoDurationMs('PT0.016S')).toBe(16);
    expect(parseIsoDurationMs('PT1M2.5S')).toBe(62_500);
    expect(parseIsoDurationMs('soon')).toBeNull();
    expect(parseClockDuration('00:05:15')).toBe(315);
    expect(parseClockDuration('26:00:01')).toBe(93_601);
    expect(parseClockDuration('5:15')).toBeNull();
  });

  it('drops the year-1 sentinel Graph uses for "no value"', () => {
    expect(iso(parseZonedIso('0001-01-01T00:00:00Z'))).toBeNull();
    expect(parseZonedIso('2020-02-25 18:52:21')).toBeNull();
  });
});
