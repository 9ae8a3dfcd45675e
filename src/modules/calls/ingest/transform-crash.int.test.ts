import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { normalisedCall } from '../testing/index.js';
import { repoRoot } from '../../../../test/support/child-process.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * The transform consumer killed (SIGKILL) in the middle of a large payload: the batches it
 * committed stay, the rest is redelivered to the next worker, and in the end every record is
 * indexed exactly once with its raw archive object in place, and no archive object is left that
 * the index does not name (the retry reuses what the killed attempt wrote). On both buses: the
 * PostgreSQL outbox and NATS JetStream (a database of its own gives the installation its own
 * stream prefix).
 */
const total = 4_000;
const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/switchboard.js'), 'worker'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, output: () => output };
}

const buses: { bus: string; busEnv: Record<string, string> }[] = [
  { bus: 'postgres', busEnv: {} },
  { bus: 'nats', busEnv: { NATS_URL: natsUrl } },
];

describe.each(buses)(
  'calls transform on the $bus bus: a worker killed in the middle of a payload',
  ({ busEnv }) => {
    let t: TestPlatform;
    let tenantId: string;
    const workers: ReturnType<typeof startWorker>[] = [];

    beforeAll(async () => {
      // The API role only accepts; the workers below (separate processes) transform.
      t = await createTestPlatform({ role: 'api', env: busEnv });
      const tenant = await t.platform.modules.identity.tenantAdmin.create({ name: 'Crash', slug: 'crash' });
      tenantId = tenant.uuid;
    });
    afterAll(async () => {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await t.close();
    });

    const indexed = async () => {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from calls.call_records where tenant_id = ${tenantId}`.execute(
        t.platform.database.owner,
      );
      return rows[0]?.n ?? 0;
    };

    it('loses nothing and indexes nothing twice', async () => {
      const base = Date.parse('2026-10-01T08:00:00Z');
      const records = Array.from({ length: total }, (_, i) =>
        normalisedCall({
          source: 'generic',
          sourceCallId: `crash-${i}`,
          conversationId: `crash-${i}`,
          startedAt: new Date(base + i * 9_000).toISOString(),
        }),
      );
      const ctx = systemContext(tenantId, 'crash-test', 'test');
      await t.platform.modules.calls.ingest.accept(ctx, {
        source: 'generic',
        format: 'generic-json',
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify(records)),
      });

      const env = {
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
        DATABASE_POOL_MAX: '5',
        // The worker's operations endpoint on any free port.
        PORT: '0',
        ...busEnv,
      };
      const first = startWorker(env);
      workers.push(first);
      // Kill it once some batches have committed, well before the payload is done.
      await expect
        .poll(indexed, { timeout: 120_000, interval: 20, message: 'the first worker to index some batches' })
        .toBeGreaterThanOrEqual(500)
        .catch((error: unknown) => {
          throw new Error(`${String(error)}\n${first.output()}`);
        });
      first.child.kill('SIGKILL');
      await first.exited;
      const atCrash = await indexed();
      expect(atCrash, first.output()).toBeLessThan(total);

      const second = startWorker(env);
      workers.push(second);
      await expect.poll(indexed, { timeout: 180_000, interval: 250 }).toBe(total);

      await expect
        .poll(
          async () => {
            const { rows } = await sql<{
              processed: boolean;
            }>`select processed_at is not null as processed from calls.raw_payloads where tenant_id = ${tenantId}`.execute(
              t.platform.database.owner,
            );
            return rows[0]?.processed;
          },
          { timeout: 60_000 },
        )
        .toBe(true);

      // Exactly once: one key and one index row per source call, each pointing at an archived object.
      const { rows: counts } = await sql<{ keys: number; records: number; distinct: number }>`
      select (select count(*)::int from calls.call_keys where tenant_id = ${tenantId}) as keys,
             (select count(*)::int from calls.call_records where tenant_id = ${tenantId}) as records,
             (select count(distinct source_call_id)::int from calls.call_records where tenant_id = ${tenantId}) as distinct`.execute(
        t.platform.database.owner,
      );
      expect(counts[0]).toEqual({ keys: total, records: total, distinct: total });
      const { rows: sample } = await sql<{ key: string; sha: string }>`
      select raw_object_key as key, raw_sha256 as sha from calls.call_records where tenant_id = ${tenantId} order by random() limit 25`.execute(
        t.platform.database.owner,
      );
      for (const { key, sha } of sample) {
        const head = await t.platform.quietObjects.head(key);
        expect(head?.sha256, key).toBe(sha);
      }

      // No orphans: the objects in the store are exactly the objects the index names.
      const stored: string[] = [];
      for await (const head of t.platform.quietObjects.list(`${tenantId}/`)) stored.push(head.key);
      const { rows: named } = await sql<{
        key: string;
      }>`select raw_object_key as key from calls.call_records where tenant_id = ${tenantId}`.execute(
        t.platform.database.owner,
      );
      expect(stored.length).toBe(total);
      expect(new Set(stored)).toEqual(new Set(named.map((row) => row.key)));
      // And no claim is left for the sweep: the killed attempt's claims were taken over by the retry.
      const { rows: pending } = await sql<{
        n: number;
      }>`select count(*)::int as n from calls.archive_objects where tenant_id = ${tenantId} and not committed`.execute(
        t.platform.database.owner,
      );
      expect(pending[0]?.n).toBe(0);
    }, 300_000);
  },
);
