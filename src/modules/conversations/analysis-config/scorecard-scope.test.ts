import { describe, expect, it } from 'vitest';
import { chooseScorecard, type ScopedScorecard } from './scorecard-scope.js';

const card = (
  configId: string,
  appliesTo: ScopedScorecard['appliesTo'],
  activatedAt = 1,
): ScopedScorecard => ({
  configId,
  appliesTo,
  activatedAt: new Date(activatedAt * 1000),
});

describe('which active scorecard a call gets', () => {
  const cards = [
    card('default', undefined, 9),
    card('outbound', { directions: ['outbound'] }, 5),
    card('sales', { queues: ['sales', 'retention'] }, 3),
    card('sales-outbound', { queues: ['sales'], directions: ['outbound'] }, 1),
  ];
  const pick = (queue: string | null, direction: 'inbound' | 'outbound' | 'internal' | 'unknown') =>
    chooseScorecard(cards, { queue, direction })?.configId;

  it('uses the most specific scorecard that applies, whatever was activated last', () => {
    expect(pick('sales', 'outbound')).toBe('sales-outbound');
    expect(pick('sales', 'inbound')).toBe('sales');
    expect(pick('retention', 'outbound')).toBe('sales');
    expect(pick('support', 'outbound')).toBe('outbound');
    expect(pick(null, 'outbound')).toBe('outbound');
    expect(pick('support', 'inbound')).toBe('default');
    expect(pick(null, 'unknown')).toBe('default');
  });

  it('takes the one activated last among equally specific ones, and none when nothing applies', () => {
    const twoDefaults = [card('old', undefined, 1), card('new', undefined, 2)];
    expect(chooseScorecard(twoDefaults, { queue: null, direction: 'inbound' })?.configId).toBe('new');
    const scopedOnly = [card('sales', { queues: ['sales'] })];
    expect(chooseScorecard(scopedOnly, { queue: 'support', direction: 'inbound' })).toBeUndefined();
    expect(chooseScorecard([], { queue: null, direction: 'inbound' })).toBeUndefined();
  });
});
