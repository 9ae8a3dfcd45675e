import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../scoring/evaluate-scorecard.js';
import { scoreRuleResults } from '../scoring/evaluate-scorecard.js';
import { effectiveQa, type RuleOverride, type StoredQa } from './effective-qa.js';

const rule = (ruleId: string, over: Partial<RuleResult>): RuleResult => ({
  ruleId,
  name: ruleId,
  category: 'General',
  kind: 'deterministic',
  weight: 1,
  autoFail: false,
  status: 'evaluated',
  score: 100,
  pass: true,
  evidence: [],
  coachNote: '',
  ...over,
});

const stored = (rules: RuleResult[]): StoredQa => ({
  scorecardId: 'scorecard_x',
  scorecardVersion: 3,
  ...scoreRuleResults(rules),
});

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second));
const override = (ruleId: string, score: number, pass: boolean, second: number): RuleOverride => ({
  reviewId: `r${second}`,
  ruleId,
  reviewer: 'usr_lead',
  createdAt: at(second),
  score,
  pass,
});

describe('effectiveQa', () => {
  // disclosure (auto-fail, weight 2) failed; talk (weight 1) 100; empathy (llm, weight 1) pending.
  const machine = stored([
    rule('disclosure', { weight: 2, autoFail: true, score: 0, pass: false, category: 'Compliance' }),
    rule('talk', {}),
    rule('empathy', { kind: 'llm', status: 'pending', score: null, pass: null }),
  ]);

  it('keeps the machine’s evaluation when nothing was overridden', () => {
    const qa = effectiveQa(machine, []);
    expect(qa).toMatchObject({ score: 0, grade: 'E', autoFailed: true, reviewed: false });
    expect(qa.machine).toEqual({ score: 0, grade: 'E' });
    expect(qa.rules.some((r) => 'override' in r)).toBe(false);
  });

  it('lifts the auto-fail when a reviewer passes the rule, and grades with the scorecard’s function', () => {
    const qa = effectiveQa(machine, [override('disclosure', 80, true, 1)]);
    // (80*2 + 100*1) / 3 = 86.7 -> B; the pending rule still counts neither way.
    expect(qa).toMatchObject({
      score: 86.7,
      weightedScore: 86.7,
      grade: 'B',
      autoFailed: false,
      complete: false,
    });
    expect(qa.machine).toEqual({ score: 0, grade: 'E' });
    expect(qa.rules[0]).toMatchObject({
      score: 80,
      pass: true,
      override: { reviewer: 'usr_lead', originalScore: 0, originalPass: false, originalStatus: 'evaluated' },
    });
    expect(qa.categories.find((c) => c.category === 'Compliance')?.score).toBe(80);
  });

  it('applies the newest override of a rule, whatever order they come in', () => {
    const qa = effectiveQa(machine, [
      override('disclosure', 100, true, 5),
      override('disclosure', 10, false, 2),
    ]);
    expect(qa.rules[0]).toMatchObject({ score: 100, pass: true });
    expect(qa.grade).toBe('A');
  });

  it('counts a pending rule a reviewer judged, and a failed auto-fail override fails the call', () => {
    const judged = effectiveQa(machine, [
      override('disclosure', 100, true, 1),
      override('empathy', 40, false, 2),
    ]);
    // (100*2 + 100 + 40) / 4 = 85
    expect(judged).toMatchObject({ score: 85, grade: 'B', complete: true });
    expect(judged.rules[2]?.override?.originalStatus).toBe('pending');

    const passedMachine = stored([rule('disclosure', { autoFail: true }), rule('talk', {})]);
    expect(effectiveQa(passedMachine, [override('disclosure', 0, false, 1)])).toMatchObject({
      score: 0,
      grade: 'E',
      autoFailed: true,
      autoFailedBy: ['disclosure'],
      machine: { score: 100, grade: 'A' },
    });
  });

  it('ignores overrides of rules the evaluation does not have', () => {
    expect(effectiveQa(machine, [override('gone', 100, true, 1)]).reviewed).toBe(false);
  });
});
