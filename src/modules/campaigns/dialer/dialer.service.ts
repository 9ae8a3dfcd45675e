import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import {
  campaignFactsOf,
  type CampaignSettings,
  type TelephonyAdapterName,
} from '../campaigns/campaign-settings.js';
import type { CampaignsService } from '../contract.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import { compileRuleBook, type RuleBook } from '../dialing/rule-sets.js';
import { sealingAad } from '../sealing.js';
import { PlaceCallError, type TelephonyAdapter } from '../telephony/adapter.js';
import {
  createPicker,
  type Callable,
  type PickDeps,
  type PickOptions,
  type PickResult,
} from './dialer.pick.js';
import {
  abandonment,
  markNotPlaced,
  markPlaced,
  pacingCounts,
  personalOf,
  releaseStaleReservations,
  reserveAttempt,
  setPacingFactor,
  type CampaignRow,
} from './dialer.repo.js';
import type { DialerMetrics } from './dialer.metrics.js';

/*
 * The dialer: one pass over a running campaign places as many calls as pacing allows.
 *
 * Reserve, then place. Each call is first reserved in one transaction (the attempt row with its
 * idempotency key, and the hopper row moved to in_call with its attempt count raised); only then
 * is the provider asked. Crash rule: an attempt still `reserved` two minutes later is never placed
 * again, since we cannot know whether the provider got it; it becomes not_placed (it still counts
 * against the lead's caps) and the lead is due again after the `failed` spacing.
 */

type Tables = CampaignsTables;

const MINUTE = 60_000;
/** A reservation older than this without the provider's answer is given up (the crash rule). */
export const STALE_RESERVATION_MS = 2 * MINUTE;
/** The abandonment control changes the pacing factor at most this often. */
export const PACING_CHANGE_EVERY_MS = 5 * MINUTE;
const PACING_FLOOR = 0.1;
/** A pass brings the hopper up to date with the lists at most this often. */
export const HOPPER_SYNC_EVERY_MS = MINUTE;

export interface DialerDeps extends Omit<PickDeps, 'rules'> {
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** The campaign service: leads that joined a list since the last pass, and completion (with its event). */
  readonly campaigns: Pick<CampaignsService, 'completeIfDrained' | 'syncHopper'>;
  /** The adapter a campaign's settings name; the dialer never constructs one itself. */
  readonly adapterFor: (name: TelephonyAdapterName) => TelephonyAdapter;
  readonly rules?: RuleBook;
  /** Counts each pass's decisions (campaigns_dialer_decisions_total). */
  readonly metrics?: DialerMetrics;
}

export interface PassResult {
  readonly placed: number;
  readonly notPlaced: number;
  /** Leads refused by the pre-dial check in this pass. */
  readonly skipped: number;
  /** Reservations given up by the crash rule. */
  readonly released: number;
  readonly completed: boolean;
}

const NOTHING: PassResult = { placed: 0, notPlaced: 0, skipped: 0, released: 0, completed: false };

/** The lead fields the campaign's handshake names: personal fields, else custom fields. */
export function handshakeContext(personalJson: string, fields: readonly string[]): Record<string, string> {
  const personal = JSON.parse(personalJson) as Record<string, unknown> & { custom?: Record<string, unknown> };
  const context: Record<string, string> = {};
  for (const field of fields) {
    const value = field === 'custom' ? undefined : (personal[field] ?? personal.custom?.[field]);
    if (typeof value === 'string' && value !== '') context[field] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') context[field] = String(value);
  }
  return context;
}

export function createDialer(deps: DialerDeps) {
  const { database, sealing, audit, logger, adapterFor } = deps;
  const rules = deps.rules ?? compileRuleBook();
  const picker = createPicker({ ...deps, rules });
  const lastPacingChange = new Map<string, number>();
  const lastHopperSync = new Map<string, number>();

  /**
   * The pick. A dry run (`record: false`) first brings the hopper up to date with the lists, as a
   * pass does, so that a draft's dry run answers for the leads it would dial once started.
   */
  async function pickCallable(
    ctx: RequestContext,
    campaignId: string,
    options: PickOptions,
  ): Promise<PickResult> {
    if (!options.record) await deps.campaigns.syncHopper(ctx, campaignId);
    return picker.pickCallable(ctx, campaignId, options);
  }

  /**
   * Abandonment control: abandoned ÷ (answered by a person + abandoned) over 30 days, and over
   * 24 hours for UK leads (Ofcom); at or over `slowDownAtPercent` the pace drops by a quarter
   * (not under 0.1), under half of it the pace recovers by a tenth (up to 1). At most every 5 min.
   */
  async function adjustPacing(
    ctx: RequestContext,
    campaign: CampaignRow,
    settings: CampaignSettings,
    now: Date,
  ): Promise<number> {
    const factor = campaign.pacingFactor;
    const last = lastPacingChange.get(campaign.id);
    if (last !== undefined && now.getTime() - last < PACING_CHANGE_EVERY_MS) return factor;
    const [month, day] = await database.withTenant<
      Tables,
      [{ answered: number; abandoned: number }, { answered: number; abandoned: number }]
    >(ctx, async (trx) => [
      await abandonment(trx, campaign.id, new Date(now.getTime() - 30 * 24 * 60 * MINUTE)),
      await abandonment(trx, campaign.id, new Date(now.getTime() - 24 * 60 * MINUTE), 'GB'),
    ]);
    const rate = (r: { answered: number; abandoned: number }) =>
      r.answered > 0 ? (100 * r.abandoned) / r.answered : 0;
    const rate30d = rate(month);
    const rate24h = rate(day);
    const worst = Math.max(rate30d, rate24h);
    const threshold = settings.abandonment.slowDownAtPercent;
    let next = factor;
    if (month.answered + day.answered > 0 && worst >= threshold && factor > PACING_FLOOR)
      next = Math.max(PACING_FLOOR, factor * 0.75);
    else if (worst < threshold / 2 && factor < 1) next = Math.min(1, factor * 1.1);
    if (next === factor) return factor;
    next = Math.round(next * 1000) / 1000;
    await database.withTenant<Tables, void>(ctx, async (trx) => {
      await setPacingFactor(trx, campaign.id, next);
    });
    lastPacingChange.set(campaign.id, now.getTime());
    const action = next < factor ? 'campaigns.pacing_reduced' : 'campaigns.pacing_recovered';
    const details = { from: factor, to: next, rate30d, rate24hUk: rate24h, slowDownAtPercent: threshold };
    logger.info({ campaignId: campaign.id, ...details }, action);
    await audit.record(ctx, {
      action,
      target: { type: 'campaign', id: toPublicId('cmp', campaign.id) },
      details,
    });
    return next;
  }

  async function place(
    ctx: RequestContext,
    campaign: CampaignRow,
    settings: CampaignSettings,
    lead: Callable,
    now: Date,
  ) {
    const attemptId = newUuid();
    const reserved = await database.withTenant<Tables, string | undefined>(ctx, (trx) =>
      reserveAttempt(trx, {
        id: attemptId,
        tenantId: ctx.tenantId,
        campaignId: campaign.id,
        leadId: lead.leadId,
        attemptNumber: lead.attemptNumber,
        adapter: settings.adapter.name,
        now,
      }),
    );
    if (reserved === undefined) return 'lost' as const;
    const attempt = { id: attemptId, campaignId: campaign.id, leadId: lead.leadId };
    try {
      const personal = await database.withTenant<Tables, { personalSealed: Buffer } | undefined>(ctx, (trx) =>
        personalOf(trx, lead.leadId),
      );
      const context = personal
        ? handshakeContext(
            await sealing.unseal(ctx.tenantId, personal.personalSealed, sealingAad.personal(lead.leadId)),
            settings.contextFields,
          )
        : {};
      const placed = await adapterFor(settings.adapter.name).place(ctx, {
        attemptId: toPublicId('cat', attemptId),
        idempotencyKey: `${campaign.id}:${lead.leadId}:${lead.attemptNumber}`,
        campaignId: toPublicId('cmp', campaign.id),
        to: lead.e164,
        from: settings.adapter.from,
        agentId: settings.adapter.agentId,
        script: settings.adapter.script,
        context,
      });
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await markPlaced(trx, attemptId, placed.providerCallId, now);
      });
      return 'placed' as const;
    } catch (error) {
      // A refusal the provider calls final ends the lead; anything else (retryable, or an error we
      // cannot classify) lets it come back after the `failed` spacing.
      const final = error instanceof PlaceCallError && !error.retryable;
      const message = error instanceof Error ? error.message : String(error);
      const spacing = campaignFactsOf(settings).retrySpacingMinutes.failed * MINUTE;
      await database.withTenant<Tables, void>(ctx, (trx) =>
        markNotPlaced(
          trx,
          attempt,
          message,
          final
            ? { finalReason: `not_placed: ${message}` }
            : { nextDueAt: new Date(now.getTime() + spacing) },
        ),
      );
      logger.warn({ campaignId: campaign.id, attemptId, final, err: message }, 'call not placed');
      return 'not_placed' as const;
    }
  }

  /** One pass: crash rule, abandonment control, pacing, pick, reserve and place, completion. */
  async function runPass(
    ctx: RequestContext,
    campaignId: string,
    now: Date = new Date(),
  ): Promise<PassResult> {
    const { campaign, settings } = await picker.loadCampaign(ctx, campaignId);
    if (campaign.state !== 'running') return NOTHING;
    if ((campaign.startsAt && campaign.startsAt > now) || (campaign.endsAt && campaign.endsAt <= now))
      return NOTHING;
    const facts = campaignFactsOf(settings);
    // Leads added to the campaign's lists join the hopper: at most once a minute per campaign and
    // process (an anti-join over the lists' leads, which costs about a second on a million-lead list).
    const synced = lastHopperSync.get(campaign.id);
    if (synced === undefined || now.getTime() - synced >= HOPPER_SYNC_EVERY_MS || now.getTime() < synced) {
      await deps.campaigns.syncHopper(ctx, campaign.id);
      lastHopperSync.set(campaign.id, now.getTime());
    }
    const released = await database.withTenant<Tables, number>(ctx, (trx) =>
      releaseStaleReservations(
        trx,
        campaign.id,
        new Date(now.getTime() - STALE_RESERVATION_MS),
        new Date(now.getTime() + facts.retrySpacingMinutes.failed * MINUTE),
      ),
    );
    if (released > 0)
      logger.warn({ campaignId, released }, 'reservations the dialer never confirmed were given up');

    const factor = await adjustPacing(ctx, campaign, settings, now);
    const perMinute = Math.max(1, Math.floor(settings.pacing.callsPerMinute * factor));
    const counts = await database.withTenant<Tables, { open: number; recent: number }>(ctx, (trx) =>
      pacingCounts(trx, campaign.id, new Date(now.getTime() - MINUTE)),
    );
    const budget = Math.min(perMinute - counts.recent, settings.pacing.maxConcurrent - counts.open);
    let placed = 0;
    let notPlaced = 0;
    let skipped = 0;
    let skippedBy: PickResult['skipped'] = {};
    if (budget > 0) {
      const pick = await pickCallable(ctx, campaignId, { now, limit: budget, record: true });
      skippedBy = pick.skipped;
      skipped = Object.values(pick.skipped).reduce((sum, n) => sum + n, 0);
      const outcomes = await Promise.all(
        pick.callable.map((lead) => place(ctx, campaign, settings, lead, now)),
      );
      placed = outcomes.filter((o) => o === 'placed').length;
      notPlaced = outcomes.filter((o) => o === 'not_placed').length;
    }
    deps.metrics?.pass({ placed, notPlaced, released, skipped: skippedBy });
    const completed = await deps.campaigns.completeIfDrained(ctx, campaign.id);
    if (completed) logger.info({ campaignId }, 'campaign completed: nothing pending nor in a call');
    return { placed, notPlaced, skipped, released, completed };
  }

  return { pickCallable, runPass, adjustPacing };
}

export type Dialer = ReturnType<typeof createDialer>;
