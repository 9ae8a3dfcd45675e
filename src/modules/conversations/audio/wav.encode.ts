import type { PlanarChunk } from './audio.types.js';
import type { AudioStream } from './audio-stream.js';
import { ENGINE_SAMPLE_RATE, Resampler } from './resample.js';

/** The 44-byte header of a 16-bit PCM WAV; `dataBytes` null writes the "unknown length" value of streamed WAV. */
export function pcm16WavHeader(sampleRate: number, channels: number, dataBytes: number | null): Uint8Array {
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const text = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) view.setUint8(at + i, value.charCodeAt(i));
  };
  const size = dataBytes ?? 0xffffffff - 36;
  text(0, 'RIFF');
  view.setUint32(4, Math.min(0xffffffff, 36 + size), true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, dataBytes ?? 0xffffffff, true);
  return header;
}

/** Planar float samples → interleaved 16-bit little-endian PCM (clipped, rounded). */
export function toPcm16(channels: PlanarChunk): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const out = new Uint8Array(frames * channels.length * 2);
  const view = new DataView(out.buffer);
  channels.forEach((samples, c) => {
    for (let i = 0; i < frames; i++) {
      const value = Math.max(-1, Math.min(1, samples[i] ?? 0));
      view.setInt16(
        (i * channels.length + c) * 2,
        Math.round(value < 0 ? value * 32768 : value * 32767),
        true,
      );
    }
  });
  return out;
}

/** A whole 16-bit PCM WAV file in memory (short clips, tests). */
export function encodeWav(channels: PlanarChunk, sampleRate: number): Uint8Array {
  const data = toPcm16(channels);
  const file = new Uint8Array(44 + data.length);
  file.set(pcm16WavHeader(sampleRate, channels.length, data.length));
  file.set(data, 44);
  return file;
}

/**
 * What a speech engine takes: 16 kHz, 16-bit, one channel, as raw little-endian PCM bytes, made
 * as the source streams (one channel of a stereo call, or all channels mixed down).
 */
export async function* engineAudio(
  stream: AudioStream,
  options: { channel: number | 'mix'; sampleRate?: number },
): AsyncGenerator<Uint8Array> {
  const { channels, sampleRate } = stream.format;
  if (options.channel !== 'mix' && (options.channel < 0 || options.channel >= channels)) {
    throw new RangeError(`channel ${options.channel} of audio with ${channels} channel(s)`);
  }
  const resampler = new Resampler(sampleRate, options.sampleRate ?? ENGINE_SAMPLE_RATE, 1);
  const pick = (chunk: PlanarChunk): Float32Array => {
    if (options.channel !== 'mix') return chunk[options.channel] ?? new Float32Array(0);
    const length = chunk[0]?.length ?? 0;
    const mixed = new Float32Array(length);
    for (const samples of chunk)
      for (let i = 0; i < length; i++) mixed[i] = (mixed[i] ?? 0) + (samples[i] ?? 0) / chunk.length;
    return mixed;
  };
  for await (const chunk of stream) yield toPcm16(resampler.push([pick(chunk)]));
  yield toPcm16(resampler.flush());
}
