import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCallRecordV1 } from '../call-record.js';
import { normaliseConnectCtr } from './normalise-connect.js';
import { genericItems, normaliseGeneric } from './normalise-generic.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/connect');
const [connectCall] = normaliseConnectCtr(readFileSync(path.join(FIXTURES, 'ctr-1.json'), 'utf8')).records;
if (!connectCall) throw new Error('fixture did not parse');

describe('generic (already unified records)', () => {
  it('accepts a normalised call as is', () => {
    const result = normaliseGeneric(JSON.stringify(connectCall));
    expect(result.quarantined).toEqual([]);
    expect(result.records[0]).toEqual(connectCall);
  });

  it('re-imports an exported CallRecordV1, leaving the platform fields to the importer', () => {
    const exported = toCallRecordV1(connectCall, {
      tenantId: 'ten_1',
      rawObjectKey: 'k',
      rawSha256: 'b'.repeat(64),
      ingestedAt: '2022-01-05T18:00:00.000Z',
    });
    const result = normaliseGeneric([exported, exported]);
    expect(result.records).toHaveLength(2);
    expect(result.records[0]).not.toHaveProperty('tenantId');
    // The archive keeps what was sent, platform fields included.
    const [item] = genericItems([exported]);
    expect(item?.kind === 'record' && item.raw).toEqual({ format: 'json', document: exported });
  });

  it('names unknown fields and invalid values instead of dropping them', () => {
    const result = normaliseGeneric([
      { ...connectCall, colour: 'blue' },
      { ...connectCall, disposition: 'maybe' },
      42,
    ]);
    expect(result.quarantined.map((item) => item.reason)).toEqual([
      'not a valid CallRecord v1: (root): unknown field(s) colour',
      expect.stringMatching(/^not a valid CallRecord v1: disposition: /) as string,
      'a call record must be a JSON object',
    ]);
  });
});
