import type { SpeakerRole, TranscriptSegment } from '../transcripts/index.js';
import { MAX_QUOTE_CHARS, type TextEvidence } from './analyser.types.js';
import { matchTokens, type MatchToken } from './phrase-match.js';
import { readWith, type WinkReading } from './wink-doc.js';

/** One segment as the local analyser reads it: its words for matching, wink's reading, times. */
export interface SegmentView {
  readonly segment: TranscriptSegment;
  readonly role: SpeakerRole;
  /** The text analysed: the segment's text, cut at the analyser's limit. */
  readonly text: string;
  readonly tokens: readonly MatchToken[];
  readonly reading: WinkReading;
  /** The time of a stretch of the text: from the segment's word timings where it has them. */
  timeOf(charStart: number, charEnd: number): { startMs: number; endMs: number };
}

export function readSegment(segment: TranscriptSegment, role: SpeakerRole, maxChars: number): SegmentView {
  const text = segment.text.length > maxChars ? segment.text.slice(0, maxChars) : segment.text;
  let wordRanges: ({ start: number; end: number } | null)[] | undefined;
  return {
    segment,
    role,
    text,
    tokens: matchTokens(text),
    reading: readWith(text),
    timeOf(charStart, charEnd) {
      const words = segment.words;
      if (!words || words.length === 0) return { startMs: segment.startMs, endMs: segment.endMs };
      wordRanges ??= locateWords(
        text,
        words.map((w) => w.text),
      );
      let startMs: number | null = null;
      let endMs: number | null = null;
      for (let i = 0; i < words.length; i++) {
        const range = wordRanges[i];
        const word = words[i];
        if (!range || !word || range.end <= charStart || range.start >= charEnd) continue;
        startMs ??= word.startMs;
        endMs = Math.max(endMs ?? 0, word.endMs);
      }
      if (startMs === null || endMs === null) return { startMs: segment.startMs, endMs: segment.endMs };
      return { startMs, endMs: Math.max(startMs, endMs) };
    },
  };
}

/**
 * Where each timed word is in the segment's text: searched in order, near the previous one. A word
 * not found (the provider spelled it differently, redaction replaced it) has no range; its
 * neighbours still do.
 */
function locateWords(text: string, words: readonly string[]): ({ start: number; end: number } | null)[] {
  const lower = text.toLowerCase();
  let cursor = 0;
  return words.map((word) => {
    const core = word
      .toLowerCase()
      .replace(/^[^\p{L}\p{N}[]+|[^\p{L}\p{N}\]]+$/gu, '')
      .trim();
    if (core === '') return null;
    const at = lower.indexOf(core, cursor);
    // Do not jump far ahead: a word missing here would otherwise drag every later word with it.
    if (at < 0 || at - cursor > 64 + core.length) return null;
    cursor = at + core.length;
    return { start: at, end: at + core.length };
  });
}

/** Evidence for a stretch of a segment's text; long stretches are cut to their first MAX_QUOTE_CHARS. */
export function evidenceAt(view: SegmentView, charStart: number, charEnd: number): TextEvidence {
  let start = Math.max(0, Math.min(charStart, view.text.length));
  let end = Math.max(start, Math.min(charEnd, view.text.length));
  // Quote what was said, not the spaces around it.
  while (start < end && /\s/.test(view.text[start] ?? '')) start++;
  while (end > start && /\s/.test(view.text[end - 1] ?? '')) end--;
  if (end - start > MAX_QUOTE_CHARS) {
    end = start + MAX_QUOTE_CHARS;
    // Never cut an emoji (a surrogate pair) in half.
    const last = view.text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
  }
  const { startMs, endMs } = view.timeOf(start, end);
  return {
    segmentId: view.segment.id,
    startMs,
    endMs,
    speaker: view.segment.speakerId,
    quote: view.text.slice(start, end),
    charStart: start,
    charEnd: end,
  };
}
