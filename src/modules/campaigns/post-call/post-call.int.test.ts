import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { jsonb } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { CampaignSettingsInput } from '../campaigns/campaign-settings.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { createSealing, sealingAad } from '../sealing.js';
import type { CallReport, TelephonyAdapter } from '../telephony/adapter.js';
import type { AttemptRow, HopperRow } from './post-call.repo.js';
import { createCallReportSink } from './call-report.sink.js';
import { recordingFetchOver } from './post-call.recording.js';
import { createReconciliation } from './reconciliation.js';
import { createSuppressionService } from '../suppression/suppression.service.js';

/*
 * The post-call path on real PostgreSQL: provider reports applied once, in order, to the attempt,
 * the hopper and the lead; opt-outs onto the DNC list; the recording and transcript into
 * conversations, whose analysis and the opt-out handler catch what the voice agent missed; and
 * reconciliation of calls whose webhook never came.
 */

type Tables = CampaignsTables;
const MINUTE = 60_000;

/** A tiny WAV (16-bit mono PCM, 8 kHz, 0.5 s of a quiet tone). */
function wav(): Buffer {
  const samples = 4000;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(2000 * Math.sin((i / 8000) * 2 * Math.PI * 440)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('campaigns: post-call', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  let numberSeq = 100;
  const campaigns = () => t.platform.modules.campaigns;
  const sink = () => campaigns().reports;
  const db = () => t.platform.database;

  const nextNumber = () => `+1415555${String(numberSeq++).padStart(4, '0')}`;

  async function makeList(ctx: RequestContext) {
    return campaigns().lists.create(ctx, { name: `list ${newUuid()}`, defaultRegion: 'US' });
  }

  async function makeLead(ctx: RequestContext, listUuid: string, phone: string) {
    const sealer = await createSealing(t.platform.keyring).forTenant(ctx.tenantId);
    const id = newUuid();
    await db().withTenant<Tables>(ctx, (trx) =>
      trx
        .insertInto('campaigns.leads')
        .values({
          id,
          tenantId: ctx.tenantId,
          listId: listUuid,
          phoneIndex: sealer.phoneIndex(phone),
          phoneSealed: sealer.seal(phone, sealingAad.phone(id)),
          personalSealed: sealer.seal('{}', sealingAad.personal(id)),
          region: 'US',
          timeZone: 'America/Los_Angeles',
        })
        .execute(),
    );
    return id;
  }

  async function makeCampaign(
    ctx: RequestContext,
    listUuid: string,
    settings: Partial<CampaignSettingsInput> = {},
  ) {
    const id = newUuid();
    await db().withTenant<Tables>(ctx, async (trx) => {
      await trx
        .insertInto('campaigns.campaigns')
        .values({
          id,
          tenantId: ctx.tenantId,
          name: `campaign ${id}`,
          state: 'running',
          settings: jsonb({ allowedRegions: ['US'], adapter: { name: 'vapi' }, ...settings }),
          createdBy: 'test',
        })
        .execute();
      await trx
        .insertInto('campaigns.campaign_lists')
        .values({ tenantId: ctx.tenantId, campaignId: id, listId: listUuid })
        .execute();
    });
    return id;
  }

  /** A lead in a campaign's hopper, in a call the dialer placed (provider call id `call-…`). */
  async function placedCall(
    ctx: RequestContext,
    options: {
      phone?: string;
      settings?: Partial<CampaignSettingsInput>;
      attempts?: number;
      placedAt?: Date;
      listUuid?: string;
      leadUuid?: string;
      campaignUuid?: string;
    } = {},
  ) {
    const listUuid = options.listUuid ?? fromList(await makeList(ctx));
    const phone = options.phone ?? nextNumber();
    const leadUuid = options.leadUuid ?? (await makeLead(ctx, listUuid, phone));
    const campaignUuid = options.campaignUuid ?? (await makeCampaign(ctx, listUuid, options.settings));
    const attemptUuid = newUuid();
    const attempts = options.attempts ?? 1;
    const providerCallId = `call-${attemptUuid}`;
    await db().withTenant<Tables>(ctx, async (trx) => {
      await trx
        .insertInto('campaigns.campaign_leads')
        .values({
          tenantId: ctx.tenantId,
          campaignId: campaignUuid,
          leadId: leadUuid,
          listId: listUuid,
          state: 'in_call',
          attempts,
          lastAttemptAt: new Date(),
        })
        .onConflict((oc) => oc.columns(['campaignId', 'leadId']).doUpdateSet({ state: 'in_call', attempts }))
        .execute();
      await trx
        .insertInto('campaigns.call_attempts')
        .values({
          id: attemptUuid,
          tenantId: ctx.tenantId,
          campaignId: campaignUuid,
          leadId: leadUuid,
          attemptNumber: attempts,
          idempotencyKey: `${campaignUuid}:${leadUuid}:${attempts}`,
          adapter: 'vapi',
          state: 'placed',
          providerCallId,
          placedAt: options.placedAt ?? new Date(),
        })
        .execute();
    });
    return {
      listUuid,
      leadUuid,
      campaignUuid,
      attemptUuid,
      attemptId: toPublicId('cat', attemptUuid),
      providerCallId,
      phone,
    };
  }

  const fromList = (list: { id: string }) => {
    const uuid = fromPublicId('list', list.id);
    if (!uuid) throw new Error(`not a list id: ${list.id}`);
    return uuid;
  };

  const attempt = (ctx: RequestContext, id: string) =>
    db().withTenant<Tables, AttemptRow>(ctx, (trx) =>
      trx.selectFrom('campaigns.call_attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  const hopper = (ctx: RequestContext, campaignId: string, leadId: string) =>
    db().withTenant<Tables, HopperRow>(ctx, (trx) =>
      trx
        .selectFrom('campaigns.campaign_leads')
        .selectAll()
        .where('campaignId', '=', campaignId)
        .where('leadId', '=', leadId)
        .executeTakeFirstOrThrow(),
    );
  const lead = (ctx: RequestContext, id: string) => campaigns().leads.get(ctx, toPublicId('lead', id));
  const completedEvents = async (attemptId: string) =>
    (
      await sql<{ data: { attemptId: string; optOut: boolean; outcome: string } }>`
        select data from bus.outbox where type = 'campaigns.call.completed.v1' and data->>'attemptId' = ${attemptId}
        union all
        select data from bus.log where type = 'campaigns.call.completed.v1' and data->>'attemptId' = ${attemptId}`.execute(
        db().owner,
      )
    ).rows;

  const endOfCall = (
    call: { providerCallId: string; attemptId?: string },
    extra: Partial<CallReport> = {},
  ): CallReport => ({
    adapter: 'vapi',
    providerCallId: call.providerCallId,
    attemptId: call.attemptId,
    kind: 'end_of_call',
    reportKey: `${call.providerCallId}:end-of-call-report`,
    progress: 'ended',
    outcome: 'answered',
    answeredBy: 'human',
    answeredAt: new Date(Date.now() - 90_000),
    endedAt: new Date(Date.now() - 10_000),
    talkSeconds: 80,
    secondsToLiveVoice: 0.8,
    endedReason: 'customer-ended-call',
    raw: { message: { type: 'end-of-call-report' } },
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
  }, 60_000);
  afterAll(() => t.close());

  it('an end-of-call report delivered twice is applied once: one event, the second changes nothing', async () => {
    const call = await placedCall(a);
    const report = endOfCall(call, { disposition: 'interested', summary: 'Talked about the tariff.' });
    expect(await sink().apply(a, report, 'webhook')).toEqual({ applied: true });
    const first = await attempt(a, call.attemptUuid);
    expect(first).toMatchObject({
      state: 'ended',
      outcome: 'answered',
      answeredBy: 'human',
      talkSeconds: 80,
      secondsToLiveVoice: 0.8,
      disposition: 'interested',
      endedReason: 'customer-ended-call',
      optOut: false,
      converted: false,
    });
    expect(first.resultSealed).not.toBeNull();
    expect(first.reportReceivedAt).not.toBeNull();

    expect(await sink().apply(a, { ...report, disposition: 'sale', converted: true }, 'webhook')).toEqual({
      applied: false,
    });
    expect(await attempt(a, call.attemptUuid)).toMatchObject({ disposition: 'interested', converted: false });
    expect(await completedEvents(call.attemptId)).toHaveLength(1);
    expect((await lead(a, call.leadUuid)).status).toBe('contacted');
    expect((await lead(a, call.leadUuid)).statusHistory.at(-1)).toMatchObject({
      from: 'new',
      to: 'contacted',
      actor: 'system:campaigns.post-call',
    });
    // Found by the provider's call id alone too (no attempt id echoed): the same call, nothing new.
    expect(
      await sink().apply(a, { ...report, attemptId: undefined, reportKey: 'other-key' }, 'webhook'),
    ).toEqual({
      applied: false,
    });
    const stored = await sql<{
      n: number;
    }>`select count(*)::int as n from campaigns.call_reports where attempt_id = ${call.attemptUuid}`.execute(
      db().owner,
    );
    expect(stored.rows[0]?.n).toBe(2);
  });

  it('progress only moves forward: a late ringing after in_progress changes nothing', async () => {
    const call = await placedCall(a);
    const status = (progress: CallReport['progress'], key: string): CallReport => ({
      adapter: 'vapi',
      providerCallId: call.providerCallId,
      kind: 'status',
      reportKey: `${call.providerCallId}:${key}`,
      progress,
      raw: {},
    });
    await sink().apply(a, status('in_progress', 'in-progress'), 'webhook');
    await sink().apply(a, status('ringing', 'ringing'), 'webhook');
    expect((await attempt(a, call.attemptUuid)).state).toBe('in_progress');
    // The call ended (status): the final account is due within 5 minutes, else reconciliation asks.
    const endedAt = new Date();
    await sink().apply(a, { ...status('ended', 'ended'), endedAt }, 'webhook');
    const ended = await attempt(a, call.attemptUuid);
    expect(ended.state).toBe('in_progress');
    expect(ended.reconcileAfter?.getTime()).toBe(endedAt.getTime() + 5 * MINUTE);
    await sink().apply(
      a,
      endOfCall(call, { outcome: 'no_answer', answeredAt: undefined, answeredBy: undefined }),
      'webhook',
    );
    await sink().apply(a, status('ringing', 'ringing-late'), 'webhook');
    expect(await attempt(a, call.attemptUuid)).toMatchObject({ state: 'ended', outcome: 'no_answer' });
  });

  it('recycle, done and callback rules on the hopper row; the lead follows', async () => {
    const settings = { maxAttemptsPerLead: 2, retrySpacingMinutes: { busy: 20 } };
    const busy = await placedCall(a, { settings });
    const endedAt = new Date(Date.now() - MINUTE);
    await sink().apply(
      a,
      endOfCall(busy, { outcome: 'busy', answeredAt: undefined, answeredBy: undefined, endedAt }),
      'webhook',
    );
    expect(await hopper(a, busy.campaignUuid, busy.leadUuid)).toMatchObject({
      state: 'pending',
      nextDueAt: new Date(endedAt.getTime() + 20 * MINUTE),
      lastOutcome: 'busy',
    });
    expect((await lead(a, busy.leadUuid)).status).toBe('attempted');

    // The second (last) attempt of the same lead: busy again → done, attempts used up.
    const again = await placedCall(a, {
      attempts: 2,
      listUuid: busy.listUuid,
      leadUuid: busy.leadUuid,
      campaignUuid: busy.campaignUuid,
    });
    await sink().apply(
      a,
      endOfCall(again, { outcome: 'busy', answeredAt: undefined, answeredBy: undefined }),
      'webhook',
    );
    expect(await hopper(a, busy.campaignUuid, busy.leadUuid)).toMatchObject({
      state: 'done',
      finalReason: 'max_attempts',
    });

    const callbackAt = new Date(Date.now() + 24 * 60 * MINUTE);
    const callback = await placedCall(a);
    await sink().apply(a, endOfCall(callback, { callbackAt, disposition: 'callback' }), 'webhook');
    expect(await hopper(a, callback.campaignUuid, callback.leadUuid)).toMatchObject({
      state: 'pending',
      nextDueAt: callbackAt,
      callbackAt,
    });
    expect((await lead(a, callback.leadUuid)).status).toBe('callback');

    const sale = await placedCall(a);
    await sink().apply(a, endOfCall(sale, { converted: true, disposition: 'sale' }), 'webhook');
    expect(await hopper(a, sale.campaignUuid, sale.leadUuid)).toMatchObject({
      state: 'done',
      finalReason: 'converted',
    });
    expect((await lead(a, sale.leadUuid)).status).toBe('converted');

    const answered = await placedCall(a);
    await sink().apply(a, endOfCall(answered), 'webhook');
    expect(await hopper(a, answered.campaignUuid, answered.leadUuid)).toMatchObject({
      state: 'done',
      finalReason: 'outcome_answered',
    });
  });

  it('opt-out: the number on the DNC list with the evidence, consents withdrawn, every campaign done with it', async () => {
    const phone = nextNumber();
    const call = await placedCall(a, { phone });
    // The same number in another list and campaign, waiting in its hopper.
    const otherList = fromList(await makeList(a));
    const otherLead = await makeLead(a, otherList, phone);
    const otherCampaign = await makeCampaign(a, otherList);
    await db().withTenant<Tables>(a, (trx) =>
      trx
        .insertInto('campaigns.campaign_leads')
        .values({ tenantId: a.tenantId, campaignId: otherCampaign, leadId: otherLead, listId: otherList })
        .execute(),
    );
    await campaigns().consents.give(a, {
      phone,
      purpose: 'marketing',
      channel: 'ai_voice',
      givenAt: new Date(Date.now() - 24 * 60 * MINUTE),
      source: 'web_form',
      textShown: 'Yes, Acme may call me with an AI agent.',
    });
    const quote = "Please don't call me again.";
    const report = endOfCall(call, { optOut: { evidence: quote }, disposition: 'do_not_call' });
    expect(await sink().apply(a, report, 'webhook')).toEqual({ applied: true });
    // Delivered again under another key (reconciliation fetched it too): nothing more.
    expect(await sink().apply(a, { ...report, reportKey: 'fetched' }, 'reconciliation')).toEqual({
      applied: false,
    });

    const check = await campaigns().suppression.check(a, phone);
    expect(check.suppressed).toBe(true);
    expect(check.entries).toHaveLength(1);
    expect(check.entries[0]).toMatchObject({
      source: 'voice_agent',
      addedBy: 'system:campaigns.post-call',
      evidence: { quote },
    });
    expect(check.entries[0]?.evidence?.note).toContain(call.attemptId);
    expect(check.entries[0]?.evidence?.note).toContain('vapi');
    const consents = await campaigns().consents.listByNumber(a, phone);
    expect(consents.map((c) => [c.status, c.withdrawnHow])).toEqual([['withdrawn', 'voice_agent']]);
    expect(await hopper(a, call.campaignUuid, call.leadUuid)).toMatchObject({
      state: 'done',
      finalReason: 'opt_out',
    });
    expect(await hopper(a, otherCampaign, otherLead)).toMatchObject({
      state: 'done',
      finalReason: 'opt_out',
    });
    expect((await lead(a, call.leadUuid)).status).toBe('do_not_call');
    expect((await lead(a, otherLead)).status).toBe('do_not_call');
    expect((await attempt(a, call.attemptUuid)).optOut).toBe(true);
    const events = await completedEvents(call.attemptId);
    expect(events.map((e) => e.data.optOut)).toEqual([true]);
  });

  it('recording and transcript land in conversations; its analysis puts a missed opt-out on the DNC list', async () => {
    const call = await placedCall(a);
    const report = endOfCall(call, {
      recording: { bytes: wav(), contentType: 'audio/wav' },
      transcript: [
        {
          speaker: 'agent',
          text: 'Hello, this is Acme Energy calling about your tariff.',
          startSeconds: 0,
          endSeconds: 4,
        },
        {
          speaker: 'customer',
          text: "No thank you, please don't call me again.",
          startSeconds: 4.5,
          endSeconds: 8,
        },
        { speaker: 'agent', text: 'Understood, goodbye.', startSeconds: 8.5, endSeconds: 10 },
      ],
    });
    expect(await sink().apply(a, report, 'webhook')).toEqual({ applied: true });
    const { recordingId } = await attempt(a, call.attemptUuid);
    expect(recordingId).toMatch(/^rec_/);
    const recording = await t.platform.modules.conversations.recordings.get(a, recordingId ?? '');
    expect(recording).toMatchObject({
      source: 'campaigns-vapi',
      sourceRecordingId: call.attemptId,
      direction: 'outbound',
      hasSuppliedTranscript: true,
      tags: [toPublicId('cmp', call.campaignUuid)],
    });
    expect(recording.audio?.bytes).toBe(wav().length);
    expect(recording.metadata.parties).toContainEqual({ role: 'customer', number: call.phone });

    // The voice agent did not flag it; conversations' analysis and the opt-out handler do.
    await expect
      .poll(async () => (await campaigns().suppression.check(a, call.phone)).suppressed, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(true);
    const [entry] = (await campaigns().suppression.check(a, call.phone)).entries;
    expect(entry).toMatchObject({ source: 'opt_out_intent', evidence: { recordingId } });
  }, 90_000);

  it('a transcript without audio goes to conversations as a transcript-only recording', async () => {
    const call = await placedCall(a);
    await sink().apply(a, endOfCall(call, { transcript: [{ speaker: 'agent', text: 'Hello?' }] }), 'webhook');
    const { recordingId } = await attempt(a, call.attemptUuid);
    const recording = await t.platform.modules.conversations.recordings.get(a, recordingId ?? '');
    expect(recording).toMatchObject({ audio: null, hasSuppliedTranscript: true });
  });

  it("reconciliation: a call whose webhook never came is fetched; the provider's opt-out is not lost", async () => {
    const placedAt = new Date(Date.now() - 40 * MINUTE);
    const optedOut = await placedCall(a, { placedAt });
    const silent = await placedCall(a, { placedAt: new Date(Date.now() - 7 * 60 * MINUTE) });
    const young = await placedCall(a, { placedAt });
    const asked: string[] = [];
    const fake: TelephonyAdapter = {
      name: 'vapi',
      place: () => Promise.reject(new Error('not in this test')),
      parseWebhook: () => Promise.resolve([]),
      fetchCall: (_ctx, providerCallId) => {
        asked.push(providerCallId);
        if (providerCallId === optedOut.providerCallId)
          return Promise.resolve(
            endOfCall(
              { providerCallId },
              { optOut: { evidence: 'take me off your list' }, reportKey: `${providerCallId}:api` },
            ),
          );
        return Promise.resolve(undefined);
      },
    };
    const reconciliation = createReconciliation({
      database: db(),
      sink: sink(),
      adapterFor: (name) => (name === 'vapi' ? fake : undefined),
      logger: t.platform.logger,
    });
    await reconciliation.run(new Date(Date.now() + 10 * MINUTE));
    expect(asked).toEqual(expect.arrayContaining([optedOut.providerCallId, young.providerCallId]));

    expect(await attempt(a, optedOut.attemptUuid)).toMatchObject({ state: 'ended', optOut: true });
    expect((await attempt(a, optedOut.attemptUuid)).reconciledAt).not.toBeNull();
    const check = await campaigns().suppression.check(a, optedOut.phone);
    expect(check.entries[0]).toMatchObject({
      source: 'voice_agent',
      evidence: { quote: 'take me off your list' },
    });
    const via = await sql<{
      via: string;
    }>`select via from campaigns.call_reports where attempt_id = ${optedOut.attemptUuid}`.execute(db().owner);
    expect(via.rows).toEqual([{ via: 'reconciliation' }]);

    // Placed 7 hours ago and the provider still has no final account: ended as failed, recycled.
    const failed = await attempt(a, silent.attemptUuid);
    expect(failed).toMatchObject({ state: 'ended', outcome: 'failed' });
    expect(failed.failureReason).not.toBeNull();
    expect((await hopper(a, silent.campaignUuid, silent.leadUuid)).state).toBe('pending');

    // Placed 40 minutes ago, no final account yet: still open, asked again later.
    const open = await attempt(a, young.attemptUuid);
    expect(open.state).toBe('placed');
    expect(open.reconcileAfter?.getTime()).toBeGreaterThan(Date.now());
  });

  it('a recording URL that fails to download is fetched again by reconciliation; the call is applied at once', async () => {
    const requests: { url: string; auth: string | null }[] = [];
    let available = false;
    const fakeFetch = ((input: URL | string, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      requests.push({ url: String(input), auth: headers.get('authorization') });
      return Promise.resolve(
        available
          ? new Response(wav(), { status: 200, headers: { 'content-type': 'audio/wav' } })
          : new Response('busy', { status: 503 }),
      );
    }) as typeof fetch;
    const sealing = createSealing(t.platform.keyring);
    const ownSink = createCallReportSink({
      database: db(),
      sealing,
      suppression: createSuppressionService({ database: db(), sealing, audit: t.platform.auditLog }),
      audit: t.platform.auditLog,
      bus: t.platform.bus,
      conversations: t.platform.modules.conversations,
      logger: t.platform.logger,
      adapterFor: () => undefined,
      recordingFetch: recordingFetchOver(fakeFetch, (_ctx, adapter) =>
        Promise.resolve(adapter === 'twilio' ? { authorization: 'Basic x' } : undefined),
      ),
    });
    const call = await placedCall(a);
    const url = `https://storage.vapi.example/recordings/${call.providerCallId}.wav`;
    expect(await ownSink.apply(a, endOfCall(call, { recording: { url } }), 'webhook')).toEqual({
      applied: true,
    });
    const first = await attempt(a, call.attemptUuid);
    expect(first).toMatchObject({ state: 'ended', recordingId: null });
    expect(requests).toEqual([{ url, auth: null }]);

    available = true;
    const reconciliation = createReconciliation({
      database: db(),
      sink: ownSink,
      adapterFor: () => undefined,
      logger: t.platform.logger,
    });
    await reconciliation.run(new Date(Date.now() + 10 * MINUTE));
    const { recordingId } = await attempt(a, call.attemptUuid);
    expect(recordingId).toMatch(/^rec_/);
    const recording = await t.platform.modules.conversations.recordings.get(a, recordingId ?? '');
    expect(recording.audio?.bytes).toBe(wav().length);
    expect((await attempt(a, call.attemptUuid)).reconcileAfter).toBeNull();
  });

  it("tenants: a report for B's call posted with A's context finds nothing and changes nothing", async () => {
    const call = await placedCall(b);
    expect(await sink().apply(a, endOfCall(call), 'webhook')).toEqual({ applied: false });
    expect(
      await sink().apply(
        a,
        endOfCall({ providerCallId: call.providerCallId }, { reportKey: 'k2' }),
        'webhook',
      ),
    ).toEqual({
      applied: false,
    });
    expect((await attempt(b, call.attemptUuid)).state).toBe('placed');
    expect(await completedEvents(call.attemptId)).toHaveLength(0);
    // B's own delivery of the same report is applied (A's stored copy does not make it a duplicate).
    expect(await sink().apply(b, endOfCall(call), 'webhook')).toEqual({ applied: true });
  });

  it('hostile strings in a report are stored, not a 500', async () => {
    const call = await placedCall(a);
    const report = endOfCall(call, {
      reportKey: 'k\u0000' + 'x'.repeat(1000),
      disposition: 'a\u0000b\uD800' + 'y'.repeat(500),
      endedReason: 'z'.repeat(5000),
      summary: '\uDC00'.repeat(10),
    });
    expect(await sink().apply(a, report, 'webhook')).toEqual({ applied: true });
    const row = await attempt(a, call.attemptUuid);
    expect(row.disposition).toHaveLength(100);
    expect(row.endedReason).toHaveLength(200);
  });
});
