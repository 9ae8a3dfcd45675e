import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

describe('PATCH /tenant', () => {
  let t: TestPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform, 'settings');
    const owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    auth = bearer((await login(t, owner)).accessToken);
  });
  afterAll(() => t.close());

  const patch = (payload: object) =>
    t.inject({ method: 'PATCH', url: '/api/v1/tenant', headers: auth, payload });
  const changeEntries = async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/v1/audit?action=settings.tenant_changed',
      headers: auth,
    });
    return res.json<{ items: unknown[] }>().items.length;
  };

  it('changes what it is given, and audits it', async () => {
    const res = await patch({ name: 'Settings Ltd', timeZone: 'Europe/Paris' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Settings Ltd',
      timeZone: 'Europe/Paris',
      mfaRequiredForAdmins: false,
    });
    expect(await changeEntries()).toBe(1);
  });

  it('answers an empty patch with the tenant unchanged, as a no-op that is not audited', async () => {
    const before = (await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: auth })).json<object>();
    const res = await patch({});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(before);
    expect(await changeEntries()).toBe(1);
  });

  it('refuses fields it does not know with 400 naming each, rather than ignoring a misspelt one', async () => {
    const res = await patch({ timezone: 'Europe/Berlin', colour: 'red' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = res.json<{ errors: { field: string; message: string }[] }>().errors;
    expect(fields.map((f) => f.field).sort()).toEqual(['body.colour', 'body.timezone']);
    expect(fields[0]?.message).toMatch(/not a field/);
    // Nothing changed.
    expect((await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: auth })).json()).toMatchObject({
      timeZone: 'Europe/Paris',
    });
  });
});
