import { Counter, Gauge, type Registry } from '../telemetry/index.js';
import type { DeadLetters } from './dead-letters.types.js';

export interface BusMetrics {
  readonly handled: Counter<'group'>;
  readonly failed: Counter<'group'>;
  readonly published: Counter;
}

export interface BusGaugeSources {
  /** Events not yet handled, per group and topic. */
  lag(): Promise<readonly { group: string; topic: string; lag: number }[]>;
  deadLetters(): Promise<Map<string, number>>;
}

/**
 * Registers the bus metrics in the platform's registry; gauges are read on scrape. The dead-letter
 * figures are read from the shared store, not counted in memory: workers serve no /metrics, so a
 * counter kept by the process that dead-letters would never be scraped in a split deployment.
 * Every API process therefore reports the same installation-wide values (alert on `max`).
 */
export function createBusMetrics(
  registry: Registry,
  sources: () => BusGaugeSources | undefined,
  deadLetters: DeadLetters,
): BusMetrics {
  new Gauge({
    name: 'bus_consumer_lag',
    help: 'Events published but not yet handled by a consumer group, per topic',
    labelNames: ['group', 'topic'] as const,
    registers: [registry],
    async collect() {
      const source = sources();
      if (!source) return;
      this.reset();
      for (const row of await source.lag()) this.set({ group: row.group, topic: row.topic }, row.lag);
    },
  });
  new Gauge({
    name: 'bus_dead_letters',
    help: 'Dead letters waiting for inspection or replay, per consumer group',
    labelNames: ['group'] as const,
    registers: [registry],
    async collect() {
      const source = sources();
      if (!source) return;
      this.reset();
      for (const [group, count] of await source.deadLetters()) this.set({ group }, count);
    },
  });
  new Counter({
    name: 'bus_events_dead_lettered_total',
    help: 'Events sent to the dead-letter store, per consumer group (replayed and discarded letters included)',
    labelNames: ['group'] as const,
    registers: [registry],
    async collect() {
      const totals = await deadLetters.totalByGroup();
      this.reset();
      for (const [group, count] of totals) this.inc({ group }, count);
    },
  });
  return {
    handled: new Counter({
      name: 'bus_events_handled_total',
      help: 'Events handled successfully',
      labelNames: ['group'] as const,
      registers: [registry],
    }),
    failed: new Counter({
      name: 'bus_handler_failures_total',
      help: 'Handler failures (each failed delivery)',
      labelNames: ['group'] as const,
      registers: [registry],
    }),
    published: new Counter({
      name: 'bus_events_published_total',
      help: 'Events written to the outbox by this process',
      registers: [registry],
    }),
  };
}
