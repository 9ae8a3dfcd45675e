import type { CallOutcome, CampaignLeadState, LeadStatus } from '../db/campaigns.tables.js';
import {
  campaignFactsOf,
  campaignSettingsSchema,
  type CampaignSettings,
} from '../campaigns/campaign-settings.js';
import type { CallProgress } from '../telephony/adapter.js';

/*
 * What one finished call means for the hopper row and the lead, as pure functions: the sink
 * applies them in its transaction; the unit test reads them as the rules.
 */

const PROGRESS_RANK: Record<string, number> = {
  reserved: 0,
  queued: 1,
  placed: 1,
  ringing: 2,
  in_progress: 3,
  ended: 4,
  not_placed: 4,
};

/** Progress only moves forward: a late `ringing` after `in_progress` (or the end) changes nothing. */
export function progressMovesForward(current: string, reported: CallProgress): boolean {
  return (PROGRESS_RANK[reported] ?? 0) > (PROGRESS_RANK[current] ?? 0);
}

/** The stored settings with defaults filled; a document that no longer validates takes the product defaults. */
export function readSettings(stored: unknown): CampaignSettings {
  const parsed = campaignSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  return campaignSettingsSchema.parse({ allowedRegions: ['US'] });
}

export interface CallFacts {
  readonly outcome: CallOutcome;
  readonly endedAt: Date;
  readonly optOut: boolean;
  readonly converted: boolean;
  readonly callbackAt: Date | undefined;
  /** Attempts of the lead in this campaign so far, this one included. */
  readonly attempts: number;
}

export interface HopperChange {
  readonly state: Exclude<CampaignLeadState, 'in_call'>;
  readonly nextDueAt: Date | null;
  readonly callbackAt: Date | null;
  readonly finalReason: string | null;
}

/**
 * The hopper row after a call: an opt-out or a conversion ends it; a callback the person asked for
 * puts it back due then; a recycled outcome (settings.recycleOutcomes) with attempts left puts it
 * back after that outcome's spacing; anything else ends it with the reason.
 */
export function hopperAfterCall(settings: CampaignSettings, call: CallFacts): HopperChange {
  if (call.optOut) return { state: 'done', nextDueAt: null, callbackAt: null, finalReason: 'opt_out' };
  if (call.converted) return { state: 'done', nextDueAt: null, callbackAt: null, finalReason: 'converted' };
  if (call.callbackAt !== undefined)
    return { state: 'pending', nextDueAt: call.callbackAt, callbackAt: call.callbackAt, finalReason: null };
  const facts = campaignFactsOf(settings);
  if (settings.recycleOutcomes.includes(call.outcome)) {
    if (call.attempts < facts.maxAttemptsPerLead) {
      const spacing = facts.retrySpacingMinutes[call.outcome] * 60_000;
      return {
        state: 'pending',
        nextDueAt: new Date(call.endedAt.getTime() + spacing),
        callbackAt: null,
        finalReason: null,
      };
    }
    return { state: 'done', nextDueAt: null, callbackAt: null, finalReason: 'max_attempts' };
  }
  return { state: 'done', nextDueAt: null, callbackAt: null, finalReason: `outcome_${call.outcome}` };
}

/** The lead's status a call gives it. */
export function leadStatusAfterCall(call: Omit<CallFacts, 'attempts' | 'endedAt'>): LeadStatus {
  if (call.optOut) return 'do_not_call';
  if (call.converted) return 'converted';
  if (call.callbackAt !== undefined) return 'callback';
  if (call.outcome === 'answered') return 'contacted';
  return 'attempted';
}

/**
 * Whether a call's status replaces the lead's: `do_not_call` is never left by a call, `converted`
 * only for `do_not_call`, and a status equal to the current one writes no history row.
 */
export function leadStatusChanges(current: LeadStatus, next: LeadStatus): boolean {
  if (current === next || current === 'do_not_call') return false;
  if (current === 'converted') return next === 'do_not_call';
  return true;
}
