import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { normalisedCall } from '../testing/index.js';

/*
 * A source that posts one record per request, many requests at once (issue 20): with group
 * commit on, as by default, and off (each request its own transaction), every request answered
 * 202 ends in the index or in quarantine with a reason. Over a real socket (port 0), so the
 * requests truly overlap.
 */
describe.each([true, false])(
  'single-record ingest requests, many at once (group commit %s)',
  (groupCommit) => {
    let t: TestPlatform;
    let port: number;
    let tenantId: string;
    let key: string;

    beforeAll(async () => {
      // The tests' pool of five: the transform handlers taking the burst hold connections in their
      // transactions, and nothing they wait for may need another (see docs/bus.md).
      t = await createTestPlatform({
        role: 'start',
        env: { SWITCHBOARD_INGEST_GROUP_COMMIT: String(groupCommit) },
      });
      await t.platform.http?.listen({ host: '127.0.0.1', port: 0 });
      const address = t.platform.http?.server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      const { tenant } = await createTenant(t.platform);
      tenantId = tenant.uuid;
      ({ key } = await t.platform.modules.identity.apiKeys.create(systemContext(tenantId, 'test', 'test'), {
        name: 'single-records',
        scopes: ['calls:ingest'],
      }));
    });
    afterAll(() => t.close(), 60_000);

    it('answers 200 concurrent requests 202, and each record ends indexed or quarantined with a reason', async () => {
      expect(t.platform.config.calls.ingestGroupCommit).toBe(groupCommit);

      const broken = new Set(Array.from({ length: 20 }, (_, i) => i * 10 + 3));
      const bodies = Array.from({ length: 200 }, (_, i) =>
        JSON.stringify([
          broken.has(i)
            ? { source: 'generic', sourceCallId: `single-${i}`, startedAt: 'not a date' }
            : normalisedCall({
                source: 'generic',
                sourceCallId: `single-${i}`,
                conversationId: `single-conv-${i}`,
                startedAt: new Date(Date.parse('2026-11-02T09:00:00Z') + i * 1000).toISOString(),
              }),
        ]),
      );
      const answers = await Promise.all(
        bodies.map(async (body) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/calls/ingest?format=generic-json`, {
            method: 'POST',
            headers: { 'x-api-key': key, 'content-type': 'application/json' },
            body,
          });
          return { status: res.status, body: (await res.json()) as { payloadId?: string } };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 202));
      const ids = answers.map((a) => fromPublicId('raw', a.body.payloadId ?? '') ?? '');
      expect(new Set(ids).size).toBe(200);

      const owner = t.platform.database.owner;
      const outcomes = async () =>
        (
          await sql<{
            id: string;
            outcome: { created?: number; updated?: number; quarantined?: number } | null;
          }>`
          select id, outcome from calls.raw_payloads where id = any(${ids}::uuid[])`.execute(owner)
        ).rows;
      await expect
        .poll(async () => (await outcomes()).filter((row) => row.outcome !== null).length, {
          timeout: 200_000,
          interval: 500,
        })
        .toBe(200);
      // Each payload held one record, and its outcome says where it went.
      for (const { outcome } of await outcomes())
        expect((outcome?.created ?? 0) + (outcome?.updated ?? 0) + (outcome?.quarantined ?? 0)).toBe(1);
      const { rows: indexed } = await sql<{ n: number }>`
      select count(*)::int as n from calls.call_keys where tenant_id = ${tenantId}`.execute(owner);
      expect(indexed[0]?.n).toBe(180);
      const { rows: quarantined } = await sql<{ reason: string }>`
      select reason from calls.quarantine where tenant_id = ${tenantId}`.execute(owner);
      expect(quarantined).toHaveLength(20);
      for (const { reason } of quarantined) expect(reason.length).toBeGreaterThan(0);
    }, 240_000);
  },
);
