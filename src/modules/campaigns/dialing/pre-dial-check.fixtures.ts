/** Builders for the pre-dial check's inputs, shared by its test files. */
import { compileDncList, type DncMatcher } from './dnc-matcher.js';
import {
  campaignFacts,
  type Attempt,
  type CampaignFacts,
  type ConsentRecord,
  type LeadFacts,
  type PreDialInput,
  type RegistryCopy,
} from './pre-dial-check.js';
import { compileRuleBook, type RuleBook } from './rule-sets.js';

export const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad instant ${iso}`);
  return t;
};
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const book: RuleBook = compileRuleBook();

/** Wednesday 10 June 2026, 11:00 in New York. */
export const NOW = at('2026-06-10T15:00:00Z');

export function registry(downloadedAt: number, numbers: readonly string[] = []): RegistryCopy {
  const set = new Set(numbers);
  return { downloadedAt, has: (n) => set.has(n) };
}

export const freshRegistries = (now: number): Map<string, RegistryCopy> =>
  new Map([
    ['us-national-dnc', registry(now - 2 * DAY)],
    ['uk-tps', registry(now - 2 * DAY)],
  ]);

export const aiConsent: ConsentRecord = {
  purpose: 'marketing',
  channel: 'ai_voice',
  givenAt: at('2020-01-01T00:00:00Z'),
};

export interface InputOverrides {
  now?: number;
  lead?: Partial<LeadFacts>;
  attempts?: readonly Attempt[];
  campaign?: Partial<CampaignFacts>;
  internal?: DncMatcher;
  registries?: Map<string, RegistryCopy>;
  consents?: readonly ConsentRecord[];
  rules?: RuleBook;
}

/**
 * A lead in New York whom nothing stops at {@link NOW}: a wide-open campaign window, so the
 * rules' hours are what a test sees, and caps that do not bite unless a test sets them.
 */
export function input(o: InputOverrides = {}): PreDialInput {
  const now = o.now ?? NOW;
  return {
    now,
    lead: {
      e164: '+12125550100',
      region: 'US-NY',
      timeZone: 'America/New_York',
      attempts: o.attempts ?? [],
      ...o.lead,
    },
    campaign: campaignFacts({
      callingWindow: { startMinute: 0, endMinute: 24 * 60 },
      allowedRegions: ['US', 'GB', 'IN'],
      ...o.campaign,
    }),
    suppression: {
      internal: o.internal ?? compileDncList([]),
      registries: o.registries ?? freshRegistries(now),
    },
    consents: o.consents ?? [aiConsent],
    rules: o.rules ?? book,
  };
}

/** Campaign caps that never bite, so one rule at a time can be watched. */
export const noCaps: Partial<CampaignFacts> = {
  maxAttemptsPerLead: 1000,
  maxAttemptsPerDay: 1000,
  retrySpacingMinutes: { answered: 0, busy: 0, no_answer: 0, voicemail: 0, failed: 0, abandoned: 0 },
};

/** Local `HH:MM` of an instant in a zone, by a path independent of local-time.ts. */
const clocks = new Map<string, Intl.DateTimeFormat>();
export function wallClock(zone: string, instant: number): string {
  let clock = clocks.get(zone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(zone, clock);
  }
  return clock.format(instant);
}

/** A small seeded generator, so property runs are repeatable. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
