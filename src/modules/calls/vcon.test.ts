import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCallRecordV1, type CallRecordV1, type NormalisedCall } from './call-record.js';
import { normaliseAsteriskCsv } from './connectors/normalise-asterisk.js';
import { normaliseConnectCtr } from './connectors/normalise-connect.js';
import { Readable } from 'node:stream';
import { readCallFile } from './connectors/file-readers.js';
import { vconItems } from './connectors/normalise-vcon.js';
import { collectItems } from './connectors/parse-result.js';
import { toVcon, vconDocumentSchema, vconUuid, type VconDocument } from './vcon.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/fixtures/real');
const VCON_DIR = path.join(FIXTURES, 'vcon');

const platform = {
  tenantId: 'ten_1',
  rawObjectKey: 'ten_1/connect/2022/01/05/x.json',
  rawSha256: 'c'.repeat(64),
  ingestedAt: '2022-01-05T18:00:00.000Z',
};

function stored(call: NormalisedCall | undefined): CallRecordV1 {
  if (!call) throw new Error('fixture did not parse');
  return toCallRecordV1(call, platform);
}

const connectRaw = readFileSync(path.join(FIXTURES, 'connect/ctr-1.json'), 'utf8');
const connectCall = stored(normaliseConnectCtr(connectRaw).records[0]);
const asteriskCsv = readFileSync(path.join(FIXTURES, 'asterisk/Master-1.csv'), 'utf8');
const missedCall = stored(
  normaliseAsteriskCsv(asteriskCsv, { usegmtime: true }).records.find(
    (record) => record.sourceCallId === '1706369600.6',
  ),
);

describe('toVcon', () => {
  const vcon = toVcon(connectCall, connectRaw, { domain: 'acme.example' });

  it('has the required top-level fields of an unsigned vCon', () => {
    expect(vconDocumentSchema.safeParse(vcon).success).toBe(true);
    expect(vcon.vcon).toBe('0.4.0');
    expect(vcon.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(vcon.created_at).toBe('2022-01-05T18:00:00.000Z');
  });

  it('lists caller, callee and agent as parties with tel URLs', () => {
    expect(vcon.parties[0]).toEqual({ tel: 'tel:+190011112222' });
    expect(vcon.parties[1]).toEqual({ tel: 'tel:+18003335555' });
    expect(vcon.parties[2]).toMatchObject({
      name: 'Steve.Lusk',
      uuid: 'e7c9afb6-b1e1-4afa-b5b5-d1c9bc752b69',
    });
  });

  it('has a recording dialog for the recorded call, without a URL it cannot vouch for', () => {
    expect(vcon.dialog).toEqual([
      {
        type: 'recording',
        start: '2022-01-05T17:20:32.000Z',
        parties: [0, 1],
        mediatype: 'audio/x-wav',
        filename: '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47_20220105T17:20_UTC.wav',
      },
    ]);
  });

  it('includes an https recording URL together with its content hash', () => {
    const uri = 'https://recordings.example/r.wav';
    const withUrl = toVcon(
      { ...connectCall, recordings: [{ ...connectCall.recordings[0]!, uri }] },
      undefined,
      {
        recordingHashes: { [uri]: 'sha512-abc' },
      },
    );
    expect(withUrl.dialog[0]).toMatchObject({ url: uri, content_hash: 'sha512-abc' });
  });

  it('attaches the normalised record and the source payload', () => {
    expect(vcon.attachments.map((attachment) => attachment.purpose)).toEqual([
      'switchboard-call-record',
      'source-call-detail-record',
    ]);
    expect(vcon.attachments[1]).toMatchObject({
      encoding: 'json',
      mediatype: 'application/json',
      party: 0,
      dialog: 0,
    });
    expect((vcon.attachments[1]?.body as { ContactId: string }).ContactId).toBe(
      '6fe40d2a-1a89-4d73-bfcf-5d9c33894f47',
    );
  });

  it('gives an unanswered call an incomplete dialog with the vCon disposition', () => {
    const missed = toVcon(missedCall, asteriskCsv.split('\n').slice(3, 6).join('\n'), {
      domain: 'acme.example',
    });
    expect(missed.dialog).toEqual([
      {
        type: 'incomplete',
        start: '2024-01-27T15:33:20.000Z',
        duration: 60,
        parties: [0, 1],
        disposition: 'no-answer',
      },
    ]);
    expect(missed.parties[1]).toEqual({ tel: 'tel:211553;phone-context=acme.example' });
    expect(missed.attachments[1]).toMatchObject({ encoding: 'none', mediatype: 'text/plain' });
  });

  it('maps every disposition the draft knows', () => {
    const dispositionOf = (disposition: CallRecordV1['disposition']): unknown =>
      toVcon({ ...missedCall, disposition }).dialog[0]?.disposition;
    expect(dispositionOf('busy')).toBe('busy');
    expect(dispositionOf('failed')).toBe('failed');
    expect(dispositionOf('cancelled')).toBe('hung-up');
    expect(dispositionOf('voicemail')).toBe('voicemail-no-message');
    expect(dispositionOf(null)).toBe('failed');
  });

  it('uses the draft placeholder (an empty recording dialog, answer to end) for an answered call that was not recorded', () => {
    const plain = toVcon({ ...connectCall, recordings: [] });
    expect(plain.dialog).toEqual([
      { type: 'recording', start: '2022-01-05T17:20:32.000Z', duration: 1616, parties: [0, 1] },
    ]);
  });

  it('gives the same uuid for the same record and domain, a different one elsewhere', () => {
    expect(vconUuid(connectCall, 'acme.example')).toBe(vcon.uuid);
    expect(vconUuid(connectCall, 'other.example')).not.toBe(vcon.uuid);
    expect(vconUuid(missedCall, 'acme.example')).not.toBe(vcon.uuid);
  });
});

/** A vCon through the import, as a file or request body would bring it. */
function imported(vcon: VconDocument): NormalisedCall {
  const items = vconItems(JSON.stringify(vcon));
  const [item] = items;
  if (items.length !== 1 || item?.kind !== 'record')
    throw new Error(`not one record: ${JSON.stringify(items)}`);
  return item.record;
}

describe('a call exported as vCon and imported again', () => {
  it.each([
    ['an answered, recorded, transferred Connect call', connectCall],
    ['a missed Asterisk call to an extension', missedCall],
  ])('%s keeps its parties, times, durations and direction', (_name, record) => {
    const vcon = toVcon(record, undefined, { domain: 'acme.example' });
    const call = imported(vcon);
    expect(call).toMatchObject({
      source: 'vcon',
      sourceCallId: vcon.uuid,
      from: record.from,
      to: record.to,
      direction: record.direction,
      startedAt: record.startedAt,
      answeredAt: record.answeredAt,
      endedAt: record.endedAt,
      ringSeconds: record.ringSeconds,
      talkSeconds: record.talkSeconds,
      totalSeconds: record.totalSeconds,
      holdSeconds: record.holdSeconds,
      afterCallWorkSeconds: record.afterCallWorkSeconds,
      disposition: record.disposition,
      agent: record.agent,
      legs: record.legs,
    });
    expect(call.attributes.exportedRecord).toEqual({
      id: record.id,
      source: record.source,
      sourceCallId: record.sourceCallId,
      sourceDirection: record.sourceDirection,
    });
  });

  it('reads an export file (JSON Lines of vCons) as `switchboard import calls --format vcon` does', async () => {
    const file = [connectCall, missedCall]
      .map((record) => `${JSON.stringify(toVcon(record, undefined))}\n`)
      .join('');
    const result = await collectItems(readCallFile(Readable.from([file]), 'vcon'));
    expect(result.quarantined).toEqual([]);
    expect(result.records.map((call) => call.attributes.exportedRecord)).toEqual([
      expect.objectContaining({ sourceCallId: connectCall.sourceCallId }),
      expect.objectContaining({ sourceCallId: missedCall.sourceCallId }),
    ]);
  });

  it('keeps from the vCon alone (its record attachment dropped on the way) the parties and the times it can carry', () => {
    const answered = { ...connectCall, recordings: [] };
    for (const record of [missedCall, answered]) {
      const vcon = toVcon(record, undefined, { domain: 'acme.example' });
      const call = imported({ ...vcon, attachments: [] });
      expect(call).toMatchObject({
        from: record.from,
        to: record.to,
        endedAt: record.endedAt,
        disposition: record.disposition,
      });
      expect(call.answeredAt).toBe(record.answeredAt);
    }
    // A call that never connected starts with its dialog; one that did, with its answer.
    expect(imported({ ...toVcon(missedCall), attachments: [] })).toMatchObject({
      startedAt: missedCall.startedAt,
      totalSeconds: missedCall.totalSeconds,
      direction: missedCall.direction,
    });
  });
});

describe('vcon/ fixtures (draft-ietf-vcon-vcon-core examples)', () => {
  // The draft's own examples; the vcon-server ones use syntax 0.0.1 (mimetype, alg/signature,
  // attachments without start) and are read by the import (normalise-vcon.test.ts).
  const files = readdirSync(VCON_DIR).filter((file) => file.startsWith('ab_') && file.endsWith('.vcon.json'));
  // The examples predate created_at being required; everything else must read with our schema.
  const lenient = vconDocumentSchema.extend({ created_at: vconDocumentSchema.shape.created_at.optional() });

  it.each(files)('%s reads as an unsigned vCon or is recognisably signed/encrypted', (file) => {
    const document = JSON.parse(readFileSync(path.join(VCON_DIR, file), 'utf8')) as Record<string, unknown>;
    if ('payload' in document && 'signatures' in document) return; // JWS form
    if ('ciphertext' in document && 'recipients' in document) return; // JWE form
    expect(lenient.safeParse(document).success).toBe(true);
  });

  it('uses the same party and dialog keys as our export', () => {
    const example = JSON.parse(readFileSync(path.join(VCON_DIR, 'ab_call_ext_rec.vcon.json'), 'utf8')) as {
      parties: Record<string, unknown>[];
      dialog: Record<string, unknown>[];
    };
    const ours = toVcon({
      ...connectCall,
      recordings: [{ ...connectCall.recordings[0]!, durationSeconds: 460 }],
    });
    expect(Object.keys(example.parties[0] ?? {})).toEqual(expect.arrayContaining(['tel', 'name']));
    const ourDialogKeys = Object.keys(ours.dialog[0] ?? {});
    for (const key of ['type', 'start', 'duration', 'parties', 'mediatype', 'filename']) {
      expect(Object.keys(example.dialog[0] ?? {})).toContain(key);
      expect(ourDialogKeys).toContain(key);
    }
  });
});
