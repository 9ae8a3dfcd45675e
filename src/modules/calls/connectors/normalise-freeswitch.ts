import { XMLParser } from 'fast-xml-parser';
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
  dispositionFromQ850,
  noCauseCodes,
  q850OrNull,
  round,
  sipCodeOrNull,
} from './call-summary.js';
import { csvRowsFromText, type CsvRowItem } from './csv-rows.js';
import { directionFromParties, parseCallerId, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { csvRaw, csvSourceRow, jsonRaw, quarantineInputOf, xmlRaw, type RecordRaw } from './record-raw.js';
import {
  assertTimeZone,
  epochMicrosToMs,
  epochSecondsToMs,
  isoOrNull,
  parseLocalTimestamp,
  toFiniteNumber,
} from './time-parsing.js';

export interface FreeswitchOptions extends NumberingOptions {
  /** Zone of `*_stamp` local times; only used when a CDR has no epoch fields (CSV). Default UTC. */
  timeZone?: string;
  /** mod_cdr_csv column names (FreeSWITCH variable names) when the template is not the default. */
  freeswitchCsvColumns?: readonly string[];
}

/** mod_cdr_csv's stock `default` template (cdr_csv.conf.xml). */
export const FREESWITCH_CSV_DEFAULT_COLUMNS: readonly string[] = [
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'context',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'uuid',
  'bleg_uuid',
  'accountcode',
  'read_codec',
  'write_codec',
];

/** Variable names of a cdr_csv.conf.xml template: `"${caller_id_name}","${uuid}"` -> [caller_id_name, uuid]. */
export function columnsFromFreeswitchTemplate(template: string): string[] {
  return [...template.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** The parts of a FreeSWITCH CDR the normaliser reads, whichever module wrote it. */
export interface FreeswitchCdr {
  variables: Record<string, string>;
  channelData: Record<string, string>;
  callflows: { profileIndex: number; callerProfile: Record<string, string>; times: Record<string, string> }[];
  callStats: unknown;
  coreUuid: string | null;
  switchname: string | null;
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringMap(value: unknown, decode: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') out[key] = decode ? urlDecode(item) : item;
    else if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
  }
  return out;
}

function urlDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * mod_json_cdr and mod_xml_cdr documents share one shape once parsed. Values are
 * URL-encoded in XML always and in JSON when `encode-values` is on; a `%20` in the start
 * stamp gives the latter away.
 */
function toFreeswitchCdr(document: Obj, alwaysEncoded: boolean): FreeswitchCdr {
  const variablesRaw = isObject(document.variables) ? document.variables : {};
  const startStamp = variablesRaw.start_stamp;
  const encoded = alwaysEncoded || (typeof startStamp === 'string' && startStamp.includes('%20'));
  const callflows = asArray(document.callflow)
    .filter(isObject)
    .map((flow) => ({
      profileIndex: toFiniteNumber(flow.profile_index ?? flow['@_profile_index']) ?? 0,
      callerProfile: stringMap(flow.caller_profile, encoded),
      times: stringMap(flow.times, false),
    }));
  return {
    variables: stringMap(variablesRaw, encoded),
    channelData: stringMap(document.channel_data, encoded),
    callflows,
    callStats: document.callStats ?? null,
    coreUuid:
      typeof document['core-uuid'] === 'string'
        ? document['core-uuid']
        : typeof document['@_core-uuid'] === 'string'
          ? document['@_core-uuid']
          : null,
    switchname: typeof document.switchname === 'string' ? document.switchname : null,
  };
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'callflow' || name === 'application',
});

/** mod_json_cdr: one JSON document (string or already parsed) per channel. */
export function normaliseFreeswitchJson(input: unknown, options: FreeswitchOptions = {}): ParseResult {
  return toResult(freeswitchJsonItems(input, options));
}

export function freeswitchJsonItems(input: unknown, options: FreeswitchOptions = {}): ParsedItem[] {
  return guarded(input, () => {
    let document: unknown = input;
    if (typeof input === 'string') {
      try {
        document = JSON.parse(input) as unknown;
      } catch (error) {
        return [
          quarantine(`invalid JSON: ${(error as Error).message}`, input, { category: 'unknown_format' }),
        ];
      }
    }
    if (Array.isArray(document)) return document.flatMap((item) => freeswitchJsonItems(item, options));
    if (!isObject(document) || !isObject(document.variables)) {
      return [
        quarantine('not a mod_json_cdr document: no "variables" object', input, {
          category: 'unknown_format',
        }),
      ];
    }
    return [mapFreeswitchCdr(toFreeswitchCdr(document, false), jsonRaw(document), options, input)];
  });
}

/** mod_xml_cdr: one `<cdr>` document per channel, values URL-encoded. */
export function normaliseFreeswitchXml(xml: string, options: FreeswitchOptions = {}): ParseResult {
  return toResult(freeswitchXmlItems(xml, options));
}

export function freeswitchXmlItems(xml: string, options: FreeswitchOptions = {}): ParsedItem[] {
  return guarded(xml, () => {
    let parsed: unknown;
    try {
      parsed = xmlParser.parse(xml);
    } catch (error) {
      return [quarantine(`invalid XML: ${(error as Error).message}`, xml, { category: 'unknown_format' })];
    }
    const cdr = isObject(parsed) ? parsed.cdr : undefined;
    if (!isObject(cdr) || !isObject(cdr.variables)) {
      return [
        quarantine('not a mod_xml_cdr document: no <cdr><variables>', xml, { category: 'unknown_format' }),
      ];
    }
    return [mapFreeswitchCdr(toFreeswitchCdr(cdr, true), xmlRaw(xml), options)];
  });
}

/** mod_cdr_csv: rows of the configured template (the stock `default` one unless told otherwise). */
export function normaliseFreeswitchCsv(text: string, options: FreeswitchOptions = {}): ParseResult {
  return toResult(freeswitchCsvItems(text, options));
}

export function freeswitchCsvItems(text: string, options: FreeswitchOptions = {}): ParsedItem[] {
  const items = csvRowsFromText(text).flatMap((row) => freeswitchCsvRowItems(row, options));
  if (items.length === 0 && text.trim() !== '') items.push(skip('no CDR rows in the file', text));
  return items;
}

export function freeswitchCsvRowItems(row: CsvRowItem, options: FreeswitchOptions = {}): ParsedItem[] {
  if (row.kind === 'error') return [quarantine(row.reason, row.raw, { category: 'unknown_format' })];
  return guarded(row.raw, () => {
    const columns = options.freeswitchCsvColumns ?? FREESWITCH_CSV_DEFAULT_COLUMNS;
    if (row.fields.length !== columns.length) {
      return [
        quarantine(
          `expected ${columns.length} columns of the cdr_csv template, got ${row.fields.length}`,
          row.raw,
          { category: 'unknown_format' },
        ),
      ];
    }
    const variables: Record<string, string> = {};
    columns.forEach((name, index) => (variables[name] = row.fields[index] ?? ''));
    const cdr: FreeswitchCdr = {
      variables,
      channelData: {},
      callflows: [],
      callStats: null,
      coreUuid: null,
      switchname: null,
    };
    return [mapFreeswitchCdr(cdr, csvRaw([csvSourceRow(row, columns)]), options)];
  });
}

function instant(
  v: Record<string, string>,
  prefix: 'start' | 'answer' | 'end',
  flowTime: string | undefined,
  timeZone: string,
): number | null {
  return (
    epochMicrosToMs(v[`${prefix}_uepoch`]) ??
    epochSecondsToMs(v[`${prefix}_epoch`]) ??
    epochMicrosToMs(flowTime) ??
    (v[`${prefix}_stamp`] ? parseLocalTimestamp(v[`${prefix}_stamp`] ?? '', timeZone) : null)
  );
}

const CAUSE_DISPOSITIONS: Readonly<Record<string, CallDisposition>> = {
  USER_BUSY: 'busy',
  NO_ANSWER: 'no_answer',
  NO_USER_RESPONSE: 'no_answer',
  ALLOTTED_TIMEOUT: 'no_answer',
  ORIGINATOR_CANCEL: 'cancelled',
  LOSE_RACE: 'cancelled',
  PICKED_OFF: 'cancelled',
};

/**
 * One channel CDR to a record made from `raw`; a CDR that cannot be normalised is quarantined
 * with `quarantineRaw` (by default the text or document `raw` holds).
 */
export function mapFreeswitchCdr(
  cdr: FreeswitchCdr,
  raw: RecordRaw,
  options: FreeswitchOptions,
  quarantineRaw: unknown = quarantineInputOf(raw),
): ParsedItem {
  const timeZone = assertTimeZone(options.timeZone ?? 'UTC');
  const v = cdr.variables;
  // The first profile is what the caller dialled; later ones follow transfers.
  const flows = [...cdr.callflows].sort((a, b) => a.profileIndex - b.profileIndex);
  const firstFlow = flows[0];
  const lastFlow = flows[flows.length - 1];
  const profile = firstFlow?.callerProfile ?? {};
  const times = lastFlow?.times ?? {};

  const legUuid = v.uuid || profile.uuid || '';
  if (legUuid === '')
    return quarantine('CDR has no channel uuid', quarantineRaw, { category: 'missing_field', field: 'uuid' });
  const startMs = instant(v, 'start', firstFlow?.times.created_time, timeZone);
  if (startMs === null)
    return quarantine('CDR has no readable start time', quarantineRaw, {
      category: 'unreadable_time',
      field: 'start',
    });
  const answerMs = instant(v, 'answer', times.answered_time, timeZone);
  const endMs = instant(v, 'end', times.hangup_time, timeZone);
  const startedAt = isoOrNull(startMs);
  const answeredAt = isoOrNull(answerMs);
  const endedAt = isoOrNull(endMs);
  if (startedAt === null)
    return quarantine('CDR start time is not a usable instant', quarantineRaw, {
      category: 'unreadable_time',
      field: 'start',
    });

  const callerId = v.caller_id ? parseCallerId(v.caller_id) : { name: null, number: null };
  const fromNumber =
    profile.caller_id_number || v.caller_id_number || callerId.number || v.sip_from_user || null;
  const fromName = profile.caller_id_name || v.caller_id_name || callerId.name || null;
  const toNumber =
    profile.destination_number || v.destination_number || v.sip_req_user || v.sip_to_user || null;
  const from = toParty(fromNumber, fromName === fromNumber ? null : fromName, options);
  const to = toParty(toNumber, null, options);

  const q850 = q850OrNull(v.hangup_cause_q850);
  const sip =
    sipCodeOrNull(v.sip_term_status) ??
    sipCodeOrNull(v.proto_specific_hangup_cause) ??
    sipCodeOrNull(v.last_bridge_proto_specific_hangup_cause);
  const hangupCause = v.hangup_cause || null;
  const causeCodes = { ...noCauseCodes(), q850, sip, sourceText: hangupCause };

  const billsec = toFiniteNumber(v.billsec);
  const duration = toFiniteNumber(v.duration);
  const answered = answeredAt !== null || (billsec ?? 0) > 0;
  const disposition = dispositionOf(v, answered, q850, hangupCause, duration);
  const durations = deriveDurations(
    { startedAt, answeredAt: answered ? answeredAt : null, endedAt },
    {
      talkSeconds: billsec ?? undefined,
      totalSeconds: duration ?? undefined,
      ringSeconds: answered ? (toFiniteNumber(v.answersec) ?? undefined) : (duration ?? undefined),
    },
  );
  const quality = qualityOf(cdr);
  // The channel's own direction, as FreeSWITCH wrote it: inbound = the switch received this leg.
  const legDirection = cdr.channelData.direction || v.direction || '';

  const attributes: Record<string, JsonValue> = {};
  const keep = [
    'context',
    'accountcode',
    'sip_call_id',
    'sip_hangup_disposition',
    'endpoint_disposition',
    'bridge_uuid',
    'bleg_uuid',
    'last_app',
    'read_codec',
    'write_codec',
    'hold_accum_seconds',
    'direction',
    'call_direction',
  ];
  for (const key of keep) if (v[key]) attributes[key] = v[key];
  if (!attributes.context && profile.context) attributes.context = profile.context;
  if (cdr.channelData.direction) attributes.direction = cdr.channelData.direction;
  if (cdr.switchname) attributes.switchname = cdr.switchname;
  if (cdr.coreUuid) attributes.coreUuid = cdr.coreUuid;
  const finalDestination = lastFlow?.callerProfile.destination_number;
  if (finalDestination && finalDestination !== toNumber) attributes.finalDestination = finalDestination;
  if (!v.start_uepoch && !v.start_epoch) attributes.timeZone = timeZone;

  const leg: CallLeg = {
    legId: legUuid,
    from,
    to,
    startedAt,
    answeredAt: answered ? answeredAt : null,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    disposition,
    causeCodes,
    quality,
    attributes: {},
  };
  const record: NormalisedCall = {
    source: 'freeswitch',
    sourceCallId: legUuid,
    conversationId: v.originating_leg_uuid || v.call_uuid || legUuid,
    sourceVersion: endMs ?? startMs,
    direction: directionOf(v, legDirection, attributes.context, from, to, options),
    sourceDirection: legDirection || null,
    from,
    to,
    startedAt,
    answeredAt: answered ? answeredAt : null,
    endedAt,
    ringSeconds: durations.ringSeconds,
    talkSeconds: durations.talkSeconds,
    totalSeconds: durations.totalSeconds,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    disposition,
    causeCodes,
    agent: null,
    queue: v.cc_queue ? { id: v.cc_queue, name: v.cc_queue } : null,
    recordings: [],
    quality,
    legs: [leg],
    attributes,
  };
  return validated(record, raw, quarantineRaw);
}

/**
 * The call's direction seen from the tenant. FreeSWITCH's own `direction` is the channel's, seen
 * from the switch: `inbound` = the switch received this leg (an A-leg), `outbound` = the switch
 * placed it (a B-leg, an originate). An inbound leg is therefore an inbound *call* only when it
 * came from outside: the stock dialplan puts every call that arrives unauthenticated (a carrier,
 * the Internet) into the `public` context, whose first extension sets `outside_call=true`. A leg
 * from a registered phone, and any B-leg, is read from its parties. A `call_direction` the PBX's
 * dialplan sets for the tenant's view (FusionPBX: inbound, outbound, local) comes first.
 */
function directionOf(
  v: Record<string, string>,
  legDirection: string,
  context: JsonValue | undefined,
  from: CallParty,
  to: CallParty,
  options: NumberingOptions,
): CallDirection {
  const stated = statedDirection(v.call_direction);
  if (stated) return stated;
  const cameFromOutside = v.outside_call === 'true' || context === 'public';
  if (legDirection.toLowerCase() === 'inbound' && cameFromOutside) return 'inbound';
  return directionFromParties(from, to, options);
}

function statedDirection(callDirection: string | undefined): CallDirection | undefined {
  switch (callDirection?.toLowerCase()) {
    case 'inbound':
      return 'inbound';
    case 'outbound':
      return 'outbound';
    case 'local':
      return 'internal';
    default:
      return undefined;
  }
}

function dispositionOf(
  v: Record<string, string>,
  answered: boolean,
  q850: number | null,
  hangupCause: string | null,
  duration: number | null,
): CallDisposition {
  if (answered) {
    const toVoicemail = /^voicemail$/i.test(v.last_app ?? '') || (v.voicemail_message_len ?? '') !== '';
    return toVoicemail ? 'voicemail' : 'answered';
  }
  if (v.sip_hangup_disposition === 'recv_cancel') return 'cancelled';
  const byCause = (hangupCause ? CAUSE_DISPOSITIONS[hangupCause] : undefined) ?? dispositionFromQ850(q850);
  if (byCause) return byCause;
  // Normal clearing before an answer: refused at once or never rang counts as failed,
  // anything that lasted is a caller who stopped waiting for an answer.
  if (v.sip_hangup_disposition === 'send_refuse' || (duration ?? 0) === 0) return 'failed';
  return 'no_answer';
}

function qualityOf(cdr: FreeswitchCdr): CallQuality | null {
  const stats = cdr.callStats;
  let mos: number | null = null;
  if (isObject(stats) && isObject(stats.audio) && isObject(stats.audio.inbound)) {
    mos = toFiniteNumber(stats.audio.inbound.mos);
  }
  mos ??= toFiniteNumber(cdr.variables.rtp_audio_in_mos);
  if (mos === null || mos < 1 || mos > 5) return null;
  return { mos: round(mos, 2), jitterMs: null, packetLossPct: null, rttMs: null };
}
