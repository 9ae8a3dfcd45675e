import { Option, type Command } from 'commander';
import { withPlatform } from '../cli-context.js';

export function registerTenantCommands(program: Command): void {
  const tenants = program.command('tenants').description('Manage tenants');
  tenants
    .command('create')
    .description('Create a tenant')
    .requiredOption('--name <name>', 'display name, e.g. "Acme Support"')
    .requiredOption('--slug <slug>', 'short unique name: lower-case letters, digits and dashes')
    .option('--time-zone <zone>', 'IANA time zone for local-time reports', 'UTC')
    .action((options: { name: string; slug: string; timeZone: string }) =>
      withPlatform(async (platform) => {
        const tenant = await platform.modules.identity.tenantAdmin.create(options);
        console.log(`Created tenant ${tenant.slug} (${tenant.id}), time zone ${tenant.timeZone}`);
      }),
    );
  tenants
    .command('list')
    .description('List tenants')
    .addOption(new Option('--json', 'print JSON'))
    .action((options: { json?: boolean }) =>
      withPlatform(async (platform) => {
        const list = await platform.modules.identity.tenantAdmin.list();
        if (options.json) console.log(JSON.stringify(list, null, 2));
        else if (list.length === 0)
          console.log('No tenants yet. Create one: switchboard tenants create --name "Acme" --slug acme');
        else
          console.table(
            list.map((t) => ({
              id: t.id,
              slug: t.slug,
              name: t.name,
              timeZone: t.timeZone,
              created: t.createdAt.toISOString(),
            })),
          );
      }),
    );
}
