import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuid } from '../../../platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { privacyModule } from '../privacy.module.js';

describe('privacy items', () => {
  let t: TestPlatform;
  const writer = { tenant: newUuid(), permissions: ['privacy:read', 'privacy:write'] };

  beforeAll(async () => {
    // 'start' runs the module's handlers in this process too; extraModules mounts the module
    // whether or not src/app/modules.ts lists it yet.
    t = await createTestPlatform({ role: 'start', extraModules: [privacyModule] });
  });
  afterAll(() => t.close());

  it('migrates: its table exists, under row-level security', async () => {
    const { rows } = await sql<{
      secured: boolean;
    }>`select relrowsecurity as secured from pg_class where oid = 'privacy.items'::regclass`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.secured).toBe(true);
  });

  it('adds an item through its route, and handles the event it published', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/privacy/items',
      as: writer,
      payload: { name: 'First' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(id).toMatch(/^item_/);
    const announcedAt = async () =>
      (await t.inject({ method: 'GET', url: `/api/v1/privacy/items/${id}`, as: writer })).json<{
        announcedAt: string | null;
      }>().announcedAt;
    await expect.poll(announcedAt, { timeout: 20_000 }).not.toBeNull();
  });

  it('keeps tenants apart, and refuses what it must', async () => {
    const other = { tenant: newUuid(), permissions: ['privacy:read'] };
    expect((await t.inject({ method: 'GET', url: '/api/v1/privacy/items', as: other })).json()).toEqual({
      items: [],
    });
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/privacy/items', as: other, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/privacy/items', as: writer, payload: {} })).statusCode,
    ).toBe(400);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/privacy/items/item_nope', as: writer })).json(),
    ).toMatchObject({ code: 'PRIVACY_ITEM_NOT_FOUND' });
  });
});
