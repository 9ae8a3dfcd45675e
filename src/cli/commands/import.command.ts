import { Option, type Command } from 'commander';
import type { ImportOptions } from './import-calls.action.js';

/**
 * `switchboard import calls`. The parsers behind the list of formats take a third of a second to
 * load, so the list is filled in only when `import` is the command given (before its subcommand
 * reads its options or prints its help), and the import itself is loaded when it runs.
 */
export function registerImportCommands(program: Command): void {
  const format = new Option('--format <format>', 'file format').makeOptionMandatory();
  const imports = program
    .command('import')
    .description('Import data from files')
    .hook('preSubcommand', async () => {
      const { CALL_FILE_FORMATS } = await import('../../modules/calls/index.js');
      format.choices(CALL_FILE_FORMATS);
    });
  imports
    .command('calls')
    .description('Import call records from CDR files (streamed: files of any size in constant memory)')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .addOption(format)
    .option(
      '--time-zone <zone>',
      'IANA zone of local timestamps (Asterisk without usegmtime, 3CX); default the tenant’s',
    )
    .option('--usegmtime', 'asterisk-csv: the PBX writes UTC (cdr.conf usegmtime=yes)')
    .option(
      '--columns <names>',
      'column layout of a custom CSV, comma-separated (asterisk-custom-csv: cdr_custom fields or "header"; 3cx-csv; freeswitch-csv)',
    )
    .option('--default-country <code>', 'region national numbers are read in (ISO 3166-1 alpha-2)')
    .option(
      '--own-numbers <e164s>',
      "the tenant's own public numbers, comma-separated (calls to them are inbound)",
    )
    .option('--extension-max-digits <n>', 'digit strings up to this length are extensions (default 6)')
    .option('--quiet', 'no progress bar')
    .argument('<files...>', 'files to import')
    .action(async (files: string[], options: ImportOptions) => {
      const { importCalls } = await import('./import-calls.action.js');
      await importCalls(files, options);
    });
}
