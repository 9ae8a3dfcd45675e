import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { defineModule } from '../../../platform/module.js';
import type { PrivacyParticipants, SubjectDataRef } from '../../../platform/privacy/index.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Customer, CustomerStatsSource } from '../contract.js';
import { createInMemoryCustomerStats } from '../testing/in-memory-customer-stats.js';

/** Captures the kernel's services the privacy module would use, and takes part with a fake calls history. */
const kernel: { subjectKeys?: SubjectKeys; participants?: PrivacyParticipants } = {};
const fakeCalls = defineModule({
  name: 'fakecalls',
  create: (deps) => {
    kernel.subjectKeys = deps.subjectKeys;
    kernel.participants = deps.privacyParticipants;
    return {
      api: {},
      privacy: {
        holds: 'test calls',
        retention: [],
        find: (_ctx, subject) =>
          Promise.resolve(
            subject.phones.flatMap((phone): SubjectDataRef[] => [
              {
                module: 'fakecalls',
                kind: 'call',
                id: 'call_1',
                at: new Date('2020-01-01T10:00:00Z'),
                summary: `Call from ${phone.slice(0, 3)}…`,
                consolePath: null,
              },
              {
                module: 'fakecalls',
                kind: 'call',
                id: 'call_2',
                at: new Date('2030-01-01T10:00:00Z'),
                summary: 'A call in the future',
                consolePath: null,
              },
            ]),
          ),
        export: () => Promise.resolve([]),
        erase: () => Promise.resolve({ erased: 0, kept: [] }),
      },
    };
  },
});
const broken = defineModule({
  name: 'brokenmod',
  create: () => ({
    api: {},
    privacy: {
      holds: 'nothing that answers',
      retention: [],
      find: () => Promise.reject(new Error('database on fire')),
      export: () => Promise.resolve([]),
      erase: () => Promise.resolve({ erased: 0, kept: [] }),
    },
  }),
});

describe('customers: timeline, segments, erasure, retention', () => {
  let t: TestPlatform;
  const tenant = newUuid();
  const ctx = systemContext(tenant, 'test', 'test');
  const writer = { tenant, permissions: ['customers:read', 'customers:write'] };

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'api', extraModules: [fakeCalls, broken] });
  });
  afterAll(() => t.close());

  it('builds the 360° timeline from every participant; a failing module is named, not a 500', async () => {
    const c = await t.platform.modules.customers.profiles.create(ctx, {
      name: 'Tim Line',
      phone: '+12015550199',
    });
    await t.platform.modules.customers.profiles.consents.record(ctx, c.id, [
      { purpose: 'newsletter', granted: true, method: 'console' },
    ]);
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/customers/${c.id}/timeline?limit=2`,
      as: writer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{
      items: SubjectDataRef[];
      errors: { module: string }[];
      nextBefore: string | null;
    }>();
    expect(page.errors).toEqual([expect.objectContaining({ module: 'brokenmod' })]);
    expect(page.items.map((e) => `${e.module}:${e.kind}`)).toEqual([
      'fakecalls:call',
      expect.stringMatching(/^customers:/),
    ]);
    const rest = await t.inject({
      method: 'GET',
      url: `/api/v1/customers/${c.id}/timeline?limit=50&before=${encodeURIComponent(page.nextBefore ?? '')}`,
      as: writer,
    });
    const all = [...page.items, ...rest.json<{ items: SubjectDataRef[] }>().items];
    expect(all.map((e) => e.id)).toContain('call_1');
    expect(
      all
        .filter((e) => e.module === 'customers')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['consent', 'customer']);
    expect(all.at(-1)?.id).toBe('call_1');
    const bad = await t.inject({
      method: 'GET',
      url: `/api/v1/customers/${c.id}/timeline?before=garbage`,
      as: writer,
    });
    expect(bad.json()).toMatchObject({ errors: [{ field: 'querystring.before' }] });
  });

  it('lists the members of a segment by rules over the orders facts', async () => {
    const stats = createInMemoryCustomerStats();
    (t.platform.modules.orders as { customerStats: CustomerStatsSource }).customerStats = stats.customerStats;
    const other = systemContext(newUuid(), 'test', 'test');
    const profiles = t.platform.modules.customers.profiles;
    const mk = async (name: string, c = ctx): Promise<Customer & { userId: string }> =>
      (await profiles.create(c, { name, userId: toPublicId('usr', newUuid()) })) as Customer & {
        userId: string;
      };
    const big = await mk('Big Spender');
    const small = await mk('Small Spender');
    const old = await mk('Old Spender');
    const restricted = await mk('Restricted Spender');
    const foreign = await mk('Other Tenant', other);
    const now = Date.now();
    const recent = new Date(now - 10 * 86400_000);
    stats.add(ctx, { userId: big.userId, currency: 'EUR', totalMinor: 400_00, at: recent });
    stats.add(ctx, { userId: big.userId, currency: 'EUR', totalMinor: 200_00, at: recent });
    stats.add(ctx, { userId: small.userId, currency: 'EUR', totalMinor: 100_00, at: recent });
    stats.add(ctx, {
      userId: old.userId,
      currency: 'EUR',
      totalMinor: 900_00,
      at: new Date(now - 200 * 86400_000),
    });
    stats.add(ctx, { userId: restricted.userId, currency: 'EUR', totalMinor: 900_00, at: recent });
    stats.add(other, { userId: foreign.userId, currency: 'EUR', totalMinor: 900_00, at: recent });
    await profiles.update(ctx, restricted.id, { restricted: true });

    const rules = {
      all: [
        { fact: 'orders.count', since: 'P90D', op: '>=', value: 1 },
        { fact: 'orders.total', since: 'P90D', op: '>', value: 500, currency: 'EUR' },
      ],
    };
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/customer-segments',
      as: writer,
      payload: { name: 'VIP', rules },
    });
    expect(created.statusCode, created.body).toBe(201);
    const seg = created.json<{ id: string }>();
    expect(seg.id).toMatch(/^seg_/);
    const members = await t.inject({
      method: 'GET',
      url: `/api/v1/customer-segments/${seg.id}/members`,
      as: writer,
    });
    expect(members.json<{ items: Customer[] }>().items.map((c) => c.name)).toEqual(['Big Spender']);

    const anyRule = { any: [{ fact: 'orders.count', op: '>=', value: 1 }] };
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/customer-segments/${seg.id}`,
      as: writer,
      payload: { rules: anyRule },
    });
    const names: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: { items: Customer[]; nextCursor: string | null } = (
        await t.inject({
          method: 'GET',
          url: `/api/v1/customer-segments/${seg.id}/members?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          as: writer,
        })
      ).json();
      names.push(...page.items.map((c) => c.name ?? ''));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(names.sort()).toEqual(['Big Spender', 'Old Spender', 'Small Spender']);

    const invalid = await t.inject({
      method: 'POST',
      url: '/api/v1/customer-segments',
      as: writer,
      payload: {
        name: 'Broken',
        rules: { all: [{ fact: 'orders.count', since: 'ninety days', op: '>', value: 1 }] },
      },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ errors: { field: string }[] }>().errors[0]?.field).toMatch(/^body\.rules/);
    const dup = await t.inject({
      method: 'POST',
      url: '/api/v1/customer-segments',
      as: writer,
      payload: { name: 'VIP', rules },
    });
    expect(dup.statusCode).toBe(409);
    const elsewhere = { tenant: other.tenantId, permissions: ['customers:read'] };
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/customer-segments/${seg.id}`, as: elsewhere }))
        .statusCode,
    ).toBe(404);
  });

  it('erasure: after shredding and erase, no personal data of the customer is readable; consents stay as proof', async () => {
    const profiles = t.platform.modules.customers.profiles;
    const c = await profiles.create(ctx, {
      name: 'Erin Erase',
      email: 'erin@example.test',
      phone: '+12015550142',
    });
    await profiles.addresses.add(ctx, c.id, { line1: '5 Secret Rd', city: 'Hidden', country: 'US' });
    await profiles.consents.record(ctx, c.id, [{ purpose: 'newsletter', granted: true, method: 'portal' }]);

    const subject = await t.platform.modules.customers.subjectOf(ctx, c.id);
    expect(subject).toMatchObject({
      customerId: c.id,
      emails: ['erin@example.test'],
      phones: ['+12015550142'],
    });
    const participant = kernel.participants?.().find((p) => p.module === 'customers');
    expect(participant).toBeDefined();
    const exported = await participant?.privacy.export(ctx, subject);
    expect(exported?.find((p) => p.name === 'addresses')?.rows).toEqual([
      expect.objectContaining({ line1: '5 Secret Rd' }),
    ]);

    // What the privacy module does first: shred every identifier's key.
    await kernel.subjectKeys?.shred(tenant, [
      { kind: 'customer', value: c.id },
      { kind: 'email', value: 'erin@example.test' },
      { kind: 'phone', value: '+12015550142' },
    ]);
    const gone = await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: writer });
    expect(gone.statusCode).toBe(410);

    const report = await participant?.privacy.erase(ctx, subject, { requestId: 'dsr_test' });
    expect(report?.erased).toBeGreaterThanOrEqual(2);
    expect(report?.kept).toEqual([
      expect.objectContaining({ count: 2, reason: 'proof of consent and its withdrawal (GDPR Art. 7(1))' }),
    ]);
    const again = await participant?.privacy.erase(ctx, subject, { requestId: 'dsr_test' });
    expect(again?.erased).toBe(0);

    const after = await t.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: writer });
    expect(after.json()).toMatchObject({
      status: 'anonymised',
      name: null,
      email: null,
      phone: null,
      userId: null,
    });
    for (const q of ['erin@example.test', '+12015550142', 'erin erase'])
      expect(
        (
          await t.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}`, as: writer })
        ).json(),
      ).toMatchObject({ items: [] });
    const { rows } = await sql<{
      sealed: Buffer | null;
      email: Buffer | null;
      terms: number;
      addresses: number;
      consents: number;
    }>`
      select profile_sealed as sealed, email_index as email,
        (select count(*)::int from customers.name_terms n where n.customer_id = c.id) as terms,
        (select count(*)::int from customers.addresses a where a.customer_id = c.id) as addresses,
        (select count(*)::int from customers.consents k where k.customer_id = c.id) as consents
      from customers.customers c where c.tenant_id = ${tenant} and c.status = 'anonymised'`.execute(
      t.platform.database.owner,
    );
    expect(rows).toEqual([{ sealed: null, email: null, terms: 0, addresses: 0, consents: 2 }]);
    const consents = await profiles.consents.list(ctx, c.id);
    expect(consents.current).toEqual([expect.objectContaining({ purpose: 'newsletter', granted: false })]);
    expect(await participant?.privacy.find(ctx, subject)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'customer', summary: 'Customer profile (anonymised)' }),
      ]),
    );
  });

  it('anonymises customers with no activity past the threshold (the daily job)', async () => {
    const profiles = t.platform.modules.customers.profiles;
    const idle = await profiles.create(ctx, { name: 'Idle Ivan', email: 'ivan@example.test' });
    const busy = await profiles.create(ctx, { name: 'Busy Bea' });
    await sql`update customers.customers set last_activity_at = now() - interval '8 years' where id = ${fromPublicId('cus', idle.id) ?? ''}::uuid`.execute(
      t.platform.database.owner,
    );
    expect(t.platform.jobs.map((j) => ('name' in j ? j.name : ''))).toContain('customers.anonymise-inactive');
    const count = await t.platform.modules.customers.anonymiseInactive();
    expect(count).toBeGreaterThanOrEqual(1);
    expect(await profiles.get(ctx, idle.id)).toMatchObject({ status: 'anonymised', name: null });
    expect(await profiles.get(ctx, busy.id)).toMatchObject({ status: 'active', name: 'Busy Bea' });
    // A threshold given (tests, operators): everything older than now.
    expect(
      await t.platform.modules.customers.anonymiseInactive({ olderThan: new Date(Date.now() + 1000) }),
    ).toBeGreaterThanOrEqual(1);
    expect(await profiles.get(ctx, busy.id)).toMatchObject({ status: 'anonymised' });
  });
});
