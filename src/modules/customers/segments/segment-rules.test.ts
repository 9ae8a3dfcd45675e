import { describe, expect, it } from 'vitest';
import { before, evaluate, segmentRuleSchema, sincesOf, type CustomerFacts } from './segment-rules.js';

const now = new Date('2025-06-30T12:00:00Z');
const facts = (orderCount: number, eur: number, extra: Partial<CustomerFacts> = {}): CustomerFacts => ({
  orders: new Map([
    ['P90D', { orderCount, totals: [{ currency: 'EUR', totalMinor: eur }], lastOrderAt: now }],
    ['', { orderCount, totals: [{ currency: 'EUR', totalMinor: eur }], lastOrderAt: now }],
  ]),
  language: 'de',
  consents: new Map([['newsletter', true]]),
  now,
  ...extra,
});

describe('segment rules', () => {
  const rule = segmentRuleSchema.parse({
    all: [
      { fact: 'orders.count', since: 'P90D', op: '>=', value: 1 },
      { fact: 'orders.total', since: 'P90D', op: '>', value: 500, currency: 'EUR' },
    ],
  });

  it('judges "ordered in the last 90 days and spent more than 500"', () => {
    expect(evaluate(rule, facts(2, 50_001))).toBe(true);
    expect(evaluate(rule, facts(2, 50_000))).toBe(false);
    expect(evaluate(rule, facts(0, 0))).toBe(false);
    expect([...sincesOf(rule)]).toEqual(['P90D']);
  });

  it('combines any / not with language and consent facts', () => {
    const r = segmentRuleSchema.parse({
      any: [
        { fact: 'customer.language', op: '=', value: 'fr' },
        { not: { fact: 'consent', purpose: 'newsletter', op: '=', value: true } },
      ],
    });
    expect(evaluate(r, facts(0, 0))).toBe(false);
    expect(evaluate(r, facts(0, 0, { language: 'fr' }))).toBe(true);
    expect(evaluate(r, facts(0, 0, { consents: new Map() }))).toBe(true);
  });

  it('refuses unknown facts, bad durations and trees too deep', () => {
    expect(segmentRuleSchema.safeParse({ fact: 'orders.mood', op: '=', value: 1 }).success).toBe(false);
    expect(
      segmentRuleSchema.safeParse({ fact: 'orders.count', since: '90 days', op: '>', value: 1 }).success,
    ).toBe(false);
    let deep: unknown = { fact: 'orders.count', op: '>', value: 1 };
    for (let i = 0; i < 8; i++) deep = { not: deep };
    expect(segmentRuleSchema.safeParse(deep).success).toBe(false);
  });

  it('counts durations back from now', () => {
    expect(before(now, 'P90D').toISOString()).toBe('2025-04-01T12:00:00.000Z');
    expect(before(now, 'P1Y').toISOString()).toBe('2024-06-30T12:00:00.000Z');
    expect(before(now, 'PT24H').toISOString()).toBe('2025-06-29T12:00:00.000Z');
  });
});
