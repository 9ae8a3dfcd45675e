import { createReadStream } from 'node:fs';
import { AudioErrors } from './audio.errors.js';
import type { AudioSource } from './audio.types.js';
import type { AudioStream } from './audio-stream.js';
import { SNIFF_BYTES, sniffContainer } from './audio.sniff.js';
import { ByteReader } from './byte-reader.js';
import { decodeWithFfmpeg, type FfmpegOptions } from './ffmpeg.decode.js';
import { decodeWavData } from './wav.decode.js';
import { readWavHeader } from './wav.header.js';

export type OpenAudioOptions = FfmpegOptions;

/**
 * Opens audio for decoding, whatever it is: WAV with a codec we read (PCM 8/16/24/32-bit, float,
 * µ-law, A-law; plain or WAVE_FORMAT_EXTENSIBLE; RF64) is decoded here, everything else we
 * recognise (MP3, AAC, Ogg/Opus, M4A, FLAC, AMR, GSM, ADPCM or GSM inside WAV…) through ffmpeg.
 * Resolves once the format is known; the samples are read from the returned stream. Fails with an
 * `AudioError` (`empty`, `not_audio`, `malformed`, `truncated`, `unsupported_codec`, `decoder_failed`).
 */
export async function openAudio(source: AudioSource, options: OpenAudioOptions = {}): Promise<AudioStream> {
  const reader = new ByteReader(source);
  const head = await reader.peek(SNIFF_BYTES);
  if (head.length === 0) throw AudioErrors.empty();
  const sniffed = sniffContainer(head);
  if ('notAudio' in sniffed) throw AudioErrors.notAudio(sniffed.notAudio);
  const { container } = sniffed;
  if (container !== 'wav') return decodeWithFfmpeg(reader.replay(), container, container, options);
  const header = await readWavHeader(reader);
  if ('foreignCodec' in header)
    return decodeWithFfmpeg(reader.replay(), container, header.foreignCodec, options);
  return decodeWavData(reader, header, { container, decoder: 'native' });
}

/** Opens an audio file, read in 1 MiB blocks. */
export async function openAudioFile(filePath: string, options: OpenAudioOptions = {}): Promise<AudioStream> {
  const file = createReadStream(filePath, { highWaterMark: 1 << 20 });
  try {
    return await openAudio(file, options);
  } catch (error) {
    file.destroy();
    throw error;
  }
}
