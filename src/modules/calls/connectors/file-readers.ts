import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import {
  CALL_FILE_FORMATS,
  FILE_FORMAT_SOURCES,
  callConnectors,
  getCallConnector,
  isCallFileFormat,
  type CallConnector,
  type CallFileFormat,
  type ConnectorOptions,
} from './connector-registry.js';
import { csvRowsFromStream } from './csv-rows.js';
import { connectItemsFromFirehose, decodeFirehoseRequest } from './firehose-delivery.js';
import { jsonChunksFromStream, xmlDocumentsFromStream, type JsonChunk } from './json-stream.js';
import { DEFAULT_GROUP_WINDOW_ROWS, WindowedGrouper } from './leg-grouper.js';
import {
  ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
  AsteriskRowMapper,
  asteriskCallFromRows,
  type AsteriskRow,
} from './normalise-asterisk.js';
import { ThreeCxRowMapper } from './normalise-3cx.js';
import { connectCtrItems } from './normalise-connect.js';
import { CucmCallAssembler, CucmRowMapper } from './normalise-cucm.js';
import { freeswitchCsvRowItems, freeswitchJsonItems, freeswitchXmlItems } from './normalise-freeswitch.js';
import { genericItems } from './normalise-generic.js';
import { genesysItems } from './normalise-genesys.js';
import { kamailioItems } from './normalise-kamailio.js';
import { teamsItems } from '../teams/normalise-teams.js';
import { twilioCallbackItems } from './normalise-twilio.js';
import { vconItems } from './normalise-vcon.js';
import { quarantine, type ParsedItem } from './parse-result.js';

export { CALL_FILE_FORMATS, FILE_FORMAT_SOURCES, callConnectors, getCallConnector, isCallFileFormat };
export type { CallConnector, CallFileFormat, ConnectorOptions };

export interface FileReadOptions extends ConnectorOptions {
  /**
   * CDR rows of one call (Asterisk linkedid, CUCM global call id) are grouped while they
   * are at most this many rows apart. Calls split further apart come out as several
   * records of the same sourceCallId, which the connector's `merge` puts back together.
   */
  groupWindowRows?: number;
  /** Largest single JSON/XML document accepted. */
  maxDocumentBytes?: number;
}

/**
 * Streams a file of call records in constant memory: CSV row by row, JSON as single
 * document, array or JSON Lines, XML document by document. Every input item comes out as
 * a record (with the raw source data it was made from), a quarantined item or a skipped
 * item; nothing is dropped. CSV line numbers in a record's raw count from the file's start.
 */
export async function* readCallFile(
  source: Readable | Buffer,
  format: CallFileFormat,
  options: FileReadOptions = {},
): AsyncGenerator<ParsedItem> {
  // A delivery already in memory (an ingest payload) is parsed whole when it is one JSON
  // document, far faster than cutting it up character by character; anything else (JSON
  // Lines, a broken element to quarantine alone) goes through the stream readers as a file does.
  const input = Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const whole = Buffer.isBuffer(source) && isJsonFormat(format) ? parseWholeJson(source) : undefined;
  switch (format) {
    case 'asterisk-csv':
      yield* readAsterisk(input, options);
      return;
    case 'asterisk-custom-csv':
      yield* readAsterisk(input, {
        ...options,
        asteriskColumns: options.asteriskColumns ?? ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
      });
      return;
    case 'cucm-csv':
      yield* readCucm(input, options);
      return;
    case '3cx-csv': {
      const mapper = new ThreeCxRowMapper(options);
      for await (const row of csvRowsFromStream(input)) yield* mapper.map(row);
      return;
    }
    case 'freeswitch-csv':
      for await (const row of csvRowsFromStream(input)) yield* freeswitchCsvRowItems(row, options);
      return;
    case 'freeswitch-xml':
      for await (const chunk of xmlDocumentsFromStream(input, 'cdr', options)) {
        yield* chunk.ok
          ? freeswitchXmlItems(chunk.text, options)
          : [
              quarantine(chunk.reason, chunk.raw, {
                category: chunk.tooLarge ? 'payload_too_large' : 'unknown_format',
              }),
            ];
      }
      return;
    case 'freeswitch-json':
      yield* readJson(whole ?? input, options, (document) => freeswitchJsonItems(document, options));
      return;
    case 'connect-json':
      yield* readJson(whole ?? input, options, (document) => connectDocumentItems(document, options));
      return;
    case 'genesys-json':
      yield* readJson(whole ?? input, options, (document) => genesysItems(document, options));
      return;
    case 'teams-json':
      yield* readJson(whole ?? input, options, (document) => teamsItems(document, options));
      return;
    case 'generic-json':
      yield* readJson(whole ?? input, options, (document) => genericItems(document));
      return;
    case 'vcon':
      yield* readJson(whole ?? input, options, (document) => vconItems(document, options));
      return;
    case 'twilio-form':
      for await (const line of lines(input)) yield* twilioCallbackItems(line, options);
      return;
    case 'kamailio-json':
      for await (const line of lines(input)) {
        // acc_json written through syslog carries a syslog prefix before the JSON object.
        const brace = line.indexOf('{');
        yield* brace < 0
          ? [quarantine('line holds no JSON object', line, { category: 'unknown_format' })]
          : kamailioItems(line.slice(brace), options);
      }
      return;
  }
}

async function* lines(input: Readable): AsyncGenerator<string> {
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of reader) if (line.trim() !== '') yield line;
}

const jsonFormats: ReadonlySet<CallFileFormat> = new Set([
  'freeswitch-json',
  'connect-json',
  'genesys-json',
  'teams-json',
  'vcon',
  'generic-json',
]);
const isJsonFormat = (format: CallFileFormat) => jsonFormats.has(format);

/** An in-memory delivery that is one JSON document, parsed: its documents (an array's elements, or itself). */
interface WholeJson {
  readonly documents: readonly unknown[];
}

function parseWholeJson(body: Buffer): WholeJson | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return { documents: Array.isArray(parsed) ? parsed : [parsed] };
  } catch {
    return undefined;
  }
}

async function* readJson(
  input: Readable | WholeJson,
  options: FileReadOptions,
  map: (document: unknown) => ParsedItem[],
): AsyncGenerator<ParsedItem> {
  if ('documents' in input) {
    for (const document of input.documents) yield* map(document);
    return;
  }
  for await (const chunk of jsonChunksFromStream(input, options)) yield* parseChunk(chunk, map);
}

function parseChunk(chunk: JsonChunk, map: (document: unknown) => ParsedItem[]): ParsedItem[] {
  if (!chunk.ok)
    return [
      quarantine(chunk.reason, chunk.raw, {
        category: chunk.tooLarge ? 'payload_too_large' : 'unknown_format',
      }),
    ];
  let document: unknown;
  try {
    document = JSON.parse(chunk.text) as unknown;
  } catch (error) {
    return [
      quarantine(`invalid JSON: ${(error as Error).message}`, chunk.text, { category: 'unknown_format' }),
    ];
  }
  return map(document);
}

function connectDocumentItems(document: unknown, options: FileReadOptions): ParsedItem[] {
  if (typeof document === 'object' && document !== null && 'records' in document && 'requestId' in document) {
    const decoded = decodeFirehoseRequest(document);
    return decoded.ok
      ? connectItemsFromFirehose(decoded.delivery, options)
      : [quarantine(decoded.error, document, { category: 'unknown_format' })];
  }
  return connectCtrItems(document, options);
}

async function* readAsterisk(input: Readable, options: FileReadOptions): AsyncGenerator<ParsedItem> {
  const mapper = new AsteriskRowMapper(options);
  const grouper = new WindowedGrouper<AsteriskRow>(options.groupWindowRows ?? DEFAULT_GROUP_WINDOW_ROWS);
  for await (const csvItem of csvRowsFromStream(input)) {
    const outcome = mapper.map(csvItem);
    if (outcome.kind === 'item') yield outcome.item;
    else if (outcome.kind === 'row') {
      for (const group of grouper.add(outcome.row.groupKey, outcome.row))
        yield* asteriskCallFromRows(group, options);
    }
  }
  for (const group of grouper.flushAll()) yield* asteriskCallFromRows(group, options);
}

async function* readCucm(input: Readable, options: FileReadOptions): AsyncGenerator<ParsedItem> {
  const mapper = new CucmRowMapper(options);
  const assembler = new CucmCallAssembler(options, options.groupWindowRows ?? DEFAULT_GROUP_WINDOW_ROWS);
  for await (const csvItem of csvRowsFromStream(input)) {
    const outcome = mapper.map(csvItem);
    if (outcome.kind === 'item') yield outcome.item;
    else if (outcome.kind === 'row') yield* assembler.add(outcome.row);
  }
  yield* assembler.flush();
}
