import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNatsPrefix } from '../../src/platform/bus/index.js';
import { systemContext } from '../../src/platform/context.js';
import { createWorkerRuntime, type WorkerRuntime } from '../../src/platform/jobs/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { normalisedCall } from '../../src/modules/calls/testing/index.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface Installation {
  readonly t: TestPlatform;
  readonly runtime: WorkerRuntime;
  readonly tenantId: string;
  readonly prefix: string;
}

/**
 * Two installations (two databases) on one NATS server, neither configured with a prefix. With the
 * fixed `sb` prefix they shared streams and durable consumers: each worker took events of the
 * other, found no payload in its own database and acknowledged them, and records were lost with
 * no error anywhere. Each now works under a prefix of its own, derived from its installation id.
 */
describe('two installations on one NATS server', () => {
  const installations: Installation[] = [];
  const payloads = 12;
  const recordsPerPayload = 5;

  beforeAll(async () => {
    for (const name of ['north', 'south']) {
      // API role plus a worker runtime in this process (one DBOS executor per process allows no
      // two full `start` platforms here); the runtime is what `switchboard worker` runs. The pool
      // is the default size: with 5, sixteen partition handlers of a new tenant all wait in their
      // transactions for the keyring's first data-key read, which needs one more connection.
      const t = await createTestPlatform({
        role: 'api',
        env: { NATS_URL: natsUrl, DATABASE_POOL_MAX: '20' },
      });
      const tenant = await t.platform.modules.identity.tenantAdmin.create({ name, slug: name });
      const runtime = createWorkerRuntime(
        { database: t.platform.database, bus: t.platform.bus, logger: createLogger({ level: 'silent' }) },
        { modules: [{ handlers: t.platform.handlers }], runner: `${name}-worker` },
      );
      await runtime.start();
      installations.push({
        t,
        runtime,
        tenantId: tenant.uuid,
        prefix: defaultNatsPrefix(await t.platform.database.installationId()),
      });
    }
  });
  afterAll(async () => {
    for (const { runtime, t } of installations) {
      await runtime.stop();
      await t.close();
    }
    const nc = await connect({ servers: natsUrl });
    const jsm = await jetstreamManager(nc);
    const prefixes = installations.map((i) => `${i.prefix.toUpperCase()}_`);
    for await (const stream of jsm.streams.list()) {
      if (prefixes.some((p) => stream.config.name.startsWith(p)))
        await jsm.streams.delete(stream.config.name);
    }
    await nc.close();
  });

  it('each processes every record it accepted, under a prefix of its own', async () => {
    const [north, south] = installations;
    expect(north?.prefix).toMatch(/^sb_[0-9a-f]{16}$/);
    expect(south?.prefix).toMatch(/^sb_[0-9a-f]{16}$/);
    expect(north?.prefix).not.toBe(south?.prefix);

    await Promise.all(
      installations.map(async ({ t, tenantId }, n) => {
        const ctx = systemContext(tenantId, 'nats-installations', 'test');
        for (let p = 0; p < payloads; p++) {
          const records = Array.from({ length: recordsPerPayload }, (_, r) =>
            normalisedCall({
              source: 'generic',
              sourceCallId: `i${n}-p${p}-r${r}`,
              conversationId: `i${n}-p${p}-r${r}`,
            }),
          );
          await t.platform.modules.calls.ingest.accept(ctx, {
            source: 'generic',
            format: 'generic-json',
            contentType: 'application/json',
            body: Buffer.from(JSON.stringify(records)),
          });
        }
      }),
    );

    const progress = () =>
      Promise.all(
        installations.map(async ({ t, tenantId }) => {
          const { rows } = await sql<{ calls: number; unprocessed: number }>`
            select (select count(*)::int from calls.call_records where tenant_id = ${tenantId}) as calls,
                   (select count(*)::int from calls.raw_payloads where processed_at is null) as unprocessed`.execute(
            t.platform.database.owner,
          );
          return rows[0];
        }),
      );
    const all = { calls: payloads * recordsPerPayload, unprocessed: 0 };
    await expect.poll(progress, { timeout: 120_000, interval: 500 }).toEqual([all, all]);
    for (const { t } of installations) expect(await t.platform.bus.deadLetters.list('all')).toEqual([]);
  }, 180_000);
});
