import type { DeterministicCheck, RuleSpeaker, TimeWindow } from '../analysis-config/scorecard.schema.js';
import {
  callDuration,
  roleCharacteristics,
  saysPhrase,
  type ScoringInput,
  type ScoringSegment,
  type TimedPeriod,
} from './scoring-input.js';

/** A moment of the call that supports a result: a segment (with its quote) or a stretch of time. */
export interface Evidence {
  /** null when the evidence is a stretch without speech (a silence) or a measure of the whole call. */
  readonly segmentId: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly speaker: string | null;
  /** The segment's redacted text; empty for a silence. */
  readonly quote: string;
}

export interface CheckOutcome {
  /** False when the check has nothing to judge (a sentiment check without sentiment scores). */
  readonly applicable: boolean;
  readonly pass: boolean;
  readonly evidence: readonly Evidence[];
  /** Says what was found and, on a fail, what to do differently. */
  readonly coachNote: string;
}

const MAX_EVIDENCE = 10;

export const segmentEvidence = (s: ScoringSegment): Evidence => ({
  segmentId: s.id,
  startMs: s.startMs,
  endMs: s.endMs,
  speaker: s.speaker,
  quote: s.text,
});
const periodEvidence = (p: TimedPeriod, speaker: string | null = null): Evidence => ({
  segmentId: null,
  startMs: p.startMs,
  endMs: p.endMs,
  speaker,
  quote: '',
});
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export const bySpeaker = (speaker: RuleSpeaker | 'either') => (s: ScoringSegment) =>
  speaker === 'any' || speaker === 'either' || s.speaker === speaker;

/** Segments that start inside the window (from the start of the call) or end inside it (from the end). */
export function inWindow(input: ScoringInput, window: TimeWindow | undefined) {
  if (!window) return () => true;
  const ms = window.seconds * 1000;
  if (window.from === 'start') return (s: ScoringSegment) => s.startMs < ms;
  const cutoff = callDuration(input) - ms;
  return (s: ScoringSegment) => s.endMs > cutoff;
}

export const describeWindow = (window: TimeWindow | undefined) =>
  window ? ` within the ${window.from === 'start' ? 'first' : 'last'} ${window.seconds} s` : '';

/** The segments that say each phrase, in the window and by the speaker given. */
export function phraseHits(
  input: ScoringInput,
  phrases: readonly string[],
  speaker: RuleSpeaker | 'either',
  window: TimeWindow | undefined,
): Map<string, ScoringSegment[]> {
  const candidates = input.segments.filter(bySpeaker(speaker)).filter(inWindow(input, window));
  return new Map(phrases.map((phrase) => [phrase, candidates.filter((s) => saysPhrase(s.text, phrase))]));
}

/** Judges one deterministic check against a call; pure. */
export function runCheck(check: DeterministicCheck, input: ScoringInput): CheckOutcome {
  switch (check.type) {
    case 'phrase_said':
    case 'phrase_not_said':
      return phraseCheck(check, input);
    case 'max_silence': {
      const limit = check.maxSeconds * 1000;
      const periods = roleCharacteristics(input).nonTalk;
      const over = periods.filter((p) => p.endMs - p.startMs > limit);
      const longest = periods.reduce((max, p) => Math.max(max, p.endMs - p.startMs), 0);
      return {
        applicable: true,
        pass: over.length === 0,
        evidence: over.slice(0, MAX_EVIDENCE).map((p) => periodEvidence(p)),
        coachNote:
          over.length === 0
            ? `No silence over ${check.maxSeconds} s (longest ${seconds(longest)}).`
            : `${over.length} silence(s) over ${check.maxSeconds} s, the longest ${seconds(longest)}: tell the customer what you are doing while they wait, or offer to call back.`,
      };
    }
    case 'talk_ratio': {
      const ratio = roleCharacteristics(input).talkRatio[check.speaker];
      if (ratio === undefined)
        return {
          applicable: false,
          pass: false,
          evidence: [],
          coachNote: `No ${check.speaker} speech was found, so the talk ratio cannot be judged.`,
        };
      const tooHigh = check.maxPercent !== undefined && ratio * 100 > check.maxPercent;
      const tooLow = check.minPercent !== undefined && ratio * 100 < check.minPercent;
      const bounds = [
        check.minPercent === undefined ? null : `at least ${check.minPercent}%`,
        check.maxPercent === undefined ? null : `at most ${check.maxPercent}%`,
      ]
        .filter(Boolean)
        .join(' and ');
      return {
        applicable: true,
        pass: !tooHigh && !tooLow,
        evidence: [],
        coachNote: tooHigh
          ? `The ${check.speaker} talked ${percent(ratio)} of the time (${bounds} expected): ask open questions and let the other side speak.`
          : tooLow
            ? `The ${check.speaker} talked ${percent(ratio)} of the time (${bounds} expected): lead the conversation more.`
            : `The ${check.speaker} talked ${percent(ratio)} of the time (${bounds} expected).`,
      };
    }
    case 'max_interruptions': {
      const made = roleCharacteristics(input).interruptions.filter((i) => i.by === check.by);
      const pass = made.length <= check.max;
      return {
        applicable: true,
        pass,
        evidence: made.slice(0, MAX_EVIDENCE).map((i) => {
          const segment = input.segments.find((s) => s.speaker === check.by && s.startMs === i.atMs);
          return segment
            ? segmentEvidence(segment)
            : periodEvidence({ startMs: i.atMs, endMs: i.atMs + i.durationMs }, check.by);
        }),
        coachNote: pass
          ? `The ${check.by} interrupted ${made.length} time(s) (at most ${check.max} allowed).`
          : `The ${check.by} interrupted ${made.length} times (at most ${check.max} allowed): let the other side finish before answering.`,
      };
    }
    case 'max_monologue': {
      const monologues = roleCharacteristics(input).longestMonologue;
      const roles = check.speaker === 'any' ? (['agent', 'customer'] as const) : [check.speaker];
      const longest = roles
        .map((role) => ({ role, period: monologues[role] ?? null }))
        .filter((m): m is { role: 'agent' | 'customer'; period: TimedPeriod } => m.period !== null)
        .sort((a, b) => b.period.endMs - b.period.startMs - (a.period.endMs - a.period.startMs))[0];
      const length = longest ? longest.period.endMs - longest.period.startMs : 0;
      const pass = length <= check.maxSeconds * 1000;
      return {
        applicable: true,
        pass,
        evidence: longest && !pass ? [periodEvidence(longest.period, longest.role)] : [],
        coachNote: pass
          ? `Longest monologue ${seconds(length)} (at most ${check.maxSeconds} s allowed).`
          : `A monologue of ${seconds(length)} by the ${longest?.role ?? check.speaker} (at most ${check.maxSeconds} s allowed): pause and check the customer is following.`,
      };
    }
    case 'min_sentiment': {
      const scored = input.segments.filter(
        (s): s is ScoringSegment & { sentiment: number } =>
          s.speaker === check.speaker && typeof s.sentiment === 'number',
      );
      if (scored.length === 0)
        return {
          applicable: false,
          pass: false,
          evidence: [],
          coachNote: `No sentiment scores for the ${check.speaker}: this rule was not judged.`,
        };
      const below = scored.filter((s) => s.sentiment < check.min);
      if (check.measure === 'every_segment')
        return {
          applicable: true,
          pass: below.length === 0,
          evidence: below.slice(0, MAX_EVIDENCE).map(segmentEvidence),
          coachNote:
            below.length === 0
              ? `The ${check.speaker}'s sentiment never fell below ${check.min}.`
              : `The ${check.speaker}'s sentiment fell below ${check.min} in ${below.length} segment(s): look at what was said just before.`,
        };
      const average = scored.reduce((sum, s) => sum + s.sentiment, 0) / scored.length;
      const pass = average >= check.min;
      return {
        applicable: true,
        pass,
        evidence: pass
          ? []
          : [...below]
              .sort((a, b) => a.sentiment - b.sentiment)
              .slice(0, MAX_EVIDENCE)
              .map(segmentEvidence),
        coachNote: pass
          ? `The ${check.speaker}'s average sentiment was ${average.toFixed(2)} (at least ${check.min} expected).`
          : `The ${check.speaker}'s average sentiment was ${average.toFixed(2)} (at least ${check.min} expected): the quoted moments were the lowest.`,
      };
    }
  }
}

function phraseCheck(
  check: Extract<DeterministicCheck, { type: 'phrase_said' | 'phrase_not_said' }>,
  input: ScoringInput,
): CheckOutcome {
  const hits = phraseHits(input, check.phrases, check.speaker, check.within);
  const said = [...hits].filter(([, segments]) => segments.length > 0).map(([phrase]) => phrase);
  const missing = check.phrases.filter((phrase) => !said.includes(phrase));
  const segments = [...new Map([...hits.values()].flat().map((s) => [s.id, s])).values()].sort(
    (a, b) => a.startMs - b.startMs,
  );
  const who = check.speaker === 'any' ? 'anyone' : `the ${check.speaker}`;
  const where = describeWindow(check.within);
  if (check.type === 'phrase_not_said') {
    const pass = said.length === 0;
    return {
      applicable: true,
      pass,
      evidence: segments.slice(0, MAX_EVIDENCE).map(segmentEvidence),
      coachNote: pass
        ? `None of the listed phrases was said by ${who}${where}.`
        : `${capitalise(who)} said ${said.map((p) => `"${p}"`).join(', ')}${where}: avoid these words.`,
    };
  }
  const pass = check.match === 'all' ? missing.length === 0 : said.length > 0;
  return {
    applicable: true,
    pass,
    evidence: segments.slice(0, MAX_EVIDENCE).map(segmentEvidence),
    coachNote: pass
      ? `${capitalise(who)} said ${said.map((p) => `"${p}"`).join(', ')}${where}.`
      : `${capitalise(who)} did not say ${(check.match === 'all' ? missing : check.phrases).map((p) => `"${p}"`).join(check.match === 'all' ? ', ' : ' or ')}${where}.`,
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
