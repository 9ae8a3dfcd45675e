/**
 * `npm run bench:api`: the calls list under concurrency. Starts the platform as an `api` process
 * (HTTP, no workers) on a throwaway embedded PostgreSQL, seeds one tenant's calls, and measures
 * GET /api/v1/calls (the first page, 50 rows: API key, tenant transaction, keyset query,
 * decryption, response validation and serialisation) at 1 and at 50 concurrent clients, beside a
 * bare Fastify route in the same process returning the same 50 rows as a plain object, in the same
 * run and alternating with it. The load comes from a child process (bench/support/http-load.ts),
 * so this process's CPU is the server's. Then a sequential profile of one page's parts.
 *
 *   node --import tsx bench/api.bench.ts [--calls 2000] [--clients 1,50] [--seconds 5] [--rounds 2]
 *                                        [--cpu-profile api.cpuprofile]
 *
 * With --cpu-profile, one more run of the calls list alone at the largest client count is sampled by
 * V8's profiler (this process only: the server's main thread), written to that file and summarised
 * per category and page (bench/support/profile-summary.ts).
 */
import { createHash } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { systemContext } from '../src/platform/context.js';
import { fromPublicId } from '../src/platform/ids.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import { callRecord } from '../src/modules/calls/testing/index.js';
import { listenWithBenchTenant } from './support/bench-tenant.js';
import { loadAverage, printTable, startCallsBench } from './support/calls-bench.js';
import { runLoadInChild, type LoadResult } from './support/http-load.js';
import { printProfileSummary, summariseProfile, type CpuProfile } from './support/profile-summary.js';
import { processTreeCpuSeconds } from './support/proc-cpu.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    clients: { type: 'string', default: '1,50' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'string', default: '300' },
    'cpu-profile': { type: 'string' },
  },
});
const callCount = Number(args.calls);
const clientCounts = args.clients.split(',').map(Number);
const seconds = Number(args.seconds);
const rounds = Math.max(1, Number(args.rounds));
const profileRuns = Number(args.profile);
const logger = createLogger({ level: 'warn' });

interface Measured extends LoadResult {
  /** CPU milliseconds per answered request: this process (Node), and PostgreSQL's server. */
  readonly nodeMs: number;
  readonly pgMs: number | undefined;
}

const ms = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

async function main(): Promise<void> {
  const bench = await startCallsBench({
    prefix: 'switchboard-api-bench-',
    logger,
    role: 'api',
    env: { PORT: '0', SWITCHBOARD_RATE_LIMIT_INTERNAL: '100000000' },
  });
  const bare = Fastify({ logger: false });
  try {
    const { platform } = bench;
    const { port, tenantId, key } = await listenWithBenchTenant(platform, ['calls:read']);
    const ctx = systemContext(tenantId, 'bench', 'bench');
    const calls = platform.modules.calls.calls;
    const end = Date.UTC(2026, 9, 1);
    const records = Array.from({ length: callCount }, (_, i) =>
      callRecord(tenantId, {
        sourceCallId: `api-${i}`,
        startedAt: new Date(end - (callCount - i) * 60_000).toISOString(),
        from: {
          raw: `+491701${String(i).padStart(6, '0')}`,
          e164: `+491701${String(i).padStart(6, '0')}`,
          displayName: `Caller ${i}`,
        },
        agent: i % 3 === 0 ? null : { id: `agent${i % 40}@bench.example`, name: `Agent ${i % 40}` },
        queue: i % 2 === 0 ? { id: `q${i % 8}`, name: `Queue ${i % 8}` } : null,
      }),
    );
    for (let i = 0; i < records.length; i += 500) await calls.upsertRecords(ctx, records.slice(i, i + 500));
    await sql`vacuum analyze`.execute(platform.database.owner);

    const apiUrl = `http://127.0.0.1:${port}/api/v1/calls?limit=50`;
    const headers = { 'x-api-key': key };
    const first = await fetch(apiUrl, { headers });
    if (first.status !== 200)
      throw new Error(`the calls list answered ${first.status}: ${await first.text()}`);
    const page: unknown = await first.json();
    bare.get('/rows', () => page);
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareAddress = bare.server.address();
    const bareUrl = `http://127.0.0.1:${typeof bareAddress === 'object' && bareAddress ? bareAddress.port : 0}/rows`;

    const postmaster = Number(
      (await readFile(path.join(bench.dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    const measure = async (url: string, clients: number): Promise<Measured> => {
      const pgBefore = await processTreeCpuSeconds(postmaster);
      const cpuBefore = process.cpuUsage();
      const result = await runLoadInChild({ url, headers, clients, seconds, warmupSeconds: 1 });
      const cpu = process.cpuUsage(cpuBefore);
      const pgAfter = await processTreeCpuSeconds(postmaster);
      if (result.errors > 0) throw new Error(result.firstError);
      // The warm-up's requests used CPU too: spread it over every request of the run.
      const all = result.requests * ((seconds + 1) / seconds);
      return {
        ...result,
        nodeMs: (cpu.user + cpu.system) / 1000 / all,
        pgMs:
          pgBefore === undefined || pgAfter === undefined ? undefined : ((pgAfter - pgBefore) * 1000) / all,
      };
    };

    console.log(`Machine: ${os.cpus().length} cores, load average ${loadAverage()}`);
    console.log(
      `Calls: ${callCount} of one tenant; first page of 50; ${seconds} s per measurement after 1 s warm-up, ${rounds} rounds alternating\n`,
    );
    const rows: string[][] = [];
    const best = new Map<string, Measured>();
    for (let round = 0; round < rounds; round++) {
      for (const clients of clientCounts) {
        for (const [name, url] of [
          ['bare Fastify route, same 50 rows', bareUrl],
          ['GET /api/v1/calls (50 rows)', apiUrl],
        ] as const) {
          const m = await measure(url, clients);
          rows.push([
            name,
            String(clients),
            String(round + 1),
            Math.round(m.perSecond).toLocaleString('en'),
            ms(m.p50),
            ms(m.p95),
            ms(m.p99),
            ms(m.nodeMs, 2),
            ms(m.pgMs, 2),
            loadAverage(),
          ]);
          const id = `${name}\0${clients}`;
          const previous = best.get(id);
          if (!previous || m.perSecond > previous.perSecond) best.set(id, m);
        }
      }
    }
    printTable(
      [
        'route',
        'clients',
        'round',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'node CPU ms/req',
        'pg CPU ms/req',
        'load',
      ],
      rows,
    );
    console.log('\nBest round of each:');
    for (const clients of clientCounts) {
      const api = best.get(`GET /api/v1/calls (50 rows)\0${clients}`);
      const plain = best.get(`bare Fastify route, same 50 rows\0${clients}`);
      if (!api || !plain) continue;
      console.log(
        `  ${String(clients).padStart(2)} clients: calls list ${Math.round(api.perSecond)} req/s, p95 ${ms(api.p95)} ms` +
          ` — ${((api.perSecond / plain.perSecond) * 100).toFixed(1)}% of the bare route's ${Math.round(plain.perSecond)} req/s (p95 ${ms(plain.p95)} ms)`,
      );
    }

    const profileFile = args['cpu-profile'];
    if (profileFile !== undefined) {
      const clients = Math.max(...clientCounts);
      const profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      const m = await measure(apiUrl, clients);
      const { profile } = (await profiler.post('Profiler.stop')) as { profile: CpuProfile };
      profiler.disconnect();
      await writeFile(profileFile, JSON.stringify(profile));
      console.log(
        `\nSampled run of the calls list alone, ${clients} clients (profiler on: ${Math.round(m.perSecond)} req/s), written to ${profileFile}:`,
      );
      printProfileSummary(summariseProfile(profile), m.requests, m.nodeMs * 1000, 'page');
    }

    // Where one page's time goes, one after another on an idle server (wall ms per page, averaged).
    const time = async (run: () => unknown): Promise<number> => {
      for (let i = 0; i < 20; i++) await run();
      const started = performance.now();
      for (let i = 0; i < profileRuns; i++) await run();
      return (performance.now() - started) / profileRuns;
    };
    // What the API key check did per request before its cache: the SECURITY DEFINER look-up and
    // the secret's SHA-256 (the same SQL as api-keys.repo.ts, which is private to identity).
    const keyUuid = fromPublicId('key', key.slice(0, key.indexOf('.')));
    const secret = key.slice(key.indexOf('.') + 1);
    const body = JSON.stringify(page);
    const http = platform.http;
    if (!http) throw new Error('the api role serves no HTTP');
    // The page's rows as the list reads them (summary columns, newest first), without decryption.
    const pageRows = sql`select id, started_at, source, source_call_id, conversation_id, direction, disposition,
        answered_at, ended_at, ring_seconds, talk_seconds, total_seconds, agent_ciphertext, queue_id, queue_name,
        mos, jitter_ms, packet_loss_pct, rtt_ms, leg_count, recording_count, parties_ciphertext
      from calls.call_records order by started_at desc, id desc limit 51`;
    const profile: [string, number][] = [
      [
        'API key look-up + hash (before the cache)',
        await time(async () => {
          await sql`select * from identity.api_key_for_auth(${keyUuid})`.execute(platform.database.app);
          createHash('sha256').update(secret).digest();
        }),
      ],
      [
        'empty tenant transaction',
        await time(() => platform.database.withTenant(ctx, () => Promise.resolve())),
      ],
      [
        'tenant transaction + page query (51 rows)',
        await time(() => platform.database.withTenant(ctx, (trx) => pageRows.execute(trx))),
      ],
      [
        'calls.list (+ decryption and mapping)',
        await time(() => calls.list(ctx, { filters: {}, limit: 50 })),
      ],
      ['JSON.stringify of the page', await time(() => JSON.stringify(page))],
      [
        'whole request through app.inject',
        await time(() => http.inject({ method: 'GET', url: '/api/v1/calls?limit=50', headers })),
      ],
    ];
    console.log(
      `\nProfile of one page, sequential (${profileRuns} runs each, ${body.length} bytes of JSON):`,
    );
    printTable(
      ['part', 'ms per page'],
      profile.map(([name, value]) => [name, value.toFixed(3)]),
    );
    console.log(`\nLoad average at the end: ${loadAverage()}`);
  } finally {
    await bare.close();
    await bench.close();
  }
}

await main();
