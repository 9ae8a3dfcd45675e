import { defineModule, type PlatformModule } from '../../platform/module.js';
import { identityModule } from '../identity/index.js';
import type { PricesService, StorageMeasurement, UsageService } from './contract.js';
import { meteringClassification } from './db/metering.classification.js';
import { meteringMigrations } from './db/migrations/index.js';
import { countedEventsJob, deleteExpiredCountedEvents } from './housekeeping/counted-events.job.js';
import { pricesRoutes } from './prices/prices.routes.js';
import { createPricesService } from './prices/prices.service.js';
import { usageHandler } from './recording/usage.handler.js';
import { createUsageRecorder, type UsageRecorder } from './recording/usage.recorder.js';
import { createStorageJob, type MeasureOptions } from './storage/storage.job.js';
import { usageRoutes } from './usage/usage.routes.js';
import { createUsageService } from './usage/usage.service.js';

/** What metering offers other modules, the CLI and tests (`platform.modules.metering`). */
export interface MeteringApi {
  readonly usage: UsageService;
  readonly prices: PricesService;
  /** Where handled events' usage is written (the handler's; tests and benchmarks feed it directly). */
  readonly recorder: UsageRecorder;
  /** The daily storage gauge (the `metering.storage` timer runs it for every tenant). */
  measureStorage(options?: MeasureOptions): Promise<StorageMeasurement[]>;
  /** Deletes event ids past their retention (the daily `metering.counted-events` timer). */
  deleteExpiredCountedEvents(now?: Date): Promise<number>;
}

/**
 * Metering: per-tenant usage from the other modules' events (call records, recordings and audio
 * minutes, analyses and LLM tokens, dialer attempts, orders) and a daily storage measurement, rolled
 * up by UTC day; unit prices per tenant; the cost-allocation report. See docs/metering.md.
 */
export const meteringModule = defineModule({
  name: 'metering',
  migrations: meteringMigrations,
  dependsOn: [identityModule],
  classification: meteringClassification,
  adminPermissions: ['metering:admin'],
  create: (deps): PlatformModule<MeteringApi> => {
    const { database, logger } = deps;
    const identity = deps.modules.identity;
    const recorder = createUsageRecorder({ database });
    const prices = createPricesService({ database, audit: deps.auditLog });
    const usage = createUsageService({
      database,
      audit: deps.auditLog,
      tenantOf: async (ctx) => {
        const tenant = await identity.tenants.current(ctx);
        return { id: tenant.id, slug: tenant.slug, name: tenant.name };
      },
    });
    const storage = createStorageJob({
      database,
      objects: deps.objects,
      logger,
      tenantIds: async () => (await identity.tenantAdmin.list()).map((tenant) => tenant.uuid),
    });
    return {
      api: {
        usage,
        prices,
        recorder,
        measureStorage: storage.measureStorage,
        deleteExpiredCountedEvents: (now) => deleteExpiredCountedEvents(database, now),
      },
      routes: [
        { surface: 'internal', prefix: '/metering', plugin: usageRoutes(usage) },
        { surface: 'internal', prefix: '/metering', plugin: pricesRoutes(prices) },
      ],
      handlers: [usageHandler(recorder)],
      jobs: [storage.job, countedEventsJob(database, logger)],
    };
  },
});
