import type { Command } from 'commander';
import { tenantContext, withPlatform } from '../cli-context.js';

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('Encryption and signing keys');
  keys
    .command('rotate')
    .description(
      'Re-wrap every tenant data key and signing key with the current master key. Rotate without downtime: ' +
        'run every process with SWITCHBOARD_MASTER_KEY=<new> and SWITCHBOARD_PREVIOUS_MASTER_KEYS=<old>, run this, then drop the previous key.',
    )
    .action(() =>
      withPlatform(async (platform) => {
        const data = await platform.keyring.rotateMasterKey(platform.masterKey);
        const signing = await platform.modules.identity.signingKeys.rewrap();
        console.log(
          `Re-wrapped ${data.rewrapped} tenant key(s) (${data.alreadyCurrent} already current) and ${signing} signing key(s).`,
        );
      }),
    );
  keys
    .command('rotate-tenant')
    .description('Start a new data key for a tenant; older data stays readable with the old key')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .action((options: { tenant: string }) =>
      withPlatform(async (platform) => {
        const ctx = await tenantContext(platform, options.tenant);
        const { keyId } = await platform.keyring.rotateTenantKey(ctx.tenantId);
        console.log(`Tenant ${options.tenant} now encrypts with ${keyId}.`);
      }),
    );
  keys
    .command('rotate-signing')
    .description(
      'Sign new access tokens with a new key; tokens signed with the old one stay valid until they expire',
    )
    .action(() =>
      withPlatform(async (platform) => {
        console.log(`New signing key ${await platform.modules.identity.signingKeys.rotate()}.`);
      }),
    );
}
