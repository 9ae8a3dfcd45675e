import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import {
  busyShare,
  cpuAdded,
  cpuByPid,
  machineCpu,
  processCpuSeconds,
  programCpuSeconds,
} from './proc-cpu.js';
import { startMember, type ClusterSettings, type Member } from './scale-cluster.js';
import type { ApiTarget, IngestClient, IngestRequest, SendProgress, SendResult } from './scale-load.js';

/*
 * One configuration of `bench:scale` (n api + m workers): start the processes, measure a steady
 * run (no kills) for throughput, then a run with kill -9 of a worker and an api part-way through,
 * and count what the index holds against what the apis accepted.
 */

export interface ConfigurationPlan {
  readonly label: string;
  readonly apis: number;
  readonly workers: number;
  readonly tenantId: string;
  readonly apiKey: string;
  /** A few requests per api before the clock starts (connections, JIT, the month's partitions). */
  readonly warmup: readonly IngestRequest[];
  readonly steady: readonly IngestRequest[];
  readonly withKills: readonly IngestRequest[];
  /** Start the killed processes again (1 + 1: nobody else would serve or work). */
  readonly restartKilled: boolean;
  readonly concurrency: number;
  /** The installation's database: its PostgreSQL backends' CPU is counted. */
  readonly database: string;
  /** The shared PostgreSQL, NATS and object store processes, for the CPU figures. */
  readonly servicePids: { readonly objectStore: number | undefined };
}

export interface CpuFigures {
  /** CPU seconds by process kind (api, worker, PostgreSQL, NATS, object store, Redis, bench). */
  readonly seconds: Readonly<Record<string, number | undefined>>;
  /** Share of the machine's cores busy over the phase (0..1). */
  readonly busy: number | undefined;
}

export interface SteadyFigures {
  readonly records: number;
  readonly acceptedSeconds: number;
  readonly indexedSeconds: number;
  readonly cpu: CpuFigures;
}

export interface KillFigures {
  readonly records: number;
  readonly events: readonly string[];
  readonly failures: Readonly<Record<string, number>>;
  readonly retriedRequests: number;
  /** From the first request to the last 202, and to the last record indexed. */
  readonly acceptedSeconds: number;
  readonly indexedSeconds: number;
}

export interface Count {
  readonly accepted: number;
  readonly indexed: number;
  /** Accepted but not in the index, and in the index but never accepted (a request whose answer was lost). */
  readonly missing: number;
  readonly unexpected: number;
  /** Rows of the call index and their distinct source call ids. */
  readonly rows: number;
  readonly distinctRows: number;
  readonly requestsAccepted: number;
  readonly payloadsStored: number;
  readonly payloadsUnprocessed: number;
  readonly quarantined: number;
}

export interface ConfigurationResult {
  readonly label: string;
  readonly apis: number;
  readonly workers: number;
  readonly steady: SteadyFigures;
  readonly kills: KillFigures;
  readonly count: Count;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function indexedCount(owner: pg.Pool, tenantId: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(
    'select count(*)::int as n from calls.call_keys where tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.n ?? 0;
}

async function untilIndexed(
  owner: pg.Pool,
  tenantId: string,
  expected: number,
  limitMs: number,
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const n = await indexedCount(owner, tenantId);
    if (n >= expected) return performance.now();
    if (performance.now() - started > limitMs)
      throw new Error(
        `only ${String(n)} of ${String(expected)} records indexed after ${String(limitMs / 1000)} s`,
      );
    await sleep(100);
  }
}

async function cpuNow(members: readonly Member[], objectStore: number | undefined, database: string) {
  const byRole: Record<string, number> = {};
  for (const member of members) {
    const seconds = await processCpuSeconds(member.pid);
    if (seconds !== undefined) byRole[member.role] = (byRole[member.role] ?? 0) + seconds;
  }
  const bench = process.cpuUsage();
  return {
    byRole,
    postgres: await cpuByPid(` ${database} `),
    nats: await programCpuSeconds('nats-server'),
    redis: await programCpuSeconds('redis-server'),
    objectStore: await processCpuSeconds(objectStore),
    bench: (bench.user + bench.system) / 1e6,
    machine: await machineCpu(),
  };
}

type CpuReading = Awaited<ReturnType<typeof cpuNow>>;

function cpuBetween(before: CpuReading, after: CpuReading): CpuFigures {
  const diff = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : b - a;
  return {
    seconds: {
      api: diff(before.byRole.api, after.byRole.api),
      worker: diff(before.byRole.worker, after.byRole.worker),
      PostgreSQL: cpuAdded(before.postgres, after.postgres),
      NATS: diff(before.nats, after.nats),
      'object store': diff(before.objectStore, after.objectStore),
      Redis: diff(before.redis, after.redis),
      'bench (load)': diff(before.bench, after.bench),
    },
    busy: busyShare(before.machine, after.machine),
  };
}

async function countIndex(owner: pg.Pool, tenantId: string, accepted: ReadonlySet<string>, requests: number) {
  const keys = await owner.query<{ id: string }>(
    'select source_call_id as id from calls.call_keys where tenant_id = $1',
    [tenantId],
  );
  const indexed = new Set(keys.rows.map((r) => r.id));
  const rows = await owner.query<{ rows: number; distinct: number }>(
    'select count(*)::int as rows, count(distinct source_call_id)::int as distinct from calls.call_records where tenant_id = $1',
    [tenantId],
  );
  const payloads = await owner.query<{ stored: number; unprocessed: number }>(
    'select count(*)::int as stored, count(*) filter (where processed_at is null)::int as unprocessed from calls.raw_payloads where tenant_id = $1',
    [tenantId],
  );
  const quarantine = await owner.query<{ n: number }>(
    'select count(*)::int as n from calls.quarantine where tenant_id = $1',
    [tenantId],
  );
  return {
    accepted: accepted.size,
    indexed: indexed.size,
    missing: [...accepted].filter((id) => !indexed.has(id)).length,
    unexpected: [...indexed].filter((id) => !accepted.has(id)).length,
    rows: rows.rows[0]?.rows ?? 0,
    distinctRows: rows.rows[0]?.distinct ?? 0,
    requestsAccepted: requests,
    payloadsStored: payloads.rows[0]?.stored ?? 0,
    payloadsUnprocessed: payloads.rows[0]?.unprocessed ?? 0,
    quarantined: quarantine.rows[0]?.n ?? 0,
  };
}

const seconds = (from: number, to: number) => (to - from) / 1000;

export async function runConfiguration(
  settings: ClusterSettings,
  client: IngestClient,
  plan: ConfigurationPlan,
): Promise<ConfigurationResult> {
  const { owner } = settings;
  const members: Member[] = [];
  const apis: ApiTarget[] = [];
  const tag = plan.label.replace(/\D+/g, 'x');
  const accepted = new Set<string>();
  let requestsAccepted = 0;
  const take = (result: SendResult, count: number) => {
    for (const id of result.acceptedIds) accepted.add(id);
    requestsAccepted += count;
  };
  const progressOf = (requests: readonly IngestRequest[]): SendProgress => ({
    acceptedRequests: 0,
    acceptedRecords: 0,
    totalRequests: requests.length,
  });

  try {
    for (let i = 1; i <= plan.apis; i++) {
      const port = await freePort();
      members.push(startMember(settings, 'api', `${tag}-api-${String(i)}`, { port }));
      apis.push({ name: `api-${String(i)}`, port });
    }
    for (let i = 1; i <= plan.workers; i++)
      members.push(startMember(settings, 'worker', `${tag}-worker-${String(i)}`));
    const starting = performance.now();
    await Promise.all(members.map((m) => m.ready));
    console.log(`  processes ready in ${seconds(starting, performance.now()).toFixed(1)} s`);

    const warm = await client.sendAll(plan.warmup, () => apis, plan.concurrency, progressOf(plan.warmup));
    take(warm, plan.warmup.length);
    await untilIndexed(owner, plan.tenantId, accepted.size, 120_000);

    // Steady: throughput with every process up.
    const before = await cpuNow(members, plan.servicePids.objectStore, plan.database);
    const steady = await client.sendAll(plan.steady, () => apis, plan.concurrency, progressOf(plan.steady));
    take(steady, plan.steady.length);
    const steadyIndexedAt = await untilIndexed(owner, plan.tenantId, accepted.size, 300_000);
    const after = await cpuNow(members, plan.servicePids.objectStore, plan.database);
    console.log(
      `  steady run: ${String(plan.steady.length)} requests accepted in ${seconds(steady.startedAt, steady.lastAcceptedAt).toFixed(1)} s, ` +
        `indexed ${seconds(steady.startedAt, steadyIndexedAt).toFixed(1)} s after the first`,
    );

    // With kills: 1 + 1 starts the killed processes again (nobody else would serve or work).
    const events: string[] = [];
    const progress = progressOf(plan.withKills);
    const killStart = performance.now();
    const note = (text: string): void => {
      events.push(`${seconds(killStart, performance.now()).toFixed(1)} s  ${text}`);
    };
    const restarts: Promise<void>[] = [];
    const killAndMaybeRestart = (role: 'api' | 'worker') => {
      const victim = members.find((m) => m.role === role && m.alive());
      if (!victim) return;
      victim.kill9();
      note(
        `kill -9 ${victim.name} (pid ${String(victim.pid)}) after ${String(progress.acceptedRecords)} records accepted`,
      );
      if (!plan.restartKilled) return;
      const replacement = startMember(settings, role, `${victim.name}-restarted`, {
        ...(victim.port === undefined ? {} : { port: victim.port }),
      });
      members.push(replacement);
      restarts.push(
        replacement.ready.then(() =>
          note(
            `${replacement.name} ready (pid ${String(replacement.pid)}), ${seconds(replacement.startedAt, performance.now()).toFixed(1)} s after its start`,
          ),
        ),
      );
    };
    // The worker goes once 30% of the requests are accepted, the api at 50%: each as a sender takes
    // its next request, so that the others are in flight at that moment.
    const kills: { at: number; role: 'api' | 'worker' }[] = [
      { at: Math.ceil(plan.withKills.length * 0.3), role: 'worker' },
      { at: Math.ceil(plan.withKills.length * 0.5), role: 'api' },
    ];
    const sent = await client.sendAll(plan.withKills, () => apis, plan.concurrency, progress, {
      beforeRequest: () => {
        const due = kills[0];
        if (due && progress.acceptedRequests >= due.at) {
          kills.shift();
          killAndMaybeRestart(due.role);
        }
      },
    });
    for (const missed of kills)
      note(`no kill of the ${missed.role}: the run ended first (more --kill-records make room for it)`);
    take(sent, plan.withKills.length);
    note(`every request accepted (${String(sent.retriedRequests)} needed another attempt)`);
    await Promise.all(restarts);
    const killIndexedAt = await untilIndexed(owner, plan.tenantId, accepted.size, 300_000);
    note('every accepted record indexed');

    return {
      label: plan.label,
      apis: plan.apis,
      workers: plan.workers,
      steady: {
        records: plan.steady.reduce((n, r) => n + r.ids.length, 0),
        acceptedSeconds: seconds(steady.startedAt, steady.lastAcceptedAt),
        indexedSeconds: seconds(steady.startedAt, steadyIndexedAt),
        cpu: cpuBetween(before, after),
      },
      kills: {
        records: plan.withKills.reduce((n, r) => n + r.ids.length, 0),
        events,
        failures: sent.failures,
        retriedRequests: sent.retriedRequests,
        acceptedSeconds: seconds(sent.startedAt, sent.lastAcceptedAt),
        indexedSeconds: seconds(sent.startedAt, killIndexedAt),
      },
      count: await countIndex(owner, plan.tenantId, accepted, requestsAccepted),
    };
  } finally {
    await Promise.all(members.map((m) => m.stop()));
  }
}
