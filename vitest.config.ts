import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first.sequencer.js';

export default defineConfig({
  test: {
    // Each file gets its own database, so files run in parallel safely. Vitest's default is one
    // worker per core minus one, which on a two-core machine is a single file at a time; the
    // integration files mostly wait on PostgreSQL, NATS, child processes and the browser, so three
    // at once keep both cores busy.
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a busy machine does late (a page that loads, a row that lands):
    // the default second was too short under CI's load (the console's "refused" page).
    expect: { poll: { timeout: 10_000 } },
    // Minutes-long files first, so none of them runs alone at the end (test/support/slow-first.sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      // Console component tests: happy-dom, no database.
      'web/console/vitest.config.ts',
    ],
  },
});
