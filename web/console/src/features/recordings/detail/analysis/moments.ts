import type { Analysis, SentimentLabel } from './analysis.api';

/*
 * What the analysis marks on the recording's time axis and transcript: category, tracker and intent
 * hits as moments (the timeline draws them as buttons that jump there), and each segment's
 * sentiment. Pure, so the tests check it without a page.
 */

export type MomentKind = 'category' | 'tracker' | 'intent';

export interface Moment {
  readonly kind: MomentKind;
  /** The category's or tracker's name, or the intent's kind (the page words it). */
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly segmentId: string | null;
  /** What was said or matched there, when known. */
  readonly quote: string | null;
}

export function momentsOf(analysis: Analysis | undefined): Moment[] {
  if (!analysis) return [];
  const categories = analysis.categoryMatches.flatMap((match) =>
    match.points.map((point) => ({
      kind: 'category' as const,
      name: match.name,
      startMs: point.startMs,
      endMs: point.endMs,
      segmentId: point.segmentId,
      quote: null,
    })),
  );
  const trackers = analysis.trackers.map((hit) => ({
    kind: 'tracker' as const,
    name: hit.trackerName,
    startMs: hit.evidence.startMs,
    endMs: hit.evidence.endMs,
    segmentId: hit.evidence.segmentId,
    quote: hit.evidence.quote,
  }));
  const intents = analysis.intentHits.map((hit) => ({
    kind: 'intent' as const,
    name: hit.kind,
    startMs: hit.evidence.startMs,
    endMs: hit.evidence.endMs,
    segmentId: hit.evidence.segmentId,
    quote: hit.evidence.quote,
  }));
  return [...categories, ...trackers, ...intents].sort((a, b) => a.startMs - b.startMs);
}

export interface SegmentSentiment {
  readonly label: SentimentLabel;
  readonly score: number;
}

export function sentimentBySegment(analysis: Analysis | undefined): ReadonlyMap<string, SegmentSentiment> {
  return new Map(
    (analysis?.sentiment.perSegment ?? []).map((s) => [s.segmentId, { label: s.label, score: s.score }]),
  );
}

/** A score in -1..1 as a signed figure with two decimals ("+0.42", "−0.10"). */
export function formatScore(score: number): string {
  const fixed = Math.abs(score).toFixed(2);
  return score > 0.004 ? `+${fixed}` : score < -0.004 ? `−${fixed}` : fixed;
}
