/**
 * Bus throughput: publishes and consumes 1 KB events through each adapter, acknowledging every
 * event, and prints events/s beside a raw baseline measured in the same run:
 *   - PostgreSQL: a raw multi-row INSERT of the same rows into a plain table;
 *   - NATS: a raw pipelined JetStream publish of the same messages.
 * Starts its own embedded PostgreSQL in a temp dir unless DATABASE_URL is set; the NATS part runs
 * against NATS_URL (default nats://127.0.0.1:4222) and is skipped when no server answers.
 *
 *   node --import tsx bench/bus.bench.ts   # BENCH_EVENTS, BENCH_NATS_EVENTS, BENCH_ROUNDS to change the sizes
 *
 * Baseline and bus are measured alternately, `BENCH_ROUNDS` times each, and the best of each is
 * compared, so that other load on the machine does not bias one side.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { busMigrations, createBus, type Bus, type NewEvent } from '../src/platform/bus/index.js';
import type { Database } from '../src/platform/db/index.js';
import { newUuid } from '../src/platform/ids.js';
import { openBenchDatabase } from './support/bench-database.js';
import { loadAverage } from './support/figures.js';
import { createLogger, createMetricsRegistry } from '../src/platform/telemetry/index.js';

const logger = createLogger({ level: 'warn' });
const pgEvents = Number(process.env.BENCH_EVENTS ?? 30_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const natsEvents = Number(process.env.BENCH_NATS_EVENTS ?? 15_000);
const batch = 500;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tenantId = newUuid();
const filler = 'x'.repeat(880);

function makeEvents(count: number, type: string): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: newUuid(),
    type,
    tenantId,
    key: `call-${i % 1_000}`,
    occurredAt: new Date().toISOString(),
    data: { recordId: newUuid(), source: 'bench', n: i, note: filler },
  }));
}

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

/** CPU time (ms) of a local nats-server process, read from /proc; undefined when there is none. */
function natsServerCpuMs(): number | undefined {
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('nats-server')) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime + stime, in clock ticks (100 a second on Linux).
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // The process ended while we looked.
      }
    }
  } catch {
    // No /proc.
  }
  return undefined;
}

/** Runs `fn` and prints the CPU it cost per event in this process and in a local nats-server. */
async function withCpu<T>(label: string, events: number, fn: () => Promise<T>): Promise<T> {
  const node = process.cpuUsage();
  const nats = natsServerCpuMs();
  const result = await fn();
  const used = process.cpuUsage(node);
  const natsAfter = natsServerCpuMs();
  const perEvent = (ms: number) => ((ms * 1000) / events).toFixed(0);
  const natsPart =
    nats === undefined || natsAfter === undefined ? '' : `, nats-server ${perEvent(natsAfter - nats)}`;
  console.log(
    `  ${label}: CPU µs/event: this process ${perEvent((used.user + used.system) / 1000)}${natsPart}`,
  );
  return result;
}

/** The baseline: the same rows, multi-row INSERTs of `batch` rows on one plain pg connection. */
async function rawInsert(database: Database, events: readonly NewEvent[]): Promise<number> {
  const pool = database.pools.owner;
  await pool.query(`create table if not exists bench_raw (
      seq bigserial primary key, id uuid not null, type text not null, tenant_id uuid not null, occurred_at timestamptz not null,
      key text, partition smallint not null, traceparent text, data jsonb not null, target_group text)`);
  await pool.query('truncate bench_raw');
  const client = await pool.connect();
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += batch) {
      const params: unknown[] = [];
      const tuples: string[] = [];
      for (const e of events.slice(i, i + batch)) {
        const n = params.length;
        tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, 0, $${n + 6})`);
        params.push(e.id, e.type, e.tenantId, e.occurredAt, e.key, JSON.stringify(e.data));
      }
      await client.query(
        `insert into bench_raw (id, type, tenant_id, occurred_at, key, partition, data) values ${tuples.join(', ')}`,
        params,
      );
    }
    return perSecond(events.length, performance.now() - started);
  } finally {
    client.release();
  }
}

/** Publishes in transactions of `batch` events (as a busy ingest endpoint would) and waits until the group handled all. */
async function throughBus(
  database: Database,
  bus: Bus,
  events: readonly NewEvent[],
  topic: string,
): Promise<number> {
  let handled = 0;
  let done: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  const subscription = await bus.subscribe({
    group: `bench-${topic.replaceAll('.', '-')}`,
    topics: [topic],
    handler: () => {
      handled++;
      if (handled === events.length) done();
      return Promise.resolve();
    },
  });
  const started = performance.now();
  for (let i = 0; i < events.length; i += batch) {
    await database.withTenant({ tenantId }, (trx) => bus.publish(trx, events.slice(i, i + batch)));
  }
  await allHandled;
  const rate = perSecond(events.length, performance.now() - started);
  await subscription.stop();
  return rate;
}

async function rawJetStream(events: readonly NewEvent[], prefix: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${prefix.toUpperCase()}RAW`;
  await jsm.streams.add({ name: stream, subjects: [`${prefix}raw.>`], storage: StorageType.File });
  const bodies = events.map((e) => JSON.stringify(e));
  const window = 1_000;
  const started = performance.now();
  for (let i = 0; i < bodies.length; i += window) {
    await Promise.all(
      bodies
        .slice(i, i + window)
        .map((body, j) => js.publish(`${prefix}raw.p${(i + j) % 16}`, body, { msgID: events[i + j]?.id })),
    );
  }
  const rate = perSecond(events.length, performance.now() - started);
  await jsm.streams.delete(stream);
  await nc.close();
  return rate;
}

async function natsReachable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: natsUrl, timeout: 2_000 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase({
    prefix: 'switchboard-bench-',
    poolMax: 4,
    logger,
    migrations: [busMigrations],
  });
  const { database } = bench;
  const results: { adapter: string; events: number; bus: number; baseline: string; raw: number }[] = [];
  try {
    console.log(`load average at start: ${loadAverage()}`);
    console.log(
      `PostgreSQL: ${pgEvents} events of ~1 KB, published in transactions of ${batch}, one handler call and ack per event`,
    );
    const pgBus = await createBus(
      { natsUrl: undefined },
      { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
    );
    pgBus.startRelay();
    // Warm up connections, plans and the JIT before measuring.
    await rawInsert(database, makeEvents(2_000, 'bench.warmup.v1'));
    await throughBus(database, pgBus, makeEvents(2_000, 'bench.pgwarm.v1'), 'bench.pgwarm.v1');
    // Alternate baseline and bus twice and keep the best of each, so a burst of other load on
    // the machine does not land on one side of the comparison only.
    let raw = 0;
    let bus = 0;
    for (let round = 1; round <= rounds; round++) {
      const pgData = makeEvents(pgEvents, `bench.pg${round}.v1`);
      raw = Math.max(raw, await rawInsert(database, pgData));
      bus = Math.max(bus, await throughBus(database, pgBus, pgData, `bench.pg${round}.v1`));
    }
    results.push({ adapter: 'postgres', events: pgEvents, bus, baseline: 'raw multi-row INSERT', raw });
    await pgBus.close();

    if (await natsReachable()) {
      const prefix = `bench${Date.now().toString(36)}`;
      console.log(
        `NATS JetStream (${natsUrl}): ${natsEvents} events, outbox -> relay -> JetStream -> consumer group`,
      );
      const natsBus = await createBus(
        { natsUrl, partitions: Number(process.env.BENCH_NATS_PARTITIONS ?? 16), nats: { prefix } },
        { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
      );
      natsBus.startRelay();
      try {
        await throughBus(database, natsBus, makeEvents(1_000, 'bench.natswarm.v1'), 'bench.natswarm.v1');
        let rawJs = 0;
        let natsRate = 0;
        for (let round = 1; round <= rounds; round++) {
          const natsData = makeEvents(natsEvents, `bench.nats${round}.v1`);
          rawJs = Math.max(
            rawJs,
            await withCpu('raw JetStream publish', natsEvents, () =>
              rawJetStream(natsData, `${prefix}r${round}`),
            ),
          );
          natsRate = Math.max(
            natsRate,
            await withCpu('NATS bus', natsEvents, () =>
              throughBus(database, natsBus, natsData, `bench.nats${round}.v1`),
            ),
          );
        }
        results.push({
          adapter: 'nats',
          events: natsEvents,
          bus: natsRate,
          baseline: 'raw pipelined JetStream publish',
          raw: rawJs,
        });
      } finally {
        await natsBus.close();
        const nc = await connect({ servers: natsUrl });
        const jsm = await jetstreamManager(nc);
        for await (const s of jsm.streams.list())
          if (s.config.name.startsWith(prefix.toUpperCase())) await jsm.streams.delete(s.config.name);
        await nc.close();
      }
    } else {
      console.log(`NATS: no server at ${natsUrl}; skipped`);
    }
  } finally {
    await bench.close();
  }

  console.log('');
  console.log(`load average: ${loadAverage()}`);
  console.log(
    'adapter   events   bus events/s   baseline                          baseline/s   ratio   target',
  );
  for (const r of results) {
    const ratio = r.bus / r.raw;
    console.log(
      `${r.adapter.padEnd(9)} ${String(r.events).padStart(6)}   ${String(r.bus).padStart(12)}   ${r.baseline.padEnd(32)}  ${String(r.raw).padStart(10)}   ${(ratio * 100).toFixed(0).padStart(4)}%   ${ratio >= 0.8 ? 'met (>= 80%)' : 'MISSED (< 80%)'}`,
    );
  }
}

await main();
