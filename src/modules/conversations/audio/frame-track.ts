import type { PlanarChunk } from './audio.types.js';

/** Length of an analysis frame. 10 ms: fine enough for ±150 ms boundaries, 100 values a second. */
export const FRAME_MS = 10;

/**
 * The compact summary of a recording every characteristic is computed from: per channel and per
 * 10 ms frame, the mean square (power) after DC removal and the zero-crossing rate. An hour of
 * stereo is 2 × 360 000 × 2 floats (≈ 6 MB), whatever the source's size or rate, so the audio
 * itself is read once, in chunks, and never held.
 */
export interface FrameTrack {
  readonly frameMs: number;
  readonly frames: number;
  readonly sampleRate: number;
  readonly channels: readonly ChannelTrack[];
  /** Every channel carries the same samples (mono stored as stereo): analyse as mono. */
  readonly identicalChannels: boolean;
}

export interface ChannelTrack {
  /** Mean square of the samples of each frame (full scale sine = 0.5). */
  readonly power: Float32Array;
  /** Zero crossings per sample in each frame (0…1): a cheap brightness cue for telling voices apart. */
  readonly zeroCrossings: Float32Array;
}

class Growable {
  data = new Float32Array(4096);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  done(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

/** Builds a FrameTrack from chunks as they are decoded. */
export class FrameTrackBuilder {
  private readonly frameLength: number;
  private readonly power: Growable[];
  private readonly crossings: Growable[];
  private readonly sum: Float64Array;
  private readonly zc: Uint32Array;
  private readonly previous: Float32Array;
  private readonly dcIn: Float64Array;
  private readonly dcOut: Float64Array;
  private filled = 0;
  private identical = true;
  private readonly dcPole: number;

  constructor(
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    this.frameLength = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
    this.power = Array.from({ length: channels }, () => new Growable());
    this.crossings = Array.from({ length: channels }, () => new Growable());
    this.sum = new Float64Array(channels);
    this.zc = new Uint32Array(channels);
    this.previous = new Float32Array(channels);
    this.dcIn = new Float64Array(channels);
    this.dcOut = new Float64Array(channels);
    // DC blocker y = x − x₋₁ + p·y₋₁ with its corner near 20 Hz at any rate.
    this.dcPole = 1 - (2 * Math.PI * 20) / sampleRate;
  }

  push(chunk: PlanarChunk): void {
    const length = chunk[0]?.length ?? 0;
    if (this.identical && this.channels > 1)
      this.identical = chunk.every((samples) => sameSamples(samples, chunk[0]));
    const frameLength = this.frameLength;
    const pole = this.dcPole;
    let filled = this.filled;
    for (let c = 0; c < this.channels; c++) {
      const samples = chunk[c] ?? new Float32Array(length);
      let sum = this.sum[c] ?? 0;
      let zc = this.zc[c] ?? 0;
      let previous = this.previous[c] ?? 0;
      let dcIn = this.dcIn[c] ?? 0;
      let dcOut = this.dcOut[c] ?? 0;
      filled = this.filled;
      for (let i = 0; i < length; i++) {
        const x = samples[i] ?? 0;
        const y = x - dcIn + pole * dcOut;
        dcIn = x;
        dcOut = y;
        sum += y * y;
        if (y >= 0 !== previous >= 0) zc++;
        previous = y;
        if (++filled === frameLength) {
          this.power[c]?.push(sum / frameLength);
          this.crossings[c]?.push(zc / frameLength);
          sum = 0;
          zc = 0;
          filled = 0;
        }
      }
      this.sum[c] = sum;
      this.zc[c] = zc;
      this.previous[c] = previous;
      this.dcIn[c] = dcIn;
      this.dcOut[c] = dcOut;
    }
    this.filled = filled;
  }

  /** The track; a last partial frame counts when at least half full. */
  finish(): FrameTrack {
    if (this.filled * 2 >= this.frameLength) {
      for (let c = 0; c < this.channels; c++) {
        this.power[c]?.push((this.sum[c] ?? 0) / this.filled);
        this.crossings[c]?.push((this.zc[c] ?? 0) / this.filled);
      }
    }
    const channels = this.power.map((power, c) => ({
      power: power.done(),
      zeroCrossings: this.crossings[c]?.done() ?? new Float32Array(0),
    }));
    return {
      frameMs: FRAME_MS,
      frames: channels[0]?.power.length ?? 0,
      sampleRate: this.sampleRate,
      channels,
      identicalChannels: this.channels > 1 && this.identical,
    };
  }
}

function sameSamples(a: Float32Array, b: Float32Array | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Mean square → dBFS (RMS against full scale: a full-scale square wave is 0, a full-scale sine −3), floored at −100. */
export function powerToDb(power: number): number {
  return power > 1e-10 ? 10 * Math.log10(power) : -100;
}
