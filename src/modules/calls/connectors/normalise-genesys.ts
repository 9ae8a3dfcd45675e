import { z } from 'zod';
import type { CallDisposition, CallLeg, CallQuality, JsonValue, NormalisedCall } from '../call-record.js';
import { deriveDurations, earliest, latest, noCauseCodes, round, worstQuality } from './call-summary.js';
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

export type GenesysOptions = NumberingOptions;

const text = z.string().nullish();

const segmentSchema = z.looseObject({
  segmentStart: z.string(),
  segmentEnd: text,
  segmentType: text,
  queueId: text,
  disconnectType: text,
});
const metricSchema = z.looseObject({ name: z.string(), value: z.number(), emitDate: text });
const mediaEndpointStatSchema = z.looseObject({
  minMos: z.number().nullish(),
  maxLatencyMs: z.number().nullish(),
});
const sessionSchema = z.looseObject({
  sessionId: text,
  mediaType: z.string(),
  direction: text,
  ani: text,
  dnis: text,
  protocolCallId: text,
  segments: z.array(segmentSchema).default([]),
  metrics: z.array(metricSchema).default([]),
  mediaEndpointStats: z.array(mediaEndpointStatSchema).default([]),
  flow: z.looseObject({ flowName: text, exitReason: text, transferType: text }).nullish(),
});
const participantSchema = z.looseObject({
  participantId: text,
  participantName: text,
  purpose: z.string(),
  userId: text,
  sessions: z.array(sessionSchema).default([]),
});

/** The parts of an analytics conversation detail record the normaliser reads. */
export const genesysConversationSchema = z.looseObject({
  conversationId: z.string().min(1),
  conversationStart: z.string().min(1),
  conversationEnd: text,
  originatingDirection: text,
  mediaStatsMinConversationMos: z.number().nullish(),
  mediaStatsMinConversationRFactor: z.number().nullish(),
  divisionIds: z.array(z.string()).nullish(),
  participants: z.array(participantSchema),
});
type Conversation = z.infer<typeof genesysConversationSchema>;
type Participant = z.infer<typeof participantSchema>;
type Session = z.infer<typeof sessionSchema>;

/**
 * Genesys Cloud conversation detail records (the analytics details query response, a single
 * conversation, or an array). Voice conversations become call records; chats, emails and
 * messages are reported as skipped, not as failures.
 */
export function normaliseGenesysConversations(input: unknown, options: GenesysOptions = {}): ParseResult {
  return toResult(genesysItems(input, options));
}

export function genesysItems(input: unknown, options: GenesysOptions = {}): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  if (Array.isArray(document)) return document.flatMap((item) => genesysItems(item, options));
  if (typeof document === 'object' && document !== null && 'conversations' in document) {
    const conversations = document.conversations;
    if (Array.isArray(conversations)) return conversations.flatMap((item) => genesysItems(item, options));
    return [skip('details query response without conversations', document)];
  }
  return guarded(document, () => [mapConversation(document, options)]);
}

const AGENT_PURPOSES = new Set(['agent', 'user']);
const CUSTOMER_PURPOSES = new Set(['customer', 'external']);

function isVoice(session: Session): boolean {
  return session.mediaType.toLowerCase() === 'voice';
}

function interactStart(sessions: readonly Session[]): string | null {
  return earliest(
    sessions.flatMap((session) =>
      session.segments
        .filter((segment) => segment.segmentType?.toLowerCase() === 'interact')
        .map((segment) => isoOrNull(parseZonedIso(segment.segmentStart))),
    ),
  );
}

function mapConversation(document: unknown, options: GenesysOptions): ParsedItem {
  const parsed = genesysConversationSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return quarantine(
      `not a conversation detail record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
      document,
      { category: 'unknown_format' },
    );
  }
  const conversation = parsed.data;
  const voiceSessions = conversation.participants.flatMap((participant) =>
    participant.sessions.filter(isVoice),
  );
  if (voiceSessions.length === 0) {
    const media = [
      ...new Set(conversation.participants.flatMap((p) => p.sessions.map((session) => session.mediaType))),
    ];
    return skip(`non-voice conversation (media: ${media.join(', ') || 'none'}): not a call`, document);
  }
  const startedAt = isoOrNull(parseZonedIso(conversation.conversationStart));
  if (startedAt === null) {
    return quarantine(`unreadable conversationStart "${conversation.conversationStart}"`, document, {
      category: 'unreadable_time',
      field: 'conversationStart',
    });
  }
  const endedAt = conversation.conversationEnd
    ? isoOrNull(parseZonedIso(conversation.conversationEnd))
    : null;

  const voiceOf = (participant: Participant): Session[] => participant.sessions.filter(isVoice);
  const customer = conversation.participants.find(
    (p) => CUSTOMER_PURPOSES.has(p.purpose) && voiceOf(p).length > 0,
  );
  const customerSession = customer ? voiceOf(customer)[0] : voiceSessions[0];
  const agents = conversation.participants.filter(
    (p) => AGENT_PURPOSES.has(p.purpose) && voiceOf(p).length > 0,
  );
  const acd = conversation.participants.find((p) => p.purpose === 'acd');
  const agentAnsweredAt = interactStart(agents.flatMap(voiceOf));
  const customerConnectedAt = interactStart(customer ? voiceOf(customer) : []);
  const metricNames = new Set(
    voiceSessions.flatMap((session) => session.metrics.map((metric) => metric.name)),
  );
  const hasVoicemail = conversation.participants.some((p) => p.purpose === 'voicemail');

  let disposition: CallDisposition;
  if (agentAnsweredAt !== null) disposition = 'answered';
  else if (hasVoicemail) disposition = 'voicemail';
  else if (metricNames.has('tAbandon') || (acd !== undefined && customerConnectedAt === null))
    disposition = 'cancelled';
  else if (customerConnectedAt !== null) disposition = 'answered';
  else disposition = conversation.originatingDirection === 'outbound' ? 'no_answer' : 'failed';
  const answeredAt =
    disposition === 'answered'
      ? (agentAnsweredAt ?? customerConnectedAt)
      : disposition === 'voicemail'
        ? customerConnectedAt
        : null;

  const direction =
    conversation.originatingDirection === 'inbound' || conversation.originatingDirection === 'outbound'
      ? conversation.originatingDirection
      : 'unknown';
  const customerName = customer?.participantName ?? null;
  const from = toParty(customerSession?.ani, direction === 'inbound' ? customerName : null, options);
  const to = toParty(customerSession?.dnis, direction === 'outbound' ? customerName : null, options);
  const legs = conversation.participants.flatMap((participant) =>
    voiceOf(participant).map((session, index) => legOf(participant, session, index, options)),
  );
  const mos = conversation.mediaStatsMinConversationMos;
  const quality =
    mos !== null && mos !== undefined && mos >= 1 && mos <= 5
      ? { mos: round(mos, 2), jitterMs: null, packetLossPct: null, rttMs: null }
      : worstQuality(legs.map((leg) => leg.quality));
  const agent = agents[0];
  const queueId =
    voiceSessions.flatMap((s) => s.segments).find((segment) => segment.queueId)?.queueId ?? null;
  const durations = deriveDurations({ startedAt, answeredAt, endedAt });
  const version = latest([
    endedAt,
    ...voiceSessions.flatMap((session) => [
      ...session.segments.map((segment) =>
        segment.segmentEnd ? isoOrNull(parseZonedIso(segment.segmentEnd)) : null,
      ),
      ...session.metrics.map((metric) =>
        metric.emitDate ? isoOrNull(parseZonedIso(metric.emitDate)) : null,
      ),
    ]),
  ]);

  const record: NormalisedCall = {
    source: 'genesys',
    sourceCallId: conversation.conversationId,
    conversationId: conversation.conversationId,
    sourceVersion: version ?? startedAt,
    direction,
    sourceDirection: conversation.originatingDirection || null,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ...durations,
    disposition,
    causeCodes: {
      ...noCauseCodes(),
      sourceText: customerSession?.segments.map((segment) => segment.disconnectType).find(Boolean) ?? null,
    },
    agent: agent ? { id: agent.userId ?? null, name: agent.participantName ?? null } : null,
    queue: queueId !== null || acd ? { id: queueId, name: acd?.participantName ?? null } : null,
    recordings: [],
    quality,
    legs,
    attributes: attributesOf(conversation),
  };
  return validated(record, jsonRaw(document));
}

function legOf(participant: Participant, session: Session, index: number, options: GenesysOptions): CallLeg {
  const starts = session.segments.map((segment) => isoOrNull(parseZonedIso(segment.segmentStart)));
  const ends = session.segments.map((segment) =>
    segment.segmentEnd ? isoOrNull(parseZonedIso(segment.segmentEnd)) : null,
  );
  const startedAt = earliest(starts);
  const endedAt = latest(ends);
  const answeredAt = interactStart([session]);
  const durations = deriveDurations({ startedAt, answeredAt, endedAt });
  const moses = session.mediaEndpointStats
    .map((stat) => stat.minMos)
    .filter((value): value is number => typeof value === 'number' && value >= 1 && value <= 5);
  const quality: CallQuality | null =
    moses.length > 0
      ? { mos: round(Math.min(...moses), 2), jitterMs: null, packetLossPct: null, rttMs: null }
      : null;
  const attributes: Record<string, JsonValue> = { purpose: participant.purpose };
  if (participant.participantName) attributes.participantName = participant.participantName;
  if (participant.userId) attributes.userId = participant.userId;
  if (session.protocolCallId) attributes.protocolCallId = session.protocolCallId;
  if (session.flow?.flowName) attributes.flowName = session.flow.flowName;
  if (session.flow?.exitReason) attributes.flowExitReason = session.flow.exitReason;
  return {
    legId: session.sessionId ?? `${participant.participantId ?? participant.purpose}:${index}`,
    from: toParty(session.ani, null, options),
    to: toParty(session.dnis, null, options),
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    disposition: answeredAt !== null ? 'answered' : null,
    causeCodes: {
      ...noCauseCodes(),
      sourceText: session.segments.map((segment) => segment.disconnectType).find(Boolean) ?? null,
    },
    quality,
    attributes,
  };
}

function attributesOf(conversation: Conversation): Record<string, JsonValue> {
  const attributes: Record<string, JsonValue> = {};
  if (conversation.originatingDirection) attributes.originatingDirection = conversation.originatingDirection;
  if (conversation.divisionIds) attributes.divisionIds = conversation.divisionIds;
  if (typeof conversation.mediaStatsMinConversationRFactor === 'number') {
    attributes.minConversationRFactor = round(conversation.mediaStatsMinConversationRFactor, 2);
  }
  const participants = conversation.participants.map((p) => p.purpose);
  attributes.participantPurposes = participants;
  return attributes;
}
