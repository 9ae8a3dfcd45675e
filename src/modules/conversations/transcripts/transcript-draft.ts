import type { z } from 'zod';
import { invalidTranscript } from './transcript.errors.js';
import {
  TRANSCRIPT_SCHEMA_VERSION,
  transcriptSchema,
  type RedactionMarker,
  type Transcript,
  type TranscriptFormat,
  type TranscriptProvenance,
  type TranscriptWord,
} from './transcript.schema.js';
import { settleSpeakers, type SpeakerDraft, type SpeakerRoleHint } from './speakers.js';

/** Bump when a parser reads a file differently; recorded in every transcript's provenance. */
export const TRANSCRIPT_PARSER_VERSION = 1;

/**
 * The provenance of a transcript no provider document describes (one Switchboard built: a rescan
 * before analysis, a synthetic call): who made it and in what shape, no model, job or date.
 */
export function builtProvenance(provider: string, format: TranscriptFormat): TranscriptProvenance {
  return {
    provider,
    format,
    model: null,
    modelVersion: null,
    providerJobId: null,
    createdAt: null,
    parserVersion: TRANSCRIPT_PARSER_VERSION,
  };
}

export interface SegmentDraft {
  /** The key of a speaker in `TranscriptDraft.speakers`. */
  speaker: string;
  channel: number | null;
  startMs: number;
  endMs: number;
  text: string;
  confidence: number | null;
  words: TranscriptWord[] | null;
  redactions?: RedactionMarker[];
}

export interface TranscriptDraft {
  format: TranscriptFormat;
  provider: string;
  model: string | null;
  modelVersion: string | null;
  providerJobId: string | null;
  createdAt: string | null;
  language: string | null;
  durationMs: number | null;
  speakers: SpeakerDraft[];
  /** Whether the provider separated speakers (diarisation, channel identification, labelled cues). */
  separated: boolean;
  segments: SegmentDraft[];
  providerRedaction: { entityTypes: string[] } | null;
}

/** Settles speakers, orders segments by time (then channel) and checks the result against the model. */
export function assembleTranscript(draft: TranscriptDraft, hint: SpeakerRoleHint | undefined): Transcript {
  const { speakers, idOf } = settleSpeakers(draft.speakers, draft.separated, hint);
  const ordered = draft.segments
    .map((segment, order) => ({ segment, order }))
    .sort(
      (a, b) =>
        a.segment.startMs - b.segment.startMs ||
        (a.segment.channel ?? 0) - (b.segment.channel ?? 0) ||
        a.order - b.order,
    );
  const candidate: Transcript = {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    language: normaliseLanguage(draft.language),
    durationMs: draft.durationMs,
    speakers,
    segments: ordered.map(({ segment }, index) => ({
      id: `seg_${index}`,
      speakerId: idOf.get(segment.speaker) ?? 'spk_0',
      channel: segment.channel,
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: segment.text,
      confidence: segment.confidence,
      words: segment.words,
      redactions: segment.redactions ?? [],
    })),
    provenance: {
      provider: draft.provider,
      format: draft.format,
      model: draft.model,
      modelVersion: draft.modelVersion,
      providerJobId: draft.providerJobId,
      createdAt: draft.createdAt,
      parserVersion: TRANSCRIPT_PARSER_VERSION,
    },
    providerRedaction: draft.providerRedaction,
  };
  const checked = transcriptSchema.safeParse(candidate);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    throw invalidTranscript(
      draft.format,
      issue ? issue.path.map(String).join('.') || null : null,
      `the transcript read from it breaks the model: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  if (checked.data.segments.length === 0)
    throw invalidTranscript(draft.format, null, 'it holds no speech (no segment with text)');
  return checked.data;
}

function normaliseLanguage(language: string | null): string | null {
  if (language === null) return null;
  const trimmed = language.trim();
  if (trimmed === '') return null;
  const match = /^([a-z]{2,3})[_-]([a-z]{2})$/i.exec(trimmed);
  return match ? `${match[1]?.toLowerCase() ?? ''}-${match[2]?.toUpperCase() ?? ''}` : trimmed;
}

/** Reads a provider document with a zod schema; the first problem becomes an error naming its JSON path. */
export function readDocument<T>(format: TranscriptFormat, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw invalidTranscript(
    format,
    issue ? issue.path.map(String).join('.') || null : null,
    issue?.message ?? 'unreadable document',
  );
}

/** Seconds (a number or AWS's decimal string) to whole milliseconds; a negative or absurd time is an error. */
export function secondsToMs(format: TranscriptFormat, value: number | string, location: string): number {
  const seconds =
    typeof value === 'number' ? value : /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
    throw invalidTranscript(
      format,
      location,
      `${JSON.stringify(value)} is not a time in seconds (0 to ${MAX_SECONDS})`,
    );
  }
  return Math.round(seconds * 1000);
}

/** A start/end pair in order, or an error naming where. */
export function checkedRange(
  format: TranscriptFormat,
  startMs: number,
  endMs: number,
  location: string,
): { startMs: number; endMs: number } {
  if (endMs < startMs)
    throw invalidTranscript(format, location, `ends (${endMs} ms) before it starts (${startMs} ms)`);
  return { startMs, endMs };
}

/** 100 hours: longer than any call; a larger time is a unit mistake (ms given as seconds). */
export const MAX_SECONDS = 360_000;

/** Joins word tokens into text: punctuation tokens attach to the word before them. */
export function joinTokens(tokens: readonly { text: string; punctuation: boolean }[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.punctuation || text === '') text += token.text;
    else text += ` ${token.text}`;
  }
  return text;
}
