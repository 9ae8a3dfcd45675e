/**
 * `npm run bench:ingest`: call records end to end through the running platform on embedded
 * defaults — HTTP batches of 500 to the ingest API (API key), durable raw payload + event, the
 * transform consumer, the write-once raw archive (one synced object per record) and the index —
 * until every record is indexed. Beside it, two reference figures of the same run: COPY of the
 * same rows into a bare table of the same PostgreSQL, and the raw archive alone (the same records
 * as one encrypted, synced object each, nothing else), which end to end cannot beat. It also
 * prints the CPU each record cost this process and PostgreSQL.
 *
 *   node --import tsx bench/ingest.bench.ts [--records 50000] [--batch 500] [--concurrency 4]
 *     [--layout both|object-per-record|segments] [--profile ingest.cpuprofile]
 *
 * `--layout` (SWITCHBOARD_ARCHIVE_LAYOUT, docs/objects.md): the end-to-end phase for one archive
 * layout or, by default, for both, each on a fresh platform, beside the same run's COPY and
 * archive-alone figures (the latter also as segments: one synced object per batch of 500).
 *
 * With --profile, the end-to-end phase is also sampled by V8's profiler (main thread only), written
 * to that file and summarised per category and record (bench/support/profile-summary.ts). The
 * profiler costs CPU of its own: take the CPU figures from a run without it.
 *
 * `--mode single` (issue 20): a source posting one record per request, open loop — a fixed
 * arrival rate for a while over 50 keep-alive connections — three ways, alternated in the same
 * run, each on a fresh platform: group commit of the raw payloads off (each request its own
 * transaction), on, and on with the transform's group commit too (SWITCHBOARD_TRANSFORM_GROUP_COMMIT).
 * Accept latency p50/p95/p99 from each request's due time, what was accepted and lost (answered
 * 202 but not stored), and the CPU per request of this process and PostgreSQL while accepting.
 * Then, until every record is indexed or `--drain` seconds have passed: how many were indexed,
 * at what rate from the first request, and the CPU per indexed record of both over the whole
 * path (accept, transform, downstream consumers; the platform's idle CPU included).
 *
 *   node --import tsx bench/ingest.bench.ts --mode single [--rates 200,500] [--seconds 10] [--connections 50] [--drain 60]
 *     [--variants one-by-one,group-commit,transform-groups] [--processes one,split] [--worker-profile dir]
 *
 * `--processes`: `one` runs the platform as `npm start` does, API and workers in this process;
 * `split` as a deployment for SBC rates does, the API in this process and the workers in a
 * `switchboard worker` process of their own on the same data dir (the Node CPU columns then add
 * the worker's). Both by default, alternated. `--worker-profile` writes the worker process's CPU
 * profile (V8's, main thread) into that folder when it stops.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createPlatform, type Platform } from '../src/app/platform.js';
import { createFilesystemObjectStore } from '../src/platform/objects/index.js';
import type { Keyring } from '../src/platform/crypto/index.js';
import { loadConfig } from '../src/platform/config/index.js';
import { fromPublicId } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { normalisedCall } from '../src/modules/calls/testing/index.js';
import type { NormalisedCall } from '../src/modules/calls/index.js';
import { printProfileSummary, summariseProfile, type CpuProfile } from './support/profile-summary.js';
import { loadAverage, printTable } from './support/figures.js';
import { quantile, runOpenLoop } from './support/open-loop-load.js';
import { listenWithBenchTenant } from './support/bench-tenant.js';
import { processCpuSeconds } from './support/proc-cpu.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    profile: { type: 'string' },
    mode: { type: 'string', default: 'batch' },
    rates: { type: 'string', default: '200,500' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    drain: { type: 'string', default: '60' },
    layout: { type: 'string', default: 'both' },
    // --mode single: which of the three variants run (comma-separated: one-by-one, group-commit, transform-groups).
    variants: { type: 'string', default: 'one-by-one,group-commit,transform-groups' },
    // --mode single: the platform in one process (as npm start), or the API here and a worker process.
    processes: { type: 'string', default: 'one,split' },
    // --mode single, split: the worker process's CPU profile (V8's, main thread) into this folder.
    'worker-profile': { type: 'string' },
  },
});
type Layout = 'object-per-record' | 'segments';
const layoutsToRun: Layout[] =
  values.layout === 'both'
    ? ['object-per-record', 'segments']
    : values.layout === 'object-per-record' || values.layout === 'segments'
      ? [values.layout]
      : (() => {
          throw new Error(`--layout must be both, object-per-record or segments, not ${values.layout}`);
        })();
const total = Number(values.records);
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);

function makeRecords(count: number): NormalisedCall[] {
  const base = Date.parse('2026-10-01T08:00:00Z');
  return Array.from({ length: count }, (_, i) =>
    normalisedCall({
      source: 'generic',
      sourceCallId: `bench-${i}`,
      conversationId: `bench-conv-${i}`,
      startedAt: new Date(base + i * 7_000).toISOString(),
      from: {
        raw: `+4930${String(1_000_000 + (i % 500_000))}`,
        e164: `+4930${String(1_000_000 + (i % 500_000))}`,
        displayName: `Caller ${i % 997}`,
      },
      agent: { id: `agent-${i % 40}`, name: `Agent ${i % 40}` },
      queue: { id: `queue-${i % 6}`, name: `Queue ${i % 6}` },
    }),
  );
}

async function copyBaseline(url: string, records: NormalisedCall[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'drop table if exists bench_copy; create table bench_copy (source text, source_call_id text, started_at timestamptz, record jsonb)',
    );
    const escape = (value: string) =>
      value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
    const started = performance.now();
    const lines = (function* () {
      for (const r of records)
        yield `${r.source}\t${escape(r.sourceCallId)}\t${r.startedAt}\t${escape(JSON.stringify(r))}\n`;
    })();
    await pipeline(Readable.from(lines), client.query(copyFrom('copy bench_copy from stdin')));
    return records.length / ((performance.now() - started) / 1000);
  } finally {
    await client.end();
  }
}

/**
 * The second reference figure: the raw archive alone, one encrypted and synced object per record
 * through the filesystem object store (batches of 500, `concurrency` batches at once), with no
 * parsing and no index. End to end cannot beat it, whatever the rest costs. The store has its
 * defaults, as in production: exclusive create on a local file system (docs/objects.md).
 */
async function archiveFloor(
  root: string,
  keyring: Keyring,
  tenantId: string,
  records: NormalisedCall[],
  layout: Layout = 'object-per-record',
): Promise<number> {
  const store = createFilesystemObjectStore({ root, keyring });
  const bodies = records.map((r, i) => ({
    key: `${tenantId}/generic/2026/10/01/call_floor${i}_${Date.now()}.json`,
    body: Buffer.from(JSON.stringify({ source: 'generic', callId: `call_floor${i}`, raw: r }), 'utf8'),
    options: { contentType: 'application/json', tenantId },
  }));
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const from = next;
      next += batchSize;
      const batch = bodies.slice(from, from + batchSize);
      // Segments: the batch's records as one object (one day here), as the archive writes them.
      if (layout === 'segments')
        await store.putMany([
          {
            key: `${tenantId}/generic/2026/10/01/seg_floor${from}.seg`,
            body: Buffer.concat(batch.map((b) => b.body)),
            options: { contentType: 'application/octet-stream', tenantId },
          },
        ]);
      else await store.putMany(batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const rate = bodies.length / ((performance.now() - started) / 1000);
  await store.close();
  return rate;
}

/**
 * CPU seconds used so far by the embedded PostgreSQL: the postmaster, its live children and the
 * children that have exited (Linux /proc; undefined elsewhere or with an external DATABASE_URL).
 */
async function postgresCpuSeconds(dataDir: string): Promise<number | undefined> {
  try {
    const postmaster = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    const ticks = Number(process.env.CLK_TCK ?? 100);
    const statOf = async (pid: string) =>
      (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    let total = 0;
    for (const pid of await readdir('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const fields = await statOf(pid).catch(() => []);
      // After "pid (comm) ": state, ppid, ..., utime (index 11), stime, cutime, cstime.
      const isPostmaster = Number(pid) === postmaster;
      if (!isPostmaster && Number(fields[1]) !== postmaster) continue;
      total +=
        Number(fields[11]) +
        Number(fields[12]) +
        (isPostmaster ? Number(fields[13]) + Number(fields[14]) : 0);
    }
    return total / ticks;
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` on a fresh platform (`start` role by default, embedded PostgreSQL) in a temp data dir,
 * then removes both.
 */
async function withBenchPlatform<T>(
  prefix: string,
  env: Record<string, string>,
  fn: (platform: Platform, dataDir: string) => Promise<T>,
  role: 'start' | 'api' = 'start',
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000',
    ...env,
  });
  const platform = await createPlatform(config, { role, logger: createLogger({ level: 'warn' }) });
  try {
    return await fn(platform, dataDir);
  } finally {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const records = makeRecords(total);
  const floorRates = new Map<Layout, number>();
  const copyRate = await withBenchPlatform('switchboard-ingest-bench-', {}, async (platform, dataDir) => {
    const { tenantId } = await listenWithBenchTenant(platform, ['calls:ingest']);
    console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()}`);
    console.log(
      `Records: ${total.toLocaleString('en')} in batches of ${batchSize}, ${concurrency} requests in flight`,
    );
    // The archive first: a sync of the file system would also flush the COPY's table files.
    for (const layout of ['object-per-record', 'segments'] as const)
      floorRates.set(
        layout,
        await archiveFloor(
          path.join(dataDir, `floor-${layout}`),
          platform.keyring,
          tenantId,
          records,
          layout,
        ),
      );
    return copyBaseline(platform.database.ownerUrl, records);
  });
  console.log(
    `Baseline  COPY into a bare table:                     ${Math.round(copyRate).toLocaleString('en')} rows/s`,
  );
  console.log(
    `Floor     raw archive alone, one synced object each:  ${Math.round(floorRates.get('object-per-record') ?? 0).toLocaleString('en')} objects/s`,
  );
  console.log(
    `Floor     raw archive alone, one segment per batch:   ${Math.round(floorRates.get('segments') ?? 0).toLocaleString('en')} records/s`,
  );
  const rows: string[][] = [];
  for (const layout of layoutsToRun) {
    const row = await endToEnd(layout, records, copyRate, floorRates.get(layout) ?? 0);
    rows.push(row);
  }
  console.log('');
  printTable(
    [
      'layout',
      'accepted',
      'end to end',
      '% of COPY',
      '% of archive alone',
      'CPU/rec Node',
      '(kernel)',
      'CPU/rec PG',
      'load',
    ],
    rows,
  );
  console.log(
    "CPU per record: this process (API, transform, archive; the benchmark's own HTTP client included) and the embedded PostgreSQL.",
  );
  console.log('Targets (issue 20): object-per-record >= 80% of archive alone; segments >= 25% of COPY.');
}

/** The end-to-end phase for one archive layout, on a platform of its own. */
async function endToEnd(
  layout: Layout,
  records: NormalisedCall[],
  copyRate: number,
  floorRate: number,
): Promise<string[]> {
  return withBenchPlatform(
    'switchboard-ingest-bench-',
    { SWITCHBOARD_ARCHIVE_LAYOUT: layout },
    async (platform, dataDir) => {
      const { port, tenantId, key } = await listenWithBenchTenant(platform, ['calls:ingest']);
      const bodies: string[] = [];
      for (let i = 0; i < records.length; i += batchSize)
        bodies.push(JSON.stringify(records.slice(i, i + batchSize)));
      const profiler = values.profile === undefined ? undefined : new Session();
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const pgBefore = await postgresCpuSeconds(dataDir);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let next = 0;
      const post = async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/calls/ingest?format=generic-json`, {
            method: 'POST',
            headers: { 'x-api-key': key, 'content-type': 'application/json' },
            body,
          });
          if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, post));
      const accepted = performance.now();
      let indexed = 0;
      while (indexed < total) {
        await new Promise((r) => setTimeout(r, 100));
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from calls.call_keys where tenant_id = ${tenantId}`.execute(
          platform.database.owner,
        );
        indexed = rows[0]?.n ?? 0;
        if (performance.now() - started > 15 * 60_000)
          throw new Error(`only ${indexed} of ${total} indexed after 15 minutes`);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = await postgresCpuSeconds(dataDir);
      const profile = profiler && ((await profiler.post('Profiler.stop')).profile as CpuProfile);
      profiler?.disconnect();
      const rate = total / seconds;
      const perRecord = (cpuSeconds: number) => `${Math.round((cpuSeconds / total) * 1e6)} µs`;
      if (profile && values.profile) {
        const file =
          layoutsToRun.length > 1
            ? values.profile.replace(/(\.cpuprofile)?$/, `.${layout}$1`)
            : values.profile;
        await writeFile(file, JSON.stringify(profile));
        console.log(
          `\nProfile of the end-to-end phase, ${layout} (${file}; the profiler's own cost included):`,
        );
        // process.cpuUsage() is in µs already.
        printProfileSummary(summariseProfile(profile), total, (cpu.user + cpu.system) / total);
      }
      return [
        layout,
        `${Math.round(total / ((accepted - started) / 1000)).toLocaleString('en')}/s`,
        `${Math.round(rate).toLocaleString('en')}/s (${seconds.toFixed(1)} s)`,
        `${((rate / copyRate) * 100).toFixed(0)}%`,
        `${((rate / floorRate) * 100).toFixed(0)}%`,
        perRecord((cpu.user + cpu.system) / 1e6),
        perRecord(cpu.system / 1e6),
        pgBefore === undefined || pgAfter === undefined ? 'n/a' : perRecord(pgAfter - pgBefore),
        loadAverage(),
      ];
    },
  );
}

type SingleVariant = 'one by one' | 'group commit' | 'group commit + transform groups';
const variantNames: Record<string, SingleVariant> = {
  'one-by-one': 'one by one',
  'group-commit': 'group commit',
  'transform-groups': 'group commit + transform groups',
};
const singleVariants = values.variants.split(',').map((name) => {
  const variant = variantNames[name.trim()];
  if (!variant) throw new Error(`--variants: ${name} is not one of ${Object.keys(variantNames).join(', ')}`);
  return variant;
});

type Processes = 'one' | 'split';
const processesToRun = values.processes.split(',').map((name): Processes => {
  if (name.trim() === 'one' || name.trim() === 'split') return name.trim() as Processes;
  throw new Error(`--processes: ${name} is not one or split`);
});

/**
 * A `switchboard worker` on the platform's data dir (it attaches to the embedded PostgreSQL), as a
 * deployment runs it; resolves once its transform consumer has joined its group.
 */
async function startWorkerProcess(
  platform: Platform,
  dataDir: string,
  env: Record<string, string>,
): Promise<{ pid: number | undefined; stop: () => Promise<void> }> {
  const profile = values['worker-profile']
    ? ['--cpu-prof', `--cpu-prof-dir=${values['worker-profile']}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, path.resolve(import.meta.dirname, '../bin/switchboard.js'), 'worker'],
    {
      env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = performance.now() + 120_000;
  for (;;) {
    const joined = await sql<{ n: number }>`
      select count(*)::int as n from bus.group_members where group_name = 'calls-transform'`.execute(
      platform.database.owner,
    );
    if ((joined.rows[0]?.n ?? 0) > 0) break;
    if (child.exitCode !== null || performance.now() > until) {
      child.kill('SIGKILL');
      throw new Error('the worker process did not join the calls-transform group');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One open-loop run of single-record requests on a fresh platform, group commit on or off. */
async function singleRun(rate: number, variant: SingleVariant, processes: Processes): Promise<string[]> {
  const env = {
    SWITCHBOARD_INGEST_GROUP_COMMIT: String(variant !== 'one by one'),
    SWITCHBOARD_TRANSFORM_GROUP_COMMIT: String(variant === 'group commit + transform groups'),
  };
  return withBenchPlatform(
    'switchboard-ingest-single-',
    env,
    async (platform, dataDir) => {
      const worker = processes === 'split' ? await startWorkerProcess(platform, dataDir, env) : undefined;
      try {
        return await singleRunOn(
          platform,
          dataDir,
          rate,
          `${rate}/s ${variant}, ${processes === 'split' ? 'API + worker process' : 'one process'}`,
          worker?.pid,
        );
      } finally {
        await worker?.stop();
      }
    },
    processes === 'split' ? 'api' : 'start',
  );
}

async function singleRunOn(
  platform: Platform,
  dataDir: string,
  rate: number,
  label: string,
  workerPid: number | undefined,
): Promise<string[]> {
  /** CPU seconds of this process and the worker process, if there is one. */
  const ownCpu = () => {
    const own = process.cpuUsage();
    return (own.user + own.system) / 1e6;
  };
  const workerCpu = async () => (await processCpuSeconds(workerPid)) ?? 0;
  const nodeCpu = async () => ownCpu() + (await workerCpu());
  const { port, tenantId, key } = await listenWithBenchTenant(platform, ['calls:ingest']);
  const seconds = Number(values.seconds);
  const records = makeRecords(Math.round(rate * seconds));
  const load = loadAverage();
  const pgBefore = await postgresCpuSeconds(dataDir);
  const cpuBefore = await nodeCpu();
  const workerBefore = await workerCpu();
  const started = performance.now();
  const result = await runOpenLoop({
    port,
    path: '/api/v1/calls/ingest?format=generic-json',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    rate,
    seconds,
    connections: Number(values.connections),
    body: (i) => JSON.stringify([records[i]]),
  });
  const cpu = (await nodeCpu()) - cpuBefore;
  const pgAfter = await postgresCpuSeconds(dataDir);
  const ids = result.accepted.map(
    (body) => fromPublicId('raw', (JSON.parse(body) as { payloadId: string }).payloadId) ?? '',
  );
  const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from calls.raw_payloads where tenant_id = ${tenantId} and id = any(${ids}::uuid[])`.execute(
    platform.database.owner,
  );
  const lost = ids.length - (rows[0]?.n ?? 0);
  // The whole path: until every record is indexed (each request holds a call of its own), or the drain runs out.
  let indexed = 0;
  const drainUntil = performance.now() + Number(values.drain) * 1000;
  for (;;) {
    const counted = await sql<{ n: number }>`
          select count(*)::int as n from calls.call_keys where tenant_id = ${tenantId}`.execute(
      platform.database.owner,
    );
    indexed = counted.rows[0]?.n ?? 0;
    if (indexed >= ids.length || performance.now() > drainUntil) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const indexedAfter = (performance.now() - started) / 1000;
  const cpuWhole = (await nodeCpu()) - cpuBefore;
  const workerWhole = (await workerCpu()) - workerBefore;
  const pgWhole = await postgresCpuSeconds(dataDir);
  const perIndexed = (cpuSeconds: number | undefined) =>
    cpuSeconds === undefined ? 'n/a' : `${((cpuSeconds / Math.max(1, indexed)) * 1000).toFixed(1)} ms`;
  const ms = (q: number) => `${Math.round(quantile(result.latenciesMs, q))} ms`;
  const perRequest = (cpuSeconds: number | undefined) =>
    cpuSeconds === undefined ? 'n/a' : `${((cpuSeconds / Math.max(1, ids.length)) * 1000).toFixed(1)} ms`;
  const failed = [...result.failed].map(([why, n]) => `${n}×${why}`).join(' ') || '0';
  return [
    label,
    `${Math.round(ids.length / result.seconds)}/s`,
    ms(0.5),
    ms(0.95),
    ms(0.99),
    `${ids.length}/${result.sent}`,
    failed,
    String(lost),
    perRequest(cpu),
    perRequest(pgBefore === undefined || pgAfter === undefined ? undefined : pgAfter - pgBefore),
    `${indexed}/${ids.length} in ${indexedAfter.toFixed(0)} s`,
    `${Math.round(indexed / indexedAfter)}/s`,
    workerPid === undefined
      ? perIndexed(cpuWhole)
      : `${perIndexed(cpuWhole)} (worker ${perIndexed(workerWhole)})`,
    perIndexed(pgBefore === undefined || pgWhole === undefined ? undefined : pgWhole - pgBefore),
    load,
  ];
}

async function single(): Promise<void> {
  const rates = values.rates.split(',').map(Number);
  console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()}`);
  console.log(
    `One record per request, open loop for ${values.seconds} s per run over ${values.connections} keep-alive connections; ` +
      "latency from each request's due time to its 202 (target at 500/s: p95 < 50 ms, nothing lost)",
  );
  const rows: string[][] = [];
  for (const rate of rates) {
    // Alternated in the same run: the machine's load drifts.
    for (const variant of singleVariants)
      for (const processes of processesToRun) rows.push(await singleRun(rate, variant, processes));
  }
  printTable(
    [
      'run',
      'accepted',
      'p50',
      'p95',
      'p99',
      'accepted/sent',
      'failed',
      'lost',
      'CPU/req Node',
      'CPU/req PG',
      'indexed',
      'index rate',
      'CPU/rec e2e Node',
      'CPU/rec e2e PG',
      'load',
    ],
    rows,
  );
  console.log(
    'CPU per request: Node (this process: the API, the load client and, in one process, the transform as it keeps up; plus the worker process when split) and the embedded PostgreSQL, while requests were sent.',
  );
  console.log(
    `End to end: from the first request until every record was indexed (or ${values.drain} s after the last answer), per record indexed, idle CPU included.`,
  );
}

if (values.mode === 'single') await single();
else await main();
