import { sqlMigration, type MigrationSet } from '../db/index.js';

/**
 * Kernel tables for triggers and workers. Only the owner role touches them (the scheduler and
 * the worker runtime span tenants); the application role has no access.
 */
export const jobsMigrations: MigrationSet = {
  schema: 'jobs',
  migrations: [
    sqlMigration(
      '0001_timers_runs_workers',
      `
      -- Leader leases: the row's owner is the one replica allowed to act (e.g. run timers).
      CREATE TABLE jobs.leases (
        name text PRIMARY KEY,
        owner text NOT NULL,
        lease_until timestamptz NOT NULL
      );

      -- The last cron slot each timer was run (or deliberately skipped) for: the basis of the
      -- missed-run policy after downtime.
      CREATE TABLE jobs.timers (
        name text PRIMARY KEY,
        schedule text NOT NULL,
        last_slot timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- One row per run of a timer. The unique slot makes a second replica's attempt at the same
      -- slot fail even if two ever believed themselves leader.
      CREATE TABLE jobs.job_runs (
        id uuid PRIMARY KEY,
        job text NOT NULL,
        scheduled_for timestamptz NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome text NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'abandoned')),
        error text,
        runner text NOT NULL,
        -- Slots passed over by the missed-run policy just before this run.
        missed_slots int NOT NULL DEFAULT 0,
        UNIQUE (job, scheduled_for)
      );
      CREATE INDEX job_runs_job_started ON jobs.job_runs (job, started_at DESC);

      -- Live worker processes; a worker whose heartbeat stops has its workflows taken over.
      CREATE TABLE jobs.workers (
        id text PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      );
      `,
    ),
  ],
};
