import { describe, expect, it } from 'vitest';
import { fromRule, missingValues, toRule } from './rule-tree';

describe('segment rule tree', () => {
  it('reads the API’s tree and writes it back with typed values', () => {
    const rule = {
      all: [
        { field: 'orders.lastAt', op: 'within_days' as const, value: 90 },
        {
          any: [
            { field: 'orders.total', op: 'gt' as const, value: 500 },
            { field: 'consent.marketing', op: 'eq' as const, value: true },
          ],
        },
      ],
    };
    expect(toRule(fromRule(rule))).toEqual(rule);
  });

  it('wraps a bare condition in a group and counts conditions without a value', () => {
    const tree = fromRule({ field: 'language', op: 'eq', value: '' });
    expect(tree.combinator).toBe('all');
    expect(missingValues(tree)).toBe(1);
  });
});
