import type { Category, CategoryCondition, LeafCondition } from '../analysis-config/category.schema.js';
import { inWindow, phraseHits } from './deterministic-checks.js';
import {
  roleCharacteristics,
  type ScoringInput,
  type SpeakerRole,
  type TimedPeriod,
} from './scoring-input.js';

/** A moment that made a condition hold: a segment, or a stretch of time (a silence, a monologue). */
export interface MatchPoint {
  readonly segmentId: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly speaker: string | null;
  /** Which condition (index in the category, then in its group) this point satisfied. */
  readonly condition: string;
}

export interface CategoryMatch {
  readonly categoryId: string;
  readonly name: string;
  readonly points: MatchPoint[];
}

interface Outcome {
  readonly holds: boolean;
  readonly points: readonly MatchPoint[];
}

const compare = (operator: '>' | '>=' | '<' | '<=', left: number, right: number) => {
  switch (operator) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
};

const roles = (speaker: 'agent' | 'customer' | 'either'): readonly SpeakerRole[] =>
  speaker === 'either' ? ['agent', 'customer', 'unknown'] : [speaker];

function leaf(condition: LeafCondition, input: ScoringInput, label: string): Outcome {
  const at = (
    p: TimedPeriod,
    segmentId: string | null = null,
    speaker: string | null = null,
  ): MatchPoint => ({
    segmentId,
    startMs: p.startMs,
    endMs: p.endMs,
    speaker,
    condition: label,
  });
  switch (condition.type) {
    case 'phrase': {
      const hits = phraseHits(input, condition.phrases, condition.speaker, condition.within);
      const saidCount = [...hits.values()].filter((segments) => segments.length > 0).length;
      const said = condition.match === 'all' ? saidCount === condition.phrases.length : saidCount > 0;
      if (condition.negate) return { holds: !said, points: [] };
      const segments = [...new Map([...hits.values()].flat().map((s) => [s.id, s])).values()];
      return {
        holds: said,
        points: said ? segments.sort((a, b) => a.startMs - b.startMs).map((s) => at(s, s.id, s.speaker)) : [],
      };
    }
    case 'sentiment': {
      const scored = input.segments
        .filter(inWindow(input, condition.within))
        .filter(
          (s): s is typeof s & { sentiment: number } =>
            s.speaker === condition.speaker && typeof s.sentiment === 'number',
        );
      if (scored.length === 0) return { holds: false, points: [] };
      const inRange = (value: number) =>
        (condition.below === undefined || value < condition.below) &&
        (condition.atLeast === undefined || value >= condition.atLeast);
      if (condition.measure === 'any_segment') {
        const matching = scored.filter((s) => inRange(s.sentiment));
        return { holds: matching.length > 0, points: matching.map((s) => at(s, s.id, s.speaker)) };
      }
      const average = scored.reduce((sum, s) => sum + s.sentiment, 0) / scored.length;
      return { holds: inRange(average), points: [] };
    }
    case 'characteristic': {
      const facts = roleCharacteristics(input);
      switch (condition.metric) {
        case 'longest_silence_seconds': {
          const longest = [...facts.nonTalk].sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))[0];
          const value = longest ? (longest.endMs - longest.startMs) / 1000 : 0;
          const holds = compare(condition.operator, value, condition.value);
          return { holds, points: holds && longest ? [at(longest)] : [] };
        }
        case 'talk_ratio_percent': {
          const matching = roles(condition.speaker).filter((role) => {
            const ratio = facts.talkRatio[role];
            return ratio !== undefined && compare(condition.operator, ratio * 100, condition.value);
          });
          return { holds: matching.length > 0, points: [] };
        }
        case 'interruptions': {
          const made = facts.interruptions.filter((i) => roles(condition.speaker).includes(i.by));
          const holds = compare(condition.operator, made.length, condition.value);
          return {
            holds,
            points: holds
              ? made.map((i) => at({ startMs: i.atMs, endMs: i.atMs + i.durationMs }, null, i.by))
              : [],
          };
        }
        case 'longest_monologue_seconds': {
          const matching = roles(condition.speaker).flatMap((role) => {
            const period = facts.longestMonologue[role];
            const value = period ? (period.endMs - period.startMs) / 1000 : 0;
            return compare(condition.operator, value, condition.value) ? [{ role, period }] : [];
          });
          return {
            holds: matching.length > 0,
            points: matching.flatMap(({ role, period }) => (period ? [at(period, null, role)] : [])),
          };
        }
      }
    }
  }
}

function combine(operator: 'and' | 'or', outcomes: readonly Outcome[]): Outcome {
  const holds = operator === 'and' ? outcomes.every((o) => o.holds) : outcomes.some((o) => o.holds);
  // The points of the conditions that held (for OR only those; for AND all of them).
  return { holds, points: holds ? outcomes.filter((o) => o.holds).flatMap((o) => o.points) : [] };
}

function condition(c: CategoryCondition, input: ScoringInput, label: string): Outcome {
  if (c.type !== 'group') return leaf(c, input, label);
  return combine(
    c.operator,
    c.conditions.map((inner, k) => leaf(inner, input, `${label}.conditions.${k}`)),
  );
}

/**
 * Every category whose conditions hold for the call, with the moments that made them hold
 * (segments that said a phrase, the silence, the monologue...). A negated phrase condition holds
 * by absence and contributes no points. Pure.
 */
export function matchCategories(categories: readonly Category[], input: ScoringInput): CategoryMatch[] {
  return categories.flatMap((category) => {
    const outcome = combine(
      category.operator,
      category.conditions.map((c, j) => condition(c, input, `conditions.${j}`)),
    );
    if (!outcome.holds) return [];
    const points = [
      ...new Map(outcome.points.map((p) => [`${p.condition}|${p.segmentId ?? ''}|${p.startMs}`, p])).values(),
    ].sort((a, b) => a.startMs - b.startMs);
    return [{ categoryId: category.id, name: category.name, points }];
  });
}
