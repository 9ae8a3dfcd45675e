import { describe, expect, it } from 'vitest';
import type { SegmentRule } from '../customers.api';
import { fromRule, missingValues, newCondition, newGroup, toRule } from './rule-tree';

describe('segment rule tree', () => {
  it('reads the server’s tree and writes it back with typed values', () => {
    const rule: SegmentRule = {
      all: [
        { fact: 'orders.lastOrderAt', op: 'within', value: 'P90D' },
        {
          any: [
            { fact: 'orders.total', since: 'P90D', op: '>', value: 500, currency: 'EUR' },
            { fact: 'consent', purpose: 'marketing.email', op: '=', value: true },
          ],
        },
        { not: { fact: 'customer.language', op: '=', value: 'de' } },
        {
          not: {
            any: [
              { fact: 'orders.count', op: '>=', value: 3 },
              { fact: 'orders.count', op: '<', value: 1 },
            ],
          },
        },
      ],
    };
    expect(toRule(fromRule(rule))).toEqual(rule);
  });

  it('builds leaves exactly as the server takes them', () => {
    const count = { ...newCondition('orders.count'), value: '2' };
    const total = { ...newCondition('orders.total'), value: '12,50', since: 'P1Y', currency: 'eur' };
    expect(toRule(newGroup('any', [count, total]))).toEqual({
      any: [
        { fact: 'orders.count', op: '>', value: 2 },
        { fact: 'orders.total', since: 'P1Y', op: '>', value: 12.5, currency: 'EUR' },
      ],
    });
  });

  it('wraps a bare condition in a group and counts conditions without a value', () => {
    const tree = fromRule({ fact: 'customer.language', op: '=', value: '' });
    expect(tree.combinator).toBe('all');
    expect(missingValues(tree)).toBe(1);
  });
});
