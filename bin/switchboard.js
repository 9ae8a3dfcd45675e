#!/usr/bin/env node
// Runs the compiled CLI in dist/. In a checkout (src/ present) it first makes sure dist/ is the
// build of the sources as they are now, rebuilding them when they changed (well under a second),
// so an edited source never runs as stale JavaScript. An installed package ships dist/ only.
import { ensureBuilt } from './build.js';

try {
  await ensureBuilt();
} catch (error) {
  process.stderr.write(
    `switchboard: could not build src/ into dist/: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
await import(new URL('../dist/cli/main.js', import.meta.url).href);
