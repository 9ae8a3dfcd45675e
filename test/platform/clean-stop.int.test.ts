import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli, type Spawned } from '../support/child-process.js';

/**
 * `switchboard start` on its own embedded PostgreSQL, used a little and stopped with SIGTERM, as a
 * newcomer runs it. A clean stop used to log one "idle database connection failed" error per pooled
 * connection, each carrying the whole pg client (connection parameters, process id, cancel key),
 * and every start warned about a query sent on a client that was already running one.
 */
describe('a clean start and stop', () => {
  let dataDir: string | undefined;
  let server: Spawned | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('logs nothing at error level, no driver object, and no concurrent query on one client', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-clean-stop-'));
    // No DATABASE_URL: the embedded PostgreSQL, which the platform stops after its pools.
    server = spawnCli(['start'], {
      SWITCHBOARD_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_POOL_MAX: '10',
    });
    const [, base] = await server.waitFor(/Server listening at (http:\/\/[0-9.:]+)/, 120_000);
    // Several connections open in the pools, idle when the stop begins.
    const answers = await Promise.all(Array.from({ length: 30 }, () => fetch(`${base}/readyz`)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 30 }, () => 200));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const output = server.output();
    expect(output).toContain('"msg":"stopped"');
    expect(output.split('\n').filter((line) => /"level":"(error|fatal)"/.test(line))).toEqual([]);
    expect(output).not.toMatch(/connectionParameters|secretKey|processID/);
    expect(output).not.toMatch(/already executing a query/);
  }, 180_000);
});
