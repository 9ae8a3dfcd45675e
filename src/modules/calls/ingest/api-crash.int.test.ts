import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { normalisedCall } from '../testing/index.js';
import { freePort, spawnCli, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * The API process killed (SIGKILL) while fifty connections post one record each, the way Kamailio's
 * http_client or FreeSWITCH's mod_json_cdr deliver: every request it answered 202 ends indexed;
 * requests cut off without an answer are sent again by the source (as those senders requeue) to a
 * new API process, and each call is indexed once. The archive holds exactly the objects the index
 * names. On both buses, with the archive layout of `TEST_ARCHIVE_LAYOUT` (`object-per-record` by
 * default; the API writes no archive object, so CI runs the default only, and `segments` is run by
 * hand: `TEST_ARCHIVE_LAYOUT=segments npx vitest run src/modules/calls/ingest/api-crash.int.test.ts`).
 */
const total = 600;
const connections = 50;
const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const layout = process.env.TEST_ARCHIVE_LAYOUT === 'segments' ? 'segments' : 'object-per-record';

const buses: { bus: string; busEnv: Record<string, string> }[] = [
  { bus: 'postgres', busEnv: {} },
  { bus: 'nats', busEnv: { NATS_URL: natsUrl } },
];

describe.each(buses)(
  `calls ingest on the $bus bus, ${layout} archive: the API killed while single records arrive`,
  ({ busEnv }) => {
    let t: TestPlatform;
    let tenantId: string;
    let apiKey: string;
    const apis: Spawned[] = [];

    beforeAll(async () => {
      // This process is the worker (it transforms), on the tests' pool of five connections: fewer
      // than the sixteen calls-transform partitions NATS hands it at once. The API runs as separate
      // processes below.
      t = await createTestPlatform({
        role: 'worker',
        env: { ...busEnv, SWITCHBOARD_ARCHIVE_LAYOUT: layout },
      });
      tenantId = (await createTenant(t.platform)).tenant.uuid;
      apiKey = (
        await t.platform.modules.identity.apiKeys.create(systemContext(tenantId, 'test', 'test'), {
          name: 'sbc',
          scopes: ['calls:ingest'],
        })
      ).key;
    });
    afterAll(async () => {
      for (const api of apis) api.child.kill('SIGKILL');
      await Promise.all(apis.map((api) => api.exited));
      await t.close();
    });

    async function startApi(): Promise<string> {
      const port = await freePort();
      const api = spawnCli(['api'], {
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
        DATABASE_POOL_MAX: '5',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...busEnv,
      });
      apis.push(api);
      const base = `http://127.0.0.1:${port}`;
      await expect
        .poll(
          async () => {
            const answer = await fetch(`${base}/readyz`).catch(() => undefined);
            return answer?.status;
          },
          { timeout: 180_000, interval: 100, message: `the API to start\n${api.output()}` },
        )
        .toBe(200);
      return base;
    }

    const base = Date.parse('2026-11-02T08:00:00Z');
    const record = (i: number) =>
      normalisedCall({
        source: 'generic',
        sourceCallId: `sbc-${i}`,
        conversationId: `sbc-${i}`,
        startedAt: new Date(base + i * 7_000).toISOString(),
      });

    /** Posts the records over `connections` concurrent senders; what was answered 202 and what was cut off. */
    function post(url: string, ids: readonly number[], stopAfterAccepted = Infinity) {
      const queue = [...ids];
      const accepted: number[] = [];
      const cutOff: number[] = [];
      const sender = async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          if (accepted.length >= stopAfterAccepted) {
            cutOff.push(i);
            continue;
          }
          const answer = await fetch(`${url}/api/v1/calls/ingest?format=generic-json`, {
            method: 'POST',
            headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify([record(i)]),
          }).catch(() => undefined);
          if (answer?.status === 202) accepted.push(i);
          else if (answer === undefined || answer.status >= 500) cutOff.push(i);
          else throw new Error(`record ${i} was refused: ${answer.status} ${await answer.text()}`);
        }
      };
      return { run: Promise.all(Array.from({ length: connections }, sender)), accepted, cutOff };
    }

    const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
      (await query.execute(t.platform.database.owner)).rows[0]?.n ?? 0;

    it('indexes every record it answered 202 for, each once, and leaves no orphan object', async () => {
      const ids = Array.from({ length: total }, (_, i) => i);
      const first = await startApi();
      const sending = post(first, ids);
      // Kill the API once a part has been accepted, with requests in flight.
      await expect
        .poll(() => sending.accepted.length, { timeout: 120_000, interval: 10 })
        .toBeGreaterThanOrEqual(150);
      apis[0]!.child.kill('SIGKILL');
      await apis[0]!.exited;
      await sending.run;
      const acceptedByFirst = [...sending.accepted];
      expect(acceptedByFirst.length).toBeLessThan(total);
      expect(sending.cutOff.length).toBeGreaterThan(0);

      // The sources send again what got no answer, to the API that took over.
      const second = await startApi();
      const retry = post(second, sending.cutOff);
      await retry.run;
      expect(retry.cutOff).toEqual([]);

      const indexedCalls = () =>
        count(
          sql<{ n: number }>`select count(*)::int as n from calls.call_records where tenant_id = ${tenantId}`,
        );
      await expect
        .poll(indexedCalls, {
          timeout: 180_000,
          interval: 250,
          message: 'every call indexed',
        })
        .toBe(total);
      await expect
        .poll(
          () =>
            count(
              sql<{
                n: number;
              }>`select count(*)::int as n from calls.raw_payloads where tenant_id = ${tenantId} and processed_at is null`,
            ),
          { timeout: 60_000 },
        )
        .toBe(0);

      // Every record answered 202 by the killed API is there, and each call once.
      const { rows } = await sql<{ id: string }>`
      select source_call_id as id from calls.call_records where tenant_id = ${tenantId}`.execute(
        t.platform.database.owner,
      );
      const indexed = new Set(rows.map((row) => row.id));
      expect(indexed.size).toBe(total);
      expect(acceptedByFirst.filter((i) => !indexed.has(`sbc-${i}`))).toEqual([]);
      expect(
        await count(
          sql<{ n: number }>`select count(*)::int as n from calls.quarantine where tenant_id = ${tenantId}`,
        ),
      ).toBe(0);

      // No orphans: the archive holds exactly the objects the index names, and no claim is left open.
      const stored: string[] = [];
      for await (const head of t.platform.quietObjects.list(`${tenantId}/`)) stored.push(head.key);
      const { rows: named } = await sql<{ key: string }>`
      select coalesce(raw_segment_key, raw_object_key) as key from calls.call_records where tenant_id = ${tenantId}`.execute(
        t.platform.database.owner,
      );
      expect(new Set(stored)).toEqual(new Set(named.map((row) => row.key)));
      expect(
        await count(
          sql<{
            n: number;
          }>`select count(*)::int as n from calls.archive_objects where tenant_id = ${tenantId} and not committed`,
        ),
      ).toBe(0);
    }, 400_000);
  },
);
