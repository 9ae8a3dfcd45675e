import { systemContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { toPublicId } from '../../../platform/ids.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { StorageMeasurement } from '../contract.js';
import type { MeteringTables } from '../db/metering.tables.js';
import { replaceGauge } from '../recording/usage.repo.js';
import { MAX_AREAS, MORE_AREAS, NO_AREA } from './storage-areas.js';

export interface StorageJobDeps {
  readonly database: Database;
  readonly objects: ObjectStore;
  readonly logger: Logger;
  /** The tenants to measure (identity's list, looked up at each run). */
  tenantIds(): Promise<readonly string[]>;
}

export interface MeasureOptions {
  /** The UTC day the measurement is recorded for; today when absent. */
  readonly day?: string;
  /** Only these tenants (UUIDs); every tenant when absent. */
  readonly tenantIds?: readonly string[];
}

/**
 * Bytes per area under one tenant. Modules key objects by the tenant's UUID
 * (`<uuid>/audio/…`); shipping labels by its public id (`ten_…/orders/…`): both are the tenant's.
 */
async function measureTenant(objects: ObjectStore, tenantId: string): Promise<Map<string, number>> {
  const bytes = new Map<string, number>();
  for (const root of [`${tenantId}/`, `${toPublicId('ten', tenantId)}/`]) {
    for await (const head of objects.list(root)) {
      const rest = head.key.slice(root.length);
      const cut = rest.indexOf('/');
      let area = cut > 0 ? rest.slice(0, cut) : NO_AREA;
      if (!bytes.has(area) && bytes.size >= MAX_AREAS) area = MORE_AREAS;
      bytes.set(area, (bytes.get(area) ?? 0) + head.size);
    }
  }
  return bytes;
}

/**
 * The daily storage gauge: lists each tenant's objects, sums their bytes by area and records them
 * as the day's `storage` rows (a rerun on the same day measures again and replaces them). A tenant
 * whose listing fails is logged and skipped; the others are still measured.
 */
export function createStorageJob(deps: StorageJobDeps) {
  async function measureStorage(options: MeasureOptions = {}): Promise<StorageMeasurement[]> {
    const day = options.day ?? new Date().toISOString().slice(0, 10);
    const tenants = options.tenantIds ?? (await deps.tenantIds());
    const measured: StorageMeasurement[] = [];
    for (const tenantId of tenants) {
      try {
        const bytes = await measureTenant(deps.objects, tenantId);
        const rows = [...bytes].map(([dimension, quantity]) => ({ dimension, quantity: BigInt(quantity) }));
        await deps.database.withTenant<MeteringTables, void>(
          systemContext(tenantId, `metering-storage-${day}`, 'metering.storage'),
          (trx) => replaceGauge(trx, tenantId, day, 'storage', rows),
        );
        measured.push({ tenantId, day, bytes: Object.fromEntries(bytes) });
      } catch (error) {
        deps.logger.error({ err: error, tenantId, day }, 'storage measurement failed for a tenant');
      }
    }
    return measured;
  }

  const job: TimerTrigger = {
    kind: 'timer',
    name: 'metering.storage',
    // Once a day, after the night's archive and retention work.
    cron: '0 15 4 * * *',
    missed: 'run-once',
    run: async (run) => {
      const measured = await measureStorage({ day: run.scheduledFor.toISOString().slice(0, 10) });
      deps.logger.info({ tenants: measured.length }, 'storage measured');
    },
  };
  return { measureStorage, job };
}
