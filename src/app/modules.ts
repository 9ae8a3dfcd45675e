import type { MigrationSet } from '../platform/db/index.js';
import { migrationsOf, type ApisOf } from '../platform/module.js';
import { auditMigrations } from '../platform/audit/index.js';
import { cryptoMigrations } from '../platform/crypto/crypto.migrations.js';
import { secretsMigrations } from '../platform/secrets/index.js';
import { busMigrations } from '../platform/bus/bus.migrations.js';
import { jobsMigrations } from '../platform/jobs/jobs.migrations.js';
import { workflowStoreMigrations } from '../platform/jobs/dbos.workflows.js';
import { auditModule } from '../modules/audit/index.js';
import { callsModule } from '../modules/calls/index.js';
import { identityModule } from '../modules/identity/index.js';
import { conversationsModule } from '../modules/conversations/index.js';
import { webhooksModule } from '../modules/webhooks/index.js';
import { campaignsModule } from '../modules/campaigns/index.js';
import { catalogModule } from '../modules/catalog/index.js';
import { paymentsModule } from '../modules/payments/index.js';
import { ordersModule } from '../modules/orders/index.js';
import { customersModule } from '../modules/customers/index.js';
import { notificationsModule } from '../modules/notifications/index.js';
import { privacyModule } from '../modules/privacy/index.js';
import { meteringModule } from '../modules/metering/index.js';

/**
 * The one registry: every module of the platform, in the order they are created and migrated (a
 * module after those it depends on). Adding a module is a folder under src/modules and a line here.
 */
export const modules = [
  identityModule,
  auditModule,
  callsModule,
  conversationsModule,
  webhooksModule,
  campaignsModule,
  catalogModule,
  paymentsModule,
  ordersModule,
  customersModule,
  notificationsModule,
  privacyModule,
  meteringModule,
] as const;

/** Each module's api by name: `platform.modules.calls`. */
export type ModuleApis = ApisOf<typeof modules>;

/** The kernel's own schemas (the workflow engine's among them), migrated before any module's, all under one lock (see openDatabase). */
const kernelMigrations: readonly MigrationSet[] = [
  cryptoMigrations,
  auditMigrations,
  secretsMigrations,
  busMigrations,
  jobsMigrations,
  workflowStoreMigrations,
];

/** Every schema's migrations, in the order they must run: kernel schemas, then modules. */
export const moduleMigrations: readonly MigrationSet[] = [...kernelMigrations, ...migrationsOf(modules)];
