import type { Command } from 'commander';
import { collect, tenantContext, withPlatform } from '../cli-context.js';

export function registerApiKeyCommands(program: Command): void {
  const keys = program
    .command('api-keys')
    .description('Manage API keys for machines (PBX connectors, webhooks, scripts)');
  keys
    .command('create')
    .description('Create an API key; the key is printed once and cannot be shown again')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .requiredOption('--name <name>', 'what the key is for, e.g. "Asterisk CDR uploader"')
    .requiredOption(
      '--scope <scope>',
      'scope, repeatable: calls:ingest, recordings:ingest, calls:read, ...',
      collect,
    )
    .option('--expires <date>', 'ISO date after which the key stops working')
    .action((options: { tenant: string; name: string; scope: string[]; expires?: string }) =>
      withPlatform(async (platform) => {
        const ctx = await tenantContext(platform, options.tenant);
        const created = await platform.modules.identity.apiKeys.create(ctx, {
          name: options.name,
          scopes: options.scope,
          expiresAt: options.expires ? new Date(options.expires) : undefined,
        });
        console.log(
          `Created API key ${created.apiKey.id} (${created.apiKey.scopes.join(', ')}). Store it now; it is not shown again:\n`,
        );
        console.log(`  ${created.key}\n`);
      }),
    );
  keys
    .command('list')
    .description('List API keys (never their secrets)')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .action((options: { tenant: string }) =>
      withPlatform(async (platform) => {
        const list = await platform.modules.identity.apiKeys.list(
          await tenantContext(platform, options.tenant),
        );
        console.table(
          list.map((k) => ({
            id: k.id,
            name: k.name,
            scopes: k.scopes.join(','),
            lastUsed: k.lastUsedAt?.toISOString() ?? 'never',
            revoked: k.revokedAt?.toISOString() ?? '',
          })),
        );
      }),
    );
  keys
    .command('revoke')
    .description('Revoke an API key; it stops working at once')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .argument('<id>', 'the key id (key_...)')
    .action((id: string, options: { tenant: string }) =>
      withPlatform(async (platform) => {
        const revoked = await platform.modules.identity.apiKeys.revoke(
          await tenantContext(platform, options.tenant),
          id,
        );
        console.log(`Revoked ${revoked.id} (${revoked.name})`);
      }),
    );
}
