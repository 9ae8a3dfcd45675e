import { describe, expect, it } from 'vitest';
import { scorecardBodySchema, type ScorecardInput } from '../analysis-config/scorecard.schema.js';
import { evaluateScorecard, gradeOf } from './evaluate-scorecard.js';
import { supportCall, supportCallWithoutSentiment } from './testing/support-call.js';

const card = (input: ScorecardInput) => scorecardBodySchema.parse(input);

const disclosure = {
  id: 'disclosure',
  name: 'Recording disclosure',
  category: 'Compliance',
  weight: 1,
  kind: 'deterministic' as const,
  check: {
    type: 'phrase_said' as const,
    phrases: ['call is recorded'],
    within: { from: 'start' as const, seconds: 30 },
  },
};
const silence = {
  id: 'silence',
  name: 'No long silence',
  category: 'Handling',
  weight: 3,
  kind: 'deterministic' as const,
  check: { type: 'max_silence' as const, maxSeconds: 20 },
};
const empathy = { id: 'empathy', name: 'Empathy', category: 'Soft skills', weight: 2, kind: 'llm' as const };

describe('evaluateScorecard', () => {
  it('grades A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else E', () => {
    expect([100, 90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map(gradeOf)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
    ]);
  });

  it('weights the rules: disclosure passed (weight 1), silence failed (weight 3) gives 25, grade E', () => {
    const result = evaluateScorecard(card({ name: 'Support', rules: [disclosure, silence] }), supportCall);
    expect(result.rules.map((r) => [r.ruleId, r.score, r.pass])).toEqual([
      ['disclosure', 100, true],
      ['silence', 0, false],
    ]);
    expect(result.score).toBe(25);
    expect(result.grade).toBe('E');
    expect(result.complete).toBe(true);
    expect(result.categories).toEqual([
      { category: 'Compliance', score: 100, weight: 1 },
      { category: 'Handling', score: 0, weight: 3 },
    ]);
  });

  it('merges LLM results for llm rules; without them the rule is pending and left out of the score', () => {
    const scorecard = card({ name: 'Support', rules: [disclosure, empathy] });
    const local = evaluateScorecard(scorecard, supportCall);
    expect(local.rules[1]).toMatchObject({ ruleId: 'empathy', status: 'pending', score: null });
    expect(local.score).toBe(100);
    expect(local.complete).toBe(false);

    const merged = evaluateScorecard(scorecard, supportCall, [
      {
        ruleId: 'empathy',
        score: 70,
        pass: true,
        evidence: [
          { segmentId: 'seg_2', startMs: 8500, endMs: 20_000, speaker: 'agent', quote: 'I understand.' },
        ],
        coachNote: 'Acknowledged the frustration.',
      },
      // A result for a deterministic rule does not override the check.
      { ruleId: 'disclosure', score: 0, pass: false, evidence: [], coachNote: '' },
    ]);
    // (100 × 1 + 70 × 2) / 3 = 80
    expect(merged.score).toBe(80);
    expect(merged.grade).toBe('B');
    expect(merged.complete).toBe(true);
    expect(merged.rules[1]?.coachNote).toBe('Acknowledged the frustration.');
  });

  it('a failed auto-fail rule scores the call 0, grade E, and keeps the weighted score for coaching', () => {
    const scorecard = card({
      name: 'Support',
      rules: [
        {
          ...disclosure,
          check: { ...disclosure.check, phrases: ['this call may be monitored'] },
          autoFail: true,
          weight: 1,
        },
        { ...silence, check: { type: 'max_silence', maxSeconds: 30 }, weight: 9 },
      ],
    });
    const result = evaluateScorecard(scorecard, supportCall);
    expect(result.weightedScore).toBe(90);
    expect(result.score).toBe(0);
    expect(result.grade).toBe('E');
    expect(result.autoFailed).toBe(true);
    expect(result.autoFailedBy).toEqual(['disclosure']);
  });

  it('a passed auto-fail rule changes nothing', () => {
    const result = evaluateScorecard(
      card({ name: 'Support', rules: [{ ...disclosure, autoFail: true }] }),
      supportCall,
    );
    expect(result).toMatchObject({ score: 100, grade: 'A', autoFailed: false });
  });

  it('a sentiment rule without sentiment is not applicable and weighs nothing', () => {
    const scorecard = card({
      name: 'Support',
      rules: [
        disclosure,
        {
          id: 'mood',
          name: 'Customer mood',
          category: 'Outcome',
          weight: 5,
          kind: 'deterministic',
          check: { type: 'min_sentiment', min: 0.5 },
        },
      ],
    });
    const result = evaluateScorecard(scorecard, supportCallWithoutSentiment);
    expect(result.rules[1]?.status).toBe('not_applicable');
    expect(result.score).toBe(100);
    expect(evaluateScorecard(scorecard, supportCall).score).toBeCloseTo(16.7, 5);
  });

  it('scores nothing (null, no grade) when no rule could be judged', () => {
    const result = evaluateScorecard(card({ name: 'LLM only', rules: [empathy] }), supportCall);
    expect(result).toMatchObject({ score: null, grade: null, complete: false });
  });
});
