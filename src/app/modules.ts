import type { MigrationSet } from '../platform/db/index.js';
import { identityMigrations } from '../modules/identity/index.js';

/** Every module's migrations, in the order they must run (a module after those it reads ids from). */
export const moduleMigrations: readonly MigrationSet[] = [identityMigrations];
