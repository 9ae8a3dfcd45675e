import type { AnalysisResult } from '../analyses/analyse-call.js';
import {
  scoreRuleResults,
  type Grade,
  type RuleResult,
  type RuleStatus,
  type ScorecardEvaluation,
} from '../scoring/evaluate-scorecard.js';

/** The QA evaluation an analysis stored (the machine's judgement). */
export type StoredQa = NonNullable<AnalysisResult['qa']>;

/** A reviewer's override of one rule, as the effective evaluation needs it. */
export interface RuleOverride {
  readonly reviewId: string;
  readonly ruleId: string;
  readonly reviewer: string;
  readonly createdAt: Date;
  readonly score: number;
  readonly pass: boolean;
}

/** What a rule shows once a reviewer overrode it: who, when, and the machine's judgement. */
export interface OverrideMark {
  readonly reviewId: string;
  readonly reviewer: string;
  readonly at: Date;
  readonly originalStatus: RuleStatus;
  readonly originalScore: number | null;
  readonly originalPass: boolean | null;
}

export type EffectiveRule = RuleResult & { readonly override?: OverrideMark };

export type EffectiveQa = Omit<ScorecardEvaluation, 'rules'> & {
  readonly scorecardId: string;
  readonly scorecardVersion: number;
  readonly rules: EffectiveRule[];
  /** The analysis' own figures, before any override. */
  readonly machine: { readonly score: number | null; readonly grade: Grade | null };
  /** True when at least one rule carries a reviewer's judgement. */
  readonly reviewed: boolean;
};

/**
 * The analysis' evaluation with the newest override of each rule applied, scored again with the
 * scorecard's own function (`scoreRuleResults`): weighted mean, auto-fail, grade, categories. An
 * overridden rule counts as evaluated, whatever the machine made of it (a pending LLM rule a
 * reviewer judged counts from then on). Overrides of rules the evaluation does not have are
 * ignored. Pure.
 */
export function effectiveQa(qa: StoredQa, overrides: readonly RuleOverride[]): EffectiveQa {
  const newest = new Map<string, RuleOverride>();
  for (const override of overrides) {
    const seen = newest.get(override.ruleId);
    const later =
      !seen ||
      override.createdAt.getTime() > seen.createdAt.getTime() ||
      (override.createdAt.getTime() === seen.createdAt.getTime() && override.reviewId > seen.reviewId);
    if (later) newest.set(override.ruleId, override);
  }
  const marks = new Map<string, OverrideMark>();
  const rules = qa.rules.map((rule): RuleResult => {
    const override = newest.get(rule.ruleId);
    if (!override) return rule;
    marks.set(rule.ruleId, {
      reviewId: override.reviewId,
      reviewer: override.reviewer,
      at: override.createdAt,
      originalStatus: rule.status,
      originalScore: rule.score,
      originalPass: rule.pass,
    });
    return { ...rule, status: 'evaluated', score: override.score, pass: override.pass };
  });
  const scored = scoreRuleResults(rules);
  return {
    ...scored,
    scorecardId: qa.scorecardId,
    scorecardVersion: qa.scorecardVersion,
    rules: scored.rules.map((rule) => {
      const mark = marks.get(rule.ruleId);
      return mark ? { ...rule, override: mark } : rule;
    }),
    machine: { score: qa.score, grade: qa.grade },
    reviewed: marks.size > 0,
  };
}
