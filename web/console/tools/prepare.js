// Runs on `npm install` / `npm ci` (the package's prepare script, after bin/build.js has compiled
// the server into dist/): builds the web console, so `npm install && npm start` serves it with no
// other step. An install without the build tools (`npm ci --omit=dev`, for an image that ships a
// console built elsewhere) skips the build.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

if (process.env.SWITCHBOARD_SKIP_CONSOLE_BUILD === '1') {
  process.stdout.write('console: build skipped (SWITCHBOARD_SKIP_CONSOLE_BUILD=1)\n');
  process.exit(0);
}

let vite;
try {
  const manifest = require.resolve('vite/package.json');
  vite = path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vite);
} catch {
  process.stdout.write(
    'console: build tools not installed (production install?); serving whatever web/console/dist holds\n',
  );
  process.exit(0);
}

const root = new URL('..', import.meta.url).pathname;
const result = spawnSync(process.execPath, [vite, 'build', root, '--logLevel', 'warn'], { stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write(
    'console: the build failed (see above); the API still works, the console will not be served\n',
  );
  process.exit(result.status ?? 1);
}
process.stdout.write('console: built into web/console/dist\n');
