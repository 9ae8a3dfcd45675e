import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicId } from '../../../platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

interface View {
  id: string;
  list: string;
  name: string;
  state: string;
}
interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('saved views', () => {
  let t: TestPlatform;
  let tenant: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestPlatform();
    const create = async (name: string) =>
      fromPublicId(
        'ten',
        (
          await t.platform.modules.identity.tenantAdmin.create({
            name,
            slug: `${name.toLowerCase().replace(' ', '-')}-${Date.now()}`,
          })
        ).id,
      ) ?? '';
    tenant = await create('Views A');
    other = await create('Views B');
  });
  afterAll(() => t.close());

  const as = (actor: string, tenantId = tenant) => ({ tenant: tenantId, actor, permissions: ['calls:read'] });
  const save = (actor: string, payload: object, tenantId = tenant) =>
    t.inject({ method: 'POST', url: '/api/v1/views', payload, as: as(actor, tenantId) });
  const mine = async (actor: string, list = 'calls', tenantId = tenant) =>
    (await t.inject({ method: 'GET', url: `/api/v1/views?list=${list}`, as: as(actor, tenantId) })).json<{
      items: View[];
    }>().items;

  it('keeps each user’s views to that user, by list, and audits every change', async () => {
    const created = await save('usr_ann', {
      list: 'calls',
      name: '  Long calls ',
      state: 'sort=-duration&minDuration=600',
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<View>();
    expect(view.id).toMatch(/^view_/);
    expect(view).toMatchObject({ name: 'Long calls', state: 'sort=-duration&minDuration=600' });
    await save('usr_bob', { list: 'calls', name: 'Long calls', state: 'sort=duration' });

    expect((await mine('usr_ann')).map((v) => v.state)).toEqual(['sort=-duration&minDuration=600']);
    expect(await mine('usr_ann', 'users')).toEqual([]);
    expect(await mine('usr_ann', 'calls', other)).toEqual([]);

    // Another user can neither change nor delete it: to them it does not exist.
    const foreign = await t.inject({ method: 'DELETE', url: `/api/v1/views/${view.id}`, as: as('usr_bob') });
    expect(foreign.statusCode).toBe(404);

    const renamed = await t.inject({
      method: 'PUT',
      url: `/api/v1/views/${view.id}`,
      payload: { name: 'Over ten minutes' },
      as: as('usr_ann'),
    });
    expect(renamed.json<View>()).toMatchObject({
      name: 'Over ten minutes',
      state: 'sort=-duration&minDuration=600',
    });
    expect(
      (await t.inject({ method: 'DELETE', url: `/api/v1/views/${view.id}`, as: as('usr_ann') })).statusCode,
    ).toBe(204);
    expect(await mine('usr_ann')).toEqual([]);

    const audit = await t.platform.modules.audit.list(
      { tenantId: tenant, requestId: 'test', actor: { type: 'system', id: 'test' } },
      { limit: 20 },
    );
    expect(
      audit.items
        .filter((e) => e.action.startsWith('view.'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['view.deleted', 'view.saved', 'view.saved', 'view.updated']);
  });

  it('refuses a second view of the same name, and bad input, naming the field', async () => {
    await save('usr_cat', { list: 'calls', name: 'Today', state: 'range=today' });
    const twice = await save('usr_cat', { list: 'calls', name: 'Today', state: 'range=today&source=twilio' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<Problem>().errors?.map((e) => e.field)).toEqual(['name']);

    const cases: [object, string][] = [
      [{ list: 'calls', name: 'x'.repeat(81), state: '' }, 'body.name'],
      [{ list: 'calls', name: '   ', state: '' }, 'body.name'],
      [{ list: 'Calls!', name: 'A', state: '' }, 'body.list'],
      [{ list: 'calls', name: 'A', state: 's'.repeat(2001) }, 'body.state'],
    ];
    for (const [payload, field] of cases) {
      const res = await save('usr_cat', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<Problem>().errors?.map((e) => e.field)).toContain(field);
    }
  });
});
