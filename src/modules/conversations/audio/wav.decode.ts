import { AudioErrors } from './audio.errors.js';
import { AudioStream, type StreamHooks } from './audio-stream.js';
import type { AudioContainer, DecodeOutcome, PlanarChunk } from './audio.types.js';
import type { ByteReader } from './byte-reader.js';
import { deinterleave } from './pcm.decode.js';
import type { WavHeader } from './wav.header.js';

/**
 * The samples of a WAV whose header has been read: the data chunk is decoded as it streams in,
 * whole frames at a time (a frame split across two chunks is carried over). A data chunk shorter
 * than declared is decoded as far as it goes and reported in the outcome; one with no complete
 * frame at all is an error (`truncated`).
 */
export async function decodeWavData(
  reader: ByteReader,
  header: WavHeader,
  source: { container: AudioContainer; decoder: 'native' | 'ffmpeg'; codec?: string; hooks?: StreamHooks },
): Promise<AudioStream> {
  reader.forget();
  const { blockAlign, channels, codec, declaredDataBytes } = header;
  const declaredFrames = declaredDataBytes === null ? null : Math.floor(declaredDataBytes / blockAlign);
  // Refuse a WAV without a single frame before promising a stream: the caller gets a clear error.
  if ((await reader.fill(blockAlign)) < blockAlign && declaredDataBytes !== 0) {
    throw AudioErrors.noSamples('the data chunk ends before its first sample');
  }

  async function* chunks(): AsyncGenerator<PlanarChunk, DecodeOutcome['truncated']> {
    let carry: Uint8Array | null = null;
    let read = 0;
    for await (const part of reader.rest(declaredDataBytes ?? Number.POSITIVE_INFINITY)) {
      read += part.length;
      let bytes = part;
      if (carry !== null) {
        bytes = new Uint8Array(carry.length + part.length);
        bytes.set(carry);
        bytes.set(part, carry.length);
        carry = null;
      }
      const whole = bytes.length - (bytes.length % blockAlign);
      if (whole < bytes.length) carry = bytes.slice(whole);
      if (whole > 0) yield deinterleave(bytes.subarray(0, whole), codec, channels, blockAlign);
    }
    if (declaredFrames !== null && read < (declaredDataBytes ?? 0)) {
      return { declaredFrames, decodedFrames: Math.floor(read / blockAlign) };
    }
    return null;
  }

  return new AudioStream(
    {
      container: source.container,
      decoder: source.decoder,
      codec: source.codec ?? codec,
      sampleRate: header.sampleRate,
      channels,
      declaredFrames,
    },
    chunks(),
    source.hooks,
  );
}
