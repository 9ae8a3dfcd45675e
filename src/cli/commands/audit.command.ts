import type { Command } from 'commander';
import { withPlatform } from '../cli-context.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description(
      'Recompute the hash chains and report the first broken link of each tenant (exit 1 when any is broken)',
    )
    .option('--tenant <slug>', 'only this tenant (slug or id)')
    .action((options: { tenant?: string }) =>
      withPlatform(async (platform) => {
        let tenantId: string | undefined;
        if (options.tenant) {
          const tenant = await platform.modules.identity.tenantAdmin.findBySlugOrId(options.tenant);
          if (!tenant) throw new Error(`No tenant '${options.tenant}'`);
          tenantId = tenant.uuid;
        }
        const { verifyAuditChains } = await import('../../platform/audit/index.js');
        const report = await verifyAuditChains(platform.database.owner, {
          ...(tenantId ? { tenantId } : {}),
          archive: platform.quietObjects,
        });
        const tenants = new Map(
          (await platform.modules.identity.tenantAdmin.list()).map((t) => [t.uuid, t.slug]),
        );
        if (report.breaks.length === 0) {
          console.log(
            `Audit log intact: ${report.entries} entries in ${report.tenants} tenant chain(s) verified.`,
          );
          return;
        }
        for (const broken of report.breaks) {
          console.log(
            `BROKEN  tenant ${tenants.get(broken.tenantId) ?? broken.tenantId}: entry ${broken.seq}: ${broken.reason} (${broken.detail})`,
          );
        }
        console.log(
          `${report.breaks.length} of ${report.tenants} chain(s) broken; ${report.entries} entries read.`,
        );
        process.exitCode = 1;
      }),
    );
}
