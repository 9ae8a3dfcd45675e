import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { openAudio } from '../audio/open-audio.js';
import { engineAudio, pcm16WavHeader } from '../audio/wav.encode.js';
import { ENGINE_SAMPLE_RATE } from '../audio/resample.js';
import { parseTranscript } from '../transcripts/parse-transcript.js';
import { TranscriptParseError } from '../transcripts/transcript.errors.js';
import type { Transcript, TranscriptFormat } from '../transcripts/transcript.schema.js';
import type { EngineDocument } from '../transcripts/parse-engine.js';
import type { SpeakerRoleHint } from '../transcripts/speakers.js';
import { TranscriptionErrors } from './transcription.errors.js';
import type {
  RawTranscriptOutput,
  TranscriptionCost,
  TranscriptionInput,
  TranscriptionProvenance,
  TranscriptionResult,
} from './transcription.types.js';

/** The whole recording in memory, for an upload; refused above `maxBytes` before more is read. */
export async function readRecording(
  input: TranscriptionInput,
  provider: string,
  maxBytes: number,
): Promise<Uint8Array> {
  const source = await input.open();
  if (source instanceof Uint8Array) {
    if (source.byteLength > maxBytes) throw tooLarge(provider, source.byteLength, maxBytes);
    return source;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of source) {
    size += part.byteLength;
    if (size > maxBytes) throw tooLarge(provider, size, maxBytes);
    parts.push(part);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function tooLarge(provider: string, size: number, maxBytes: number) {
  return TranscriptionErrors.rejected(
    provider,
    null,
    `the recording has more than ${maxBytes} bytes (${size} read), more than this provider takes in one upload`,
  );
}

/** Channels of the recording: from the caller, else from its header (nothing more is decoded). */
export async function channelCount(input: TranscriptionInput): Promise<number> {
  if (input.channels !== undefined) return input.channels;
  const stream = await openAudio(await input.open());
  const channels = stream.format.channels;
  // Read one chunk and leave: leaving a started stream stops ffmpeg (if any) and removes its files.
  for await (const chunk of stream) {
    if (chunk.length >= 0) break;
  }
  return channels;
}

/** One channel as a 16 kHz mono 16-bit WAV in memory, and its length in ms. */
export async function channelWav(
  input: TranscriptionInput,
  channel: number,
): Promise<{ wav: Uint8Array; durationMs: number }> {
  const stream = await openAudio(await input.open());
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of engineAudio(stream, { channel })) {
    parts.push(part);
    size += part.byteLength;
  }
  const wav = new Uint8Array(44 + size);
  wav.set(pcm16WavHeader(ENGINE_SAMPLE_RATE, 1, size), 0);
  let offset = 44;
  for (const part of parts) {
    wav.set(part, offset);
    offset += part.byteLength;
  }
  return { wav, durationMs: Math.round((size / 2 / ENGINE_SAMPLE_RATE) * 1000) };
}

/** The primary language subtag (`en` from `en-US`): what OpenAI and Whisper take. */
export function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? tag).toLowerCase();
}

/** SHA-256 of a provider's configuration (canonical JSON); secrets are never in it, only their names. */
export function configHash(config: object): string {
  return createHash('sha256')
    .update(canonicalize(config) ?? '')
    .digest('hex');
}

export function costOf(
  audioSeconds: number,
  source: TranscriptionCost['audioSecondsSource'],
  pricePerMinuteUsd: number | null,
): TranscriptionCost {
  const seconds = Math.max(0, Math.round(audioSeconds * 1000) / 1000);
  return {
    audioSeconds: seconds,
    audioSecondsSource: source,
    pricePerMinuteUsd,
    amountUsd:
      pricePerMinuteUsd === null ? null : Math.round((seconds / 60) * pricePerMinuteUsd * 10_000) / 10_000,
  };
}

/** A provider's answer through the transcript parsers; a document they cannot read is `malformed_response`. */
export function parseProviderOutput(
  provider: string,
  text: string,
  format: TranscriptFormat,
  hint: SpeakerRoleHint | undefined,
): Transcript {
  try {
    return parseTranscript(text, { format, ...hint });
  } catch (error) {
    if (error instanceof TranscriptParseError) {
      throw TranscriptionErrors.malformed(provider, error.message, error);
    }
    throw error;
  }
}

/**
 * Joins transcripts of single channels (each sent alone) into one call: channel n's speech is
 * speaker n on channel n. Goes through the engine document so the joined transcript is settled
 * (ids, roles, order) by the same rules as every other. The first channel's provenance is kept.
 */
export function joinChannels(
  provider: string,
  parts: readonly { channel: number; transcript: Transcript | null }[],
  durationMs: number | null,
  hint: SpeakerRoleHint | undefined,
): Transcript {
  const present = parts.filter(
    (part): part is { channel: number; transcript: Transcript } => part.transcript !== null,
  );
  const first = present[0]?.transcript;
  if (first === undefined) throw TranscriptionErrors.noSpeech(provider);
  const document: EngineDocument = {
    switchboardEngine: 1,
    provider: first.provenance.provider,
    model: first.provenance.model,
    modelVersion: first.provenance.modelVersion,
    language: first.language,
    durationMs,
    speakerSource: 'channels',
    segments: present.flatMap(({ channel, transcript }) =>
      transcript.segments.map((segment) => ({
        speaker: channel,
        channel,
        startMs: segment.startMs,
        endMs: segment.endMs,
        text: segment.text,
        confidence: segment.confidence,
        words: segment.words,
      })),
    ),
  };
  const joined = parseTranscript(JSON.stringify(document), { format: 'switchboard-engine', ...hint });
  return { ...joined, provenance: { ...first.provenance } };
}

export function result(parts: {
  transcript: Transcript;
  provider: string;
  engineVersion?: string | null;
  config: object;
  providerJobIds: readonly string[];
  requests: number;
  startedAt: Date;
  cost: TranscriptionCost;
  raw: readonly RawTranscriptOutput[];
}): TranscriptionResult {
  const provenance: TranscriptionProvenance = {
    provider: parts.provider,
    model: parts.transcript.provenance.model,
    modelVersion: parts.transcript.provenance.modelVersion,
    engineVersion: parts.engineVersion ?? null,
    configHash: configHash(parts.config),
    providerJobIds: parts.providerJobIds,
    requests: parts.requests,
    startedAt: parts.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
  return { transcript: parts.transcript, provenance, cost: parts.cost, raw: parts.raw, fallbacks: [] };
}
