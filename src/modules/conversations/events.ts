import { z } from 'zod';

/**
 * The events conversations publishes: name and payload schema, versioned. Consumers import them from
 * the door and parse the data with the schema. Events carry ids and key facts, not whole objects.
 */

/**
 * A recording's audio (or supplied transcript) is stored whole: the pipeline may start. Published
 * in the transaction that marks the recording `queued` (recordings/recordings.service.ts), keyed by
 * the recording's UUID. `recordingId` is the public `rec_...` id, `callId` a `call_...` id.
 */
export const recordingReceivedV1 = {
  type: 'conversations.recording.received.v1',
  schema: z.object({
    recordingId: z.string(),
    source: z.string(),
    callId: z.string().nullable(),
    hasAudio: z.boolean(),
    hasSuppliedTranscript: z.boolean(),
  }),
} as const;
export type RecordingReceived = z.infer<typeof recordingReceivedV1.schema>;

/** A run finished: a redacted, speaker-labelled transcript with characteristics is stored. */
export const transcriptReadyV1 = {
  type: 'conversations.transcript.ready.v1',
  schema: z.object({
    recordingId: z.string(),
    transcriptId: z.string(),
    runId: z.string(),
    callId: z.string().nullable(),
    provider: z.string(),
    language: z.string().nullable(),
    durationMs: z.number().nullable(),
    redactedEntities: z.number().int(),
  }),
} as const;
export type TranscriptReady = z.infer<typeof transcriptReadyV1.schema>;

/** A run gave up after its retries: the recording shows `failed` with the reason. */
export const recordingFailedV1 = {
  type: 'conversations.recording.failed.v1',
  schema: z.object({ recordingId: z.string(), runId: z.string(), code: z.string() }),
} as const;
export type RecordingFailed = z.infer<typeof recordingFailedV1.schema>;

/**
 * A call was analysed (after its transcript was stored, or re-analysed on request). Carries the
 * intents with the phrase that triggered each: campaigns suppresses numbers whose caller asked
 * not to be called (`opt_out`). `grade`/`score` are null when no scorecard was active.
 */
export const analysisCompletedV1 = {
  type: 'conversations.analysis.completed.v1',
  schema: z.object({
    recordingId: z.string(),
    analysisId: z.string(),
    callId: z.string().nullable(),
    intents: z.array(
      z.object({ kind: z.string(), phrase: z.string(), segmentId: z.string(), speaker: z.string() }),
    ),
    grade: z.enum(['A', 'B', 'C', 'D', 'E']).nullable(),
    score: z.number().nullable(),
    /**
     * The analysed conversation's length (the transcript's), for metering. Optional: events
     * published before it was added have none.
     */
    durationMs: z.number().nullable().optional(),
    /**
     * What this analysis spent on the tenant's language model; null when it called none (local
     * analyser, or a QA re-score that re-used the previous findings). Optional like durationMs.
     */
    llm: z
      .object({
        provider: z.string(),
        model: z.string(),
        inputTokens: z.number().int(),
        outputTokens: z.number().int(),
      })
      .nullable()
      .optional(),
  }),
} as const;
export type AnalysisCompleted = z.infer<typeof analysisCompletedV1.schema>;
