import type { Bus } from '../../../platform/bus/index.js';
import type { Database, NoTables } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import { Counter, Gauge, type Logger, type Registry } from '../../../platform/telemetry/index.js';
import { rawPayloadReceivedV1, type RawPayloadReceived } from '../events.js';
import { countOverduePayloads, findOverduePayloads, recordRedrive } from './raw-payload-redrive.repo.js';

export interface RawPayloadRedriveSettings {
  /** A payload still unprocessed this long after it was accepted is overdue (and again after each re-drive). */
  readonly afterMs: number;
  /** Re-drives per payload; after that it stays overdue, in the gauge, for a person to look at. */
  readonly maxAttempts?: number;
  /** Payloads re-driven per run, oldest first. */
  readonly maxPerRun?: number;
}

export interface RawPayloadRedriveDeps {
  readonly database: Database;
  readonly bus: Bus;
  readonly metrics: Registry;
  readonly logger: Logger;
  readonly settings: RawPayloadRedriveSettings;
}

export interface RawPayloadRedrive {
  readonly timer: TimerTrigger;
  /** One sweep; what the timer runs every minute. */
  sweep(now?: Date): Promise<{ redriven: number }>;
}

/**
 * The safety net behind "accepted means processed": a payload's event can still be lost after the
 * 202 (a bus shared by mistake with another installation took it, a NATS stream was deleted, a
 * database restored behind its bus). Every minute, one replica (the timer leader) publishes the
 * `calls.raw.<source>.v1` event again for payloads still unprocessed past the deadline: bounded per
 * run and per payload, and keyed by the payload like the original, so both land in one partition
 * and are handled one after the other: the later one finds the payload processed and stops.
 */
export function createRawPayloadRedrive(deps: RawPayloadRedriveDeps): RawPayloadRedrive {
  const { database, bus, logger } = deps;
  const afterMs = deps.settings.afterMs;
  const maxAttempts = deps.settings.maxAttempts ?? 3;
  const maxPerRun = deps.settings.maxPerRun ?? 500;
  const cutoffAt = (now: Date) => new Date(now.getTime() - afterMs);

  const redriven = new Counter({
    name: 'calls_raw_payloads_redriven_total',
    help: 'Accepted payloads whose event was published again because they stayed unprocessed past the deadline',
    registers: [deps.metrics],
  });
  new Gauge({
    name: 'calls_raw_payloads_overdue',
    help: 'Accepted payloads still unprocessed past the re-drive deadline (state: waiting = re-drives left, exhausted = none left)',
    labelNames: ['state'] as const,
    registers: [deps.metrics],
    async collect() {
      const counts = await countOverduePayloads(database.owner, {
        cutoff: cutoffAt(new Date()),
        maxAttempts,
      });
      this.set({ state: 'waiting' }, counts.overdue - counts.exhausted);
      this.set({ state: 'exhausted' }, counts.exhausted);
    },
  });

  async function sweep(now = new Date()): Promise<{ redriven: number }> {
    const candidates = await findOverduePayloads(database.owner, {
      cutoff: cutoffAt(now),
      maxAttempts,
      limit: maxPerRun,
    });
    const done: { payloadId: string; attempt: number }[] = [];
    for (const payload of candidates) {
      const attempt = await database.withTenant<NoTables, number | undefined>(
        { tenantId: payload.tenantId },
        async (trx) => {
          const attempt = await recordRedrive(trx, payload);
          if (attempt === undefined) return undefined;
          await bus.publish(trx, [
            {
              type: rawPayloadReceivedV1.typeFor(payload.source),
              tenantId: payload.tenantId,
              key: payload.id,
              data: {
                payloadId: payload.id,
                source: payload.source,
                format: payload.format,
              } satisfies RawPayloadReceived,
            },
          ]);
          return attempt;
        },
      );
      if (attempt !== undefined) done.push({ payloadId: payload.id, attempt });
    }
    if (done.length > 0) {
      redriven.inc(done.length);
      logger.warn(
        {
          redriven: done.length,
          payloads: done.slice(0, 20),
          lastAttempt: done.filter((d) => d.attempt >= maxAttempts).length,
        },
        'accepted payloads stayed unprocessed past the deadline: their events were published again',
      );
    }
    return { redriven: done.length };
  }

  return {
    sweep,
    timer: {
      kind: 'timer',
      name: 'calls.raw-payloads-redrive',
      cron: '* * * * *',
      // Each run looks at everything overdue at that moment; missed minutes need no catching up.
      missed: 'skip',
      run: async () => {
        await sweep();
      },
    },
  };
}
