import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CALL_SOURCES, normalisedCallSchema } from '../call-record.js';
import {
  CALL_FILE_FORMATS,
  FILE_FORMAT_SOURCES,
  callConnectors,
  getCallConnector,
  readCallFile,
  type CallFileFormat,
  type FileReadOptions,
} from './file-readers.js';
import { ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS } from './normalise-asterisk.js';
import { collectItems, type ParsedItem, type ParseResult, type RecordRaw } from './parse-result.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real');

interface FixtureCase {
  file: string;
  format: CallFileFormat;
  options?: FileReadOptions;
  records: number;
  skipped?: number;
  quarantined?: number;
}

/** Every call-data fixture, the format it is read as, and what a user should get out of it. */
const CASES: FixtureCase[] = [
  { file: 'asterisk/Master-1.csv', format: 'asterisk-csv', options: { usegmtime: true }, records: 8 },
  {
    file: 'asterisk/Master-2-cdr_custom.csv',
    format: 'asterisk-custom-csv',
    options: { timeZone: 'Indian/Antananarivo' },
    records: 6,
  },
  {
    file: 'asterisk/cdr-spec-scenarios.csv',
    format: 'asterisk-csv',
    options: { timeZone: 'America/Chicago' },
    records: 1,
  },
  { file: 'freeswitch/cdr-1.json', format: 'freeswitch-json', records: 1 },
  { file: 'freeswitch/cdr-2.json', format: 'freeswitch-json', records: 1 },
  { file: 'freeswitch/cdr-xml-1.xml', format: 'freeswitch-xml', records: 1 },
  { file: 'freeswitch/Master-cdr_csv-1.csv', format: 'freeswitch-csv', records: 5 },
  {
    file: '3cx/cdr-1.csv',
    format: '3cx-csv',
    options: { timeZone: 'Europe/Paris', defaultCountry: 'FR' },
    records: 14,
  },
  { file: 'cucm/cdr-1.csv', format: 'cucm-csv', records: 1 },
  { file: 'cucm/cdr-2-noheader.csv', format: 'cucm-csv', records: 5 },
  { file: 'connect/ctr-1.json', format: 'connect-json', records: 1 },
  { file: 'connect/ctr-2-redelivery.json', format: 'connect-json', records: 1 },
  { file: 'connect/ctr-3-redelivery.json', format: 'connect-json', records: 1 },
  { file: 'genesys/conversation-detail-1-voice.json', format: 'genesys-json', records: 1 },
  { file: 'genesys/conversation-detail-2-chat.json', format: 'genesys-json', records: 0, skipped: 1 },
  { file: 'teams/callrecord-1.json', format: 'teams-json', records: 1 },
  { file: 'teams/callrecord-2-participants.json', format: 'teams-json', records: 1 },
  { file: 'teams/sessions-expanded-1.json', format: 'teams-json', records: 0, skipped: 1 },
  { file: 'teams/notification-1.json', format: 'teams-json', records: 0, skipped: 1 },
  { file: 'teams/notification-2.json', format: 'teams-json', records: 0, skipped: 1 },
  { file: 'teams/lifecycle-1.json', format: 'teams-json', records: 0, skipped: 1 },
  { file: 'teams/subscription-request-1.json', format: 'teams-json', records: 0, skipped: 1 },
  { file: 'teams/pstn-calls-1.json', format: 'teams-json', records: 1 },
  { file: 'teams/direct-routing-calls-1.json', format: 'teams-json', records: 1 },
  { file: 'twilio/status-callback-1.txt', format: 'twilio-form', records: 1 },
  { file: 'twilio/status-callback-2-machine.txt', format: 'twilio-form', records: 1 },
  { file: 'vcon/ab_call_ext_rec.vcon.json', format: 'vcon', records: 1 },
  { file: 'vcon/ab_call_ext_rec_amended.vcon.json', format: 'vcon', records: 1 },
  { file: 'vcon/ab_call_ext_rec_analysis.vcon.json', format: 'vcon', records: 1 },
  // Encrypted to a key Switchboard does not hold: kept in quarantine with the reason.
  { file: 'vcon/ab_call_ext_rec_encrypted.vcon.json', format: 'vcon', records: 0, quarantined: 1 },
  { file: 'vcon/ab_call_ext_rec_redacted.vcon.json', format: 'vcon', records: 1 },
  { file: 'vcon/ab_call_ext_rec_signed.vcon.json', format: 'vcon', records: 1 },
  { file: 'vcon/ab_call_ext_rec_with_redact.vcon.json', format: 'vcon', records: 1 },
  // An e-mail thread: a conversation, not a call.
  { file: 'vcon/ab_email_acct_prob_thread.vcon.json', format: 'vcon', records: 0, skipped: 1 },
  { file: 'vcon/vcon-server-hugging_llm_link-b217b61e.vcon.json', format: 'vcon', records: 1 },
  { file: 'vcon/vcon-server-vcon_with_summary.vcon.json', format: 'vcon', records: 1 },
];

/** Fixtures that are not call data to import; each has its own test. */
const NOT_CALL_DATA = new Set(['SOURCES.md', 'twilio/signature-vectors.json']);

async function read(
  file: string,
  format: CallFileFormat,
  options: FileReadOptions = {},
  highWaterMark = 64,
): Promise<ParseResult> {
  // A tiny read buffer makes every CSV row, JSON token and XML tag cross chunk boundaries.
  return collectItems(
    readCallFile(createReadStream(path.join(FIXTURES, file), { highWaterMark }), format, options),
  );
}

describe('every fixture file of a call format', () => {
  it('is covered by this table (the folders named after a call source; the others feed other modules)', () => {
    const sourceFolders: readonly string[] = CALL_SOURCES;
    const files = readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(FIXTURES, path.join(entry.parentPath, entry.name)))
      .filter((file) => sourceFolders.includes(file.split('/')[0] ?? '') && !NOT_CALL_DATA.has(file))
      .sort();
    expect(files).toEqual(CASES.map((c) => c.file).sort());
  });

  it.each(CASES)(
    '$file streams as $format into $records valid record(s)',
    async ({ file, format, options, records, skipped, quarantined }) => {
      const result = await read(file, format, options);
      expect(result.quarantined).toHaveLength(quarantined ?? 0);
      expect(result.records).toHaveLength(records);
      expect(result.skipped).toHaveLength(skipped ?? 0);
      for (const record of result.records) {
        expect(normalisedCallSchema.safeParse(record).success).toBe(true);
        expect(record.source).toBe(FILE_FORMAT_SOURCES[format]);
      }
    },
  );

  it.each(CASES)(
    '$file gives the same records streamed as parsed whole',
    async ({ file, format, options }) => {
      const streamed = await read(file, format, options);
      // A whole payload carries no format name, so the cdr_custom layout is spelled out.
      const wholeOptions =
        format === 'asterisk-custom-csv'
          ? { ...options, asteriskColumns: ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS }
          : options;
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const whole = callConnectors[FILE_FORMAT_SOURCES[format]].parse(text, wholeOptions);
      expect(streamed.records).toEqual(whole.records);
      expect(streamed.skipped).toEqual(whole.skipped);
    },
  );
});

async function streamedItems(file: string, format: CallFileFormat, options: FileReadOptions = {}) {
  const items: ParsedItem[] = [];
  const stream = createReadStream(path.join(FIXTURES, file), { highWaterMark: 64 });
  for await (const item of readCallFile(stream, format, options)) items.push(item);
  return items;
}

const rawsOf = (items: readonly ParsedItem[]): RecordRaw[] =>
  items.flatMap((item) => (item.kind === 'record' ? [item.raw] : []));

describe('the raw source data of every record', () => {
  it.each(CASES.filter((c) => c.records > 0))(
    '$file: streamed or parsed whole, each record carries the same raw, ready to archive as JSON',
    async ({ file, format, options }) => {
      const streamed = rawsOf(await streamedItems(file, format, options));
      const wholeOptions =
        format === 'asterisk-custom-csv'
          ? { ...options, asteriskColumns: ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS }
          : options;
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const whole = rawsOf(callConnectors[FILE_FORMAT_SOURCES[format]].parseItems(text, wholeOptions));
      expect(streamed).toHaveLength(whole.length);
      for (const raw of streamed) expect(JSON.parse(JSON.stringify(raw))).toEqual(raw);
      if (format === 'freeswitch-xml') {
        // A stream is cut into <cdr> documents; a whole payload is one document with its prolog.
        const [raw] = streamed;
        if (raw?.format !== 'xml') throw new Error('no XML raw');
        expect(raw.text).toMatch(/^<cdr[\s>][\s\S]*<\/cdr>$/);
        expect(text).toContain(raw.text);
      } else {
        expect(streamed).toEqual(whole);
      }
    },
  );

  it('archives the decoded CTR of a Firehose delivery, not the base64 envelope', () => {
    const ctrText = readFileSync(path.join(FIXTURES, 'connect/ctr-1.json'), 'utf8');
    const body = JSON.stringify({
      requestId: 'r-1',
      timestamp: 1,
      records: [{ data: Buffer.from(ctrText).toString('base64') }],
    });
    expect(rawsOf(callConnectors.connect.parseItems(body))).toEqual([
      { format: 'json', document: JSON.parse(ctrText) as unknown },
    ]);
  });
});

describe('JSON files', () => {
  const ctr = (name: string): unknown =>
    JSON.parse(readFileSync(path.join(FIXTURES, 'connect', name), 'utf8'));

  it('reads a JSON array and JSON Lines of CTRs alike', async () => {
    const array = JSON.stringify([
      ctr('ctr-1.json'),
      ctr('ctr-2-redelivery.json'),
      ctr('ctr-3-redelivery.json'),
    ]);
    const jsonLines = [ctr('ctr-1.json'), ctr('ctr-2-redelivery.json'), ctr('ctr-3-redelivery.json')]
      .map((document) => JSON.stringify(document))
      .join('\n');
    const fromArray = await collectItems(readCallFile(Readable.from([array]), 'connect-json'));
    const fromLines = await collectItems(readCallFile(Readable.from([jsonLines]), 'connect-json'));
    expect(fromArray.records).toHaveLength(3);
    expect(fromLines.records).toEqual(fromArray.records);
  });

  it('reads a payload held in memory as it reads the same bytes streamed, broken elements included', async () => {
    const array = Buffer.from(JSON.stringify([ctr('ctr-1.json'), 'not a CTR', ctr('ctr-3-redelivery.json')]));
    const jsonLines = Buffer.from(
      `${JSON.stringify(ctr('ctr-1.json'))}\n{"ContactId": tru\n${JSON.stringify(ctr('ctr-3-redelivery.json'))}`,
    );
    for (const body of [array, jsonLines]) {
      const inMemory = await collectItems(readCallFile(body, 'connect-json'));
      const streamed = await collectItems(readCallFile(Readable.from([body]), 'connect-json'));
      expect(inMemory).toEqual(streamed);
      expect(inMemory.records.length).toBeGreaterThan(0);
      expect(inMemory.quarantined).toHaveLength(1);
    }
  });

  it('reads a Firehose delivery request saved to a file', async () => {
    const body = JSON.stringify({
      requestId: 'r-1',
      timestamp: 1,
      records: [{ data: Buffer.from(JSON.stringify(ctr('ctr-1.json'))).toString('base64') }],
    });
    const items: ParsedItem[] = [];
    for await (const item of readCallFile(Readable.from([body]), 'connect-json')) items.push(item);
    expect(items.map((item) => item.kind)).toEqual(['record']);
    expect(rawsOf(items)).toEqual([{ format: 'json', document: ctr('ctr-1.json') }]);
  });

  it('quarantines a broken line and keeps reading', async () => {
    const text = `${JSON.stringify(ctr('ctr-1.json'))}\n{"ContactId": tru\n${JSON.stringify(ctr('ctr-3-redelivery.json'))}`;
    const result = await collectItems(readCallFile(Readable.from([text]), 'connect-json'));
    expect(result.records).toHaveLength(1);
    expect(result.quarantined).toHaveLength(1);
  });

  it('reads generic records and Kamailio syslog lines', async () => {
    const [record] = (await read('connect/ctr-1.json', 'connect-json')).records;
    const generic = await collectItems(
      readCallFile(Readable.from([JSON.stringify([record, record])]), 'generic-json'),
    );
    expect(generic.records).toHaveLength(2);
    const syslog =
      'May  1 10:00:00 sbc json_acc[42]: {"method":"INVITE","from_tag":"a","to_tag":"","callid":"c-1","sip_code":"487","sip_reason":"Request Terminated","time":1714557600}\nnot json at all';
    const kamailio = await collectItems(readCallFile(Readable.from([syslog]), 'kamailio-json'));
    expect(kamailio.records[0]?.disposition).toBe('cancelled');
    expect(kamailio.quarantined[0]?.reason).toBe('line holds no JSON object');
  });
});

describe('grouping CDR rows while streaming', () => {
  const lines = readFileSync(path.join(FIXTURES, 'asterisk/Master-1.csv'), 'utf8').trim().split('\n');
  // Rows 4-6 are one call (linkedid 1706369600.6); put another call between them.
  const interleaved = [lines[3], lines[0], lines[1], lines[4], lines[5]].join('\n');

  it('keeps a call together when its rows are within the window', async () => {
    const result = await collectItems(
      readCallFile(Readable.from([interleaved]), 'asterisk-csv', { usegmtime: true }),
    );
    expect(result.records.find((record) => record.sourceCallId === '1706369600.6')?.legs).toHaveLength(3);
  });

  it('splits it past the window, and the connector merge puts it back together', async () => {
    const result = await collectItems(
      readCallFile(Readable.from([interleaved]), 'asterisk-csv', { usegmtime: true, groupWindowRows: 2 }),
    );
    const parts = result.records.filter((record) => record.sourceCallId === '1706369600.6');
    expect(parts).toHaveLength(2);
    const [first, second] = parts;
    const merge = callConnectors.asterisk.merge;
    if (!first || !second || !merge) throw new Error('missing parts');
    const merged = merge(first, second, { usegmtime: true });
    expect(merged.legs).toHaveLength(3);
    expect(merged.disposition).toBe('no_answer');
  });

  it('archives the rows of both parts with the merged call, each row once', async () => {
    const items: ParsedItem[] = [];
    const stream = Readable.from([interleaved]);
    for await (const item of readCallFile(stream, 'asterisk-csv', { usegmtime: true, groupWindowRows: 2 })) {
      if (item.kind === 'record' && item.record.sourceCallId === '1706369600.6') items.push(item);
    }
    const [first, second] = rawsOf(items);
    const mergeRaw = callConnectors.asterisk.mergeRaw;
    if (!first || !second || !mergeRaw) throw new Error('missing parts');
    const merged = mergeRaw(mergeRaw(first, second), second);
    if (merged.format !== 'csv') throw new Error('not CSV');
    expect(merged.rows.map((row) => row.line)).toEqual([1, 4, 5]);
    expect(merged.rows.map((row) => row.text)).toEqual([lines[3], lines[4], lines[5]]);
    expect(merged.rows.every((row) => row.fields.linkedid === '1706369600.6')).toBe(true);
  });
});

describe('connector registry', () => {
  it('has a connector for every source and a source for every file format', () => {
    for (const source of CALL_SOURCES) expect(callConnectors[source].source).toBe(source);
    for (const format of CALL_FILE_FORMATS) {
      expect(callConnectors[FILE_FORMAT_SOURCES[format]].fileFormats).toContain(format);
    }
  });

  it('looks parsers up by name and knows no others', () => {
    expect(getCallConnector('cucm')?.mergeStrategy).toBe('merge-legs');
    expect(getCallConnector('cucm')?.mergeRaw).toBeTypeOf('function');
    expect(getCallConnector('connect')?.mergeStrategy).toBe('newest-wins');
    expect(getCallConnector('toString')).toBeUndefined();
    expect(getCallConnector('avaya')).toBeUndefined();
  });

  it('sniffs FreeSWITCH payloads: XML, JSON or CSV', () => {
    const parse = callConnectors.freeswitch.parse;
    for (const file of ['cdr-1.json', 'cdr-xml-1.xml', 'Master-cdr_csv-1.csv']) {
      const result = parse(readFileSync(path.join(FIXTURES, 'freeswitch', file), 'utf8'));
      expect(result.quarantined).toEqual([]);
      expect(result.records.length).toBeGreaterThan(0);
    }
  });
});
