import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform, type As } from '../../../test/support/test-platform.js';
import type { NewEvent } from '../../platform/bus/index.js';
import { systemContext } from '../../platform/context.js';
import { newUuid, toPublicId } from '../../platform/ids.js';
import type { Tenant } from '../identity/index.js';
import type { UsageLine, UsageSummary } from './contract.js';
import type { MeteringTables } from './db/metering.tables.js';

/*
 * Metering end to end on the real PostgreSQL and the platform's PostgreSQL bus, with the
 * filesystem object store of the test's data dir: events published through the bus are counted
 * once however often they are delivered, tenants see only their own usage, the storage job
 * measures each tenant's areas, and the routes price, export and refuse as documented.
 */

const day = '2024-05-01';
const at = `${day}T12:00:00.000Z`;

const callIngested = (tenantId: string, change: 'created' | 'updated', id = newUuid()): NewEvent => ({
  id,
  type: 'calls.record.ingested.v1',
  tenantId,
  occurredAt: at,
  key: id,
  data: { callId: toPublicId('call', id), source: 'asterisk', sourceCallId: id, change, startedAt: at },
});

const orderCreated = (tenantId: string, key: string): NewEvent => ({
  type: 'orders.order.created.v1',
  tenantId,
  occurredAt: at,
  key,
  data: {
    orderId: 'ord_x',
    number: 'SO-1',
    status: 'PENDING',
    totalMinor: 1999,
    currency: 'EUR',
    customerId: null,
  },
});

const pipelineEvents = (tenantId: string): NewEvent[] => [
  {
    type: 'conversations.recording.received.v1',
    tenantId,
    occurredAt: at,
    data: {
      recordingId: 'rec_x',
      source: 'upload',
      callId: null,
      hasAudio: true,
      hasSuppliedTranscript: false,
    },
  },
  {
    type: 'conversations.transcript.ready.v1',
    tenantId,
    occurredAt: at,
    data: {
      recordingId: 'rec_x',
      transcriptId: 'trn_x',
      runId: 'run_x',
      callId: null,
      provider: 'local',
      language: 'en',
      durationMs: 150_000,
      redactedEntities: 0,
    },
  },
  {
    type: 'conversations.analysis.completed.v1',
    tenantId,
    occurredAt: at,
    data: {
      recordingId: 'rec_x',
      analysisId: 'ana_x',
      callId: null,
      intents: [],
      grade: null,
      score: null,
      durationMs: 150_000,
      llm: {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        inputTokens: 2_000_000,
        outputTokens: 500_000,
      },
    },
  },
  {
    type: 'campaigns.call.completed.v1',
    tenantId,
    occurredAt: at,
    data: {
      campaignId: 'cmp_x',
      attemptId: 'att_x',
      leadId: 'lead_x',
      outcome: 'answered',
      answeredBy: 'human',
      disposition: null,
      optOut: false,
      converted: false,
      talkSeconds: 90,
      recordingId: null,
    },
  },
];

describe('metering', () => {
  let t: TestPlatform;
  let acme: Tenant;
  let other: Tenant;
  let reader: As;
  let admin: As;
  let stranger: As;

  const summary = async (who: As, from = day, to = day): Promise<UsageSummary> => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/metering/usage?from=${from}&to=${to}`,
      as: who,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<UsageSummary>();
  };
  const quantity = (s: UsageSummary, meter: string, area: string | null = null) =>
    s.lines.find((line: UsageLine) => line.meter === meter && line.area === area)?.quantity;

  beforeAll(async () => {
    // 'start' consumes the bus in this process: the metering handler counts what is published.
    t = await createTestPlatform({ role: 'start' });
    acme = (await createTenant(t.platform, `acme-${newUuid().slice(-6)}`)).tenant;
    other = (await createTenant(t.platform)).tenant;
    reader = { tenant: acme.uuid, permissions: ['metering:read'] };
    admin = { tenant: acme.uuid, permissions: ['metering:read', 'metering:admin'] };
    stranger = { tenant: other.uuid, permissions: ['metering:read', 'metering:admin'] };
  });
  afterAll(() => t.close());

  it('migrates: its tables exist, under row-level security', async () => {
    const { rows } = await sql<{ name: string; secured: boolean }>`
      select relname as name, relrowsecurity as secured from pg_class
      where relnamespace = 'metering'::regnamespace and relkind = 'r' and relname not like 'schema_migrations%'
      order by relname`.execute(t.platform.database.owner);
    expect(rows).toEqual([
      { name: 'counted_events', secured: true },
      { name: 'daily_usage', secured: true },
      { name: 'unit_prices', secured: true },
    ]);
  });

  it('counts what the bus delivers, each event once, on the day it happened', async () => {
    const first = callIngested(acme.uuid, 'created');
    await t.platform.bus.publishNow([
      first,
      callIngested(acme.uuid, 'created'),
      callIngested(acme.uuid, 'created'),
      // A newer version of a stored call is no new record.
      callIngested(acme.uuid, 'updated'),
      ...pipelineEvents(acme.uuid),
      orderCreated(acme.uuid, 'o1'),
    ]);
    // The events spread over the partitions: wait until every meter shows what was published.
    const counters = async () =>
      Object.fromEntries(
        (await summary(reader)).lines.filter((l) => l.area === null).map((l) => [l.meter, l.quantity]),
      );
    await expect.poll(counters, { timeout: 30_000 }).toEqual({
      call_records: '3',
      recordings: '1',
      audio_minutes: '2.5',
      analyses: '1',
      analysis_minutes: '2.5',
      llm_input_tokens: '2',
      llm_output_tokens: '0.5',
      dialer_attempts: '1',
      dialer_talk_minutes: '1.5',
      orders: '1',
      storage: '0',
    });
    const s = await summary(reader);
    expect(s.daily.filter((d) => d.meter === 'call_records')).toEqual([
      { day, meter: 'call_records', area: null, quantity: '3' },
    ]);

    // The same event delivered again (same id: what a lost acknowledgement does) adds nothing. An
    // order published behind it on the same key, so in the same partition, shows it was handled.
    await t.platform.bus.publishNow([{ ...first, key: 'again' }, orderCreated(acme.uuid, 'again')]);
    await expect.poll(async () => quantity(await summary(reader), 'orders'), { timeout: 30_000 }).toBe('2');
    expect(quantity(await summary(reader), 'call_records')).toBe('3');
  });

  it('counts an event once when its deliveries arrive together or through the handler again', async () => {
    const metering = t.platform.modules.metering;
    const fact = {
      tenantId: acme.uuid,
      eventId: newUuid(),
      day: '2024-05-02',
      increments: [{ meter: 'orders' as const, quantity: 1 }],
    };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => metering.recorder.record(fact)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);

    const handler = t.platform.handlers.find((h) => h.group === 'metering-usage');
    if (!handler) throw new Error('the metering handler is not registered');
    const envelope = {
      ...orderCreated(acme.uuid, 'h'),
      id: newUuid(),
      occurredAt: '2024-05-02T08:00:00.000Z',
    };
    const ctx = {
      ...systemContext(acme.uuid, envelope.id),
      group: handler.group,
      eventId: envelope.id,
      delivery: 1,
      once: () => Promise.reject(new Error('metering does not use the bus inbox')),
      claimIn: () => Promise.reject(new Error('metering does not use the bus inbox')),
    };
    await handler.handle(ctx, envelope);
    await handler.handle({ ...ctx, delivery: 2 }, envelope);
    expect(quantity(await summary(reader, '2024-05-02', '2024-05-02'), 'orders')).toBe('2');
  });

  it('keeps tenants apart: another tenant sees none of it, through the API or in the tables', async () => {
    await t.platform.bus.publishNow([orderCreated(other.uuid, 'other')]);
    await expect.poll(async () => quantity(await summary(stranger), 'orders'), { timeout: 30_000 }).toBe('1');
    expect(quantity(await summary(stranger), 'call_records')).toBe('0');
    expect(quantity(await summary(reader), 'orders')).toBe('2');

    const visible = await t.platform.database.withTenant<MeteringTables, { tenantId: string }[]>(
      { tenantId: other.uuid },
      (trx) => trx.selectFrom('metering.daily_usage').select('tenantId').execute(),
    );
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((row) => row.tenantId === other.uuid)).toBe(true);
    // Outside a tenant transaction the application role sees nothing at all.
    const { rows } = await sql`select * from metering.daily_usage`.execute(t.platform.database.app);
    expect(rows).toEqual([]);
    // Nor can it write into another tenant's rows.
    await expect(
      t.platform.database.withTenant({ tenantId: other.uuid }, (trx) =>
        sql`insert into metering.daily_usage (tenant_id, day, meter, quantity) values (${acme.uuid}, ${day}, 'orders', 100)`.execute(
          trx,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('prices usage with the tenant prices, which another tenant neither sees nor changes', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: '/api/v1/metering/prices',
      as: admin,
      payload: {
        currency: 'EUR',
        prices: { call_records: '0.001', audio_minutes: '0.02', llm_input_tokens: '0.25', orders: '0.5' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ currency: 'EUR', updatedBy: 'usr_test' });
    const prices = put.json<{ prices: { meter: string; unitPrice: string; unit: string }[] }>().prices;
    expect(prices.find((p) => p.meter === 'llm_input_tokens')).toMatchObject({
      unitPrice: '0.25',
      unit: '1M tokens',
    });
    expect(prices.find((p) => p.meter === 'storage')).toMatchObject({ unitPrice: '0', unit: 'GB-day' });

    const s = await summary(reader);
    expect(s.currency).toBe('EUR');
    // 3 × 0.001 + 2.5 × 0.02 + 2 × 0.25 + 2 × 0.5
    expect(s.lines.find((l) => l.meter === 'audio_minutes')?.cost).toBe('0.050000');
    expect(s.totalCost).toBe('1.553000');

    const theirs = await t.inject({ method: 'GET', url: '/api/v1/metering/prices', as: stranger });
    expect(theirs.json()).toMatchObject({ currency: null, updatedAt: null });
    expect((await summary(stranger)).totalCost).toBe('0.000000');

    // Reading is not changing: metering:read alone may not set prices.
    const refused = await t.inject({
      method: 'PUT',
      url: '/api/v1/metering/prices',
      as: reader,
      payload: { currency: 'EUR', prices: {} },
    });
    expect(refused.statusCode).toBe(403);
    const { rows } = await sql<{ action: string }>`
      select action from audit.entries where tenant_id = ${acme.uuid} and action = 'metering.prices_changed'`.execute(
      t.platform.database.owner,
    );
    expect(rows).toHaveLength(1);
  });

  it('measures storage per area once a day, and measures again when rerun', async () => {
    const objects = t.platform.objects;
    const put = (key: string, bytes: number, tenantId: string) =>
      objects.put(key, Buffer.alloc(bytes, 7), { tenantId });
    await put(`${acme.uuid}/audio/2024/05/a.wav`, 4_000, acme.uuid);
    await put(`${acme.uuid}/audio/2024/05/b.wav`, 1_000, acme.uuid);
    await put(`${acme.uuid}/asterisk/2024/05/01/c.json`, 300, acme.uuid);
    await put(`${acme.uuid}/exports/calls/e1/part-1.csv`, 200, acme.uuid);
    await put(`${toPublicId('ten', acme.uuid)}/orders/labels/s1.pdf`, 50, acme.uuid);
    await put(`${other.uuid}/audio/2024/05/z.wav`, 9_999, other.uuid);

    const measured = await t.platform.modules.metering.measureStorage({ day: '2024-05-03' });
    expect(measured.find((m) => m.tenantId === acme.uuid)?.bytes).toEqual({
      audio: 5_000,
      asterisk: 300,
      exports: 200,
      orders: 50,
    });
    expect(measured.find((m) => m.tenantId === other.uuid)?.bytes).toEqual({ audio: 9_999 });

    const s = await summary(reader, '2024-05-03', '2024-05-03');
    const storage = s.lines.filter((l) => l.meter === 'storage');
    expect(storage.map((l) => [l.area, l.module, l.quantity, l.unit])).toEqual([
      // Six decimals of a GB: 300 bytes round to nothing, 5 000 to 0.000005.
      ['asterisk', 'calls', '0', 'GB-day'],
      ['audio', 'conversations', '0.000005', 'GB-day'],
      ['exports', 'calls', '0', 'GB-day'],
      ['orders', 'orders', '0', 'GB-day'],
    ]);

    // A rerun of the day measures again and replaces the day's figures (a deleted export is gone).
    await objects.delete(`${acme.uuid}/exports/calls/e1/part-1.csv`, { reason: 'test: export expired' });
    await t.platform.modules.metering.measureStorage({ day: '2024-05-03', tenantIds: [acme.uuid] });
    const again = await summary(reader, '2024-05-03', '2024-05-03');
    expect(again.lines.filter((l) => l.meter === 'storage').map((l) => l.area)).toEqual([
      'asterisk',
      'audio',
      'orders',
    ]);
    expect(again.daily.filter((d) => d.meter === 'storage')).toHaveLength(3);
  });

  it('exports the cost-allocation report as CSV, escaped, audited', async () => {
    await t.platform.modules.identity.tenants.update(systemContext(acme.uuid, 'test'), {
      name: '=Acme, "North" GmbH',
    });
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/metering/report.csv?from=${day}&to=2024-05-03`,
      as: reader,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="usage-${acme.slug}-${day}-2024-05-03.csv"`,
    );
    const lines = res.body.split('\r\n');
    // A header, ten counters, storage's three areas, and the empty rest after the last CRLF.
    expect(lines, res.body).toHaveLength(1 + 10 + 3 + 1);
    expect(lines[0]).toBe(
      'tenant_id,tenant_name,period_start,period_end,meter,area,module,quantity,unit,unit_price,currency,cost',
    );
    const name = `"'=Acme, ""North"" GmbH"`;
    expect(lines).toContain(
      `${acme.id},${name},${day},2024-05-03,call_records,,calls,3,record,0.001,EUR,0.003000`,
    );
    expect(lines).toContain(`${acme.id},${name},${day},2024-05-03,orders,,orders,4,order,0.5,EUR,2.000000`);
    expect(lines).toContain(
      `${acme.id},${name},${day},2024-05-03,storage,audio,conversations,0.000005,GB-day,0,EUR,0.000000`,
    );
    expect(lines.at(-1)).toBe('');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from audit.entries where tenant_id = ${acme.uuid} and action = 'metering.report_exported'`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses bad periods and prices with a 400 that names the field', async () => {
    const fieldsOf = async (url: string, who: As = reader) => {
      const res = await t.inject({ method: 'GET', url, as: who });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      return res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    };
    for (const path of ['usage', 'report.csv']) {
      const base = `/api/v1/metering/${path}`;
      expect(await fieldsOf(`${base}?from=2024-02-30&to=2024-03-01`)).toEqual(['querystring.from']);
      expect(await fieldsOf(`${base}?from=2024-05-01&to=2024-04-30`)).toEqual(['querystring.to']);
      expect(await fieldsOf(`${base}?from=2023-01-01&to=2024-01-02`)).toEqual(['querystring.to']);
      expect(await fieldsOf(`${base}?from=0000-01-01&to=2024-01-02`)).toEqual(['querystring.from']);
      expect(await fieldsOf(`${base}?from=2024-05-01`)).toEqual(['querystring.to']);
      expect(await fieldsOf(`${base}?from=2024-05-01%00&to=2024-05-02`)).toContain('querystring.from');
      expect(await fieldsOf(`${base}?from=${'9'.repeat(20_000)}&to=2024-05-02`)).toEqual([
        'querystring.from',
      ]);
      expect(await fieldsOf(`${base}?from=2024-05-01&to=2024-05-02&tenant=${other.uuid}`)).toEqual([
        'querystring.tenant',
      ]);
    }
    // A leap day is a day; a full leap year is allowed.
    expect((await summary(reader, '2024-01-01', '2024-12-31')).period).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });

    const putFields = async (payload: unknown) => {
      const res = await t.inject({
        method: 'PUT',
        url: '/api/v1/metering/prices',
        as: admin,
        payload: payload as object,
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    };
    expect(await putFields({ currency: 'EURO', prices: {} })).toEqual(['body.currency']);
    expect(await putFields({ currency: 'EUR', prices: { orders: '-1' } })).toEqual(['body.prices.orders']);
    expect(await putFields({ currency: 'EUR', prices: { orders: '1e3' } })).toEqual(['body.prices.orders']);
    expect(await putFields({ currency: 'EUR', prices: { orders: '0.0000000001' } })).toEqual([
      'body.prices.orders',
    ]);
    expect(await putFields({ currency: 'EUR', prices: { orders: 0.5 } })).toEqual(['body.prices.orders']);
    expect(await putFields({ currency: 'EUR', prices: { orders: `1${'0'.repeat(100_000)}` } })).toEqual([
      'body.prices.orders',
    ]);
    expect(await putFields({ currency: 'EUR', prices: { orders: '1\u0000' } })).toEqual([
      'body.prices.orders',
    ]);
    expect(await putFields({ currency: 'EUR', prices: { gold_bars: '1' } })).toEqual([
      'body.prices.gold_bars',
    ]);
    expect(await putFields({ currency: 'EUR' })).toEqual(['body.prices']);
    // Nothing of it was stored.
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/metering/prices', as: reader })).json(),
    ).toMatchObject({
      currency: 'EUR',
    });
  });

  it('forgets event ids after their retention, and only those', async () => {
    const metering = t.platform.modules.metering;
    const before = await sql<{ n: number }>`select count(*)::int as n from metering.counted_events`.execute(
      t.platform.database.owner,
    );
    expect(before.rows[0]?.n).toBeGreaterThan(0);
    expect(await metering.deleteExpiredCountedEvents(new Date())).toBe(0);
    expect(await metering.deleteExpiredCountedEvents(new Date(Date.now() + 15 * 86_400_000))).toBe(
      before.rows[0]?.n,
    );
  });
});
