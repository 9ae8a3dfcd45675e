import type { CallFigures } from '../contract.js';

/**
 * Additive figures of a set of calls: what the rollups and the raw scan both answer, per interval
 * and group, and what is summed across intervals, groups and the two sources.
 * - talk, handle, hold: over answered calls, where the source reports them
 * - inbound, abandoned (inbound calls given up before an answer), shortAbandoned (of those, given
 *   up within the queue's short-abandon threshold)
 * - answeredWithinTarget: inbound calls answered within their queue's service-level seconds
 * - waitSum / waitCount: ring seconds of answered inbound calls (speed of answer)
 * - inProgress: calls whose record has no end yet
 */
export interface StatsSums {
  calls: number;
  answered: number;
  talkSum: number;
  talkCount: number;
  handleSum: number;
  handleCount: number;
  holdSum: number;
  holdCount: number;
  inbound: number;
  abandoned: number;
  shortAbandoned: number;
  answeredWithinTarget: number;
  waitSum: number;
  waitCount: number;
  inProgress: number;
}

export const sumKeys = [
  'calls',
  'answered',
  'talkSum',
  'talkCount',
  'handleSum',
  'handleCount',
  'holdSum',
  'holdCount',
  'inbound',
  'abandoned',
  'shortAbandoned',
  'answeredWithinTarget',
  'waitSum',
  'waitCount',
  'inProgress',
] as const satisfies readonly (keyof StatsSums)[];

export const zeroSums = (): StatsSums =>
  Object.fromEntries(sumKeys.map((k) => [k, 0])) as unknown as StatsSums;

export function addSums(a: StatsSums, b: StatsSums): StatsSums {
  // Runs once per row read from the levels: no intermediate arrays or objects.
  const out = {} as StatsSums;
  for (const key of sumKeys) out[key] = a[key] + b[key];
  return out;
}

export const sumsOf = (row: StatsSums): StatsSums => addSums(zeroSums(), row);

const ratio = (part: number, whole: number) =>
  whole <= 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
const average = (sum: number, count: number) => (count === 0 ? null : Math.round((sum / count) * 100) / 100);

export function figuresOf(sums: StatsSums): CallFigures {
  const offered = sums.inbound - sums.shortAbandoned;
  return {
    calls: sums.calls,
    answered: sums.answered,
    answerSeizureRatio: ratio(sums.answered, sums.calls),
    averageTalkSeconds: average(sums.talkSum, sums.talkCount),
    averageHandleSeconds: average(sums.handleSum, sums.handleCount),
    averageHoldSeconds: average(sums.holdSum, sums.holdCount),
    inbound: sums.inbound,
    abandoned: sums.abandoned,
    abandonRate: ratio(sums.abandoned, sums.inbound),
    shortAbandoned: sums.shortAbandoned,
    abandonRateExcludingShort: ratio(sums.abandoned - sums.shortAbandoned, offered),
    answeredWithinTarget: sums.answeredWithinTarget,
    serviceLevel: ratio(sums.answeredWithinTarget, offered),
    averageSpeedOfAnswerSeconds: average(sums.waitSum, sums.waitCount),
    inProgress: sums.inProgress,
  };
}
