import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NormalisedCall } from '../call-record.js';
import { CUCM_CDR_COLUMNS, mergeCucmCalls, normaliseCucmCsv } from './normalise-cucm.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/cucm');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function byId(records: NormalisedCall[], id: string): NormalisedCall {
  const record = records.find((candidate) => candidate.sourceCallId === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}

describe('cucm/cdr-1.csv (header + type rows, 133 columns)', () => {
  const result = normaliseCucmCsv(fixture('cdr-1.csv'), { defaultCountry: 'US' });

  it('reads 3 calls and skips the two header rows', () => {
    expect(result.quarantined).toEqual([]);
    expect(result.records).toHaveLength(3);
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
    });
    expect(call.from.raw).toBe('5033466594');
    expect(call.to).toEqual({ raw: '5033466593', e164: '+15033466593', displayName: null });
    expect(call.causeCodes.q850).toBe(16);
  });

  it('ties the built-in-bridge recording calls to the call they record', () => {
    for (const id of ['cucmOHSUtest:2:25448', 'cucmOHSUtest:2:25449']) {
      const recording = byId(result.records, id);
      expect(recording.conversationId).toBe('cucmOHSUtest:2:25447');
      expect(recording.attributes.recordingOfLegId).toMatch(/^478742(39|40)$/);
      // 0 means "never connected"; the bogus destCause is not passed off as Q.850.
      expect(recording.answeredAt).toBeNull();
      expect(recording.causeCodes.q850).toBeNull();
    }
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

  it('calls an unconnected leg cleared by the caller a cancelled call', () => {
    expect(byId(result.records, 'StandAloneCluster:1:12245755')).toMatchObject({
      disposition: 'cancelled',
      answeredAt: null,
      totalSeconds: 3,
      talkSeconds: 0,
    });
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
});
