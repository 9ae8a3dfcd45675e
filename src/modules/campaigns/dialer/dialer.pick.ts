import { campaignUuid } from '../campaigns/campaign-id.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import {
  campaignFactsOf,
  campaignSettingsSchema,
  type CampaignSettings,
} from '../campaigns/campaign-settings.js';
import type { ConsentService, SuppressionService } from '../contract.js';
import type { CampaignsTables } from '../db/campaigns.tables.js';
import {
  localTimeRefusal,
  preDialChecker,
  type Attempt,
  type CampaignFacts,
  type LeadFacts,
  type SkipReason,
} from '../dialing/pre-dial-check.js';
import type { RuleBook } from '../dialing/rule-sets.js';
import { CampaignsErrors } from '../errors.js';
import { sealingAad, type CampaignsSealing } from '../sealing.js';
import {
  attemptsOfLeads,
  campaignById,
  campaignLists,
  dueCallbacks,
  dueRowsOfList,
  leadsByIds,
  recordSkips,
  restrictedIndexes,
  type CampaignRow,
  type HopperRow,
  type SkipWrite,
} from './dialer.repo.js';

/*
 * Picking: which due hopper rows the dialer may call now. Callbacks that are due come first; the
 * rest is mixed over the campaign's lists by weight (smooth weighted round-robin: a list of weight
 * 3 gets three picks for every one of a list of weight 1, interleaved). Each row is put through the
 * pre-dial check with facts loaded for a page of rows at once; a refusal is recorded (when asked)
 * and the row is pushed out of the due set until it is worth checking again, or ended.
 */

type Tables = CampaignsTables;

export interface PickDeps {
  readonly database: Database;
  readonly sealing: CampaignsSealing;
  readonly consents: Pick<ConsentService, 'consentFacts'>;
  readonly suppression: Pick<SuppressionService, 'suppressionFacts'>;
  readonly rules: RuleBook;
}

export interface PickOptions {
  readonly now: Date;
  /** How many callable leads to return at most. */
  readonly limit: number;
  /** Write dial_skips and push refused rows (a real pass); false for a dry run. */
  readonly record: boolean;
}

export interface Callable {
  readonly leadId: string;
  readonly listId: string;
  readonly attemptNumber: number;
  /** The zone the window was checked in; null when it held in every one of several candidates. */
  readonly timeZone: string | null;
  readonly e164: string;
  readonly callback: boolean;
}

export interface Refusal {
  readonly leadId: string;
  readonly reason: SkipReason;
  readonly detail: string;
}

export interface PickResult {
  readonly campaign: CampaignRow;
  readonly settings: CampaignSettings;
  readonly evaluated: number;
  readonly callable: Callable[];
  readonly skipped: Partial<Record<SkipReason, number>>;
  /** The first refusals, at most 50. */
  readonly examples: Refusal[];
}

const MINUTE = 60_000;
/** A lead refused for the time of day is not looked at again sooner than this. */
export const WINDOW_RECHECK_MIN_MS = 15 * MINUTE;
/** Caps that lift with time (24 h, per day, machine repeat) and data that may arrive: hourly. */
const LATER_MS = 60 * MINUTE;
const PROBE_STEP_MS = 15 * MINUTE;
const PROBE_HORIZON_MS = 8 * 24 * 60 * MINUTE;

const RESTRICTED = {
  allow: false,
  reason: 'processing_restricted',
  detail: 'the person restricted the processing of their data (GDPR Art. 18): not called while it lasts',
} as const;

/** Refusals that end the lead for this campaign (state done, final_reason the reason). */
const FINAL: ReadonlySet<SkipReason> = new Set<SkipReason>([
  'invalid_number',
  'dnc_internal',
  'region_not_allowed',
  'no_rule_set',
  'dnc_national',
  'consent_withdrawn',
  'consent_expired',
  'no_consent',
  'no_time_zone',
  'max_attempts',
]);

/** The lead's zones as the check reads them: candidates only when the zone is not the lead's own. */
function zonesOf(lead: {
  timeZone: string | null;
  timeZoneCandidates: string[];
  timeZoneSource: string | null;
}) {
  const several = lead.timeZoneSource !== 'field' && lead.timeZoneCandidates.length > 1;
  return several
    ? { timeZone: null, timeZoneCandidates: lead.timeZoneCandidates }
    : { timeZone: lead.timeZone ?? lead.timeZoneCandidates[0] ?? null, timeZoneCandidates: null };
}

export function createPicker(deps: PickDeps) {
  const { database, sealing, consents, suppression, rules } = deps;

  async function loadCampaign(ctx: RequestContext, campaignPublicOrUuid: string) {
    const campaignId = campaignUuid(campaignPublicOrUuid);
    const found = await database.withTenant<
      Tables,
      { campaign: CampaignRow; lists: { listId: string; weight: number }[] } | undefined
    >(ctx, async (trx) => {
      const campaign = await campaignById(trx, campaignId);
      return campaign ? { campaign, lists: await campaignLists(trx, campaignId) } : undefined;
    });
    if (!found) throw CampaignsErrors.campaignNotFound();
    return { ...found, settings: campaignSettingsSchema.parse(found.campaign.settings) };
  }

  /** When a lead refused for its local time may next be called: the first 15-minute step that opens. */
  function nextOpening(
    now: number,
    lead: Pick<LeadFacts, 'region' | 'timeZone' | 'timeZoneCandidates'>,
    facts: CampaignFacts,
    cache: Map<string, number>,
  ) {
    const key = `${lead.region}|${lead.timeZone ?? ''}|${lead.timeZoneCandidates?.join(',') ?? ''}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    let at = now + WINDOW_RECHECK_MIN_MS;
    while (
      at < now + PROBE_HORIZON_MS &&
      localTimeRefusal(at, lead, facts.callingWindow, rules) !== undefined
    )
      at += PROBE_STEP_MS;
    const next = Math.min(at, now + PROBE_HORIZON_MS);
    cache.set(key, next);
    return next;
  }

  function consequence(
    refusal: Refusal,
    now: number,
    lead: LeadFacts,
    facts: CampaignFacts,
    cache: Map<string, number>,
  ): SkipWrite {
    const base = { leadId: refusal.leadId, reason: refusal.reason, detail: refusal.detail };
    if (FINAL.has(refusal.reason)) return { ...base, state: 'done', nextDueAt: null };
    switch (refusal.reason) {
      case 'outside_calling_window':
      case 'holiday':
      case 'day_banned':
        return { ...base, state: 'pending', nextDueAt: new Date(nextOpening(now, lead, facts, cache)) };
      case 'retry_too_soon': {
        let last: Attempt | undefined;
        for (const a of lead.attempts) if (last === undefined || a.at > last.at) last = a;
        const until = last ? last.at + facts.retrySpacingMinutes[last.outcome] * MINUTE : now + LATER_MS;
        return { ...base, state: 'pending', nextDueAt: new Date(Math.max(until, now + MINUTE)) };
      }
      default:
        return { ...base, state: 'pending', nextDueAt: new Date(now + LATER_MS) };
    }
  }

  /** Loads the facts of a page of hopper rows and checks each; records refusals when asked. */
  async function evaluate(
    ctx: RequestContext,
    campaign: CampaignRow,
    facts: CampaignFacts,
    rows: readonly HopperRow[],
    options: PickOptions,
    result: { skipped: Partial<Record<SkipReason, number>>; examples: Refusal[] },
    cache: Map<string, number>,
  ): Promise<{ callable: Callable[]; refused: number }> {
    if (rows.length === 0) return { callable: [], refused: 0 };
    const ids = rows.map((r) => r.leadId);
    const { leads, attempts, restricted } = await database.withTenant<
      Tables,
      {
        leads: Awaited<ReturnType<typeof leadsByIds>>;
        attempts: Awaited<ReturnType<typeof attemptsOfLeads>>;
        restricted: Set<string>;
      }
    >(ctx, async (trx) => {
      const leads = await leadsByIds(trx, ids);
      const indexes = await restrictedIndexes(
        trx,
        leads.map((l) => l.phoneIndex),
      );
      return {
        leads,
        attempts: await attemptsOfLeads(trx, campaign.id, ids),
        restricted: new Set(indexes.map((index) => index.toString('base64'))),
      };
    });
    const leadById = new Map(leads.map((l) => [l.id, l]));
    const numbers = new Map<string, string>();
    await Promise.all(
      leads.map(async (l) =>
        numbers.set(l.id, await sealing.unseal(ctx.tenantId, l.phoneSealed, sealingAad.phone(l.id))),
      ),
    );
    const attemptsBy = new Map<string, Attempt[]>();
    for (const a of attempts) {
      const list = attemptsBy.get(a.leadId) ?? [];
      list.push({ at: a.at.getTime(), outcome: a.outcome ?? 'failed' });
      attemptsBy.set(a.leadId, list);
    }
    const e164s = [...new Set(numbers.values())];
    const [consentFacts, suppressionFacts] = await Promise.all([
      consents.consentFacts(ctx, e164s),
      suppression.suppressionFacts(ctx, e164s),
    ]);
    const now = options.now.getTime();
    const check = preDialChecker({ now, campaign: facts, suppression: suppressionFacts, rules });
    const callable: Callable[] = [];
    const writes: SkipWrite[] = [];
    for (const row of rows) {
      const lead = leadById.get(row.leadId);
      const e164 = numbers.get(row.leadId) ?? '';
      const zones = lead ? zonesOf(lead) : { timeZone: null, timeZoneCandidates: null };
      const leadFacts: LeadFacts = {
        e164,
        // The rules of the address's subdivision when known, else of the number's region.
        region: lead?.subdivision ?? lead?.region ?? '',
        ...zones,
        attempts: attemptsBy.get(row.leadId) ?? [],
      };
      // A person who restricted processing (GDPR Art. 18) is not called while it lasts.
      const decision =
        lead && restricted.has(lead.phoneIndex.toString('base64'))
          ? RESTRICTED
          : check(leadFacts, consentFacts.get(e164) ?? []);
      if (decision.allow) {
        callable.push({
          leadId: row.leadId,
          listId: row.listId,
          attemptNumber: row.attempts + 1,
          timeZone: zones.timeZone,
          e164,
          callback: row.callbackAt !== null && row.callbackAt.getTime() <= now,
        });
        continue;
      }
      const refusal: Refusal = { leadId: row.leadId, reason: decision.reason, detail: decision.detail };
      result.skipped[refusal.reason] = (result.skipped[refusal.reason] ?? 0) + 1;
      if (result.examples.length < 50) result.examples.push(refusal);
      if (options.record) writes.push(consequence(refusal, now, leadFacts, facts, cache));
    }
    if (writes.length > 0) {
      await database.withTenant<Tables, void>(ctx, (trx) =>
        recordSkips(trx, ctx.tenantId, campaign.id, options.now, writes),
      );
    }
    return { callable, refused: rows.length - callable.length };
  }

  /** Due hopper rows the pre-dial check allows now, callbacks first, lists mixed by weight. */
  async function pickCallable(
    ctx: RequestContext,
    campaignPublicOrUuid: string,
    options: PickOptions,
  ): Promise<PickResult> {
    const campaignId = campaignUuid(campaignPublicOrUuid);
    const { campaign, lists, settings } = await loadCampaign(ctx, campaignId);
    const facts = campaignFactsOf(settings);
    const result = { skipped: {} as Partial<Record<SkipReason, number>>, examples: [] as Refusal[] };
    const cache = new Map<string, number>();
    const picked: Callable[] = [];
    const seen = new Set<string>();
    let evaluated = 0;
    if (options.limit <= 0) return { campaign, settings, evaluated, callable: picked, ...result };

    // 1. Callbacks that are due, whatever their list.
    const callbacks = await database.withTenant<Tables, HopperRow[]>(ctx, (trx) =>
      dueCallbacks(trx, campaignId, options.now, options.limit),
    );
    for (const row of callbacks) seen.add(row.leadId);
    evaluated += callbacks.length;
    const first = await evaluate(ctx, campaign, facts, callbacks, options, result, cache);
    picked.push(...first.callable.slice(0, options.limit));

    // 2. The lists, by smooth weighted round-robin over per-list queues of allowed rows.
    const total = lists.reduce((sum, l) => sum + l.weight, 0);
    const queues = lists.map((l) => ({
      ...l,
      current: 0,
      queue: [] as Callable[],
      /** Rows of this list read so far that are still in the due set (the next page's offset). */
      offset: 0,
      exhausted: false,
      pageSize: Math.min(1000, Math.max(20, Math.ceil((options.limit * l.weight) / Math.max(1, total)) + 10)),
    }));
    const refill = async (q: (typeof queues)[number]) => {
      while (q.queue.length === 0 && !q.exhausted) {
        const rows = await database.withTenant<Tables, HopperRow[]>(ctx, (trx) =>
          dueRowsOfList(trx, campaignId, q.listId, options.now, q.offset, q.pageSize),
        );
        if (rows.length < q.pageSize) q.exhausted = true;
        const fresh = rows.filter((r) => !seen.has(r.leadId));
        for (const r of fresh) seen.add(r.leadId);
        evaluated += fresh.length;
        const page = await evaluate(ctx, campaign, facts, fresh, options, result, cache);
        // Recorded refusals left the due set; everything else read stays in it.
        q.offset += rows.length - (options.record ? page.refused : 0);
        q.queue.push(...page.callable);
      }
    };
    let active = queues.filter((q) => q.weight > 0);
    while (picked.length < options.limit && active.length > 0) {
      let best = active[0];
      let sum = 0;
      for (const q of active) {
        q.current += q.weight;
        sum += q.weight;
        if (best === undefined || q.current > best.current) best = q;
      }
      if (best === undefined) break;
      best.current -= sum;
      await refill(best);
      const next = best.queue.shift();
      if (next === undefined) {
        active = active.filter((q) => q !== best);
        continue;
      }
      picked.push(next);
    }
    return { campaign, settings, evaluated, callable: picked, ...result };
  }

  return { pickCallable, loadCampaign };
}

export type Picker = ReturnType<typeof createPicker>;
