import type { CallDirection, CallDisposition, CallLeg, NormalisedCall } from '../call-record.js';
import {
  deriveDurations,
  dispositionFromQ850,
  earliest,
  latest,
  noCauseCodes,
  q850OrNull,
} from './call-summary.js';
import { csvRowsFromText, type CsvRowItem } from './csv-rows.js';
import { DEFAULT_GROUP_WINDOW_ROWS, WindowedGrouper } from './leg-grouper.js';
import { directionFromParties, toParty, type NumberingOptions } from './party-number.js';
import {
  guarded,
  quarantine,
  skip,
  toResult,
  validated,
  type ParsedItem,
  type ParseResult,
} from './parse-result.js';
import { csvRaw, csvSourceRow, quarantineInputOf, type CsvSourceRow, type RecordRaw } from './record-raw.js';
import { epochSecondsToMs, isoOrNull, toFiniteNumber } from './time-parsing.js';

/**
 * CUCM CDR columns in the documented order (CUCM 12.5/14 CDR file layout). Files without
 * the two header rows are read in this order; older releases simply stop earlier.
 */
export const CUCM_CDR_COLUMNS: readonly string[] = [
  'cdrRecordType',
  'globalCallID_callManagerId',
  'globalCallID_callId',
  'origLegCallIdentifier',
  'dateTimeOrigination',
  'origNodeId',
  'origSpan',
  'origIpAddr',
  'callingPartyNumber',
  'callingPartyUnicodeLoginUserID',
  'origCause_location',
  'origCause_value',
  'origPrecedenceLevel',
  'origMediaTransportAddress_IP',
  'origMediaTransportAddress_Port',
  'origMediaCap_payloadCapability',
  'origMediaCap_maxFramesPerPacket',
  'origMediaCap_g723BitRate',
  'origVideoCap_Codec',
  'origVideoCap_Bandwidth',
  'origVideoCap_Resolution',
  'origVideoTransportAddress_IP',
  'origVideoTransportAddress_Port',
  'origRSVPAudioStat',
  'origRSVPVideoStat',
  'destLegIdentifier',
  'destNodeId',
  'destSpan',
  'destIpAddr',
  'originalCalledPartyNumber',
  'finalCalledPartyNumber',
  'finalCalledPartyUnicodeLoginUserID',
  'destCause_location',
  'destCause_value',
  'destPrecedenceLevel',
  'destMediaTransportAddress_IP',
  'destMediaTransportAddress_Port',
  'destMediaCap_payloadCapability',
  'destMediaCap_maxFramesPerPacket',
  'destMediaCap_g723BitRate',
  'destVideoCap_Codec',
  'destVideoCap_Bandwidth',
  'destVideoCap_Resolution',
  'destVideoTransportAddress_IP',
  'destVideoTransportAddress_Port',
  'destRSVPAudioStat',
  'destRSVPVideoStat',
  'dateTimeConnect',
  'dateTimeDisconnect',
  'lastRedirectDn',
  'pkid',
  'originalCalledPartyNumberPartition',
  'callingPartyNumberPartition',
  'finalCalledPartyNumberPartition',
  'lastRedirectDnPartition',
  'duration',
  'origDeviceName',
  'destDeviceName',
  'origCallTerminationOnBehalfOf',
  'destCallTerminationOnBehalfOf',
  'origCalledPartyRedirectOnBehalfOf',
  'lastRedirectRedirectOnBehalfOf',
  'origCalledPartyRedirectReason',
  'lastRedirectRedirectReason',
  'destConversationId',
  'globalCallId_ClusterID',
  'joinOnBehalfOf',
  'comment',
  'authCodeDescription',
  'authorizationLevel',
  'clientMatterCode',
  'origDTMFMethod',
  'destDTMFMethod',
  'callSecuredStatus',
  'origConversationId',
  'origMediaCap_Bandwidth',
  'destMediaCap_Bandwidth',
  'authorizationCodeValue',
  'outpulsedCallingPartyNumber',
  'outpulsedCalledPartyNumber',
  'origIpv4v6Addr',
  'destIpv4v6Addr',
  'origVideoCap_Codec_Channel2',
  'origVideoCap_Bandwidth_Channel2',
  'origVideoCap_Resolution_Channel2',
  'origVideoTransportAddress_IP_Channel2',
  'origVideoTransportAddress_Port_Channel2',
  'origVideoChannel_Role_Channel2',
  'destVideoCap_Codec_Channel2',
  'destVideoCap_Bandwidth_Channel2',
  'destVideoCap_Resolution_Channel2',
  'destVideoTransportAddress_IP_Channel2',
  'destVideoTransportAddress_Port_Channel2',
  'destVideoChannel_Role_Channel2',
  'IncomingProtocolID',
  'IncomingProtocolCallRef',
  'OutgoingProtocolID',
  'OutgoingProtocolCallRef',
  'currentRoutingReason',
  'origRoutingReason',
  'lastRedirectingRoutingReason',
  'huntPilotPartition',
  'huntPilotDN',
  'calledPartyPatternUsage',
  'IncomingICID',
  'IncomingOrigIOI',
  'IncomingTermIOI',
  'OutgoingICID',
  'OutgoingOrigIOI',
  'OutgoingTermIOI',
  'outpulsedOriginalCalledPartyNumber',
  'outpulsedLastRedirectingNumber',
  'wasCallQueued',
  'totalWaitTimeInQueue',
  'callingPartyNumber_uri',
  'originalCalledPartyNumber_uri',
  'finalCalledPartyNumber_uri',
  'lastRedirectDn_uri',
  'mobileCallingPartyNumber',
  'finalMobileCalledPartyNumber',
  'origMobileDeviceName',
  'destMobileDeviceName',
  'origMobileCallDuration',
  'destMobileCallDuration',
  'mobileCallType',
  'originalCalledPartyPattern',
  'finalCalledPartyPattern',
  'lastRedirectingPartyPattern',
  'huntPilotPattern',
  'origDeviceType',
  'destDeviceType',
  'origDeviceSessionID',
  'destDeviceSessionID',
];

export interface CucmOptions extends NumberingOptions {
  /** Device names of voicemail ports (Unity Connection). Default: CiscoUM*, CUC*, UnityC*, VM*. */
  voicemailDevicePattern?: RegExp;
  /** Route partitions that lead to voicemail. Default: partitions named vm / voicemail. */
  voicemailPartitionPattern?: RegExp;
  /** Device names of phones on the cluster (anything else is a gateway or trunk). */
  phoneDevicePattern?: RegExp;
}

const DEFAULT_VOICEMAIL_DEVICE = /^(CiscoUM|CUC|UnityC|VM)/i;
const DEFAULT_VOICEMAIL_PARTITION = /(^|[^a-z])(vm|voicemail)([^a-z]|$)/i;
const DEFAULT_PHONE_DEVICE = /^(SEP|CSF|TCT|BOT|TAB|CIPC|ATA|AN[0-9A-F]{12})/i;

/** One CDR row (one leg) waiting to be grouped with the rest of its global call. */
export interface CucmRow {
  groupKey: string;
  leg: CallLeg;
  source: CsvSourceRow;
  /**
   * For a Built-in-Bridge recording call: the leg of the recorded call it forks (its
   * origConversationId). Such a row is a leg of that call, not a call of its own.
   */
  recordedLegId: string | null;
}

type RowOutcome = { kind: 'row'; row: CucmRow } | { kind: 'item'; item: ParsedItem } | { kind: 'header' };

/** Row-at-a-time mapping; learns the column order from the header rows when the file has them. */
export class CucmRowMapper {
  private columns: readonly string[] = CUCM_CDR_COLUMNS;
  private rowsSeen = 0;

  constructor(private readonly options: CucmOptions = {}) {}

  map(item: CsvRowItem): RowOutcome {
    if (item.kind === 'error')
      return { kind: 'item', item: quarantine(item.reason, item.raw, { category: 'unknown_format' }) };
    this.rowsSeen += 1;
    const first = item.fields[0]?.trim() ?? '';
    if (first === 'cdrRecordType') {
      this.columns = item.fields.map((name) => name.trim());
      return { kind: 'header' };
    }
    // The second header line names SQL types (INTEGER, VARCHAR(50), ...).
    if (first === 'INTEGER' && this.rowsSeen <= 2) return { kind: 'header' };
    const values: Record<string, string> = {};
    item.fields.forEach((value, index) => {
      values[this.columns[index] ?? `column${index + 1}`] = value.trim();
    });
    return guardedRow(item.raw, () => this.toRow(values, csvSourceRow(item, this.columns)));
  }

  private toRow(values: Record<string, string>, source: CsvSourceRow): RowOutcome {
    const raw = source.text;
    const get = (name: string): string => values[name] ?? '';
    const recordType = get('cdrRecordType');
    if (recordType === '2') {
      return { kind: 'item', item: skip('CMR (call management record): quality data, not a call', raw) };
    }
    if (recordType !== '1') {
      return {
        kind: 'item',
        item: quarantine(`unknown cdrRecordType "${recordType}"`, raw, {
          category: 'unknown_value',
          field: 'cdrRecordType',
        }),
      };
    }
    const callManagerId = get('globalCallID_callManagerId');
    const callId = get('globalCallID_callId');
    if (callId === '' || callManagerId === '') {
      return {
        kind: 'item',
        item: quarantine('row has no globalCallID_callManagerId/globalCallID_callId', raw, {
          category: 'missing_field',
          field: 'globalCallID_callId',
        }),
      };
    }
    const originationMs = epochSecondsToMs(get('dateTimeOrigination'));
    if (originationMs === null) {
      return {
        kind: 'item',
        item: quarantine(`unreadable dateTimeOrigination "${get('dateTimeOrigination')}"`, raw, {
          category: 'unreadable_time',
          field: 'dateTimeOrigination',
        }),
      };
    }
    // CUCM writes 0 for "never happened" (dateTimeConnect of an unanswered leg).
    const connectMs = epochSecondsToMs(get('dateTimeConnect'));
    const disconnectMs = epochSecondsToMs(get('dateTimeDisconnect'));
    const startedAt = isoOrNull(originationMs);
    const answeredAt = isoOrNull(connectMs);
    const endedAt = isoOrNull(disconnectMs);
    const duration = toFiniteNumber(get('duration'));

    const origCause = q850OrNull(get('origCause_value'));
    const destCause = q850OrNull(get('destCause_value'));
    const q850 = origCause ?? destCause;
    const toVoicemail = this.isVoicemail(values);
    const disposition = legDisposition(answeredAt !== null, toVoicemail, origCause, destCause);
    const durations = deriveDurations(
      { startedAt, answeredAt, endedAt },
      answeredAt !== null && duration !== null ? { talkSeconds: duration } : {},
    );
    // Everything the call assembly needs lives on the leg, so that legs of one call that
    // arrive in different files can be merged later without the original rows.
    const attributes: Record<string, string> = {};
    for (const name of [
      'globalCallId_ClusterID',
      'globalCallID_callManagerId',
      'globalCallID_callId',
      'originalCalledPartyNumber',
      'finalCalledPartyUnicodeLoginUserID',
      'huntPilotPattern',
      'pkid',
      'origLegCallIdentifier',
      'destLegIdentifier',
      'origDeviceName',
      'destDeviceName',
      'finalCalledPartyNumber',
      'lastRedirectDn',
      'originalCalledPartyNumberPartition',
      'finalCalledPartyNumberPartition',
      'huntPilotDN',
      'origCause_value',
      'destCause_value',
      'origCalledPartyRedirectReason',
      'lastRedirectRedirectReason',
      'origConversationId',
      'origIpv4v6Addr',
      'destIpv4v6Addr',
    ]) {
      const value = get(name);
      if (value !== '' && value !== '0') attributes[name] = value;
    }
    const leg: CallLeg = {
      legId: get('pkid') || `${get('origLegCallIdentifier')}-${get('destLegIdentifier')}`,
      from: toParty(get('callingPartyNumber'), null, this.options),
      to: toParty(get('finalCalledPartyNumber') || get('originalCalledPartyNumber'), null, this.options),
      startedAt,
      answeredAt,
      endedAt,
      ringSeconds: durations.ringSeconds,
      talkSeconds: durations.talkSeconds,
      disposition,
      causeCodes: { ...noCauseCodes(), q850 },
      quality: null,
      attributes,
    };
    const cluster = get('globalCallId_ClusterID');
    const groupKey = `${cluster === '' ? '' : `${cluster}:`}${callManagerId}:${callId}`;
    const recordedLegId = recordedLegOf(values);
    if (recordedLegId !== null) leg.attributes.legRole = 'recording';
    return { kind: 'row', row: { groupKey, leg, source, recordedLegId } };
  }

  isVoicemail(values: Readonly<Record<string, string>>): boolean {
    const device = this.options.voicemailDevicePattern ?? DEFAULT_VOICEMAIL_DEVICE;
    const partition = this.options.voicemailPartitionPattern ?? DEFAULT_VOICEMAIL_PARTITION;
    return (
      device.test(values.destDeviceName ?? '') || partition.test(values.finalCalledPartyNumberPartition ?? '')
    );
  }
}

/** OnBehalfOf code of CUCM's call recording feature, and its redirect reason. */
const ON_BEHALF_OF_RECORDING = '27';
const REDIRECT_REASON_RECORDING = '354';
/** A phone's Built-in Bridge calls from a number made of "b" and digits (b002179144411001). */
const BUILT_IN_BRIDGE_NUMBER = /^b\d+$/i;

/**
 * The recorded leg, when this row is a recording call: CUCM records a phone's call by calling
 * the recorder from the phone's Built-in Bridge, once per direction of the audio, as a call with
 * its own global call id whose origConversationId is the leg it records. Recognised by the
 * bridge's calling number or by the Recording OnBehalfOf code / redirect reason.
 */
function recordedLegOf(values: Readonly<Record<string, string>>): string | null {
  const recordedLeg = values.origConversationId ?? '';
  if (recordedLeg === '' || recordedLeg === '0') return null;
  const onBehalfOfRecording = [
    values.origCalledPartyRedirectOnBehalfOf,
    values.lastRedirectRedirectOnBehalfOf,
    values.joinOnBehalfOf,
  ].includes(ON_BEHALF_OF_RECORDING);
  const redirectedForRecording = [
    values.origCalledPartyRedirectReason,
    values.lastRedirectRedirectReason,
  ].includes(REDIRECT_REASON_RECORDING);
  const fromBridge = BUILT_IN_BRIDGE_NUMBER.test(values.callingPartyNumber ?? '');
  return fromBridge || onBehalfOfRecording || redirectedForRecording ? recordedLeg : null;
}

function isRecordingLeg(leg: CallLeg): boolean {
  return leg.attributes.legRole === 'recording';
}

function guardedRow(raw: string, map: () => RowOutcome): RowOutcome {
  try {
    return map();
  } catch (error) {
    return {
      kind: 'item',
      item: quarantine(`unexpected error while normalising: ${(error as Error).message}`, raw, {
        category: 'connector_error',
      }),
    };
  }
}

function legDisposition(
  connected: boolean,
  toVoicemail: boolean,
  origCause: number | null,
  destCause: number | null,
): CallDisposition {
  if (connected) return toVoicemail ? 'voicemail' : 'answered';
  const fromDestination = dispositionFromQ850(destCause);
  if (fromDestination) return fromDestination;
  // The calling side cleared normally before anyone answered: the caller gave up.
  if (origCause === 16 || origCause === 31) return 'cancelled';
  return dispositionFromQ850(origCause) ?? 'failed';
}

const REMEMBERED_LEGS = 50_000;

/** Maps the leg identifiers of recent calls to their call, so recording legs find their call. */
export class CucmLegIndex {
  private readonly index = new Map<string, string>();

  constructor(private readonly capacity = REMEMBERED_LEGS) {}

  remember(row: CucmRow): void {
    for (const id of legIdentifiersOf(row.leg)) this.index.set(id, row.groupKey);
    while (this.index.size > this.capacity) {
      const oldest = this.index.keys().next().value;
      if (oldest === undefined) break;
      this.index.delete(oldest);
    }
  }

  callOf(legIdentifier: string): string | undefined {
    return this.index.get(legIdentifier);
  }
}

function legIdentifiersOf(leg: CallLeg): string[] {
  return [attr(leg, 'origLegCallIdentifier'), attr(leg, 'destLegIdentifier')].filter((id) => id !== '');
}

/**
 * Puts streamed CDR rows together into calls: the rows of one global call id, plus the
 * Built-in-Bridge recording calls that record one of its legs, which CUCM writes under global
 * call ids of their own (and usually before the call, as they end first). A recording row whose
 * call has not been read yet waits for it (up to 50,000 rows, then until the end of the input);
 * one that comes after its call left the grouping window is given under the call's id, so the
 * index merges it into the stored call. A recording whose call never comes is quarantined.
 */
export class CucmCallAssembler {
  private readonly grouper: WindowedGrouper<CucmRow>;
  private readonly legIndex = new CucmLegIndex();
  private readonly waiting = new Map<string, CucmRow[]>();
  private waitingRows = 0;

  constructor(
    private readonly options: CucmOptions = {},
    window: number = DEFAULT_GROUP_WINDOW_ROWS,
  ) {
    this.grouper = new WindowedGrouper<CucmRow>(window);
  }

  add(row: CucmRow): ParsedItem[] {
    if (row.recordedLegId !== null) {
      const call = this.legIndex.callOf(row.recordedLegId);
      return call === undefined ? this.wait(row.recordedLegId, row) : this.group(call, [row]);
    }
    this.legIndex.remember(row);
    const recordings = legIdentifiersOf(row.leg).flatMap((id) => this.take(id));
    return this.group(row.groupKey, [...recordings, row]);
  }

  /** Everything still open at the end of the input. */
  flush(): ParsedItem[] {
    const items = this.grouper.flushAll().flatMap((group) => cucmCallFromRows(group, this.options));
    for (const [recordedLegId, rows] of this.waiting) items.push(orphanRecording(recordedLegId, rows));
    this.waiting.clear();
    this.waitingRows = 0;
    return items;
  }

  private group(key: string, rows: readonly CucmRow[]): ParsedItem[] {
    const groups = rows.flatMap((row) => this.grouper.add(key, { ...row, groupKey: key }));
    return groups.flatMap((group) => cucmCallFromRows(group, this.options));
  }

  private wait(recordedLegId: string, row: CucmRow): ParsedItem[] {
    this.waiting.set(recordedLegId, [...(this.waiting.get(recordedLegId) ?? []), row]);
    this.waitingRows += 1;
    const items: ParsedItem[] = [];
    while (this.waitingRows > REMEMBERED_LEGS) {
      const [oldest] = this.waiting.keys();
      if (oldest === undefined) break;
      items.push(orphanRecording(oldest, this.take(oldest)));
    }
    return items;
  }

  private take(recordedLegId: string): CucmRow[] {
    const rows = this.waiting.get(recordedLegId) ?? [];
    this.waiting.delete(recordedLegId);
    this.waitingRows -= rows.length;
    return rows;
  }
}

function orphanRecording(recordedLegId: string, rows: readonly CucmRow[]): ParsedItem {
  const bridges = [...new Set(rows.map((row) => `${row.leg.from.raw ?? '?'} -> ${row.leg.to.raw ?? '?'}`))];
  return quarantine(
    `Built-in-Bridge recording leg (${bridges.join(', ')}) of conversation leg ${recordedLegId}, whose call ` +
      'is not in this payload: a recording is not a call of its own; send it with the CDR file that holds the call',
    rows.map((row) => row.source.text).join('\n'),
    { category: 'incomplete_call' },
  );
}

function deviceKind(name: string, options: CucmOptions): 'tenant' | 'outside' | 'unknown' {
  if (name === '') return 'unknown';
  if ((options.phoneDevicePattern ?? DEFAULT_PHONE_DEVICE).test(name)) return 'tenant';
  if ((options.voicemailDevicePattern ?? DEFAULT_VOICEMAIL_DEVICE).test(name)) return 'tenant';
  return 'outside';
}

function attr(leg: CallLeg, name: string): string {
  const value = leg.attributes[name];
  return typeof value === 'string' ? value : '';
}

function directionOf(leg: CallLeg, options: CucmOptions): CallDirection {
  const orig = deviceKind(attr(leg, 'origDeviceName'), options);
  const dest = deviceKind(attr(leg, 'destDeviceName'), options);
  if (orig === 'outside' && dest === 'tenant') return 'inbound';
  if (orig === 'tenant' && dest === 'outside') return 'outbound';
  if (orig === 'tenant' && dest === 'tenant') return 'internal';
  return directionFromParties(leg.from, leg.to, options);
}

const UNANSWERED_PRIORITY: readonly CallDisposition[] = ['no_answer', 'busy', 'cancelled', 'failed'];

/**
 * One call from the CDR rows (legs) sharing a global call id, with the recording legs that
 * record it. Only the call's own legs decide its summary (times, parties, outcome); recording
 * legs are kept among the legs, marked `legRole: recording`.
 */
export function cucmCallFromLegs(
  callId: string,
  legs: readonly CallLeg[],
  options: CucmOptions,
  raw: RecordRaw,
): ParsedItem[] {
  const quarantineRaw = quarantineInputOf(raw);
  return guarded(quarantineRaw, () => {
    const ordered = [...legs].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
    const ownLegs = ordered.filter((leg) => !isRecordingLeg(leg));
    const recordingLegs = ordered.length - ownLegs.length;
    // Only recording legs: a later delivery of a call already given, which the index merges.
    const basis = ownLegs.length > 0 ? ownLegs : ordered;
    const first = basis[0];
    if (!first) return [];
    const answeredLegs = basis.filter((leg) => leg.answeredAt !== null);
    let disposition: CallDisposition;
    if (answeredLegs.length > 0) {
      disposition = answeredLegs.every((leg) => leg.disposition === 'voicemail') ? 'voicemail' : 'answered';
    } else {
      const seen = new Set(basis.map((leg) => leg.disposition));
      disposition = UNANSWERED_PRIORITY.find((candidate) => seen.has(candidate)) ?? 'failed';
    }
    const startedAt = earliest(basis.map((leg) => leg.startedAt));
    if (startedAt === null)
      return [
        quarantine('no leg of the call has a start time', quarantineRaw, {
          category: 'missing_field',
          field: 'dateTimeOrigination',
        }),
      ];
    const answeredAt = earliest(answeredLegs.map((leg) => leg.answeredAt));
    const endedAt = latest(basis.map((leg) => leg.endedAt));
    const durations = deriveDurations(
      { startedAt, answeredAt, endedAt },
      basis.length === 1 ? { talkSeconds: first.talkSeconds ?? undefined } : {},
    );

    const huntLeg = basis.find((leg) => attr(leg, 'huntPilotDN') !== '');
    const agentLeg = basis.find((leg) => leg.disposition === 'answered' && attr(leg, 'huntPilotDN') !== '');
    const loginId = agentLeg ? attr(agentLeg, 'finalCalledPartyUnicodeLoginUserID') : '';
    const decidingLeg = answeredLegs[0] ?? basis[basis.length - 1] ?? first;
    const record: NormalisedCall = {
      source: 'cucm',
      sourceCallId: callId,
      conversationId: callId,
      sourceVersion: Date.parse(endedAt ?? startedAt),
      direction: directionOf(first, options),
      sourceDirection: null,
      holdSeconds: null,
      afterCallWorkSeconds: null,
      from: first.from,
      to: toParty(attr(first, 'originalCalledPartyNumber') || first.to.raw, null, options),
      startedAt,
      answeredAt,
      endedAt,
      ...durations,
      disposition,
      causeCodes: decidingLeg.causeCodes,
      agent: agentLeg
        ? {
            id:
              loginId !== '' && loginId !== 'unspecified'
                ? loginId
                : attr(agentLeg, 'destDeviceName') || null,
            name: null,
          }
        : null,
      queue: huntLeg
        ? { id: attr(huntLeg, 'huntPilotDN'), name: attr(huntLeg, 'huntPilotPattern') || null }
        : null,
      recordings: [],
      quality: null,
      legs: ordered,
      attributes: {
        globalCallIdClusterId: attr(first, 'globalCallId_ClusterID'),
        globalCallIdCallManagerId: attr(first, 'globalCallID_callManagerId'),
        globalCallIdCallId: attr(first, 'globalCallID_callId'),
        ...(recordingLegs > 0 ? { recordingLegs } : {}),
      },
    };
    return [validated(record, raw)];
  });
}

export function cucmCallFromRows(rows: readonly CucmRow[], options: CucmOptions = {}): ParsedItem[] {
  const first = rows[0];
  if (!first) return [];
  return cucmCallFromLegs(
    first.groupKey,
    rows.map((row) => row.leg),
    options,
    csvRaw(rows.map((row) => row.source)),
  );
}

/**
 * Combines two records of the same global call whose rows arrived separately: legs are
 * united by legId (the newer copy wins) and the summary is worked out again.
 */
export function mergeCucmCalls(
  existing: NormalisedCall,
  incoming: NormalisedCall,
  options: CucmOptions = {},
): NormalisedCall {
  const legs = new Map(existing.legs.map((leg) => [leg.legId, leg]));
  for (const leg of incoming.legs) legs.set(leg.legId, leg);
  // Only the record is kept; the merged raw is `mergeCsvRaw`'s job.
  const [item] = cucmCallFromLegs(incoming.sourceCallId, [...legs.values()], options, csvRaw([]));
  return item?.kind === 'record' ? item.record : incoming;
}

/** A CUCM CDR file, with or without its two header rows, grouped into calls. */
export function normaliseCucmCsv(text: string, options: CucmOptions = {}): ParseResult {
  return toResult(cucmCsvItems(text, options));
}

export function cucmCsvItems(text: string, options: CucmOptions = {}): ParsedItem[] {
  const mapper = new CucmRowMapper(options);
  const assembler = new CucmCallAssembler(options, Number.POSITIVE_INFINITY);
  const items: ParsedItem[] = [];
  for (const csvItem of csvRowsFromText(text)) {
    const outcome = mapper.map(csvItem);
    if (outcome.kind === 'item') items.push(outcome.item);
    else if (outcome.kind === 'row') items.push(...assembler.add(outcome.row));
  }
  items.push(...assembler.flush());
  if (items.length === 0 && text.trim() !== '') items.push(skip('no CDR rows in the file', text));
  return items;
}
