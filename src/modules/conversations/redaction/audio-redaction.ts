import { open } from 'node:fs/promises';
import type { PlanarChunk } from '../audio/audio.types.js';
import type { AudioStream } from '../audio/audio-stream.js';
import { encodeWav, pcm16WavHeader, toPcm16 } from '../audio/wav.encode.js';

/** A stretch of the recording to silence, in ms; `channel` null or absent silences every channel. */
export interface MuteRange {
  readonly startMs: number;
  readonly endMs: number;
  readonly channel?: number | null;
}

export interface AudioRedactionOptions {
  /**
   * Added before and after each range: word times from an engine are approximate, and a digit
   * cut in half is still heard. Default 250 ms.
   */
  readonly paddingMs?: number;
}

/** A range in samples, end exclusive, on one channel or all (null). */
interface SampleRange {
  readonly from: number;
  readonly to: number;
  readonly channel: number | null;
}

/** Padded ranges in samples, sorted and merged per channel. */
export function sampleRanges(
  ranges: readonly MuteRange[],
  sampleRate: number,
  options: AudioRedactionOptions = {},
): SampleRange[] {
  const padding = options.paddingMs ?? 250;
  const sorted = ranges
    .filter(
      (range) =>
        Number.isFinite(range.startMs) && Number.isFinite(range.endMs) && range.endMs >= range.startMs,
    )
    .map((range) => ({
      from: Math.max(0, Math.floor(((range.startMs - padding) * sampleRate) / 1000)),
      to: Math.ceil(((range.endMs + padding) * sampleRate) / 1000),
      channel: range.channel ?? null,
    }))
    .sort((a, b) => (a.channel ?? -1) - (b.channel ?? -1) || a.from - b.from);
  const merged: { from: number; to: number; channel: number | null }[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && last.channel === range.channel && range.from <= last.to)
      last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

/** Silences the ranges in one chunk that starts at sample `offset` (in place; the chunk is ours). */
function muteChunk(chunk: PlanarChunk, offset: number, ranges: readonly SampleRange[]): void {
  const length = chunk[0]?.length ?? 0;
  for (const range of ranges) {
    const from = Math.max(range.from, offset) - offset;
    const to = Math.min(range.to, offset + length) - offset;
    if (to <= from) continue;
    chunk.forEach((samples, channel) => {
      if (range.channel === null || range.channel === channel) samples.fill(0, from, to);
    });
  }
}

/**
 * The recording with the ranges silenced, as 16-bit PCM WAV bytes, chunk by chunk as it is
 * decoded (constant memory). The first chunk is a streamed-WAV header of unknown length; use
 * `redactAudioToFile` for a file with exact sizes.
 */
export async function* redactAudio(
  stream: AudioStream,
  ranges: readonly MuteRange[],
  options: AudioRedactionOptions = {},
): AsyncGenerator<Uint8Array> {
  const { sampleRate, channels } = stream.format;
  const mute = sampleRanges(ranges, sampleRate, options);
  yield pcm16WavHeader(sampleRate, channels, null);
  let offset = 0;
  for await (const chunk of stream) {
    const copy = chunk.map((samples) => samples.slice());
    muteChunk(copy, offset, mute);
    offset += copy[0]?.length ?? 0;
    yield toPcm16(copy);
  }
}

/** `redactAudio` into a file, whose header is rewritten with the true length at the end. */
export async function redactAudioToFile(
  stream: AudioStream,
  ranges: readonly MuteRange[],
  file: string,
  options: AudioRedactionOptions = {},
): Promise<{ bytes: number; frames: number }> {
  const handle = await open(file, 'w');
  try {
    let position = 0;
    for await (const part of redactAudio(stream, ranges, options)) {
      await handle.write(part, 0, part.byteLength, position);
      position += part.byteLength;
    }
    const dataBytes = position - 44;
    await handle.write(pcm16WavHeader(stream.format.sampleRate, stream.format.channels, dataBytes), 0, 44, 0);
    return { bytes: position, frames: dataBytes / 2 / stream.format.channels };
  } finally {
    await handle.close();
  }
}

/** Decoded channels in memory → a whole WAV with the ranges silenced (short clips, tests). */
export function redactPcm(
  channels: readonly Float32Array[],
  sampleRate: number,
  ranges: readonly MuteRange[],
  options: AudioRedactionOptions = {},
): Uint8Array {
  const copy = channels.map((samples) => samples.slice());
  muteChunk(copy, 0, sampleRanges(ranges, sampleRate, options));
  return encodeWav(copy, sampleRate);
}
