/**
 * Background export benchmark: loads N calls of one tenant (real encrypted records bound to their
 * ids, so the export decrypts every one as in production), then exports them
 * all as CSV through the background job (workflow → keyset pages → formatter → object store,
 * encrypted under the tenant's key) and prints its time, rows, bytes and the process's resident
 * memory while it ran. Baseline in the same run: the direct streamed GET /calls/export of the same
 * calls, read to the end and thrown away.
 *
 *   node --import tsx bench/export.bench.ts [--records 1000000] [--format csv]
 *
 * Uses DATABASE_URL when set (an empty database: it is migrated), else an embedded PostgreSQL in a
 * temporary data directory. Objects go to the filesystem store under the data directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createPlatform } from '../src/app/platform.js';
import { loadConfig } from '../src/platform/config/index.js';
import { systemContext } from '../src/platform/context.js';
import { createLogger } from '../src/platform/telemetry/index.js';
import type { CallExportJob, ExportFormat } from '../src/modules/calls/index.js';
import { callRecord, createCallCrypto, normalisedCall, party } from '../src/modules/calls/testing/index.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: process.env.BENCH_RECORDS ?? '1000000' },
    format: { type: 'string', default: 'csv' },
  },
});
const totalRecords = Number(args.records);
const format = args.format as ExportFormat;

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MiB`;

/** Samples the resident set every 50 ms while `work` runs; answers its peak and the time taken. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakRss: number; startRss: number }> {
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const value = await work();
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      peakRss: Math.max(peakRss, process.memoryUsage().rss),
      startRss,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-export-bench-'));
  const config = loadConfig({
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    SWITCHBOARD_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000',
  });
  const platform = await createPlatform(config, { role: 'start', logger: createLogger({ level: 'warn' }) });
  try {
    const { calls, identity } = platform.modules;
    const tenant = await identity.tenantAdmin.create({
      name: 'Export bench',
      slug: `export-bench-${Date.now()}`,
    });
    const ctx = { ...systemContext(tenant.uuid, 'bench', 'bench'), clientIp: '127.0.0.1' };

    console.log(`loading ${totalRecords.toLocaleString('en')} calls…`);
    const loadStarted = performance.now();
    const start = Date.UTC(2026, 0, 1);
    const startedAtOf = (i: number) => new Date(start + i * 15_000).toISOString();
    const overridesOf = (i: number) => ({
      sourceCallId: `bench-${i}`,
      startedAt: startedAtOf(i),
      from: party(
        `+4930${String(i).padStart(8, '0')}`,
        `+4930${String(i).padStart(8, '0')}`,
        `Caller ${i % 5000}`,
      ),
    });
    // The first calls through the index's own upsert; the rest as copies of one of them (plain
    // columns) with a record and parties of their own, encrypted under the tenant's key and bound
    // to their id exactly as the upsert does, bulk-inserted: the upsert would take an hour here.
    const upserted = Math.min(totalRecords, 2_000);
    await calls.calls.upsertRecords(
      ctx,
      Array.from({ length: upserted }, (_, i) => callRecord(tenant.uuid, overridesOf(i))),
    );
    const owner = platform.database.pools.owner;
    const months: string[] = [];
    for (
      let m = new Date(start);
      m.getTime() <= start + totalRecords * 15_000;
      m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))
    )
      months.push(m.toISOString());
    await owner.query('select calls.ensure_month_partitions($1::timestamptz[])', [months]);
    const template = (
      await owner.query<{ id: string }>('select id from calls.call_records where tenant_id = $1 limit 1', [
        tenant.uuid,
      ])
    ).rows[0]?.id;
    // Records and parties encrypted as the store writes them (compressed record, compact parties).
    const writer = await createCallCrypto(platform.keyring).writer(tenant.uuid);
    const byteaArray = (buffers: readonly Buffer[]) =>
      `{${buffers.map((b) => `"\\\\x${b.toString('hex')}"`).join(',')}}`;
    for (let first = upserted; first < totalRecords; first += 10_000) {
      const ids: string[] = [];
      const startedAts: string[] = [];
      const records: Buffer[] = [];
      const parties: Buffer[] = [];
      for (let i = first; i < Math.min(totalRecords, first + 10_000); i++) {
        const id = randomUUID();
        const call = normalisedCall(overridesOf(i));
        ids.push(id);
        startedAts.push(call.startedAt);
        records.push(writer.encryptRecord(id, call));
        parties.push(writer.encryptParties(id, { from: call.from, to: call.to }));
      }
      await owner.query(
        `insert into calls.call_records (tenant_id, id, started_at, source, source_call_id, conversation_id, source_version, direction, disposition,
            answered_at, ended_at, ring_seconds, talk_seconds, total_seconds, handle_seconds, agent_index, agent_ciphertext, queue_id, queue_name,
            mos, jitter_ms, packet_loss_pct, rtt_ms, leg_count, recording_count, raw_object_key, raw_sha256, ingested_at, parties_ciphertext, record_ciphertext)
         select t.tenant_id, u.id, u.started_at, t.source, 'bench-' || u.id, 'bench-' || u.id, t.source_version, t.direction, t.disposition,
            u.started_at + (t.answered_at - t.started_at), u.started_at + (t.ended_at - t.started_at), t.ring_seconds, t.talk_seconds, t.total_seconds,
            t.handle_seconds, t.agent_index, t.agent_ciphertext, t.queue_id, t.queue_name, t.mos, t.jitter_ms, t.packet_loss_pct, t.rtt_ms,
            t.leg_count, t.recording_count, t.raw_object_key, t.raw_sha256, now(), u.parties, u.record
         from unnest($1::uuid[], $2::timestamptz[], $3::bytea[], $4::bytea[]) as u (id, started_at, parties, record)
         cross join (select * from calls.call_records where id = $5) t`,
        [ids, startedAts, byteaArray(parties), byteaArray(records), template],
      );
      if ((first - upserted) % 100_000 < 10_000) {
        console.log(
          `  ${Math.min(totalRecords, first + 10_000).toLocaleString('en')} in ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`,
        );
      }
    }
    await sql`vacuum analyze calls.call_records, calls.call_keys`.execute(platform.database.owner);

    // Baseline: the direct streamed export of the same calls, read to the end.
    const direct = await measured(async () => {
      const exported = await calls.calls.export(ctx, {}, format);
      let bytes = 0;
      for await (const chunk of exported.chunks) bytes += Buffer.byteLength(chunk);
      return bytes;
    });

    const job = await measured(async () => {
      const created = await calls.exports.create(ctx, { filters: {}, format });
      let last: CallExportJob = created;
      let lastPrinted = 0;
      for (;;) {
        last = await calls.exports.get(ctx, created.id);
        if (!['queued', 'running'].includes(last.status)) return last;
        if (Date.now() - lastPrinted > 10_000) {
          lastPrinted = Date.now();
          console.log(`  export ${last.status}: ${last.rows.toLocaleString('en')} rows, ${mib(last.bytes)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });

    const exported = job.value;
    console.log('');
    console.log(
      `background export (${format}) of ${totalRecords.toLocaleString('en')} calls: ${exported.status}`,
    );
    console.log(`  rows ${exported.rows.toLocaleString('en')}, file ${mib(exported.bytes)}`);
    console.log(
      `  time ${job.seconds.toFixed(1)} s (${Math.round(exported.rows / job.seconds).toLocaleString('en')} rows/s)`,
    );
    console.log(`  RSS ${mib(job.startRss)} before, peak ${mib(job.peakRss)} while it ran`);
    console.log(`baseline: direct GET-style stream of the same calls (no object store)`);
    console.log(
      `  bytes ${mib(direct.value)}, time ${direct.seconds.toFixed(1)} s, RSS ${mib(direct.startRss)} before, peak ${mib(direct.peakRss)}`,
    );
    if (exported.status !== 'succeeded') process.exitCode = 1;
  } finally {
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
