import type { Command } from 'commander';
import { collect, promptHidden, readStdin, tenantContext, withPlatform } from '../cli-context.js';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Manage users of a tenant');
  users
    .command('create')
    .description('Create a user who signs in with a password (asked for unless given)')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption(
      '--role <role>',
      'role, repeatable: owner, admin, supervisor, agent, order_manager, customer_service, analyst, viewer, client',
      collect,
    )
    .option('--name <name>', 'display name')
    .option('--client', 'a client of the tenant (external API and portal) rather than an employee')
    .option('--password <password>', 'the password (it ends up in your shell history: prefer the prompt)')
    .option('--password-stdin', 'read the password from standard input')
    .action(
      (options: {
        tenant: string;
        email: string;
        role: string[];
        name?: string;
        client?: boolean;
        password?: string;
        passwordStdin?: boolean;
      }) =>
        withPlatform(async (platform) => {
          const ctx = await tenantContext(platform, options.tenant);
          const password =
            options.password ??
            (options.passwordStdin
              ? await readStdin()
              : await promptHidden('Password (12 characters or more): '));
          const user = await platform.modules.identity.users.create(ctx, {
            email: options.email,
            password,
            displayName: options.name,
            kind: options.client ? 'client' : 'employee',
            roles: options.role,
          });
          console.log(`Created ${user.kind} ${user.email} (${user.id}) with roles ${user.roles.join(', ')}`);
          console.log(
            `Sign in: POST /${user.kind === 'client' ? 'ext' : 'api'}/v1/auth/login {"tenant": "${options.tenant}", "email": "${user.email}", "password": "…"}`,
          );
        }),
    );
  users
    .command('list')
    .description('List the users of a tenant')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .action((options: { tenant: string }) =>
      withPlatform(async (platform) => {
        const ctx = await tenantContext(platform, options.tenant);
        const list = await platform.modules.identity.users.list(ctx);
        console.table(
          list.map((u) => ({
            id: u.id,
            email: u.email,
            kind: u.kind,
            roles: u.roles.join(','),
            status: u.status,
            mfa: u.mfaEnabled,
          })),
        );
      }),
    );
}
