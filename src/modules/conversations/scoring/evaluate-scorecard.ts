import type { Scorecard, ScorecardRule } from '../analysis-config/scorecard.schema.js';
import { runCheck, type Evidence } from './deterministic-checks.js';
import type { ScoringInput } from './scoring-input.js';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/** What an LLM analyser returns for one of the scorecard's llm rules. */
export interface LlmRuleResult {
  readonly ruleId: string;
  /** 0..100 */
  readonly score: number;
  readonly pass: boolean;
  readonly evidence: readonly Evidence[];
  readonly coachNote: string;
}

/**
 * - evaluated: judged, counts towards the score;
 * - pending: an llm rule no LLM result was given for (the local-only run, or a preview);
 * - not_applicable: the call has nothing to judge (a sentiment rule without sentiment scores).
 * Rules that are not evaluated count neither way: their weight is left out of the total.
 */
export type RuleStatus = 'evaluated' | 'pending' | 'not_applicable';

export interface RuleResult {
  readonly ruleId: string;
  readonly name: string;
  readonly category: string;
  readonly kind: ScorecardRule['kind'];
  readonly weight: number;
  readonly autoFail: boolean;
  readonly status: RuleStatus;
  /** 0..100; null unless evaluated. A deterministic rule scores 100 when it passes, 0 when not. */
  readonly score: number | null;
  readonly pass: boolean | null;
  evidence: Evidence[];
  readonly coachNote: string;
}

export interface CategoryScore {
  readonly category: string;
  /** Weighted mean of the category's evaluated rules; null when none was evaluated. */
  readonly score: number | null;
  readonly weight: number;
}

export interface ScorecardEvaluation {
  /**
   * The overall score, 0..100 with one decimal: the weighted mean of the evaluated rules, or 0
   * when an auto-fail rule failed. Null when no rule could be evaluated.
   */
  readonly score: number | null;
  /** The weighted mean before an auto-fail: what the call would have scored otherwise. */
  readonly weightedScore: number | null;
  readonly grade: Grade | null;
  readonly autoFailed: boolean;
  /** Ids of the auto-fail rules that failed. */
  readonly autoFailedBy: string[];
  /** False while an llm rule is pending. */
  readonly complete: boolean;
  readonly rules: RuleResult[];
  readonly categories: CategoryScore[];
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, otherwise E (CCI Lite). */
export function gradeOf(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'E';
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const clampScore = (value: number) => Math.min(100, Math.max(0, value));

function weightedMean(results: readonly RuleResult[]): number | null {
  const judged = results.filter((r) => r.status === 'evaluated' && r.score !== null);
  const weight = judged.reduce((sum, r) => sum + r.weight, 0);
  if (weight === 0) return null;
  return oneDecimal(judged.reduce((sum, r) => sum + (r.score ?? 0) * r.weight, 0) / weight);
}

/**
 * Scores a call against a scorecard: deterministic rules are judged here from the transcript and
 * characteristics; llm rules take the result an LLM analyser gave (`llmResults`, by rule id) or
 * stay pending. Pure.
 *
 * Auto-fail (as Amazon Connect Contact Lens does it): when any evaluated auto-fail rule fails,
 * the overall score is 0 and the grade E, whatever the other rules scored; `weightedScore` keeps
 * what the call would otherwise have scored, for coaching.
 */
export function evaluateScorecard(
  scorecard: Scorecard,
  input: ScoringInput,
  llmResults: readonly LlmRuleResult[] = [],
): ScorecardEvaluation {
  const byRule = new Map(llmResults.map((r) => [r.ruleId, r]));
  const rules = scorecard.rules.map((rule): RuleResult => {
    const base = {
      ruleId: rule.id,
      name: rule.name,
      category: rule.category,
      kind: rule.kind,
      weight: rule.weight,
      autoFail: rule.autoFail,
    };
    if (rule.kind === 'deterministic' && rule.check) {
      const outcome = runCheck(rule.check, input);
      if (!outcome.applicable)
        return {
          ...base,
          status: 'not_applicable',
          score: null,
          pass: null,
          evidence: [],
          coachNote: outcome.coachNote,
        };
      return {
        ...base,
        status: 'evaluated',
        score: outcome.pass ? 100 : 0,
        pass: outcome.pass,
        evidence: [...outcome.evidence],
        coachNote: outcome.coachNote,
      };
    }
    const judged = byRule.get(rule.id);
    if (!judged) return { ...base, status: 'pending', score: null, pass: null, evidence: [], coachNote: '' };
    return {
      ...base,
      status: 'evaluated',
      score: clampScore(judged.score),
      pass: judged.pass,
      evidence: [...judged.evidence],
      coachNote: judged.coachNote,
    };
  });

  return scoreRuleResults(rules);
}

/**
 * The overall figures of judged rules: the weighted mean, auto-fail, grade, completeness and the
 * per-category scores. What `evaluateScorecard` ends with, and what a reviewer's override is scored
 * with (reviews/effective-qa.ts), so both always agree. Pure.
 */
export function scoreRuleResults(rules: RuleResult[]): ScorecardEvaluation {
  const weightedScore = weightedMean(rules);
  const autoFailedBy = rules
    .filter((r) => r.autoFail && r.status === 'evaluated' && r.pass === false)
    .map((r) => r.ruleId);
  const autoFailed = autoFailedBy.length > 0;
  const score = autoFailed ? 0 : weightedScore;
  const categoryNames = [...new Set(rules.map((r) => r.category))];
  return {
    score,
    weightedScore,
    grade: score === null ? null : gradeOf(score),
    autoFailed,
    autoFailedBy,
    complete: rules.every((r) => r.status !== 'pending'),
    rules,
    categories: categoryNames.map((category) => {
      const mine = rules.filter((r) => r.category === category);
      return { category, score: weightedMean(mine), weight: mine.reduce((sum, r) => sum + r.weight, 0) };
    }),
  };
}
