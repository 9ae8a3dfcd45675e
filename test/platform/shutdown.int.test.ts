import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnTs, type Spawned } from '../support/child-process.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

describe('graceful shutdown', () => {
  let database: TestDatabase;
  let server: Spawned | undefined;

  beforeEach(async () => {
    database = await createMigratedDatabase();
  });
  afterEach(async () => {
    server?.child.kill('SIGKILL');
    await database.drop();
  });

  async function startServer(env: Record<string, string> = {}): Promise<{ port: number; server: Spawned }> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-shutdown-'));
    server = spawnTs('test/fixtures/slow-server.ts', [], {
      DATABASE_URL: database.url,
      SWITCHBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    });
    const [, port] = await server.waitFor(/LISTENING (\d+)/);
    return { port: Number(port), server };
  }

  it('finishes requests in flight on SIGTERM, refuses new connections, then exits 0', async () => {
    const { port, server } = await startServer();
    const inFlight = [1200, 1500, 1800].map((ms) => fetch(`http://127.0.0.1:${port}/api/v1/slow?ms=${ms}`));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual([
      { waited: 1200 },
      { waited: 1500 },
      { waited: 1800 },
    ]);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('gives up after the shutdown timeout and exits 1', async () => {
    const { port, server } = await startServer({ SWITCHBOARD_SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = fetch(`http://127.0.0.1:${port}/api/v1/slow?ms=10000`).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('shutdown timed out');
    expect(await stuck).toBe('aborted');
  });
});
