import { openDatabase, type Database, type OpenDatabaseOptions } from '../../src/platform/db/index.js';

export type TestDatabaseOptions = Omit<
  OpenDatabaseOptions,
  'url' | 'appUrl' | 'dataDir' | 'embeddedPort' | 'role' | 'exclusive'
> & {
  /** Owner URL of a test database (never the embedded server). */
  readonly url: string;
  readonly appUrl?: string | undefined;
  /** What the process runs as; also the prefix of the derived login role. */
  readonly role?: string;
};

/**
 * Opens the platform's pools on a test database: always a given server (no embedded PostgreSQL,
 * so no data directory), not exclusive. Usable from vitest files and from child-process fixtures.
 */
export function openTestDatabase(options: TestDatabaseOptions): Promise<Database> {
  return openDatabase({
    appUrl: undefined,
    role: 'test',
    ...options,
    dataDir: '/nonexistent',
    embeddedPort: 0,
    exclusive: false,
  });
}
