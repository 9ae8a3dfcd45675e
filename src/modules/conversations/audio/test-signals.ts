/**
 * Synthetic audio whose truth is known, for the tests and the benchmark: bursts of sound per
 * channel at given times over a noise floor, and a WAV writer for every codec the decoder reads.
 */
import type { NativeCodec } from './audio.types.js';

export interface Burst {
  readonly channel: number;
  readonly startMs: number;
  readonly endMs: number;
  /** RMS level of the burst, dBFS. */
  readonly levelDb: number;
  /**
   * `voice`: a harmonic tone at `pitchHz` with a syllable-rate (4 Hz) swell, never silent inside
   * (speech-like enough for an energy VAD); `tone`: a plain sine; `noise`: white noise.
   */
  readonly kind?: 'voice' | 'tone' | 'noise';
  readonly pitchHz?: number;
}

export interface SignalSpec {
  readonly sampleRate: number;
  readonly durationMs: number;
  readonly channels: number;
  readonly bursts: readonly Burst[];
  /** Background white noise on every channel, dBFS RMS; none when absent. */
  readonly noiseDb?: number;
  readonly seed?: number;
}

/** A small deterministic PRNG (mulberry32), so that every run hears the same noise. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fromDb = (db: number) => 10 ** (db / 20);

/** Renders frames [from, from + count) of the signal: any length can be made in blocks. */
export function renderBlock(spec: SignalSpec, from: number, count: number): Float32Array[] {
  const rand = random((spec.seed ?? 1) + from);
  const out = Array.from({ length: spec.channels }, () => new Float32Array(count));
  const { sampleRate } = spec;
  if (spec.noiseDb !== undefined) {
    // Uniform noise in [-a, a] has RMS a/√3.
    const a = fromDb(spec.noiseDb) * Math.sqrt(3);
    for (const samples of out) for (let i = 0; i < count; i++) samples[i] = (rand() * 2 - 1) * a;
  }
  for (const burst of spec.bursts) {
    const samples = out[burst.channel];
    if (samples === undefined) continue;
    const start = Math.max(from, Math.round((burst.startMs / 1000) * sampleRate));
    const end = Math.min(from + count, Math.round((burst.endMs / 1000) * sampleRate));
    const rms = fromDb(burst.levelDb);
    const pitch = burst.pitchHz ?? 150;
    for (let n = start; n < end; n++) {
      const t = n / sampleRate;
      let value: number;
      switch (burst.kind ?? 'voice') {
        case 'tone':
          value = Math.SQRT2 * Math.sin(2 * Math.PI * pitch * t);
          break;
        case 'noise':
          value = (rand() * 2 - 1) * Math.sqrt(3);
          break;
        case 'voice': {
          // Five harmonics at 1/h (RMS 0.855), swelling 0.55…1 at a syllable rate (RMS 0.791): RMS 1 overall.
          let sum = 0;
          for (let h = 1; h <= 5; h++) sum += Math.sin(2 * Math.PI * pitch * h * t) / h;
          const swell = 0.775 + 0.225 * Math.sin(2 * Math.PI * 4 * t);
          value = (sum / 0.855) * (swell / 0.791);
          break;
        }
      }
      samples[n - from] = (samples[n - from] ?? 0) + value * rms;
    }
  }
  return out;
}

export function synthesise(spec: SignalSpec): Float32Array[] {
  return renderBlock(spec, 0, Math.round((spec.durationMs / 1000) * spec.sampleRate));
}

const BIAS = 0x84;

/** G.711 µ-law encoder (ITU G.191 reference). */
export function linearToMuLaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s = Math.min(s, 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** G.711 A-law encoder (ITU G.191 reference). */
export function linearToALaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s >= 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1;
  let byte: number;
  if (s < 256) {
    byte = s >> 4;
  } else {
    let exponent = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exponent > 1; mask >>= 1) exponent--;
    byte = (exponent << 4) | ((s >> (exponent + 3)) & 0x0f);
  }
  return (sign | byte) ^ 0x55;
}

const bytesOf: Record<NativeCodec, number> = {
  pcm_u8: 1,
  pcm_s16le: 2,
  pcm_s24le: 3,
  pcm_s32le: 4,
  pcm_f32le: 4,
  pcm_f64le: 8,
  pcm_mulaw: 1,
  pcm_alaw: 1,
};
const tagOf: Record<NativeCodec, number> = {
  pcm_u8: 1,
  pcm_s16le: 1,
  pcm_s24le: 1,
  pcm_s32le: 1,
  pcm_f32le: 3,
  pcm_f64le: 3,
  pcm_mulaw: 7,
  pcm_alaw: 6,
};

export interface WavWriteOptions {
  /** Write a WAVE_FORMAT_EXTENSIBLE fmt chunk. */
  readonly extensible?: boolean;
  /** Chunks written between fmt and data (LIST, an odd-sized one to test padding). */
  readonly extraChunks?: readonly { id: string; body: Uint8Array }[];
  /** A data size to declare instead of the true one (truncated files declare more). */
  readonly declaredDataBytes?: number;
  /** Another format tag (a codec the decoder does not read). */
  readonly formatTag?: number;
}

/** A WAV file of the given codec, from planar samples in [-1, 1]. */
export function writeWav(
  channels: readonly Float32Array[],
  sampleRate: number,
  codec: NativeCodec,
  options: WavWriteOptions = {},
): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const size = bytesOf[codec];
  const blockAlign = size * channels.length;
  const data = new Uint8Array(frames * blockAlign);
  const view = new DataView(data.buffer);
  for (let i = 0; i < frames; i++) {
    channels.forEach((samples, c) => {
      const x = Math.max(-1, Math.min(1, samples[i] ?? 0));
      const at = i * blockAlign + c * size;
      switch (codec) {
        case 'pcm_u8':
          view.setUint8(at, Math.max(0, Math.min(255, Math.round(x * 128 + 128))));
          break;
        case 'pcm_s16le':
          view.setInt16(at, Math.max(-32768, Math.min(32767, Math.round(x * 32768))), true);
          break;
        case 'pcm_s24le': {
          const v = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608)));
          view.setUint8(at, v & 0xff);
          view.setUint8(at + 1, (v >> 8) & 0xff);
          view.setUint8(at + 2, (v >> 16) & 0xff);
          break;
        }
        case 'pcm_s32le':
          view.setInt32(at, Math.max(-2147483648, Math.min(2147483647, Math.round(x * 2147483648))), true);
          break;
        case 'pcm_f32le':
          view.setFloat32(at, x, true);
          break;
        case 'pcm_f64le':
          view.setFloat64(at, x, true);
          break;
        case 'pcm_mulaw':
          view.setUint8(at, linearToMuLaw(x * 32768));
          break;
        case 'pcm_alaw':
          view.setUint8(at, linearToALaw(x * 32768));
          break;
      }
    });
  }
  const tag = options.formatTag ?? tagOf[codec];
  const fmt = new Uint8Array(options.extensible === true ? 40 : 16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, options.extensible === true ? 0xfffe : tag, true);
  f.setUint16(2, channels.length, true);
  f.setUint32(4, sampleRate, true);
  f.setUint32(8, sampleRate * blockAlign, true);
  f.setUint16(12, blockAlign, true);
  f.setUint16(14, size * 8, true);
  if (options.extensible === true) {
    f.setUint16(16, 22, true);
    f.setUint16(18, size * 8, true);
    f.setUint32(20, channels.length === 2 ? 3 : 4, true);
    // KSDATAFORMAT_SUBTYPE_*: the tag, then 0000-0010-8000-00aa00389b71.
    f.setUint16(24, tag, true);
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  const chunks: Uint8Array[] = [chunk('fmt ', fmt)];
  for (const extra of options.extraChunks ?? []) chunks.push(chunk(extra.id, extra.body));
  const dataHead = new Uint8Array(8);
  writeId(dataHead, 0, 'data');
  new DataView(dataHead.buffer).setUint32(4, options.declaredDataBytes ?? data.length, true);
  chunks.push(dataHead, data);
  const body = concat(chunks);
  const riff = new Uint8Array(12);
  writeId(riff, 0, 'RIFF');
  new DataView(riff.buffer).setUint32(4, 4 + body.length, true);
  writeId(riff, 8, 'WAVE');
  return concat([riff, body]);
}

function writeId(target: Uint8Array, at: number, id: string): void {
  for (let i = 0; i < 4; i++) target[at + i] = id.charCodeAt(i);
}

function chunk(id: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  writeId(out, 0, id);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Hands bytes over in chunks of the given sizes, cycling: a network stream at its worst. */
export async function* inChunks(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let k = 0; offset < bytes.length; k++) {
    const size = sizes[k % sizes.length] ?? 1;
    yield bytes.subarray(offset, offset + size);
    offset += size;
    await Promise.resolve();
  }
}
