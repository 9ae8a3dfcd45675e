import type { Command } from 'commander';

/** `switchboard campaigns list|dry-run`: on the configured database, as the operator. */
export function registerCampaignsCommands(program: Command): void {
  const campaigns = program
    .command('campaigns')
    .description('Outbound campaigns: list them, see who the dialer would call');
  campaigns
    .command('list')
    .description('The campaigns: id, name, state, leads, hopper, lists')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .action(async (options: { tenant: string }) => {
      const { listCampaigns } = await import('./campaigns.action.js');
      await listCampaigns(options);
    });
  campaigns
    .command('dry-run')
    .description(
      'How many leads the dialer would call at an instant, and the skips by reason; stores and dials nothing',
    )
    .argument('<campaign>', 'the campaign id (cmp_...)')
    .requiredOption('--tenant <slug>', 'tenant slug or id')
    .option('--at <instant>', 'ISO 8601 instant with Z or an offset (default now)')
    .action(async (campaign: string, options: { tenant: string; at?: string }) => {
      const { dryRunCampaign } = await import('./campaigns.action.js');
      await dryRunCampaign(campaign, options);
    });
}
