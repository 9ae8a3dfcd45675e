import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from './database-url.js';

export interface TestDatabase {
  readonly name: string;
  /** Owner URL of this database. */
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(inject('testServerUrl'), 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function create(fromTemplate: boolean): Promise<TestDatabase> {
  const name = `${inject('testDatabasePrefix')}_${randomBytes(5).toString('hex')}`;
  const template = fromTemplate ? ` TEMPLATE ${inject('testTemplateDatabase')}` : '';
  await admin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name}${template}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant can collide; try again shortly.
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return {
    name,
    url: withDatabase(inject('testServerUrl'), name),
    drop: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** A database already migrated to the latest schema (a clone of the run's template). */
export function createMigratedDatabase(): Promise<TestDatabase> {
  return create(true);
}

/** An empty database, for migration tests. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return create(false);
}
