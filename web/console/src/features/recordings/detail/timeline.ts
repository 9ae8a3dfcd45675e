import type { Characteristics, Span, Transcript, TranscriptSegment } from '@/api/recordings';

/*
 * The recording's timeline as the detail page draws it: lanes of talk per speaker, silences,
 * interruptions and redacted passages, placed as shares (0..1) of the recording's length so the
 * drawing scales to any width. Pure, so the tests can check it without a layout.
 */

export interface Lane {
  readonly speakerId: string;
  readonly spans: readonly Span[];
}

export interface Marker extends Span {
  readonly kind: 'silence' | 'interruption' | 'redaction';
  /** The speaker lane it belongs to (interruptions: the interrupter), or null for the whole call. */
  readonly speakerId: string | null;
  readonly entityType?: string;
  readonly interrupted?: string;
}

/** Talk per speaker: from the audio's measurements where they exist, else from the transcript's segments. */
export function lanesOf(transcript: Transcript | null, characteristics: Characteristics | null): Lane[] {
  if (characteristics && characteristics.speakers.length > 0)
    return characteristics.speakers.map((s) => ({ speakerId: s.speaker, spans: s.spans }));
  if (!transcript) return [];
  const ids = [
    ...new Set([...transcript.speakers.map((s) => s.id), ...transcript.segments.map((s) => s.speakerId)]),
  ];
  return ids.map((speakerId) => ({
    speakerId,
    spans: transcript.segments
      .filter((segment) => segment.speakerId === speakerId)
      .map((segment) => ({ startMs: segment.startMs, endMs: segment.endMs })),
  }));
}

/** Where a redaction is heard: its own times where the words had them, else its segment's. */
export function redactionSpans(segments: readonly TranscriptSegment[]): Marker[] {
  return segments.flatMap((segment) =>
    segment.redactions.map((marker) => ({
      kind: 'redaction' as const,
      speakerId: segment.speakerId,
      entityType: marker.entityType,
      startMs: marker.startMs ?? segment.startMs,
      endMs: marker.endMs ?? segment.endMs,
    })),
  );
}

export function markersOf(transcript: Transcript | null, characteristics: Characteristics | null): Marker[] {
  const silences: Marker[] = (characteristics?.nonTalk.periods ?? []).map((p) => ({
    kind: 'silence',
    speakerId: null,
    startMs: p.startMs,
    endMs: p.endMs,
  }));
  const interruptions: Marker[] = (characteristics?.interruptions ?? []).map((i) => ({
    kind: 'interruption',
    speakerId: i.interrupter,
    interrupted: i.interrupted,
    startMs: i.atMs,
    endMs: i.atMs + i.durationMs,
  }));
  return [...silences, ...interruptions, ...redactionSpans(transcript?.segments ?? [])];
}

/** The length the timeline spans: the longest any source knows. */
export function durationOf(
  known: number | null,
  transcript: Transcript | null,
  characteristics: Characteristics | null,
): number {
  const ends = [
    known ?? 0,
    transcript?.durationMs ?? 0,
    characteristics?.durationMs ?? 0,
    ...(transcript?.segments.map((s) => s.endMs) ?? []),
  ];
  return Math.max(1, ...ends);
}

/** Left and width as CSS percentages of the timeline. */
export function place(span: Span, durationMs: number): { left: string; width: string } {
  const start = Math.min(Math.max(span.startMs / durationMs, 0), 1);
  const end = Math.min(Math.max(span.endMs / durationMs, start), 1);
  return {
    left: `${(start * 100).toFixed(3)}%`,
    width: `${Math.max((end - start) * 100, 0.25).toFixed(3)}%`,
  };
}

/**
 * The segment being heard at `ms`: the one that contains it, else the last one that began
 * before it (so a pause keeps the line just heard highlighted); none before the first.
 */
export function activeSegmentIndex(segments: readonly TranscriptSegment[], ms: number): number {
  let found = -1;
  for (const [index, segment] of segments.entries()) {
    if (segment.startMs > ms) break;
    found = index;
    if (ms < segment.endMs) return index;
  }
  return found;
}

export type Piece = { readonly text: string } | { readonly entityType: string; readonly text: string };

/** A segment's text cut at its redaction markers: plain text, and the redacted tokens as their own pieces. */
export function piecesOf(segment: Pick<TranscriptSegment, 'text' | 'redactions'>): Piece[] {
  const markers = [...segment.redactions]
    .filter((m) => m.charEnd > m.charStart && m.charStart >= 0 && m.charEnd <= segment.text.length)
    .sort((a, b) => a.charStart - b.charStart);
  const pieces: Piece[] = [];
  let at = 0;
  for (const marker of markers) {
    if (marker.charStart < at) continue;
    if (marker.charStart > at) pieces.push({ text: segment.text.slice(at, marker.charStart) });
    pieces.push({
      entityType: marker.entityType,
      text: segment.text.slice(marker.charStart, marker.charEnd),
    });
    at = marker.charEnd;
  }
  if (at < segment.text.length) pieces.push({ text: segment.text.slice(at) });
  return pieces;
}
