import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { RequestContext } from '../../../platform/context.js';
import { toPublicId } from '../../../platform/ids.js';
import type { DataSubject } from '../../../platform/privacy/index.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { dialerFor, fakeAdapter, freshUsRegistry, seedCampaign } from '../dialer/dialer.fixtures.js';
import { createSealing, sealingAad } from '../sealing.js';
import { createCampaignsPrivacy, DNC_KEPT_REASON } from './campaigns.privacy.js';

/*
 * Campaigns in data-subject requests, on real PostgreSQL: Alice's leads (by number, and by e-mail
 * on a lead with another number), her consent, the call placed to her and her DNC entry are found
 * and exported, Bob's are not; erasure leaves none of her personal data in the module's APIs but
 * keeps the DNC entry as a blind index; restriction keeps the dialer off her numbers.
 */

type Tables = CampaignsTables;
const at = (iso: string) => new Date(iso);
/** Wednesday 10 June 2026, 12:00 in New York. */
const NOON_NY = at('2026-06-10T16:00:00Z');
const ALICE = '+12125550101';
const ALICE_WORK = '+12125550103';
const BOB = '+12125550202';
const ALICE_EMAIL = 'alice@example.test';
const alice: DataSubject = { customerId: null, userIds: [], emails: [ALICE_EMAIL], phones: [ALICE] };
const bob: DataSubject = { customerId: null, userIds: [], emails: [], phones: [BOB] };
const reader = ['leads:read', 'campaigns:read', 'dnc:read'];

describe('campaigns: privacy participant', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  let c: RequestContext;
  let campaignId: string;
  const p = () => t.platform;
  const privacy = () =>
    createCampaignsPrivacy({ database: p().database, sealing: createSealing(p().keyring) });
  const get = (ctx: RequestContext, url: string) =>
    t.inject({ method: 'GET', url: `/api/v1${url}`, as: { tenant: ctx.tenantId, permissions: reader } });

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    ({ ctx: c } = await createTenant(t.platform));
    for (const ctx of [a, b, c]) await freshUsRegistry(p(), ctx, at('2026-06-01T00:00:00Z'));
    const seeded = await seedCampaign(p(), a, {
      lists: [
        {
          leads: [
            { e164: ALICE, personal: { firstName: 'Alice', lastName: 'Lovelace', custom: {} } },
            { e164: BOB, personal: { firstName: 'Bob', lastName: 'Builder', custom: {} } },
          ],
        },
        { leads: [{ e164: ALICE_WORK, personal: { firstName: 'Alice', lastName: 'Lovelace', custom: {} } }] },
      ],
    });
    campaignId = seeded.campaignId;
    const workLead = seeded.leadIds[1]?.[0] ?? '';
    const sealer = await createSealing(p().keyring).forTenant(a.tenantId);
    await p().database.withTenant<Tables, void>(a, async (trx) => {
      await trx
        .updateTable('campaigns.leads')
        .set({
          emailIndex: sealer.emailIndex(ALICE_EMAIL),
          emailSealed: sealer.seal(ALICE_EMAIL, sealingAad.email(workLead)),
        })
        .where('id', '=', workLead)
        .execute();
    });
    for (const phone of [ALICE, BOB]) {
      await p().modules.campaigns.consents.give(a, {
        phone,
        purpose: 'marketing',
        channel: 'call',
        givenAt: at('2026-01-01T00:00:00Z'),
        source: 'web_form',
        textShown: 'Acme may call me about offers.',
      });
    }
    await p().modules.campaigns.suppression.add(a, { number: ALICE_WORK, reason: 'asked by letter' });
    // One call to Alice and one to Bob (her work number is on the DNC list).
    const adapter = fakeAdapter();
    expect(await dialerFor(p(), adapter).runPass(a, campaignId, NOON_NY)).toMatchObject({ placed: 2 });
    // The same number in another tenant is another tenant's lead.
    await seedCampaign(p(), b, {
      lists: [
        { leads: [{ e164: ALICE, personal: { firstName: 'Alicia', lastName: 'Elsewhere', custom: {} } }] },
      ],
    });
  }, 60_000);
  afterAll(() => t.close());

  it('finds the subject’s leads, call, consent and DNC entry, newest first, and nothing of anyone else', async () => {
    const found = await privacy().find(a, alice);
    expect(found.map((r) => r.kind).sort()).toEqual(['call_attempt', 'consent', 'dnc_entry', 'lead', 'lead']);
    expect(found.every((r) => r.module === 'campaigns')).toBe(true);
    const times = found.map((r) => r.at?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(found.find((r) => r.kind === 'consent')?.summary).toBe(
      'Consent · marketing by call · given 2026-01-01 (web form)',
    );
    expect(found.find((r) => r.kind === 'call_attempt')).toMatchObject({
      summary: `Campaign call · campaign ${campaignId} · placed`,
      consolePath: `/campaigns/${toPublicId('cmp', campaignId)}`,
    });
    expect(found.filter((r) => r.kind === 'lead').map((r) => r.summary)).toEqual([
      expect.stringMatching(/^Campaign lead · list list .* · (new|attempted)$/),
      expect.stringMatching(/^Campaign lead · list list .* · (new|attempted)$/),
    ]);
    expect((await privacy().find(a, bob)).map((r) => r.kind).sort()).toEqual([
      'call_attempt',
      'consent',
      'lead',
    ]);
    // Tenant isolation: in tenant B, Alice's number is B's one lead, nothing else.
    expect((await privacy().find(b, alice)).map((r) => r.kind)).toEqual(['lead']);
    expect(await privacy().find(c, alice)).toEqual([]);
  });

  it('exports the subject’s rows only, decrypted, consent records with their wording (DPDP)', async () => {
    const parts = await privacy().export(a, alice);
    const byName = Object.fromEntries(parts.map((part) => [part.name, part.rows]));
    expect(Object.keys(byName)).toEqual(['leads', 'call-attempts', 'consents', 'do-not-call']);
    expect(byName.leads?.map((l) => l.phone).sort()).toEqual([ALICE, ALICE_WORK]);
    expect(byName.leads?.map((l) => l.email).sort()).toEqual([ALICE_EMAIL, null]);
    expect(byName.leads?.[0]?.personal).toMatchObject({ firstName: 'Alice', lastName: 'Lovelace' });
    expect(byName['call-attempts']).toEqual([expect.objectContaining({ attemptNumber: 1, optOut: false })]);
    expect(byName.consents).toEqual([
      expect.objectContaining({
        phone: ALICE,
        purpose: 'marketing',
        textShown: 'Acme may call me about offers.',
      }),
    ]);
    expect(byName['do-not-call']).toEqual([
      expect.objectContaining({ number: ALICE_WORK, reason: 'asked by letter' }),
    ]);
    const text = JSON.stringify(parts);
    expect(text).not.toContain('Bob');
    expect(text).not.toContain(BOB);
    expect(text).not.toContain('Alicia');
  });

  it('keeps the dialer off a restricted subject’s numbers with a reason the campaign shows, until lifted', async () => {
    const seeded = await seedCampaign(p(), c, { lists: [{ leads: [{ e164: ALICE }, { e164: BOB }] }] });
    const [aliceLead, bobLead] = seeded.leadIds[0] ?? [];
    await privacy().restrict?.(c, alice, true);
    const adapter = fakeAdapter();
    const dialer = dialerFor(p(), adapter);
    expect(await dialer.runPass(c, seeded.campaignId, NOON_NY)).toMatchObject({ placed: 1, skipped: 1 });
    expect(adapter.placed.map((r) => r.to)).toEqual([BOB]);
    const hopper = await p().database.withTenant<Tables, { leadId: string; lastSkipReason: string | null }[]>(
      c,
      (trx) =>
        trx
          .selectFrom('campaigns.campaign_leads')
          .select(['leadId', 'lastSkipReason'])
          .where('campaignId', '=', seeded.campaignId)
          .execute(),
    );
    expect(hopper.find((h) => h.leadId === aliceLead)?.lastSkipReason).toBe('processing_restricted');
    expect(hopper.find((h) => h.leadId === bobLead)?.lastSkipReason).toBeNull();
    const cmp = toPublicId('cmp', seeded.campaignId);
    const stats = await get(c, `/campaigns/campaigns/${cmp}/stats`);
    expect(stats.statusCode, stats.body).toBe(200);
    expect(stats.json<{ skipsByReason: Record<string, number> }>().skipsByReason).toEqual({
      processing_restricted: 1,
    });
    // An hour on, her lead is due for another look (Bob's call is still open).
    const later = new Date(NOON_NY.getTime() + 61 * 60_000);
    const dryRun = await get(c, `/campaigns/campaigns/${cmp}/dry-run?at=${later.toISOString()}`);
    expect(dryRun.statusCode, dryRun.body).toBe(200);
    expect(dryRun.json<{ examples: { reason: string; detail: string }[] }>().examples).toEqual([
      expect.objectContaining({
        reason: 'processing_restricted',
        detail: expect.stringContaining('Art. 18') as unknown,
      }),
    ]);
    // Restriction in tenant C is not tenant A's: Alice's lead there is still callable.
    const pickA = await dialer.pickCallable(a, campaignId, { now: NOON_NY, limit: 10, record: false });
    expect(pickA.skipped.processing_restricted).toBeUndefined();

    await privacy().restrict?.(c, alice, false);
    expect(await dialer.runPass(c, seeded.campaignId, later)).toMatchObject({ placed: 1 });
    expect(adapter.placed.map((r) => r.to)).toEqual([BOB, ALICE]);
  });

  it('erases: leads and calls anonymised, consents gone, the DNC entry kept as a blind index; Bob untouched', async () => {
    const bobBefore = await privacy().export(a, bob);
    const report = await privacy().erase(a, alice, { requestId: 'dsr_1' });
    expect(report).toEqual({
      erased: 5,
      kept: [{ what: 'do-not-call entries (blind index only)', count: 1, reason: DNC_KEPT_REASON }],
    });
    // Nothing is found by what she was known by; the DNC entry of her work number (known through
    // the lead found by her e-mail) is there for that number, without it.
    expect(await privacy().find(a, alice)).toEqual([]);
    const byNumbers = { ...alice, phones: [ALICE, ALICE_WORK] };
    expect((await privacy().find(a, byNumbers)).map((r) => r.kind)).toEqual(['dnc_entry']);
    const parts = await privacy().export(a, byNumbers);
    expect(parts.find((part) => part.name === 'do-not-call')?.rows).toEqual([
      expect.objectContaining({ number: null, reason: 'asked by letter' }),
    ]);
    expect(parts.filter((part) => part.name !== 'do-not-call').every((part) => part.rows.length === 0)).toBe(
      true,
    );

    // The module's APIs: no lead by her number or e-mail, no consent, no number on the DNC list,
    // and the DNC entry still refuses her work number.
    for (const query of [`phone=${encodeURIComponent(ALICE)}`, `email=${encodeURIComponent(ALICE_EMAIL)}`]) {
      const res = await get(a, `/campaigns/leads?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ leads: unknown[] }>().leads).toEqual([]);
    }
    const consents = await get(a, `/campaigns/consents?phone=${encodeURIComponent(ALICE)}`);
    expect(consents.json<{ consents: unknown[] }>().consents).toEqual([]);
    const dnc = await get(a, '/campaigns/dnc');
    expect(dnc.statusCode, dnc.body).toBe(200);
    expect(dnc.body).not.toContain(ALICE_WORK);
    expect(dnc.body).not.toContain('Alice');
    const check = await p().modules.campaigns.suppression.suppressionFacts(a, [ALICE_WORK]);
    expect(check.internal.has(ALICE_WORK)).toBe(true);
    const all = await get(a, '/campaigns/leads?limit=500');
    expect(all.body).not.toContain(ALICE);
    expect(all.body).not.toContain(ALICE_WORK);
    const attempts = await get(a, `/campaigns/campaigns/${toPublicId('cmp', campaignId)}/attempts`);
    expect(attempts.statusCode, attempts.body).toBe(200);
    expect(attempts.json<{ attempts: unknown[] }>().attempts).toHaveLength(2);
    const raw = await sql<{ n: number }>`
      select count(*)::int as n from campaigns.leads
      where tenant_id = ${a.tenantId} and (personal_sealed is null or email_index is not null)`.execute(
      p().database.owner,
    );
    expect(raw.rows[0]?.n).toBe(0);

    // Bob's data is as it was; tenant B's Alice is B's.
    expect(await privacy().export(a, bob)).toEqual(bobBefore);
    expect((await privacy().find(b, alice)).map((r) => r.kind)).toEqual(['lead']);
    // Idempotent.
    expect(await privacy().erase(a, alice, { requestId: 'dsr_1' })).toEqual({ erased: 0, kept: [] });
  });
});
