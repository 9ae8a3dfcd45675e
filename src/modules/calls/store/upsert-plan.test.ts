import { describe, expect, it } from 'vitest';
import type { CallRecordV1, NormalisedCall } from '../call-record.js';
import { callConnectors } from '../connectors/connector-registry.js';
import { callRecord, leg, party } from '../testing/call-record.fixtures.js';
import { foldDeliveries, mergeVersions, normalisedPart, type StoredCall } from './upsert-plan.js';

const tenant = '0190a000-0000-7000-8000-000000000001';
const mergesVersions = callConnectors.twilio;
const storedId = 'call_01jd0000000000000000000000';

const storedAs = (record: CallRecordV1, id = storedId): StoredCall => ({
  id,
  sourceVersion: record.sourceVersion,
  call: normalisedPart(record),
  platform: { rawObjectKey: record.rawObjectKey, rawSha256: record.rawSha256, ingestedAt: record.ingestedAt },
});
/** The normalised call a fold produces (the platform fields aside). */
const folded = (stored: StoredCall | undefined, deliveries: CallRecordV1[]) => {
  const record = foldDeliveries(stored, deliveries, mergesVersions);
  return record && normalisedPart(record);
};

describe('foldDeliveries (merge versions)', () => {
  const v1 = callRecord(tenant, {
    sourceCallId: 'CA1',
    sourceVersion: 1,
    disposition: null,
    answeredAt: null,
    talkSeconds: null,
  });
  const v2 = callRecord(tenant, { sourceCallId: 'CA1', sourceVersion: 2, disposition: 'answered' });

  it('builds the record from the batch alone when nothing is stored, under the first delivery’s id, whatever the order', () => {
    expect(foldDeliveries(undefined, [v2, v1], mergesVersions)).toMatchObject({
      sourceVersion: 2,
      disposition: 'answered',
      id: v2.id,
    });
    expect(foldDeliveries(undefined, [v1, v2], mergesVersions)).toMatchObject({
      sourceVersion: 2,
      disposition: 'answered',
      id: v1.id,
    });
    expect(folded(undefined, [v1, v2])).toEqual(folded(undefined, [v2, v1]));
  });

  it('keeps the stored id, and the raw of the newest version', () => {
    expect(foldDeliveries(storedAs(v1), [v2], mergesVersions)).toMatchObject({
      id: storedId,
      sourceVersion: 2,
      rawObjectKey: v2.rawObjectKey,
    });
    expect(foldDeliveries(storedAs(v2), [v1], mergesVersions)).toMatchObject({
      id: storedId,
      sourceVersion: 2,
      rawObjectKey: v2.rawObjectKey,
    });
  });

  it('changes nothing when a version arrives again', () => {
    expect(folded(storedAs(v2), [v2])).toEqual(normalisedPart(v2));
    expect(folded(storedAs(v2), [v2, v2, v1])).toEqual(normalisedPart(v2));
  });

  it('refuses to merge without the stored record', () => {
    expect(() => foldDeliveries({ id: storedId, sourceVersion: 1 }, [v2], mergesVersions)).toThrow(
      /stored record/,
    );
  });

  /*
   * The rule, field by field: [what is stored, what is delivered, what results]. `newer` is a
   * delivery with a larger sourceVersion, `equal` one with the same, `older` a smaller one.
   */
  const base = callRecord(tenant, {
    sourceCallId: 'CA-table',
    sourceVersion: 5,
    direction: 'inbound',
    from: party('+4930100100', '+4930100100', 'Alice Caller'),
    startedAt: '2024-05-01T10:00:00.000Z',
    answeredAt: '2024-05-01T10:00:10.000Z',
    endedAt: '2024-05-01T10:01:10.000Z',
    ringSeconds: 10,
    talkSeconds: 60,
    totalSeconds: 70,
    disposition: 'answered',
    causeCodes: { q850: 16, sip: 200, sourceText: 'OK' },
    agent: { id: 'agent-7', name: 'Bo Agent' },
    queue: { id: 'q-1', name: 'Sales' },
    quality: { mos: 4.1, jitterMs: 3, packetLossPct: 0, rttMs: 40 },
    recordings: [
      {
        uri: 's3://rec/1.wav',
        sourceRecordingId: 'RE1',
        mediaType: 'audio/wav',
        startedAt: null,
        durationSeconds: 60,
      },
    ],
    legs: [leg('L1', { talkSeconds: 60, answeredAt: '2024-05-01T10:00:10.000Z', disposition: 'answered' })],
    attributes: { CallDuration: '60', region: 'eu' },
  });
  const unknowing: Partial<NormalisedCall> = {
    direction: 'unknown',
    from: party(null, null, null),
    answeredAt: null,
    endedAt: null,
    ringSeconds: null,
    talkSeconds: null,
    totalSeconds: null,
    disposition: null,
    causeCodes: { q850: null, sip: null, sourceText: null },
    agent: null,
    queue: null,
    quality: null,
    recordings: [],
    legs: [],
    attributes: { region: null },
  };
  const version = { older: 4, equal: 5, newer: 6 } as const;
  const deliver = (relation: keyof typeof version, changes: Partial<NormalisedCall>) =>
    callRecord(tenant, { ...normalisedPart(base), sourceVersion: version[relation], ...changes });

  it.each(['older', 'equal', 'newer'] as const)(
    'keeps everything stored that a %s version does not know',
    (relation) => {
      expect(folded(storedAs(base), [deliver(relation, unknowing)])).toEqual({
        ...normalisedPart(base),
        sourceVersion: Math.max(5, version[relation]),
      });
    },
  );

  it.each([
    ['newer', 'wins', { disposition: 'voicemail' }, { disposition: 'voicemail' }],
    ['equal', 'does not win', { disposition: 'voicemail' }, { disposition: 'answered' }],
    ['older', 'does not win', { disposition: 'voicemail' }, { disposition: 'answered' }],
    [
      'newer',
      'wins',
      { from: party('+4930999999', '+4930999999', null) },
      { from: party('+4930999999', '+4930999999', null) },
    ],
    [
      'newer',
      'keeps the stored name of the same address',
      { from: party('+4930100100', '+4930100100', null) },
      { from: party('+4930100100', '+4930100100', 'Alice Caller') },
    ],
    [
      'newer',
      'wins',
      { causeCodes: { q850: 17, sip: null, sourceText: null } },
      { causeCodes: { q850: 17, sip: null, sourceText: null } },
    ],
    [
      'newer',
      'keeps the stored name of the same agent',
      { agent: { id: 'agent-7', name: null } },
      { agent: { id: 'agent-7', name: 'Bo Agent' } },
    ],
    ['newer', 'wins', { agent: { id: 'agent-8', name: null } }, { agent: { id: 'agent-8', name: null } }],
    [
      'newer',
      'wins',
      { attributes: { region: 'us', CallStatus: 'completed' } },
      { attributes: { CallDuration: '60', region: 'us', CallStatus: 'completed' } },
    ],
    [
      'equal',
      'adds what is new',
      { attributes: { region: 'us', participantCount: 2 } },
      { attributes: { CallDuration: '60', region: 'eu', participantCount: 2 } },
    ],
  ] as const)('a %s version that knows a value %s: %j', (relation, _what, changes, expected) => {
    expect(folded(storedAs(base), [deliver(relation, { ...unknowing, ...changes })])).toMatchObject(expected);
  });

  it('takes a newer version’s legs, merging each with the stored leg of the same id', () => {
    const newer = deliver('newer', {
      ...unknowing,
      legs: [leg('L1', { talkSeconds: null, endedAt: '2024-05-01T10:01:10.000Z' }), leg('L2')],
    });
    expect(folded(storedAs(base), [newer])?.legs).toEqual([
      leg('L1', {
        talkSeconds: 60,
        answeredAt: '2024-05-01T10:00:10.000Z',
        endedAt: '2024-05-01T10:01:10.000Z',
        disposition: 'answered',
      }),
      leg('L2'),
    ]);
    // A Kamailio CDR is the newer view of the INVITE record's one leg, not a second leg beside it.
    const other = deliver('newer', { ...unknowing, legs: [leg('L9')] });
    expect(folded(storedAs(base), [other])?.legs.map((l) => l.legId)).toEqual(['L9']);
  });

  it('keeps the legs of both of two equal versions', () => {
    const equal = deliver('equal', { ...unknowing, legs: [leg('L2')] });
    expect(folded(storedAs(base), [equal])?.legs.map((l) => l.legId)).toEqual(['L1', 'L2']);
  });

  it('keeps every recording', () => {
    const recording = {
      uri: 's3://rec/2.wav',
      sourceRecordingId: 'RE2',
      mediaType: null,
      startedAt: null,
      durationSeconds: null,
    };
    expect(
      folded(storedAs(base), [deliver('newer', { ...unknowing, recordings: [recording] })])?.recordings.map(
        (r) => r.uri,
      ),
    ).toEqual(['s3://rec/2.wav', 's3://rec/1.wav']);
  });

  it('takes a newer “not answered” whole: no answer time, no talk time', () => {
    const busy = deliver('newer', { ...unknowing, disposition: 'busy', talkSeconds: 0 });
    expect(folded(storedAs(base), [busy])).toMatchObject({
      disposition: 'busy',
      answeredAt: null,
      talkSeconds: 0,
      endedAt: base.endedAt,
    });
  });

  it('keeps a start that fits the answer, when a newer version puts its event time there', () => {
    // A Twilio completed callback without CallDuration: start = its timestamp, after the answer we know.
    const late = deliver('newer', {
      ...unknowing,
      startedAt: '2024-05-01T10:01:10.000Z',
      endedAt: '2024-05-01T10:01:10.000Z',
      disposition: 'answered',
    });
    expect(folded(storedAs(base), [late])).toMatchObject({
      startedAt: base.startedAt,
      answeredAt: base.answeredAt,
      talkSeconds: 60,
    });
    // A newer start that fits is a correction and wins.
    const corrected = deliver('newer', { ...unknowing, startedAt: '2024-05-01T10:00:02.000Z' });
    expect(folded(storedAs(base), [corrected])?.startedAt).toBe('2024-05-01T10:00:02.000Z');
  });

  it('ends with the same record whatever order versions arrive in', () => {
    const ringing = deliver('older', {
      ...unknowing,
      disposition: null,
      startedAt: '2024-05-01T09:59:55.000Z',
      attributes: { CallStatus: 'ringing' },
    });
    const completed = deliver('newer', {
      ...unknowing,
      startedAt: '2024-05-01T10:01:10.000Z',
      endedAt: '2024-05-01T10:01:10.000Z',
      disposition: 'answered',
      attributes: { CallStatus: 'completed' },
    });
    const orders = [
      [base, ringing, completed],
      [completed, ringing, base],
      [ringing, completed, base],
    ];
    const results = orders.map(([first, ...rest]) =>
      first ? folded(undefined, [first, ...rest]) : undefined,
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]).toMatchObject({
      sourceVersion: 6,
      startedAt: base.startedAt,
      talkSeconds: 60,
      attributes: { CallStatus: 'completed', region: 'eu' },
    });
  });
});

describe('mergeVersions', () => {
  it('merges a view into itself without change', () => {
    const call = normalisedPart(
      callRecord(tenant, { legs: [leg('a'), leg('b')], attributes: { x: 1, y: null } }),
    );
    expect(mergeVersions(call, call, { equalVersions: true })).toEqual(call);
    expect(mergeVersions(call, call, { equalVersions: false })).toEqual(call);
  });

  it('keeps a "__proto__" attribute a source sent as an attribute', () => {
    const attributes = JSON.parse('{"__proto__": {"polluted": true}}') as NormalisedCall['attributes'];
    const call = { ...normalisedPart(callRecord(tenant)), attributes };
    const merged = mergeVersions(call, normalisedPart(callRecord(tenant)), { equalVersions: false });
    expect(Object.keys(merged.attributes)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('foldDeliveries (merge legs)', () => {
  const asterisk = callConnectors.asterisk;
  const legA = callRecord(tenant, {
    source: 'asterisk',
    sourceCallId: '1700000000.1',
    legs: [
      leg('a', {
        startedAt: '2024-05-01T10:00:00.000Z',
        endedAt: '2024-05-01T10:01:00.000Z',
        disposition: 'answered',
      }),
    ],
  });
  const legB = callRecord(tenant, {
    source: 'asterisk',
    sourceCallId: '1700000000.1',
    legs: [
      leg('b', {
        startedAt: '2024-05-01T10:00:05.000Z',
        endedAt: '2024-05-01T10:01:00.000Z',
        disposition: 'no_answer',
      }),
    ],
  });

  it('unites the legs of the stored record and the deliveries', () => {
    const merged = foldDeliveries(storedAs(legA, legA.id), [legB], asterisk);
    expect(merged?.legs.map((l) => l.legId).sort()).toEqual(['a', 'b']);
    expect(merged?.id).toBe(legA.id);
    expect(merged?.rawObjectKey).toBe(legB.rawObjectKey);
  });

  it('refuses to merge without the stored record', () => {
    expect(() => foldDeliveries({ id: legA.id, sourceVersion: 1 }, [legB], asterisk)).toThrow(
      /stored record/,
    );
  });
});
