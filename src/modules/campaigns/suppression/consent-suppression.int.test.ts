import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { EventContext } from '../../../platform/bus/index.js';
import type { ConsentView, DncEntry, RegistryCopy } from '../contract.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { campaignFacts, preDialCheck, type PreDialDecision } from '../dialing/pre-dial-check.js';
import { compileRuleBook } from '../dialing/rule-sets.js';
import { createSealing } from '../sealing.js';
import { optOutHandler } from './opt-out.handler.js';
import { createSuppressionService } from './suppression.service.js';

/*
 * Consent ledger, DNC list, registry copies and the automatic opt-out on real PostgreSQL, through
 * the API where a user would go, and through the facts the dialer hands preDialCheck.
 */

const DAY = 86_400_000;
/** The next 16:00 UTC after the real clock (11:00 or 12:00 in New York): inside every US window. */
const dialAt = (() => {
  const d = new Date();
  d.setUTCHours(16, 0, 0, 0);
  if (d.getTime() <= Date.now()) d.setTime(d.getTime() + DAY);
  return d.getTime();
})();

const WEBVTT = `WEBVTT

00:00:00.000 --> 00:00:04.000
<v Agent>Hello, this is Acme Energy calling about your tariff.

00:00:04.500 --> 00:00:08.000
<v Customer>No thank you, please don't call me again.

00:00:08.500 --> 00:00:10.000
<v Agent>Understood, goodbye.
`;

describe('campaigns: consent and suppression', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const rules = compileRuleBook();
  const as = (ctx: RequestContext, permissions = ['leads:read', 'leads:write', 'dnc:write']) => ({
    tenant: ctx.tenantId,
    actor: 'usr_compliance',
    permissions,
  });
  const api = (
    ctx: RequestContext,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
    permissions?: string[],
  ) =>
    t.inject({
      method,
      url: `/api/v1/campaigns${url}`,
      as: as(ctx, permissions),
      ...(payload ? { payload } : {}),
    });
  const importRegistry = (
    ctx: RequestContext,
    registry: string,
    query: string,
    body: string,
    type = 'text/plain',
  ) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/campaigns/dnc-registries/${registry}/copies?${query}`,
      as: as(ctx),
      headers: { 'content-type': type },
      payload: body,
    });
  const campaigns = () => t.platform.modules.campaigns;

  /** What the dialer would decide for a New York lead now, from the stores' facts. */
  const decide = async (
    ctx: RequestContext,
    e164: string,
    consentRequired = false,
  ): Promise<PreDialDecision> => {
    const [suppression, consents] = await Promise.all([
      campaigns().suppression.suppressionFacts(ctx, [e164]),
      campaigns().consents.consentFacts(ctx, [e164]),
    ]);
    return preDialCheck({
      now: dialAt,
      lead: { e164, region: 'US-NY', timeZone: 'America/New_York', attempts: [] },
      campaign: campaignFacts({
        allowedRegions: ['US'],
        usesArtificialVoice: true,
        consentRequired: consentRequired ? [{ purpose: 'marketing', channel: 'call' }] : [],
      }),
      suppression,
      consents: consents.get(e164) ?? [],
      rules,
    });
  };

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    // A fresh national registry copy for tenant A, so that US leads get past registry_stale.
    const fresh = await importRegistry(
      a,
      'us-national-dnc',
      `region=US&downloadedAt=${new Date(Date.now() - DAY).toISOString()}`,
      '# FTC national registry, area code 201\n201,5550170\n2015550171\n\nnot-a-number\n',
    );
    expect(fresh.statusCode, fresh.body).toBe(201);
  }, 60_000);
  afterAll(() => t.close());

  const give = async (ctx: RequestContext, phone: string, channel: string, extra: object = {}) => {
    const response = await api(ctx, 'POST', '/consents', {
      phone,
      purpose: 'marketing',
      channel,
      givenAt: new Date(Date.now() - 10 * DAY).toISOString(),
      source: 'web_form',
      textShown: 'I agree that Acme may call me with offers, also with an AI voice.',
      request: '{"form":"signup","ip":"203.0.113.7"}',
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ConsentView>();
  };

  it('consent lifecycle: given, in force for the dialer, withdrawn as easily, given again; history kept', async () => {
    const phone = '+12015550101';
    expect(await decide(a, phone)).toMatchObject({ allow: false, reason: 'no_consent' });

    const given = await give(a, phone, 'ai_voice');
    expect(given).toMatchObject({ phone, channel: 'ai_voice', status: 'in_force', withdrawnAt: null });
    expect(given.textShown).toContain('AI voice');
    expect(await decide(a, phone)).toEqual({ allow: true });
    // A call consent does not cover what the campaign declares besides it.
    expect(await decide(a, phone, true)).toMatchObject({ reason: 'no_consent' });

    // Withdrawn by number, written another way.
    const withdrawal = await api(a, 'POST', '/consents/withdrawals', {
      phone: '+1 (201) 555-0101',
      how: 'verbal_recorded',
    });
    expect(withdrawal.statusCode, withdrawal.body).toBe(200);
    expect(withdrawal.json<{ withdrawn: ConsentView[] }>().withdrawn).toMatchObject([
      {
        id: given.id,
        status: 'withdrawn',
        withdrawnHow: 'verbal_recorded',
        withdrawnBy: 'user:usr_compliance',
      },
    ]);
    expect(await decide(a, phone)).toMatchObject({ allow: false, reason: 'consent_withdrawn' });
    // One record, one withdrawal: a second is refused.
    const again = await api(a, 'POST', `/consents/${given.id}/withdraw`, { how: 'api' });
    expect(again.statusCode).toBe(409);

    // The record keeps what was given; the application cannot rewrite it.
    await expect(
      t.platform.database.withTenant<CampaignsTables>(a, (trx) =>
        trx.updateTable('campaigns.consents').set({ purpose: 'service' }).execute(),
      ),
    ).rejects.toThrow(/withdrawn already|append-only/);
    await expect(
      t.platform.database.withTenant<CampaignsTables>(a, (trx) =>
        trx.deleteFrom('campaigns.consents').execute(),
      ),
    ).rejects.toThrow(/permission denied/);

    const renewed = await give(a, phone, 'ai_voice', { expiresAt: new Date(dialAt + DAY).toISOString() });
    expect(await decide(a, phone)).toEqual({ allow: true });
    const history = await api(a, 'GET', `/consents?phone=${encodeURIComponent(phone)}`);
    expect(history.statusCode).toBe(200);
    const rows = history.json<{ consents: ConsentView[] }>().consents;
    expect(rows.map((r) => [r.id, r.status])).toEqual(
      expect.arrayContaining([
        [renewed.id, 'in_force'],
        [given.id, 'withdrawn'],
      ]),
    );
    expect(rows.find((r) => r.id === given.id)).toMatchObject({
      request: '{"form":"signup","ip":"203.0.113.7"}',
    });

    // Sealed at rest: the number and the text are not in the table in the clear.
    const raw = await sql<{
      row: string;
    }>`select c::text as row from campaigns.consents c where tenant_id = ${a.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect(raw.rows.some((r) => r.row.includes('2015550101') || r.row.includes('AI voice'))).toBe(false);

    const audited = await sql<{
      action: string;
    }>`select action from audit.entries where tenant_id = ${a.tenantId} and action like 'campaigns.consent.%'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['campaigns.consent.given', 'campaigns.consent.withdrawn']),
    );

    // Expired: the renewed consent ends before the dial time's next day.
    const later = await campaigns().consents.consentFacts(a, [phone]);
    expect(
      preDialCheck({
        now: dialAt + 2 * DAY,
        lead: { e164: phone, region: 'US-NY', timeZone: 'America/New_York', attempts: [] },
        campaign: campaignFacts({ allowedRegions: ['US'] }),
        suppression: {
          internal: { has: () => false },
          registries: new Map([['us-national-dnc', { downloadedAt: dialAt, has: () => false }]]),
        },
        consents: later.get(phone) ?? [],
        rules,
      }),
    ).toMatchObject({ reason: 'consent_expired' });
  });

  it('retention: records are removed 5 years after they ended, never while in force', async () => {
    const years = (n: number) => new Date(Date.now() - n * 365.25 * DAY);
    const row = (givenAt: Date, withdrawnAt: Date | null) => ({
      id: newUuid(),
      tenantId: a.tenantId,
      phoneIndex: randomBytes(32),
      phoneSealed: randomBytes(40),
      purpose: 'retention_probe',
      channel: 'call' as const,
      givenAt,
      source: 'paper' as const,
      textShownSealed: randomBytes(40),
      requestSealed: null,
      requestObjectKey: null,
      expiresAt: null,
      withdrawnAt,
      withdrawnHow: withdrawnAt ? ('paper' as const) : null,
      withdrawnBy: withdrawnAt ? 'user:usr_old' : null,
      createdBy: 'user:usr_old',
    });
    const old = row(years(8), years(6));
    const recent = row(years(8), years(4));
    const standing = row(years(9), null);
    await t.platform.database.withTenant<CampaignsTables>(a, (trx) =>
      trx.insertInto('campaigns.consents').values([old, recent, standing]).execute(),
    );
    expect(await campaigns().consents.purgeExpired(new Date())).toBe(1);
    const left = await t.platform.database.withTenant<CampaignsTables, string[]>(a, async (trx) =>
      (
        await trx
          .selectFrom('campaigns.consents')
          .select('id')
          .where('purpose', '=', 'retention_probe')
          .execute()
      ).map((r) => r.id),
    );
    expect(left.sort()).toEqual([recent.id, standing.id].sort());
  });

  it('DNC list: exact numbers and patterns suppress at once; removal is kept with its reason', async () => {
    const number = '+12015550111';
    await give(a, number, 'ai_voice');
    await give(a, '+12125550123', 'ai_voice');
    expect(await decide(a, number)).toEqual({ allow: true });

    const added = await api(a, 'POST', '/dnc', {
      number: '(201) 555-0111',
      region: 'US',
      reason: 'asked by e-mail',
    });
    expect(added.statusCode, added.body).toBe(201);
    const entry = added.json<DncEntry>();
    expect(entry).toMatchObject({ kind: 'number', number, source: 'manual', addedBy: 'user:usr_compliance' });
    expect(await decide(a, number)).toMatchObject({ allow: false, reason: 'dnc_internal' });
    const twice = await api(a, 'POST', '/dnc', { number, reason: 'again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ errors: [{ field: 'body.number' }] });

    // A pattern: every number of New York's 212.
    const pattern = await api(a, 'POST', '/dnc', { pattern: '+1212*', reason: 'client excluded Manhattan' });
    expect(pattern.statusCode, pattern.body).toBe(201);
    expect(await decide(a, '+12125550123')).toMatchObject({ reason: 'dnc_internal' });
    const check = await api(a, 'GET', `/dnc/check?number=${encodeURIComponent('+12125550123')}`);
    expect(check.json()).toMatchObject({
      suppressed: true,
      entries: [{ kind: 'pattern', pattern: '+1212*' }],
    });

    // Facts for a batch: a number outside it is refused (fail closed), not allowed.
    const facts = await campaigns().suppression.suppressionFacts(a, ['+12015550199']);
    expect(facts.internal.has('+12015550199')).toBe(false);
    expect(facts.internal.has('+12015550198')).toBe(true);

    const removed = await api(a, 'DELETE', `/dnc/${entry.id}`, { reason: 'entered by mistake' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({
      removedReason: 'entered by mistake',
      removedBy: 'user:usr_compliance',
    });
    expect(await decide(a, number)).toEqual({ allow: true });
    expect((await api(a, 'DELETE', `/dnc/${entry.id}`, { reason: 'again' })).statusCode).toBe(404);
    const all = await api(a, 'GET', '/dnc?includeRemoved=true&limit=1');
    const page = all.json<{ entries: DncEntry[]; nextCursor: string | null }>();
    expect(page.entries).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = await api(a, 'GET', `/dnc?includeRemoved=true&limit=10&cursor=${page.nextCursor}`);
    expect(next.json<{ entries: DncEntry[] }>().entries.map((e) => e.id)).toContain(entry.id);
    const audited = await sql<{
      details: { reason?: string };
    }>`select details from audit.entries where tenant_id = ${a.tenantId} and action = 'campaigns.dnc.removed'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows[0]?.details.reason).toBe('entered by mistake');
  });

  it('registry copies: a number on the copy is dnc_national; a copy over 31 days old or none is registry_stale', async () => {
    await give(a, '+12015550170', 'ai_voice');
    await give(a, '+12015550172', 'ai_voice');
    const status = await api(a, 'GET', '/dnc-registries');
    expect(status.json<{ registries: RegistryCopy[] }>().registries).toMatchObject([
      {
        registry: 'us-national-dnc',
        region: 'US',
        state: 'current',
        entryCount: 2,
        linesRejected: 1,
        ageDays: 1,
      },
    ]);
    expect(await decide(a, '+12015550170')).toMatchObject({ reason: 'dnc_national' });
    expect(await decide(a, '+12015550172')).toEqual({ allow: true });

    // Tenant B has no copy: its US leads are not dialled.
    await give(b, '+12015550172', 'ai_voice');
    expect(await decide(b, '+12015550172')).toMatchObject({ reason: 'registry_stale' });
    // A copy downloaded 40 days before the dial time is too old.
    const stale = await importRegistry(
      b,
      'us-national-dnc',
      `region=US&downloadedAt=${new Date(dialAt - 40 * DAY).toISOString()}`,
      '2015550180\n',
      'text/csv',
    );
    expect(stale.statusCode, stale.body).toBe(201);
    const decision = await decide(b, '+12015550172');
    expect(decision).toMatchObject({ reason: 'registry_stale' });
    expect(decision.allow ? '' : decision.detail).toMatch(/40 days old \(limit 31\)/);
    // A new import replaces it.
    const fresh = await importRegistry(
      b,
      'us-national-dnc',
      `region=US&downloadedAt=${new Date(Date.now() - DAY).toISOString()}`,
      '2015550180\n',
    );
    expect(fresh.statusCode).toBe(201);
    expect(await decide(b, '+12015550172')).toEqual({ allow: true });
    expect(
      (await api(b, 'GET', '/dnc-registries')).json<{ registries: RegistryCopy[] }>().registries,
    ).toHaveLength(1);
  });

  it('automatic opt-out: "please don\'t call me again" on a call puts the customer on the list, with the evidence, once', async () => {
    const customer = '+14155550199';
    const recordings = t.platform.modules.conversations.recordings;
    const outcome = await recordings.begin(a, {
      source: 'upload',
      sourceRecordingId: 'optout-e2e-1',
      direction: 'outbound',
      language: 'en-US',
      parties: [
        { role: 'agent', name: 'Agent Smith' },
        { role: 'customer', number: '+1 415 555 0199' },
      ],
    });
    if (outcome.status !== 'claimed') throw new Error('the recording was received already');
    await outcome.intake.putTranscript({ bytes: Buffer.from(WEBVTT), filename: 'call.vtt' });
    const recording = await outcome.intake.complete();

    const onList = async () =>
      (await api(a, 'GET', `/dnc/check?number=${encodeURIComponent(customer)}`)).json<{
        suppressed: boolean;
        entries: DncEntry[];
      }>();
    await expect.poll(async () => (await onList()).suppressed, { timeout: 60_000, interval: 250 }).toBe(true);
    const [entry] = (await onList()).entries;
    expect(entry).toMatchObject({
      number: customer,
      source: 'opt_out_intent',
      addedBy: 'system:campaigns.opt-out',
      evidence: { recordingId: recording.id },
    });
    expect(entry?.evidence?.quote?.toLowerCase()).toContain("don't call me");
    expect(await decide(a, customer)).toMatchObject({ reason: 'dnc_internal' });

    // The same event delivered twice more (a redelivery and a re-analysis): nothing is added.
    const [event] = (
      await sql<{ id: string; data: unknown }>`
        select id, data from bus.log where tenant_id = ${a.tenantId} and type = 'conversations.analysis.completed.v1'
        union all
        select id, data from bus.outbox where tenant_id = ${a.tenantId} and type = 'conversations.analysis.completed.v1'`.execute(
        t.platform.database.owner,
      )
    ).rows;
    expect(event).toBeDefined();
    const handler = optOutHandler({
      conversations: t.platform.modules.conversations,
      suppression: createSuppressionService({
        database: t.platform.database,
        sealing: createSealing(t.platform.keyring),
        audit: t.platform.auditLog,
      }),
      sealing: createSealing(t.platform.keyring),
      logger: t.platform.logger,
    });
    // A redelivery without the inbox's help: the list's one-active-entry-per-number rule alone holds.
    const ctx = {
      ...a,
      group: 'campaigns-opt-out',
      delivery: 2,
      once: async <T>(fn: (trx: never) => Promise<T>) => ({
        done: true as const,
        value: await t.platform.database.withTenant<CampaignsTables, T>(a, (trx) => fn(trx as never)),
      }),
    } as unknown as EventContext;
    const envelope = {
      id: event!.id,
      type: 'conversations.analysis.completed.v1',
      tenantId: a.tenantId,
      occurredAt: new Date().toISOString(),
      data: event!.data,
    };
    await handler.handle(ctx, envelope);
    await handler.handle(ctx, envelope);
    const entries = await sql<{
      n: string;
    }>`select count(*) as n from campaigns.dnc_entries where tenant_id = ${a.tenantId} and source = 'opt_out_intent'`.execute(
      t.platform.database.owner,
    );
    expect(Number(entries.rows[0]?.n)).toBe(1);
    const audited = await sql<{
      actorType: string;
    }>`select actor_type from audit.entries where tenant_id = ${a.tenantId} and action = 'campaigns.dnc.opted_out'`.execute(
      t.platform.database.owner,
    );
    expect(audited.rows).toEqual([{ actorType: 'system' }]);

    // The internal function the voice-agent and SMS paths call: idempotent too.
    const sms = await campaigns().suppression.optOut(a, {
      number: customer,
      source: 'sms_stop',
      evidence: { quote: 'STOP' },
    });
    expect(sms).toMatchObject({ created: false, entry: { id: entry?.id } });
    const fresh = await campaigns().suppression.optOut(a, {
      number: '+14155550100',
      source: 'sms_stop',
      evidence: { quote: 'STOP' },
    });
    expect(fresh.created).toBe(true);
  }, 90_000);

  it("tenants: B sees and changes nothing of A's consents and list", async () => {
    const phone = '+12015550121';
    const given = await give(a, phone, 'call');
    const entry = (await api(a, 'POST', '/dnc', { number: phone, reason: 'A only' })).json<DncEntry>();
    expect((await api(b, 'GET', `/consents?phone=${encodeURIComponent(phone)}`)).json()).toEqual({
      consents: [],
    });
    expect((await api(b, 'POST', `/consents/${given.id}/withdraw`, { how: 'api' })).statusCode).toBe(404);
    expect((await api(b, 'GET', `/dnc/check?number=${encodeURIComponent(phone)}`)).json()).toMatchObject({
      suppressed: false,
      entries: [],
    });
    expect((await api(b, 'DELETE', `/dnc/${entry.id}`, { reason: 'not mine' })).statusCode).toBe(404);
    expect(
      (await api(b, 'GET', '/dnc?limit=500')).json<{ entries: DncEntry[] }>().entries.map((e) => e.id),
    ).not.toContain(entry.id);
    const facts = await campaigns().consents.consentFacts(b, [phone]);
    expect(facts.get(phone)).toEqual([]);
    // The viewer may read the list, not change it.
    expect(
      (await api(a, 'POST', '/dnc', { number: '+12015550122', reason: 'x' }, ['leads:read'])).statusCode,
    ).toBe(403);
  });

  it('hostile input gets a 4xx naming the field, never a 500', async () => {
    const fieldOf = (response: Awaited<ReturnType<typeof api>>) => ({
      status: response.statusCode,
      fields: (response.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field),
    });
    const consent = {
      phone: '+12015550131',
      purpose: 'marketing',
      channel: 'ai_voice',
      givenAt: new Date(Date.now() - DAY).toISOString(),
      source: 'web_form',
      textShown: 'yes',
    };
    const cases: [Promise<Awaited<ReturnType<typeof api>>>, number, string][] = [
      [api(a, 'POST', '/dnc', { number: 'call me maybe', reason: 'x' }), 400, 'body.number'],
      [api(a, 'POST', '/dnc', { pattern: '+44**', reason: 'x' }), 400, 'body.pattern'],
      [
        api(a, 'POST', '/dnc', { number: '+12015550131', pattern: '+1201*', reason: 'x' }),
        400,
        'body.number',
      ],
      [api(a, 'POST', '/dnc', { number: '+12015550131', reason: '' }), 400, 'body.reason'],
      [api(a, 'POST', '/dnc', { number: `+1${'9'.repeat(5000)}`, reason: 'x' }), 400, 'body.number'],
      [api(a, 'POST', '/consents', { ...consent, channel: 'fax' }), 400, 'body.channel'],
      [
        api(a, 'POST', '/consents', { ...consent, purpose: "x'); drop table campaigns.consents; --" }),
        400,
        'body.purpose',
      ],
      [api(a, 'POST', '/consents', { ...consent, textShown: 'a\u0000b' }), 400, 'body.textShown'],
      [api(a, 'POST', '/consents', { ...consent, givenAt: 'yesterday' }), 400, 'body.givenAt'],
      [api(a, 'POST', '/consents', { ...consent, phone: '+999' }), 400, 'body.phone'],
      [
        api(a, 'POST', '/consents', { ...consent, expiresAt: new Date(Date.now() - 2 * DAY).toISOString() }),
        400,
        'body.expiresAt',
      ],
      [
        api(a, 'POST', '/consents', { ...consent, givenAt: new Date(Date.now() + 5 * DAY).toISOString() }),
        400,
        'body.givenAt',
      ],
      [
        api(a, 'POST', '/consents/withdrawals', { phone: '+12015550131', how: 'smoke_signal' }),
        400,
        'body.how',
      ],
      [api(a, 'POST', '/consents/cons_nonsense/withdraw', { how: 'api' }), 404, 'params.consentId'],
      [api(a, 'GET', '/consents?phone=%00'), 400, 'querystring.phone'],
      [api(a, 'GET', '/dnc?cursor=bm90LWEtY3Vyc29y'), 400, 'querystring.cursor'],
      [api(a, 'GET', '/dnc?limit=100000'), 400, 'querystring.limit'],
      [api(a, 'DELETE', '/dnc/dnc_nonsense', { reason: 'x' }), 404, 'params.entryId'],
      [api(a, 'GET', '/dnc/check?number=abc'), 400, 'querystring.number'],
      [
        importRegistry(a, 'us-national-dnc', 'region=usa&downloadedAt=2026-01-01T00:00:00Z', '2015550100\n'),
        400,
        'querystring.region',
      ],
      [
        importRegistry(a, 'US_DNC!', `region=US&downloadedAt=2026-01-01T00:00:00Z`, '2015550100\n'),
        400,
        'params.registry',
      ],
      [
        importRegistry(
          a,
          'us-national-dnc',
          `region=US&downloadedAt=${new Date(Date.now() + 5 * DAY).toISOString()}`,
          '2015550100\n',
        ),
        400,
        'querystring.downloadedAt',
      ],
      [
        importRegistry(a, 'us-national-dnc', 'region=US&downloadedAt=2026-01-01T00:00:00Z', 'hello\nworld\n'),
        400,
        'body',
      ],
      [
        importRegistry(
          a,
          'us-national-dnc',
          'region=US&downloadedAt=2026-01-01T00:00:00Z',
          '{}',
          'application/json',
        ),
        415,
        'headers.content-type',
      ],
    ];
    const got = [];
    for (const [response, status, field] of cases) {
      const answer = fieldOf(await response);
      got.push({ field, ok: answer.status === status && answer.fields.includes(field), ...answer });
    }
    expect(got.filter((g) => !g.ok)).toEqual([]);
    // The failed import left the current copy in place.
    expect(
      (await api(a, 'GET', '/dnc-registries')).json<{ registries: RegistryCopy[] }>().registries,
    ).toMatchObject([{ state: 'current', entryCount: 2 }]);
  });
});
