import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import {
  createPlatform,
  type CreatePlatformOptions,
  type Platform,
  type Role,
} from '../../src/app/platform.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import { createMigratedDatabase, type TestDatabase } from './test-database.js';
import { testHeaderAuthenticator } from './test-authenticator.js';

export interface As {
  /** Tenant UUID the request acts for. */
  readonly tenant: string;
  readonly actor?: string;
  readonly permissions?: readonly string[];
}

export interface TestPlatform {
  readonly platform: Platform;
  readonly database: TestDatabase;
  /** `app.inject()` acting as a tenant and actor (through the test-only header authenticator). */
  inject(options: InjectOptions & { as?: As }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestPlatformOptions extends Omit<CreatePlatformOptions, 'role'> {
  readonly role?: Role;
  readonly env?: Record<string, string>;
}

/** A platform on a fresh migrated database of its own; close() drops the database. */
export async function createTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const database = await createMigratedDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-test-data-'));
  const config = loadConfig({
    DATABASE_URL: database.url,
    SWITCHBOARD_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    DATABASE_POOL_MAX: '5',
    ...options.env,
  });
  const platform = await createPlatform(config, {
    ...options,
    role: options.role ?? 'api',
    logger:
      options.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' }),
    authenticators: [testHeaderAuthenticator, ...(options.authenticators ?? [])],
  });
  return {
    platform,
    database,
    inject({ as, ...request }) {
      const http = platform.http;
      if (!http) throw new Error('this test platform has no HTTP role');
      const headers: Record<string, string> = {};
      if (as) {
        headers['x-test-tenant'] = as.tenant;
        headers['x-test-actor'] = as.actor ?? 'usr_test';
        headers['x-test-permissions'] = (as.permissions ?? []).join(',');
      }
      return http.inject({ ...request, headers: { ...headers, ...(request.headers ?? {}) } });
    },
    async close() {
      await platform.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
