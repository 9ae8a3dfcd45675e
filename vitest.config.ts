import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file gets its own database, so files run in parallel safely; two cores here.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
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
