import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventContext } from '../../../platform/bus/index.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import { fromPublicId, newUuid } from '../../../platform/ids.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import type { NormalisedCall } from '../call-record.js';
import { readCallFile } from '../connectors/file-readers.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import { normalisedCall } from '../testing/index.js';
import type { TransformOutcome } from './call-transform.js';
import { createTransformGroups, type GroupedDelivery, type TransformGroups } from './transform-groups.js';

/*
 * The transform's group commit (transform-groups.ts), driven directly so that what is grouped is
 * known: the first delivery for a tenant is transformed alone, and the ones that arrive while it
 * commits form the next group. On the real writes, archive and bus; each payload stored through
 * the ingest service, as the API stores it.
 */
describe('calls transform groups', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let groups: TransformGroups;
  /** Payloads whose marking as processed fails (a fault in the group's transaction). */
  const failing = new Set<string>();

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx } = await t.createTenant());
    const { calls } = t;
    groups = createTransformGroups({
      database: t.platform.database,
      writes: calls.writes,
      objects: t.platform.quietObjects,
      bus: t.platform.bus,
      markAllProcessed: async (work, payloads) => {
        for (const { payloadId } of payloads)
          if (failing.has(payloadId)) throw new Error(`marking ${payloadId} failed`);
        await calls.ingest.markAllProcessed(work, payloads);
      },
    });
  });
  afterAll(() => t.close());

  /** A payload of one record, stored as the API stores it, and its delivery to the transform. */
  async function delivery(record: NormalisedCall): Promise<GroupedDelivery> {
    const body = Buffer.from(JSON.stringify([record]));
    const accepted = await t.calls.ingest.accept(ctx, {
      source: 'generic',
      format: 'generic-json',
      contentType: 'application/json',
      body,
    });
    // The event names the stored row (a uuid); the API answers its public id (raw_…).
    const payloadId = fromPublicId('raw', accepted.payloadId) ?? accepted.payloadId;
    const items: ParsedItem[] = [];
    for await (const item of readCallFile(body, 'generic-json', {})) items.push(item);
    // Each delivery is a new event (the group records it in the inbox, claimInboxes).
    const eventCtx = {
      ...systemContext(ctx.tenantId, payloadId),
      group: 'calls-transform',
      eventId: newUuid(),
      delivery: 1,
      once: () => Promise.reject(new Error('a grouped delivery commits through claimIn')),
      claimIn: () => Promise.reject(new Error('a grouped delivery is claimed with the others')),
    } satisfies EventContext;
    return { ctx: eventCtx, payloadId, source: 'generic', options: {}, items };
  }

  const call = (
    sourceCallId: string,
    sourceVersion = 1,
    disposition: 'answered' | 'no_answer' = 'answered',
  ) =>
    normalisedCall({
      source: 'generic',
      sourceCallId,
      conversationId: sourceCallId,
      sourceVersion,
      disposition,
    });

  const owner = () => t.platform.database.owner;
  const processedAt = async (payloadId: string) =>
    (
      await sql<{ at: Date | null }>`select processed_at as at from calls.raw_payloads
        where id = ${payloadId}`.execute(owner())
    ).rows[0]?.at ?? null;
  const indexed = async (sourceCallId: string) =>
    (
      await sql<{ disposition: string }>`select disposition from calls.call_records
        where tenant_id = ${ctx.tenantId} and source_call_id = ${sourceCallId}`.execute(owner())
    ).rows;
  const announcements = async (sourceCallId: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from (
            select data from bus.outbox where type = 'calls.record.ingested.v1' and tenant_id = ${ctx.tenantId}
            union all
            select data from bus.log where type = 'calls.record.ingested.v1' and tenant_id = ${ctx.tenantId}
          ) e where e.data->>'sourceCallId' = ${sourceCallId}`.execute(owner())
      ).rows[0]?.n,
    );

  it('counts two versions of a call in one group as one change, and announces it once', async () => {
    const [first, v1, v2] = [
      await delivery(call('grouped-first')),
      await delivery(call('grouped-x', 1)),
      await delivery(call('grouped-x', 2, 'no_answer')),
    ];
    // The first goes alone; the two versions arrive while it commits and are transformed together.
    const outcomes = await Promise.all([first, v1, v2].map((d) => groups.transform(d)));
    const one = (change: 'created' | 'unchanged'): TransformOutcome => ({
      records: 1,
      created: change === 'created' ? 1 : 0,
      updated: 0,
      unchanged: change === 'unchanged' ? 1 : 0,
      quarantined: 0,
      skipped: 0,
    });
    expect(outcomes).toEqual([one('created'), one('created'), one('unchanged')]);
    // The newer version is the one kept.
    expect(await indexed('grouped-x')).toEqual([{ disposition: 'no_answer' }]);
    expect(await announcements('grouped-x')).toBe(1);
    for (const d of [first, v1, v2]) expect(await processedAt(d.payloadId)).not.toBeNull();
  });

  it('takes a failing group apart: the others commit, the one that fails fails alone', async () => {
    const [first, a, bad, b] = [
      await delivery(call('apart-first')),
      await delivery(call('apart-a')),
      await delivery(call('apart-bad')),
      await delivery(call('apart-b')),
    ];
    failing.add(bad.payloadId);
    const settled = await Promise.allSettled([first, a, bad, b].map((d) => groups.transform(d)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[2]?.status === 'rejected' && String(settled[2].reason)).toContain(
      `marking ${bad.payloadId} failed`,
    );
    for (const id of ['apart-first', 'apart-a', 'apart-b']) expect(await indexed(id)).toHaveLength(1);
    // The failed one left nothing: no call, no announcement, the payload still to transform
    // (its event is retried, then dead-lettered, by the bus).
    expect(await indexed('apart-bad')).toEqual([]);
    expect(await announcements('apart-bad')).toBe(0);
    expect(await processedAt(bad.payloadId)).toBeNull();
    for (const d of [a, b]) expect(await processedAt(d.payloadId)).not.toBeNull();

    // Once the fault is gone, the retried delivery goes through.
    failing.delete(bad.payloadId);
    expect(await groups.transform(bad)).toMatchObject({ records: 1, created: 1 });
    expect(await indexed('apart-bad')).toHaveLength(1);
  });
});
