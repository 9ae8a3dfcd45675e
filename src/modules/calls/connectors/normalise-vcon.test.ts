import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSourceVersions, type NormalisedCall } from '../call-record.js';
import { normaliseVcon, vconItems } from './normalise-vcon.js';
import type { ParsedItem } from './parse-result.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real/vcon');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const json = (name: string): Record<string, unknown> => JSON.parse(fixture(name)) as Record<string, unknown>;

function only(input: unknown, options = {}): NormalisedCall {
  const result = normaliseVcon(input, options);
  expect(result.quarantined).toEqual([]);
  expect(result.skipped).toEqual([]);
  expect(result.records).toHaveLength(1);
  const [record] = result.records;
  if (!record) throw new Error('no record');
  return record;
}

function outcomeOf(items: ParsedItem[]): string {
  return items.map((item) => item.kind).join(',');
}

/** The draft's example call: Alice (+12345678901) and Bob, recorded 2022-06-21T13:53:26-04:00 for 33.12 s. */
const ALICE_BOB_UUID = '019f15a6-a752-826f-b9a2-279e0d16bc46';

describe('every file of vcon/', () => {
  const expected: Record<string, string> = {
    'ab_call_ext_rec.vcon.json': 'record',
    'ab_call_ext_rec_amended.vcon.json': 'record',
    'ab_call_ext_rec_analysis.vcon.json': 'record',
    'ab_call_ext_rec_encrypted.vcon.json': 'quarantined',
    'ab_call_ext_rec_redacted.vcon.json': 'record',
    'ab_call_ext_rec_signed.vcon.json': 'record',
    'ab_call_ext_rec_with_redact.vcon.json': 'record',
    'ab_email_acct_prob_thread.vcon.json': 'skipped',
    'vcon-server-hugging_llm_link-b217b61e.vcon.json': 'record',
    'vcon-server-vcon_with_summary.vcon.json': 'record',
  };

  it('is in this table', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s comes out as one %s item', (file, kind) => {
    expect(outcomeOf(vconItems(fixture(file)))).toBe(kind);
  });

  it.each(Object.keys(expected))('%s is archived as the document received', (file) => {
    for (const item of vconItems(fixture(file))) {
      if (item.kind === 'record') expect(item.raw).toEqual({ format: 'json', document: json(file) });
      else expect(JSON.parse(item.raw)).toEqual(json(file));
    }
  });
});

describe('vcon/ab_call_ext_rec.vcon.json (a recorded two-party call)', () => {
  const call = only(fixture('ab_call_ext_rec.vcon.json'));

  it("takes the vCon's uuid as the source call id and the recording dialog as the call's time", () => {
    expect(call).toMatchObject({
      source: 'vcon',
      sourceCallId: ALICE_BOB_UUID,
      conversationId: ALICE_BOB_UUID,
      startedAt: '2022-06-21T17:53:26.000Z',
      answeredAt: '2022-06-21T17:53:26.000Z',
      endedAt: '2022-06-21T17:53:59.120Z',
      // A vCon says when the recording began, not when the phone rang.
      ringSeconds: null,
      talkSeconds: 33,
      totalSeconds: 33,
      disposition: 'answered',
    });
  });

  it('makes the first party of the dialog the caller, and reads neither end as the tenant', () => {
    expect(call.from).toEqual({ raw: '+12345678901', e164: '+12345678901', displayName: 'Alice' });
    // +1 987 is not a North American area code: kept raw, no E.164.
    expect(call.to).toEqual({ raw: '+19876543210', e164: null, displayName: 'Bob' });
    expect(call).toMatchObject({ direction: 'unknown', sourceDirection: null });
  });

  it('reads the direction from the parties when the tenant names its numbers', () => {
    expect(only(fixture('ab_call_ext_rec.vcon.json'), { ownNumbers: ['+12345678901'] }).direction).toBe(
      'outbound',
    );
  });

  it('lists the recording by its URL and makes the dialog a leg', () => {
    expect(call.recordings).toEqual([
      {
        uri: 'https://github.com/ietf-wg-vcon/draft-ietf-vcon-vcon-core/raw/refs/heads/main/examples/ab_call.mp3',
        sourceRecordingId: 'dialog/0',
        mediaType: 'audio/x-mp3',
        startedAt: '2022-06-21T17:53:26.000Z',
        durationSeconds: 33.12,
      },
    ]);
    expect(call.legs).toEqual([
      expect.objectContaining({
        legId: 'dialog/0',
        from: call.from,
        to: call.to,
        talkSeconds: 33,
        disposition: 'answered',
      }),
    ]);
  });

  it('summarises every object of the vCon, content hash included', () => {
    expect(call.attributes.vcon).toMatchObject({
      uuid: ALICE_BOB_UUID,
      form: 'unsigned',
      parties: [
        { index: 0, name: 'Alice', tel: '+12345678901' },
        { index: 1, name: 'Bob', tel: '+19876543210' },
      ],
      dialog: [
        {
          index: 0,
          type: 'recording',
          duration: 33.12,
          filename: 'ab_call.mp3',
          contentHash: expect.stringMatching(/^sha512-/) as unknown,
        },
      ],
      analysis: [],
      attachments: [],
    });
  });
});

describe('vcon/ analysis, redaction, amendment', () => {
  it('keeps the analysis of ab_call_ext_rec_analysis in the summary and its body in the archived raw', () => {
    const [item] = vconItems(fixture('ab_call_ext_rec_analysis.vcon.json'));
    if (item?.kind !== 'record') throw new Error('no record');
    expect(item.record.attributes.vcon).toMatchObject({
      analysis: [
        {
          index: 0,
          type: 'transcript',
          dialog: 0,
          vendor: 'deepgram',
          schema: 'deepgram_prerecorded',
          encoding: 'json',
        },
      ],
    });
    const archived =
      item.raw.format === 'json' ? (item.raw.document as { analysis: { body: unknown }[] }) : null;
    expect(JSON.stringify(archived?.analysis[0]?.body)).toContain('This is example.com');
  });

  it('orders deliveries of one uuid by what was added to it: analysis, then a redacted transcript', () => {
    const versions = ['ab_call_ext_rec', 'ab_call_ext_rec_analysis', 'ab_call_ext_rec_with_redact'].map(
      (name) => only(fixture(`${name}.vcon.json`)),
    );
    expect(versions.map((call) => call.sourceCallId)).toEqual([
      ALICE_BOB_UUID,
      ALICE_BOB_UUID,
      ALICE_BOB_UUID,
    ]);
    expect(
      compareSourceVersions(versions[1]?.sourceVersion ?? '', versions[0]?.sourceVersion ?? ''),
    ).toBeGreaterThan(0);
    expect(
      compareSourceVersions(versions[2]?.sourceVersion ?? '', versions[1]?.sourceVersion ?? ''),
    ).toBeGreaterThan(0);
    expect(versions[2]?.attributes.vcon).toMatchObject({
      analysis: [{ type: 'transcript' }, { type: 'transcript-redacted', vendor: 'CapitalOne' }],
    });
  });

  it('gives the redacted copy its own record, in the conversation of the vCon it was made from', () => {
    const call = only(fixture('ab_call_ext_rec_redacted.vcon.json'));
    expect(call).toMatchObject({
      sourceCallId: '01928e10-193e-8231-b9a2-279e0d16bc46',
      conversationId: ALICE_BOB_UUID,
      from: { raw: null, e164: null, displayName: 'Alice' },
      to: { raw: null, e164: null, displayName: 'Bob' },
      talkSeconds: 33,
      // The recording's URL was redacted away: nothing to list, the dialog stays in the summary.
      recordings: [],
    });
    expect(call.attributes.vcon).toMatchObject({ redacted: { uuid: ALICE_BOB_UUID, type: 'PII Redaction' } });
  });

  it('gives the amended vCon its own record, with the text dialog it added in the summary', () => {
    const call = only(fixture('ab_call_ext_rec_amended.vcon.json'));
    expect(call).toMatchObject({
      sourceCallId: '019f15a6-aa72-8dbd-a20f-d188127fad29',
      conversationId: ALICE_BOB_UUID,
    });
    expect(call.legs).toHaveLength(1);
    expect(call.attributes.vcon).toMatchObject({
      amended: ALICE_BOB_UUID,
      dialog: [
        { type: 'recording' },
        { index: 1, type: 'text', parties: [1, 0], mediatype: 'text/plain', inline: true },
      ],
    });
  });
});

describe('vcon/ signed and encrypted forms', () => {
  it('reads the payload of the signed form after checking its signature against its certificate', () => {
    const signed = only(fixture('ab_call_ext_rec_signed.vcon.json'));
    const unsigned = only(fixture('ab_call_ext_rec.vcon.json'));
    const { attributes: signedAttributes, ...signedCall } = signed;
    const { attributes: unsignedAttributes, ...unsignedCall } = unsigned;
    expect(signedCall).toEqual(unsignedCall);
    expect(signedAttributes.vcon).toMatchObject({
      form: 'signed',
      signature: { alg: 'RS256', verified: true, signer: 'CN=grp.div.fakevcon.io' },
      dialog: (unsignedAttributes.vcon as { dialog: unknown }).dialog,
    });
  });

  it('quarantines a signed vCon whose payload was changed after signing', () => {
    const document = json('ab_call_ext_rec_signed.vcon.json');
    const payload = JSON.parse(Buffer.from(String(document.payload), 'base64url').toString('utf8')) as {
      parties: { tel: string }[];
    };
    payload.parties[0] = { tel: '+15550100' };
    const forged = { ...document, payload: Buffer.from(JSON.stringify(payload)).toString('base64url') };
    expect(normaliseVcon(forged).quarantined[0]?.reason).toMatch(/signature does not match the payload/);
  });

  it('reads a vCon signed again for long-term archiving, and a gzipped payload', async () => {
    const { gzipSync } = await import('node:zlib');
    const signed = json('ab_call_ext_rec_signed.vcon.json');
    const resigned = {
      payload: Buffer.from(JSON.stringify(signed)).toString('base64url'),
      signatures: signed.signatures,
    };
    // The outer signature was made over the inner payload, not this one: it must not verify.
    expect(normaliseVcon(resigned).quarantined[0]?.reason).toMatch(/signature does not match/);
    const unsignedOuter = {
      ...resigned,
      signatures: [{ protected: Buffer.from('{"alg":"none"}').toString('base64url'), signature: '' }],
    };
    expect(only(unsignedOuter)).toMatchObject({ sourceCallId: ALICE_BOB_UUID, talkSeconds: 33 });
    const gzipped = {
      ...unsignedOuter,
      payload: gzipSync(JSON.stringify(json('ab_call_ext_rec.vcon.json'))).toString('base64url'),
    };
    expect(only(gzipped).attributes.vcon).toMatchObject({
      form: 'signed',
      signature: { alg: 'none', verified: false },
    });
  });

  it('quarantines the encrypted form, naming it, since no key to open it is held', () => {
    const [item] = vconItems(fixture('ab_call_ext_rec_encrypted.vcon.json'));
    expect(item).toMatchObject({ kind: 'quarantined' });
    expect(item?.kind === 'quarantined' && item.reason).toMatch(
      /^encrypted vCon 019f15a6-a752-826f-b9a2-279e0d16bc46 \(JWE, A256CBC-HS512\)/,
    );
  });
});

describe('vcon/ from vcon-server (syntax 0.0.1)', () => {
  it('reads the direction vcon-server writes on the dialog, and the caller from its party order', () => {
    const call = only(fixture('vcon-server-vcon_with_summary.vcon.json'));
    expect(call).toMatchObject({
      sourceCallId: '55dd9e21-dcc8-4275-8ea6-f0aa08ed03fd',
      // dialog parties [1, 0]: the customer (party 1) called the agent, meta.direction "in".
      direction: 'inbound',
      sourceDirection: 'in',
      from: { raw: '+16337548551', displayName: 'Christina Young' },
      to: { raw: '+16452898127', displayName: 'Henry Robinson' },
      agent: { id: null, name: 'Henry Robinson' },
      startedAt: '2024-05-23T10:27:58.183Z',
      talkSeconds: 44,
      sourceVersion: '2024-05-23T10:28:01.497Z#000006',
    });
    expect(call.recordings[0]).toMatchObject({ mediaType: 'audio/mp3', durationSeconds: 44.472 });
    expect(call.attributes.vcon).toMatchObject({
      syntax: '0.0.1',
      analysis: [
        { type: 'transcript', vendor: 'openai' },
        { type: 'summary', vendor: 'openai' },
      ],
      attachments: [{ index: 0, purpose: 'generation_info' }],
    });
  });

  it('reads who called from the roles when the dialog states no direction', () => {
    const call = only(fixture('vcon-server-hugging_llm_link-b217b61e.vcon.json'));
    expect(call).toMatchObject({
      direction: 'outbound',
      sourceDirection: null,
      from: { raw: '+14286315464', displayName: 'Walter Gonzalez' },
      agent: { id: null, name: 'Walter Gonzalez' },
    });
    expect(call.attributes.vcon).toMatchObject({ analysis: [{ type: 'analysis_info', vendor: 'openai' }] });
  });

  it('reads zone-less dialog times in the given time zone (vcon-server writes naive local times)', () => {
    const utc = only(fixture('vcon-server-hugging_llm_link-b217b61e.vcon.json'));
    const newYork = only(fixture('vcon-server-hugging_llm_link-b217b61e.vcon.json'), {
      timeZone: 'America/New_York',
    });
    expect(utc.startedAt).toBe('2024-12-18T14:08:44.685Z');
    expect(newYork.startedAt).toBe('2024-12-18T19:08:44.685Z');
  });
});

describe('vCon edge cases', () => {
  const base = json('ab_call_ext_rec.vcon.json');

  it('skips an e-mail thread: a conversation, not a call', () => {
    expect(normaliseVcon(fixture('ab_email_acct_prob_thread.vcon.json')).skipped[0]?.reason).toBe(
      'vCon 019f159f-2cfb-8d95-b9a2-279e0d16bc46 holds no call, only text dialog (e-mail, chat, messages)',
    );
  });

  it('reads an incomplete dialog as a call that did not connect, with the draft disposition', () => {
    const call = only({
      ...base,
      dialog: [
        {
          type: 'incomplete',
          start: '2022-06-21T17:53:26Z',
          duration: 20,
          parties: [1, 0],
          disposition: 'no-answer',
        },
      ],
    });
    expect(call).toMatchObject({
      disposition: 'no_answer',
      answeredAt: null,
      ringSeconds: 20,
      talkSeconds: 0,
      from: { displayName: 'Bob' },
      causeCodes: { q850: null, sip: null, sourceText: 'no-answer' },
    });
  });

  it('refuses a vCon that lists a critical extension it does not know, as the draft requires', () => {
    expect(normaliseVcon({ ...base, critical: ['lawful_intercept'] }).quarantined[0]?.reason).toBe(
      `vCon ${ALICE_BOB_UUID} needs extension(s) this importer does not support: lawful_intercept`,
    );
  });

  it('quarantines what is not a vCon, naming the field', () => {
    expect(normaliseVcon({ parties: [] }).quarantined[0]?.reason).toMatch(/^not a vCon: uuid/);
    expect(normaliseVcon('{"uuid":').quarantined[0]?.reason).toMatch(/^invalid JSON/);
    expect(
      normaliseVcon({ ...base, dialog: [{ type: 'recording', parties: [0, 1] }] }).quarantined[0]?.reason,
    ).toBe(`vCon ${ALICE_BOB_UUID} has no time: no readable dialog start and no created_at`);
  });
});
