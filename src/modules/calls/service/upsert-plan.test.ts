import { describe, expect, it } from 'vitest';
import { callConnectors } from '../connectors/connector-registry.js';
import { callRecord, leg } from '../testing/call-record.fixtures.js';
import { foldDeliveries, normalisedPart } from './upsert-plan.js';

const tenant = '0190a000-0000-7000-8000-000000000001';
const newestWins = callConnectors.twilio;

describe('foldDeliveries (newest wins)', () => {
  const v1 = callRecord(tenant, { sourceCallId: 'CA1', sourceVersion: 1, disposition: null });
  const v2 = callRecord(tenant, { sourceCallId: 'CA1', sourceVersion: 2, disposition: 'answered' });

  it('takes the newest delivery of a batch whatever the order, under the first id', () => {
    expect(foldDeliveries(undefined, [v2, v1], newestWins)).toMatchObject({ sourceVersion: 2, id: v2.id });
    expect(foldDeliveries(undefined, [v1, v2], newestWins)).toMatchObject({ sourceVersion: 2, id: v1.id });
  });

  it('keeps the stored id and ignores older deliveries', () => {
    const stored = { id: 'call_01jd0000000000000000000000', sourceVersion: 2 };
    expect(foldDeliveries(stored, [v1], newestWins)).toBeUndefined();
    expect(foldDeliveries({ ...stored, sourceVersion: 1 }, [v2], newestWins)).toMatchObject({ id: stored.id, sourceVersion: 2 });
  });

  it('lets an equal version replace (a re-parse), leaving identical content to the digest check', () => {
    expect(foldDeliveries({ id: v1.id, sourceVersion: 2 }, [v2], newestWins)).toEqual({ ...v2, id: v1.id });
  });
});

describe('foldDeliveries (merge legs)', () => {
  const asterisk = callConnectors.asterisk;
  const legA = callRecord(tenant, {
    source: 'asterisk',
    sourceCallId: '1700000000.1',
    legs: [leg('a', { startedAt: '2024-05-01T10:00:00.000Z', endedAt: '2024-05-01T10:01:00.000Z', disposition: 'answered' })],
  });
  const legB = callRecord(tenant, {
    source: 'asterisk',
    sourceCallId: '1700000000.1',
    legs: [leg('b', { startedAt: '2024-05-01T10:00:05.000Z', endedAt: '2024-05-01T10:01:00.000Z', disposition: 'no_answer' })],
  });

  it('unites the legs of the stored record and the deliveries', () => {
    const merged = foldDeliveries({ id: legA.id, sourceVersion: 1, call: normalisedPart(legA) }, [legB], asterisk);
    expect(merged?.legs.map((l) => l.legId).sort()).toEqual(['a', 'b']);
    expect(merged?.id).toBe(legA.id);
    expect(merged?.rawObjectKey).toBe(legB.rawObjectKey);
  });

  it('refuses to merge without the stored record', () => {
    expect(() => foldDeliveries({ id: legA.id, sourceVersion: 1 }, [legB], asterisk)).toThrow(/stored record/);
  });
});
