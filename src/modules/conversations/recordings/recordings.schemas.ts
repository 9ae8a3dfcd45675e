import { z } from 'zod';
import {
  decodeCursorFields,
  encodeCursorFields,
  listTotalSchema,
  problemSchema,
  sortParams,
  totalQueryParam,
} from '../../../platform/http/index.js';
import type { RecordingCursor, RecordingSortKey, RecordingState } from '../contract.js';
import { RECORDING_DIRECTIONS, recordingMetadataSchema } from './recording-metadata.schema.js';
import { recordingCharacteristicsSchema } from './recording-characteristics.schema.js';

/*
 * Request and response schemas of the recordings API (they also make its OpenAPI document). The
 * multipart upload's parts are read by hand (recordings.routes.ts); its metadata part is checked
 * with recordingMetadataSchema, so refusals name `metadata.<field>` there as here `body.metadata.<field>`.
 */

export const RECORDING_STATES = ['uploading', 'queued', 'processing', 'ready', 'failed'] as const;
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

const failureSchema = z.object({ code: z.string(), reason: z.string().nullable() }).nullable();

export const recordingSummarySchema = z
  .object({
    id: z.string().describe('rec_...'),
    source: z.string(),
    sourceRecordingId: z.string(),
    state: z.enum(RECORDING_STATES),
    failure: failureSchema.describe('Why it failed (state failed)'),
    startedAt: z.string().nullable(),
    direction: z.enum(RECORDING_DIRECTIONS),
    queue: z.string().nullable(),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    callId: z.string().nullable().describe('call_...: the call record it belongs to, when known or found'),
    callLink: z
      .enum(['given', 'source_call_id', 'numbers_and_time'])
      .nullable()
      .describe(
        'How the call was found: given in the metadata, by the source call id, or by a party number and start time',
      ),
    audio: z
      .object({ contentType: z.string(), bytes: z.number().int(), sha256: z.string() })
      .nullable()
      .describe('The audio as received; null for a transcript-only recording or while uploading'),
    hasSuppliedTranscript: z.boolean(),
    hasRedactedAudio: z.boolean(),
    durationMs: z.number().int().nullable(),
    codec: z.string().nullable(),
    channels: z.number().int().nullable(),
    sampleRate: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RecordingSummary' });

export const recordingDetailSchema = recordingSummarySchema
  .extend({
    metadata: recordingMetadataSchema.describe(
      'The metadata as delivered (parties, agent, ...), unsealed for the reader',
    ),
    runs: z
      .array(
        z.object({
          id: z.string().describe('run_...'),
          reason: z.enum(['received', 'rerun']),
          state: z.enum(['running', 'succeeded', 'failed']),
          steps: z.unknown().describe('Per step: name, provider, version, times, outcome'),
          failure: failureSchema,
          startedAt: z.string(),
          finishedAt: z.string().nullable(),
        }),
      )
      .describe('Pipeline runs, newest first'),
    transcript: z
      .object({
        id: z.string().describe('trn_...'),
        runId: z.string(),
        provider: z.string(),
        language: z.string().nullable(),
        durationMs: z.number().int().nullable(),
        speakerCount: z.number().int(),
        transcript: z
          .unknown()
          .describe('The redacted transcript model (segments with redaction markers, speakers, provenance)'),
        redactionCounts: z.record(z.string(), z.number()),
        characteristics: recordingCharacteristicsSchema
          .nullable()
          .describe('Talk ratios, silences, interruptions, loudness, talk speed; null when not measured'),
        createdAt: z.string(),
      })
      .nullable()
      .describe('The current transcript; null until one exists, or without the permission transcripts:read'),
  })
  .meta({ id: 'RecordingDetail' });

export const recordingPageSchema = z.object({
  items: z.array(recordingSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  total: listTotalSchema('recordings'),
});

export const uploadTicketSchema = z
  .object({
    recordingId: z.string().describe('rec_...'),
    uploadUrl: z
      .string()
      .nullable()
      .describe(
        'PUT the audio bytes here (no other credentials); null when the recording was received already',
      ),
    expiresAt: z.string().nullable(),
    recording: recordingSummarySchema,
  })
  .meta({ id: 'RecordingUploadTicket' });

export const createUploadBodySchema = z.strictObject({
  metadata: recordingMetadataSchema,
  bytes: z
    .number()
    .int()
    .min(1)
    .max(4 * 1024 ** 3)
    .optional()
    .describe('The size the audio will have; checked on complete'),
  sha256: sha256Schema.optional().describe('The SHA-256 the audio will have; checked on complete'),
});

export const completeUploadBodySchema = z
  .strictObject({
    bytes: z
      .number()
      .int()
      .min(1)
      .max(4 * 1024 ** 3)
      .optional(),
    sha256: sha256Schema.optional(),
  })
  .default({});

export const uploadLinkQuerySchema = z.object({
  tenant: z.string().max(64),
  expires: z.string().max(16),
  sig: z.string().max(64),
});

export const recordingIdParams = z.object({ recordingId: z.string().max(64).describe('rec_...') });

const states = z
  .string()
  .describe(`One or more of: ${RECORDING_STATES.join(', ')} (comma-separated)`)
  .transform((text, ctx): RecordingState[] => {
    const items = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const known: readonly string[] = RECORDING_STATES;
    const unknown = items.filter((item) => !known.includes(item));
    if (items.length === 0 || unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `must be one or more of ${RECORDING_STATES.join(', ')}` });
      return z.NEVER;
    }
    return items as RecordingState[];
  });

/** The orders of the list (contract.ts, RecordingSortKey). */
export const RECORDING_SORT_KEYS = [
  'createdAt',
  'startedAt',
  'duration',
] as const satisfies readonly RecordingSortKey[];
const RECORDING_SORT_PARAMS = sortParams(RECORDING_SORT_KEYS);
/** Newest received first, as the list has always been. */
export const DEFAULT_RECORDING_SORT = '-createdAt';

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' });

export const listQuerySchema = z
  .object({
    callId: z.string().min(1).max(64).optional().describe('call_...'),
    number: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('A party number: E.164 (spaces, dashes, brackets ignored) or an address exactly'),
    agent: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe('Agent id (or name without an id), case-insensitive'),
    queue: z.string().min(1).max(256).optional(),
    from: instant.optional().describe('Started (or, without a start, received) at or after'),
    to: instant.optional().describe('Started (or received) before'),
    state: states.optional(),
    q: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe(
        'Full text over the redacted transcript (web search syntax: words, "a phrase", -word, or). Needs transcripts:read.',
      ),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    sort: z
      .enum(RECORDING_SORT_PARAMS)
      .default(DEFAULT_RECORDING_SORT)
      .describe(
        'createdAt (received), startedAt (call start; received for a recording without one) or duration; a leading minus sorts descending (newest, longest first); ties go by received time the same way',
      ),
    total: totalQueryParam('recordings'),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && !(new Date(query.from) < new Date(query.to)))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be later than from' });
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !cursor)
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'is not a cursor this API gave out' });
    else if (cursor && cursor.sort !== query.sort)
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `belongs to the order ${cursor.sort}, not ${query.sort}`,
      });
  });

export const audioQuerySchema = z.object({
  variant: z
    .enum(['redacted', 'original'])
    .default('redacted')
    .describe(
      'redacted (default; 409 until the pipeline made it) or original (needs recordings:read_original)',
    ),
});

export const audioLinkSchema = z
  .object({
    url: z.string().describe('Signed, short-lived link to the audio'),
    expiresAt: z.string(),
    variant: z.enum(['redacted', 'original']),
  })
  .meta({ id: 'RecordingAudioLink' });

export const uploadedAudioSchema = z.object({
  recordingId: z.string(),
  bytes: z.number().int(),
  sha256: z.string(),
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Opaque page cursor: base64url of "<time ISO>|<uuid>" in the default order (-createdAt), with
 * "|<sort>|<duration ms>" appended in another, so a cursor is refused with any other order.
 */
export function encodeCursor(cursor: RecordingCursor, sort: string = DEFAULT_RECORDING_SORT): string {
  const tail = sort === DEFAULT_RECORDING_SORT ? [] : [sort, String(cursor.durationMs ?? '')];
  return encodeCursorFields([cursor.at.toISOString(), cursor.id, ...tail]);
}

export function decodeCursor(text: string): (RecordingCursor & { readonly sort: string }) | undefined {
  const [iso = '', id = '', sort = DEFAULT_RECORDING_SORT, duration = ''] = decodeCursorFields(text);
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || !uuidPattern.test(id)) return undefined;
  if (duration !== '' && !/^-?\d{1,15}$/.test(duration)) return undefined;
  return { at, id, sort, ...(duration === '' ? {} : { durationMs: Number(duration) }) };
}

export const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  429: problemSchema,
} as const;
