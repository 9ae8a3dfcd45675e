import { SNIFF_BYTES, sniffContainer } from '../audio/audio.sniff.js';
import type { AudioContainer } from '../audio/audio.types.js';
import { ConversationsErrors } from '../errors.js';

/*
 * The edge's look at incoming audio, without holding it: the first bytes are sniffed (a PDF or a
 * JSON file named .wav is refused before anything is stored), the rest streams on, counted and
 * capped. A WAV whose RIFF header states its length is checked against the bytes that arrived,
 * so a cut-off upload is refused whole; other containers carry no length up front, and a
 * truncated one is stored and then marked failed by the pipeline when its decoder runs out.
 */

/** The largest audio accepted: a WAV cannot exceed 4 GiB anyway. */
export const MAX_AUDIO_BYTES = 4 * 1024 * 1024 * 1024;

export const AUDIO_CONTENT_TYPES: Readonly<Record<AudioContainer, { type: string; extension: string }>> = {
  wav: { type: 'audio/wav', extension: 'wav' },
  mp3: { type: 'audio/mpeg', extension: 'mp3' },
  aac: { type: 'audio/aac', extension: 'aac' },
  ogg: { type: 'audio/ogg', extension: 'ogg' },
  mp4: { type: 'audio/mp4', extension: 'm4a' },
  flac: { type: 'audio/flac', extension: 'flac' },
  webm: { type: 'audio/webm', extension: 'webm' },
  amr: { type: 'audio/amr', extension: 'amr' },
  aiff: { type: 'audio/aiff', extension: 'aiff' },
  au: { type: 'audio/basic', extension: 'au' },
  gsm: { type: 'audio/gsm', extension: 'gsm' },
};

export interface SniffedAudio {
  readonly container: AudioContainer;
  /** The whole stream again, head included, counted and capped. */
  readonly chunks: AsyncIterable<Buffer>;
  /** Bytes that flowed through `chunks` so far (all of them once it has ended). */
  bytes(): number;
  /** For a WAV with a definite RIFF size: the bytes its header announces (8 + RIFF size). */
  readonly announcedBytes: number | null;
}

/**
 * Reads the first bytes of `source` and sniffs them. `field` names the part in errors (`audio`).
 * Throws 422 for an empty stream, 415 for bytes that are not audio.
 */
export async function sniffAudio(
  source: AsyncIterable<Buffer>,
  field: string,
  maxBytes = MAX_AUDIO_BYTES,
): Promise<SniffedAudio> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  if (headBytes === 0) throw ConversationsErrors.unprocessable(field, 'is empty (0 bytes)');
  const first = Buffer.concat(head);
  const sniffed = sniffContainer(first.subarray(0, SNIFF_BYTES));
  if ('notAudio' in sniffed)
    throw ConversationsErrors.unsupportedMedia(field, `is not audio: ${sniffed.notAudio}`);
  let announcedBytes: number | null = null;
  if (sniffed.container === 'wav' && first.length >= 8 && first.toString('latin1', 0, 4) === 'RIFF') {
    const riffSize = first.readUInt32LE(4);
    // Streamed WAVs write 0 or the largest value when the length was unknown at the start.
    if (riffSize !== 0 && riffSize < 0xffffffff - 36) announcedBytes = riffSize + 8;
  }
  let count = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    const pass = (chunk: Buffer) => {
      count += chunk.length;
      if (count > maxBytes) throw ConversationsErrors.tooLarge(field, maxBytes);
      return chunk;
    };
    yield pass(first);
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield pass(next.value);
  }
  return { container: sniffed.container, chunks: chunks(), bytes: () => count, announcedBytes };
}

/** The refusal of a WAV that stopped short of the length its header announces, else undefined. */
export function truncationOf(audio: SniffedAudio, field: string): Error | undefined {
  const announced = audio.announcedBytes;
  if (announced === null || audio.bytes() >= announced) return undefined;
  return ConversationsErrors.unprocessable(
    field,
    `is truncated: its WAV header announces ${announced} bytes and ${audio.bytes()} arrived`,
  );
}
