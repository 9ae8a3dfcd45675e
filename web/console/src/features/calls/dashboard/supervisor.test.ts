import { describe, expect, it } from 'vitest';
import { belowGoal, callsOf, deltaOf, rowsOf, startOfToday, type StatsTotal } from './supervisor';

const total = (value: string | null, calls: number, serviceLevel: number | null = null): StatsTotal =>
  ({
    group: { value, name: value },
    calls,
    serviceLevel,
    target: { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5 },
  }) as StatsTotal;

describe('supervisor figures', () => {
  it('says which way a change goes for the figure', () => {
    expect(deltaOf(0.85, 0.8, true)?.trend).toBe('better');
    expect(deltaOf(0.85, 0.8, true)?.change).toBeCloseTo(0.05);
    expect(deltaOf(30, 20, false)).toEqual({ change: 10, trend: 'worse' });
    expect(deltaOf(0.5, null, true)).toBeUndefined();
    expect(deltaOf(1, 1, true)?.trend).toBe('same');
  });

  it('lists groups busiest first and the calls without one last', () => {
    expect(
      rowsOf([total(null, 50), total('q1', 3), total('q2', 9)], (t) => t.calls).map((t) => t.group?.value),
    ).toEqual(['q2', 'q1', null]);
  });

  it('flags a queue below its goal only when its service level is known', () => {
    expect(belowGoal(total('q1', 1, 0.7))).toBe(true);
    expect(belowGoal(total('q1', 1, 0.9))).toBe(false);
    expect(belowGoal(total('q1', 1, null))).toBe(false);
  });

  it('opens the call list on the same range with the row’s filter', () => {
    expect(callsOf({ from: 'a', to: 'b' }, { queue: 'q1' })).toEqual({ from: 'a', to: 'b', queue: 'q1' });
  });

  it('finds midnight in the organisation’s zone, also on the day clocks change', () => {
    expect(startOfToday('Europe/Berlin', Date.parse('2024-05-01T10:00:00Z')).toISOString()).toBe(
      '2024-04-30T22:00:00.000Z',
    );
    expect(startOfToday('America/New_York', Date.parse('2024-11-03T20:00:00Z')).toISOString()).toBe(
      '2024-11-03T04:00:00.000Z',
    );
    expect(startOfToday('Asia/Kathmandu', Date.parse('2024-05-01T00:00:00Z')).toISOString()).toBe(
      '2024-04-30T18:15:00.000Z',
    );
  });
});
