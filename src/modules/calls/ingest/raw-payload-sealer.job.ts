import type { Database } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import { storableBody, type RawPayloadBodies } from './raw-payload-body.js';
import {
  plainBodies,
  plainPayloads,
  storeSealedBody,
  tenantsWithPlainPayloads,
  type IngestTables,
} from './raw-payloads.repo.js';

/** Rows looked at per round, and the bytes of bodies sealed in one transaction (bodies go up to 64 MiB each). */
const candidatesPerRound = 200;
const bytesPerTransaction = 16 * 1024 * 1024;
/** A run stops after this many rows, so it stays short; the next run goes on where it stopped. */
const rowsPerRun = 20_000;

export interface RawPayloadSealer {
  /** Seals up to `limit` plain bodies of the tenant, oldest first; returns how many it sealed. */
  sealTenant(tenantId: string, limit: number): Promise<number>;
  /** Every 10 minutes: seals the plain bodies of every tenant (rows from before sealing, or from a replica not yet upgraded). */
  readonly timer: TimerTrigger;
}

/**
 * Seals raw payload bodies stored in clear: those written before bodies were encrypted, and those a
 * replica of the previous version writes during a rolling upgrade. A timer rather than a one-off
 * step at start-up or in `migrate`, because such rows can keep arriving after any one process has
 * started; the readers take plain rows as they are meanwhile, so nothing waits for it. A Graph
 * notification body also loses its clientState here, as a new one does on arrival.
 */
export function createRawPayloadSealer(deps: {
  database: Database;
  bodies: RawPayloadBodies;
}): RawPayloadSealer {
  const { database, bodies } = deps;

  async function sealRows(tenantId: string, ids: readonly string[]): Promise<number> {
    return database.withTenant<IngestTables, number>({ tenantId }, async (trx) => {
      let sealed = 0;
      for (const row of await plainBodies(trx, ids)) {
        const body = await bodies.seal(tenantId, row.id, storableBody(row.format, row.body));
        if (await storeSealedBody(trx, row.id, body)) sealed++;
      }
      return sealed;
    });
  }

  async function sealTenant(tenantId: string, limit: number): Promise<number> {
    let sealed = 0;
    while (sealed < limit) {
      const candidates = await database.withTenant<IngestTables, { id: string; bytes: number }[]>(
        { tenantId },
        (trx) => plainPayloads(trx, Math.min(candidatesPerRound, limit - sealed)),
      );
      if (candidates.length === 0) break;
      let batch: string[] = [];
      let batchBytes = 0;
      for (const { id, bytes } of candidates) {
        if (batch.length > 0 && batchBytes + bytes > bytesPerTransaction) {
          sealed += await sealRows(tenantId, batch);
          batch = [];
          batchBytes = 0;
        }
        batch.push(id);
        batchBytes += bytes;
      }
      sealed += await sealRows(tenantId, batch);
      if (candidates.length < candidatesPerRound) break;
    }
    return sealed;
  }

  return {
    sealTenant,
    timer: {
      kind: 'timer',
      name: 'calls.raw-payloads.seal',
      cron: '*/10 * * * *',
      missed: 'run-once',
      run: async () => {
        let budget = rowsPerRun;
        for (const tenantId of await tenantsWithPlainPayloads(database.app)) {
          if (budget <= 0) break;
          budget -= await sealTenant(tenantId, budget);
        }
      },
    },
  };
}
