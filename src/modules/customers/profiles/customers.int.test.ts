import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { newUuid } from '../../../platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { createTenant, createUser } from '../../../../test/support/identity.js';
import type { Customer } from '../contract.js';

interface Page {
  items: Customer[];
  nextCursor: string | null;
}

describe('customers: profiles', () => {
  let t: TestPlatform;
  const tenant = newUuid();
  const writer = { tenant, permissions: ['customers:read', 'customers:write'] };
  const reader = { tenant, permissions: ['customers:read'] };

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'api' });
  });
  afterAll(() => t.close());

  const create = async (payload: Record<string, unknown>) => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/customers', as: writer, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Customer>();
  };

  it('creates, reads and rectifies a profile; personal fields are not stored in plaintext', async () => {
    const created = await create({
      name: 'Ada Lovelace',
      email: '  Ada@Example.COM ',
      phone: '(201) 555-0123',
      language: 'en',
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+12015550123',
      status: 'active',
      version: 1,
    });
    const got = await t.inject({ method: 'GET', url: `/api/v1/customers/${created.id}`, as: reader });
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toMatchObject({ name: 'Ada Lovelace' });

    const { rows } = await sql<{ raw: string }>`select t::text as raw from customers.customers t`.execute(
      t.platform.database.owner,
    );
    for (const row of rows) {
      expect(row.raw).not.toContain('Ada');
      expect(row.raw.toLowerCase()).not.toContain('example.com');
      expect(row.raw).not.toContain('2015550123');
    }

    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${created.id}`,
      as: writer,
      headers: { 'if-match': '"1"' },
      payload: { email: 'ada@analytical.example', name: 'Ada King' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ email: 'ada@analytical.example', name: 'Ada King', version: 2 });
    expect(patched.headers.etag).toBe('"2"');
  });

  it('answers 412 to a stale If-Match and 409 to a stale body version', async () => {
    const c = await create({ name: 'Grace Hopper' });
    const ok = await t.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: writer,
      payload: { language: 'en' },
    });
    expect(ok.json()).toMatchObject({ version: 2 });
    const stale = await t.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: writer,
      headers: { 'if-match': '"1"' },
      payload: { language: 'de' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({
      code: 'CUSTOMERS_VERSION_MISMATCH',
      errors: [{ field: 'headers.if-match' }],
    });
    const staleBody = await t.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: writer,
      payload: { language: 'de', version: 1 },
    });
    expect(staleBody.statusCode).toBe(409);
    expect(staleBody.json()).toMatchObject({ code: 'CUSTOMERS_CONCURRENT_CHANGE' });
    const badHeader = await t.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: writer,
      headers: { 'if-match': 'yesterday' },
      payload: { language: 'de' },
    });
    expect(badHeader.statusCode).toBe(400);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: reader })).json(),
    ).toMatchObject({
      language: 'en',
      version: 2,
    });
  });

  it('finds customers by e-mail, phone (any written form) and whole name words, through blind indexes', async () => {
    const zoe = await create({
      name: 'Zoë Müller-Lüdenscheidt',
      email: 'zoe@shop.example',
      phone: '+1 (415) 555-0100',
    });
    await create({ name: 'Zoe Adams', email: 'adams@shop.example' });
    const search = async (q: string) =>
      (await t.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}`, as: reader }))
        .json<Page>()
        .items.map((c) => c.id);
    expect(await search('ZOE@shop.example ')).toEqual([zoe.id]);
    expect(await search('415-555-0100')).toEqual([zoe.id]);
    expect(await search('+14155550100')).toEqual([zoe.id]);
    expect(await search('zoe muller')).toEqual([zoe.id]);
    expect((await search('zoe')).length).toBe(2);
    expect(await search('Zo')).toEqual([]);
    expect(await search('nobody@shop.example')).toEqual([]);
  });

  it('pages the list with a keyset cursor', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        as: reader,
      });
      const page: Page = res.json<Page>();
      for (const c of page.items) seen.add(c.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen.size).toBe(4);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/customers?cursor=%%%', as: reader })).json(),
    ).toMatchObject({ errors: [{ field: 'querystring.cursor' }] });
  });

  it('refuses hostile input with a 400 naming the field', async () => {
    const post = (payload: unknown) =>
      t.inject({ method: 'POST', url: '/api/v1/customers', as: writer, payload: payload as object });
    const cases: [unknown, string][] = [
      [{ name: 'Bad Phone', phone: '12' }, 'body.phone'],
      [{ name: 'Bad Phone', phone: 'call me maybe' }, 'body.phone'],
      [{ name: 'Bad Mail', email: 'not-an-address' }, 'body.email'],
      [{ name: 'Nul\u0000name' }, 'body.name'],
      [{ name: 'x'.repeat(100_000) }, 'body.name'],
      [{ name: 'Long Phone', phone: '1'.repeat(500) }, 'body.phone'],
      [{ name: '' }, 'body.name'],
      [{ name: 'Odd', language: 'english please' }, 'body.language'],
      [{ name: 'Extra', isAdmin: true }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(
        res
          .json<{ errors: { field: string }[] }>()
          .errors.map((e) => e.field)
          .join(','),
      ).toContain(field);
    }
    const nulQuery = await t.inject({ method: 'GET', url: '/api/v1/customers?q=a%00b', as: reader });
    expect(nulQuery.statusCode).toBe(400);
    const longQuery = await t.inject({
      method: 'GET',
      url: `/api/v1/customers?q=${'a'.repeat(5000)}`,
      as: reader,
    });
    expect(longQuery.statusCode).toBe(400);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/customers/cus_nope', as: reader })).json(),
    ).toMatchObject({
      code: 'CUSTOMERS_CUSTOMER_NOT_FOUND',
    });
  });

  it('reads national numbers in the tenant region', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: '/api/v1/customers/settings',
      as: writer,
      payload: { defaultRegion: 'DE' },
    });
    expect(put.statusCode).toBe(200);
    const c = await create({ name: 'Hans Berlin', phone: '030 1234567' });
    expect(c.phone).toBe('+49301234567');
    await t.inject({
      method: 'PUT',
      url: '/api/v1/customers/settings',
      as: writer,
      payload: { defaultRegion: 'US' },
    });
  });

  it('keeps addresses, preferences and an append-only consent history', async () => {
    const c = await create({ name: 'Carla Consent', email: 'carla@example.test' });
    const addr = await t.inject({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/addresses`,
      as: writer,
      payload: { line1: '1 Main St', city: 'Springfield', country: 'us', postalCode: '12345' },
    });
    expect(addr.statusCode, addr.body).toBe(201);
    expect(addr.json<{ id: string }>().id).toMatch(/^cadr_/);
    expect(addr.json()).toMatchObject({ country: 'US' });
    const list = await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/addresses`, as: reader });
    expect(list.json()).toMatchObject({ items: [{ line1: '1 Main St' }] });
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/v1/customers/${c.id}/addresses/${addr.json<{ id: string }>().id}`,
      as: writer,
    });
    expect(del.statusCode).toBe(204);

    const consent = (granted: boolean) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/customers/${c.id}/consents`,
        as: writer,
        payload: { purpose: 'newsletter', granted, method: 'phone', source: 'call with agent' },
      });
    expect((await consent(true)).statusCode).toBe(201);
    await consent(true); // the same state again is not a new entry
    const withdrawn = (await consent(false)).json<{
      current: { purpose: string; granted: boolean }[];
      history: { granted: boolean; withdrawnAt: string | null; method: string }[];
    }>();
    expect(withdrawn.current).toEqual([expect.objectContaining({ purpose: 'newsletter', granted: false })]);
    expect(withdrawn.history).toHaveLength(2);
    expect(withdrawn.history[0]).toMatchObject({
      granted: true,
      method: 'phone',
    });
    expect(withdrawn.history[0]?.withdrawnAt).toEqual(expect.any(String));
    const direct = sql`delete from customers.consents`;
    await expect(
      t.platform.database.withTenant({ tenantId: tenant }, (trx) => direct.execute(trx)),
    ).rejects.toThrow(/permission denied/);

    const prefs = await t.inject({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/preferences`,
      as: writer,
      payload: {
        language: 'fr',
        preferredChannel: 'sms',
        channels: { email: true, sms: true, phone: false, post: false },
        marketing: { email: true, sms: false, phone: false },
      },
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json()).toMatchObject({ language: 'fr', preferredChannel: 'sms' });
    const consents = await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/consents`, as: reader });
    expect(consents.json<{ current: { purpose: string; granted: boolean }[] }>().current).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'marketing.email', granted: true }),
        expect.objectContaining({ purpose: 'marketing.sms', granted: false }),
      ]),
    );
  });

  it('keeps tenants apart', async () => {
    const c = await create({ name: 'Tenant A Person', email: 'a-person@example.test' });
    const other = { tenant: newUuid(), permissions: ['customers:read', 'customers:write'] };
    expect((await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: other })).statusCode).toBe(
      404,
    );
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/customers?q=a-person@example.test', as: other })).json(),
    ).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/customers/${c.id}`,
          as: other,
          payload: { name: 'Stolen' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/addresses`, as: other })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline`, as: other })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/customers',
          as: reader,
          payload: { name: 'No Right' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('gives a signed-in client their own profile at /ext/v1/me, created on first use', async () => {
    const { tenant: ten } = await createTenant(t.platform);
    const client = await createUser(t.platform, ten, {
      roles: ['client'],
      kind: 'client',
      email: 'Client.One@Example.test',
    });
    const as = {
      tenant: ten.uuid,
      actor: client.user.id,
      permissions: ['portal:read', 'portal:profile:write'],
    };
    const first = await t.inject({ method: 'GET', url: '/ext/v1/me', as });
    expect(first.statusCode, first.body).toBe(200);
    const me = first.json<Customer>();
    expect(me).toMatchObject({ userId: client.user.id, email: 'client.one@example.test' });
    expect((await t.inject({ method: 'GET', url: '/ext/v1/me', as })).json<Customer>().id).toBe(me.id);

    const patched = await t.inject({
      method: 'PATCH',
      url: '/ext/v1/me',
      as,
      payload: { name: 'Client One', phone: '+44 7700 900123' },
    });
    expect(patched.json()).toMatchObject({ name: 'Client One', phone: '+447700900123' });
    const restricted = await t.inject({
      method: 'PATCH',
      url: '/ext/v1/me',
      as,
      payload: { restricted: true },
    });
    expect(restricted.statusCode).toBe(400);
    const badPhone = await t.inject({ method: 'PATCH', url: '/ext/v1/me', as, payload: { phone: '555' } });
    expect(badPhone.json()).toMatchObject({ errors: [{ field: 'body.phone' }] });

    const addr = await t.inject({
      method: 'POST',
      url: '/ext/v1/me/addresses',
      as,
      payload: { line1: '10 Downing St', city: 'London', country: 'GB' },
    });
    expect(addr.statusCode).toBe(201);
    const consents = await t.inject({
      method: 'PUT',
      url: '/ext/v1/me/consents',
      as,
      payload: { consents: [{ purpose: 'newsletter', granted: true }] },
    });
    expect(consents.json()).toMatchObject({ history: [{ purpose: 'newsletter', method: 'portal' }] });
    const prefs = await t.inject({ method: 'GET', url: '/ext/v1/me/preferences', as });
    expect(prefs.json()).toMatchObject({ channels: { email: true } });

    // Another client sees only their own.
    const other = await createUser(t.platform, ten, { roles: ['client'], kind: 'client' });
    const asOther = { tenant: ten.uuid, actor: other.user.id, permissions: ['portal:read'] };
    expect((await t.inject({ method: 'GET', url: '/ext/v1/me/addresses', as: asOther })).json()).toEqual({
      items: [],
    });
    expect(
      (await t.inject({ method: 'GET', url: '/ext/v1/me', as: { ...asOther, actor: 'api-key' } })).statusCode,
    ).toBe(403);

    const subject = await t.platform.modules.customers.subjectForUser(
      systemContext(ten.uuid, 'test'),
      client.user.id,
    );
    expect(subject).toEqual({
      customerId: me.id,
      userIds: [client.user.id],
      emails: ['client.one@example.test'],
      phones: ['+447700900123'],
    });
  });

  it('documents its routes in both OpenAPI documents (the segment rule tree included)', async () => {
    const internal = await t.inject({ method: 'GET', url: '/openapi.json' });
    expect(internal.statusCode).toBe(200);
    const paths = Object.keys(internal.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/customers/{customerId}/timeline',
        '/api/v1/customer-segments/{segmentId}/members',
      ]),
    );
    const external = await t.inject({ method: 'GET', url: '/ext/openapi.json' });
    expect(Object.keys(external.json<{ paths: Record<string, unknown> }>().paths)).toContain(
      '/ext/v1/me/consents',
    );
  });

  it('links a console-made profile to the client with the same e-mail', async () => {
    const { tenant: ten, ctx } = await createTenant(t.platform);
    const made = await t.platform.modules.customers.profiles.create(ctx, {
      name: 'Walk In',
      email: 'walkin@example.test',
    });
    const client = await createUser(t.platform, ten, {
      roles: ['client'],
      kind: 'client',
      email: 'walkin@example.test',
    });
    const me = await t.inject({
      method: 'GET',
      url: '/ext/v1/me',
      as: { tenant: ten.uuid, actor: client.user.id, permissions: ['portal:read'] },
    });
    expect(me.json()).toMatchObject({ id: made.id, userId: client.user.id, name: 'Walk In' });
  });
});
