import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { moduleMigrations } from '../src/app/modules.js';
import { openDatabase } from '../src/platform/db/index.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded-postgres.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { withDatabase } from './support/database-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Owner URL of the test PostgreSQL server (database part is replaced per test file). */
    testServerUrl: string;
    /** A database migrated to the latest schema once for the run; each test file clones it. */
    testTemplateDatabase: string;
    /** Prefix of every database this run creates, so teardown can drop them all. */
    testDatabasePrefix: string;
  }
}

/**
 * One PostgreSQL for the whole run: the machine's own when TEST_DATABASE_URL is set (CI runs the
 * suites a second time against PostgreSQL 15 that way), otherwise an embedded one in a temp dir.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger({ level: 'warn' });
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const prefix = `sb_test_${runId}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tempDir: string | undefined;
  if (!serverUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-test-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir: tempDir,
      port: 0,
      role: 'test',
      exclusive: true,
      logger,
      // A throwaway server: nothing in it must survive the machine crashing, so no fsync (4% less
      // wall time for the database suites). The kill -9 tests kill Node processes, never this
      // server, and what PostgreSQL has written is in the kernel's page cache either way.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }

  // A run that a test starts on its own run's server (test/architecture/new-module.int.test.ts)
  // clones that run's template instead of migrating one of its own; its teardown leaves it alone.
  const parentTemplate = process.env.TEST_DATABASE_URL ? process.env.TEST_TEMPLATE_DATABASE : undefined;
  const template = parentTemplate ?? `${prefix}_template`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  if (!parentTemplate) {
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({
      url: withDatabase(serverUrl, template),
      appUrl: undefined,
      poolMax: 2,
      dataDir: tempDir ?? os.tmpdir(),
      embeddedPort: 0,
      role: 'test',
      exclusive: false,
      logger,
      migrations: moduleMigrations,
    });
    await database.close();
  }

  project.provide('testServerUrl', serverUrl);
  project.provide('testTemplateDatabase', template);
  project.provide('testDatabasePrefix', prefix);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded?.();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
