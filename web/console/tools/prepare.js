// Runs on `npm install` / `npm ci` (the package's prepare script, after bin/build.js has compiled
// the server into dist/): builds the web apps, the console (web/console, served at /) and the
// client portal (web/portal, served at /portal), so `npm install && npm start` serves them with no
// other step. An install without the build tools (`npm ci --omit=dev`, for an image that ships
// apps built elsewhere) or SWITCHBOARD_SKIP_CONSOLE_BUILD=1 skips the builds.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const apps = ['console', 'portal'];

if (process.env.SWITCHBOARD_SKIP_CONSOLE_BUILD === '1') {
  process.stdout.write(`${apps.join(', ')}: build skipped (SWITCHBOARD_SKIP_CONSOLE_BUILD=1)\n`);
  process.exit(0);
}

let vite;
try {
  const manifest = require.resolve('vite/package.json');
  vite = path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vite);
} catch {
  process.stdout.write(
    `${apps.join(', ')}: build tools not installed (production install?); serving whatever web/*/dist holds\n`,
  );
  process.exit(0);
}

for (const app of apps) {
  const root = new URL(`../../${app}/`, import.meta.url).pathname;
  const result = spawnSync(process.execPath, [vite, 'build', root, '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(
      `${app}: the build failed (see above); the API still works, the ${app} will not be served\n`,
    );
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`${app}: built into web/${app}/dist\n`);
}
