import { z } from 'zod';
import type {
  CallDirection,
  CallDisposition,
  CallLeg,
  CallRecording,
  JsonValue,
  NormalisedCall,
} from '../call-record.js';
import { deriveDurations, noCauseCodes, secondsBetween } from './call-summary.js';
import { toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { jsonRaw } from './record-raw.js';
import { isoOrNull, parseZonedIso } from './time-parsing.js';

export type ConnectOptions = NumberingOptions;

const text = z.string().nullish();
const endpointSchema = z.looseObject({ Address: text, Type: text }).nullish();

/**
 * The fields of an Amazon Connect contact trace record that the normaliser reads; everything
 * else passes through untouched into `attributes`.
 */
export const contactTraceRecordSchema = z.looseObject({
  ContactId: z.string().min(1),
  Channel: z.string().min(1),
  InitiationMethod: text,
  InitiationTimestamp: z.string().min(1),
  ConnectedToSystemTimestamp: text,
  DisconnectTimestamp: text,
  LastUpdateTimestamp: z.string().min(1),
  InitialContactId: text,
  PreviousContactId: text,
  NextContactId: text,
  DisconnectReason: text,
  AnsweringMachineDetectionStatus: text,
  CustomerEndpoint: endpointSchema,
  SystemEndpoint: endpointSchema,
  TransferredToEndpoint: endpointSchema,
  TransferCompletedTimestamp: text,
  Agent: z
    .looseObject({
      ARN: text,
      Username: text,
      ConnectedToAgentTimestamp: text,
      AgentInteractionDuration: z.number().nullish(),
      CustomerHoldDuration: z.number().nullish(),
      LongestHoldDuration: z.number().nullish(),
      AfterContactWorkDuration: z.number().nullish(),
      NumberOfHolds: z.number().nullish(),
    })
    .nullish(),
  Queue: z
    .looseObject({
      ARN: text,
      Name: text,
      EnqueueTimestamp: text,
      DequeueTimestamp: text,
      Duration: z.number().nullish(),
    })
    .nullish(),
  Recording: z.looseObject({ Location: text, Status: text, Type: text }).nullish(),
  Recordings: z
    .array(z.looseObject({ Location: text, MediaStreamType: text, StartTimestamp: text, StorageType: text }))
    .nullish(),
  Attributes: z.record(z.string(), z.json()).nullish(),
});
export type ContactTraceRecord = z.infer<typeof contactTraceRecordSchema>;

/**
 * Contact trace records to call records. A contact is delivered again whenever it changes;
 * `LastUpdateTimestamp` becomes `sourceVersion`, so the newest delivery wins.
 */
export function normaliseConnectCtr(input: unknown, options: ConnectOptions = {}): ParseResult {
  return toResult(connectCtrItems(input, options));
}

/** One CTR document (string or parsed), or an array of them. */
export function connectCtrItems(input: unknown, options: ConnectOptions = {}): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  if (Array.isArray(document)) return document.flatMap((item) => connectCtrItems(item, options));
  return guarded(document, () => [mapCtr(document, options)]);
}

function mapCtr(document: unknown, options: ConnectOptions): ParsedItem {
  const parsed = contactTraceRecordSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return quarantine(
      `not a contact trace record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
      document,
      { category: 'unknown_format' },
    );
  }
  const ctr = parsed.data;
  if (ctr.Channel.toUpperCase() !== 'VOICE') {
    return skip(`non-voice contact (${ctr.Channel}): not a call`, document);
  }
  const startMs = parseZonedIso(ctr.InitiationTimestamp);
  const versionMs = parseZonedIso(ctr.LastUpdateTimestamp);
  if (startMs === null)
    return quarantine(`unreadable InitiationTimestamp "${ctr.InitiationTimestamp}"`, document, {
      category: 'unreadable_time',
      field: 'InitiationTimestamp',
    });
  if (versionMs === null)
    return quarantine(`unreadable LastUpdateTimestamp "${ctr.LastUpdateTimestamp}"`, document, {
      category: 'unreadable_time',
      field: 'LastUpdateTimestamp',
    });
  const instant = (value: string | null | undefined): string | null =>
    value ? isoOrNull(parseZonedIso(value)) : null;

  const direction = directionOf(ctr.InitiationMethod);
  const customer = toParty(ctr.CustomerEndpoint?.Address, null, options);
  const system = toParty(ctr.SystemEndpoint?.Address, null, options);
  const [from, to] = direction === 'outbound' ? [system, customer] : [customer, system];

  const agentConnectedAt = instant(ctr.Agent?.ConnectedToAgentTimestamp);
  const systemConnectedAt = instant(ctr.ConnectedToSystemTimestamp);
  const disposition = dispositionOf(ctr, agentConnectedAt, systemConnectedAt);
  // A contact centre call counts as answered when an agent takes it; self-service calls
  // are answered by the flow itself.
  const answeredAt =
    disposition === 'answered' || disposition === 'voicemail'
      ? (agentConnectedAt ?? systemConnectedAt)
      : null;
  const startedAt = isoOrNull(startMs) ?? '';
  const endedAt = instant(ctr.DisconnectTimestamp);
  const transfer = transferOf(ctr, instant, endedAt);
  const contactEndedAt = transfer?.startedAt ?? endedAt;
  const agentPart = agentDurations(ctr, answeredAt, contactEndedAt);
  const durations = deriveDurations(
    { startedAt, answeredAt, endedAt },
    agentPart ? { talkSeconds: agentPart.talkSeconds } : {},
  );
  const causeCodes = { ...noCauseCodes(), sourceText: ctr.DisconnectReason ?? null };
  const agent = ctr.Agent ? { id: lastArnSegment(ctr.Agent.ARN), name: ctr.Agent.Username ?? null } : null;
  const queue = ctr.Queue ? { id: lastArnSegment(ctr.Queue.ARN), name: ctr.Queue.Name ?? null } : null;

  // The contact itself until the agent let go of the customer; a transfer out of Connect (to
  // an outside number) keeps the customer on the contact, with the transfer target, until the
  // disconnect: that part is a leg of its own so the agent's talk time stays the agent's.
  const contactLeg: CallLeg = {
    legId: ctr.ContactId,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt: contactEndedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds:
      agentPart?.talkSeconds ??
      deriveDurations({ startedAt, answeredAt, endedAt: contactEndedAt }).talkSeconds,
    disposition,
    causeCodes: transfer ? noCauseCodes() : causeCodes,
    quality: null,
    attributes: {},
  };
  const transferLeg: CallLeg[] = transfer
    ? [
        {
          legId: `${ctr.ContactId}:transfer`,
          from: customer,
          to: toParty(transfer.address, null, options),
          startedAt: transfer.startedAt,
          answeredAt: transfer.startedAt,
          endedAt,
          // Connect stamps the connection of the transfer target, not when it was dialled.
          ringSeconds: null,
          talkSeconds: secondsBetween(transfer.startedAt, endedAt),
          disposition: 'answered',
          causeCodes,
          quality: null,
          attributes: {},
        },
      ]
    : [];
  const record: NormalisedCall = {
    source: 'connect',
    sourceCallId: ctr.ContactId,
    conversationId: ctr.InitialContactId ?? ctr.ContactId,
    sourceVersion: new Date(versionMs).toISOString(),
    direction,
    sourceDirection: ctr.InitiationMethod || null,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ...durations,
    holdSeconds: agentPart?.holdSeconds ?? null,
    afterCallWorkSeconds: agentPart?.afterCallWorkSeconds ?? null,
    disposition,
    causeCodes,
    agent,
    queue,
    recordings: recordingsOf(ctr),
    quality: null,
    legs: [contactLeg, ...transferLeg],
    attributes: attributesOf(ctr),
  };
  return validated(record, jsonRaw(document));
}

interface Transfer {
  address: string;
  startedAt: string;
}

/** A transfer out of Connect: TransferCompletedTimestamp is when the transfer endpoint was connected. */
function transferOf(
  ctr: ContactTraceRecord,
  instant: (value: string | null | undefined) => string | null,
  endedAt: string | null,
): Transfer | undefined {
  const address = ctr.TransferredToEndpoint?.Address;
  const startedAt = instant(ctr.TransferCompletedTimestamp);
  if (!address || startedAt === null || endedAt === null || startedAt > endedAt) return undefined;
  return { address, startedAt };
}

interface AgentDurations {
  talkSeconds: number | null;
  holdSeconds: number | null;
  afterCallWorkSeconds: number | null;
}

const wholeSeconds = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) || value < 0 ? null : Math.round(value);

/**
 * The agent's part of the contact from the CTR's own figures: AgentInteractionDuration is talk
 * (hold left out), CustomerHoldDuration the hold, AfterContactWorkDuration the wrap-up. Only when
 * the interaction time is missing is talk worked out: the agent's time on the contact less hold.
 * Undefined when no agent took the contact.
 */
function agentDurations(
  ctr: ContactTraceRecord,
  answeredAt: string | null,
  agentLeftAt: string | null,
): AgentDurations | undefined {
  if (!ctr.Agent?.ConnectedToAgentTimestamp || answeredAt === null) return undefined;
  const holdSeconds = wholeSeconds(ctr.Agent.CustomerHoldDuration);
  const onContact = secondsBetween(answeredAt, agentLeftAt);
  const talkSeconds =
    wholeSeconds(ctr.Agent.AgentInteractionDuration) ??
    (onContact === null ? null : Math.max(0, onContact - (holdSeconds ?? 0)));
  return { talkSeconds, holdSeconds, afterCallWorkSeconds: wholeSeconds(ctr.Agent.AfterContactWorkDuration) };
}

function directionOf(method: string | null | undefined): CallDirection {
  switch (method?.toUpperCase()) {
    case 'INBOUND':
    case 'TRANSFER':
    case 'QUEUE_TRANSFER':
      return 'inbound';
    case 'OUTBOUND':
    case 'CALLBACK':
    case 'API':
    case 'EXTERNAL_OUTBOUND':
    case 'CAMPAIGN':
      return 'outbound';
    default:
      return 'unknown';
  }
}

function dispositionOf(
  ctr: ContactTraceRecord,
  agentConnectedAt: string | null,
  systemConnectedAt: string | null,
): CallDisposition {
  const amd = ctr.AnsweringMachineDetectionStatus?.toUpperCase() ?? '';
  if (amd.startsWith('VOICEMAIL') || amd === 'AMD_UNRESOLVED_VOICEMAIL') return 'voicemail';
  if (agentConnectedAt !== null) return 'answered';
  // Queued and never reached an agent: the caller abandoned.
  if (ctr.Queue?.EnqueueTimestamp) return 'cancelled';
  const reason = ctr.DisconnectReason?.toUpperCase() ?? '';
  if (reason.includes('BUSY')) return 'busy';
  if (reason.includes('NO_ANSWER') || reason.includes('UNANSWERED') || reason === 'EXPIRED')
    return 'no_answer';
  if (systemConnectedAt !== null) return 'answered';
  return 'failed';
}

function lastArnSegment(arn: string | null | undefined): string | null {
  if (!arn) return null;
  return arn.split('/').pop() ?? arn;
}

function mediaTypeOf(location: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(location)?.[1]?.toLowerCase();
  if (extension === 'wav') return 'audio/x-wav';
  if (extension === 'mp3') return 'audio/x-mp3';
  return null;
}

function recordingsOf(ctr: ContactTraceRecord): CallRecording[] {
  const locations = new Map<string, string | null>();
  for (const recording of ctr.Recordings ?? []) {
    if (recording.Location) locations.set(recording.Location, recording.StartTimestamp ?? null);
  }
  if (ctr.Recording?.Location && !locations.has(ctr.Recording.Location))
    locations.set(ctr.Recording.Location, null);
  return [...locations].map(([location, start]) => ({
    // Connect reports "bucket/key"; an s3:// URI says so unambiguously.
    uri: /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? location : `s3://${location}`,
    sourceRecordingId: null,
    mediaType: mediaTypeOf(location),
    startedAt: start ? isoOrNull(parseZonedIso(start)) : null,
    durationSeconds: null,
  }));
}

function attributesOf(ctr: ContactTraceRecord): Record<string, JsonValue> {
  const attributes: Record<string, JsonValue> = {};
  const put = (key: string, value: JsonValue | undefined): void => {
    if (value !== undefined && value !== null && value !== '') attributes[key] = value;
  };
  put('initiationMethod', ctr.InitiationMethod);
  put('disconnectReason', ctr.DisconnectReason);
  put('previousContactId', ctr.PreviousContactId);
  put('nextContactId', ctr.NextContactId);
  put('transferredTo', ctr.TransferredToEndpoint?.Address);
  put('queueSeconds', ctr.Queue?.Duration);
  put('agentInteractionSeconds', ctr.Agent?.AgentInteractionDuration);
  put('customerHoldSeconds', ctr.Agent?.CustomerHoldDuration);
  put('longestHoldSeconds', ctr.Agent?.LongestHoldDuration);
  put('afterContactWorkSeconds', ctr.Agent?.AfterContactWorkDuration);
  put('numberOfHolds', ctr.Agent?.NumberOfHolds);
  put('agentArn', ctr.Agent?.ARN);
  put('queueArn', ctr.Queue?.ARN);
  put('instanceArn', typeof ctr.InstanceARN === 'string' ? ctr.InstanceARN : undefined);
  if (ctr.Attributes && Object.keys(ctr.Attributes).length > 0) attributes.contactAttributes = ctr.Attributes;
  return attributes;
}
