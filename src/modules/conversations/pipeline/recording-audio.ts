import type { ObjectStore } from '../../../platform/objects/index.js';
import {
  ENGINE_SAMPLE_RATE,
  openAudio,
  readAll,
  resample,
  type AudioFormat,
  type AudioStream,
  type DecodeOutcome,
  type OpenAudioOptions,
} from '../audio/index.js';

/**
 * The stored audio of a recording, decoded again by each step that needs it: nothing decoded is
 * kept between steps (it would be the call in clear outside the tenant's encrypted objects, and
 * in the workflow store), so a step retried or resumed after a crash reads the same bytes again.
 */
export async function openStoredAudio(
  objects: ObjectStore,
  key: string,
  options: OpenAudioOptions,
): Promise<AudioStream> {
  const object = await objects.get(key);
  try {
    return await openAudio(object.body, options);
  } catch (error) {
    object.body.destroy();
    throw error;
  }
}

/** What decoding the whole recording found: its format and length, truncation included. */
export async function probeStoredAudio(
  objects: ObjectStore,
  key: string,
  options: OpenAudioOptions,
): Promise<{ format: AudioFormat; outcome: DecodeOutcome }> {
  const stream = await openStoredAudio(objects, key, options);
  // Read to the end: the outcome (length, truncation) is known only then.
  for await (const _chunk of stream);
  return { format: stream.format, outcome: stream.outcome };
}

/** Every channel at its own rate, in memory. */
export async function decodeStoredAudio(
  objects: ObjectStore,
  key: string,
  options: OpenAudioOptions,
): Promise<{ format: AudioFormat; channels: Float32Array[] }> {
  const stream = await openStoredAudio(objects, key, options);
  const { channels } = await readAll(stream);
  return { format: stream.format, channels };
}

/** Every channel resampled to the rate speech engines take (16 kHz). */
export async function decodeStoredAudio16k(
  objects: ObjectStore,
  key: string,
  options: OpenAudioOptions,
): Promise<Float32Array[]> {
  const { format, channels } = await decodeStoredAudio(objects, key, options);
  return format.sampleRate === ENGINE_SAMPLE_RATE
    ? channels
    : resample(channels, format.sampleRate, ENGINE_SAMPLE_RATE);
}
