import { z } from 'zod';
import { typeid } from 'typeid-js';

/**
 * CallRecord v1: the one shape every call-record connector normalises into.
 *
 * Conventions, so that consumers never have to tell `undefined` from `null`:
 * every key is always present and "unknown" is `null`; timestamps are UTC ISO-8601
 * strings ending in `Z`; durations are whole seconds.
 */

export const CALL_SOURCES = [
  'teams',
  'twilio',
  'asterisk',
  'freeswitch',
  '3cx',
  'cucm',
  'connect',
  'genesys',
  'sbc',
  'vcon',
  'generic',
] as const;
export const callSourceSchema = z.enum(CALL_SOURCES).describe('System the record came from.');
export type CallSource = z.infer<typeof callSourceSchema>;

export const CALL_DIRECTIONS = ['inbound', 'outbound', 'internal', 'unknown'] as const;
export const callDirectionSchema = z
  .enum(CALL_DIRECTIONS)
  .describe(
    'Seen from the tenant: inbound = an outside party called in; internal = both ends are the tenant.',
  );
export type CallDirection = z.infer<typeof callDirectionSchema>;

export const CALL_DISPOSITIONS = [
  'answered',
  'no_answer',
  'busy',
  'failed',
  'cancelled',
  'voicemail',
] as const;
export const callDispositionSchema = z
  .enum(CALL_DISPOSITIONS)
  .describe(
    'How the call ended up. cancelled = the caller gave up before an answer (includes queue abandons); ' +
      'voicemail = a voicemail system or answering machine took the call.',
  );
export type CallDisposition = z.infer<typeof callDispositionSchema>;

const utcTimestampSchema = z.iso.datetime().describe('UTC instant, ISO-8601 with a Z suffix.');
const wholeSecondsSchema = z.int().min(0).describe('Whole seconds.');

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
// Recursion through z.lazy inside the union keeps one named `JsonValue` definition in the JSON Schema.
export const jsonValueSchema: z.ZodType<JsonValue> = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.lazy(() => jsonValueSchema)),
    z.record(
      z.string(),
      z.lazy(() => jsonValueSchema),
    ),
  ])
  .meta({ id: 'JsonValue' });

export const attributesSchema = z
  .record(z.string(), jsonValueSchema)
  .describe('Source-specific extras kept verbatim enough to answer questions the unified fields cannot.');
export type CallAttributes = z.infer<typeof attributesSchema>;

export const callPartySchema = z
  .object({
    raw: z
      .string()
      .nullable()
      .describe(
        'The address exactly as the source gave it (number, extension, SIP URI, user principal name).',
      ),
    e164: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .nullable()
      .describe(
        'E.164 form when the raw value is a valid public number, else null (extensions, masked numbers).',
      ),
    displayName: z.string().nullable(),
  })
  .meta({ id: 'CallParty' });
export type CallParty = z.infer<typeof callPartySchema>;

export const causeCodesSchema = z
  .object({
    q850: z.int().min(0).max(127).nullable().describe('ITU-T Q.850 release cause.'),
    sip: z.int().min(100).max(699).nullable().describe('Final SIP response code.'),
    sourceText: z
      .string()
      .nullable()
      .describe("The source's own wording (hangup cause name, disconnect reason)."),
  })
  .meta({ id: 'CauseCodes' });
export type CauseCodes = z.infer<typeof causeCodesSchema>;

export const callQualitySchema = z
  .object({
    mos: z.number().min(1).max(5).nullable(),
    jitterMs: z.number().min(0).nullable(),
    packetLossPct: z.number().min(0).max(100).nullable(),
    rttMs: z.number().min(0).nullable(),
  })
  .meta({ id: 'CallQuality' });
export type CallQuality = z.infer<typeof callQualitySchema>;

export const callLegSchema = z
  .object({
    legId: z.string().min(1),
    from: callPartySchema,
    to: callPartySchema,
    startedAt: utcTimestampSchema.nullable(),
    answeredAt: utcTimestampSchema.nullable(),
    endedAt: utcTimestampSchema.nullable(),
    ringSeconds: wholeSecondsSchema.nullable(),
    talkSeconds: wholeSecondsSchema.nullable(),
    disposition: callDispositionSchema.nullable(),
    causeCodes: causeCodesSchema,
    quality: callQualitySchema.nullable(),
    attributes: attributesSchema,
  })
  .meta({ id: 'CallLeg' });
export type CallLeg = z.infer<typeof callLegSchema>;

export const callRecordingSchema = z
  .object({
    uri: z
      .string()
      .min(1)
      .describe('Where the media is: https URL, s3://bucket/key, or a source-scoped reference.'),
    sourceRecordingId: z.string().nullable(),
    mediaType: z.string().nullable(),
    startedAt: utcTimestampSchema.nullable(),
    durationSeconds: z.number().min(0).nullable(),
  })
  .meta({ id: 'CallRecording' });
export type CallRecording = z.infer<typeof callRecordingSchema>;

export const namedRefSchema = z.object({ id: z.string().nullable(), name: z.string().nullable() });

export const sourceVersionSchema = z
  .union([z.number().min(0), z.string().min(1)])
  .describe(
    'Orders deliveries of the same source call: the larger value is newer. Numbers compare numerically, ' +
      'strings (ISO timestamps) lexicographically; one source always uses one kind.',
  );
export type SourceVersion = z.infer<typeof sourceVersionSchema>;

export const normalisedCallSchema = z
  .object({
    source: callSourceSchema,
    sourceCallId: z.string().min(1).describe('Id of the call in the source; unique per tenant and source.'),
    conversationId: z
      .string()
      .min(1)
      .describe('Groups records that belong to one conversation (transfers, A/B legs written separately).'),
    sourceVersion: sourceVersionSchema,
    direction: callDirectionSchema,
    // sourceDirection, holdSeconds and afterCallWorkSeconds came after v1 was first published:
    // a record stored or sent without them reads as null.
    sourceDirection: z
      .string()
      .min(1)
      .nullable()
      .default(null)
      .describe(
        'The direction exactly as the source spelled it (FreeSWITCH channel direction, Twilio Direction, ' +
          'Connect InitiationMethod, ...); null when the source states none. `direction` is its reading ' +
          'from the tenant; docs/connectors-formats.md says per source how one maps to the other.',
      ),
    from: callPartySchema,
    to: callPartySchema,
    startedAt: utcTimestampSchema,
    answeredAt: utcTimestampSchema.nullable(),
    endedAt: utcTimestampSchema.nullable().describe('null while the call is still in progress.'),
    ringSeconds: wholeSecondsSchema
      .nullable()
      .describe('Start until answer; for unanswered calls start until the end.'),
    talkSeconds: wholeSecondsSchema
      .nullable()
      .describe(
        "Time the parties talked: the source's own talk time where it reports one (Connect " +
          'AgentInteractionDuration, which leaves out hold), else answer until the end; 0 when never answered.',
      ),
    totalSeconds: wholeSecondsSchema.nullable(),
    holdSeconds: wholeSecondsSchema
      .nullable()
      .default(null)
      .describe('Time the caller spent on hold after the answer, where the source reports it; else null.'),
    afterCallWorkSeconds: wholeSecondsSchema
      .nullable()
      .default(null)
      .describe(
        "The agent's wrap-up after the call (Connect AfterContactWorkDuration), where the source reports it; else null.",
      ),
    disposition: callDispositionSchema.nullable().describe('null while the outcome is not known yet.'),
    causeCodes: causeCodesSchema,
    agent: namedRefSchema.nullable(),
    queue: namedRefSchema.nullable(),
    recordings: z.array(callRecordingSchema),
    quality: callQualitySchema
      .nullable()
      .describe('Worst values across legs/streams, where the source has them.'),
    legs: z.array(callLegSchema),
    attributes: attributesSchema,
  })
  .meta({ id: 'NormalisedCall' });

/** What a connector produces: the call without any platform bookkeeping. */
export type NormalisedCall = z.infer<typeof normalisedCallSchema>;

export const CALL_ID_PATTERN = /^call_[0-9a-z]{26}$/;

export const callRecordV1Schema = normalisedCallSchema
  .extend({
    id: z.string().regex(CALL_ID_PATTERN).describe('Public id, `call_` + TypeID suffix.'),
    tenantId: z.string().min(1),
    rawObjectKey: z.string().min(1).describe('Object-store key of the archived raw payload.'),
    rawSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .describe('Lower-case hex SHA-256 of the raw payload bytes.'),
    ingestedAt: utcTimestampSchema,
  })
  .meta({
    id: 'CallRecordV1',
    title: 'CallRecord v1',
    description: 'A call record as stored and published by Switchboard (calls.record.ingested.v1).',
  });

/** The stored record: the normalised call plus what the platform adds at ingest. */
export type CallRecordV1 = z.infer<typeof callRecordV1Schema>;

export interface PlatformFields {
  tenantId: string;
  rawObjectKey: string;
  rawSha256: string;
  ingestedAt: string;
  /** Pass an existing id when re-ingesting so the record keeps its public id. */
  id?: string;
}

export function newCallId(): string {
  return typeid('call').toString();
}

export function toCallRecordV1(call: NormalisedCall, platform: PlatformFields): CallRecordV1 {
  return callRecordV1Schema.parse({
    ...call,
    id: platform.id ?? newCallId(),
    tenantId: platform.tenantId,
    rawObjectKey: platform.rawObjectKey,
    rawSha256: platform.rawSha256,
    ingestedAt: platform.ingestedAt,
  });
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * `toCallRecordV1` for a call that has already passed `normalisedCallSchema` (what a connector's
 * last gate lets out as a record): only the platform fields are checked, not the whole call a
 * second time, which cost as much per record as the rest of the schema work. Anything the quick
 * check doubts goes through the full schema, so a bad field is refused with the same error.
 */
export function toCallRecordV1FromValidated(
  call: NormalisedCall,
  platform: PlatformFields & { readonly id: string },
): CallRecordV1 {
  const plausible =
    CALL_ID_PATTERN.test(platform.id) &&
    platform.tenantId.length > 0 &&
    platform.rawObjectKey.length > 0 &&
    SHA256_HEX.test(platform.rawSha256) &&
    utcTimestampSchema.safeParse(platform.ingestedAt).success;
  if (!plausible) return toCallRecordV1(call, platform);
  return {
    ...call,
    id: platform.id,
    tenantId: platform.tenantId,
    rawObjectKey: platform.rawObjectKey,
    rawSha256: platform.rawSha256,
    ingestedAt: platform.ingestedAt,
  };
}

/**
 * Negative when `a` is older than `b`. Mixed kinds should not happen within one source;
 * if they do, numbers sort before strings so the comparison stays total.
 */
export function compareSourceVersions(a: SourceVersion, b: SourceVersion): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'number' ? -1 : 1;
}

export const CALL_RECORD_SCHEMA_ID = 'https://switchboard.dev/schemas/call-record.v1.schema.json';

/** The JSON Schema committed as docs/call-record.v1.schema.json; a test fails when they drift. */
export function callRecordJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(callRecordV1Schema, { target: 'draft-2020-12', io: 'output' });
  return { ...schema, $id: CALL_RECORD_SCHEMA_ID };
}
