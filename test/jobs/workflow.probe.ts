import { sql } from 'kysely';
import { sqlMigration, type Database, type MigrationSet } from '../../src/platform/db/index.js';
import type { WorkflowRef, Workflows } from '../../src/platform/jobs/index.js';

export const jobsProbeMigrations: MigrationSet = {
  schema: 'jobs_probe',
  migrations: [
    sqlMigration(
      '0001_probe',
      `CREATE TABLE jobs_probe.step_runs (workflow_id text NOT NULL, step int NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
       CREATE TABLE jobs_probe.handled (event_id uuid NOT NULL, worker text NOT NULL);
       CREATE TABLE jobs_probe.ticks (slot timestamptz NOT NULL, worker text NOT NULL);`,
    ),
  ],
};

export interface ProbeWorkflows {
  readonly threeSteps: WorkflowRef<{ value: number }, { value: number }>;
}

/**
 * A 3-step workflow whose steps record each real execution. With blockStep2 the second step never
 * finishes in this process (the crash test kills it there).
 */
export function defineProbeWorkflows(
  workflows: Workflows,
  database: Database,
  options: { name: string; blockStep2: boolean; onStep?: (step: number, workflowId: string) => void },
): ProbeWorkflows {
  const record = async (workflowId: string, step: number) => {
    await sql`insert into jobs_probe.step_runs (workflow_id, step, worker) values (${workflowId}, ${step}, ${options.name})`.execute(
      database.owner,
    );
  };
  const threeSteps = workflows.define('probe-three-steps', async (ctx, input: { value: number }) => {
    const a = await ctx.step('add-one', async () => {
      await record(ctx.workflowId, 1);
      return input.value + 1;
    });
    options.onStep?.(1, ctx.workflowId);
    const b = await ctx.step('double', async () => {
      await record(ctx.workflowId, 2);
      if (options.blockStep2) await new Promise(() => undefined);
      return a * 2;
    });
    options.onStep?.(2, ctx.workflowId);
    const c = await ctx.step('minus-three', async () => {
      await record(ctx.workflowId, 3);
      return b - 3;
    });
    options.onStep?.(3, ctx.workflowId);
    return { value: c };
  });
  return { threeSteps };
}
