import { Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { registerApiKeyCommands } from './commands/api-keys.command.js';
import { registerAuditCommands } from './commands/audit.command.js';
import { registerBackupCommands } from './commands/backup.command.js';
import { registerBusCommands } from './commands/bus.command.js';
import { registerCampaignsCommands } from './commands/campaigns.command.js';
import { registerImportCommands } from './commands/import.command.js';
import { registerConfigCommands } from './commands/config.command.js';
import { registerKeyCommands } from './commands/keys.command.js';
import { registerLeadsCommands } from './commands/leads.command.js';
import { registerRecordingsCommands } from './commands/recordings.command.js';
import { registerServeCommands } from './commands/serve.command.js';
import { registerTenantCommands } from './commands/tenants.command.js';
import { registerUserCommands } from './commands/users.command.js';

const program = new Command('switchboard')
  .description(
    'Switchboard: call records, conversation intelligence, campaigns and customer operations in one platform.',
  )
  .showHelpAfterError();

registerServeCommands(program);
registerConfigCommands(program);
registerTenantCommands(program);
registerUserCommands(program);
registerApiKeyCommands(program);
registerAuditCommands(program);
registerKeyCommands(program);
registerBackupCommands(program);
registerBusCommands(program);
registerImportCommands(program);
registerRecordingsCommands(program);
registerLeadsCommands(program);
registerCampaignsCommands(program);

// Loaded only when a command fails: the configuration and database modules are heavy, and a
// command that threw one of their errors has loaded them already.
async function explain(error: unknown): Promise<{ message: string; code: number }> {
  const [{ ConfigError }, { DataDirInUseError, MigrationFailedError }] = await Promise.all([
    import('../platform/config/index.js'),
    import('../platform/db/index.js'),
  ]);
  if (error instanceof ConfigError) return { message: error.message, code: 2 };
  if (error instanceof DataDirInUseError || error instanceof MigrationFailedError)
    return { message: error.message, code: 1 };
  if (error instanceof AppError) {
    const fields =
      error.fields.length > 0 ? ` (${error.fields.map((f) => `${f.field} ${f.message}`).join('; ')})` : '';
    return { message: `${error.message}${fields}`, code: 1 };
  }
  const system = fileProblem(error);
  if (system) return { message: system, code: 1 };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: 1 };
}

/** A file named on the command line that cannot be read: what a person can act on, not a stack. */
function fileProblem(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || !('path' in error)) return undefined;
  const path = String(error.path);
  switch (error.code) {
    case 'ENOENT':
      return `${path}: no such file or directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    default:
      return undefined;
  }
}

program.parseAsync(process.argv).catch(async (error: unknown) => {
  const { message, code } = await explain(error);
  console.error(`switchboard: ${message}`);
  process.exit(code);
});
