import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli, type Spawned } from '../support/child-process.js';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * API and worker processes started at the same moment on a database that has never been migrated.
 * They used to hang for good: one held DBOS's migration lock while its CREATE INDEX CONCURRENTLY
 * waited for the other's blocked lock request. Now every migration runs under one platform lock
 * that waiters poll, so all of them come up. The bound is far above a normal start (seconds) and
 * only there to turn a hang into a failure.
 */
const readyWithinMs = 240_000;

describe('processes started together on a fresh database', () => {
  let database: TestDatabase;
  const dataDirs: string[] = [];
  const processes: Spawned[] = [];

  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.exited));
    await database.drop();
    await Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(
    'all become ready, migrate once, and stop cleanly',
    async () => {
      const masterKey = randomBytes(32).toString('base64');
      const roles = ['api', 'worker', 'worker'] as const;
      for (const role of roles) {
        const dataDir = await mkdtemp(path.join(os.tmpdir(), `sb-concurrent-${role}-`));
        dataDirs.push(dataDir);
        processes.push(
          spawnCli([role], {
            DATABASE_URL: database.url,
            SWITCHBOARD_DATA_DIR: dataDir,
            SWITCHBOARD_MASTER_KEY: masterKey,
            PORT: '0',
            LOG_LEVEL: 'info',
            DATABASE_POOL_MAX: '3',
          }),
        );
      }
      await Promise.all(
        processes.map((p, i) =>
          p.waitFor(
            roles[i] === 'api' ? /Switchboard is running \(api/ : /"msg":"worker running"/,
            readyWithinMs,
          ),
        ),
      );

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: string }>(
          'select max(version)::text as version from dbos.dbos_migrations',
        );
        expect(Number(rows[0]?.version)).toBeGreaterThan(0);
        // Each migration recorded once, though three processes raced to apply them.
        const calls = await client.query<{ name: string; n: number }>(
          'select name, count(*)::int as n from calls.schema_migrations group by name having count(*) > 1',
        );
        expect(calls.rows).toEqual([]);
      } finally {
        await client.end();
      }

      for (const p of processes) p.child.kill('SIGTERM');
      expect(await Promise.all(processes.map((p) => p.exited))).toEqual([0, 0, 0]);
      for (const p of processes) expect(p.output()).not.toMatch(/"level":"(error|fatal)"/);
    },
    readyWithinMs + 60_000,
  );
});
