import type { Platform } from '../../app/platform.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { fromPublicId } from '../../platform/ids.js';
import { printable, stdoutOutput, table, type CliOutput } from '../cli-output.js';
import { tenantContext, withPlatform } from '../cli-context.js';

/** How many leads the dry run evaluates for dialling at most (the API's largest page). */
const DRY_RUN_LIMIT = 1000;

/** `switchboard campaigns list`: each campaign's id, name, state, lists and hopper. */
export async function runCampaignsList(
  platform: Platform,
  ctx: RequestContext,
  out: CliOutput = stdoutOutput,
): Promise<void> {
  const campaigns = await platform.modules.campaigns.campaigns.list(ctx);
  if (campaigns.length === 0) {
    out.line('No campaigns.');
    return;
  }
  for (const row of table(
    ['ID', 'NAME', 'STATE', 'LEADS', 'PENDING', 'IN CALL', 'DONE', 'LISTS'],
    campaigns.map((c) => [
      c.id,
      c.name,
      c.state,
      String(c.lists.reduce((sum, l) => sum + l.leadCount, 0)),
      String(c.hopper.pending),
      String(c.hopper.inCall),
      String(c.hopper.done),
      c.lists.map((l) => `${l.name} (x${l.weight})`).join(', '),
    ]),
  ))
    out.line(row);
}

/** Parses --at: an ISO 8601 instant with Z or an offset (the API's rule). */
export function instantOf(at: string | undefined): Date {
  if (at === undefined) return new Date();
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(at);
  const date = new Date(at);
  if (!valid || Number.isNaN(date.getTime()))
    throw new AppError(
      'CLI_INVALID_OPTION',
      'invalid_input',
      `--at ${printable(at.slice(0, 100))} must be an ISO 8601 instant with Z or an offset (2026-06-10T12:00:00-04:00)`,
    );
  return date;
}

/**
 * `switchboard campaigns dry-run`: which leads the dialer would call at an instant and why the
 * others not; stores and dials nothing (the pick with `record: false`, as GET .../dry-run).
 */
export async function runCampaignDryRun(
  platform: Platform,
  ctx: RequestContext,
  campaignId: string,
  options: { at?: string | undefined },
  out: CliOutput = stdoutOutput,
): Promise<void> {
  const at = instantOf(options.at);
  const notFound = new AppError(
    'CLI_CAMPAIGN_NOT_FOUND',
    'not_found',
    `No campaign '${printable(campaignId.slice(0, 100))}' in this tenant. See them with: switchboard campaigns list --tenant <t>`,
  );
  const uuid = fromPublicId('cmp', campaignId);
  if (uuid === undefined) throw notFound;
  // The campaign is read first: its name, and a clear refusal for another tenant's or a removed one.
  const campaign = await platform.modules.campaigns.campaigns.get(ctx, campaignId).catch((error: unknown) => {
    throw error instanceof AppError && error.kind === 'not_found' ? notFound : error;
  });
  const pick = await platform.modules.campaigns.dialer.pickCallable(ctx, uuid, {
    now: at,
    limit: DRY_RUN_LIMIT,
    record: false,
  });
  out.line(
    `Dry run of ${campaign.id} '${printable(campaign.name)}' (${campaign.state}) at ${at.toISOString()}:`,
  );
  out.line(
    `${pick.callable.length}${pick.callable.length >= DRY_RUN_LIMIT ? '+' : ''} would be dialled, ` +
      `${pick.evaluated} leads evaluated.`,
  );
  const skips = Object.entries(pick.skipped)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a);
  if (skips.length === 0) out.line('No lead skipped.');
  else {
    out.line('Skipped, by reason:');
    for (const row of table(
      ['REASON', 'LEADS'],
      skips.map(([reason, n]) => [reason, String(n)]),
    ))
      out.line(`  ${row}`);
  }
  out.line('Nothing was stored or dialled.');
}

export function listCampaigns(options: { tenant: string }): Promise<void> {
  return withPlatform(async (platform) => {
    await runCampaignsList(platform, await tenantContext(platform, options.tenant));
  });
}

export function dryRunCampaign(campaignId: string, options: { tenant: string; at?: string }): Promise<void> {
  return withPlatform(async (platform) => {
    await runCampaignDryRun(platform, await tenantContext(platform, options.tenant), campaignId, options);
  });
}
