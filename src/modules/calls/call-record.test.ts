import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  CALL_ID_PATTERN,
  callRecordJsonSchema,
  callRecordV1Schema,
  compareSourceVersions,
  normalisedCallSchema,
  toCallRecordV1,
  toCallRecordV1FromValidated,
  type NormalisedCall,
} from './call-record.js';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../../docs/call-record.v1.schema.json');

function sampleCall(overrides: Partial<NormalisedCall> = {}): NormalisedCall {
  const party = { raw: '+442071838750', e164: '+442071838750', displayName: 'Front desk' };
  return {
    source: 'asterisk',
    sourceCallId: '1706368044.0',
    conversationId: '1706368044.0',
    sourceVersion: 1706368071000,
    direction: 'inbound',
    sourceDirection: null,
    from: party,
    to: { raw: '201', e164: null, displayName: null },
    startedAt: '2024-01-27T15:07:24.000Z',
    answeredAt: '2024-01-27T15:07:30.000Z',
    endedAt: '2024-01-27T15:07:51.000Z',
    ringSeconds: 6,
    talkSeconds: 21,
    totalSeconds: 27,
    holdSeconds: null,
    afterCallWorkSeconds: null,
    disposition: 'answered',
    causeCodes: { q850: 16, sip: null, sourceText: 'ANSWERED' },
    agent: null,
    queue: null,
    recordings: [],
    quality: null,
    legs: [],
    attributes: { dcontext: 'from-pstn' },
    ...overrides,
  };
}

describe('docs/call-record.v1.schema.json', () => {
  it('is exactly what callRecordJsonSchema() generates (regenerate with UPDATE_SCHEMA=1)', async () => {
    // Formatted the way the repository's Prettier formats it, so `prettier --write .` causes no drift.
    const options = (await resolveConfig(SCHEMA_FILE)) ?? {};
    const generated = await format(JSON.stringify(callRecordJsonSchema()), { ...options, parser: 'json' });
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, generated);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(JSON.parse(committed), 'the committed JSON Schema drifted from the zod schema').toEqual(
      callRecordJsonSchema(),
    );
    expect(committed, 'the committed JSON Schema is not formatted as generated').toBe(generated);
  });

  it('describes the platform fields and the normalised call', () => {
    const schema = callRecordJsonSchema() as { $defs: Record<string, { required?: string[] }> };
    const required = schema.$defs.CallRecordV1?.required ?? [];
    expect(required).toEqual(
      expect.arrayContaining(['id', 'tenantId', 'rawObjectKey', 'rawSha256', 'ingestedAt']),
    );
    expect(required).toEqual(expect.arrayContaining(['source', 'sourceCallId', 'startedAt', 'legs']));
  });
});

describe('CallRecord v1 schema', () => {
  it('accepts a complete normalised call', () => {
    expect(normalisedCallSchema.safeParse(sampleCall()).success).toBe(true);
  });

  it('rejects timestamps with an offset instead of UTC', () => {
    const result = normalisedCallSchema.safeParse(sampleCall({ startedAt: '2024-01-27T16:07:24+01:00' }));
    expect(result.success).toBe(false);
  });

  it('rejects an e164 value that is not E.164', () => {
    const result = normalisedCallSchema.safeParse(
      sampleCall({ from: { raw: '020 7183 8750', e164: '020 7183 8750', displayName: null } }),
    );
    expect(result.success).toBe(false);
  });

  it('rejects fractional durations', () => {
    expect(normalisedCallSchema.safeParse(sampleCall({ talkSeconds: 20.5 })).success).toBe(false);
  });

  it('keeps nested attributes as JSON', () => {
    const call = sampleCall({ attributes: { contactAttributes: { tier: 'gold', retries: [1, 2] } } });
    expect(normalisedCallSchema.parse(call).attributes).toEqual({
      contactAttributes: { tier: 'gold', retries: [1, 2] },
    });
  });
});

describe('toCallRecordV1', () => {
  const platform = {
    tenantId: 'ten_01',
    rawObjectKey: 'ten_01/asterisk/2024/01/27/x.json',
    rawSha256: 'a'.repeat(64),
    ingestedAt: '2024-01-27T15:08:00.000Z',
  };

  it('adds a call_ prefixed TypeID and the platform fields', () => {
    const record = toCallRecordV1(sampleCall(), platform);
    expect(record.id).toMatch(CALL_ID_PATTERN);
    expect(record.tenantId).toBe('ten_01');
    expect(callRecordV1Schema.safeParse(record).success).toBe(true);
  });

  it('keeps an id given for a re-ingest', () => {
    const first = toCallRecordV1(sampleCall(), platform);
    expect(toCallRecordV1(sampleCall(), { ...platform, id: first.id }).id).toBe(first.id);
  });

  it('refuses a malformed raw hash', () => {
    expect(() => toCallRecordV1(sampleCall(), { ...platform, rawSha256: 'nothex' })).toThrow();
  });
});

describe('toCallRecordV1FromValidated (a record the connector already checked)', () => {
  const platform = {
    id: 'call_01hqz5g4m3k8v9x2c7b6n5t4r3',
    tenantId: 'ten_01',
    rawObjectKey: 'ten_01/asterisk/2024/01/27/x.json',
    rawSha256: 'b'.repeat(64),
    ingestedAt: '2024-01-27T15:08:00.000Z',
  };

  it('gives the record the full schema gives, field for field and in the same order', () => {
    for (const call of [sampleCall(), sampleCall({ holdSeconds: 12, agent: { id: 'a1', name: 'Ann' } })]) {
      const checked = normalisedCallSchema.parse(call);
      const quick = toCallRecordV1FromValidated(checked, platform);
      const full = toCallRecordV1(checked, platform);
      expect(JSON.stringify(quick)).toBe(JSON.stringify(full));
      expect(callRecordV1Schema.safeParse(quick).success).toBe(true);
    }
  });

  it("refuses a bad platform field with the full schema's error", () => {
    const checked = normalisedCallSchema.parse(sampleCall());
    for (const bad of [
      { rawSha256: 'nothex' },
      { id: 'cal_x' },
      { rawObjectKey: '' },
      { tenantId: '' },
      { ingestedAt: '2024-01-27T16:08:00+01:00' },
    ])
      expect(() => toCallRecordV1FromValidated(checked, { ...platform, ...bad })).toThrow();
  });
});

describe('compareSourceVersions', () => {
  it('orders Graph/Twilio counters numerically, not as text', () => {
    expect(compareSourceVersions(9, 10)).toBeLessThan(0);
  });

  it('orders ISO timestamps (Connect LastUpdateTimestamp)', () => {
    expect(compareSourceVersions('2022-01-11T03:41:32.000Z', '2022-01-05T17:48:35.000Z')).toBeGreaterThan(0);
    expect(compareSourceVersions('2022-01-05T17:48:35.000Z', '2022-01-05T17:48:35.000Z')).toBe(0);
  });
});
