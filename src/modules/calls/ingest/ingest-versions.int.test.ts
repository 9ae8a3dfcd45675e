import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { CallRecordV1 } from '../call-record.js';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Tenant } from '../../identity/index.js';

/*
 * Several versions of one call through the real ingest path (HTTP, raw payload, bus, transform,
 * archive, index): in one payload, and in payloads that follow each other.
 */

const fixtures = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/real');
const fixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');

/* acc_json output as acc_json_mod.c writes it (see normalise-kamailio.test.ts and docs/connectors.md). */
const answeredInvite = {
  method: 'INVITE',
  from_tag: 'f-1',
  to_tag: 't-1',
  callid: '9f8e7d6c@192.0.2.20',
  sip_code: '200',
  sip_reason: 'OK',
  time: 1714557620,
  src_user: '201',
  src_domain: 'pbx.example',
  src_ip: '192.0.2.20',
  dst_ouser: '07911123456',
  dst_user: '07911123456',
  dst_domain: 'carrier.example',
};
const cdr = {
  callid: '9f8e7d6c@192.0.2.20',
  start_time: '1714557620.250',
  end_time: '1714557745.750',
  duration: '125.500',
  src_user: '201',
  dst_user: '07911123456',
};
const missedInvite = {
  method: 'INVITE',
  from_tag: 'a1b2c3',
  to_tag: '',
  callid: '3c26700f6a4b2b3e@192.0.2.10',
  sip_code: '486',
  sip_reason: 'Busy Here',
  time: 1714557600,
  src_user: '+442071838750',
  dst_ouser: '201',
  dst_user: '201',
};

describe('versions of one call, through the real ingest path', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;
  let ingestKey: string;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ tenant } = await createTenant(t.platform, 'versions'));
    token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(token),
      payload: { name: 'sources', scopes: ['calls:ingest'] },
    });
    ingestKey = created.json<{ key: string }>().key;
    await t.platform.secrets.put(
      { tenantId: tenant.uuid, requestId: 'r', actor: { type: 'system', id: 'test' } },
      'twilio.auth_token',
      'twilio-secret',
    );
  });
  afterAll(() => t.close());

  const ingest = async (format: string, body: string, contentType: string) => {
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/ingest?format=${format}&defaultCountry=GB`,
      headers: { 'x-api-key': ingestKey, 'content-type': contentType },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(202);
    return res.json<{ payloadId: string }>().payloadId;
  };

  /** The payload's outcome once the transform has committed it, or the dead letter it became instead. */
  const outcomeOf = async (payloadId: string) => {
    const id = fromPublicId('raw', payloadId) ?? '';
    const settled = async () => {
      const letters = await t.platform.bus.deadLetters.list(
        { tenantId: tenant.uuid },
        { group: 'calls-transform' },
      );
      const letter = letters.find((l) => (l.event.data as { payloadId?: string }).payloadId === id);
      if (letter) return { deadLetter: letter.error };
      const { rows } = await sql<{
        outcome: Record<string, number> | null;
      }>`select outcome from calls.raw_payloads where id = ${id}`.execute(t.platform.database.owner);
      return rows[0]?.outcome ? { outcome: rows[0].outcome } : undefined;
    };
    await expect.poll(settled, { timeout: 20_000 }).toBeDefined();
    const result = await settled();
    expect(result).not.toHaveProperty('deadLetter');
    return result?.outcome;
  };

  const callOf = async (source: string, sourceCallId: string): Promise<CallRecordV1> => {
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/calls?limit=200&source=${source}`,
      headers: bearer(token),
    });
    const found = list
      .json<{ items: { id: string; sourceCallId: string }[] }>()
      .items.filter((c) => c.sourceCallId === sourceCallId);
    expect(found, `${source} ${sourceCallId}`).toHaveLength(1);
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${found[0]?.id ?? ''}`,
      headers: bearer(token),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    return detail.json<{ record: CallRecordV1 }>().record;
  };

  it('indexes a Kamailio acc.json holding the INVITE record and the CDR of a call (and a line twice), dead-lettering nothing', async () => {
    const lines = [answeredInvite, missedInvite, cdr, cdr].map(
      (record) => `May  1 10:02:26 sbc1 json_acc[2211]: ${JSON.stringify(record)}`,
    );
    const payloadId = await ingest('kamailio-json', `${lines.join('\n')}\n`, 'application/x-ndjson');
    expect(await outcomeOf(payloadId)).toMatchObject({ records: 4, created: 2, quarantined: 0 });

    const answered = await callOf('sbc', cdr.callid);
    // The CDR is the newer version: its end and talk time win; what only the INVITE record knew stays.
    expect(answered).toMatchObject({
      disposition: 'answered',
      answeredAt: '2024-05-01T10:00:20.250Z',
      endedAt: '2024-05-01T10:02:25.750Z',
      talkSeconds: 126,
      causeCodes: { sip: 200, sourceText: 'OK' },
      attributes: { accRecord: 'cdr', src_ip: '192.0.2.20' },
    });
    expect(answered.legs).toHaveLength(1);
    expect(await callOf('sbc', missedInvite.callid)).toMatchObject({ disposition: 'busy' });

    // The same file shipped again (rsyslog's shipper retrying) changes nothing and still dead-letters nothing.
    expect(
      await outcomeOf(await ingest('kamailio-json', `${lines.join('\n')}\n`, 'application/x-ndjson')),
    ).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('keeps the legs and outcome of a Teams call record when the same version comes again with participants only', async () => {
    const full = await outcomeOf(
      await ingest('teams-json', fixture('teams/callrecord-1.json'), 'application/json'),
    );
    expect(full).toMatchObject({ created: 1 });
    const participants = await outcomeOf(
      await ingest('teams-json', fixture('teams/callrecord-2-participants.json'), 'application/json'),
    );
    expect(participants).toMatchObject({ quarantined: 0 });

    const call = await callOf('teams', 'e523d2ed-2966-4b6b-925b-754a88034cc5');
    expect(call).toMatchObject({
      sourceVersion: 1,
      disposition: 'answered',
      answeredAt: '2020-02-25T18:52:21.216Z',
      talkSeconds: 26,
      from: { raw: 'abbie.wilkins@contoso.com', displayName: 'Abbie Wilkins' },
      quality: { jitterMs: 16 },
      // What the participants view adds is kept as well.
      attributes: { participantCount: 2 },
    });
    expect(call.legs).toHaveLength(1);
  });

  it('keeps the 42 s talk time of a Twilio call when a later status callback comes without CallDuration', async () => {
    const url = `/api/v1/calls/webhooks/twilio/${tenant.id}`;
    const post = async (body: string) => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const signed = `${t.platform.config.http.publicUrl}${url}${Object.keys(params)
        .sort()
        .map((k) => `${k}${params[k] ?? ''}`)
        .join('')}`;
      const signature = createHmac('sha1', 'twilio-secret').update(signed).digest('base64');
      const res = await t.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(202);
      // The webhook answers Twilio with an empty 202: the payload is the tenant's newest one.
      const { rows } = await sql<{
        id: string;
      }>`select id from calls.raw_payloads where tenant_id = ${tenant.uuid} and source = 'twilio' order by received_at desc limit 1`.execute(
        t.platform.database.owner,
      );
      return toPublicId('raw', rows[0]?.id ?? '');
    };
    const completed = fixture('twilio/status-callback-1.txt').trim();
    expect(await outcomeOf(await post(completed))).toMatchObject({ created: 1 });
    const later = new URLSearchParams(completed);
    later.set('SequenceNumber', '1');
    later.delete('CallDuration');
    expect(await outcomeOf(await post(later.toString()))).toMatchObject({ quarantined: 0 });

    const call = await callOf('twilio', 'CAf19604a3eec3e63d157870c5f7f3b3a0');
    expect(call).toMatchObject({
      sourceVersion: 1,
      disposition: 'answered',
      startedAt: '1989-07-20T18:30:01.000Z',
      answeredAt: '1989-07-20T18:30:01.000Z',
      endedAt: '1989-07-20T18:30:43.000Z',
      talkSeconds: 42,
    });
    expect(call.legs).toMatchObject([{ talkSeconds: 42, answeredAt: '1989-07-20T18:30:01.000Z' }]);
  });
});
