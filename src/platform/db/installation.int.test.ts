import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from '../../../test/support/database-url.js';
import { createMigratedDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createLogger } from '../telemetry/index.js';
import { openTestDatabase } from '../../../test/support/open-test-database.js';

const logger = createLogger({ level: 'silent' });

async function idOf(url: string): Promise<string> {
  const database = await openTestDatabase({
    url,
    poolMax: 1,
    logger,
  });
  try {
    return await database.installationId();
  } finally {
    await database.close();
  }
}

/** The installation id names what an installation creates on shared infrastructure (its NATS prefix). */
describe('installation id', () => {
  let original: TestDatabase;
  let copyUrl: string;
  const copyName = `${inject('testDatabasePrefix')}_copy_${process.pid}`;

  beforeAll(async () => {
    original = await createMigratedDatabase();
    copyUrl = withDatabase(inject('testServerUrl'), copyName);
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: withDatabase(inject('testServerUrl'), 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
    await admin.end();
    await original.drop();
  });

  it('is made once and kept, while a copy of the database gets one of its own', async () => {
    const first = await idOf(original.url);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await idOf(original.url)).toBe(first);

    // A copy (a staging database cloned from production, a restore beside the original).
    const admin = new pg.Client({ connectionString: withDatabase(inject('testServerUrl'), 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${copyName} TEMPLATE ${original.name}`);
    await admin.end();
    const copied = await idOf(copyUrl);
    expect(copied).toMatch(/^[0-9a-f]{16}$/);
    expect(copied).not.toBe(first);
    expect(await idOf(copyUrl)).toBe(copied);
    expect(await idOf(original.url)).toBe(first);
  });
});
