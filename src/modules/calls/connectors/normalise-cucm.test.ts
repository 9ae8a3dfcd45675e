import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedCall } from '../call-record.js';
import {
  CUCM_CDR_COLUMNS,
  CucmCallAssembler,
  CucmRowMapper,
  cucmCsvItems,
  mergeCucmCalls,
  normaliseCucmCsv,
} from './normalise-cucm.js';
import { csvRowsFromText } from './csv-rows.js';
import type { CsvSourceRow, ParsedItem } from './parse-result.js';
import { mergeCsvRaw, type RecordRaw } from './record-raw.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/cucm');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function byId(records: NormalisedCall[], id: string): NormalisedCall {
  const record = records.find((candidate) => candidate.sourceCallId === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

function rawOf(items: ParsedItem[], id: string): RecordRaw {
  const item = items.find((candidate) => candidate.kind === 'record' && candidate.record.sourceCallId === id);
  if (item?.kind !== 'record') throw new Error(`no record ${id}`);
  return item.raw;
}

function rowsOf(raw: RecordRaw): CsvSourceRow[] {
  if (raw.format !== 'csv') throw new Error(`not CSV: ${raw.format}`);
  return raw.rows;
}

describe('cucm/cdr-1.csv (header + type rows, 133 columns)', () => {
  const result = normaliseCucmCsv(fixture('cdr-1.csv'), { defaultCountry: 'US' });

  // One real call (25447: 5033466594 on SEPCC7F750586B7 -> 5033466593 on SEPCC8E7148AD29, legs
  // 47874239/47874240) and two Built-in-Bridge recording calls (25449, 25448): the phones' bridges
  // b002179144511001/b002179144411001 forking each side to the recorder at 5030079981 (partition
  // InformLabRecording, redirected on behalf of Recording = 27, reason 354), each naming the leg it
  // records in origConversationId. The recorder never answered (dateTimeConnect 0, duration 0).
  it('reads one call and skips the two header rows: the bridge recordings are not calls', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records.map((record) => record.sourceCallId)).toEqual(['cucmOHSUtest:2:25447']);
    expect(CUCM_CDR_COLUMNS).toHaveLength(133);
  });

  it('reads the phone-to-phone call from UTC epochs', () => {
    const call = byId(result.records, 'cucmOHSUtest:2:25447');
    expect(call).toMatchObject({
      startedAt: '2025-04-18T16:32:08.000Z',
      answeredAt: '2025-04-18T16:32:10.000Z',
      endedAt: '2025-04-18T16:32:21.000Z',
      ringSeconds: 2,
      talkSeconds: 11,
      totalSeconds: 13,
      disposition: 'answered',
      direction: 'internal',
      sourceDirection: null,
    });
    expect(call.from.raw).toBe('5033466594');
    expect(call.to).toEqual({ raw: '5033466593', e164: '+15033466593', displayName: null });
    expect(call.causeCodes.q850).toBe(16);
  });

  it('archives the call’s rows under the header’s column names, with their lines', () => {
    const lines = fixture('cdr-1.csv').split('\n');
    const rows = rowsOf(rawOf(cucmCsvItems(fixture('cdr-1.csv')), 'cucmOHSUtest:2:25447'));
    expect(rows.map((row) => row.line)).toEqual([3, 4, 5]);
    expect(rows[2]).toMatchObject({
      line: 5,
      text: lines[4],
      fields: {
        globalCallID_callId: '25447',
        callingPartyNumber: '5033466594',
        callingPartyUnicodeLoginUserID: 'rubbleb',
        globalCallId_ClusterID: 'cucmOHSUtest',
      },
    });
  });

  it('attaches the built-in-bridge recording calls to the call they record, as recording legs', () => {
    const call = byId(result.records, 'cucmOHSUtest:2:25447');
    const recordings = call.legs.filter((leg) => leg.attributes.legRole === 'recording');
    expect(recordings.map((leg) => [leg.from.raw, leg.to.raw, leg.attributes.origConversationId])).toEqual([
      ['b002179144511001', '5030079981', '47874239'],
      ['b002179144411001', '5030079981', '47874240'],
    ]);
    for (const leg of recordings) {
      // 0 means "never connected"; the bogus destCause is not passed off as Q.850.
      expect(leg).toMatchObject({ answeredAt: null, talkSeconds: 0, disposition: 'failed' });
      expect(leg.causeCodes.q850).toBeNull();
      expect(leg.attributes.globalCallID_callId).toMatch(/^2544[89]$/);
    }
    expect(call.legs).toHaveLength(3);
    expect(call.attributes.recordingLegs).toBe(2);
  });

  it('works the call out from its own leg only, whatever the recording legs say', () => {
    expect(byId(result.records, 'cucmOHSUtest:2:25447')).toMatchObject({
      conversationId: 'cucmOHSUtest:2:25447',
      from: { raw: '5033466594' },
      startedAt: '2025-04-18T16:32:08.000Z',
      endedAt: '2025-04-18T16:32:21.000Z',
      talkSeconds: 11,
      disposition: 'answered',
      agent: null,
    });
  });
});

describe('cucm/cdr-2-noheader.csv (no header, 129 columns)', () => {
  const result = normaliseCucmCsv(fixture('cdr-2-noheader.csv'), { defaultCountry: 'US' });

  it('reads the 5 rows in the documented column order', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(5);
  });

  it('names the hunt pilot as queue and the phone that answered as agent', () => {
    expect(byId(result.records, 'StandAloneCluster:1:12278981')).toMatchObject({
      queue: { id: '3333', name: '3333' },
      agent: { id: 'SEPBC16F516D030', name: null },
      talkSeconds: 61,
      ringSeconds: 13,
    });
  });

  it('recognises a call forwarded to voicemail', () => {
    const call = byId(result.records, 'StandAloneCluster:1:12235051');
    expect(call.disposition).toBe('voicemail');
    expect(call.agent).toBeNull();
    expect(call.legs[0]?.to.raw).toBe('5500');
  });

  it('names the archived fields by the documented column order', () => {
    const [row] = rowsOf(rawOf(cucmCsvItems(fixture('cdr-2-noheader.csv')), 'StandAloneCluster:1:12278981'));
    expect(Object.keys(row?.fields ?? {})).toEqual(CUCM_CDR_COLUMNS.slice(0, 129));
    expect(row).toMatchObject({
      line: 1,
      fields: { cdrRecordType: '1', globalCallID_callId: '12278981', callingPartyNumber: '3370' },
    });
  });

  it('calls an unconnected leg cleared by the caller a cancelled call', () => {
    expect(byId(result.records, 'StandAloneCluster:1:12245755')).toMatchObject({
      disposition: 'cancelled',
      answeredAt: null,
      totalSeconds: 3,
      talkSeconds: 0,
    });
  });
});

describe('CUCM recording legs that do not arrive with their call', () => {
  const [, , recording25449, recording25448, call25447] = fixture('cdr-1.csv').split('\n');
  const otherCall = fixture('cdr-2-noheader.csv').split('\n')[0] ?? '';
  const header = fixture('cdr-1.csv').split('\n').slice(0, 2).join('\n');

  it('quarantines a recording leg whose call is not in the payload, naming the leg it records', () => {
    const result = normaliseCucmCsv(`${header}\n${recording25448}`);
    expect(result.records).toEqual([]);
    expect(result.quarantined).toHaveLength(1);
    expect(result.quarantined[0]?.reason).toMatch(/recording leg .*b002179144411001.* leg 47874240/);
    expect(result.quarantined[0]?.raw).toBe(recording25448);
  });

  it('attaches a recording leg that comes after its call left the grouping window, through the merge', () => {
    const mapper = new CucmRowMapper();
    const assembler = new CucmCallAssembler({}, 1);
    const rows = [header, call25447, otherCall, recording25449].join('\n');
    const items = [...csvRowsFromText(rows)].flatMap((row) => {
      const outcome = mapper.map(row);
      return outcome.kind === 'row' ? assembler.add(outcome.row) : [];
    });
    items.push(...assembler.flush());
    const records = items.flatMap((item) => (item.kind === 'record' ? [item.record] : []));
    expect(items.filter((item) => item.kind !== 'record')).toEqual([]);
    // Two deliveries of the same call: the call, then its recording leg; the index merges them.
    expect(records.map((record) => record.sourceCallId)).toEqual([
      'cucmOHSUtest:2:25447',
      'StandAloneCluster:1:12278981',
      'cucmOHSUtest:2:25447',
    ]);
    const [first, , second] = records;
    if (!first || !second) throw new Error('missing records');
    const merged = mergeCucmCalls(first, second);
    expect(merged.legs).toHaveLength(2);
    expect(merged).toMatchObject({
      startedAt: '2025-04-18T16:32:08.000Z',
      talkSeconds: 11,
      disposition: 'answered',
    });
    expect(merged.from.raw).toBe('5033466594');
  });
});

describe('CUCM edge cases', () => {
  const row = fixture('cdr-2-noheader.csv').split('\n')[0] ?? '';

  it('skips CMR rows and quarantines rows it cannot place in time', () => {
    const cmr = row.replace(/^1,/, '2,');
    const noTime = row.replace(',1541449562,', ',0,');
    const result = normaliseCucmCsv([cmr, noTime].join('\n'));
    expect(result.records).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/CMR/);
    expect(result.quarantined[0]?.reason).toBe('unreadable dateTimeOrigination "0"');
  });

  it('merges legs of one global call written to different files', () => {
    const second = row
      .replace('"e6a90b88-7e93-4308-af5e-36dc9ab08f0b"', '"f0000000-0000-0000-0000-000000000000"')
      .replace(',1541449636,', ',1541449700,');
    const [a] = normaliseCucmCsv(row).records;
    const [b] = normaliseCucmCsv(second).records;
    if (!a || !b) throw new Error('missing records');
    const merged = mergeCucmCalls(a, b);
    expect(merged.legs).toHaveLength(2);
    expect(merged.endedAt).toBe('2018-11-05T20:28:20.000Z');
  });

  it('archives the rows of both files with a merged call, a row delivered twice once', () => {
    const second = row.replace(
      '"e6a90b88-7e93-4308-af5e-36dc9ab08f0b"',
      '"f0000000-0000-0000-0000-000000000000"',
    );
    const first = rawOf(cucmCsvItems(row), 'StandAloneCluster:1:12278981');
    const later = rawOf(cucmCsvItems(`${row}\n${second}`), 'StandAloneCluster:1:12278981');
    const merged = rowsOf(mergeCsvRaw(first, later));
    expect(merged.map((archived) => archived.text)).toEqual([row, second]);
    expect(merged.map((archived) => archived.fields.pkid)).toEqual([
      'e6a90b88-7e93-4308-af5e-36dc9ab08f0b',
      'f0000000-0000-0000-0000-000000000000',
    ]);
  });
});
