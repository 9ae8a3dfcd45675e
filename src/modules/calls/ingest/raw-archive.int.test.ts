import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { normalisedCall } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import { transformItems, type RunInTransaction } from './call-transform.js';
import { sweepArchive } from './raw-archive.js';

/*
 * The raw archive under crashes: a batch that wrote its objects and never committed leaves claims
 * the sweep removes with their objects; a retry reuses what the first attempt wrote; what a
 * committed batch archived is never swept.
 */
describe('raw archive: claims, commits and the sweep', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx } = await t.createTenant());
  });
  afterAll(() => t.close());

  const deps = () => ({ writes: t.calls.writes, objects: t.platform.quietObjects, bus: t.platform.bus });
  const inTenant: RunInTransaction = (fn) => t.platform.database.withTenant(ctx, fn);
  /** A worker killed after writing the archive objects, before its transaction committed. */
  const killedBeforeCommit: RunInTransaction = () => Promise.reject(new Error('SIGKILL'));
  /** Records of `count` new calls (each call made once: the fixture numbers its calls). */
  const items = (prefix: string, count: number): ParsedItem[] =>
    Array.from({ length: count }, (_, i) => {
      const record = normalisedCall({
        source: 'generic',
        sourceCallId: `${prefix}-${i}`,
        startedAt: `2024-05-0${1 + (i % 3)}T10:00:00.000Z`,
      });
      return { kind: 'record', record, raw: { format: 'json', document: record } };
    });

  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const head of t.platform.quietObjects.list(`${ctx.tenantId}/`)) keys.push(head.key);
    return keys.sort();
  };
  const indexedKeys = async () => {
    const { rows } = await sql<{
      key: string;
    }>`select raw_object_key as key from calls.call_records where tenant_id = ${ctx.tenantId} order by 1`.execute(
      t.platform.database.owner,
    );
    return rows.map((row) => row.key);
  };
  const claims = async () => {
    const { rows } = await sql<{ pending: number; committed: number }>`
      select count(*) filter (where not committed)::int as pending, count(*) filter (where committed)::int as committed
        from calls.archive_objects where tenant_id = ${ctx.tenantId}`.execute(t.platform.database.owner);
    return rows[0];
  };
  const age = async (interval: string) => {
    await sql`update calls.archive_objects set written_at = written_at - ${interval}::interval where tenant_id = ${ctx.tenantId} and not committed`.execute(
      t.platform.database.owner,
    );
  };

  /** Committed in the first test; the second claims it again. */
  const committedBatch = items('retry', 12);

  it('reuses on retry what a killed attempt archived, leaving nothing behind', async () => {
    const batch = committedBatch;
    await expect(transformItems(deps(), ctx, killedBeforeCommit, 'generic', batch)).rejects.toThrow(
      'SIGKILL',
    );
    const written = await objectKeys();
    expect(written).toHaveLength(12);
    expect(await claims()).toEqual({ pending: 12, committed: 0 });

    expect(await transformItems(deps(), ctx, inTenant, 'generic', batch)).toMatchObject({ created: 12 });
    expect(await objectKeys()).toEqual(written);
    expect(await indexedKeys()).toEqual(written);
    expect(await claims()).toEqual({ pending: 0, committed: 12 });
  });

  it('sweeps the objects of a batch that never committed once its claims are an hour old, and nothing else', async () => {
    const before = await objectKeys();
    await expect(
      transformItems(deps(), ctx, killedBeforeCommit, 'generic', items('lost', 5)),
    ).rejects.toThrow('SIGKILL');
    // The same records as the committed batch above, claimed again by an attempt that then died.
    await expect(transformItems(deps(), ctx, killedBeforeCommit, 'generic', committedBatch)).rejects.toThrow(
      'SIGKILL',
    );
    expect(await objectKeys()).toHaveLength(before.length + 5);

    expect(await sweepArchive({ objects: t.platform.quietObjects, ledger: t.calls.writes.archive })).toEqual({
      removed: 0,
      tenants: 0,
    });
    await age('61 minutes');
    expect(
      await sweepArchive(
        { objects: t.platform.quietObjects, ledger: t.calls.writes.archive },
        { batchSize: 2 },
      ),
    ).toEqual({ removed: 5, tenants: 1 });
    expect(await objectKeys()).toEqual(before);
    expect(await indexedKeys()).toEqual(before);
    expect(await claims()).toEqual({ pending: 0, committed: 12 });
  });

  it('fails a batch whose stale claims were swept before it committed (transiently), and its retry archives again', async () => {
    const batch = items('stalled', 3);
    let sweptWhileStalled = false;
    // The batch stalls between writing its objects and committing: long enough for the sweep.
    const stalled: RunInTransaction = async (fn) => {
      await age('2 hours');
      sweptWhileStalled =
        (await sweepArchive({ objects: t.platform.quietObjects, ledger: t.calls.writes.archive })).removed ===
        3;
      return inTenant(fn);
    };
    await expect(transformItems(deps(), ctx, stalled, 'generic', batch)).rejects.toMatchObject({
      code: 'CALLS_ARCHIVE_OBJECT_SWEPT',
      transient: true,
    });
    expect(sweptWhileStalled).toBe(true);
    expect(await indexedKeys()).toHaveLength(12);

    await transformItems(deps(), ctx, inTenant, 'generic', batch);
    expect(await objectKeys()).toEqual(await indexedKeys());
    expect(await claims()).toEqual({ pending: 0, committed: 15 });
  });

  it('commits stale claims whose objects are still in place', async () => {
    const batch = items('slow', 2);
    const slow: RunInTransaction = async (fn) => {
      await age('45 minutes');
      return inTenant(fn);
    };
    expect(await transformItems(deps(), ctx, slow, 'generic', batch)).toMatchObject({ created: 2 });
    expect(await objectKeys()).toEqual(await indexedKeys());
    expect(await claims()).toEqual({ pending: 0, committed: 17 });
  });
});
