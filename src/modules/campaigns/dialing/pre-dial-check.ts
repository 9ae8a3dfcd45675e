/**
 * The pre-dial check: one pure function the dialer runs before every single call. It answers
 * allow, or the first reason not to, from facts it is handed (no I/O, no clock: `now` is an
 * input). Compliance reasons come first, so that the reason recorded for a skip is the one that
 * matters most; the order is documented in docs/campaigns-rules.md and fixed by the tests.
 *
 * Cost: `bench:dialer` calls it a million times. An allowed call allocates nothing (the answer is
 * one frozen object; local time is written into a scratch object; zone offsets, local-day starts
 * and rule look-ups are cached per zone or region). Only a refusal builds its detail string.
 */
import type { DncMatcher } from './dnc-matcher.js';
import { DAY_MS, isKnownTimeZone, isoDate, localDayStart, localTime, type LocalTime } from './local-time.js';
import type { EffectiveRules, RuleBook } from './rule-sets.js';

/**
 * Every reason, in the order the check tries them. `processing_restricted` is the dialer's own
 * (the person restricted processing of their data, GDPR Art. 18), decided before the check.
 */
export const SKIP_REASONS = [
  'processing_restricted',
  'invalid_number',
  'dnc_internal',
  'region_not_allowed',
  'no_rule_set',
  'registry_stale',
  'dnc_national',
  'consent_withdrawn',
  'consent_expired',
  'no_consent',
  'no_time_zone',
  'no_holiday_data',
  'holiday',
  'day_banned',
  'outside_calling_window',
  'max_calls_24h',
  'answering_machine_repeat',
  'max_attempts',
  'max_attempts_today',
  'retry_too_soon',
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export type AttemptOutcome = 'answered' | 'busy' | 'no_answer' | 'voicemail' | 'failed' | 'abandoned';

export interface Attempt {
  /** When the call was placed, ms since the epoch. */
  readonly at: number;
  /** `voicemail` means an answering machine answered (detected or reported). */
  readonly outcome: AttemptOutcome;
}

export interface LeadFacts {
  /** E.164, normalised at import (libphonenumber-js); re-checked here for shape only. */
  readonly e164: string;
  /** `US-FL`, `GB`, `IN`: where the lead is, for the rule set. */
  readonly region: string;
  /** The lead's own IANA zone; wins over the candidates and the region's default. */
  readonly timeZone?: string | null;
  /**
   * The zones the lead may be in when no single one is known (a US number without an address):
   * the window, holidays and banned days must then hold in every one of them.
   */
  readonly timeZoneCandidates?: readonly string[] | null;
  /** This campaign's attempts on this lead, any order. */
  readonly attempts: readonly Attempt[];
}

export interface ConsentRequirement {
  /** `marketing`, `service`, … as the consent ledger records it. */
  readonly purpose: string;
  /** `call`, `ai_voice` (calls with an artificial or AI voice), `sms`, … */
  readonly channel: string;
}

export interface CallingWindow {
  /** Local minutes after midnight, [start, end): 9:00–19:00 is 540, 1140. No wrap past midnight. */
  readonly startMinute: number;
  readonly endMinute: number;
  /** Weekdays the campaign calls on, 0 = Sunday; all seven when absent. */
  readonly days?: readonly number[];
}

export interface CampaignFacts {
  readonly callingWindow: CallingWindow;
  /** Attempts per lead over the campaign's life. */
  readonly maxAttemptsPerLead: number;
  /** Attempts per lead in one local day of the lead. */
  readonly maxAttemptsPerDay: number;
  /** Minutes to wait after an attempt with each outcome before the next. */
  readonly retrySpacingMinutes: Readonly<Record<AttemptOutcome, number>>;
  readonly consentRequired: readonly ConsentRequirement[];
  /** The purpose of the calls; with an AI voice, consent to `ai_voice` for it is required where the rules say so. */
  readonly purpose: string;
  readonly usesArtificialVoice: boolean;
  /** A live agent is guaranteed to take every answered call (lifts Ofcom's answering-machine repeat limit). */
  readonly liveAgentGuaranteed: boolean;
  /** `US` allows every US state; `US-FL` only Florida. */
  readonly allowedRegions: readonly string[];
}

export interface RegistryCopy {
  /** When the copy was downloaded, ms since the epoch. */
  readonly downloadedAt: number;
  has(e164: string): boolean;
}

export interface SuppressionFacts {
  readonly internal: DncMatcher;
  /** National registry copies by id (`us-national-dnc`, `uk-tps`). */
  readonly registries: ReadonlyMap<string, RegistryCopy>;
}

export interface ConsentRecord {
  readonly purpose: string;
  readonly channel: string;
  readonly givenAt: number;
  readonly expiresAt?: number | null;
  readonly withdrawnAt?: number | null;
}

export interface PreDialInput {
  readonly now: number;
  readonly lead: LeadFacts;
  readonly campaign: CampaignFacts;
  readonly suppression: SuppressionFacts;
  readonly consents: readonly ConsentRecord[];
  readonly rules: RuleBook;
}

export type PreDialDecision =
  { readonly allow: true } | { readonly allow: false; readonly reason: SkipReason; readonly detail: string };

const ALLOW: PreDialDecision = Object.freeze({ allow: true });

const skip = (reason: SkipReason, detail: string): PreDialDecision => ({ allow: false, reason, detail });

/** Defaults of the product (not law): see docs/campaigns-rules.md. */
export const CAMPAIGN_DEFAULTS = {
  callingWindow: { startMinute: 9 * 60, endMinute: 20 * 60 },
  maxAttemptsPerLead: 2,
  maxAttemptsPerDay: 1,
  retrySpacingMinutes: {
    answered: 24 * 60,
    busy: 15,
    no_answer: 4 * 60,
    voicemail: 24 * 60,
    failed: 30,
    abandoned: 24 * 60,
  },
  consentRequired: [],
  purpose: 'marketing',
  usesArtificialVoice: true,
  liveAgentGuaranteed: false,
  allowedRegions: [],
} as const satisfies CampaignFacts;

/** A campaign's facts with the product defaults filled in. */
export function campaignFacts(overrides: Partial<CampaignFacts>): CampaignFacts {
  return { ...CAMPAIGN_DEFAULTS, ...overrides };
}

const E164 = /^\+[1-9]\d{6,14}$/;
const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Scratch for the lead's local time; the check is synchronous, so one object serves every call. */
const scratch: LocalTime = { day: 0, minuteOfDay: 0, weekday: 0 };

function regionAllowed(region: string, allowed: readonly string[]): boolean {
  for (const a of allowed) {
    if (region === a) return true;
    // `US` allows `US-FL`: a prefix followed by '-'.
    if (region.length > a.length && region.charCodeAt(a.length) === 45 && region.startsWith(a)) return true;
  }
  return false;
}

type ConsentState = 'ok' | 'withdrawn' | 'expired' | 'missing';

/**
 * Whether one consent record for purpose and channel is in force at `now`; if none is, what the
 * most recently given one says (withdrawn, expired), or missing.
 */
function consentState(
  consents: readonly ConsentRecord[],
  purpose: string,
  channel: string,
  now: number,
): ConsentState {
  let latest: ConsentRecord | undefined;
  for (const record of consents) {
    if (record.purpose !== purpose || record.channel !== channel || record.givenAt > now) continue;
    const withdrawn = record.withdrawnAt != null && record.withdrawnAt <= now;
    const expired = record.expiresAt != null && record.expiresAt <= now;
    if (!withdrawn && !expired) return 'ok';
    if (latest === undefined || record.givenAt > latest.givenAt) latest = record;
  }
  if (latest === undefined) return 'missing';
  return latest.withdrawnAt != null && latest.withdrawnAt <= now ? 'withdrawn' : 'expired';
}

function consentSkip(state: ConsentState, purpose: string, channel: string): PreDialDecision {
  const what = `consent to ${purpose} by ${channel}`;
  if (state === 'withdrawn') return skip('consent_withdrawn', `${what} was withdrawn`);
  if (state === 'expired') return skip('consent_expired', `${what} has expired`);
  return skip('no_consent', `no ${what} on record`);
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The pre-dial check; see the module comment and docs/campaigns-rules.md for the order. */
export function preDialCheck(input: PreDialInput): PreDialDecision {
  return decide(input.now, input.lead, input.consents, input.campaign, input.suppression, input.rules);
}

/** What stays the same across one dialing pass: the instant, the campaign, the lists, the rules. */
export type PreDialPass = Omit<PreDialInput, 'lead' | 'consents'>;

/**
 * The same check bound to one pass, for the scheduler's loop and `bench:dialer`: no input object
 * per lead. `preDialChecker(pass)(lead, consents)` equals `preDialCheck({ ...pass, lead, consents })`.
 */
export function preDialChecker(
  pass: PreDialPass,
): (lead: LeadFacts, consents: readonly ConsentRecord[]) => PreDialDecision {
  const { now, campaign, suppression, rules } = pass;
  return (lead, consents) => decide(now, lead, consents, campaign, suppression, rules);
}

function decide(
  now: number,
  lead: LeadFacts,
  consents: readonly ConsentRecord[],
  campaign: CampaignFacts,
  suppression: SuppressionFacts,
  book: RuleBook,
): PreDialDecision {
  const number = lead.e164;

  // 1. The number itself.
  if (!E164.test(number)) return skip('invalid_number', 'not an E.164 number');
  if (suppression.internal.has(number)) return skip('dnc_internal', 'on the tenant do-not-call list');

  // 2. Where the lead is, and whose rules apply.
  if (!regionAllowed(lead.region, campaign.allowedRegions)) {
    return skip('region_not_allowed', `region ${lead.region} is not among the campaign's regions`);
  }
  const rules = book.forRegion(lead.region);
  if (rules === undefined) return skip('no_rule_set', `no calling rules for region ${lead.region}`);

  // 3. National registries: a usable copy, then the number on it.
  for (const requirement of rules.registries) {
    const copy = suppression.registries.get(requirement.id);
    if (copy === undefined) {
      return skip('registry_stale', `no copy of registry ${requirement.id}, which ${rules.name} requires`);
    }
    if (now - copy.downloadedAt > requirement.maxAgeDays * DAY_MS) {
      const days = Math.floor((now - copy.downloadedAt) / DAY_MS);
      return skip(
        'registry_stale',
        `registry ${requirement.id} copy is ${days} days old (limit ${requirement.maxAgeDays})`,
      );
    }
  }
  for (const requirement of rules.registries) {
    if (suppression.registries.get(requirement.id)?.has(number) === true) {
      return skip('dnc_national', `on registry ${requirement.id}`);
    }
  }

  // 4. Consent: what the campaign declares, and AI-voice consent where the rules demand it.
  for (const need of campaign.consentRequired) {
    const state = consentState(consents, need.purpose, need.channel, now);
    if (state !== 'ok') return consentSkip(state, need.purpose, need.channel);
  }
  if (campaign.usesArtificialVoice && rules.artificialVoiceNeedsConsent) {
    const state = consentState(consents, campaign.purpose, 'ai_voice', now);
    if (state !== 'ok') return consentSkip(state, campaign.purpose, 'ai_voice');
  }

  // 5. The lead's local time: holidays, banned days, hours — in every zone the lead may be in.
  const own = lead.timeZone;
  const candidates = lead.timeZoneCandidates;
  if ((own === undefined || own === null || own === '') && candidates != null && candidates.length > 1) {
    return decideInCandidates(now, lead, campaign, rules, candidates);
  }
  const zone =
    own !== undefined && own !== null && own !== ''
      ? own
      : candidates != null && candidates.length === 1
        ? candidates[0]
        : rules.defaultTimeZone;
  if (zone === undefined) {
    return skip('no_time_zone', `no time zone for the lead, and none single for ${lead.region} in the rules`);
  }
  if (!isKnownTimeZone(zone)) return skip('no_time_zone', `unknown time zone ${zone}`);
  const local = localTime(zone, now, scratch);
  const windowSkip = checkWindow(rules, campaign.callingWindow, local, zone);
  if (windowSkip !== undefined) return windowSkip;

  // 6. Attempts: caps the law sets, then the campaign's own.
  if (lead.attempts.length === 0) return ALLOW;
  return checkAttempts(rules, campaign, lead.attempts, now, zone, localDayStart(zone, local.day));
}

/**
 * A lead with several candidate zones: it may be called only when every zone allows it (the
 * first refusal found is the answer), and "today" for the daily cap starts at the earliest local
 * midnight among them, so an attempt counts as today's in whichever zone it is.
 */
function decideInCandidates(
  now: number,
  lead: LeadFacts,
  campaign: CampaignFacts,
  rules: EffectiveRules,
  candidates: readonly string[],
): PreDialDecision {
  let dayStart = Number.POSITIVE_INFINITY;
  let startZone = '';
  for (const zone of candidates) {
    if (!isKnownTimeZone(zone)) return skip('no_time_zone', `unknown time zone ${zone}`);
    const local = localTime(zone, now, scratch);
    const windowSkip = checkWindow(rules, campaign.callingWindow, local, zone);
    if (windowSkip !== undefined) return windowSkip;
    if (lead.attempts.length > 0) {
      const start = localDayStart(zone, local.day);
      if (start < dayStart) {
        dayStart = start;
        startZone = zone;
      }
    }
  }
  if (lead.attempts.length === 0) return ALLOW;
  return checkAttempts(rules, campaign, lead.attempts, now, startZone, dayStart);
}

function checkWindow(
  rules: EffectiveRules,
  window: CallingWindow,
  local: LocalTime,
  zone: string,
): PreDialDecision | undefined {
  for (const calendar of rules.holidays) {
    if (local.day < calendar.firstDay || local.day > calendar.lastDay) {
      return skip(
        'no_holiday_data',
        `${rules.name} bans calls on holidays; the calendar covers ${calendar.fromYear}–${calendar.toYear}, not ${isoDate(local.day)}`,
      );
    }
    if (calendar.days.has(local.day)) {
      return skip(
        'holiday',
        `${isoDate(local.day)} is ${calendar.names.get(local.day) ?? 'a holiday'} (${rules.name})`,
      );
    }
  }
  const hours = rules.hours[local.weekday] ?? null;
  if (hours === null)
    return skip('day_banned', `${rules.name} bans calls on this weekday (${local.weekday}, 0 = Sunday)`);
  const minute = local.minuteOfDay;
  if (minute < hours[0] || minute >= hours[1]) {
    return skip(
      'outside_calling_window',
      `local ${hhmm(minute)} (${zone}) is outside ${hhmm(hours[0])}–${hhmm(hours[1])} (${rules.name})`,
    );
  }
  if (
    minute < window.startMinute ||
    minute >= window.endMinute ||
    (window.days !== undefined && !window.days.includes(local.weekday))
  ) {
    return skip(
      'outside_calling_window',
      `local ${hhmm(minute)} (${zone}) is outside the campaign window ${hhmm(window.startMinute)}–${hhmm(window.endMinute)}`,
    );
  }
  return undefined;
}

function checkAttempts(
  rules: EffectiveRules,
  campaign: CampaignFacts,
  attempts: readonly Attempt[],
  now: number,
  zone: string,
  dayStart: number,
): PreDialDecision {
  const since24h = now - 24 * HOUR;
  const machineSince = now - rules.machineRepeatHours * HOUR;
  let in24h = 0;
  let todayCount = 0;
  let machineRecently = false;
  let last: Attempt | undefined;
  for (const attempt of attempts) {
    if (attempt.at > since24h) in24h++;
    if (attempt.at >= dayStart) todayCount++;
    if (attempt.outcome === 'voicemail' && attempt.at > machineSince) machineRecently = true;
    if (last === undefined || attempt.at > last.at) last = attempt;
  }
  if (in24h >= rules.maxCallsPer24h) {
    return skip(
      'max_calls_24h',
      `${in24h} calls in the last 24 hours (${rules.name} allows ${rules.maxCallsPer24h})`,
    );
  }
  if (machineRecently && rules.machineRepeatHours > 0 && !campaign.liveAgentGuaranteed) {
    return skip(
      'answering_machine_repeat',
      `an answering machine took a call in the last ${rules.machineRepeatHours} hours and no live agent is guaranteed (${rules.name})`,
    );
  }
  if (attempts.length >= campaign.maxAttemptsPerLead) {
    return skip(
      'max_attempts',
      `${attempts.length} attempts (campaign allows ${campaign.maxAttemptsPerLead})`,
    );
  }
  if (todayCount >= campaign.maxAttemptsPerDay) {
    return skip(
      'max_attempts_today',
      `${todayCount} attempts today in ${zone} (campaign allows ${campaign.maxAttemptsPerDay})`,
    );
  }
  if (last !== undefined) {
    const wait = campaign.retrySpacingMinutes[last.outcome] * MINUTE;
    if (now - last.at < wait) {
      return skip(
        'retry_too_soon',
        `last attempt (${last.outcome}) ${Math.floor((now - last.at) / MINUTE)} min ago; spacing is ${campaign.retrySpacingMinutes[last.outcome]} min`,
      );
    }
  }
  return ALLOW;
}

/**
 * Step 5 alone (holidays, banned days, hours, in every zone the lead may be in): undefined when
 * the lead's local time allows a call at `now`. The dialer probes it forward in time to find when
 * a lead refused for the time of day is worth checking again.
 */
export function localTimeRefusal(
  now: number,
  lead: Pick<LeadFacts, 'region' | 'timeZone' | 'timeZoneCandidates'>,
  window: CallingWindow,
  book: RuleBook,
): PreDialDecision | undefined {
  const rules = book.forRegion(lead.region);
  if (rules === undefined) return skip('no_rule_set', `no calling rules for region ${lead.region}`);
  const own = lead.timeZone;
  const candidates = lead.timeZoneCandidates;
  const zones: readonly (string | undefined)[] =
    own !== undefined && own !== null && own !== ''
      ? [own]
      : candidates != null && candidates.length > 0
        ? candidates
        : [rules.defaultTimeZone];
  for (const zone of zones) {
    if (zone === undefined || !isKnownTimeZone(zone)) return skip('no_time_zone', 'no usable time zone');
    const refusal = checkWindow(rules, window, localTime(zone, now, scratch), zone);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}
