import { describe, expect, it } from 'vitest';
import type { SubjectDataRef } from '../../../platform/privacy/index.js';
import { mergeTimeline } from './timeline.service.js';

const ref = (module: string, id: string, at: string | null): SubjectDataRef => ({
  module,
  kind: 'thing',
  id,
  at: at ? new Date(at) : null,
  summary: `${module} ${id}`,
  consolePath: null,
});

describe('customer timeline merge', () => {
  const orders = [
    ref('orders', 'ord_2', '2025-03-02T10:00:00Z'),
    ref('orders', 'ord_1', '2025-01-01T10:00:00Z'),
  ];
  const calls = [
    ref('calls', 'call_1', '2025-03-02T10:00:00Z'),
    ref('calls', 'call_2', '2025-02-01T10:00:00Z'),
    ref('calls', 'call_x', null),
  ];

  it('merges the modules newest first, undated last, and pages without losing ties', () => {
    const first = mergeTimeline([orders, calls], { limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual(['call_1', 'ord_2']);
    const second = mergeTimeline([orders, calls], { limit: 2, before: first.nextBefore ?? '' });
    expect(second.items.map((e) => e.id)).toEqual(['call_2', 'ord_1']);
    const third = mergeTimeline([orders, calls], { limit: 2, before: second.nextBefore ?? '' });
    expect(third.items.map((e) => e.id)).toEqual(['call_x']);
    expect(third.nextBefore).toBeNull();
  });

  it('takes a date-time as before', () => {
    expect(
      mergeTimeline([orders, calls], { limit: 10, before: '2025-03-01T00:00:00Z' }).items.map((e) => e.id),
    ).toEqual(['call_2', 'ord_1', 'call_x']);
  });
});
