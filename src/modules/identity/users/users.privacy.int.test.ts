import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { DataSubject, ModulePrivacy } from '../../../platform/privacy/index.js';
import type { Tenant } from '../contract.js';
import { createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

describe('identity privacy: client accounts', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let ctx: RequestContext;
  let other: RequestContext;
  let privacy: ModulePrivacy;

  const subject = (over: Partial<DataSubject>): DataSubject => ({
    customerId: null,
    userIds: [],
    emails: [],
    phones: [],
    ...over,
  });

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ tenant, ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
    const found = t.platform.privacyParticipants.find((p) => p.module === 'identity');
    if (!found) throw new Error('identity takes no part in the privacy contract');
    privacy = found.privacy;
  });
  afterAll(() => t.close());

  it('finds, exports and erases a client account; employees are never touched', async () => {
    const client = await createUser(t.platform, tenant, {
      roles: ['client'],
      kind: 'client',
      email: 'ada@example.com',
    });
    const employee = await createUser(t.platform, tenant, { roles: ['admin'], email: 'boss@example.com' });
    const session = await login(t, client);

    const byEmail = await privacy.find(ctx, subject({ emails: ['ada@example.com'] }));
    expect(byEmail).toEqual([
      expect.objectContaining({ module: 'identity', kind: 'account', id: client.user.id }),
    ]);
    expect(byEmail[0]?.summary).toMatch(/^Portal account · active · signed up \d{4}-\d{2}-\d{2}$/);
    expect(await privacy.find(ctx, subject({ userIds: [client.user.id] }))).toHaveLength(1);
    expect(
      await privacy.find(ctx, subject({ emails: ['boss@example.com'], userIds: [employee.user.id] })),
    ).toEqual([]);
    expect(await privacy.find(other, subject({ emails: ['ada@example.com'] }))).toEqual([]);

    const parts = await privacy.export(ctx, subject({ emails: ['ada@example.com'] }));
    expect(parts).toEqual([
      { name: 'accounts', rows: [expect.objectContaining({ id: client.user.id, email: 'ada@example.com' })] },
    ]);

    const report = await privacy.erase(
      ctx,
      subject({ emails: ['ada@example.com'], userIds: [employee.user.id] }),
      {
        requestId: 'dsr_1',
      },
    );
    expect(report).toEqual({ erased: 1, kept: [] });
    const after = await t.platform.modules.identity.users.get(ctx, client.user.id);
    expect(after).toMatchObject({ status: 'disabled', displayName: null });
    // The address is replaced by one made of the account's id (whose hex may spell anything, "ada" too).
    expect(after.email).toBe(`erased-${fromPublicId('usr', client.user.id)}@invalid`);
    await expect(login(t, client)).rejects.toThrow(/401/);
    const refreshed = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/refresh',
      payload: { refreshToken: session.refreshToken },
    });
    expect(refreshed.statusCode).toBe(401);
    expect(await privacy.find(ctx, subject({ emails: ['ada@example.com'] }))).toEqual([]);
    expect(
      await privacy.erase(ctx, subject({ emails: ['ada@example.com'] }), { requestId: 'dsr_1' }),
    ).toEqual({
      erased: 0,
      kept: [],
    });
    expect((await t.platform.modules.identity.users.get(ctx, employee.user.id)).status).toBe('active');
    // The address is free again: its blind index went with the account.
    const again = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/sign-up',
      payload: {
        tenant: tenant.slug,
        email: 'ada@example.com',
        password: 'a new long password',
        displayName: 'Ada',
      },
    });
    expect(again.statusCode).toBe(202);
    expect(
      (await t.platform.modules.identity.users.list(ctx)).filter((u) => u.email === 'ada@example.com'),
    ).toEqual([expect.objectContaining({ status: 'unverified' })]);
  });
});
