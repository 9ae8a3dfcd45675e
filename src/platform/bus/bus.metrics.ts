import { Counter, Gauge, Histogram, type Registry } from '../telemetry/index.js';
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
 * figures are read from the shared store, not counted in memory: a counter kept by the process that
 * dead-letters would vanish with it (a restarted worker starts from zero) and split one figure
 * across replicas. Every process scraped therefore reports the same installation-wide values
 * (alert on `max`).
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

/**
 * How long each delivery of an event took in a consumer group's handler, by outcome (`ok` or
 * `error`: an error is retried or dead-lettered). Recorded by the process that handles (a worker):
 * scrape workers' ops endpoints to see it. The worker runtime creates it (once per registry).
 */
export function busHandlerDuration(registry: Registry): Histogram<'group' | 'outcome'> {
  return new Histogram({
    name: 'bus_handler_duration_seconds',
    help: 'Time a consumer group handler took per delivery, by group and outcome (ok, error)',
    labelNames: ['group', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
}
