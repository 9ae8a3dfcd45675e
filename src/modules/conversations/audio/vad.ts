import type { Span } from './audio.types.js';
import { powerToDb, type FrameTrack } from './frame-track.js';

export interface VadOptions {
  /** A frame starts speech when it is this far above the local noise floor. Default 12 dB. */
  readonly onsetDb?: number;
  /** …and, once in speech, stays speech while this far above it (hysteresis). Default 7 dB. */
  readonly sustainDb?: number;
  /** Never speech below this level, however quiet the line. Default −55 dBFS. */
  readonly minLevelDb?: number;
  /** Pauses shorter than this inside speech are bridged (the hangover). Default 300 ms. */
  readonly hangoverMs?: number;
  /** Speech shorter than this is dropped (clicks, a cough of one frame). Default 80 ms. */
  readonly minSpeechMs?: number;
  /** The noise floor is the quietest 50 ms within ± this much. Default 4000 ms. */
  readonly floorWindowMs?: number;
  /**
   * …but never more than this above the channel's usual quiet (its 10th percentile level), so a
   * long stretch of steady sound (a monologue, hold music) is not taken for the floor. Default 10 dB.
   */
  readonly floorRiseDb?: number;
  /**
   * Stereo: a frame on one channel is echo, not speech, when another channel is this much louder
   * at the same instant (the far end leaking into the near-end microphone). Default 24 dB; 0 turns it off.
   */
  readonly crosstalkDb?: number;
}

const defaults: Required<VadOptions> = {
  onsetDb: 12,
  sustainDb: 7,
  minLevelDb: -55,
  hangoverMs: 300,
  minSpeechMs: 80,
  floorWindowMs: 4000,
  floorRiseDb: 10,
  crosstalkDb: 24,
};

/** Frames smoothed over for the floor estimate (50 ms). */
const SMOOTH_FRAMES = 5;

/**
 * Energy-based voice activity per channel. The noise floor adapts: it is the minimum of the
 * 50 ms-smoothed level over a sliding window (minimum statistics), so a line with hum, hiss or
 * comfort noise sets its own threshold, and a floor that changes during the call is followed.
 * Speech starts where the level rises `onsetDb` above the floor, continues while it stays
 * `sustainDb` above it, survives pauses shorter than the hangover, and ends at its last loud
 * frame (the hangover bridges pauses but never lengthens a segment, so talk time is not inflated).
 */
export function detectVoiceActivity(track: FrameTrack, options: VadOptions = {}): Span[][] {
  const o = { ...defaults, ...options };
  const levels = track.channels.map((channel) => Float32Array.from(channel.power, powerToDb));
  return levels.map((level, c) => {
    const others = levels.filter((_, k) => k !== c);
    const floor = noiseFloor(level, Math.round(o.floorWindowMs / track.frameMs), o.floorRiseDb);
    const active = new Uint8Array(level.length);
    for (let i = 0; i < level.length; i++) {
      const db = level[i] ?? -100;
      const f = floor[i] ?? -100;
      const echo = o.crosstalkDb > 0 && others.some((other) => (other[i] ?? -100) - db >= o.crosstalkDb);
      if (echo || db < o.minLevelDb) continue;
      if (db >= f + o.onsetDb) active[i] = 2;
      else if (db >= f + o.sustainDb) active[i] = 1;
    }
    return segmentsFrom(active, track.frameMs, o);
  });
}

/** Sliding minimum (monotonic deque) of the smoothed level over ±window frames, capped above the 10th percentile. */
function noiseFloor(level: Float32Array, window: number, riseDb: number): Float32Array {
  const n = level.length;
  const smooth = new Float32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += level[i] ?? 0;
    if (i >= SMOOTH_FRAMES) sum -= level[i - SMOOTH_FRAMES] ?? 0;
    smooth[i] = sum / Math.min(i + 1, SMOOTH_FRAMES);
  }
  // smooth[i] averages frames i-4..i: centre it on i-2 when reading.
  const shift = Math.floor(SMOOTH_FRAMES / 2);
  const floor = new Float32Array(n);
  const deque = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const hi = Math.min(n - 1, i + window + shift);
    for (; next <= hi; next++) {
      const value = smooth[next] ?? 0;
      while (tail > head && (smooth[deque[tail - 1] ?? 0] ?? 0) >= value) tail--;
      deque[tail++] = next;
    }
    const lo = i - window + shift;
    while ((deque[head] ?? 0) < lo) head++;
    floor[i] = smooth[deque[head] ?? 0] ?? -100;
  }
  const cap = percentile(smooth, 0.1) + riseDb;
  for (let i = 0; i < n; i++) if ((floor[i] ?? 0) > cap) floor[i] = cap;
  return floor;
}

/** Frames marked 2 (onset) or 1 (sustain) → spans: a run must contain an onset frame. */
function segmentsFrom(active: Uint8Array, frameMs: number, o: Required<VadOptions>): Span[] {
  const hangover = Math.max(1, Math.round(o.hangoverMs / frameMs));
  const spans: Span[] = [];
  let start = -1;
  let last = -1;
  let onset = false;
  let voiced = 0;
  const close = () => {
    if (start >= 0 && onset && voiced * frameMs >= o.minSpeechMs) {
      spans.push({ startMs: start * frameMs, endMs: (last + 1) * frameMs });
    }
    start = -1;
    onset = false;
    voiced = 0;
  };
  for (let i = 0; i < active.length; i++) {
    const state = active[i] ?? 0;
    if (state === 0) {
      if (start >= 0 && i - last > hangover) close();
      continue;
    }
    // A sustain-level frame only continues speech; it never starts it.
    if (start < 0) {
      if (state !== 2) continue;
      start = i;
    }
    if (state === 2) onset = true;
    last = i;
    voiced++;
  }
  close();
  return spans;
}

function percentile(values: Float32Array, p: number): number {
  if (values.length === 0) return -100;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? -100;
}
