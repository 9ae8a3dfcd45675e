import type { CallSource, NormalisedCall } from '../call-record.js';
import { decodeFirehoseRequest, connectItemsFromFirehose } from './firehose-delivery.js';
import { asteriskCsvItems, mergeAsteriskCalls, type AsteriskCsvOptions } from './normalise-asterisk.js';
import { threeCxCsvItems, type ThreeCxOptions } from './normalise-3cx.js';
import { connectCtrItems } from './normalise-connect.js';
import { cucmCsvItems, mergeCucmCalls, type CucmOptions } from './normalise-cucm.js';
import {
  freeswitchCsvItems,
  freeswitchJsonItems,
  freeswitchXmlItems,
  type FreeswitchOptions,
} from './normalise-freeswitch.js';
import { genericItems } from './normalise-generic.js';
import { genesysItems } from './normalise-genesys.js';
import { kamailioPayloadItems, type KamailioOptions } from './normalise-kamailio.js';
import { teamsItems } from '../teams/normalise-teams.js';
import { twilioCallbackItems } from './normalise-twilio.js';
import { vconItems } from './normalise-vcon.js';
import { quarantine, toResult, type ParsedItem, type ParseResult } from './parse-result.js';
import { mergeCsvRaw, type RecordRaw } from './record-raw.js';

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
  'vcon',
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
  vcon: 'vcon',
  'generic-json': 'generic',
};

export interface CallConnector {
  source: CallSource;
  /**
   * Parses one raw payload as received (a webhook body, an API response page, a file's
   * content) into one outcome per input item; each record comes with the source data it
   * was made from, for the raw archive.
   */
  parseItems(raw: string, options?: ConnectorOptions): ParsedItem[];
  /** `parseItems` summed up: the records, quarantined and skipped items of the payload. */
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
  /** The raw of a record `merge` produced: the rows of both, each delivered row once. */
  mergeRaw?: (existing: RecordRaw, incoming: RecordRaw) => RecordRaw;
}

function firstNonSpace(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trimStart()
    .charAt(0);
}

function freeswitchPayloadItems(raw: string, options: ConnectorOptions = {}): ParsedItem[] {
  const first = firstNonSpace(raw);
  if (first === '<') return freeswitchXmlItems(raw, options);
  if (first === '{' || first === '[') return freeswitchJsonItems(raw, options);
  return freeswitchCsvItems(raw, options);
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
      : [quarantine(decoded.error, raw, { category: 'unknown_format' })];
  }
  return connectCtrItems(document, options);
}

/** `parse` is always `parseItems` summed up, so the two cannot disagree. */
function connector(definition: Omit<CallConnector, 'parse'>): CallConnector {
  return { ...definition, parse: (raw, options) => toResult(definition.parseItems(raw, options)) };
}

/** The connectors by source name; the ingest pipeline looks a parser up here. */
export const callConnectors: Readonly<Record<CallSource, CallConnector>> = {
  teams: connector({
    source: 'teams',
    parseItems: (raw, options) => teamsItems(raw, options),
    fileFormats: ['teams-json'],
    mergeStrategy: 'newest-wins',
  }),
  twilio: connector({
    source: 'twilio',
    parseItems: (raw, options) => twilioCallbackItems(raw, options),
    fileFormats: ['twilio-form'],
    mergeStrategy: 'newest-wins',
  }),
  asterisk: connector({
    source: 'asterisk',
    parseItems: (raw, options) => asteriskCsvItems(raw, options),
    fileFormats: ['asterisk-csv', 'asterisk-custom-csv'],
    mergeStrategy: 'merge-legs',
    merge: (existing, incoming, options) => mergeAsteriskCalls(existing, incoming, options),
    mergeRaw: mergeCsvRaw,
  }),
  freeswitch: connector({
    source: 'freeswitch',
    parseItems: freeswitchPayloadItems,
    fileFormats: ['freeswitch-csv', 'freeswitch-json', 'freeswitch-xml'],
    mergeStrategy: 'newest-wins',
  }),
  '3cx': connector({
    source: '3cx',
    parseItems: (raw, options) => threeCxCsvItems(raw, options),
    fileFormats: ['3cx-csv'],
    mergeStrategy: 'newest-wins',
  }),
  cucm: connector({
    source: 'cucm',
    parseItems: (raw, options) => cucmCsvItems(raw, options),
    fileFormats: ['cucm-csv'],
    mergeStrategy: 'merge-legs',
    merge: (existing, incoming, options) => mergeCucmCalls(existing, incoming, options),
    mergeRaw: mergeCsvRaw,
  }),
  connect: connector({
    source: 'connect',
    parseItems: connectItems,
    fileFormats: ['connect-json'],
    mergeStrategy: 'newest-wins',
  }),
  genesys: connector({
    source: 'genesys',
    parseItems: (raw, options) => genesysItems(raw, options),
    fileFormats: ['genesys-json'],
    mergeStrategy: 'newest-wins',
  }),
  sbc: connector({
    source: 'sbc',
    parseItems: (raw, options) => kamailioPayloadItems(raw, options),
    fileFormats: ['kamailio-json'],
    mergeStrategy: 'newest-wins',
  }),
  vcon: connector({
    source: 'vcon',
    parseItems: (raw, options) => vconItems(raw, options),
    fileFormats: ['vcon'],
    mergeStrategy: 'newest-wins',
  }),
  generic: connector({
    source: 'generic',
    parseItems: (raw) => genericItems(raw),
    fileFormats: ['generic-json'],
    mergeStrategy: 'newest-wins',
  }),
};

export function getCallConnector(source: string): CallConnector | undefined {
  return Object.hasOwn(callConnectors, source) ? callConnectors[source as CallSource] : undefined;
}
