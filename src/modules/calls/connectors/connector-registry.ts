import type { CallSource, NormalisedCall } from '../call-record.js';
import { decodeFirehoseRequest, connectItemsFromFirehose } from './firehose-delivery.js';
import { mergeAsteriskCalls, normaliseAsteriskCsv, type AsteriskCsvOptions } from './normalise-asterisk.js';
import { normalise3cxCsv, type ThreeCxOptions } from './normalise-3cx.js';
import { connectCtrItems } from './normalise-connect.js';
import { mergeCucmCalls, normaliseCucmCsv, type CucmOptions } from './normalise-cucm.js';
import {
  normaliseFreeswitchCsv,
  normaliseFreeswitchJson,
  normaliseFreeswitchXml,
  type FreeswitchOptions,
} from './normalise-freeswitch.js';
import { normaliseGeneric } from './normalise-generic.js';
import { normaliseGenesysConversations } from './normalise-genesys.js';
import { normaliseKamailioAcc, type KamailioOptions } from './normalise-kamailio.js';
import { normaliseTeams } from './normalise-teams.js';
import { normaliseTwilioStatusCallback } from './normalise-twilio.js';
import { quarantine, toResult, type ParsedItem, type ParseResult } from './parse-result.js';

/**
 * Every option any connector understands, flat, so a tenant's connector settings can be
 * passed through unchanged; each connector reads only its own keys.
 */
export type ConnectorOptions = AsteriskCsvOptions &
  FreeswitchOptions &
  ThreeCxOptions &
  CucmOptions &
  KamailioOptions;

/** The file formats `readCallFile` understands. */
export const CALL_FILE_FORMATS = [
  'asterisk-csv',
  'asterisk-custom-csv',
  'freeswitch-csv',
  'freeswitch-json',
  'freeswitch-xml',
  '3cx-csv',
  'cucm-csv',
  'connect-json',
  'genesys-json',
  'teams-json',
  'twilio-form',
  'kamailio-json',
  'generic-json',
] as const;
export type CallFileFormat = (typeof CALL_FILE_FORMATS)[number];

export function isCallFileFormat(name: string): name is CallFileFormat {
  return (CALL_FILE_FORMATS as readonly string[]).includes(name);
}

export const FILE_FORMAT_SOURCES: Readonly<Record<CallFileFormat, CallSource>> = {
  'asterisk-csv': 'asterisk',
  'asterisk-custom-csv': 'asterisk',
  'freeswitch-csv': 'freeswitch',
  'freeswitch-json': 'freeswitch',
  'freeswitch-xml': 'freeswitch',
  '3cx-csv': '3cx',
  'cucm-csv': 'cucm',
  'connect-json': 'connect',
  'genesys-json': 'genesys',
  'teams-json': 'teams',
  'twilio-form': 'twilio',
  'kamailio-json': 'sbc',
  'generic-json': 'generic',
};

export interface CallConnector {
  source: CallSource;
  /** Parses one raw payload as received: a webhook body, an API response page, a file's content. */
  parse(raw: string, options?: ConnectorOptions): ParseResult;
  /** File formats of this source that `readCallFile` can stream. */
  fileFormats: readonly CallFileFormat[];
  /**
   * How the index combines a delivery with the stored record of the same sourceCallId:
   * `newest-wins` keeps the one with the larger sourceVersion; `merge-legs` calls `merge`,
   * because this source writes one row per leg and a call's rows can arrive separately.
   */
  mergeStrategy: 'newest-wins' | 'merge-legs';
  merge?: (existing: NormalisedCall, incoming: NormalisedCall, options?: ConnectorOptions) => NormalisedCall;
}

function firstNonSpace(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trimStart()
    .charAt(0);
}

function parseFreeswitch(raw: string, options: ConnectorOptions = {}): ParseResult {
  const first = firstNonSpace(raw);
  if (first === '<') return normaliseFreeswitchXml(raw, options);
  if (first === '{' || first === '[') return normaliseFreeswitchJson(raw, options);
  return normaliseFreeswitchCsv(raw, options);
}

/** A Connect payload: a Firehose delivery request, one CTR, an array of CTRs, or CTR lines. */
function connectItems(raw: string, options: ConnectorOptions = {}): ParsedItem[] {
  let document: unknown;
  try {
    document = JSON.parse(raw) as unknown;
  } catch {
    return raw
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .flatMap((line) => connectCtrItems(line, options));
  }
  if (typeof document === 'object' && document !== null && 'records' in document && 'requestId' in document) {
    const decoded = decodeFirehoseRequest(document);
    return decoded.ok
      ? connectItemsFromFirehose(decoded.delivery, options)
      : [quarantine(decoded.error, raw)];
  }
  return connectCtrItems(document, options);
}

/** The connectors by source name; the ingest pipeline looks a parser up here. */
export const callConnectors: Readonly<Record<CallSource, CallConnector>> = {
  teams: {
    source: 'teams',
    parse: (raw, options) => normaliseTeams(raw, options),
    fileFormats: ['teams-json'],
    mergeStrategy: 'newest-wins',
  },
  twilio: {
    source: 'twilio',
    parse: (raw, options) => normaliseTwilioStatusCallback(raw, options),
    fileFormats: ['twilio-form'],
    mergeStrategy: 'newest-wins',
  },
  asterisk: {
    source: 'asterisk',
    parse: (raw, options) => normaliseAsteriskCsv(raw, options),
    fileFormats: ['asterisk-csv', 'asterisk-custom-csv'],
    mergeStrategy: 'merge-legs',
    merge: (existing, incoming, options) => mergeAsteriskCalls(existing, incoming, options),
  },
  freeswitch: {
    source: 'freeswitch',
    parse: parseFreeswitch,
    fileFormats: ['freeswitch-csv', 'freeswitch-json', 'freeswitch-xml'],
    mergeStrategy: 'newest-wins',
  },
  '3cx': {
    source: '3cx',
    parse: (raw, options) => normalise3cxCsv(raw, options),
    fileFormats: ['3cx-csv'],
    mergeStrategy: 'newest-wins',
  },
  cucm: {
    source: 'cucm',
    parse: (raw, options) => normaliseCucmCsv(raw, options),
    fileFormats: ['cucm-csv'],
    mergeStrategy: 'merge-legs',
    merge: (existing, incoming, options) => mergeCucmCalls(existing, incoming, options),
  },
  connect: {
    source: 'connect',
    parse: (raw, options) => toResult(connectItems(raw, options)),
    fileFormats: ['connect-json'],
    mergeStrategy: 'newest-wins',
  },
  genesys: {
    source: 'genesys',
    parse: (raw, options) => normaliseGenesysConversations(raw, options),
    fileFormats: ['genesys-json'],
    mergeStrategy: 'newest-wins',
  },
  sbc: {
    source: 'sbc',
    parse: (raw, options) => normaliseKamailioAcc(raw, options),
    fileFormats: ['kamailio-json'],
    mergeStrategy: 'newest-wins',
  },
  generic: {
    source: 'generic',
    parse: (raw) => normaliseGeneric(raw),
    fileFormats: ['generic-json'],
    mergeStrategy: 'newest-wins',
  },
};

export function getCallConnector(source: string): CallConnector | undefined {
  return Object.hasOwn(callConnectors, source) ? callConnectors[source as CallSource] : undefined;
}
