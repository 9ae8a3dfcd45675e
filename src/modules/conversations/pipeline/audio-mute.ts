import type { Span } from '../audio/index.js';

/**
 * Silences stretches of decoded audio, each widened by `paddingMs` on both sides (a word's
 * edges are not where an engine puts them) and clamped to the recording. Every channel is muted:
 * on a stereo call the other party repeating a card number back is as sensitive as the caller.
 *
 * Minimal version kept inside the pipeline; redaction/audio-redaction.ts (the providers' work)
 * is the one to keep when the two are folded together.
 */
export function muteRanges(
  channels: readonly Float32Array[],
  sampleRate: number,
  ranges: readonly Span[],
  paddingMs: number,
): { mutedMs: number; ranges: Span[] } {
  const frames = channels[0]?.length ?? 0;
  const durationMs = Math.round((frames / sampleRate) * 1000);
  const merged = mergeSpans(
    ranges.map((r) => ({
      startMs: Math.max(0, r.startMs - paddingMs),
      endMs: Math.min(durationMs, r.endMs + paddingMs),
    })),
  ).filter((r) => r.endMs > r.startMs);
  for (const range of merged) {
    const from = Math.floor((range.startMs / 1000) * sampleRate);
    const to = Math.min(frames, Math.ceil((range.endMs / 1000) * sampleRate));
    for (const samples of channels) samples.fill(0, from, to);
  }
  return { mutedMs: merged.reduce((sum, r) => sum + r.endMs - r.startMs, 0), ranges: merged };
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.startMs - b.startMs);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span.startMs <= last.endMs)
      out[out.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, span.endMs) };
    else out.push({ ...span });
  }
  return out;
}
