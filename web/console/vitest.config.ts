import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Component tests of the console: a simulated DOM, no database, no server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'console',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    // The files share their worker's modules and document (test-setup.ts empties the document after
    // each test): a fresh import and DOM for each file cost three times the tests' own time.
    isolate: false,
    // As the root project's: a chart page renders in seconds on a busy two-core machine, and a test
    // must not fail on timing.
    testTimeout: 30_000,
  },
});
