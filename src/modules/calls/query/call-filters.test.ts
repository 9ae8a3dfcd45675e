import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, filterProblems, statsProblems } from './call-filters.js';

describe('page cursors', () => {
  it('round-trip and refuse anything else', () => {
    const cursor = {
      startedAt: new Date('2024-05-01T10:00:00.123Z'),
      id: '0190a000-0000-7000-8000-000000000001',
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual({ ...cursor, sort: '-startedAt' });
    // Another order travels in the cursor, with the duration it continues after.
    expect(decodeCursor(encodeCursor({ ...cursor, duration: -1 }, 'duration'))).toEqual({
      ...cursor,
      duration: -1,
      sort: 'duration',
    });
    expect(decodeCursor('bm90LWEtY3Vyc29y')).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });
});

describe('filter checks', () => {
  it('name the filter that is wrong', () => {
    expect(filterProblems({ from: new Date('2024-05-02'), to: new Date('2024-05-01') })).toEqual([
      { field: 'to', message: 'must be later than from' },
    ]);
    expect(filterProblems({ q: '- a -' }).map((p) => p.field)).toEqual(['q']);
    expect(filterProblems({ number: '  ' }).map((p) => p.field)).toEqual(['number']);
    expect(filterProblems({ minDurationSeconds: 1.5 }).map((p) => p.field)).toEqual(['minDuration']);
    expect(filterProblems({ number: '+4930123456', q: 'ann', agent: 'a1' })).toEqual([]);
  });

  it('bound the number of statistics intervals', () => {
    const from = new Date('2024-01-01T00:00:00Z');
    expect(statsProblems(from, new Date('2024-04-10T00:00:00Z'), '15m')).toEqual([]);
    expect(statsProblems(from, new Date('2024-04-20T00:00:00Z'), '15m').map((p) => p.field)).toEqual([
      'interval',
    ]);
    expect(statsProblems(undefined, new Date(), 'day').map((p) => p.field)).toEqual(['from']);
  });
});
