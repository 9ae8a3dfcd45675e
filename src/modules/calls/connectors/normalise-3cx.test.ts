import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedCall } from '../call-record.js';
import { THREECX_CDR_FIELDS, normalise3cxCsv, threeCxCsvItems } from './normalise-3cx.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/3cx');
const text = readFileSync(path.join(FIXTURES, 'cdr-1.csv'), 'utf8');

function byId(records: NormalisedCall[], id: string): NormalisedCall {
  const record = records.find((candidate) => candidate.sourceCallId === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

describe('3cx/cdr-1.csv (3CX v16 CDR, 27 fields)', () => {
  const result = normalise3cxCsv(text, { timeZone: 'Europe/Paris', defaultCountry: 'FR' });

  it('reads all 14 calls', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(14);
  });

  it('converts Paris server time to UTC and reads HH:MM:SS talk time', () => {
    expect(byId(result.records, '00000171DEE41BB3_2501')).toMatchObject({
      startedAt: '2020-05-04T08:53:43.000Z',
      answeredAt: '2020-05-04T08:53:43.000Z',
      endedAt: '2020-05-04T08:58:59.000Z',
      talkSeconds: 315,
      totalSeconds: 316,
      disposition: 'answered',
      direction: 'inbound',
      sourceDirection: null,
    });
  });

  it('names the extension that finally took an inbound call as the agent', () => {
    const call = byId(result.records, '00000171DEE41BB3_2501');
    expect(call.from).toEqual({ raw: '0611360468', e164: '+33611360468', displayName: 'from disp' });
    expect(call.to.raw).toBe('Ext.610');
    expect(call.agent).toEqual({ id: '185', name: 'fin disp' });
    expect(call.attributes['reason-changed']).toBe('ReplacedDst');
  });

  it('reads outbound calls with the dialled number and the cost', () => {
    const call = byId(result.records, '00000171DEE71559_2510');
    expect(call).toMatchObject({ direction: 'outbound', ringSeconds: 5, talkSeconds: 307 });
    expect(call.to.e164).toBe('+33232354095');
    expect(call.attributes['bill-cost']).toBe(5.12);
  });

  it('tells cancelled, failed and internal calls apart', () => {
    expect(byId(result.records, '00000171DEE8BB1E_2512')).toMatchObject({
      disposition: 'cancelled',
      direction: 'internal',
      answeredAt: null,
      talkSeconds: 0,
      ringSeconds: 16,
    });
    const failed = byId(result.records, '00000171DEFB6EB4_2535');
    expect(failed).toMatchObject({ disposition: 'failed', direction: 'outbound' });
    expect(failed.to.e164).toBe('+3265395525');
  });

  it('archives each call’s row under the 3CX field names, with its line', () => {
    const items = threeCxCsvItems(text, { timeZone: 'Europe/Paris' });
    const [first] = items;
    if (first?.kind !== 'record' || first.raw.format !== 'csv') throw new Error('no CSV record');
    expect(first.raw.rows).toEqual([
      {
        line: 1,
        text: text.split('\n')[0],
        fields: expect.objectContaining({
          historyid: 'Call 9744',
          callid: '00000171DEE41BB3_2501',
          'from-no': '0611360468',
          chain: 'Chain: 0611360468,Ext.610,Ext.185,',
        }) as Record<string, string>,
      },
    ]);
    expect(Object.keys(first.raw.rows[0]?.fields ?? {}).slice(0, 27)).toEqual([...THREECX_CDR_FIELDS]);
  });

  it('uses the dialled number when the destination is the EndCall rule', () => {
    expect(byId(result.records, '00000171DEFB5AD4_2534').to.raw).toBe('0800910387');
  });
});

describe('3CX edge cases', () => {
  it('quarantines unreadable times and short rows', () => {
    const bad = [
      'Call 1,CID1,00:00:10,yesterday,,2020/05/04 10:00:10,TerminatedBySrc,Ext.1,Ext.2,1,2,2,,,,,,,,,Internal,Internal,Internal,a,b,c,',
      'Call 2,CID2,ten seconds,2020/05/04 10:00:00,2020/05/04 10:00:01,2020/05/04 10:00:10,TerminatedBySrc,Ext.1,Ext.2,1,2,2,,,,,,,,,Internal,Internal,Internal,a,b,c,',
      'Call 3,CID3',
    ].join('\n');
    const result = normalise3cxCsv(bad);
    expect(result.records).toEqual([]);
    expect(result.quarantined.map((item) => item.reason)).toEqual([
      'unreadable time-start "yesterday"',
      'unreadable duration "ten seconds"',
      'expected 27 3CX CDR fields, got 2',
    ]);
  });

  it('follows a header row when the export has one', () => {
    const header = 'historyid,callid,time-start,time-end,from-no,to-no,reason-terminated';
    const row = 'Call 7,CID7,2020/05/04 10:00:00,2020/05/04 10:00:20,0611360468,Ext.100,TerminatedByDst';
    const result = normalise3cxCsv(`${header}\n${row}`, { defaultCountry: 'FR' });
    expect(result.records[0]).toMatchObject({
      sourceCallId: 'CID7',
      disposition: 'no_answer',
      totalSeconds: 20,
    });
    const [item] = threeCxCsvItems(`${header}\n${row}`);
    expect(item?.kind === 'record' && item.raw).toEqual({
      format: 'csv',
      rows: [
        {
          line: 2,
          text: row,
          fields: {
            historyid: 'Call 7',
            callid: 'CID7',
            'time-start': '2020/05/04 10:00:00',
            'time-end': '2020/05/04 10:00:20',
            'from-no': '0611360468',
            'to-no': 'Ext.100',
            'reason-terminated': 'TerminatedByDst',
          },
        },
      ],
    });
    expect(THREECX_CDR_FIELDS).toContain('missed-queue-calls');
  });
});
