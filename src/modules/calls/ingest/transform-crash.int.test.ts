import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { normalisedCall } from '../testing/index.js';
import { createArchiveLedger } from '../store/archive-objects.repo.js';
import { sweepArchive } from './raw-archive.js';
import { repoRoot } from '../../../../test/support/child-process.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * The transform consumer killed (SIGKILL) in the middle of a large payload: the batches it
 * committed stay, the rest is redelivered to the next worker, and in the end every record is
 * indexed exactly once with its raw archive object in place, and no archive object is left that
 * the index does not name (the retry reuses what the killed attempt wrote). On both buses: the
 * PostgreSQL outbox and NATS JetStream (a database of its own gives the installation its own
 * stream prefix), and with both archive layouts. CI runs two of the four pairs, so that each bus
 * and each layout is killed once (each pair is one to two minutes on a busy machine); the other two
 * run by hand: `TEST_CRASH_MATRIX=full npx vitest run src/modules/calls/ingest/transform-crash.int.test.ts`.
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

const matrix: { bus: string; busEnv: Record<string, string>; layout: 'object-per-record' | 'segments' }[] = [
  { bus: 'postgres', busEnv: {}, layout: 'object-per-record' },
  { bus: 'nats', busEnv: { NATS_URL: natsUrl }, layout: 'segments' },
  { bus: 'nats', busEnv: { NATS_URL: natsUrl }, layout: 'object-per-record' },
  { bus: 'postgres', busEnv: {}, layout: 'segments' },
];
const buses = process.env.TEST_CRASH_MATRIX === 'full' ? matrix : matrix.slice(0, 2);

describe.each(buses)(
  'calls transform on the $bus bus, $layout archive: a worker killed in the middle of a payload',
  ({ busEnv, layout }) => {
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
        SWITCHBOARD_ARCHIVE_LAYOUT: layout,
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
      const { rows: sample } = await sql<{
        key: string;
        sha: string;
        segment: string | null;
        offset: number | null;
        length: number | null;
      }>`
      select raw_object_key as key, raw_sha256 as sha, raw_segment_key as segment, raw_segment_offset as offset,
             raw_segment_length as length
        from calls.call_records where tenant_id = ${tenantId} order by random() limit 25`.execute(
        t.platform.database.owner,
      );
      for (const { key, sha, segment, offset, length } of sample) {
        if (layout === 'segments') {
          // The record's slice of its segment is what raw_sha256 hashes.
          const object = await t.platform.quietObjects.get(segment ?? '');
          const chunks: Buffer[] = [];
          for await (const chunk of object.body) chunks.push(chunk as Buffer);
          const slice = Buffer.concat(chunks).subarray(offset ?? 0, (offset ?? 0) + (length ?? 0));
          expect(createHash('sha256').update(slice).digest('hex'), key).toBe(sha);
        } else {
          const head = await t.platform.quietObjects.head(key);
          expect(head?.sha256, key).toBe(sha);
        }
      }

      // And no claim is left for the sweep: the killed attempt's claims were taken over by the retry.
      const { rows: pending } = await sql<{
        n: number;
      }>`select count(*)::int as n from calls.archive_objects where tenant_id = ${tenantId} and not committed`.execute(
        t.platform.database.owner,
      );
      expect(pending[0]?.n).toBe(0);

      // The sweep then finds nothing of this tenant's to remove (a killed attempt's segment of a
      // batch cut differently on retry would be removed here, as a leftover an hour old).
      await sql`update calls.archive_objects set written_at = written_at - interval '2 hours' where tenant_id = ${tenantId} and not committed`.execute(
        t.platform.database.owner,
      );
      await sweepArchive({
        objects: t.platform.quietObjects,
        ledger: createArchiveLedger(t.platform.database),
      });

      // No orphans: the objects in the store are exactly the objects the index names.
      const stored: string[] = [];
      for await (const head of t.platform.quietObjects.list(`${tenantId}/`)) stored.push(head.key);
      const { rows: named } = await sql<{
        key: string;
      }>`select coalesce(raw_segment_key, raw_object_key) as key from calls.call_records where tenant_id = ${tenantId}`.execute(
        t.platform.database.owner,
      );
      if (layout === 'object-per-record') expect(stored.length).toBe(total);
      else expect(stored.every((key) => key.endsWith('.seg'))).toBe(true);
      expect(new Set(stored)).toEqual(new Set(named.map((row) => row.key)));
    }, 300_000);
  },
);
