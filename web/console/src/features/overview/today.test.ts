import { describe, expect, it } from 'vitest';
import { localDate, todayOf, todayWindow } from './today';

const bucket = (localStart: string, calls: number) => ({
  start: '2026-12-01T23:00:00.000Z',
  localStart,
  group: null,
  calls,
  answered: calls - 1,
  inbound: calls,
  abandoned: 1,
  abandonRate: 1 / calls,
  answerSeizureRatio: (calls - 1) / calls,
  averageHandleSeconds: 120,
  averageTalkSeconds: 100,
  abandonRateExcludingShort: 1 / calls,
  answeredWithinTarget: calls - 1,
  averageHoldSeconds: null,
  averageSpeedOfAnswerSeconds: 12,
  inProgress: 0,
  serviceLevel: 1,
  shortAbandoned: 0,
});

describe('today on the overview', () => {
  it('takes the day the tenant’s clock shows, not the browser’s or UTC’s', () => {
    // 23:30 UTC on 1 December is already 2 December in Berlin, still 1 December in New York.
    const now = Date.parse('2026-12-01T23:30:00Z');
    expect(localDate(now, 'Europe/Berlin')).toBe('2026-12-02');
    expect(localDate(now, 'America/New_York')).toBe('2026-12-01');
    const stats = {
      timeZone: 'Europe/Berlin',
      buckets: [bucket('2026-12-01T00:00', 40), bucket('2026-12-02T00:00', 3)],
    };
    expect(todayOf(stats, now)?.calls).toBe(3);
    expect(todayOf({ ...stats, timeZone: 'America/New_York' }, now)?.calls).toBe(40);
  });

  it('says nothing started today when today has no interval', () => {
    expect(
      todayOf(
        { timeZone: 'UTC', buckets: [bucket('2026-12-01T00:00', 5)] },
        Date.parse('2026-12-02T08:00:00Z'),
      ),
    ).toBeUndefined();
  });

  it('asks from far enough back to hold the whole local day, even a 25-hour one', () => {
    const now = Date.parse('2026-10-25T22:59:30Z'); // 23:59 in Berlin on the day the clocks go back
    const { from, to } = todayWindow(now);
    expect(Date.parse(to)).toBeGreaterThan(now);
    expect(Date.parse(from)).toBeLessThanOrEqual(Date.parse('2026-10-24T22:00:00Z')); // local midnight
  });
});
