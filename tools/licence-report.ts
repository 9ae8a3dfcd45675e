// The licences of the production dependencies (what a build ships): every package's licence read
// by license-checker-rseidelsohn from the installed node_modules, judged by licence-policy.ts,
// written to reports/licences/production.json (gitignored) and summarised on stdout.
//
//   npm run licenses        exit 1 when a package's licence is denied or unknown
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, type ModuleInfos } from 'license-checker-rseidelsohn';
import { judgePackage, type Verdict } from './licence-policy.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reportFile = path.join(root, 'reports/licences/production.json');

const packages = await new Promise<ModuleInfos>((resolve, reject) => {
  init({ start: root, production: true }, (error, result) => {
    if (error instanceof Error) reject(error);
    else resolve(result);
  });
});

const self = `${process.env.npm_package_name ?? 'switchboard'}@`;
const rows = Object.entries(packages)
  .filter(([name]) => !name.startsWith(self))
  .map(([name, info]) => ({
    package: name,
    ...judgePackage(name, info.licenses),
    repository: info.repository,
  }));

mkdirSync(path.dirname(reportFile), { recursive: true });
writeFileSync(reportFile, `${JSON.stringify(rows, null, 2)}\n`);

const counts = new Map<string, number>();
for (const row of rows) counts.set(row.licence, (counts.get(row.licence) ?? 0) + 1);
const out = (line: string) => process.stdout.write(`${line}\n`);
out(`Licences of ${rows.length} production dependencies (report: ${path.relative(root, reportFile)}):`);
for (const [licence, count] of [...counts].sort((a, b) => b[1] - a[1]))
  out(`  ${String(count).padStart(4)}  ${licence}`);

const of = (verdict: Verdict) => rows.filter((r) => r.verdict === verdict);
for (const row of rows.filter((r) => r.reviewed))
  out(`reviewed: ${row.package} ${row.licence} (${row.reviewed ?? ''})`);
for (const row of of('weak-copyleft'))
  out(`weak copyleft, shipped unmodified: ${row.package} ${row.licence}`);
const failing = [...of('denied'), ...of('unknown')];
for (const row of failing)
  out(
    `${row.verdict === 'denied' ? 'DENIED (incompatible with Apache-2.0)' : 'UNKNOWN (read it, then add it to reviewedLicences in tools/licence-policy.ts)'}: ${row.package} ${row.licence}`,
  );
out(failing.length === 0 ? 'licences: ok' : `licences: ${failing.length} package(s) need attention`);
process.exitCode = failing.length === 0 ? 0 : 1;
