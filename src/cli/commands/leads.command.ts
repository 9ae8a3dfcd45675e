import { Option, type Command } from 'commander';
import type { LeadsImportOptions } from './leads.action.js';

/** The VICIdial layouts the import knows (campaigns' lead-mapping.ts presetNames; kept here so --help loads no module). */
const LEAD_PRESETS = ['vicidial-standard', 'vicidial-stdrankowner', 'vicidial-minicsv', 'vicidial-minicsv02'];

/** `switchboard leads import|lists`: on the configured database, as the operator (audited as system:cli). */
export function registerLeadsCommands(program: Command): void {
  const leads = program
    .command('leads')
    .description('Campaign leads: import files into lists, see the lists');
  leads
    .command('import')
    .description(
      'Import a lead file (CSV, TSV, pipe- or semicolon-separated, XLSX) into a list, as the API does: stored, virus-scanned, read in batches, deduplicated',
    )
    .argument('<file>', 'the lead file')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .requiredOption('--list <list>', 'the lead list: its id (list_...) or its name')
    .option('--mapping <id>', 'a saved column mapping (lmap_...)')
    .addOption(new Option('--preset <name>', 'a VICIdial column layout').choices(LEAD_PRESETS))
    .option('--create-list', 'create the list (named by --list) when no list has that name')
    .option('--no-wait', 'return once the file is stored and the job queued; a running worker finishes it')
    .action(async (file: string, options: LeadsImportOptions) => {
      const { importLeads } = await import('./leads.action.js');
      await importLeads(file, options);
    });
  leads
    .command('lists')
    .description('The lead lists: id, name, lead count')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .action(async (options: { tenant: string }) => {
      const { listLeadLists } = await import('./leads.action.js');
      await listLeadLists(options);
    });
}
