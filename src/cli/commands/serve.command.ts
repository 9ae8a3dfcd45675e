import type { Command } from 'commander';
import { createPlatform, type Role } from '../../app/platform.js';
import { stopOnSignals } from '../../app/run.js';
import { config } from '../cli-context.js';

async function serve(role: Exclude<Role, 'cli'>): Promise<void> {
  const started = performance.now();
  const cfg = config();
  const platform = await createPlatform(cfg, { role });
  stopOnSignals(platform);
  if (platform.http) {
    await platform.http.listen({ host: cfg.http.host, port: cfg.http.port });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const base = cfg.http.publicUrl;
    console.log(`\nSwitchboard is running (${role}, ready in ${seconds} s)`);
    console.log(`  Console:       ${base}/`);
    console.log(`  API docs:      ${base}/docs  (clients: ${base}/ext/docs)`);
    console.log(`  OpenAPI:       ${base}/openapi.json`);
    console.log(`  Health:        ${base}/readyz`);
    console.log(`  Data dir:      ${cfg.dataDir}${cfg.database.url ? '' : ' (embedded PostgreSQL)'}`);
    const tenants = await platform.modules.identity.tenantAdmin.list();
    if (tenants.length === 0) {
      console.log('\nFirst run? Create a tenant and its owner:');
      console.log('  npx switchboard tenants create --name "Acme Support" --slug acme');
      console.log('  npx switchboard users create --tenant acme --email you@example.com --role owner');
    }
    console.log('Press Ctrl-C to stop.\n');
  } else {
    platform.logger.info({ role }, 'worker running');
  }
}

export function registerServeCommands(program: Command): void {
  program.command('start').description('Run every role (API, workers, scheduler) in one process').action(() => serve('start'));
  program.command('api').description('Run only the HTTP API').action(() => serve('api'));
  program.command('worker').description('Run only background work (event consumers, jobs, timers), no HTTP').action(() => serve('worker'));
}
