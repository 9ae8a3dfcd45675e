// `npm audit` of the production dependencies as package-lock.json pins them (no node_modules
// needed), failing on a high or critical advisory. The advisories come from the registry's audit
// endpoint; where that endpoint cannot be reached (an offline mirror answers 405 to its POST),
// this says so plainly and exits 0, because no advisory was checked rather than none found, unless
// AUDIT_REQUIRED=1 makes that a failure too.
//
//   npm run audit:deps
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { judgeAudit } from './dependency-audit.judge.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = spawnSync('npm', ['audit', '--package-lock-only', '--omit=dev', '--audit-level=high', '--json'], {
  cwd: root,
  encoding: 'utf8',
  timeout: 120_000,
});
const verdict = judgeAudit(npm.stdout, npm.stderr);
process.stdout.write(`${verdict.lines.join('\n')}\n`);
if (verdict.outcome === 'unreachable' && process.env.AUDIT_REQUIRED === '1') process.exitCode = 1;
else process.exitCode = verdict.outcome === 'vulnerable' ? 1 : 0;
