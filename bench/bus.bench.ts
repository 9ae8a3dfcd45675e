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
 *
 * Two references are measured in the same alternation and printed below the table, without a
 * target: a raw JetStream publish *and consume* of the same messages by 16 partition consumers,
 * with one acknowledgement per message and one in flight per partition (what the bus does
 * today), and with acknowledgements in batches (AckPolicy.All, one per 100 messages: the upper
 * bound of the batched acknowledgements planned in docs/bus.md). `BENCH_NATS_REFERENCES=0`
 * leaves them out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { busMigrations, createBus, type Bus, type NewEvent } from '../src/platform/bus/index.js';
import type { Database } from '../src/platform/db/index.js';
import { newUuid } from '../src/platform/ids.js';
import { openBenchDatabase } from './support/bench-database.js';
import { loadAverage } from './support/figures.js';
import { processTreeCpuSeconds } from './support/proc-cpu.js';
import { createLogger, createMetricsRegistry } from '../src/platform/telemetry/index.js';

const logger = createLogger({ level: 'warn' });
const pgEvents = Number(process.env.BENCH_EVENTS ?? 30_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const natsEvents = Number(process.env.BENCH_NATS_EVENTS ?? 15_000);
const batch = 500;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tenantId = newUuid();
const filler = 'x'.repeat(880);
const natsReferences = process.env.BENCH_NATS_REFERENCES !== '0';
/** The embedded PostgreSQL server's postmaster, when the bench started one (its CPU is ours alone). */
let postmaster: number | undefined;

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

/** The postmaster of the server `database` is on: the parent of one of its backends. */
async function postmasterOf(database: Database): Promise<number | undefined> {
  const { rows } = await database.pools.owner.query<{ pid: number }>('select pg_backend_pid() as pid');
  try {
    const stat = readFileSync(`/proc/${rows[0]?.pid ?? 0}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` and prints the CPU it cost per event in this process, in a local nats-server and in
 * the embedded PostgreSQL server (postmaster and backends; only when the bench started it).
 */
async function withCpu<T>(label: string, events: number, fn: () => Promise<T>): Promise<T> {
  const node = process.cpuUsage();
  const nats = natsServerCpuMs();
  const pg = postmaster === undefined ? undefined : await processTreeCpuSeconds(postmaster);
  const result = await fn();
  const used = process.cpuUsage(node);
  const natsAfter = natsServerCpuMs();
  const pgAfter = postmaster === undefined ? undefined : await processTreeCpuSeconds(postmaster);
  const perEvent = (ms: number) => ((ms * 1000) / events).toFixed(0);
  const natsPart =
    nats === undefined || natsAfter === undefined ? '' : `, nats-server ${perEvent(natsAfter - nats)}`;
  const pgPart =
    pg === undefined || pgAfter === undefined ? '' : `, PostgreSQL ${perEvent((pgAfter - pg) * 1000)}`;
  console.log(
    `  ${label}: CPU µs/event: this process ${perEvent((used.user + used.system) / 1000)}${natsPart}${pgPart}`,
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

/** Publishes the events as JSON, 1,000 in flight at a time, each with its id as Nats-Msg-Id. */
async function publishPipelined(
  js: JetStreamClient,
  events: readonly NewEvent[],
  subjectOf: (index: number) => string,
): Promise<void> {
  const bodies = events.map((e) => JSON.stringify(e));
  const window = 1_000;
  for (let i = 0; i < bodies.length; i += window) {
    await Promise.all(
      bodies
        .slice(i, i + window)
        .map((body, j) => js.publish(subjectOf(i + j), body, { msgID: events[i + j]?.id })),
    );
  }
}

async function rawJetStream(events: readonly NewEvent[], prefix: string): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${prefix.toUpperCase()}RAW`;
  await jsm.streams.add({ name: stream, subjects: [`${prefix}raw.>`], storage: StorageType.File });
  const started = performance.now();
  await publishPipelined(js, events, (i) => `${prefix}raw.p${i % 16}`);
  const rate = perSecond(events.length, performance.now() - started);
  await jsm.streams.delete(stream);
  await nc.close();
  return rate;
}

/**
 * A reference, not a target: the same messages published as in `rawJetStream` while 16 partition
 * consumers consume them, each handled message acknowledged. `batchedAcks` false: explicit acks,
 * one message in flight per partition (the bus's consumers today); true: AckPolicy.All with up to
 * 1,000 in flight and one acknowledgement per 100 messages or when a partition's buffer runs dry.
 * No outbox, relay, handler runner or ownership of partitions: what JetStream alone costs.
 */
async function rawJetStreamConsumed(
  events: readonly NewEvent[],
  prefix: string,
  batchedAcks: boolean,
): Promise<number> {
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = `${prefix.toUpperCase()}REF`;
  await jsm.streams.add({ name: stream, subjects: [`${prefix}ref.>`], storage: StorageType.File });
  const partitions = 16;
  let handled = 0;
  let done: () => void = () => undefined;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  const consumers: { messages: ConsumerMessages; loop: Promise<void> }[] = [];
  for (let p = 0; p < partitions; p++) {
    await jsm.consumers.add(stream, {
      durable_name: `p${p}`,
      ack_policy: batchedAcks ? AckPolicy.All : AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      filter_subject: `${prefix}ref.p${p}`,
      max_ack_pending: batchedAcks ? 1_000 : 1,
    });
    const messages = await (await js.consumers.get(stream, `p${p}`)).consume({ max_messages: 256 });
    const loop = (async () => {
      let unacked = 0;
      for await (const msg of messages) {
        msg.json();
        handled++;
        if (!batchedAcks || ++unacked >= 100 || messages.getPending() <= 1 || handled === events.length) {
          msg.ack();
          unacked = 0;
        }
        if (handled === events.length) done();
      }
    })();
    consumers.push({ messages, loop });
  }
  const started = performance.now();
  await publishPipelined(js, events, (i) => `${prefix}ref.p${i % partitions}`);
  await allHandled;
  const rate = perSecond(events.length, performance.now() - started);
  for (const c of consumers) c.messages.stop();
  await Promise.all(consumers.map((c) => c.loop));
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
  if (!process.env.DATABASE_URL) postmaster = await postmasterOf(database);
  const results: { adapter: string; events: number; bus: number; baseline: string; raw: number }[] = [];
  const natsNotes: string[] = [];
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
      raw = Math.max(raw, await withCpu('raw multi-row INSERT', pgEvents, () => rawInsert(database, pgData)));
      bus = Math.max(
        bus,
        await withCpu('PostgreSQL bus', pgEvents, () =>
          throughBus(database, pgBus, pgData, `bench.pg${round}.v1`),
        ),
      );
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
        const references = { each: 0, batched: 0 };
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
          if (!natsReferences) continue;
          references.each = Math.max(
            references.each,
            await withCpu('reference: raw publish + consume, ack per message', natsEvents, () =>
              rawJetStreamConsumed(natsData, `${prefix}e${round}`, false),
            ),
          );
          references.batched = Math.max(
            references.batched,
            await withCpu('reference: raw publish + consume, batched acks', natsEvents, () =>
              rawJetStreamConsumed(natsData, `${prefix}b${round}`, true),
            ),
          );
        }
        if (natsReferences) {
          natsNotes.push(
            `NATS references (best of ${rounds}, no target): raw JetStream publish + consume, ack per message ` +
              `${references.each}/s (bus = ${Math.round((100 * natsRate) / references.each)}% of it); ` +
              `with batched acks ${references.batched}/s (${Math.round((100 * references.batched) / rawJs)}% of the publish baseline)`,
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
  for (const note of natsNotes) console.log(note);
}

await main();
