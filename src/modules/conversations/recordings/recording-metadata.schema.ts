import { z } from 'zod';

/*
 * What an uploader says about a recording. Checked at the edge, every limit stated, every refusal
 * naming its field (`metadata.parties.0.number`). Stored sealed as given (after these checks);
 * what lists and filters need is copied to plain columns (source, times, direction, queue,
 * language, tags) or to blind indexes (party numbers, agent).
 */

/** Text PostgreSQL can store: no NUL character, no half of a surrogate pair. */
function text(min: number, max: number) {
  return z
    .string()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`)
    .max(max, `must have at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character (U+0000)')
    .refine((value) => !/\p{Cs}/u.test(value), 'must not contain an unpaired UTF-16 surrogate');
}

export const RECORDING_PARTY_ROLES = ['agent', 'customer'] as const;
export const RECORDING_DIRECTIONS = ['inbound', 'outbound', 'internal', 'unknown'] as const;

export const metadataLimits = {
  parties: 16,
  tags: 32,
  /** The metadata part of a multipart upload, as JSON text. */
  jsonBytes: 4 * 1024 * 1024,
} as const;

const partySchema = z
  .strictObject({
    number: text(1, 128)
      .optional()
      .describe('E.164 (+4930123456; spaces, dashes and brackets ignored), an extension or a SIP URI'),
    name: text(1, 256).optional(),
    role: z.enum(RECORDING_PARTY_ROLES).optional(),
    channel: z
      .number()
      .int('must be a whole number')
      .min(0)
      .max(7)
      .optional()
      .describe('0-based audio channel of this party in a multi-channel recording'),
  })
  .refine((party) => party.number !== undefined || party.name !== undefined, {
    message: 'needs a number or a name',
  });

export const recordingMetadataSchema = z
  .strictObject({
    source: text(1, 64)
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"')
      .describe('Where the recording comes from: upload, genesys, connect, asterisk...'),
    sourceRecordingId: text(1, 256).describe(
      "The source's id of the recording; with source, the key of idempotent re-delivery",
    ),
    startedAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO 8601 instant with Z or an offset' })
      .optional(),
    direction: z.enum(RECORDING_DIRECTIONS).optional(),
    parties: z
      .array(partySchema)
      .max(metadataLimits.parties, `may have at most ${metadataLimits.parties} parties`)
      .optional(),
    agent: z
      .strictObject({ id: text(1, 256).optional(), name: text(1, 256).optional() })
      .refine((agent) => agent.id !== undefined || agent.name !== undefined, {
        message: 'needs an id or a name',
      })
      .optional(),
    queue: text(1, 256).optional(),
    team: text(1, 256)
      .optional()
      .describe('The team the agent belongs to (not personal, kept plain): quality dashboards group by it'),
    language: text(2, 35)
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as en or de-DE')
      .optional(),
    tags: z
      .array(text(1, 64))
      .max(metadataLimits.tags, `may have at most ${metadataLimits.tags} tags`)
      .optional(),
    callId: text(1, 64).optional().describe('call_...: the call record this recording belongs to'),
    sourceCallId: text(1, 256)
      .optional()
      .describe("The source's id of the call: links the recording to the call record with it"),
  })
  .meta({ id: 'RecordingMetadata' });

export type RecordingMetadata = z.infer<typeof recordingMetadataSchema>;
export type RecordingParty = NonNullable<RecordingMetadata['parties']>[number];
