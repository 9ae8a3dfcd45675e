import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataDirInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '../../src/platform/db/embedded-postgres.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { spawnTs } from '../support/child-process.js';

const logger = createLogger({ level: 'silent' });

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  let dataDir: string;
  let first: EmbeddedPostgresHandle | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sb-embedded-'));
  });
  afterAll(async () => {
    await first?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('initialises on first start, on a free port, with a password only the owner can read', async () => {
    first = await startEmbeddedPostgres({ dataDir, port: 0, role: 'start', exclusive: true, logger });
    expect(first.owned).toBe(true);
    expect(first.port).toBeGreaterThan(0);
    await query(first.url, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$still here$$)');
    const { mode } = await import('node:fs/promises').then((fs) =>
      fs.stat(path.join(dataDir, 'postgres.password')),
    );
    expect(mode & 0o077).toBe(0);
  });

  it('refuses a second server on the same data dir with a clear message', async () => {
    const second = startEmbeddedPostgres({ dataDir, port: 0, role: 'start', exclusive: true, logger });
    await expect(second).rejects.toBeInstanceOf(DataDirInUseError);
    await expect(second).rejects.toThrow(/already running on data dir .* \(pid \d+, started as 'start'\)/);
  });

  it('lets other commands attach to the running server instead of starting another', async () => {
    const attached = await startEmbeddedPostgres({ dataDir, port: 0, role: 'cli', exclusive: false, logger });
    expect(attached.owned).toBe(false);
    expect(attached.port).toBe(first?.port);
    expect(await query(attached.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await attached.stop(); // a no-op for a non-owner
    expect(await query(attached.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps its data across a stop and a restart', async () => {
    await first?.stop();
    first = await startEmbeddedPostgres({ dataDir, port: 0, role: 'start', exclusive: true, logger });
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await first.stop();
    first = undefined;
  });

  it('takes over after a process that held it was killed with SIGKILL, stopping the orphaned server', async () => {
    const holder = spawnTs('test/fixtures/hold-embedded-postgres.ts', [dataDir], {});
    await holder.waitFor(/READY (\d+)/, 60_000);
    const postmasterPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(isAlive(postmasterPid)).toBe(true); // the orphan

    first = await startEmbeddedPostgres({ dataDir, port: 0, role: 'start', exclusive: true, logger });
    expect(isAlive(postmasterPid)).toBe(false);
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
  });
});
