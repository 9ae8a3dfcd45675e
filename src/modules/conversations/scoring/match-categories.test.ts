import { describe, expect, it } from 'vitest';
import { categorySetBodySchema } from '../analysis-config/category.schema.js';
import { matchCategories } from './match-categories.js';
import { supportCall } from './testing/support-call.js';

const categories = (list: unknown[]) =>
  categorySetBodySchema.parse({ name: 'Test', categories: list }).categories;
const matched = (list: unknown[]) => matchCategories(categories(list), supportCall);

describe('matchCategories', () => {
  it('returns every matching category with the segments that matched', () => {
    const result = matched([
      {
        id: 'churn-risk',
        name: 'Churn risk',
        conditions: [{ type: 'phrase', phrases: ['cancel', 'close my account'], speaker: 'customer' }],
      },
      { id: 'legal', name: 'Legal threat', conditions: [{ type: 'phrase', phrases: ['lawyer'] }] },
      {
        id: 'offer',
        name: 'Retention offer',
        conditions: [{ type: 'phrase', phrases: ['discount'], speaker: 'agent' }],
      },
    ]);
    expect(result.map((m) => m.categoryId)).toEqual(['churn-risk', 'offer']);
    expect(result[0]?.points).toEqual([
      { segmentId: 'seg_1', startMs: 4500, endMs: 9000, speaker: 'customer', condition: 'conditions.0' },
    ]);
  });

  it('respects who said it and the time window from the start or the end', () => {
    const phrase = { type: 'phrase', phrases: ['cancel'] };
    expect(matched([{ id: 'a', name: 'a', conditions: [{ ...phrase, speaker: 'agent' }] }])).toEqual([]);
    expect(
      matched([{ id: 'a', name: 'a', conditions: [{ ...phrase, within: { from: 'start', seconds: 5 } }] }]),
    ).toHaveLength(1);
    expect(
      matched([{ id: 'a', name: 'a', conditions: [{ ...phrase, within: { from: 'start', seconds: 4 } }] }]),
    ).toEqual([]);
    expect(
      matched([{ id: 'a', name: 'a', conditions: [{ ...phrase, within: { from: 'end', seconds: 30 } }] }]),
    ).toEqual([]);
  });

  it('a negated phrase holds when it was not said (in the window), with no points of its own', () => {
    const noGreeting = {
      type: 'phrase',
      phrases: ['thank you for calling'],
      speaker: 'agent',
      within: { from: 'start', seconds: 10 },
      negate: true,
    };
    expect(matched([{ id: 'x', name: 'No greeting', conditions: [noGreeting] }])).toEqual([]);
    const noClosing = { ...noGreeting, phrases: ['anything else'], within: { from: 'end', seconds: 20 } };
    expect(matched([{ id: 'x', name: 'No closing question', conditions: [noClosing] }])).toEqual([
      { categoryId: 'x', name: 'No closing question', points: [] },
    ]);
  });

  it('AND needs every condition, OR any, and a group nests one inside the other', () => {
    const cancel = { type: 'phrase', phrases: ['cancel'], speaker: 'customer' };
    const lawyer = { type: 'phrase', phrases: ['lawyer'] };
    const longSilence = {
      type: 'characteristic',
      metric: 'longest_silence_seconds',
      operator: '>',
      value: 20,
    };
    expect(matched([{ id: 'and', name: 'and', operator: 'and', conditions: [cancel, lawyer] }])).toEqual([]);
    const or = matched([{ id: 'or', name: 'or', operator: 'or', conditions: [cancel, lawyer] }]);
    expect(or[0]?.points.map((p) => p.segmentId)).toEqual(['seg_1']);
    const nested = matched([
      {
        id: 'nested',
        name: 'Cancel and (lawyer or long silence)',
        conditions: [cancel, { type: 'group', operator: 'or', conditions: [lawyer, longSilence] }],
      },
    ]);
    expect(nested[0]?.points).toEqual([
      { segmentId: 'seg_1', startMs: 4500, endMs: 9000, speaker: 'customer', condition: 'conditions.0' },
      {
        segmentId: null,
        startMs: 20_000,
        endMs: 45_000,
        speaker: null,
        condition: 'conditions.1.conditions.1',
      },
    ]);
  });

  it('sentiment: the customer below -0.5 in some segment, or on average', () => {
    const angry = matched([
      {
        id: 'angry',
        name: 'Angry moment',
        conditions: [{ type: 'sentiment', speaker: 'customer', measure: 'any_segment', below: -0.5 }],
      },
    ]);
    expect(angry[0]?.points.map((p) => p.segmentId)).toEqual(['seg_1']);
    expect(
      matched([{ id: 'sour', name: 'Sour call', conditions: [{ type: 'sentiment', below: -0.5 }] }]),
    ).toEqual([]);
    // Only the last 5 s: the customer said goodbye at 0.5.
    expect(
      matched([
        {
          id: 'happy-end',
          name: 'Happy ending',
          conditions: [{ type: 'sentiment', atLeast: 0.4, within: { from: 'end', seconds: 5 } }],
        },
      ]),
    ).toHaveLength(1);
  });

  it('characteristics: talk ratio, interruptions and monologue thresholds, with their moments', () => {
    const result = matched([
      {
        id: 'talker',
        name: 'Agent over 60%',
        conditions: [
          {
            type: 'characteristic',
            metric: 'talk_ratio_percent',
            speaker: 'agent',
            operator: '>',
            value: 60,
          },
        ],
      },
      {
        id: 'quiet',
        name: 'Agent under 50%',
        conditions: [
          {
            type: 'characteristic',
            metric: 'talk_ratio_percent',
            speaker: 'agent',
            operator: '<',
            value: 50,
          },
        ],
      },
      {
        id: 'interrupting',
        name: 'Agent interrupts',
        conditions: [
          { type: 'characteristic', metric: 'interruptions', speaker: 'agent', operator: '>=', value: 1 },
        ],
      },
      {
        id: 'monologue',
        name: 'Long monologue',
        conditions: [
          {
            type: 'characteristic',
            metric: 'longest_monologue_seconds',
            speaker: 'either',
            operator: '>',
            value: 10,
          },
        ],
      },
    ]);
    expect(result.map((m) => m.categoryId)).toEqual(['talker', 'interrupting', 'monologue']);
    expect(result[1]?.points).toEqual([
      { segmentId: null, startMs: 8500, endMs: 9000, speaker: 'agent', condition: 'conditions.0' },
    ]);
    expect(result[2]?.points).toEqual([
      { segmentId: null, startMs: 8500, endMs: 20_000, speaker: 'agent', condition: 'conditions.0' },
    ]);
  });
});
