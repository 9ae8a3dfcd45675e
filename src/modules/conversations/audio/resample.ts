import type { PlanarChunk } from './audio.types.js';

/** The rate speech engines want (Whisper, Vosk, pocketsphinx). */
export const ENGINE_SAMPLE_RATE = 16_000;

export interface ResamplerOptions {
  /** Zero crossings of the sinc on each side: length (and steepness) of the filter. Default 16. */
  readonly zeroCrossings?: number;
  /** Pass band as a fraction of the lower Nyquist frequency. Default 0.92 (7.36 kHz of 8 kHz). */
  readonly rolloff?: number;
  /** Kaiser window β: stop-band attenuation (8.6 ≈ 85 dB). */
  readonly kaiserBeta?: number;
}

/** Phases of the filter table: exact for every ratio whose reduced upsampling factor is ≤ this. */
const MAX_PHASES = 4096;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Modified Bessel function of the first kind, order 0 (for the Kaiser window). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

/**
 * A streaming band-limited resampler: polyphase windowed-sinc (Kaiser), the ratio reduced to
 * L/M so that common rates (8 k → 16 k, 44.1 k → 16 k, 48 k → 16 k) use exact phases; ratios
 * with more than 4096 phases use the nearest of 4096 (a timing error below 1/8192 of an input
 * sample). Low-pass at the lower of the two Nyquist frequencies, so downsampling does not alias.
 * Feed chunks with `push`, then `flush` once for the tail; output length is ⌈in × to / from⌉.
 */
export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly phases: number;
  private readonly taps: number;
  private readonly table: Float32Array;
  private buffers: Float32Array[];
  /** Absolute input index of buffers[c][0]. */
  private bufferStart: number;
  private inputFrames = 0;
  private produced = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
    readonly channels: number,
    options: ResamplerOptions = {},
  ) {
    if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
      throw new RangeError(`sample rates must be positive integers (${fromRate} → ${toRate})`);
    }
    const divisor = gcd(fromRate, toRate);
    this.up = toRate / divisor;
    this.down = fromRate / divisor;
    this.phases = Math.min(this.up, MAX_PHASES);
    const zeroCrossings = options.zeroCrossings ?? 16;
    const beta = options.kaiserBeta ?? 8.6;
    // Cut-off in cycles per input sample.
    const cutoff = 0.5 * Math.min(1, toRate / fromRate) * (options.rolloff ?? 0.92);
    const halfWidth = zeroCrossings / (2 * cutoff);
    this.taps = 2 * Math.ceil(halfWidth);
    const half = this.taps / 2;
    const table = new Float32Array(this.phases * this.taps);
    const i0Beta = besselI0(beta);
    for (let q = 0; q < this.phases; q++) {
      const frac = q / this.phases;
      let sum = 0;
      for (let j = 0; j < this.taps; j++) {
        const x = frac + half - 1 - j;
        const ratio = x / halfWidth;
        const window = Math.abs(ratio) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - ratio * ratio)) / i0Beta;
        const arg = 2 * cutoff * x;
        const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        const value = 2 * cutoff * sinc * window;
        table[q * this.taps + j] = value;
        sum += value;
      }
      // Unity gain at DC for every phase: no ripple at the phase rate.
      for (let j = 0; j < this.taps; j++) table[q * this.taps + j] = (table[q * this.taps + j] ?? 0) / sum;
    }
    this.table = table;
    // Samples before the start are silence.
    this.bufferStart = -this.taps;
    this.buffers = Array.from({ length: channels }, () => new Float32Array(this.taps));
  }

  /** Resamples the next chunk; returns what can be produced so far (the filter's delay is held back). */
  push(chunk: PlanarChunk): Float32Array[] {
    const length = chunk[0]?.length ?? 0;
    this.inputFrames += length;
    this.append(chunk, length);
    return this.produce(Number.POSITIVE_INFINITY);
  }

  /** The rest, once the input has ended. */
  flush(): Float32Array[] {
    const total = Math.ceil((this.inputFrames * this.up) / this.down);
    this.append(
      Array.from({ length: this.channels }, () => new Float32Array(this.taps)),
      this.taps,
    );
    return this.produce(total);
  }

  private append(chunk: PlanarChunk, length: number): void {
    this.buffers = this.buffers.map((buffer, c) => {
      const joined = new Float32Array(buffer.length + length);
      joined.set(buffer);
      joined.set(chunk[c] ?? new Float32Array(length), buffer.length);
      return joined;
    });
  }

  private produce(limit: number): Float32Array[] {
    const { up, down, phases, taps, table } = this;
    const half = taps / 2;
    const available = this.bufferStart + (this.buffers[0]?.length ?? 0);
    // Outputs n whose last tap i0 + half lies inside the buffer: where each starts, and its phase.
    const room = Math.max(
      0,
      Math.min(limit, Math.ceil(((available - half + 1) * up) / down) + 1) - this.produced,
    );
    const starts = new Int32Array(room);
    const offsets = new Int32Array(room);
    let count = 0;
    for (let n = this.produced; count < room; n++) {
      const position = n * down;
      let i0 = Math.floor(position / up);
      let q = Math.round(((position - i0 * up) * phases) / up);
      if (q === phases) {
        q = 0;
        i0 += 1;
      }
      if (i0 + half >= available) break;
      starts[count] = i0 - half + 1 - this.bufferStart;
      offsets[count] = q * taps;
      count++;
    }
    const out = this.buffers.map((buffer) => convolve(buffer, table, starts, offsets, count, taps));
    this.produced += count;
    // Keep only what the next output still needs.
    const nextFirst = Math.floor((this.produced * down) / up) - half;
    const drop = Math.max(0, nextFirst - this.bufferStart);
    if (drop > 0) {
      this.buffers = this.buffers.map((buffer) => buffer.slice(drop));
      this.bufferStart += drop;
    }
    return out;
  }
}

/**
 * The hot loop, kept monomorphic: every index is in range by construction, so the `as number`
 * casts only tell the type checker what `noUncheckedIndexedAccess` cannot know.
 */
function convolve(
  buffer: Float32Array,
  table: Float32Array,
  starts: Int32Array,
  offsets: Int32Array,
  count: number,
  taps: number,
): Float32Array {
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const offset = offsets[i] as number;
    let sum = 0;
    for (let j = 0; j < taps; j++) sum += (buffer[start + j] as number) * (table[offset + j] as number);
    samples[i] = sum;
  }
  return samples;
}

/** Resamples a whole signal (tests, short clips). */
export function resample(
  channels: PlanarChunk,
  fromRate: number,
  toRate: number,
  options?: ResamplerOptions,
): Float32Array[] {
  const resampler = new Resampler(fromRate, toRate, channels.length, options);
  const head = resampler.push(channels);
  const tail = resampler.flush();
  return head.map((part, c) => {
    const rest = tail[c] ?? new Float32Array(0);
    const joined = new Float32Array(part.length + rest.length);
    joined.set(part);
    joined.set(rest, part.length);
    return joined;
  });
}
