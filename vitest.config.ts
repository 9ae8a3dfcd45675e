import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first.sequencer.js';

/** Integration files that run in a process of their own (see the `platform-isolated` project). */
const isolatedIntegrationFiles = ['test/platform/tracing.int.test.ts'];

export default defineConfig({
  test: {
    // Each file gets its own database, so files run in parallel safely. Vitest's default is one
    // worker per core minus one, which on a two-core machine is a single file at a time; the
    // integration files mostly wait on PostgreSQL, NATS, child processes and the browser, so three
    // at once keep both cores busy.
    pool: 'forks',
    maxWorkers: 3,
    // A limit for a test that hangs, not a timing assertion: work-bound tests (every route under
    // every role, a master-key rotation, a CLI import) took 20-28 s under CI's load, and the
    // permission table's walk passed 30 s once (session 19).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a busy machine does late (a page that loads, a row that lands):
    // the default second was too short under CI's load (the console's "refused" page).
    expect: { poll: { timeout: 10_000 } },
    // Minutes-long files first, so none of them runs alone at the end (test/support/slow-first.sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      // The integration files (`*.int.test.ts`): a database each, servers and child processes. They
      // share their worker's modules (isolate: false): each file imported the whole platform afresh
      // (about 860 modules, 10 s of CPU alone), 1,459 s of import summed over a run; shared, the
      // same 147 files took 1,102 s of wall time instead of about 1,800 (import 68 s). Nothing a
      // file builds outlives it: every platform, server and pool is made by the file and closed in
      // its afterAll, Prometheus registries and workflow engines are per platform.
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: [...isolatedIntegrationFiles, '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          isolate: false,
        },
      },
      // What sets process-wide state that a later file in the same worker must not inherit: the
      // OpenTelemetry tracer provider (registered once per process, by design).
      {
        extends: true,
        test: {
          name: 'platform-isolated',
          include: isolatedIntegrationFiles,
          globalSetup: ['test/global-setup.ts'],
        },
      },
      // The unit files: no database, no server. They share their worker's modules (isolate: false):
      // importing the code afresh for each of them cost more than their tests (176 s of CPU
      // against 62 s shared, for the same 1,421 tests).
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          isolate: false,
        },
      },
      // Console component tests: happy-dom, no database.
      'web/console/vitest.config.ts',
    ],
  },
});
