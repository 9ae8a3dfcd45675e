import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database, type MigrationSet } from '../../src/platform/db/index.js';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres.js';
import type { Logger } from '../../src/platform/telemetry/index.js';

export interface BenchDatabase {
  readonly database: Database;
  /** Owner connection string (DBOS and raw clients connect with it). */
  readonly url: string;
  /** Closes the pools, then stops the embedded server and removes its files, if one was started. */
  close(): Promise<void>;
}

/**
 * The database a benchmark runs on: `DATABASE_URL` when set, else a throwaway embedded
 * PostgreSQL in a temporary directory.
 */
export async function openBenchDatabase(options: {
  prefix: string;
  poolMax: number;
  logger: Logger;
  migrations: readonly MigrationSet[];
}): Promise<BenchDatabase> {
  const { logger } = options;
  let tempDir: string | undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), options.prefix));
    const embedded = await startEmbeddedPostgres({
      dataDir: tempDir,
      port: 0,
      role: 'bench',
      exclusive: true,
      logger,
    });
    url = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const database = await openDatabase({
    url,
    appUrl: undefined,
    poolMax: options.poolMax,
    dataDir: tempDir ?? os.tmpdir(),
    embeddedPort: 0,
    role: 'bench',
    exclusive: false,
    logger,
    migrations: [...options.migrations],
  });
  return {
    database,
    url,
    async close() {
      await database.close();
      await stopEmbedded?.();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
