import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisedCallSchema, type NormalisedCall } from '../call-record.js';
import {
  ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
  asteriskCdrCsvColumns,
  asteriskCsvItems,
  columnsFromCdrCustomTemplate,
  mergeAsteriskCalls,
  normaliseAsteriskCsv,
} from './normalise-asterisk.js';
import type { CsvSourceRow, ParsedItem } from './parse-result.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/asterisk');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function byId(records: NormalisedCall[], id: string): NormalisedCall {
  const record = records.find((candidate) => candidate.sourceCallId === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

/** The CSV rows archived with the record of one call. */
function rowsOf(items: ParsedItem[], id: string): CsvSourceRow[] {
  const item = items.find((candidate) => candidate.kind === 'record' && candidate.record.sourceCallId === id);
  if (item?.kind !== 'record' || item.raw.format !== 'csv') throw new Error(`no CSV record ${id}`);
  return item.raw.rows;
}

describe('asterisk/Master-1.csv (cdr_csv, loguniqueid + loguserfield + newcdrcolumns)', () => {
  // The server logged UTC: every start equals the epoch inside its uniqueid.
  const result = normaliseAsteriskCsv(fixture('Master-1.csv'), { usegmtime: true, defaultCountry: 'RU' });

  it('groups the 22 rows into 8 calls by linkedid and loses none', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(8);
    expect(result.records.reduce((sum, record) => sum + record.legs.length, 0)).toBe(22);
    for (const record of result.records) expect(normalisedCallSchema.safeParse(record).success).toBe(true);
  });

  it('reads a single answered row with Asterisk’s own duration and billsec', () => {
    const call = byId(result.records, '1706368044.0');
    expect(call).toMatchObject({
      startedAt: '2024-01-27T15:07:24.000Z',
      endedAt: '2024-01-27T15:07:51.000Z',
      totalSeconds: 27,
      talkSeconds: 27,
      disposition: 'answered',
      direction: 'inbound',
      sourceDirection: null,
    });
    expect(call.from).toEqual({ raw: '89245555937', e164: '+79245555937', displayName: null });
    expect(Date.parse(call.startedAt) / 1000).toBe(1706368044);
  });

  it('calls a parallel dial nobody picked up a missed call, despite the ANSWERED hangup row', () => {
    const call = byId(result.records, '1706369600.6');
    expect(call.legs).toHaveLength(3);
    expect(call.disposition).toBe('no_answer');
    expect(call.answeredAt).toBeNull();
    expect(call.totalSeconds).toBe(60);
    expect(call.talkSeconds).toBe(0);
  });

  it('follows Local channels: answered after 6 s of ringing, 17 s of talk', () => {
    const call = byId(result.records, '1706407446.50');
    expect(call.legs).toHaveLength(5);
    expect(call).toMatchObject({
      disposition: 'answered',
      answeredAt: '2024-01-28T02:04:12.000Z',
      endedAt: '2024-01-28T02:04:29.000Z',
      ringSeconds: 6,
      talkSeconds: 17,
      totalSeconds: 23,
    });
  });

  it('keeps channel details on each leg', () => {
    const call = byId(result.records, '1706413165.93');
    const answered = call.legs.find((leg) => leg.disposition === 'answered');
    expect(answered?.attributes).toMatchObject({
      dstchannel: 'SIP/301-0000001a',
      lastapp: 'Dial',
      sequence: 75,
    });
    expect(answered?.talkSeconds).toBe(43);
  });

  it('archives every row of a call with its line and named fields, all legs together', () => {
    const lines = fixture('Master-1.csv').split('\n');
    const rows = rowsOf(asteriskCsvItems(fixture('Master-1.csv'), { usegmtime: true }), '1706369600.6');
    expect(rows.map((row) => row.line)).toEqual([4, 5, 6]);
    expect(rows.map((row) => row.text)).toEqual(lines.slice(3, 6));
    expect(rows.map((row) => row.fields.linkedid)).toEqual(['1706369600.6', '1706369600.6', '1706369600.6']);
    expect(rows.map((row) => row.fields.dstchannel)).toEqual([
      'SIP/301-00000004',
      'SIP/stadionpbx-00000005',
      '',
    ]);
    // Headerless cdr_csv: the documented column names, values as unquoted from the CSV.
    expect(Object.keys(rows[0]?.fields ?? {})).toEqual(
      asteriskCdrCsvColumns({ loguniqueid: true, loguserfield: true, newcdrcolumns: true }),
    );
    expect(rows[0]?.fields.clid).toBe('"89245555937" <89245555937>');
  });

  it('archives each of the 22 rows with exactly one record', () => {
    const items = asteriskCsvItems(fixture('Master-1.csv'), { usegmtime: true });
    const lines = items.flatMap((item) =>
      item.kind === 'record' && item.raw.format === 'csv' ? item.raw.rows.map((row) => row.line) : [],
    );
    expect(lines.sort((a, b) => a - b)).toEqual(Array.from({ length: 22 }, (_, index) => index + 1));
  });

  it('keeps a caller name that is not just the number again', () => {
    const call = byId(result.records, 'mainserverdss-1706420300.0');
    expect(call.from.displayName).toBe('8107924352¥¥X');
    expect(call.from.raw).toBe('81079243525786');
  });
});

describe('asterisk/Master-2-cdr_custom.csv (cdr_custom sample layout)', () => {
  // A Madagascar server: local 01:51:32 is 22:51:32Z, the uniqueid's epoch.
  const result = normaliseAsteriskCsv(fixture('Master-2-cdr_custom.csv'), {
    asteriskColumns: ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
    timeZone: 'Indian/Antananarivo',
  });

  it('maps all 6 rows to calls in UTC', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(6);
    for (const record of result.records) {
      expect(Date.parse(record.startedAt) / 1000).toBe(Math.floor(Number(record.sourceCallId)));
    }
  });

  it('reads numbers and outcome from the custom columns', () => {
    const answered = byId(result.records, '1690325492.2');
    expect(answered).toMatchObject({
      from: { raw: 'client1', e164: null, displayName: null },
      to: { raw: '6789', e164: null, displayName: null },
      answeredAt: '2023-07-25T22:51:50.000Z',
      ringSeconds: 18,
      talkSeconds: 13,
      totalSeconds: 31,
      disposition: 'answered',
    });
    expect(byId(result.records, '1690325531.5')).toMatchObject({
      disposition: 'no_answer',
      talkSeconds: 0,
      totalSeconds: 30,
    });
  });

  it('names the archived fields by the cdr_custom layout', () => {
    const items = asteriskCsvItems(fixture('Master-2-cdr_custom.csv'), {
      timeZone: 'Indian/Antananarivo',
      asteriskColumns: ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS,
    });
    const [row] = rowsOf(items, '1690325492.2');
    expect(row).toMatchObject({
      line: 1,
      fields: { clid: '"" <client1>', src: 'client1', dst: '6789', uniqueid: '1690325492.2', sequence: '2' },
    });
  });

  it('gives the same layout when read from the cdr_custom.conf mapping line', () => {
    const template =
      'Master.csv => "${CSV_QUOTE(${CDR(clid)})}","${CSV_QUOTE(${CDR(src)})}","${CSV_QUOTE(${CDR(dst)})}","${CSV_QUOTE(${CDR(dcontext)})}","${CSV_QUOTE(${CDR(channel)})}","${CSV_QUOTE(${CDR(dstchannel)})}","${CSV_QUOTE(${CDR(lastapp)})}","${CSV_QUOTE(${CDR(lastdata)})}","${CSV_QUOTE(${CDR(start)})}","${CSV_QUOTE(${CDR(answer)})}","${CSV_QUOTE(${CDR(end)})}","${CSV_QUOTE(${CDR(duration)})}","${CSV_QUOTE(${CDR(billsec)})}","${CSV_QUOTE(${CDR(disposition)})}","${CSV_QUOTE(${CDR(amaflags)})}","${CSV_QUOTE(${CDR(accountcode)})}","${CSV_QUOTE(${CDR(uniqueid)})}","${CSV_QUOTE(${CDR(userfield)})}","${CDR(sequence)}"';
    expect(columnsFromCdrCustomTemplate(template)).toEqual(ASTERISK_CDR_CUSTOM_SAMPLE_COLUMNS);
  });
});

describe('asterisk/cdr-spec-scenarios.csv (CDR specification scenarios, header row)', () => {
  const text = fixture('cdr-spec-scenarios.csv');
  const [header = '', ...rows] = text.trim().split('\n');
  // Every scenario in the specification shares one linkedid, so each is parsed on its own.
  const scenario = (name: string): NormalisedCall => {
    const result = normaliseAsteriskCsv(
      [header, ...rows.filter((row) => row.startsWith(`${name},`))].join('\n'),
      {
        timeZone: 'America/Chicago',
      },
    );
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(1);
    const [record] = result.records;
    if (!record) throw new Error('no record');
    return record;
  };

  it('reads the whole file through its header row', () => {
    const result = normaliseAsteriskCsv(text, { timeZone: 'America/Chicago' });
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.legs).toHaveLength(10);
    expect(result.records[0]?.legs[0]?.attributes.scenario).toBeDefined();
  });

  it('names the archived fields as the header row does, unknown columns included', () => {
    const items = asteriskCsvItems(text, { timeZone: 'America/Chicago' });
    const archived = rowsOf(items, 'Asterisk-01-1362424276.2');
    expect(archived).toHaveLength(10);
    expect(archived[0]).toMatchObject({
      line: 2,
      text: rows[0],
      fields: { scenario: 'unanswered-inbound', clid: '"Alice" <100>', linkedid: 'Asterisk-01-1362424276.2' },
    });
  });

  it('unanswered inbound call', () => {
    const call = scenario('unanswered-inbound');
    expect(call).toMatchObject({
      disposition: 'no_answer',
      startedAt: '2013-03-04T19:11:18.000Z',
      totalSeconds: 2,
    });
    expect(call.from).toEqual({ raw: '100', e164: null, displayName: 'Alice' });
  });

  it('basic call: 8 s ring, 112 s talk', () => {
    expect(scenario('basic-call')).toMatchObject({
      disposition: 'answered',
      direction: 'internal',
      answeredAt: '2013-03-04T19:11:26.000Z',
      ringSeconds: 8,
      talkSeconds: 112,
      totalSeconds: 120,
    });
  });

  it('parallel dial answered on the IAX2 leg', () => {
    const call = scenario('parallel-dial');
    expect(call.legs).toHaveLength(2);
    expect(call).toMatchObject({
      disposition: 'answered',
      ringSeconds: 10,
      talkSeconds: 60,
      totalSeconds: 70,
    });
  });

  it('blind transfer: one call from first ring to the transferee hanging up', () => {
    const call = scenario('blind-transfer');
    expect(call.legs.map((leg) => leg.to.raw)).toEqual(['200', '300']);
    expect(call).toMatchObject({
      startedAt: '2013-03-04T19:11:18.000Z',
      answeredAt: '2013-03-04T19:11:28.000Z',
      endedAt: '2013-03-04T19:12:53.000Z',
      totalSeconds: 95,
      disposition: 'answered',
    });
  });

  it('attended transfer keeps the consultation leg from Bob', () => {
    const call = scenario('attended-transfer');
    expect(call.legs).toHaveLength(3);
    expect(call.legs.map((leg) => leg.from.displayName)).toEqual(['Alice', 'Bob', 'Alice']);
    expect(call.from.displayName).toBe('Alice');
    expect(call.totalSeconds).toBe(95);
  });
});

describe('Asterisk CSV edge cases', () => {
  const good =
    '"","200","300","default","""Bob"" <200>","SIP/bob-1","SIP/carol-2","Dial","SIP/carol","2024-05-01 10:00:00","2024-05-01 10:00:05","2024-05-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1714557600.1",""';

  it('quarantines bad rows with a reason and keeps the good ones', () => {
    const text = [
      good,
      good.replace('2024-05-01 10:00:00', 'not-a-date').replace('1714557600.1', '1714557600.2'),
      good.replace('ANSWERED', 'MAYBE').replace('1714557600.1', '1714557600.3'),
      '"too","few","columns"',
      good.replace(',65,', ',sixty-five,').replace('1714557600.1', '1714557600.4'),
    ].join('\n');
    const result = normaliseAsteriskCsv(text);
    expect(result.records.map((record) => record.sourceCallId)).toEqual(['1714557600.1']);
    expect(result.quarantined.map((item) => item.reason)).toEqual([
      'unreadable start time "not-a-date"',
      'unknown disposition "MAYBE"',
      'unexpected column count 3 for an Asterisk CDR row',
      'duration or billsec is not a number',
    ]);
    expect(result.quarantined[0]?.raw).toContain('not-a-date');
  });

  it('quarantines a row with a stray quote without losing the rows around it', () => {
    const second = good.replaceAll('1714557600.1', '1714557600.5');
    const result = normaliseAsteriskCsv(`${good}\n"","201","300,"default\n"","201","300,default\n${second}`);
    expect(result.records.map((record) => record.sourceCallId)).toEqual(['1714557600.1', '1714557600.5']);
    expect(result.quarantined).toEqual([
      {
        reason: expect.stringMatching(/^malformed CSV on line 2: Invalid Closing Quote/) as string,
        category: 'unknown_format',
        field: undefined,
        raw: '"","201","300,"default',
      },
      {
        reason: 'malformed CSV on line 3: quote not closed',
        category: 'unknown_format',
        field: undefined,
        raw: '"","201","300,default',
      },
    ]);
  });

  it('reads the plain 16-column layout and the 18-column one', () => {
    const sixteen = good.split(',').slice(0, 16).join(',');
    const plain = normaliseAsteriskCsv(sixteen, { timeZone: 'Europe/London' });
    expect(plain.records).toHaveLength(1);
    expect(plain.records[0]?.startedAt).toBe('2024-05-01T09:00:00.000Z');
    expect(
      asteriskCdrCsvColumns({ loguniqueid: true, loguserfield: true, newcdrcolumns: false }),
    ).toHaveLength(18);
    expect(normaliseAsteriskCsv(good).records[0]?.sourceCallId).toBe('1714557600.1');
  });

  it('marks a call that ended in VoiceMail as voicemail', () => {
    const row = good.replace('"SIP/carol-2","Dial","SIP/carol"', '"","VoiceMail","300@default"');
    expect(normaliseAsteriskCsv(row).records[0]?.disposition).toBe('voicemail');
  });

  it('merges legs of one call that arrived in separate files', () => {
    const first = normaliseAsteriskCsv(fixture('Master-1.csv').split('\n').slice(3, 4).join('\n'), {
      usegmtime: true,
    });
    const second = normaliseAsteriskCsv(fixture('Master-1.csv').split('\n').slice(4, 6).join('\n'), {
      usegmtime: true,
    });
    const [a] = first.records;
    const [b] = second.records;
    if (!a || !b) throw new Error('missing records');
    expect(a.sourceCallId).toBe(b.sourceCallId);
    const merged = mergeAsteriskCalls(a, b, { usegmtime: true });
    expect(merged.legs).toHaveLength(3);
    expect(merged.disposition).toBe('no_answer');
    expect(merged.totalSeconds).toBe(60);
  });

  it('yields nothing for an empty file', () => {
    const result = normaliseAsteriskCsv('\n\n');
    expect(result).toEqual({ records: [], quarantined: [], skipped: [] });
  });
});
