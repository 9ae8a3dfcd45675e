/**
 * Regulatory rules as data: one rule set per region, each default with its source. A state's rule
 * set names its country's as parent, and the two are combined once (`compileRuleBook`) into the
 * stricter of each: the narrower hours, the lower cap, every registry, every holiday.
 *
 * `basis` says what a figure is: `law` (statute or regulation), `regulator_policy` (a regulator's
 * published enforcement policy, not itself law) or `practice` (common industry practice, no legal
 * force). docs/campaigns-rules.md explains each, and what is not modelled.
 *
 * Hours are [start, end) in local minutes after midnight: 8:00–21:00 is [480, 1260), so a call at
 * 21:00:00 is refused. That is one minute stricter than "after 9 p.m." reads, on purpose.
 */
import { ALABAMA_HOLIDAYS, type HolidayCalendar } from './holidays.js';

export type Basis = 'law' | 'regulator_policy' | 'practice';

export interface Source {
  readonly claim: string;
  readonly citation: string;
  readonly url: string;
  readonly basis: Basis;
}

/** Calling hours per weekday, index 0 = Sunday … 6 = Saturday; null = no calls that day. */
export type WeeklyHours = readonly (readonly [start: number, end: number] | null)[];

export interface RegistryRequirement {
  /** The key of the registry copy in the suppression facts, e.g. `us-national-dnc`. */
  readonly id: string;
  /** A copy older than this many days (elapsed, not calendar days) is refused. */
  readonly maxAgeDays: number;
}

export interface RuleSet {
  /** `US`, `US-FL`, `GB`, `IN`: ISO 3166-1 alpha-2, or ISO 3166-2 for a subdivision. */
  readonly region: string;
  readonly name: string;
  /** The country whose rules also apply (a state names `US`). */
  readonly parent?: string;
  readonly hours?: WeeklyHours;
  /** At most this many calls to one number in any rolling 24 hours. */
  readonly maxCallsPer24h?: number;
  /** No calls on these days (local date of the lead). */
  readonly holidays?: HolidayCalendar;
  readonly registries?: readonly RegistryRequirement[];
  /** Calls with an artificial (AI) voice need the lead's consent to that channel. */
  readonly artificialVoiceNeedsConsent?: boolean;
  /**
   * After an answering machine was detected, no call to the number within this many hours unless
   * a live agent is guaranteed to take the call (Ofcom).
   */
  readonly machineRepeatHours?: number;
  /** The zone for leads without one, only where the region has a single zone. */
  readonly defaultTimeZone?: string;
  readonly sources: readonly Source[];
}

const every = (start: number, end: number): WeeklyHours => {
  const day = [start, end] as const;
  return [day, day, day, day, day, day, day];
};
const noSunday = (start: number, end: number): WeeklyHours => {
  const day = [start, end] as const;
  return [null, day, day, day, day, day, day];
};
const h = (hour: number) => hour * 60;

const US_NATIONAL_DNC: RegistryRequirement = { id: 'us-national-dnc', maxAgeDays: 31 };
const UK_TPS: RegistryRequirement = { id: 'uk-tps', maxAgeDays: 31 };

export const US: RuleSet = {
  region: 'US',
  name: 'US federal (TCPA / TSR)',
  hours: every(h(8), h(21)),
  registries: [US_NATIONAL_DNC],
  artificialVoiceNeedsConsent: true,
  sources: [
    {
      claim: 'No telephone solicitation before 8 a.m. or after 9 p.m. local time at the called party',
      citation: '47 CFR § 64.1200(c)(1) (TCPA rules); 16 CFR § 310.4(c) (TSR)',
      url: 'https://www.ecfr.gov/current/title-47/chapter-I/subchapter-B/part-64/subpart-L/section-64.1200',
      basis: 'law',
    },
    {
      claim: 'The National Do Not Call Registry copy used must be no more than 31 days old',
      citation: '16 CFR § 310.4(b)(3)(iv); 47 CFR § 64.1200(c)(2)(i)(D) (31 days since 1 Jan 2005)',
      url: 'https://www.njcar.org/latest-news/fcc-requires-monthly-download-of-do-not-call-registry/',
      basis: 'law',
    },
    {
      claim:
        'AI-generated voices are an "artificial or prerecorded voice": such calls need the prior express (written, for telemarketing) consent of the called party',
      citation: 'FCC Declaratory Ruling FCC 24-17, CG Docket 23-362 (8 Feb 2024); 47 U.S.C. § 227(b)',
      url: 'https://www.scribd.com/document/704494076/FCC-24-17A1',
      basis: 'law',
    },
  ],
};

export const US_FL: RuleSet = {
  region: 'US-FL',
  name: 'Florida',
  parent: 'US',
  hours: every(h(8), h(20)),
  maxCallsPer24h: 3,
  sources: [
    {
      claim:
        'No commercial telephone solicitation before 8 a.m. or after 8 p.m. local time; no more than three calls to a person in 24 hours on the same subject',
      citation: 'Fla. Stat. § 501.616(6)(a)–(b), as amended by CS/SB 1120 (2021), ch. 2021-185',
      url: 'https://flsenate.gov/Session/Bill/2021/1120/BillText/er/HTML',
      basis: 'law',
    },
  ],
};

export const US_OK: RuleSet = {
  region: 'US-OK',
  name: 'Oklahoma',
  parent: 'US',
  hours: every(h(8), h(20)),
  maxCallsPer24h: 3,
  defaultTimeZone: 'America/Chicago',
  sources: [
    {
      claim: 'Calls only 8 a.m.–8 p.m. local time; no more than three calls in 24 hours on the same subject',
      citation: 'Telephone Solicitation Act of 2022, HB 3168, 15 O.S. § 775C.1 et seq. (in force 1 Nov 2022)',
      url: 'https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest',
      basis: 'law',
    },
  ],
};

export const US_MD: RuleSet = {
  region: 'US-MD',
  name: 'Maryland',
  parent: 'US',
  hours: every(h(8), h(20)),
  maxCallsPer24h: 3,
  defaultTimeZone: 'America/New_York',
  sources: [
    {
      claim:
        'Calls only 8 a.m.–8 p.m. in the called party’s time zone; no more than three calls or texts in 24 hours on the same subject',
      citation: 'Stop the Spam Calls Act of 2023, SB 90 (in force 1 Jan 2024)',
      url: 'https://www.dnc.com/index.php/news/maryland-governor-signs-stop-spam-calls-act-2023-law',
      basis: 'law',
    },
  ],
};

export const US_WA: RuleSet = {
  region: 'US-WA',
  name: 'Washington',
  parent: 'US',
  hours: every(h(8), h(20)),
  defaultTimeZone: 'America/Los_Angeles',
  sources: [
    {
      claim:
        'A commercial telephone solicitor may not place calls received before 8 a.m. or after 8 p.m. local time',
      citation: 'RCW 19.158.040(2)',
      url: 'https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040',
      basis: 'law',
    },
  ],
};

export const US_TX: RuleSet = {
  region: 'US-TX',
  name: 'Texas',
  parent: 'US',
  // The Sunday noon start often attributed to Tex. Bus. & Com. Code § 301.051 is not modelled: its
  // text was not found while this data was written (docs/campaigns-rules.md).
  hours: every(h(9), h(21)),
  sources: [
    {
      claim: 'Telemarketing calls only between 9 a.m. and 9 p.m.',
      citation:
        'Tex. Bus. & Com. Code ch. 301 (Telephone Solicitation Practices), as summarised by LegalClarity',
      url: 'https://legalclarity.org/what-is-the-legal-time-to-call-customers-in-texas',
      basis: 'law',
    },
  ],
};

export const US_AL: RuleSet = {
  region: 'US-AL',
  name: 'Alabama',
  parent: 'US',
  hours: noSunday(h(8), h(20)),
  holidays: ALABAMA_HOLIDAYS,
  sources: [
    {
      claim: 'No solicitation calls on Sundays or holidays; otherwise none before 8 a.m. or after 8 p.m.',
      citation:
        'Ala. Admin. Code r. 770-X-5-.17(1)(b) (Public Service Commission; automated solicitation calls)',
      url: 'https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-770-alabama-public-service-commission/chapter-770-x-5-telephone-rules/section-770-x-5-17-live-and-automated-solicitations-and-announcements',
      basis: 'law',
    },
    {
      claim: 'State holidays',
      citation: 'Ala. Code § 1-3-8',
      url: 'https://www.al.com/news/2019/06/jefferson-davis-holiday-2019-how-many-confederate-holidays-does-alabama-have.html',
      basis: 'law',
    },
  ],
};

export const US_MS: RuleSet = {
  region: 'US-MS',
  name: 'Mississippi',
  parent: 'US',
  hours: noSunday(h(8), h(21)),
  defaultTimeZone: 'America/Chicago',
  sources: [
    {
      claim:
        'No telephone solicitations on a Sunday (§ 77-3-723(1)); unsolicited sales calls 8 a.m.–9 p.m. Monday–Saturday (§ 77-3-603(a)). The legal-holiday ban went with the PSC rules repealed in 2023',
      citation: 'Miss. Code Ann. §§ 77-3-723(1), 77-3-603(a)',
      url: 'https://www.dnc.com/blog/no-more-holidays-mississippi-marketers-magnolia-state-lifts-prohibition-telemarketing-legal',
      basis: 'law',
    },
  ],
};

export const GB: RuleSet = {
  region: 'GB',
  name: 'United Kingdom',
  hours: every(h(8), h(21)),
  registries: [UK_TPS],
  artificialVoiceNeedsConsent: true,
  machineRepeatHours: 24,
  defaultTimeZone: 'Europe/London',
  sources: [
    {
      claim: 'No statutory calling hours; 8:00–21:00 is common practice, not law',
      citation: 'Industry practice (no UK statute sets calling hours)',
      url: 'https://www.ofcom.org.uk/consultations-and-statements/category-1/review-of-how-we-use-persistent-misuse-powers',
      basis: 'practice',
    },
    {
      claim:
        'After answer-machine detection, no repeat call to that number in the same 24 hours unless a live agent is guaranteed; abandoned calls ≤ 3% of live calls per campaign per 24 hours (a pacing measure, not a per-lead check)',
      citation:
        'Ofcom, Persistent Misuse statement of policy (20 Dec 2016, applies from 1 Mar 2017); Communications Act 2003 ss. 128–131',
      url: 'https://www.bbc.co.uk/news/10204629',
      basis: 'regulator_policy',
    },
    {
      claim:
        'Numbers on the Telephone Preference Service must not get unsolicited marketing calls; automated recorded-message marketing calls need prior consent',
      citation: 'Privacy and Electronic Communications Regulations 2003, regs. 19 and 21',
      url: 'https://www.legislation.gov.uk/uksi/2003/2426/contents',
      basis: 'law',
    },
  ],
};

export const IN: RuleSet = {
  region: 'IN',
  name: 'India',
  hours: every(h(10), h(21)),
  defaultTimeZone: 'Asia/Kolkata',
  sources: [
    {
      claim:
        'Default time band for promotional calls 10:00–21:00 (TCCCPR 2018); the 2010 regulations had 09:00–21:00',
      citation:
        'Telecom Commercial Communications Customer Preference Regulations, 2018 (TRAI), per the Minister of Communications in the Lok Sabha, Nov 2019',
      url: 'https://www.bloombergquint.com/business/more-than-326-lakh-unsolicited-telemarketing-call-complaints-during-july-september',
      basis: 'law',
    },
  ],
};

/** Every rule set shipped by default. */
export const DEFAULT_RULE_SETS: readonly RuleSet[] = [
  US,
  US_FL,
  US_OK,
  US_MD,
  US_WA,
  US_TX,
  US_AL,
  US_MS,
  GB,
  IN,
];

/** A region's rules after combining it with its parent: what the pre-dial check reads. */
export interface EffectiveRules {
  readonly region: string;
  /** `US federal (TCPA / TSR) + Florida`, for details. */
  readonly name: string;
  /** Always seven entries. */
  readonly hours: WeeklyHours;
  /** `Infinity` when no rule caps calls per 24 hours. */
  readonly maxCallsPer24h: number;
  readonly holidays: readonly HolidayCalendar[];
  readonly registries: readonly RegistryRequirement[];
  readonly artificialVoiceNeedsConsent: boolean;
  /** 0 when no rule applies. */
  readonly machineRepeatHours: number;
  readonly defaultTimeZone: string | undefined;
}

export interface RuleBook {
  /** Rules for `US-FL`; a subdivision without its own set gets its country's; undefined if none. */
  forRegion(region: string): EffectiveRules | undefined;
}

const ALL_DAY = every(0, 24 * 60);

function intersect(a: WeeklyHours, b: WeeklyHours): WeeklyHours {
  const out: (readonly [number, number] | null)[] = [];
  for (let day = 0; day < 7; day++) {
    const x = a[day] ?? null;
    const y = b[day] ?? null;
    if (x === null || y === null) {
      out.push(null);
      continue;
    }
    const start = Math.max(x[0], y[0]);
    const end = Math.min(x[1], y[1]);
    out.push(start < end ? [start, end] : null);
  }
  return out;
}

function combine(chain: readonly RuleSet[]): EffectiveRules {
  let hours = ALL_DAY;
  let maxCallsPer24h = Number.POSITIVE_INFINITY;
  let artificialVoiceNeedsConsent = false;
  let machineRepeatHours = 0;
  const holidays: HolidayCalendar[] = [];
  const registries = new Map<string, RegistryRequirement>();
  for (const set of chain) {
    if (set.hours) hours = intersect(hours, set.hours);
    if (set.maxCallsPer24h !== undefined) maxCallsPer24h = Math.min(maxCallsPer24h, set.maxCallsPer24h);
    if (set.holidays) holidays.push(set.holidays);
    for (const registry of set.registries ?? []) {
      const known = registries.get(registry.id);
      if (!known || registry.maxAgeDays < known.maxAgeDays) registries.set(registry.id, registry);
    }
    artificialVoiceNeedsConsent ||= set.artificialVoiceNeedsConsent === true;
    machineRepeatHours = Math.max(machineRepeatHours, set.machineRepeatHours ?? 0);
  }
  const own = chain[chain.length - 1];
  if (!own) throw new Error('a rule chain has at least one set');
  return {
    region: own.region,
    name: chain.map((set) => set.name).join(' + '),
    hours,
    maxCallsPer24h,
    holidays,
    registries: [...registries.values()],
    artificialVoiceNeedsConsent,
    machineRepeatHours,
    // A state's zone wins; a country's applies to its states only if they have none of their own
    // and the country has a single zone.
    defaultTimeZone: own.defaultTimeZone ?? (chain.length === 1 ? undefined : chain[0]?.defaultTimeZone),
  };
}

/** Combines rule sets with their parents once; the book's look-ups then cost a map probe. */
export function compileRuleBook(sets: readonly RuleSet[] = DEFAULT_RULE_SETS): RuleBook {
  const byRegion = new Map(sets.map((set) => [set.region, set]));
  const compiled = new Map<string, EffectiveRules | undefined>();
  for (const set of sets) {
    const chain: RuleSet[] = [set];
    const seen = new Set([set.region]);
    for (let parent = set.parent; parent !== undefined;) {
      const next = byRegion.get(parent);
      if (!next) throw new Error(`rule set ${set.region} names parent ${parent}, which is not in the book`);
      if (seen.has(next.region)) throw new Error(`rule set ${set.region}: parents form a cycle`);
      seen.add(next.region);
      chain.unshift(next);
      parent = next.parent;
    }
    compiled.set(set.region, combine(chain));
  }
  return {
    forRegion(region) {
      if (compiled.has(region)) return compiled.get(region);
      // A subdivision without its own set: its country's rules. Remembered, so the slice is paid
      // once per region, not once per lead.
      const dash = region.indexOf('-');
      const rules = dash > 0 ? compiled.get(region.slice(0, dash)) : undefined;
      compiled.set(region, rules);
      return rules;
    },
  };
}
