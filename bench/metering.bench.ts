/**
 * `npm run bench:metering` (issue 19): how many events a second metering records, the way the bus
 * hands them over (one handler call per event, --callers in flight like the sixteen partitions of a
 * consumer), beside the design it replaced measured in the same run: one transaction per event.
 *
 * Each caller records --events / --callers call records back to back, all of one tenant and one
 * day by default (--tenants spreads them): the worst case, every event adding to the same rollup
 * row. Printed per design: events a second, latency of one record() (p50, p95, p99), and the check
 * that the rollup holds exactly the number of events. Measured, never asserted.
 *
 *   node --import tsx bench/metering.bench.ts [--events 20000] [--callers 16] [--tenants 1]
 * (DATABASE_URL: an existing PostgreSQL; otherwise a throwaway embedded one)
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { newUuid } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import {
  createPerEventRecorder,
  createUsageRecorder,
  meteringMigrations,
  type UsageRecorder,
} from '../src/modules/metering/testing/index.js';
import { openBenchDatabase } from './support/bench-database.js';
import { loadAverage, printTable } from './support/figures.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: process.env.BENCH_METERING_EVENTS ?? '20000' },
    callers: { type: 'string', default: process.env.BENCH_METERING_CALLERS ?? '16' },
    tenants: { type: 'string', default: process.env.BENCH_METERING_TENANTS ?? '1' },
  },
});
const EVENTS = Number(args.events);
const CALLERS = Number(args.callers);
const TENANTS = Number(args.tenants);

const logger = createLogger({ level: 'warn' });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function run(name: string, recorder: UsageRecorder, tenants: readonly string[], day: string) {
  const latencies: number[] = [];
  const perCaller = Math.ceil(EVENTS / CALLERS);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      for (let i = 0; i < perCaller; i++) {
        const tenantId = tenants[(caller + i) % tenants.length] ?? '';
        const t0 = performance.now();
        await recorder.record({
          tenantId,
          eventId: newUuid(),
          day,
          increments: [{ meter: 'call_records', quantity: 1 }],
        });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, events: latencies.length, seconds, latencies };
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase({
    prefix: 'switchboard-bench-metering-',
    poolMax: CALLERS + 2,
    logger,
    migrations: [meteringMigrations],
  });
  const { database } = bench;
  try {
    const tenants = Array.from({ length: TENANTS }, () => newUuid());
    const designs: [string, string, UsageRecorder][] = [
      ['per-event transaction (baseline)', '2024-01-01', createPerEventRecorder(database)],
      ['group commit (metering)', '2024-01-02', createUsageRecorder({ database })],
    ];
    const rows: string[][] = [];
    for (const [name, day, recorder] of designs) {
      const result = await run(name, recorder, tenants, day);
      const { rows: counted } = await sql<{ total: string }>`
        select coalesce(sum(quantity), 0)::text as total from metering.daily_usage where day = ${day}::date`.execute(
        database.owner,
      );
      rows.push([
        name,
        String(result.events),
        (result.events / result.seconds).toFixed(0),
        percentile(result.latencies, 50).toFixed(1),
        percentile(result.latencies, 95).toFixed(1),
        percentile(result.latencies, 99).toFixed(1),
        counted[0]?.total === String(result.events) ? 'exact' : `WRONG: ${counted[0]?.total ?? '?'}`,
      ]);
    }
    console.log(
      `metering: ${EVENTS} call records, ${CALLERS} callers, ${TENANTS} tenant(s); load average ${loadAverage()}`,
    );
    printTable(['design', 'events', 'events/s', 'p50 ms', 'p95 ms', 'p99 ms', 'rollup'], rows);
  } finally {
    await bench.close();
  }
}

await main();
