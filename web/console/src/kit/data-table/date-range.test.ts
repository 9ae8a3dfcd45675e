import { describe, expect, it } from 'vitest';
import { fromZonedText, presetRange, toZonedText } from './date-range';

// 2024-03-31 00:30 in Berlin is 2024-03-30 23:30 UTC; clocks go forward that night (CET -> CEST).
const now = Date.parse('2024-03-30T23:30:00Z');

describe('date-range presets in the tenant’s time zone', () => {
  it('cut days at the tenant’s midnight, not the browser’s or UTC’s', () => {
    expect(presetRange('today', 'Europe/Berlin', now)).toEqual({
      from: '2024-03-30T23:00:00.000Z',
      to: '2024-03-31T22:00:00.000Z',
    });
    expect(presetRange('yesterday', 'Europe/Berlin', now)).toEqual({
      from: '2024-03-29T23:00:00.000Z',
      to: '2024-03-30T23:00:00.000Z',
    });
    // The same instant is still the 30th in New York.
    expect(presetRange('today', 'America/New_York', now)).toEqual({
      from: '2024-03-30T04:00:00.000Z',
      to: '2024-03-31T04:00:00.000Z',
    });
  });

  it('count seven and thirty days including today, and the calendar month', () => {
    expect(presetRange('last7', 'Europe/Berlin', now)).toEqual({
      from: '2024-03-24T23:00:00.000Z',
      to: '2024-03-31T22:00:00.000Z',
    });
    expect(presetRange('last30', 'UTC', now).from).toBe('2024-03-01T00:00:00.000Z');
    expect(presetRange('thisMonth', 'Europe/Berlin', now)).toEqual({
      from: '2024-02-29T23:00:00.000Z',
      to: '2024-03-31T22:00:00.000Z',
    });
    expect(presetRange('thisMonth', 'UTC', Date.parse('2024-12-15T12:00:00Z'))).toEqual({
      from: '2024-12-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
    });
  });
});

describe('custom bounds typed as text', () => {
  it('read a date (through its end as an upper bound) or a date and time in the zone', () => {
    expect(fromZonedText('2024-05-01', 'Europe/Berlin', 'from')).toBe('2024-04-30T22:00:00.000Z');
    expect(fromZonedText('2024-05-01', 'Europe/Berlin', 'to')).toBe('2024-05-01T22:00:00.000Z');
    expect(fromZonedText('2024-05-01 9:30', 'Europe/Berlin', 'to')).toBe('2024-05-01T07:30:00.000Z');
    expect(toZonedText('2024-05-01T07:30:00.000Z', 'Europe/Berlin')).toBe('2024-05-01 09:30');
    expect(toZonedText('2024-04-30T22:00:00.000Z', 'Europe/Berlin')).toBe('2024-05-01');
  });

  it('refuse what is not a day', () => {
    for (const text of ['yesterday', '2024-02-30', '2024-13-01', '2024-05-01 25:00', ''])
      expect(fromZonedText(text, 'UTC', 'from'), text).toBeUndefined();
  });
});
