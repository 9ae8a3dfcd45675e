import { z } from 'zod';
import type {
  CallDirection,
  CallDisposition,
  CallLeg,
  CallParty,
  CallQuality,
  JsonValue,
  NormalisedCall,
} from '../call-record.js';
import {
  deriveDurations,
  dispositionFromSip,
  earliest,
  noCauseCodes,
  round,
  sipCodeOrNull,
  worstQuality,
} from '../connectors/call-summary.js';
import { toParty, type NumberingOptions } from '../connectors/party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from '../connectors/parse-result.js';
import { jsonRaw } from '../connectors/record-raw.js';
import { isoOrNull, parseIsoDurationMs, parseZonedIso } from '../connectors/time-parsing.js';

export type TeamsOptions = NumberingOptions;

const text = z.string().nullish();

const identitySchema = z.looseObject({
  id: text,
  displayName: text,
  tenantId: text,
  userPrincipalName: text,
});
const identitySetSchema = z.looseObject({
  user: identitySchema.nullish(),
  phone: identitySchema.nullish(),
  guest: identitySchema.nullish(),
  application: identitySchema.nullish(),
  applicationInstance: identitySchema.nullish(),
  acsUser: identitySchema.nullish(),
  spoolUser: identitySchema.nullish(),
});
const endpointSchema = z.looseObject({
  identity: identitySetSchema.nullish(),
  associatedIdentity: identitySchema.nullish(),
  name: text,
});
const streamSchema = z.looseObject({
  streamDirection: text,
  averageJitter: text,
  averagePacketLossRate: z.number().nullish(),
  averageRoundTripTime: text,
});
const failureInfoSchema = z.looseObject({ stage: text, reason: text }).nullish();
const segmentSchema = z.looseObject({
  id: text,
  startDateTime: text,
  endDateTime: text,
  failureInfo: failureInfoSchema,
  media: z.array(z.looseObject({ label: text, streams: z.array(streamSchema).nullish() })).nullish(),
});
const sessionSchema = z.looseObject({
  id: z.string(),
  startDateTime: text,
  endDateTime: text,
  modalities: z.array(z.string()).nullish(),
  caller: endpointSchema.nullish(),
  callee: endpointSchema.nullish(),
  failureInfo: failureInfoSchema,
  segments: z.array(segmentSchema).nullish(),
});
const participantSchema = z.looseObject({ id: text, identity: identitySetSchema.nullish() });

/** The parts of a Graph `callRecord` the normaliser reads. */
export const teamsCallRecordSchema = z.looseObject({
  id: z.string().min(1),
  version: z.number().int().nonnegative(),
  type: text,
  modalities: z.array(z.string()).nullish(),
  lastModifiedDateTime: text,
  startDateTime: z.string(),
  endDateTime: text,
  joinWebUrl: text,
  organizer_v2: participantSchema.nullish(),
  organizer: identitySetSchema.nullish(),
  participants_v2: z.array(participantSchema).nullish(),
  sessions: z.array(sessionSchema).nullish(),
  'sessions@odata.nextLink': text,
  'participants_v2@odata.nextLink': text,
});
export type TeamsCallRecord = z.infer<typeof teamsCallRecordSchema>;
type TeamsSession = z.infer<typeof sessionSchema>;
type IdentitySet = z.infer<typeof identitySetSchema>;

const sessionsPageSchema = z.looseObject({
  value: z.array(sessionSchema),
  '@odata.nextLink': text,
  '@odata.context': text,
});

export type TeamsDocumentKind =
  | 'callRecord'
  | 'sessionsPage'
  | 'pstnCalls'
  | 'directRoutingCalls'
  | 'changeNotifications'
  | 'lifecycleNotifications'
  | 'subscriptionRequest'
  | 'unknown';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tells the Graph documents a Teams integration receives apart. */
export function classifyTeamsDocument(document: unknown): TeamsDocumentKind {
  if (!isObject(document)) return 'unknown';
  const context = typeof document['@odata.context'] === 'string' ? document['@odata.context'] : '';
  const values = Array.isArray(document.value) ? document.value : null;
  const first: unknown = values?.[0];
  if (/pstnCallLogRow/i.test(context)) return 'pstnCalls';
  if (/directRoutingLogRow/i.test(context)) return 'directRoutingCalls';
  if (values) {
    if (isObject(first) && 'lifecycleEvent' in first) return 'lifecycleNotifications';
    if (isObject(first) && 'changeType' in first && 'resource' in first) return 'changeNotifications';
    if (isObject(first) && 'callDurationSource' in first) return 'pstnCalls';
    if (isObject(first) && 'successfulCall' in first) return 'directRoutingCalls';
    if (/\/sessions/i.test(context) || (isObject(first) && 'caller' in first && 'callee' in first))
      return 'sessionsPage';
    return 'unknown';
  }
  if ('notificationUrl' in document && 'changeType' in document) return 'subscriptionRequest';
  if ('startDateTime' in document && 'version' in document && 'id' in document) return 'callRecord';
  return 'unknown';
}

/**
 * Any Graph callRecords document to records: a call record (with expanded sessions and
 * segments), or a getPstnCalls / getDirectRoutingCalls page. Notifications, subscription
 * bodies and stray session pages are reported as skipped with what to do about them.
 */
export function normaliseTeams(input: unknown, options: TeamsOptions = {}): ParseResult {
  return toResult(teamsItems(input, options));
}

export function teamsItems(input: unknown, options: TeamsOptions = {}): ParsedItem[] {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input) as unknown;
    } catch (error) {
      return [quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' })];
    }
  }
  const kind = classifyTeamsDocument(document);
  switch (kind) {
    case 'callRecord':
      return guarded(document, () => [mapCallRecord(document, options)]);
    case 'pstnCalls':
      return rowsOf(document).flatMap((row) => guarded(row, () => [mapPstnRow(row, options)]));
    case 'directRoutingCalls':
      return rowsOf(document).flatMap((row) => guarded(row, () => [mapDirectRoutingRow(row, options)]));
    case 'changeNotifications':
      return [
        skip('Graph change notification: fetch the call record it names (parseGraphNotifications)', document),
      ];
    case 'lifecycleNotifications':
      return [skip('Graph lifecycle notification: subscription housekeeping, not a call', document)];
    case 'subscriptionRequest':
      return [skip('Graph subscription request body, not a call', document)];
    case 'sessionsPage':
      return [
        skip('callRecord sessions page: merge it into its call record (mergeTeamsSessionPages)', document),
      ];
    case 'unknown':
      return [
        quarantine('not a recognised Microsoft Graph callRecords document', document, {
          category: 'unknown_format',
        }),
      ];
  }
}

function rowsOf(document: unknown): unknown[] {
  return isObject(document) && Array.isArray(document.value) ? document.value : [];
}

/**
 * Appends session pages fetched through `sessions@odata.nextLink` to the call record they
 * belong to. Sessions are keyed by id, so a page repeating a session replaces the earlier
 * copy (later pages carry the expanded segments). The returned record's nextLink is that
 * of the last page, so the caller knows whether to keep paging.
 */
export function mergeTeamsSessionPages(
  callRecord: Readonly<Record<string, unknown>>,
  pages: readonly unknown[],
): Record<string, unknown> {
  const byId = new Map<string, unknown>();
  const existing = Array.isArray(callRecord.sessions) ? (callRecord.sessions as unknown[]) : [];
  for (const session of existing)
    if (isObject(session) && typeof session.id === 'string') byId.set(session.id, session);
  let nextLink: unknown = callRecord['sessions@odata.nextLink'];
  for (const page of pages) {
    const parsed = sessionsPageSchema.safeParse(page);
    if (!parsed.success)
      throw new TypeError('not a callRecord sessions page: missing "value" array of sessions');
    for (const session of parsed.data.value) {
      byId.delete(session.id);
      byId.set(session.id, session);
    }
    nextLink = parsed.data['@odata.nextLink'] ?? undefined;
  }
  const merged: Record<string, unknown> = { ...callRecord, sessions: [...byId.values()] };
  if (typeof nextLink === 'string') merged['sessions@odata.nextLink'] = nextLink;
  else delete merged['sessions@odata.nextLink'];
  return merged;
}

function partyOf(
  identity: IdentitySet | null | undefined,
  fallbackName: string | null,
  options: TeamsOptions,
): CallParty {
  const phone = identity?.phone;
  if (phone?.id) return toParty(phone.id, phone.displayName, options);
  const person =
    identity?.user ??
    identity?.guest ??
    identity?.acsUser ??
    identity?.spoolUser ??
    identity?.applicationInstance ??
    identity?.application;
  if (person) return toParty(person.userPrincipalName ?? person.id, person.displayName, options);
  return toParty(null, fallbackName, options);
}

function endpointParty(endpoint: TeamsSession['caller'], options: TeamsOptions): CallParty {
  if (!endpoint) return toParty(null, null, options);
  if (endpoint.identity) return partyOf(endpoint.identity, endpoint.name ?? null, options);
  const associated = endpoint.associatedIdentity;
  if (associated)
    return toParty(associated.userPrincipalName ?? associated.id, associated.displayName, options);
  return toParty(null, null, options);
}

function isPhone(endpoint: TeamsSession['caller']): boolean {
  return Boolean(endpoint?.identity?.phone?.id);
}

function streamQuality(stream: z.infer<typeof streamSchema>): CallQuality {
  const loss = stream.averagePacketLossRate;
  return {
    mos: null,
    jitterMs: parseIsoDurationMs(stream.averageJitter),
    packetLossPct: typeof loss === 'number' ? round(loss * 100, 3) : null,
    rttMs: parseIsoDurationMs(stream.averageRoundTripTime),
  };
}

function sessionLeg(session: TeamsSession, options: TeamsOptions): CallLeg {
  const startedAt = session.startDateTime ? isoOrNull(parseZonedIso(session.startDateTime)) : null;
  const endedAt = session.endDateTime ? isoOrNull(parseZonedIso(session.endDateTime)) : null;
  const segments = session.segments ?? [];
  const failure = session.failureInfo ?? segments.find((segment) => segment.failureInfo)?.failureInfo ?? null;
  const failed = failure !== null && segments.every((segment) => segment.failureInfo);
  const answeredAt = failed ? null : startedAt;
  const quality = worstQuality(
    segments.flatMap((segment) =>
      (segment.media ?? []).flatMap((media) => (media.streams ?? []).map(streamQuality)),
    ),
  );
  const durations = deriveDurations({ startedAt, answeredAt, endedAt });
  const attributes: Record<string, JsonValue> = {};
  if (session.modalities) attributes.modalities = session.modalities;
  if (failure) attributes.failureInfo = { stage: failure.stage ?? null, reason: failure.reason ?? null };
  return {
    legId: session.id,
    from: endpointParty(session.caller, options),
    to: endpointParty(session.callee, options),
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    disposition: failed ? 'failed' : 'answered',
    causeCodes: { ...noCauseCodes(), sourceText: failure?.reason ?? null },
    quality,
    attributes,
  };
}

function mapCallRecord(document: unknown, options: TeamsOptions): ParsedItem {
  const parsed = teamsCallRecordSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return quarantine(
      `not a Graph callRecord: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      document,
      { category: 'unknown_format' },
    );
  }
  const callRecord = parsed.data;
  const startedAt = isoOrNull(parseZonedIso(callRecord.startDateTime));
  if (startedAt === null)
    return quarantine(`unreadable startDateTime "${callRecord.startDateTime}"`, document, {
      category: 'unreadable_time',
      field: 'startDateTime',
    });
  const endedAt = callRecord.endDateTime ? isoOrNull(parseZonedIso(callRecord.endDateTime)) : null;
  const sessions = callRecord.sessions ?? [];
  const legs = sessions.map((session) => sessionLeg(session, options));
  const connected = legs.filter((leg) => leg.disposition === 'answered');
  // Without expanded sessions the outcome is not in the document: unknown, not a guess.
  const disposition: CallDisposition | null =
    legs.length === 0 ? null : connected.length > 0 ? 'answered' : 'failed';
  const answeredAt = earliest(connected.map((leg) => leg.answeredAt));

  const organizerIdentity = callRecord.organizer_v2?.identity ?? callRecord.organizer ?? null;
  const organizerUserId = organizerIdentity?.user?.id ?? null;
  const firstSession = sessions[0];
  let from: CallParty;
  let to: CallParty;
  if (firstSession) {
    from = endpointParty(firstSession.caller, options);
    to = endpointParty(firstSession.callee, options);
  } else {
    from = partyOf(organizerIdentity, null, options);
    const other = (callRecord.participants_v2 ?? []).find(
      (participant) => (participant.identity?.user?.id ?? participant.id) !== organizerUserId,
    );
    to =
      callRecord.type === 'peerToPeer' && other
        ? partyOf(other.identity, null, options)
        : toParty(null, null, options);
  }
  const direction = directionOf(firstSession, callRecord);
  const durations =
    disposition === null
      ? {
          ringSeconds: null,
          talkSeconds: null,
          totalSeconds: deriveDurations({ startedAt, answeredAt, endedAt }).totalSeconds,
        }
      : deriveDurations({ startedAt, answeredAt, endedAt });
  const causeCodes = legs.find((leg) => leg.causeCodes.sourceText !== null)?.causeCodes ?? noCauseCodes();

  const attributes: Record<string, JsonValue> = { callType: callRecord.type ?? null };
  if (callRecord.modalities) attributes.modalities = callRecord.modalities;
  if (callRecord.lastModifiedDateTime) attributes.lastModifiedDateTime = callRecord.lastModifiedDateTime;
  if (callRecord.joinWebUrl) attributes.joinWebUrl = callRecord.joinWebUrl;
  if (organizerIdentity?.user) {
    attributes.organizer = {
      id: organizerIdentity.user.id ?? null,
      displayName: organizerIdentity.user.displayName ?? null,
      tenantId: organizerIdentity.user.tenantId ?? null,
    };
  }
  if (callRecord.participants_v2) attributes.participantCount = callRecord.participants_v2.length;
  // The legs are incomplete until every sessions page has been fetched and merged.
  if (callRecord['sessions@odata.nextLink'])
    attributes.sessionsNextLink = callRecord['sessions@odata.nextLink'];
  if (callRecord['participants_v2@odata.nextLink']) {
    attributes.participantsNextLink = callRecord['participants_v2@odata.nextLink'];
  }

  const record: NormalisedCall = {
    source: 'teams',
    sourceCallId: callRecord.id,
    conversationId: callRecord.id,
    sourceVersion: callRecord.version,
    direction,
    sourceDirection: null,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ...durations,
    disposition,
    causeCodes,
    agent: null,
    queue: null,
    recordings: [],
    quality: worstQuality(legs.map((leg) => leg.quality)),
    legs,
    attributes,
  };
  return validated(record, jsonRaw(document));
}

function directionOf(session: TeamsSession | undefined, callRecord: TeamsCallRecord): CallDirection {
  if (session) {
    const callerPhone = isPhone(session.caller);
    const calleePhone = isPhone(session.callee);
    if (callerPhone && !calleePhone) return 'inbound';
    if (!callerPhone && calleePhone) return 'outbound';
    if (!callerPhone && !calleePhone) {
      const tenants = [session.caller, session.callee].map(
        (endpoint) => endpoint?.identity?.user?.tenantId ?? endpoint?.associatedIdentity?.tenantId ?? null,
      );
      return tenants[0] !== null && tenants[0] === tenants[1] ? 'internal' : 'unknown';
    }
    return 'unknown';
  }
  const participants = callRecord.participants_v2 ?? [];
  if (participants.some((participant) => participant.identity?.phone)) return 'unknown';
  const tenants = new Set(participants.map((participant) => participant.identity?.user?.tenantId ?? null));
  return participants.length > 0 && tenants.size === 1 && !tenants.has(null) ? 'internal' : 'unknown';
}

const pstnRowSchema = z.looseObject({
  id: z.string().min(1),
  callId: text,
  userId: text,
  userPrincipalName: text,
  userDisplayName: text,
  startDateTime: z.string(),
  endDateTime: text,
  duration: z.number().int().nonnegative().nullish(),
  callType: text,
  callerNumber: text,
  calleeNumber: text,
  charge: z.number().nullish(),
  currency: text,
  destinationName: text,
  conferenceId: text,
  operator: text,
  usageCountryCode: text,
});

function callTypeDirection(callType: string | null | undefined): CallDirection {
  const value = callType ?? '';
  if (/(^|_)in($|_)|^byotin|in$/i.test(value)) return 'inbound';
  if (/(^|_)out($|_)|^byotout|out$/i.test(value)) return 'outbound';
  return 'unknown';
}

/** getPstnCalls rows are billed (connected) Calling Plan calls. */
function mapPstnRow(row: unknown, options: TeamsOptions): ParsedItem {
  const parsed = pstnRowSchema.safeParse(row);
  if (!parsed.success) return quarantine('not a pstnCallLogRow', row, { category: 'unknown_format' });
  const call = parsed.data;
  const startedAt = isoOrNull(parseZonedIso(call.startDateTime));
  if (startedAt === null)
    return quarantine(`unreadable startDateTime "${call.startDateTime}"`, row, {
      category: 'unreadable_time',
      field: 'startDateTime',
    });
  const endedAt = call.endDateTime ? isoOrNull(parseZonedIso(call.endDateTime)) : null;
  const direction = callTypeDirection(call.callType);
  const user = call.userDisplayName ?? null;
  const from = toParty(call.callerNumber, direction === 'outbound' ? user : null, options);
  const to = toParty(call.calleeNumber, direction === 'inbound' ? user : null, options);
  const durations = deriveDurations(
    { startedAt, answeredAt: startedAt, endedAt },
    call.duration !== null && call.duration !== undefined ? { talkSeconds: call.duration } : {},
  );
  const leg: CallLeg = {
    legId: call.id,
    from,
    to,
    startedAt,
    answeredAt: startedAt,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    disposition: 'answered',
    causeCodes: noCauseCodes(),
    quality: null,
    attributes: {},
  };
  const attributes: Record<string, JsonValue> = { logType: 'pstnCall' };
  for (const key of [
    'callType',
    'charge',
    'currency',
    'destinationName',
    'conferenceId',
    'operator',
    'usageCountryCode',
    'userPrincipalName',
  ] as const) {
    const value = call[key];
    if (value !== null && value !== undefined) attributes[key] = value;
  }
  const record: NormalisedCall = {
    source: 'teams',
    // Log rows have their own id space; the prefix keeps them apart from callRecord ids.
    sourceCallId: `pstn:${call.id}`,
    conversationId: call.callId ?? call.id,
    // Log rows are written once, after the call; there is no later version.
    sourceVersion: 1,
    direction,
    sourceDirection: call.callType || null,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt,
    answeredAt: startedAt,
    endedAt,
    ...durations,
    disposition: 'answered',
    causeCodes: noCauseCodes(),
    agent: call.userId || user ? { id: call.userId ?? null, name: user } : null,
    queue: null,
    recordings: [],
    quality: null,
    legs: [leg],
    attributes,
  };
  return validated(record, jsonRaw(row));
}

const directRoutingRowSchema = z.looseObject({
  id: z.string().min(1),
  correlationId: text,
  userId: text,
  userPrincipalName: text,
  userDisplayName: text,
  startDateTime: text,
  inviteDateTime: text,
  failureDateTime: text,
  endDateTime: text,
  duration: z.number().int().nonnegative().nullish(),
  callType: text,
  successfulCall: z.boolean().nullish(),
  callerNumber: text,
  calleeNumber: text,
  finalSipCode: z.number().int().nullish(),
  finalSipCodePhrase: text,
  callEndSubReason: z.number().int().nullish(),
  trunkFullyQualifiedDomainName: text,
  mediaBypassEnabled: z.boolean().nullish(),
  mediaPathLocation: text,
  signalingLocation: text,
});

/** getDirectRoutingCalls rows: every attempt through an SBC, successful or not. */
function mapDirectRoutingRow(row: unknown, options: TeamsOptions): ParsedItem {
  const parsed = directRoutingRowSchema.safeParse(row);
  if (!parsed.success) return quarantine('not a directRoutingLogRow', row, { category: 'unknown_format' });
  const call = parsed.data;
  // 0001-01-01T00:00:00Z is Graph's "no value"; isoOrNull drops it.
  const at = (value: string | null | undefined): string | null =>
    value ? isoOrNull(parseZonedIso(value)) : null;
  const invitedAt = at(call.inviteDateTime);
  const connectedAt = at(call.startDateTime);
  const startedAt = invitedAt ?? connectedAt;
  if (startedAt === null)
    return quarantine('row has neither inviteDateTime nor startDateTime', row, {
      category: 'missing_field',
      field: 'startDateTime',
    });
  const successful = call.successfulCall === true;
  const answeredAt = successful ? connectedAt : null;
  const endedAt = successful ? at(call.endDateTime) : (at(call.failureDateTime) ?? at(call.endDateTime));
  const sip = sipCodeOrNull(call.finalSipCode);
  const disposition: CallDisposition = successful ? 'answered' : (dispositionFromSip(sip) ?? 'failed');
  const direction = callTypeDirection(call.callType);
  const user = call.userDisplayName ?? null;
  const from = toParty(call.callerNumber, direction === 'outbound' ? user : null, options);
  const to = toParty(call.calleeNumber, direction === 'inbound' ? user : null, options);
  const durations = deriveDurations(
    { startedAt, answeredAt, endedAt },
    successful && call.duration !== null && call.duration !== undefined ? { talkSeconds: call.duration } : {},
  );
  const causeCodes = { ...noCauseCodes(), sip, sourceText: call.finalSipCodePhrase ?? null };
  const leg: CallLeg = {
    legId: call.id,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    disposition,
    causeCodes,
    quality: null,
    attributes: {},
  };
  const attributes: Record<string, JsonValue> = { logType: 'directRoutingCall' };
  for (const key of [
    'callType',
    'callEndSubReason',
    'trunkFullyQualifiedDomainName',
    'mediaBypassEnabled',
    'mediaPathLocation',
    'signalingLocation',
    'userPrincipalName',
    'finalSipCode',
  ] as const) {
    const value = call[key];
    if (value !== null && value !== undefined) attributes[key] = value;
  }
  const record: NormalisedCall = {
    source: 'teams',
    sourceCallId: `directRouting:${call.id}`,
    conversationId: call.correlationId ?? call.id,
    sourceVersion: 1,
    direction,
    sourceDirection: call.callType || null,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    from,
    to,
    startedAt,
    answeredAt,
    endedAt,
    ...durations,
    disposition,
    causeCodes,
    agent: call.userId || user ? { id: call.userId ?? null, name: user } : null,
    queue: null,
    recordings: [],
    quality: null,
    legs: [leg],
    attributes,
  };
  return validated(record, jsonRaw(row));
}
