import { z } from 'zod';

/**
 * The one transcript model of conversations: whatever produced a transcript (a supplied caption
 * file, a provider's JSON, the local engine), the pipeline, the redaction, the analysis and the
 * console read this shape. Times are integer milliseconds from the start of the recording.
 */
export const TRANSCRIPT_SCHEMA_VERSION = 1;

export const speakerRoleSchema = z.enum(['agent', 'customer', 'unknown']);
export type SpeakerRole = z.infer<typeof speakerRoleSchema>;

const ms = z.number().int().nonnegative();
/** Provider confidence in 0..1; null where the provider gives none (captions). */
const confidence = z.number().min(0).max(1).nullable();

export const transcriptWordSchema = z
  .object({
    text: z.string().min(1),
    startMs: ms,
    endMs: ms,
    confidence,
  })
  .refine((word) => word.endMs >= word.startMs, {
    message: 'endMs must not be before startMs',
    path: ['endMs'],
  });
export type TranscriptWord = z.infer<typeof transcriptWordSchema>;

/**
 * A stretch of a segment's text that is not in clear: put there by the provider (Contact Lens
 * `[PII]`) or by our redaction. Char offsets are into the segment's `text` as it is stored.
 */
export const redactionMarkerSchema = z.object({
  entityType: z.string().min(1),
  charStart: z.number().int().nonnegative(),
  charEnd: z.number().int().nonnegative(),
  startMs: ms.nullable(),
  endMs: ms.nullable(),
  by: z.enum(['provider', 'switchboard']),
});
export type RedactionMarker = z.infer<typeof redactionMarkerSchema>;

export const transcriptSegmentSchema = z
  .object({
    /** `seg_<n>`, n from 0 in the order of the segments array (sorted by start, then channel). */
    id: z.string().regex(/^seg_\d+$/),
    speakerId: z.string().regex(/^spk_\d+$/),
    /** Audio channel, 0-based; null for a mono or unknown source. */
    channel: z.number().int().nonnegative().nullable(),
    startMs: ms,
    endMs: ms,
    text: z.string(),
    confidence,
    /** Word timings where the provider has them, in order; null where it has none (captions). */
    words: z.array(transcriptWordSchema).nullable(),
    redactions: z.array(redactionMarkerSchema),
  })
  .refine((segment) => segment.endMs >= segment.startMs, {
    message: 'endMs must not be before startMs',
    path: ['endMs'],
  });
export type TranscriptSegment = z.infer<typeof transcriptSegmentSchema>;

export const transcriptSpeakerSchema = z.object({
  /** `spk_<n>`: n is the provider's own index where it has one (spk_N, ch_N, speaker N, letter A = 0). */
  id: z.string().regex(/^spk_\d+$/),
  role: speakerRoleSchema,
  /** How the role was decided (see docs/conversations.md, "Speakers and roles"). */
  roleSource: z.enum(['provider', 'hint', 'convention', 'none']),
  /** The provider's own name for the speaker (`spk_0`, `Speaker 1`, `A`, `Roger Bingham`), null if none. */
  label: z.string().nullable(),
  channel: z.number().int().nonnegative().nullable(),
});
export type TranscriptSpeaker = z.infer<typeof transcriptSpeakerSchema>;

export const transcriptFormatSchema = z.enum([
  'webvtt',
  'srt',
  'openai-verbose-json',
  'openai-diarized-json',
  'deepgram',
  'aws-transcribe',
  'aws-contact-lens',
  'assemblyai',
  /** Switchboard's own document for what a local engine (pocketsphinx, a configured command) heard. */
  'switchboard-engine',
]);
export type TranscriptFormat = z.infer<typeof transcriptFormatSchema>;

export const transcriptProvenanceSchema = z.object({
  /** Who transcribed: `deepgram`, `openai`, `aws-transcribe`, … or `captions` for a caption file of unknown origin. */
  provider: z.string().min(1),
  format: transcriptFormatSchema,
  model: z.string().nullable(),
  modelVersion: z.string().nullable(),
  /** The provider's id of the job or request, for support cases. */
  providerJobId: z.string().nullable(),
  /** When the provider made the transcript (ISO 8601), if it says. */
  createdAt: z.string().nullable(),
  /** Version of our parser, so a re-import can tell which rules read the file. */
  parserVersion: z.number().int().positive(),
});
export type TranscriptProvenance = z.infer<typeof transcriptProvenanceSchema>;

export const transcriptSchema = z.object({
  schemaVersion: z.literal(TRANSCRIPT_SCHEMA_VERSION),
  /** Language as the provider reports it (`en-US`; `_` read as `-`); null if it does not. */
  language: z.string().nullable(),
  durationMs: ms.nullable(),
  speakers: z.array(transcriptSpeakerSchema),
  segments: z.array(transcriptSegmentSchema),
  provenance: transcriptProvenanceSchema,
  /** Set when the transcript arrived already redacted by its provider (Contact Lens, AssemblyAI redact_pii). */
  providerRedaction: z.object({ entityTypes: z.array(z.string()) }).nullable(),
});
export type Transcript = z.infer<typeof transcriptSchema>;
