import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { systemContext } from '../../../platform/context.js';
import { toPublicId } from '../../../platform/ids.js';
import { retellWebhook } from './testing/fake-retell.js';
import { twilioCallback } from './testing/fake-twilio.js';
import { vapiSigned } from './testing/fake-vapi.js';

/*
 * The providers' webhook route on the real platform: public (no session), the raw body reaching
 * the adapter (JSON and forms), 401 for a signature that does not verify — including one made
 * with another tenant's secret — 400 naming the field, 404 for an unknown adapter or tenant.
 */

const PUBLIC = 'https://switchboard.test';
const FIXTURE = readFileSync(
  '/work/shared/fixtures/real/voice-agents/vapi-end-of-call-report-minimal.json',
  'utf8',
);

describe('POST /api/v1/campaigns/telephony/callbacks/:tenant/:adapter', () => {
  let t: TestPlatform;
  let tenantA: string;
  let tenantB: string;
  const secretA = 'secret-of-tenant-a';
  const retellKey = 'key_retell_a';
  const twilioToken = randomBytes(16).toString('hex');
  const accountSid = `AC${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64'), SWITCHBOARD_PUBLIC_URL: PUBLIC },
    });
    tenantA = (await createTenant(t.platform)).tenant.uuid;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
    const put = (tenant: string, name: string, value: string) =>
      t.platform.secrets.put(systemContext(tenant, 'test', 'test'), name, value);
    await put(tenantA, 'campaigns.vapi.webhook_secret', secretA);
    await put(tenantA, 'campaigns.retell.api_key', retellKey);
    await put(tenantA, 'campaigns.twilio.auth_token', twilioToken);
    await put(tenantA, 'campaigns.twilio.account_sid', accountSid);
    await put(tenantB, 'campaigns.vapi.webhook_secret', 'secret-of-tenant-b');
  });
  afterAll(async () => {
    await t.close();
  });

  const path = (tenant: string, adapter: string, query = '') =>
    `/api/v1/campaigns/telephony/callbacks/${toPublicId('ten', tenant)}/${adapter}${query}`;
  const post = (url: string, body: string, headers: Record<string, string>) =>
    t.inject({ method: 'POST', url, payload: body, headers });

  it('takes a signed Vapi report, a signed Retell event and a signed Twilio form without a session (204)', async () => {
    expect((await post(path(tenantA, 'vapi'), FIXTURE, vapiSigned(secretA, FIXTURE))).statusCode).toBe(204);
    const retell = retellWebhook(retellKey, 'call_ended', {
      call_id: 'call_1',
      disconnection_reason: 'dial_busy',
    });
    expect((await post(path(tenantA, 'retell'), retell.body, retell.headers)).statusCode).toBe(204);
    const url = path(tenantA, 'twilio', '?attempt=cat_1');
    const form = twilioCallback(twilioToken, `${PUBLIC}${url}`, {
      AccountSid: accountSid,
      CallSid: `CA${'0'.repeat(32)}`,
      CallStatus: 'busy',
    });
    expect((await post(url, form.body, form.headers)).statusCode).toBe(204);
  });

  it('answers 401 to a tampered body and to a signature made with another tenant’s secret', async () => {
    const tampered = FIXTURE.replace('assistant-ended-call', 'customer-busy');
    const res = await post(path(tenantA, 'vapi'), tampered, vapiSigned(secretA, FIXTURE));
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'CAMPAIGNS_TELEPHONY_WEBHOOK_REFUSED' });
    // Tenant A's signature sent to tenant B's URL: B's secret decides.
    expect((await post(path(tenantB, 'vapi'), FIXTURE, vapiSigned(secretA, FIXTURE))).statusCode).toBe(401);
    const retell = retellWebhook('key_wrong', 'call_ended', { call_id: 'call_1' });
    expect((await post(path(tenantA, 'retell'), retell.body, retell.headers)).statusCode).toBe(401);
  });

  it('answers 400 naming the field for unreadable signed payloads, hostile bytes included', async () => {
    for (const [body, field] of [
      ['{"message": "\u0000\ud800"', 'body'],
      ['[1,2,3]', 'body'],
      ['{"message":{"type":"end-of-call-report","call":{}}}', 'body.message.call.id'],
      ['{"message":{"type":"end-of-call-report","call":{"id":"a\\u0000b"}}}', 'body.message.call.id'],
      [
        `{"message":{"type":"end-of-call-report","call":{"id":"${'x'.repeat(300)}"}}}`,
        'body.message.call.id',
      ],
      [
        `{"message":{"type":"status-update","status":"${'x'.repeat(10_000)}","call":{"id":"c"}}}`,
        'body.message.status',
      ],
    ] as const) {
      const res = await post(path(tenantA, 'vapi'), body, vapiSigned(secretA, body));
      expect(res.statusCode, body.slice(0, 40)).toBe(400);
      expect(res.json<{ errors?: { field: string }[] }>()).toMatchObject({ errors: [{ field }] });
    }
    expect((await post(path(tenantA, 'vapi'), '', {})).statusCode).toBe(400);
  });

  it('answers 404 for an unknown adapter, the simulator, a malformed tenant and a tenant without the provider', async () => {
    expect((await post(path(tenantA, 'bland'), FIXTURE, {})).statusCode).toBe(404);
    expect((await post(path(tenantA, 'simulator'), FIXTURE, {})).statusCode).toBe(404);
    expect(
      (
        await post(
          '/api/v1/campaigns/telephony/callbacks/ten_nope/vapi',
          FIXTURE,
          vapiSigned(secretA, FIXTURE),
        )
      ).statusCode,
    ).toBe(404);
    const retell = retellWebhook(retellKey, 'call_ended', { call_id: 'call_1' });
    expect((await post(path(tenantB, 'retell'), retell.body, retell.headers)).statusCode).toBe(404);
  });

  it('an SMS reply STOP puts the sender on the DNC list and makes their leads do-not-call; other texts change nothing', async () => {
    const ctx = systemContext(tenantA, 'test', 'test');
    const campaigns = t.platform.modules.campaigns;
    const list = await campaigns.lists.create(ctx, { name: 'sms', defaultRegion: 'US' });
    await campaigns.imports.start(ctx, {
      listId: list.id,
      fileName: 'sms.csv',
      mapping: {},
      file: (async function* () {
        await Promise.resolve();
        yield Buffer.from('phone\n+12125550777\n+12125550778\n');
      })(),
    });
    await campaigns.imports.idle();
    const url = path(tenantA, 'twilio', '/messages');
    const text = (from: string, body: string) =>
      twilioCallback(twilioToken, `${PUBLIC}${url}`, {
        AccountSid: accountSid,
        MessageSid: `SM${randomBytes(16).toString('hex')}`,
        From: from,
        To: '+14155550100',
        Body: body,
      });
    const hello = text('+12125550778', 'Can you call me at 5?');
    expect((await post(url, hello.body, hello.headers)).statusCode).toBe(200);
    expect((await campaigns.suppression.check(ctx, '+12125550778')).suppressed).toBe(false);

    const stop = text('+12125550777', 'STOP');
    const answer = await post(url, stop.body, stop.headers);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/xml');
    const verdict = await campaigns.suppression.check(ctx, '+12125550777');
    expect(verdict.suppressed).toBe(true);
    expect(verdict.entries[0]).toMatchObject({ source: 'sms_stop', evidence: { quote: 'STOP' } });
    const lead = (await campaigns.leads.query(ctx, { phone: '+12125550777', limit: 1 })).leads[0];
    expect(lead?.status).toBe('do_not_call');
    // A second STOP is the same opt-out.
    const again = text('+12125550777', 'stop');
    expect((await post(url, again.body, again.headers)).statusCode).toBe(200);
    expect((await campaigns.suppression.check(ctx, '+12125550777')).entries).toHaveLength(1);

    // Unsigned, tampered, or to another tenant: refused, nothing stored.
    const forged = text('+12125550778', 'STOP');
    expect((await post(url, forged.body.replace('STOP', 'stop'), forged.headers)).statusCode).toBe(401);
    expect((await post(path(tenantB, 'twilio', '/messages'), forged.body, forged.headers)).statusCode).toBe(
      404,
    );
    expect((await post(path(tenantA, 'vapi', '/messages'), forged.body, forged.headers)).statusCode).toBe(
      404,
    );
    expect((await campaigns.suppression.check(ctx, '+12125550778')).suppressed).toBe(false);
  });
});
