import type { Database } from '../../../platform/db/index.js';
import type { MeteringTables } from '../db/metering.tables.js';
import { addToRollup, insertCountedEvents } from '../recording/usage.repo.js';
import type { UsageRecorder } from '../recording/usage.recorder.js';

/**
 * The design the recorder is measured against (bench/metering.bench.ts): each event in a
 * transaction of its own, as a handler using the bus inbox plus one upsert would write it.
 */
export function createPerEventRecorder(database: Database): UsageRecorder {
  return {
    async record(fact) {
      return database.withTenant<MeteringTables, boolean>({ tenantId: fact.tenantId }, async (trx) => {
        const fresh = await insertCountedEvents(trx, fact.tenantId, [fact.eventId]);
        if (!fresh.has(fact.eventId)) return false;
        await addToRollup(
          trx,
          fact.tenantId,
          fact.increments.map((i) => ({
            day: fact.day,
            meter: i.meter,
            dimension: '',
            quantity: BigInt(i.quantity),
          })),
        );
        return true;
      });
    },
    async drain() {},
  };
}
