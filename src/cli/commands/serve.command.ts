import type { Command } from 'commander';
import type { Role } from '../../app/platform.js';
import { config } from '../cli-context.js';

async function serve(role: Exclude<Role, 'cli'>): Promise<void> {
  const started = performance.now();
  const cfg = await config();
  const [
    { createPlatform },
    { stopOnSignals },
    { consoleFirstRunProbe },
    { firstRunCommands, firstRunSettings },
  ] = await Promise.all([
    import('../../app/platform.js'),
    import('../../app/run.js'),
    import('../../app/console-setup.js'),
    import('../first-run.js'),
  ]);
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
    if (await consoleFirstRunProbe(platform.modules.identity)()) {
      // Until someone can sign in: the README's first run, with this process's address and settings.
      console.log(
        '\nFirst run? In a second terminal, in this folder (README.md, "First run", explains each line):',
      );
      for (const line of [...firstRunSettings(cfg), ...firstRunCommands(base)]) console.log(`  ${line}`);
      console.log(`Then sign in at ${base}/ as you@example.com: the call is under Calls.\n`);
    }
    console.log('Press Ctrl-C to stop.\n');
  } else if (platform.opsHttp) {
    // Probes and Prometheus reach a worker here; it serves nothing else.
    const address = await platform.opsHttp.listen({ host: cfg.http.host, port: cfg.http.port });
    platform.logger.info(
      { role, ops: address, routes: ['/healthz', '/readyz', '/metrics'] },
      'worker running',
    );
  } else {
    platform.logger.info({ role }, 'worker running');
  }
}

export function registerServeCommands(program: Command): void {
  program
    .command('start')
    .description('Run every role (API, workers, scheduler) in one process')
    .action(() => serve('start'));
  program
    .command('api')
    .description('Run only the HTTP API')
    .action(() => serve('api'));
  program
    .command('worker')
    .description(
      'Run only background work (event consumers, jobs, timers); HTTP only for /healthz, /readyz and /metrics',
    )
    .action(() => serve('worker'));
  program
    .command('scheduler')
    .description(
      'Run only the outbox relay and the cron timers (one replica leads); HTTP only for /healthz, /readyz and /metrics',
    )
    .action(() => serve('scheduler'));
}
