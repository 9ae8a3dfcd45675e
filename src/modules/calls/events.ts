import { z } from 'zod';
import { callSourceSchema } from './call-record.js';

/**
 * The events calls publishes: name and payload schema, versioned. Consumers import them from the
 * door (`modules/calls/index.js`) and parse the data with the schema. Events carry ids and key
 * facts, not whole objects: a consumer that needs the call reads it through `CallsService`.
 */

/** A call is new, or a newer version of it replaced the stored one (published with the index write). */
export const callRecordIngestedV1 = {
  type: 'calls.record.ingested.v1',
  schema: z.object({
    /** call_ TypeID. */
    callId: z.string(),
    source: callSourceSchema,
    sourceCallId: z.string(),
    change: z.enum(['created', 'updated']),
    /** ISO 8601, as in the call record. */
    startedAt: z.string(),
  }),
} as const;

export type CallRecordIngested = z.infer<typeof callRecordIngestedV1.schema>;

/**
 * A payload was stored as a source delivered it (`calls.raw.<source>.v1`, one type per source),
 * before parsing; the transform consumer subscribes to them all with `topics`.
 */
export const rawPayloadReceivedV1 = {
  typeFor: (source: string) => `calls.raw.${source}.v1`,
  topics: 'calls.raw.*',
  schema: z.object({
    /** The stored payload's UUID (calls.raw_payloads.id). */
    payloadId: z.uuid(),
    source: z.string(),
    /** A file format of the connectors, or a webhook kind (`graph-notification`). */
    format: z.string(),
  }),
} as const;

export type RawPayloadReceived = z.infer<typeof rawPayloadReceivedV1.schema>;
