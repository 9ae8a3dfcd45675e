import type { MigrationSet } from '../platform/db/index.js';
import { auditMigrations } from '../platform/audit/index.js';
import { cryptoMigrations } from '../platform/crypto/crypto.migrations.js';
import { identityMigrations } from '../modules/identity/index.js';
import { callsMigrations } from '../modules/calls/index.js';
import { secretsMigrations } from '../platform/secrets/index.js';
import { busMigrations } from '../platform/bus/bus.migrations.js';
import { jobsMigrations } from '../platform/jobs/jobs.migrations.js';
import { workflowStoreMigrations } from '../platform/jobs/dbos.workflows.js';

/**
 * Every schema's migrations, in the order they must run: kernel schemas (the workflow engine's
 * own among them), then modules. All of them run under one lock (see openDatabase).
 */
export const moduleMigrations: readonly MigrationSet[] = [
  cryptoMigrations,
  auditMigrations,
  secretsMigrations,
  busMigrations,
  jobsMigrations,
  workflowStoreMigrations,
  identityMigrations,
  callsMigrations,
];
