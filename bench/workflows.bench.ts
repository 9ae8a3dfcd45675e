/**
 * Overhead of durable workflows (DBOS Transact) against plain function calls, for
 * docs/workflows.md: a 3-step workflow, each step one INSERT in its own transaction (realistic
 * work) and, separately, trivial steps (pure overhead).
 *
 *   node --import tsx bench/workflows.bench.ts      # WORKFLOW_RUNS=300 to change the count
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import { sql } from 'kysely';
import { createDbosWorkflows, workflowStoreMigrations } from '../src/platform/jobs/index.js';
import { openBenchDatabase } from './support/bench-database.js';
import { createLogger } from '../src/platform/telemetry/index.js';

const runs = Number(process.env.WORKFLOW_RUNS ?? 300);
// Quiet: pools report the embedded server stopping under them at the very end.
const logger = createLogger({ level: 'fatal' });

async function main(): Promise<void> {
  const bench = await openBenchDatabase({
    prefix: 'switchboard-wf-bench-',
    poolMax: 8,
    logger,
    migrations: [workflowStoreMigrations],
  });
  const { database, url } = bench;
  await sql`create table if not exists wf_bench (id bigserial primary key, run int not null, step int not null)`.execute(
    database.owner,
  );
  const write = async (run: number, step: number) => {
    await sql`insert into wf_bench (run, step) values (${run}, ${step})`.execute(database.owner);
    return step;
  };
  const trivial = (n: number) => Promise.resolve(n + 1);

  const workflows = createDbosWorkflows({
    systemDatabaseUrl: url,
    mode: 'executor',
    executorId: 'bench',
    logger,
    workerConcurrency: 50,
    poolSize: 10,
  });
  const withDb = workflows.define('bench-db-steps', async (ctx, run: number) => {
    await ctx.step('one', () => write(run, 1));
    await ctx.step('two', () => write(run, 2));
    return ctx.step('three', () => write(run, 3));
  });
  const noop = workflows.define('bench-trivial-steps', async (ctx, run: number) => {
    const a = await ctx.step('one', () => trivial(run));
    const b = await ctx.step('two', () => trivial(a));
    return ctx.step('three', () => trivial(b));
  });
  // Direct invocation (no queue): the durable cost per workflow without the queue's polling.
  const direct = DBOS.registerWorkflow(
    async (run: number) => {
      await DBOS.runStep(() => write(run, 1), { name: 'one' });
      await DBOS.runStep(() => write(run, 2), { name: 'two' });
      return DBOS.runStep(() => write(run, 3), { name: 'three' });
    },
    { name: 'bench-direct' },
  );
  await workflows.launch();

  const time = async (label: string, fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    const ms = performance.now() - started;
    return { label, ms, perRunMs: ms / runs, perSecond: Math.round(runs / (ms / 1000)) };
  };
  const results: Awaited<ReturnType<typeof time>>[] = [];
  results.push(
    await time('plain calls, 3 trivial steps (sequential)', async () => {
      for (let i = 0; i < runs; i++) await trivial(await trivial(await trivial(i)));
    }),
  );
  results.push(
    await time('plain calls, 3 INSERT steps (sequential)', async () => {
      for (let i = 0; i < runs; i++) {
        await write(i, 1);
        await write(i, 2);
        await write(i, 3);
      }
    }),
  );
  results.push(
    await time('DBOS direct, 3 INSERT steps (sequential)', async () => {
      for (let i = 0; i < runs; i++) await direct(i);
    }),
  );
  results.push(
    await time('Workflows.start (queued), 3 trivial steps, all at once', async () => {
      const handles = await Promise.all(Array.from({ length: runs }, (_, i) => workflows.start(noop, i)));
      await Promise.all(handles.map((h) => h.result()));
    }),
  );
  results.push(
    await time('Workflows.start (queued), 3 INSERT steps, all at once', async () => {
      const handles = await Promise.all(Array.from({ length: runs }, (_, i) => workflows.start(withDb, i)));
      await Promise.all(handles.map((h) => h.result()));
    }),
  );
  results.push(
    await time('plain calls, 3 INSERT steps, all at once (same concurrency)', async () => {
      await Promise.all(
        Array.from({ length: runs }, async (_, i) => {
          await write(i, 1);
          await write(i, 2);
          await write(i, 3);
        }),
      );
    }),
  );

  console.log(`\n${runs} runs each`);
  console.log('case                                                          total ms   ms/run   runs/s');
  for (const r of results)
    console.log(
      `${r.label.padEnd(60)} ${r.ms.toFixed(0).padStart(9)} ${r.perRunMs.toFixed(2).padStart(8)} ${String(r.perSecond).padStart(8)}`,
    );
  await workflows.shutdown();
  await bench.close();
}

await main();
