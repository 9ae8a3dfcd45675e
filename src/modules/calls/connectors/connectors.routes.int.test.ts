import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { toPublicId } from '../../../platform/ids.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

interface Connectors {
  ingestUrl: string;
  connectors: {
    source: string;
    webhookUrl: string;
    ready: boolean;
    secrets: { name: string; set: boolean; required: boolean }[];
  }[];
}

describe('GET /api/v1/calls/connectors', () => {
  let t: CallsTestPlatform;
  let a: RequestContext;
  let b: RequestContext;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant());
    ({ ctx: b } = await t.createTenant());
    await t.platform.secrets.put(a, 'twilio.auth_token', 'twilio-token-of-a');
  });
  afterAll(() => t.close());

  const get = (ctx: RequestContext, permissions = ['settings:read']) =>
    t.inject({
      method: 'GET',
      url: '/api/v1/calls/connectors',
      as: { tenant: ctx.tenantId, actor: 'usr_admin', permissions },
    });

  it('gives each connector its webhook URL for this tenant and which secrets are set, never their values', async () => {
    const res = await get(a);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Connectors>();
    const tenant = toPublicId('ten', a.tenantId);
    expect(body.ingestUrl).toMatch(/\/api\/v1\/calls\/ingest$/);
    const twilio = body.connectors.find((c) => c.source === 'twilio');
    expect(twilio).toMatchObject({
      webhookUrl: expect.stringMatching(new RegExp(`/api/v1/calls/webhooks/twilio/${tenant}$`)) as unknown,
      ready: true,
    });
    expect(twilio?.secrets).toEqual([expect.objectContaining({ name: 'twilio.auth_token', set: true })]);
    expect(body.connectors.find((c) => c.source === 'teams')).toMatchObject({ ready: false });
    expect(res.body).not.toContain('twilio-token-of-a');

    // Another tenant sees its own URLs and nothing of a's secrets.
    const other = (await get(b)).json<Connectors>();
    expect(other.connectors.find((c) => c.source === 'twilio')).toMatchObject({
      ready: false,
      webhookUrl: expect.stringContaining(toPublicId('ten', b.tenantId)) as unknown,
    });
  });

  it('needs settings:read', async () => {
    expect((await get(a, ['calls:read'])).statusCode).toBe(403);
  });
});
