import { describe, expect, it } from 'vitest';
import {
  intervalStart,
  nextIntervalStart,
  toChartData,
  type StatsBucketLike,
  type StatsLike,
} from './chart-series';

const figures = { calls: 0, answered: 0, averageHandleSeconds: null, inbound: 0, abandoned: 0 };
const bucket = (start: string, overrides: Partial<StatsBucketLike> = {}): StatsBucketLike => ({
  ...figures,
  start,
  group: null,
  ...overrides,
});
const group = (value: string | null, name: string | null = null) => ({ value, name });

describe('toChartData', () => {
  it('gives every interval of the range a point, with zeros where the API left one out', () => {
    const stats: StatsLike = {
      timeZone: 'UTC',
      interval: 'hour',
      buckets: [
        bucket('2024-05-01T10:00:00.000Z', {
          calls: 4,
          answered: 3,
          averageHandleSeconds: 100,
          inbound: 4,
          abandoned: 1,
        }),
      ],
      totals: [
        {
          ...figures,
          group: null,
          calls: 4,
          answered: 3,
          averageHandleSeconds: 100,
          inbound: 4,
          abandoned: 1,
        },
      ],
    };
    const data = toChartData(stats, { from: '2024-05-01T08:00:00Z', to: '2024-05-01T12:00:00Z' });
    expect(data.points.map((p) => [new Date(p.time).toISOString().slice(11, 16), p.calls, p.all])).toEqual([
      ['08:00', 0, 0],
      ['09:00', 0, 0],
      ['10:00', 4, 4],
      ['11:00', 0, 0],
    ]);
    expect(data.series).toEqual([{ key: 'all', label: 'Calls', color: expect.any(String) as unknown }]);
    expect(data.points[2]).toMatchObject({ answerRate: 0.75, handleSeconds: 100, abandonRate: 0.25 });
    // No calls: no rate (not 0 %).
    expect(data.points[0]).toMatchObject({ answerRate: null, handleSeconds: null, abandonRate: null });
    expect(data.totals).toEqual({ calls: 4, answerRate: 0.75, handleSeconds: 100, abandonRate: 0.25 });
  });

  it('stacks calls by group, largest first, and folds the small groups into Other', () => {
    const at = '2024-05-01T10:00:00.000Z';
    const stats: StatsLike = {
      timeZone: 'UTC',
      interval: 'hour',
      buckets: [
        bucket(at, { group: group('q1', 'Sales'), calls: 5 }),
        bucket(at, { group: group('q2', 'Support'), calls: 9 }),
        bucket(at, { group: group(null), calls: 2 }),
        bucket(at, { group: group('q3', 'Billing'), calls: 1 }),
      ],
      totals: [
        { ...figures, group: group('q1', 'Sales'), calls: 5 },
        { ...figures, group: group('q2', 'Support'), calls: 9 },
        { ...figures, group: group(null), calls: 2 },
        { ...figures, group: group('q3', 'Billing'), calls: 1 },
      ],
    };
    const data = toChartData(stats, { from: at, to: '2024-05-01T11:00:00Z' }, { maxGroups: 3 });
    expect(data.series.map((s) => s.label)).toEqual(['Support', 'Sales', 'Other']);
    expect(data.points).toHaveLength(1);
    expect(data.points[0]).toMatchObject({ g0: 9, g1: 5, other: 3, calls: 17 });
    expect(new Set(data.series.map((s) => s.color)).size).toBe(3);
  });

  it('names groups without a name by their value, calls without the attribute "None", or as told', () => {
    const at = '2024-05-01T10:00:00.000Z';
    const stats: StatsLike = {
      timeZone: 'UTC',
      interval: 'hour',
      buckets: [
        bucket(at, { group: group('inbound'), calls: 2 }),
        bucket(at, { group: group(null), calls: 1 }),
      ],
      totals: [
        { ...figures, group: group('inbound'), calls: 2 },
        { ...figures, group: group(null), calls: 1 },
      ],
    };
    expect(toChartData(stats, { from: at, to: at }).series.map((s) => s.label)).toEqual(['inbound', 'None']);
    const labelled = toChartData(
      stats,
      { from: at, to: at },
      { groupLabel: (g) => (g.value === 'inbound' ? 'Inbound' : 'No direction') },
    );
    expect(labelled.series.map((s) => s.label)).toEqual(['Inbound', 'No direction']);
  });

  it('combines average handle times weighted by the answered calls they average over', () => {
    const at = '2024-05-01T10:00:00.000Z';
    const stats: StatsLike = {
      timeZone: 'UTC',
      interval: 'hour',
      buckets: [
        bucket(at, { group: group('a'), calls: 1, answered: 1, averageHandleSeconds: 60 }),
        bucket(at, { group: group('b'), calls: 4, answered: 3, averageHandleSeconds: 120 }),
        bucket(at, {
          group: group('c'),
          calls: 2,
          answered: 0,
          averageHandleSeconds: null,
          inbound: 2,
          abandoned: 2,
        }),
      ],
      totals: [
        { ...figures, group: group('a'), calls: 1, answered: 1, averageHandleSeconds: 60 },
        { ...figures, group: group('b'), calls: 4, answered: 3, averageHandleSeconds: 120 },
        {
          ...figures,
          group: group('c'),
          calls: 2,
          answered: 0,
          averageHandleSeconds: null,
          inbound: 2,
          abandoned: 2,
        },
      ],
    };
    const data = toChartData(stats, { from: at, to: '2024-05-01T11:00:00Z' });
    expect(data.points[0]).toMatchObject({ handleSeconds: 105, answerRate: 4 / 7, abandonRate: 1 });
    expect(data.totals.handleSeconds).toBe(105);
  });

  it('cuts days at the tenant’s midnight, 23 hours long when clocks go forward', () => {
    const stats: StatsLike = { timeZone: 'Europe/Berlin', interval: 'day', buckets: [], totals: [] };
    const data = toChartData(stats, { from: '2024-03-29T23:00:00Z', to: '2024-03-31T22:00:00Z' });
    expect(data.points.map((p) => new Date(p.time).toISOString())).toEqual([
      '2024-03-29T23:00:00.000Z',
      '2024-03-30T23:00:00.000Z',
    ]);
    expect(nextIntervalStart(Date.parse('2024-03-30T23:00:00Z'), 'day', 'Europe/Berlin')).toBe(
      Date.parse('2024-03-31T22:00:00Z'),
    );
    expect(nextIntervalStart(Date.parse('2024-10-26T22:00:00Z'), 'day', 'Europe/Berlin')).toBe(
      Date.parse('2024-10-27T23:00:00Z'),
    );
  });

  it('cuts hours at the tenant’s wall-clock hour (half past in India)', () => {
    expect(
      new Date(intervalStart(Date.parse('2024-05-01T10:10:00Z'), 'hour', 'Asia/Kolkata')).toISOString(),
    ).toBe('2024-05-01T09:30:00.000Z');
    expect(
      new Date(intervalStart(Date.parse('2024-05-01T10:10:00Z'), '15m', 'Asia/Kathmandu')).toISOString(),
    ).toBe('2024-05-01T10:00:00.000Z');
    expect(
      new Date(intervalStart(Date.parse('2024-05-01T10:10:00Z'), 'day', 'America/New_York')).toISOString(),
    ).toBe('2024-05-01T04:00:00.000Z');
  });

  it('keeps a bucket the API cut differently rather than losing it', () => {
    const stats: StatsLike = {
      timeZone: 'UTC',
      interval: 'hour',
      buckets: [bucket('2024-05-01T10:30:00.000Z', { calls: 2 })],
      totals: [{ ...figures, group: null, calls: 2 }],
    };
    const data = toChartData(stats, { from: '2024-05-01T10:00:00Z', to: '2024-05-01T11:00:00Z' });
    expect(data.points.map((p) => p.calls)).toEqual([0, 2]);
  });
});
