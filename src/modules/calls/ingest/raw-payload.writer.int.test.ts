import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../platform/db/index.js';
import { newUuid } from '../../../platform/ids.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { createRawPayloadWriter, type RawPayloadWriterLimits } from './raw-payload.writer.js';
import type { NewRawPayload } from './raw-payloads.repo.js';

/*
 * The group-commit writer of accepted payloads, against the real database and bus outbox: the
 * payloads of concurrent requests share transactions, each tenant's in its own, and a payload
 * that cannot be stored fails alone.
 */
describe('raw payload group commit', () => {
  let t: CallsTestPlatform;
  beforeAll(async () => {
    t = await createCallsTestPlatform();
  });
  afterAll(() => t.close());

  /** A writer over the platform's database that records the tenant of each transaction it opens. */
  function writer(limits: Partial<RawPayloadWriterLimits> = {}) {
    const transactions: string[] = [];
    const database: Pick<Database, 'withTenant'> = {
      withTenant: (scope, fn) => {
        transactions.push(scope.tenantId);
        return t.platform.database.withTenant(scope, fn);
      },
    };
    return {
      transactions,
      writer: createRawPayloadWriter({ database, bus: t.platform.bus, replayWindowMs: 600_000, limits }),
    };
  }

  const payload = (tenantId: string, overrides: Partial<NewRawPayload> = {}): NewRawPayload => ({
    id: newUuid(),
    tenantId,
    source: 'generic',
    format: 'generic-json',
    contentType: 'application/json',
    body: Buffer.from(`[{"sourceCallId":"${newUuid()}"}]`),
    bodyEncoding: 'plain',
    deliveryKey: null,
    options: {},
    receivedBy: 'test',
    ...overrides,
  });

  /** Stored payloads and their events (outbox, or the PostgreSQL bus's log once relayed), as the owner sees them. */
  async function stored(ids: readonly string[]) {
    const rows = await sql<{ id: string; tenantId: string }>`
      select id, tenant_id as "tenantId" from calls.raw_payloads where id = any(${ids}::uuid[])`.execute(
      t.platform.database.owner,
    );
    const events = await sql<{ payloadId: string }>`
      select data->>'payloadId' as "payloadId" from bus.outbox where data->>'payloadId' = any(${ids}::text[])
      union all
      select data->>'payloadId' from bus.log where data->>'payloadId' = any(${ids}::text[])`.execute(
      t.platform.database.owner,
    );
    return { rows: rows.rows, events: events.rows.map((e) => e.payloadId) };
  }

  it('stores the payloads of concurrent requests in a few transactions, each resolving once committed', async () => {
    const { ctx } = await t.createTenant();
    const { writer: w, transactions } = writer();
    const rows = Array.from({ length: 120 }, () => payload(ctx.tenantId));
    const outcomes = await Promise.all(rows.map((row) => w.write(row)));
    expect(outcomes.every((o) => o === undefined)).toBe(true);
    // The first request starts a commit alone; the others, arrived meanwhile, share the next.
    expect(transactions.length).toBeLessThanOrEqual(2);
    const { rows: found } = await stored(rows.map((r) => r.id));
    expect(found).toHaveLength(120);
  });

  it('never mixes tenants in one transaction: each payload is stored under its own tenant', async () => {
    const { ctx: a } = await t.createTenant();
    const { ctx: b } = await t.createTenant();
    const { writer: w, transactions } = writer({ maxPayloads: 7 });
    const rows = Array.from({ length: 60 }, (_, i) => payload(i % 2 === 0 ? a.tenantId : b.tenantId));
    await Promise.all(rows.map((row) => w.write(row)));
    // Groups of at most 7: more than one transaction per tenant, far fewer than one per payload.
    expect(transactions.filter((tenant) => tenant === a.tenantId).length).toBeGreaterThan(1);
    expect(transactions.length).toBeLessThan(60);
    const { rows: found } = await stored(rows.map((r) => r.id));
    const tenantOf = new Map(found.map((r) => [r.id, r.tenantId]));
    for (const row of rows) expect(tenantOf.get(row.id)).toBe(row.tenantId);
    // Row-level security: each tenant sees its own 30 and none of the other's.
    for (const tenant of [a, b]) {
      const visible = await t.platform.database.withTenant(tenant, async (trx) =>
        (
          await sql<{
            id: string;
          }>`select id from calls.raw_payloads where id = any(${rows.map((r) => r.id)}::uuid[])`.execute(trx)
        ).rows.map((r) => r.id),
      );
      expect(new Set(visible)).toEqual(
        new Set(rows.filter((r) => r.tenantId === tenant.tenantId).map((r) => r.id)),
      );
    }
  });

  it('stores the rest of a group when one payload cannot be stored, and rejects that one alone', async () => {
    const { ctx } = await t.createTenant();
    const { writer: w } = writer();
    // PostgreSQL text cannot hold a NUL character: this row fails its INSERT, and the group's.
    const bad = payload(ctx.tenantId, { contentType: 'application/json\u0000' });
    const good = Array.from({ length: 20 }, () => payload(ctx.tenantId));
    const first = payload(ctx.tenantId);
    // The first commits alone; the bad one and the good ones arrive meanwhile and share a group.
    const all = [first, ...good.slice(0, 10), bad, ...good.slice(10)];
    const results = await Promise.allSettled(all.map((row) => w.write(row)));
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [all[i]?.id] : []));
    expect(rejected).toEqual([bad.id]);
    const { rows: found, events } = await stored(all.map((r) => r.id));
    expect(new Set(found.map((r) => r.id))).toEqual(new Set([first, ...good].map((r) => r.id)));
    // Each stored payload has its event (the transform will take it); the failed one has none.
    expect(new Set(events)).toEqual(new Set([first, ...good].map((r) => r.id)));
  });

  it('answers a re-delivery with the first payload, within a group and across groups, storing it once', async () => {
    const { ctx } = await t.createTenant();
    const { writer: w } = writer();
    const deliveryKey = Buffer.from(newUuid());
    const original = payload(ctx.tenantId, { source: 'twilio', format: 'twilio-form', deliveryKey });
    const copies = Array.from({ length: 5 }, () =>
      payload(ctx.tenantId, { source: 'twilio', format: 'twilio-form', deliveryKey }),
    );
    // Another source's delivery with the same key is its own.
    const other = payload(ctx.tenantId, { source: 'generic', deliveryKey });
    const outcomes = await Promise.all([original, ...copies, other].map((row) => w.write(row)));
    expect(outcomes).toEqual([undefined, ...copies.map(() => original.id), undefined]);
    // Later, in a group of its own.
    const late = payload(ctx.tenantId, { source: 'twilio', format: 'twilio-form', deliveryKey });
    expect(await w.write(late)).toBe(original.id);
    const { rows: found } = await stored([original, ...copies, other, late].map((r) => r.id));
    expect(new Set(found.map((r) => r.id))).toEqual(new Set([original.id, other.id]));
  });

  it('loses nothing under a stream of writes from several tenants with small groups', async () => {
    const tenants = await Promise.all(Array.from({ length: 6 }, () => t.createTenant()));
    const { writer: w } = writer({ maxPayloads: 9, maxBytes: 400, parallelTenants: 2 });
    const rows: NewRawPayload[] = [];
    const writes: Promise<string | undefined>[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 30; i++) {
        const row = payload(tenants[(round + i) % tenants.length]?.ctx.tenantId ?? '');
        rows.push(row);
        writes.push(w.write(row));
      }
      // Arrivals spread over time, as requests do.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);
    const { rows: found, events } = await stored(rows.map((r) => r.id));
    expect(found).toHaveLength(rows.length);
    expect(new Set(events).size).toBe(rows.length);
  });
});
