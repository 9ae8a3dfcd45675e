/**
 * `npm run bench:scale`: the same call records through 1 api + 1 worker, then 2 apis + 2 workers,
 * every process a real `node bin/switchboard.js api|worker` started by the bench against the
 * machine's PostgreSQL (a fresh database), NATS JetStream (a prefix of its own) and an
 * S3-compatible store (s3rver, started here), with Redis for the shared rate limits. For each
 * configuration: throughput of a steady run, then a run during which one worker and one api are
 * killed with -9 (1 + 1 starts them again), and the count: every record an api accepted is in the
 * index once. Beside it, in the same run: COPY of the same rows into a bare table, the object
 * store alone, and 1 + 1 as the baseline of 2 + 2. Last, two schedulers: the timers' leader is
 * killed and the takeover timed.
 *
 *   node --import tsx bench/scale.bench.ts [--records 3000] [--kill-records 2000] [--batch 100]
 *     [--single-every 10] [--concurrency 8] [--no-failover] [--keep-logs]
 *
 * DATABASE_URL (a server the bench may create a database on; default the machine's 127.0.0.1:5432),
 * NATS_URL (default nats://127.0.0.1:4222) and REDIS_URL (default redis://127.0.0.1:6379) say where.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { fromPublicId } from '../src/platform/ids.js';
import { createObjectStore } from '../src/platform/objects/index.js';
import { startS3rver, type S3rverFixture } from '../src/platform/objects/testing/s3rver.fixture.js';
import { loadAverage, printTable } from './support/figures.js';
import { runCli, type ClusterSettings } from './support/scale-cluster.js';
import { timerFailover, type FailoverResult } from './support/scale-failover.js';
import { buildRequests, createIngestClient, type IngestRequest } from './support/scale-load.js';
import { runConfiguration, type ConfigurationResult } from './support/scale-run.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '3000' },
    'kill-records': { type: 'string' },
    batch: { type: 'string', default: '100' },
    'single-every': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'no-failover': { type: 'boolean', default: false },
    'keep-logs': { type: 'boolean', default: false },
  },
});
const records = Number(values.records);
const killRecords = Number(values['kill-records'] ?? Math.max(2_000, Math.round(records / 2)));
const batch = Number(values.batch);
const singleEvery = Number(values['single-every']);
const concurrency = Number(values.concurrency);

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const withDatabase = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Rows a second: COPY of the steady run's records (id, start, the CSV row) into a bare table. */
async function copyBaseline(owner: pg.Pool, requests: readonly IngestRequest[]): Promise<number> {
  const client = await owner.connect();
  try {
    await client.query(
      'create table bench_copy (source text, source_call_id text, received_at timestamptz, raw text)',
    );
    const escape = (value: string) =>
      value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
    const lines = requests.flatMap((request) => {
      const rows = request.body.toString('utf8').trimEnd().split('\n');
      return rows.map(
        (row, i) => `asterisk\t${escape(request.ids[i] ?? '')}\t2024-01-27 15:07:24+00\t${escape(row)}\n`,
      );
    });
    const started = performance.now();
    await pipeline(Readable.from(lines), client.query(copyFrom('copy bench_copy from stdin')));
    return lines.length / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

/**
 * Objects a second through the platform's S3 adapter alone: as many objects as records, the size
 * of an archived record, written as the archive writes them (putMany per batch: HEAD + PUT each,
 * 32 at a time), 4 batches at once.
 */
async function objectStoreFloor(url: string, count: number): Promise<number> {
  const store = createObjectStore(url, { onWarning: () => undefined });
  const body = Buffer.alloc(1_400, 'x');
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const from = next;
        next += batch;
        await store.putMany(
          Array.from({ length: Math.min(batch, count - from) }, (_, i) => ({
            key: `floor/${String(from + i)}.json`,
            body,
            options: { contentType: 'application/json' },
          })),
        );
      }
    }),
  );
  const rate = count / ((performance.now() - started) / 1000);
  await store.close();
  return rate;
}

async function createTenant(
  settings: ClusterSettings,
  slug: string,
): Promise<{ tenantId: string; apiKey: string }> {
  const created = await runCli(settings, ['tenants', 'create', '--name', `Scale ${slug}`, '--slug', slug]);
  const publicId = /\((ten_[a-z0-9]+)\)/.exec(created)?.[1];
  const tenantId = publicId ? fromPublicId('ten', publicId) : undefined;
  if (!tenantId) throw new Error(`no tenant id in: ${created}`);
  const keyOut = await runCli(settings, [
    'api-keys',
    'create',
    '--tenant',
    slug,
    '--name',
    'bench:scale',
    '--scope',
    'calls:ingest',
  ]);
  const apiKey = /^\s+(key_\S+)\s*$/m.exec(keyOut)?.[1];
  if (!apiKey) throw new Error(`no API key in: ${keyOut}`);
  return { tenantId, apiKey };
}

const int = (n: number) => Math.round(n).toLocaleString('en');
const rate = (count: number, seconds: number) => `${int(count / seconds)}/s`;

function printResults(
  results: readonly ConfigurationResult[],
  baselines: { copy: number; objects: number; objectCount: number },
): void {
  const first = results[0];
  const cores = os.cpus().length;
  console.log(
    '\nThroughput, steady run (every process up), records accepted (202) and indexed end to end; the CPU a record ' +
      'cost all processes of the installation, and the rate that CPU allows if the machine did nothing else:',
  );
  printTable(
    [
      'configuration',
      'records',
      'accepted',
      'indexed (end to end)',
      'vs 1 + 1',
      'vs COPY',
      'machine busy',
      'CPU per record',
      `ceiling on ${String(cores)} cores`,
    ],
    results.map((r) => {
      const e2e = r.steady.records / r.steady.indexedSeconds;
      const base = first ? first.steady.records / first.steady.indexedSeconds : e2e;
      // Every process of the installation (the bench's own load excepted): what a record costs.
      const cpu = Object.entries(r.steady.cpu.seconds)
        .filter(([kind]) => kind !== 'bench (load)')
        .reduce((sum, [, seconds]) => sum + (seconds ?? 0), 0);
      const perRecord = cpu / r.steady.records;
      return [
        r.label,
        int(r.steady.records),
        rate(r.steady.records, r.steady.acceptedSeconds),
        `${rate(r.steady.records, r.steady.indexedSeconds)} (${r.steady.indexedSeconds.toFixed(1)} s)`,
        `${(e2e / base).toFixed(2)}×`,
        `${((e2e / baselines.copy) * 100).toFixed(1)}%`,
        r.steady.cpu.busy === undefined
          ? 'n/a'
          : `${(r.steady.cpu.busy * 100).toFixed(0)}% of ${String(cores)} cores`,
        `${(perRecord * 1000).toFixed(1)} ms`,
        `${int(cores / perRecord)}/s`,
      ];
    }),
  );
  console.log(
    `Baselines of this run: COPY of the same rows into a bare table ${int(baselines.copy)} rows/s; ` +
      `the S3-compatible store alone ${int(baselines.objects)} objects/s (${int(baselines.objectCount)} objects as the archive writes them, from the bench process)`,
  );
  console.log(
    '\nWhere the CPU went in the steady run: CPU seconds per 1,000 records, and the share of one core ' +
      "it kept busy over the run (per process for api and worker; PostgreSQL: this database's backends):",
  );
  const kinds = Object.keys(first?.steady.cpu.seconds ?? {});
  printTable(
    ['configuration', ...kinds],
    results.map((r) => [
      r.label,
      ...kinds.map((kind) => {
        const s = r.steady.cpu.seconds[kind];
        if (s === undefined) return 'n/a';
        const processes = kind === 'api' ? r.apis : kind === 'worker' ? r.workers : 1;
        const core = s / r.steady.indexedSeconds / processes;
        return `${((s / r.steady.records) * 1000).toFixed(2)} s, ${(core * 100).toFixed(0)}%`;
      }),
    ]),
  );
  for (const r of results) {
    console.log(`\n${r.label}, run with kills (${int(r.kills.records)} records):`);
    for (const event of r.kills.events) console.log(`  ${event}`);
    const failures = Object.entries(r.kills.failures).map(([k, n]) => `${k} ×${String(n)}`);
    console.log(
      `  failed attempts, each retried on an api: ${failures.length > 0 ? failures.join(', ') : 'none'}; ` +
        `accepted in ${r.kills.acceptedSeconds.toFixed(1)} s, all indexed ${r.kills.indexedSeconds.toFixed(1)} s after the first request`,
    );
  }
  console.log('\nThe count (whole tenant: warm-up, steady run and run with kills):');
  printTable(
    [
      'configuration',
      'accepted',
      'indexed',
      'missing',
      'not accepted',
      'index rows',
      'distinct',
      'requests 202',
      'payloads stored',
      'unprocessed',
      'quarantined',
      'verdict',
    ],
    results.map((r) => {
      const c = r.count;
      const ok =
        c.accepted === c.indexed && c.missing === 0 && c.rows === c.distinctRows && c.quarantined === 0;
      return [
        r.label,
        int(c.accepted),
        int(c.indexed),
        int(c.missing),
        int(c.unexpected),
        int(c.rows),
        int(c.distinctRows),
        int(c.requestsAccepted),
        int(c.payloadsStored),
        int(c.payloadsUnprocessed),
        int(c.quarantined),
        ok ? 'accepted = indexed, no duplicates' : 'MISMATCH',
      ];
    }),
  );
}

function printFailover(result: FailoverResult): void {
  console.log('\nTimers: two `switchboard scheduler` processes, the lease holder killed with -9:');
  console.log(
    `  ${result.leader} held the timers lease (${String(result.runsBefore)} timer runs recorded by it), ` +
      `${result.leaseLeftSeconds.toFixed(1)} s of its ${String(result.leaseMs / 1000)} s lease left at the kill`,
  );
  console.log(
    `  ${result.follower} took the lease ${result.takeoverSeconds.toFixed(1)} s after the kill` +
      (result.firstRunSeconds === undefined
        ? ' (no timer slot fell due in the next 10 s)'
        : ` and ran its first timer (${result.firstRunJob ?? ''}) at ${result.firstRunSeconds.toFixed(1)} s`) +
      `; runs of the dead leader marked abandoned: ${String(result.abandoned)}; slots run twice: ${String(result.slotsRunTwice)}`,
  );
}

async function main(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const databaseName = `sb_scale_${run}`;
  const natsPrefix = `sbscale_${run}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-scale-bench-'));
  let s3: S3rverFixture | undefined;
  let owner: pg.Pool | undefined;
  let finished = false;
  try {
    console.log(`Machine: ${String(os.cpus().length)} cores, load average ${loadAverage()}`);
    console.log(
      `Records: ${int(records)} per steady run and ${int(killRecords)} per run with kills, in requests of ${String(batch)} ` +
        `(every ${String(singleEvery)}th request a single record), ${String(concurrency)} requests in flight; processes log to ${dir}`,
    );
    await admin(`CREATE DATABASE ${databaseName}`);
    const databaseUrl = withDatabase(serverUrl, databaseName);
    owner = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    s3 = await startS3rver();
    const objectStoreUrl =
      `s3://${s3.bucket}?endpoint=${encodeURIComponent(s3.endpoint)}&region=us-east-1&forcePathStyle=true` +
      `&accessKeyId=${s3.credentials.accessKeyId}&secretAccessKey=${s3.credentials.secretAccessKey}&objectLock=off`;
    const settings: ClusterSettings = {
      dir,
      owner,
      env: {
        DATABASE_URL: databaseUrl,
        NATS_URL: natsUrl,
        SWITCHBOARD_NATS_PREFIX: natsPrefix,
        OBJECT_STORE_URL: objectStoreUrl,
        REDIS_URL: redisUrl,
        SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64'),
        SWITCHBOARD_RATE_LIMIT_INTERNAL: '10000000',
      },
    };
    let started = performance.now();
    await runCli(settings, ['migrate']);
    // The timers' failover waits out a lease: it runs beside the rest of the set-up, before any measurement.
    const failover = values['no-failover'] ? undefined : timerFailover(settings);
    failover?.catch(() => undefined);
    const tenants = await Promise.all([
      createTenant(settings, 'scale-1x1'),
      createTenant(settings, 'scale-2x2'),
    ]);
    console.log(
      `Set-up: fresh database ${databaseName}, NATS prefix ${natsPrefix}, s3rver at ${s3.endpoint}; migrate and two tenants with API keys through the CLI in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    if (failover) printFailover(await failover);

    // The same records for both configurations (each in its own tenant).
    const warmup = buildRequests({ count: 8 * batch, firstSeq: 0, batch, perSingle: 4 });
    const steady = buildRequests({ count: records, firstSeq: 1_000_000, batch, perSingle: singleEvery });
    const withKills = buildRequests({
      count: killRecords,
      firstSeq: 2_000_000,
      batch,
      perSingle: singleEvery,
    });
    const baselines = {
      copy: await copyBaseline(owner, steady),
      objectCount: Math.min(records, 1_500),
      objects: 0,
    };
    baselines.objects = await objectStoreFloor(objectStoreUrl, baselines.objectCount);

    const results: ConfigurationResult[] = [];
    for (const [i, shape] of [
      { label: '1 api + 1 worker', apis: 1, workers: 1, restartKilled: true },
      { label: '2 apis + 2 workers', apis: 2, workers: 2, restartKilled: false },
    ].entries()) {
      const tenant = tenants[i];
      if (!tenant) continue;
      // What the previous configuration wrote is vacuumed and analysed now, not by autovacuum mid-run.
      await owner.query('VACUUM (ANALYZE)');
      started = performance.now();
      console.log(`\n${shape.label}: starting (load average ${loadAverage()})`);
      const ingest = createIngestClient({ apiKey: tenant.apiKey, maxSockets: concurrency });
      try {
        const result = await runConfiguration(settings, ingest, {
          ...shape,
          ...tenant,
          warmup,
          steady,
          withKills,
          concurrency,
          database: databaseName,
          servicePids: { objectStore: s3.pid },
        });
        results.push(result);
        console.log(
          `${shape.label}: done in ${((performance.now() - started) / 1000).toFixed(0)} s, ` +
            `${rate(result.steady.records, result.steady.indexedSeconds)} end to end (load average ${loadAverage()})`,
        );
      } finally {
        ingest.close();
      }
    }
    printResults(results, baselines);
    console.log(`\nLoad average at the end: ${loadAverage()}`);
    finished = true;
  } finally {
    await owner?.end();
    await s3?.stop();
    await admin(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
    const nc = await connect({ servers: natsUrl }).catch(() => undefined);
    if (nc) {
      const jsm = await jetstreamManager(nc);
      for await (const stream of jsm.streams.list())
        if (stream.config.name.startsWith(natsPrefix.toUpperCase()))
          await jsm.streams.delete(stream.config.name);
      await nc.close();
    }
    // The processes' logs stay for a look when something went wrong.
    if (finished && !values['keep-logs']) await rm(dir, { recursive: true, force: true });
    else console.log(`Process logs kept in ${dir}`);
  }
}

await main();
