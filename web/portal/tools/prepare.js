// Runs on `npm install` / `npm ci` (the package's prepare script, after the console's build):
// builds the client portal into web/portal/dist, which the platform serves at /portal. Skipped
// like the console's build: SWITCHBOARD_SKIP_CONSOLE_BUILD=1, or an install without build tools.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

if (process.env.SWITCHBOARD_SKIP_CONSOLE_BUILD === '1') {
  process.stdout.write('portal: build skipped (SWITCHBOARD_SKIP_CONSOLE_BUILD=1)\n');
  process.exit(0);
}

let vite;
try {
  const manifest = require.resolve('vite/package.json');
  vite = path.join(path.dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.vite);
} catch {
  process.stdout.write(
    'portal: build tools not installed (production install?); serving whatever web/portal/dist holds\n',
  );
  process.exit(0);
}

const root = new URL('..', import.meta.url).pathname;
const result = spawnSync(process.execPath, [vite, 'build', root, '--logLevel', 'warn'], { stdio: 'inherit' });
if (result.status !== 0) {
  process.stderr.write(
    'portal: the build failed (see above); the API still works, the portal will not be served\n',
  );
  process.exit(result.status ?? 1);
}
process.stdout.write('portal: built into web/portal/dist\n');
