import type { Transcript } from '../transcripts/index.js';
import type {
  ConversationSentiment,
  QuarterSentiment,
  SegmentSentiment,
  SentimentLabel,
  SentimentScore,
  SpeakerSentiment,
} from './analyser.types.js';
import { compilePhrase, PhraseSet } from './phrase-match.js';
import type { SegmentView } from './segment-view.js';

/**
 * Sentiment from wink's lexicon (AFINN-style word scores with negation), per sentence, plus a
 * few contact-centre phrases the lexicon misses ("I've been waiting for weeks" scores 0 in wink).
 * One-word segments ("Okay.") are damped: the lexicon rates "okay" as strongly positive, which in a
 * call is mostly assent.
 */

/** A segment is positive or negative beyond ±0.2; a mean over many segments beyond ±0.1. */
export const SEGMENT_THRESHOLD = 0.2;
export const AGGREGATE_THRESHOLD = 0.1;

const DOMAIN_PHRASES: readonly [phrase: string, score: number][] = [
  ['unacceptable', -0.6],
  ['ridiculous', -0.5],
  ['outrageous', -0.6],
  ['been waiting *2 weeks|days|months|hours|ages', -0.4],
  ['still *2 not *2 working|work|fixed|resolved|arrived|received|sorted', -0.4],
  ['waste of time|money', -0.6],
  ['fed up', -0.6],
  ['rip|ripped off', -0.6],
  ['nobody *2 got|called|rang back', -0.4],
  ['no one *2 got|called|rang back', -0.4],
  ['on hold for *2 hours|ages|minutes', -0.3],
  ['charged *3 twice', -0.4],
  ['overcharged', -0.4],
  ['sorted|resolved|fixed now', 0.3],
  ['that works', 0.3],
  ['really appreciate|appreciated', 0.4],
  ['above and beyond', 0.6],
];

const domain = new PhraseSet(DOMAIN_PHRASES.flatMap(([phrase, score]) => compilePhrase(phrase, score)));

export function label(score: number, threshold: number): SentimentLabel {
  if (score >= threshold) return 'positive';
  if (score <= -threshold) return 'negative';
  return 'neutral';
}

const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

function scored(score: number, threshold: number): SentimentScore {
  const s = round(clamp(score));
  return { score: s === 0 ? 0 : s, label: label(s, threshold) };
}

/** A segment's score: wink's sentence scores weighted by length, damped when short, plus domain phrases. */
export function segmentScore(view: SegmentView): number {
  const sentences = view.reading.sentences;
  let weighted = 0;
  let weight = 0;
  for (const sentence of sentences) {
    const length = sentence.charEnd - sentence.charStart;
    weighted += sentence.sentiment * length;
    weight += length;
  }
  const lexicon = weight > 0 ? weighted / weight : 0;
  const damping = Math.min(1, view.reading.wordCount / 4);
  let adjustment = 0;
  for (const match of domain.findAll(view.tokens)) {
    if (!match.negated) adjustment += match.phrase.payload;
  }
  return clamp(lexicon * damping + adjustment);
}

interface Scored {
  readonly view: SegmentView;
  readonly score: number;
  /** Words, for weighting means. */
  readonly weight: number;
}

function mean(items: readonly Scored[]): number {
  let sum = 0;
  let weight = 0;
  for (const item of items) {
    sum += item.score * item.weight;
    weight += item.weight;
  }
  return weight > 0 ? sum / weight : 0;
}

function bySpeaker(items: readonly Scored[], transcript: Transcript): SpeakerSentiment[] {
  return transcript.speakers
    .map((speaker) => {
      const own = items.filter((item) => item.view.segment.speakerId === speaker.id);
      return {
        speaker: speaker.id,
        role: speaker.role,
        segmentCount: own.length,
        ...scored(mean(own), AGGREGATE_THRESHOLD),
      };
    })
    .filter((s) => s.segmentCount > 0);
}

/**
 * Sentiment per segment, per speaker, per quarter of the call (by time, a segment counting in the
 * quarter of its midpoint) and overall. `enabled: false` (a language the lexicon does not know)
 * gives every segment a neutral 0 rather than a guess.
 */
export function conversationSentiment(
  views: readonly SegmentView[],
  transcript: Transcript,
  durationMs: number,
  enabled: boolean,
): ConversationSentiment {
  const items: Scored[] = views.map((view) => ({
    view,
    score: enabled ? segmentScore(view) : 0,
    weight: Math.max(1, view.reading.wordCount),
  }));
  const perSegment: SegmentSentiment[] = items.map(({ view, score }) => ({
    segmentId: view.segment.id,
    speaker: view.segment.speakerId,
    startMs: view.segment.startMs,
    endMs: view.segment.endMs,
    ...scored(score, SEGMENT_THRESHOLD),
  }));
  const quarterOf = (item: Scored): number => {
    if (durationMs <= 0) return 0;
    const mid = (item.view.segment.startMs + item.view.segment.endMs) / 2;
    return Math.max(0, Math.min(3, Math.floor((mid / durationMs) * 4)));
  };
  const byQuarter: QuarterSentiment[] = ([1, 2, 3, 4] as const).map((quarter) => {
    const inQuarter = items.filter((item) => quarterOf(item) === quarter - 1);
    return {
      quarter,
      startMs: Math.round(((quarter - 1) * durationMs) / 4),
      endMs: Math.round((quarter * durationMs) / 4),
      overall: inQuarter.length > 0 ? scored(mean(inQuarter), AGGREGATE_THRESHOLD) : null,
      bySpeaker: bySpeaker(inQuarter, transcript),
    };
  });
  return {
    overall: scored(mean(items), AGGREGATE_THRESHOLD),
    bySpeaker: bySpeaker(items, transcript),
    byQuarter,
    perSegment,
  };
}
