import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSourceVersions, type NormalisedCall } from '../call-record.js';
import {
  buildFirehoseResponse,
  connectItemsFromFirehose,
  decodeFirehoseRequest,
} from './firehose-delivery.js';
import { connectCtrItems, normaliseConnectCtr } from './normalise-connect.js';
import type { RecordRaw } from './parse-result.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/connect');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function only(text: string): NormalisedCall {
  const result = normaliseConnectCtr(text);
  expect(result.quarantined).toEqual([]);
  expect(result.records).toHaveLength(1);
  const [record] = result.records;
  if (!record) throw new Error('no record');
  return record;
}

describe('connect/ctr-1.json (inbound voice contact)', () => {
  const call = only(fixture('ctr-1.json'));

  it('times the call from initiation, agent connection and disconnect', () => {
    expect(call).toMatchObject({
      sourceCallId: '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47',
      direction: 'inbound',
      sourceDirection: 'INBOUND',
      startedAt: '2022-01-05T17:12:59.000Z',
      answeredAt: '2022-01-05T17:20:32.000Z',
      endedAt: '2022-01-05T17:47:28.000Z',
      ringSeconds: 453,
      totalSeconds: 2069,
      disposition: 'answered',
      sourceVersion: '2022-01-05T17:48:35.000Z',
    });
  });

  // The CTR: the agent took the call at 17:20:32 and transferred it out at 17:28:12 (460 s =
  // AgentInteractionDuration 239 + CustomerHoldDuration 221), then wrapped up for 5 s
  // (AfterContactWork 17:28:12-17:28:17). The customer stayed on the line with +18002430000 until
  // 17:47:28. Disconnect minus agent connection (1,616 s) is none of these.
  it("takes talk, hold and after-contact work from the CTR's own durations", () => {
    expect(call).toMatchObject({ talkSeconds: 239, holdSeconds: 221, afterCallWorkSeconds: 5 });
  });

  it("makes the agent's part and the transferred-out part two legs", () => {
    expect(call.legs).toEqual([
      expect.objectContaining({
        legId: '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47',
        startedAt: '2022-01-05T17:12:59.000Z',
        answeredAt: '2022-01-05T17:20:32.000Z',
        endedAt: '2022-01-05T17:28:12.000Z',
        ringSeconds: 453,
        talkSeconds: 239,
        disposition: 'answered',
      }),
      expect.objectContaining({
        legId: '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47:transfer',
        from: { raw: '+190011112222', e164: null, displayName: null },
        to: { raw: '+18002430000', e164: '+18002430000', displayName: null },
        startedAt: '2022-01-05T17:28:12.000Z',
        answeredAt: '2022-01-05T17:28:12.000Z',
        endedAt: '2022-01-05T17:47:28.000Z',
        talkSeconds: 1156,
        disposition: 'answered',
      }),
    ]);
  });

  it('names agent and queue, and keeps the invalid caller number raw', () => {
    expect(call.agent).toEqual({ id: 'e7c9afb6-b1e1-4afa-b5b5-d1c9bc752b69', name: 'Steve.Lusk' });
    expect(call.queue).toEqual({ id: '078ccbaa-ae69-4bf9-84bc-5c60ca9b1478', name: 'TCC Refrig AC LLA' });
    expect(call.from).toEqual({ raw: '+190011112222', e164: null, displayName: null });
    expect(call.to.e164).toBe('+18003335555');
  });

  it('lists the recording once, as an S3 URI', () => {
    expect(call.recordings).toEqual([
      {
        uri: 's3://amazon-connect-b278e465e71c/connect/lgeai/CallRecordings/2022/01/05/6fe40d2a-1a89-4d73-bfcf-5d9c33894f47_20220105T17:20_UTC.wav',
        sourceRecordingId: null,
        mediaType: 'audio/x-wav',
        startedAt: null,
        durationSeconds: null,
      },
    ]);
  });

  it('keeps queue, hold and contact attributes', () => {
    expect(call.attributes).toMatchObject({
      queueSeconds: 346,
      customerHoldSeconds: 221,
      numberOfHolds: 2,
      longestHoldSeconds: 204,
      afterContactWorkSeconds: 5,
      transferredTo: '+18002430000',
      disconnectReason: 'CUSTOMER_DISCONNECT',
    });
    expect(call.attributes.contactAttributes).toMatchObject({ PathCode: '8477597_002_00002' });
  });
});

describe('every CTR of connect/', () => {
  it.each(['ctr-1.json', 'ctr-2-redelivery.json', 'ctr-3-redelivery.json'])(
    '%s gives the same talk, hold and after-contact work',
    (name) => {
      expect(only(fixture(name))).toMatchObject({
        talkSeconds: 239,
        holdSeconds: 221,
        afterCallWorkSeconds: 5,
        ringSeconds: 453,
        totalSeconds: 2069,
      });
    },
  );
});

describe('connect/ctr-2-redelivery.json', () => {
  it('is the same contact with a newer version and the added attribute', () => {
    const first = only(fixture('ctr-1.json'));
    const second = only(fixture('ctr-2-redelivery.json'));
    expect(second.sourceCallId).toBe(first.sourceCallId);
    expect(compareSourceVersions(second.sourceVersion, first.sourceVersion)).toBeGreaterThan(0);
    expect(second.attributes.contactAttributes).toMatchObject({ greetingPlayed: 'false' });
  });
});

describe('connect/ctr-3-redelivery.json', () => {
  it('wins over both earlier deliveries whatever order they arrive in', () => {
    const deliveries = ['ctr-3-redelivery.json', 'ctr-1.json', 'ctr-2-redelivery.json'].map((name) =>
      only(fixture(name)),
    );
    const newest = deliveries.reduce((a, b) =>
      compareSourceVersions(a.sourceVersion, b.sourceVersion) >= 0 ? a : b,
    );
    expect(newest.sourceVersion).toBe('2022-01-11T04:09:47.000Z');
    expect(newest.attributes.contactAttributes).toMatchObject({ GreetingPlayed: 'false' });
  });
});

describe('Connect edge cases', () => {
  const base = JSON.parse(fixture('ctr-1.json')) as Record<string, unknown>;

  it('skips chat contacts as non-calls', () => {
    const result = normaliseConnectCtr({ ...base, Channel: 'CHAT' });
    expect(result.records).toEqual([]);
    expect(result.skipped[0]?.reason).toBe('non-voice contact (CHAT): not a call');
  });

  it('calls a queued contact that never reached an agent abandoned', () => {
    const result = normaliseConnectCtr({ ...base, Agent: null });
    expect(result.records[0]).toMatchObject({
      disposition: 'cancelled',
      answeredAt: null,
      agent: null,
      talkSeconds: 0,
      holdSeconds: null,
      afterCallWorkSeconds: null,
    });
  });

  it('times an agent call that was not transferred from connection to disconnect', () => {
    const { TransferCompletedTimestamp: _t, TransferredToEndpoint: _e, ...kept } = base;
    const agent = base.Agent as Record<string, unknown>;
    const call = normaliseConnectCtr({
      ...kept,
      Agent: { ...agent, AgentInteractionDuration: undefined, CustomerHoldDuration: 0 },
    }).records[0];
    expect(call).toMatchObject({ talkSeconds: 1616, holdSeconds: 0, afterCallWorkSeconds: 5 });
    expect(call?.legs).toHaveLength(1);
    expect(call?.legs[0]?.endedAt).toBe('2022-01-05T17:47:28.000Z');
  });

  it('reads an outbound call the other way round', () => {
    const call = normaliseConnectCtr({ ...base, InitiationMethod: 'OUTBOUND' }).records[0];
    expect(call?.direction).toBe('outbound');
    expect(call?.from.raw).toBe('+18003335555');
  });

  it('archives each CTR of an array on its own', () => {
    const second = { ...base, ContactId: 'second-contact' };
    const raws = connectCtrItems(JSON.stringify([base, second])).map((item) =>
      item.kind === 'record' ? item.raw : null,
    );
    expect(raws).toEqual([
      { format: 'json', document: base },
      { format: 'json', document: second },
    ]);
  });

  it('quarantines a CTR missing its id, naming the field', () => {
    const { ContactId: _omitted, ...withoutId } = base;
    expect(normaliseConnectCtr(withoutId).quarantined[0]?.reason).toMatch(
      /^not a contact trace record: ContactId/,
    );
  });
});

describe('Kinesis Data Firehose delivery', () => {
  const lines = [fixture('ctr-1.json').trim(), fixture('ctr-2-redelivery.json').trim()].join('\n');
  const request = {
    requestId: 'ed4acda5-034f-9f42-bba1-f29aea6d7d8f',
    timestamp: 1578090901599,
    records: [
      { data: Buffer.from(lines).toString('base64') },
      { data: Buffer.from(fixture('ctr-3-redelivery.json')).toString('base64') },
      { data: 'not base64!' },
      { data: Buffer.from('{"broken":').toString('base64') },
    ],
  };

  it('decodes base64 records holding JSON Lines', () => {
    const decoded = decodeFirehoseRequest(JSON.stringify(request));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.delivery).toMatchObject({
      requestId: request.requestId,
      timestamp: 1578090901599,
      recordCount: 4,
    });
    expect(decoded.delivery.documents.filter((document) => document.ok)).toHaveLength(3);
    const items = connectItemsFromFirehose(decoded.delivery);
    expect(items.filter((item) => item.kind === 'record')).toHaveLength(3);
    // The archive gets each decoded CTR, not the base64 envelope it travelled in.
    expect(items.flatMap((item) => (item.kind === 'record' ? [item.raw] : []))).toEqual(
      ['ctr-1.json', 'ctr-2-redelivery.json', 'ctr-3-redelivery.json'].map((name): RecordRaw => ({
        format: 'json',
        document: JSON.parse(fixture(name)) as unknown,
      })),
    );
    expect(items.flatMap((item) => (item.kind === 'quarantined' ? [item.reason] : []))).toEqual([
      'record data is not base64',
      expect.stringMatching(/^record 3 line 1 is not JSON/) as string,
    ]);
  });

  it('rejects a body that is not a delivery, keeping the request id for the response', () => {
    const decoded = decodeFirehoseRequest({ requestId: 'r-1', records: 'nope' });
    expect(decoded).toMatchObject({ ok: false, requestId: 'r-1' });
  });

  it('builds the documented response body', () => {
    expect(buildFirehoseResponse('r-1', 1578090903599)).toEqual({
      requestId: 'r-1',
      timestamp: 1578090903599,
    });
    expect(buildFirehoseResponse('r-1', 1578090903599, 'bad')).toEqual({
      requestId: 'r-1',
      timestamp: 1578090903599,
      errorMessage: 'bad',
    });
  });
});
