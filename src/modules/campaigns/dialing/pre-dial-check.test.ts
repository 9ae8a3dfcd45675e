import { describe, expect, it } from 'vitest';

import { compileDncList } from './dnc-matcher.js';
import {
  DAY,
  HOUR,
  MIN,
  NOW,
  aiConsent,
  at,
  book,
  freshRegistries,
  input,
  noCaps,
  random,
  registry,
  wallClock,
} from './pre-dial-check.fixtures.js';
import {
  SKIP_REASONS,
  preDialCheck,
  preDialChecker,
  type Attempt,
  type PreDialDecision,
} from './pre-dial-check.js';
import { compileRuleBook, US, type RuleSet } from './rule-sets.js';

const reasonOf = (decision: PreDialDecision) => (decision.allow ? 'allow' : decision.reason);

describe('preDialCheck: the base case', () => {
  it('allows a lead nothing stops, with one shared answer object (no allocation when allowed)', () => {
    const first = preDialCheck(input());
    const second = preDialCheck(input({ lead: { e164: '+12125550199' } }));
    expect(first).toEqual({ allow: true });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('invalid numbers', () => {
  it.each([
    ['2125550100', 'no plus'],
    ['+02125550100', 'country code 0'],
    ['+1 212 555 0100', 'spaces'],
    ['', 'empty'],
    ['+12345', 'too short'],
    ['+1234567890123456', '16 digits'],
    ['+1212555010x', 'a letter'],
  ])('%s (%s) is invalid_number', (e164) => {
    expect(reasonOf(preDialCheck(input({ lead: { e164 } })))).toBe('invalid_number');
  });

  it('accepts the shortest and longest E.164 shapes', () => {
    expect(reasonOf(preDialCheck(input({ lead: { e164: '+1212555' } })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ lead: { e164: '+121255501001234' } })))).toBe('allow');
  });
});

describe('internal do-not-call list', () => {
  it.each([
    [['+12125550100'], [], 'dnc_internal'],
    [[], ['+1212*'], 'dnc_internal'],
    [[], ['+1212555010?'], 'dnc_internal'],
    [[], ['+1???5550100'], 'dnc_internal'],
    [[], ['+12125550100'], 'dnc_internal'],
    [['+12125550101'], ['+1213*', '+1212555011?'], 'allow'],
  ] as const)('numbers %j, patterns %j: %s', (numbers, patterns, expected) => {
    const internal = compileDncList(numbers, patterns);
    expect(reasonOf(preDialCheck(input({ internal })))).toBe(expected);
  });
});

describe('regions', () => {
  it.each([
    [['US'], 'US-NY', 'allow'],
    [['US'], 'US-FL', 'allow'],
    [['US-FL'], 'US-NY', 'region_not_allowed'],
    [['US-FL'], 'US-FL', 'allow'],
    [['US'], 'USX', 'region_not_allowed'],
    [['GB'], 'US-NY', 'region_not_allowed'],
    [[], 'US-NY', 'region_not_allowed'],
  ] as const)('allowed %j, lead in %s: %s', (allowedRegions, region, expected) => {
    const decision = preDialCheck(
      input({
        campaign: { allowedRegions },
        lead: { region, timeZone: 'America/New_York' },
        now: at('2026-06-10T16:00:00Z'),
      }),
    );
    expect(reasonOf(decision)).toBe(expected);
  });

  it('refuses a region without rules (no_rule_set), and gives a state without its own set its country’s', () => {
    expect(
      reasonOf(
        preDialCheck(
          input({ campaign: { allowedRegions: ['FR'] }, lead: { region: 'FR', timeZone: 'Europe/Paris' } }),
        ),
      ),
    ).toBe('no_rule_set');
    // New York has no set of its own: federal 8:00–21:00 applies.
    expect(reasonOf(preDialCheck(input({ now: at('2026-06-11T00:59:00Z') })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ now: at('2026-06-11T01:00:00Z') })))).toBe('outside_calling_window');
  });
});

describe('national registry copies', () => {
  it.each([
    [30 * DAY, 'allow'],
    [31 * DAY, 'allow'],
    [31 * DAY + MIN, 'registry_stale'],
    [32 * DAY, 'registry_stale'],
  ])('a US copy %d ms old: %s', (age, expected) => {
    const registries = new Map([['us-national-dnc', registry(NOW - age)]]);
    expect(reasonOf(preDialCheck(input({ registries })))).toBe(expected);
  });

  it('refuses a region whose registry copy is missing, but not one that needs none', () => {
    expect(reasonOf(preDialCheck(input({ registries: new Map() })))).toBe('registry_stale');
    // India needs no copy (the operator scrubs; see docs): 11:00 in Kolkata.
    const india = input({
      registries: new Map(),
      lead: { region: 'IN', timeZone: null, e164: '+919812345678' },
      now: at('2026-06-10T05:30:00Z'),
    });
    expect(reasonOf(preDialCheck(india))).toBe('allow');
  });

  it('refuses a number on the registry (dnc_national), and the UK’s TPS for a UK lead', () => {
    const registries = new Map([['us-national-dnc', registry(NOW - DAY, ['+12125550100'])]]);
    expect(reasonOf(preDialCheck(input({ registries })))).toBe('dnc_national');
    const uk = new Map([['uk-tps', registry(NOW - DAY, ['+447700900123'])]]);
    const lead = { region: 'GB', timeZone: null, e164: '+447700900123' };
    expect(reasonOf(preDialCheck(input({ registries: uk, lead })))).toBe('dnc_national');
    expect(
      reasonOf(preDialCheck(input({ registries: new Map([['uk-tps', registry(NOW - 40 * DAY)]]), lead }))),
    ).toBe('registry_stale');
  });
});

describe('consent', () => {
  const given = at('2026-01-01T00:00:00Z');
  it.each([
    ['missing', [], 'no_consent'],
    ['purpose mismatch', [{ purpose: 'service', channel: 'ai_voice', givenAt: given }], 'no_consent'],
    [
      'channel mismatch (calls, not AI voice)',
      [{ purpose: 'marketing', channel: 'call', givenAt: given }],
      'no_consent',
    ],
    [
      'given only after now',
      [{ purpose: 'marketing', channel: 'ai_voice', givenAt: NOW + MIN }],
      'no_consent',
    ],
    ['expired', [{ ...aiConsent, expiresAt: NOW - MIN }], 'consent_expired'],
    ['expires later', [{ ...aiConsent, expiresAt: NOW + MIN }], 'allow'],
    ['withdrawn after given', [{ ...aiConsent, withdrawnAt: NOW - HOUR }], 'consent_withdrawn'],
    ['withdrawal dated in the future', [{ ...aiConsent, withdrawnAt: NOW + HOUR }], 'allow'],
    [
      'withdrawn, then given again',
      [
        { ...aiConsent, withdrawnAt: at('2026-02-01T00:00:00Z') },
        { purpose: 'marketing', channel: 'ai_voice', givenAt: at('2026-03-01T00:00:00Z') },
      ],
      'allow',
    ],
    [
      'given again, then withdrawn again',
      [
        { ...aiConsent, withdrawnAt: at('2026-02-01T00:00:00Z') },
        {
          purpose: 'marketing',
          channel: 'ai_voice',
          givenAt: at('2026-03-01T00:00:00Z'),
          withdrawnAt: NOW - MIN,
        },
      ],
      'consent_withdrawn',
    ],
    [
      'an old expired record beside a withdrawn newer one: the newer speaks',
      [
        { ...aiConsent, expiresAt: at('2026-02-01T00:00:00Z') },
        {
          purpose: 'marketing',
          channel: 'ai_voice',
          givenAt: at('2026-03-01T00:00:00Z'),
          withdrawnAt: NOW - MIN,
        },
      ],
      'consent_withdrawn',
    ],
  ] as const)('AI-voice campaign in the US, %s: %s', (_name, consents, expected) => {
    expect(reasonOf(preDialCheck(input({ consents })))).toBe(expected);
  });

  it('needs no AI-voice consent for a campaign with human agents, nor where the rules do not ask (India)', () => {
    expect(reasonOf(preDialCheck(input({ consents: [], campaign: { usesArtificialVoice: false } })))).toBe(
      'allow',
    );
    const india = input({
      consents: [],
      lead: { region: 'IN', timeZone: null, e164: '+919812345678' },
      now: at('2026-06-10T05:30:00Z'),
    });
    expect(reasonOf(preDialCheck(india))).toBe('allow');
  });

  it('checks what the campaign declares, on top of the rules', () => {
    const campaign = {
      usesArtificialVoice: false,
      consentRequired: [{ purpose: 'marketing', channel: 'call' }],
    };
    expect(reasonOf(preDialCheck(input({ campaign })))).toBe('no_consent');
    const consents = [{ purpose: 'marketing', channel: 'call', givenAt: NOW - DAY }];
    expect(reasonOf(preDialCheck(input({ campaign, consents })))).toBe('allow');
  });
});

describe('time zones and calling hours', () => {
  it.each([
    // region, lead zone (null: the region's), instant, expected
    ['US-NY', 'America/New_York', '2026-06-10T11:59:00Z', 'outside_calling_window'], // 07:59 EDT
    ['US-NY', 'America/New_York', '2026-06-10T12:00:00Z', 'allow'], // 08:00
    ['US-NY', 'America/New_York', '2026-06-11T00:59:00Z', 'allow'], // 20:59
    ['US-NY', 'America/New_York', '2026-06-11T01:00:00Z', 'outside_calling_window'], // 21:00
    // The lead's own zone wins over where the region (or the number) suggests.
    ['US-NY', 'America/Los_Angeles', '2026-06-10T14:00:00Z', 'outside_calling_window'], // 07:00 PDT
    ['US-NY', 'America/Los_Angeles', '2026-06-10T15:00:00Z', 'allow'], // 08:00 PDT
    ['US-AZ', 'America/Phoenix', '2026-06-10T14:59:00Z', 'outside_calling_window'], // 07:59 MST, no DST
    ['US-HI', 'Pacific/Honolulu', '2026-06-10T18:00:00Z', 'allow'], // 08:00 HST
    // Florida has two zones: without the lead's zone there is no answer.
    ['US-FL', null, '2026-06-10T16:00:00Z', 'no_time_zone'],
    ['US-FL', 'America/New_York', '2026-06-11T00:30:00Z', 'outside_calling_window'], // 20:30 EDT
    ['US-FL', 'America/Chicago', '2026-06-11T00:30:00Z', 'allow'], // 19:30 CDT, the panhandle
    ['US-NY', null, '2026-06-10T16:00:00Z', 'no_time_zone'], // the US has several zones
    ['US-NY', 'Mars/Olympus_Mons', '2026-06-10T16:00:00Z', 'no_time_zone'],
    ['US-MD', '', '2026-06-10T16:00:00Z', 'allow'], // an empty zone is no zone: Maryland's applies
    ['US-MD', null, '2026-06-10T23:59:00Z', 'allow'], // 19:59 EDT, Maryland's single zone
    ['US-MD', null, '2026-06-11T00:00:00Z', 'outside_calling_window'], // 20:00
    ['GB', null, '2026-06-10T06:59:00Z', 'outside_calling_window'], // 07:59 BST
    ['GB', null, '2026-06-10T07:00:00Z', 'allow'],
    ['GB', null, '2026-06-10T19:59:00Z', 'allow'], // 20:59 BST
    ['GB', null, '2026-06-10T20:00:00Z', 'outside_calling_window'],
    ['IN', null, '2026-06-10T04:29:00Z', 'outside_calling_window'], // 09:59 IST
    ['IN', null, '2026-06-10T04:30:00Z', 'allow'], // 10:00
    ['IN', null, '2026-06-10T15:29:00Z', 'allow'], // 20:59
    ['IN', null, '2026-06-10T15:30:00Z', 'outside_calling_window'], // 21:00
  ] as const)('%s in %s at %s: %s', (region, timeZone, instant, expected) => {
    const e164 = region === 'GB' ? '+447700900123' : region === 'IN' ? '+919812345678' : '+12125550100';
    const decision = preDialCheck(input({ now: at(instant), lead: { region, timeZone, e164 } }));
    expect(reasonOf(decision)).toBe(expected);
  });

  it('applies the campaign’s own window and days inside the legal hours', () => {
    const campaign = { callingWindow: { startMinute: 10 * 60, endMinute: 18 * 60, days: [1, 2, 3, 4, 5] } };
    expect(reasonOf(preDialCheck(input({ campaign, now: at('2026-06-10T13:59:00Z') })))).toBe(
      'outside_calling_window',
    ); // 09:59
    expect(reasonOf(preDialCheck(input({ campaign, now: at('2026-06-10T14:00:00Z') })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ campaign, now: at('2026-06-10T22:00:00Z') })))).toBe(
      'outside_calling_window',
    ); // 18:00
    expect(reasonOf(preDialCheck(input({ campaign, now: at('2026-06-13T15:00:00Z') })))).toBe(
      'outside_calling_window',
    ); // Saturday
  });
});

describe('leads with several candidate zones', () => {
  const ALL_US = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ];
  const CONTIGUOUS = ALL_US.slice(0, 5);
  const lead = (timeZoneCandidates: readonly string[], timeZone: string | null = null) => ({
    region: 'US',
    timeZone,
    timeZoneCandidates,
  });

  it.each([
    // candidates, instant, expected
    [ALL_US, '2026-06-10T16:00:00Z', 'outside_calling_window'], // 12:00 New York, 06:00 Honolulu
    [CONTIGUOUS, '2026-06-10T16:00:00Z', 'allow'], // 12:00 New York, 09:00 Los Angeles
    [ALL_US, '2026-06-11T00:30:00Z', 'allow'], // 20:30 New York, 14:30 Honolulu
    [ALL_US, '2026-06-11T01:00:00Z', 'outside_calling_window'], // 21:00 New York
    [CONTIGUOUS, '2026-06-10T14:59:00Z', 'outside_calling_window'], // 07:59 Los Angeles and Phoenix
    // Spring forward, Sunday 8 March 2026: Los Angeles moves to PDT, Phoenix keeps MST.
    [CONTIGUOUS, '2026-03-07T15:59:00Z', 'outside_calling_window'], // Sat 07:59 PST
    [CONTIGUOUS, '2026-03-07T16:00:00Z', 'allow'], // Sat 08:00 PST
    [CONTIGUOUS, '2026-03-08T14:59:00Z', 'outside_calling_window'], // Sun 07:59 PDT and MST
    [CONTIGUOUS, '2026-03-08T15:00:00Z', 'allow'], // Sun 08:00 PDT and MST
    // Fall back, Sunday 1 November 2026: New York's evening ends an hour later in UTC.
    [CONTIGUOUS, '2026-11-02T01:30:00Z', 'allow'], // Sun 20:30 EST
    [CONTIGUOUS, '2026-11-02T02:00:00Z', 'outside_calling_window'], // Sun 21:00 EST
  ] as const)('%j at %s: %s', (candidates, instant, expected) => {
    const decision = preDialCheck(input({ now: at(instant), lead: lead(candidates) }));
    expect(reasonOf(decision)).toBe(expected);
  });

  it('names the zone that refuses in the detail', () => {
    const decision = preDialCheck(input({ now: at('2026-06-10T16:00:00Z'), lead: lead(ALL_US) }));
    expect(decision.allow ? '' : decision.detail).toContain('Pacific/Honolulu');
  });

  it('lets the lead’s own zone win over its candidates, and takes a single candidate as its zone', () => {
    const now = at('2026-06-10T16:00:00Z');
    expect(reasonOf(preDialCheck(input({ now, lead: lead(ALL_US, 'America/New_York') })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ now, lead: lead(['Pacific/Honolulu']) })))).toBe(
      'outside_calling_window',
    );
    expect(reasonOf(preDialCheck(input({ now, lead: lead([]) })))).toBe('no_time_zone');
    expect(reasonOf(preDialCheck(input({ now, lead: lead(['America/New_York', 'Mars/Base']) })))).toBe(
      'no_time_zone',
    );
  });

  it('applies a state holiday in every candidate zone, and allows with the shared answer object', () => {
    // Florida splits between Eastern and Central time; both zones must be clear.
    const florida = {
      region: 'US-FL',
      timeZone: null,
      timeZoneCandidates: ['America/New_York', 'America/Chicago'],
    };
    const allowed = preDialCheck(input({ now: at('2026-06-10T16:00:00Z'), lead: florida }));
    expect(allowed).toBe(preDialCheck(input()));
    const late = preDialCheck(input({ now: at('2026-06-11T00:30:00Z'), lead: florida })); // 20:30 EDT
    expect(reasonOf(late)).toBe('outside_calling_window');
  });

  it('counts “today” from the earliest local midnight among the candidates', () => {
    // Now is 18:00 in New York, 15:00 in Los Angeles on 10 June. An attempt at 05:00 UTC was on
    // 10 June in New York (01:00) but on 9 June in Los Angeles (22:00): it counts as today's.
    // One at 03:30 UTC was on 9 June in both.
    const now = at('2026-06-10T22:00:00Z');
    const campaign = { maxAttemptsPerLead: 10, maxAttemptsPerDay: 1 };
    const early: Attempt = { at: at('2026-06-10T03:30:00Z'), outcome: 'no_answer' };
    const sameDay: Attempt = { at: at('2026-06-10T05:00:00Z'), outcome: 'no_answer' };
    const candidates = ['America/New_York', 'America/Los_Angeles'];
    expect(
      reasonOf(preDialCheck(input({ now, campaign, lead: { ...lead(candidates), attempts: [early] } }))),
    ).toBe('allow');
    expect(
      reasonOf(preDialCheck(input({ now, campaign, lead: { ...lead(candidates), attempts: [sameDay] } }))),
    ).toBe('max_attempts_today');
  });
});

describe('daylight saving time', () => {
  // Rules that allow every hour, so only the campaign window speaks, and one for Germany to show
  // that a region is one more entry in the book.
  const open: RuleSet = { region: 'XX', name: 'test: all day', sources: [] };
  const germany: RuleSet = {
    region: 'DE',
    name: 'test: Germany 8–21',
    hours: US.hours ?? [],
    defaultTimeZone: 'Europe/Berlin',
    sources: [],
  };
  const rules = compileRuleBook([open, germany]);
  const night = (startHour: number, endHour: number) => ({
    allowedRegions: ['XX', 'DE'],
    callingWindow: { startMinute: startHour * 60, endMinute: endHour * 60 },
  });

  it.each([
    // US spring forward, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT.
    ['2026-03-07T12:59:00Z', 'outside_calling_window'], // Sat 07:59 EST
    ['2026-03-07T13:00:00Z', 'allow'], // Sat 08:00 EST
    ['2026-03-08T11:59:00Z', 'outside_calling_window'], // Sun 07:59 EDT (06:59 by the old offset)
    ['2026-03-08T12:00:00Z', 'allow'], // Sun 08:00 EDT
    // US fall back, Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST.
    ['2026-10-31T11:59:00Z', 'outside_calling_window'], // Sat 07:59 EDT
    ['2026-11-01T12:59:00Z', 'outside_calling_window'], // Sun 07:59 EST (08:59 by the old offset)
    ['2026-11-01T13:00:00Z', 'allow'], // Sun 08:00 EST
    ['2026-11-02T01:59:00Z', 'allow'], // Sun 20:59 EST
    ['2026-11-02T02:00:00Z', 'outside_calling_window'], // Sun 21:00 EST
  ] as const)('New York federal hours at %s: %s', (instant, expected) => {
    expect(reasonOf(preDialCheck(input({ now: at(instant) })))).toBe(expected);
  });

  it.each([
    // UK: 29 March 2026 01:00 GMT becomes 02:00 BST; 25 October 02:00 BST becomes 01:00 GMT.
    ['2026-03-28T07:59:00Z', 'outside_calling_window'], // 07:59 GMT
    ['2026-03-29T06:59:00Z', 'outside_calling_window'], // 07:59 BST
    ['2026-03-29T07:00:00Z', 'allow'], // 08:00 BST
    ['2026-10-24T07:00:00Z', 'allow'], // 08:00 BST
    ['2026-10-25T07:59:00Z', 'outside_calling_window'], // 07:59 GMT
    ['2026-10-25T08:00:00Z', 'allow'], // 08:00 GMT
  ] as const)('London practice hours at %s: %s', (instant, expected) => {
    const lead = { region: 'GB', timeZone: null, e164: '+447700900123' };
    expect(reasonOf(preDialCheck(input({ now: at(instant), lead })))).toBe(expected);
  });

  it('never finds the spring-forward gap inside a window that lies in it (US and EU)', () => {
    // A window 02:00–03:00 on the night the clocks skip that hour: no instant is in it.
    const ny = { region: 'XX', timeZone: 'America/New_York' };
    for (let t = at('2026-03-08T06:00:00Z'); t <= at('2026-03-08T08:00:00Z'); t += 5 * MIN) {
      expect(reasonOf(preDialCheck(input({ rules, now: t, lead: ny, campaign: night(2, 3) })))).toBe(
        'outside_calling_window',
      );
    }
    const berlin = { region: 'XX', timeZone: 'Europe/Berlin', e164: '+4930123456' };
    for (let t = at('2026-03-29T00:00:00Z'); t <= at('2026-03-29T02:00:00Z'); t += 5 * MIN) {
      expect(reasonOf(preDialCheck(input({ rules, now: t, lead: berlin, campaign: night(2, 3) })))).toBe(
        'outside_calling_window',
      );
    }
  });

  it('finds the repeated fall-back hour inside a window twice (US and EU)', () => {
    const ny = { region: 'XX', timeZone: 'America/New_York' };
    const inNewYork = (iso: string) =>
      reasonOf(preDialCheck(input({ rules, now: at(iso), lead: ny, campaign: night(1, 2) })));
    expect(inNewYork('2026-11-01T05:30:00Z')).toBe('allow'); // 01:30 EDT
    expect(inNewYork('2026-11-01T06:30:00Z')).toBe('allow'); // 01:30 EST
    expect(inNewYork('2026-11-01T07:00:00Z')).toBe('outside_calling_window'); // 02:00 EST
    const inBerlin = (iso: string) =>
      reasonOf(
        preDialCheck(
          input({
            rules,
            now: at(iso),
            lead: { region: 'XX', timeZone: 'Europe/Berlin' },
            campaign: night(2, 3),
          }),
        ),
      );
    expect(inBerlin('2026-10-25T00:30:00Z')).toBe('allow'); // 02:30 CEST
    expect(inBerlin('2026-10-25T01:30:00Z')).toBe('allow'); // 02:30 CET
    expect(inBerlin('2026-10-25T02:00:00Z')).toBe('outside_calling_window'); // 03:00 CET
    // And Germany's 8:00 follows the clock change.
    const berlin = { region: 'DE', timeZone: null, e164: '+4930123456' };
    const germanHours = (iso: string) =>
      reasonOf(
        preDialCheck(input({ rules, now: at(iso), lead: berlin, campaign: { allowedRegions: ['DE'] } })),
      );
    expect(germanHours('2026-03-28T06:59:00Z')).toBe('outside_calling_window'); // 07:59 CET
    expect(germanHours('2026-03-29T06:00:00Z')).toBe('allow'); // 08:00 CEST
  });

  it('counts attempts “today” by the lead’s local day, across a spring-forward midnight', () => {
    const campaign = { ...noCaps, maxAttemptsPerDay: 1 };
    const now = at('2026-03-08T15:00:00Z'); // 11:00 EDT on the day clocks sprang forward
    const yesterday: Attempt = { at: at('2026-03-08T04:59:00Z'), outcome: 'no_answer' }; // 23:59 EST, 7 March
    const today: Attempt = { at: at('2026-03-08T05:00:00Z'), outcome: 'no_answer' }; // 00:00 EST, 8 March
    expect(reasonOf(preDialCheck(input({ now, campaign, attempts: [yesterday] })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ now, campaign, attempts: [today] })))).toBe('max_attempts_today');
  });

  it('counts attempts “today” across a fall-back day, and by each lead’s own zone', () => {
    const campaign = { ...noCaps, maxAttemptsPerDay: 1 };
    const now = at('2026-11-01T18:00:00Z'); // 13:00 EST; the day began at 00:00 EDT = 04:00Z
    expect(
      reasonOf(
        preDialCheck(
          input({ now, campaign, attempts: [{ at: at('2026-11-01T03:59:00Z'), outcome: 'busy' }] }),
        ),
      ),
    ).toBe('allow');
    expect(
      reasonOf(
        preDialCheck(
          input({ now, campaign, attempts: [{ at: at('2026-11-01T04:00:00Z'), outcome: 'busy' }] }),
        ),
      ),
    ).toBe('max_attempts_today');
    // 05:00Z on 10 June is 01:00 in New York (today) but 22:00 the day before in Los Angeles.
    const attempts: Attempt[] = [{ at: at('2026-06-10T05:00:00Z'), outcome: 'no_answer' }];
    const later = at('2026-06-10T18:00:00Z');
    expect(reasonOf(preDialCheck(input({ now: later, campaign, attempts })))).toBe('max_attempts_today');
    expect(
      reasonOf(
        preDialCheck(input({ now: later, campaign, attempts, lead: { timeZone: 'America/Los_Angeles' } })),
      ),
    ).toBe('allow');
  });
});

describe('state rules', () => {
  const lead = (region: string, timeZone: string | null) => ({ lead: { region, timeZone } });
  it.each([
    // Florida, Oklahoma, Maryland, Washington: 8:00–20:00.
    ['US-FL', 'America/New_York', '2026-06-10T23:59:00Z', 'allow'], // 19:59 EDT
    ['US-FL', 'America/New_York', '2026-06-11T00:00:00Z', 'outside_calling_window'], // 20:00
    ['US-OK', null, '2026-06-11T00:59:00Z', 'allow'], // 19:59 CDT
    ['US-OK', null, '2026-06-11T01:00:00Z', 'outside_calling_window'],
    ['US-WA', null, '2026-06-11T02:59:00Z', 'allow'], // 19:59 PDT
    ['US-WA', null, '2026-06-11T03:00:00Z', 'outside_calling_window'],
    // Texas: 9:00–21:00 (federal would allow 8:00).
    ['US-TX', 'America/Chicago', '2026-06-10T13:59:00Z', 'outside_calling_window'], // 08:59 CDT
    ['US-TX', 'America/Chicago', '2026-06-10T14:00:00Z', 'allow'],
    ['US-TX', 'America/Denver', '2026-06-10T14:59:00Z', 'outside_calling_window'], // El Paso, 08:59 MDT
    // Alabama: 8:00–20:00, no Sundays, no state holidays.
    ['US-AL', 'America/Chicago', '2026-06-12T01:00:00Z', 'outside_calling_window'], // Thu 20:00 CDT
    ['US-AL', 'America/Chicago', '2026-06-14T16:00:00Z', 'day_banned'], // Sunday 11:00
    ['US-AL', 'America/Chicago', '2026-06-01T16:00:00Z', 'holiday'], // Jefferson Davis' birthday
    ['US-AL', 'America/Chicago', '2026-07-03T16:00:00Z', 'holiday'], // 4 July on a Saturday, observed Friday
    ['US-AL', 'America/Chicago', '2026-07-06T16:00:00Z', 'allow'],
    ['US-AL', 'America/Chicago', '2026-04-27T16:00:00Z', 'holiday'], // Confederate Memorial Day
    ['US-AL', 'America/Chicago', '2026-04-28T05:30:00Z', 'outside_calling_window'], // 00:30 the day after
    ['US-AL', 'America/Chicago', '2030-12-31T16:00:00Z', 'allow'], // the calendar's last day
    ['US-AL', 'America/Chicago', '2031-01-02T16:00:00Z', 'no_holiday_data'], // the day after it
    ['US-AL', 'America/Chicago', '2031-01-06T16:00:00Z', 'no_holiday_data'],
    ['US-AL', 'America/Chicago', '2024-06-05T16:00:00Z', 'no_holiday_data'],
    ['US-AL', null, '2026-06-10T16:00:00Z', 'no_time_zone'], // Phenix City keeps Eastern time
    // Mississippi: no Sundays, 8:00–21:00 otherwise.
    ['US-MS', null, '2026-06-14T16:00:00Z', 'day_banned'],
    ['US-MS', null, '2026-06-13T01:30:00Z', 'allow'], // Fri 20:30 CDT
    ['US-AL', 'America/Chicago', '2026-06-13T01:30:00Z', 'outside_calling_window'], // the same instant in Alabama
  ] as const)('%s (%s) at %s: %s', (region, timeZone, instant, expected) => {
    expect(reasonOf(preDialCheck(input({ now: at(instant), ...lead(region, timeZone) })))).toBe(expected);
  });

  it('names the holiday in the detail', () => {
    const decision = preDialCheck(
      input({ now: at('2026-12-25T16:00:00Z'), lead: { region: 'US-AL', timeZone: 'America/Chicago' } }),
    );
    expect(decision).toEqual({
      allow: false,
      reason: 'holiday',
      detail: '2026-12-25 is Christmas Day (US federal (TCPA / TSR) + Alabama)',
    });
  });
});

describe('attempt caps', () => {
  it.each([
    [0, 'allow'],
    [1, 'allow'],
    [2, 'max_attempts'],
    [3, 'max_attempts'],
  ])('with the default cap of 2 per lead, %d earlier attempts: %s', (count, expected) => {
    const attempts = Array.from({ length: count }, (_, i): Attempt => ({
      at: NOW - (i + 2) * DAY,
      outcome: 'no_answer',
    }));
    expect(reasonOf(preDialCheck(input({ attempts })))).toBe(expected);
  });

  it.each([
    ['US-FL', [23 * HOUR + 59 * MIN, 12 * HOUR, HOUR], 'max_calls_24h'],
    ['US-FL', [24 * HOUR, 12 * HOUR, HOUR], 'allow'], // the oldest left the rolling 24 hours
    ['US-OK', [20 * HOUR, 12 * HOUR, HOUR], 'max_calls_24h'],
    ['US-MD', [20 * HOUR, 12 * HOUR, HOUR], 'max_calls_24h'],
    ['US-MD', [12 * HOUR, HOUR], 'allow'],
    ['US-NY', [20 * HOUR, 12 * HOUR, HOUR], 'allow'], // no federal cap
  ] as const)('%s, calls %j ms ago: %s (rolling 24 hours, not the local day)', (region, agos, expected) => {
    const attempts = agos.map((ago): Attempt => ({ at: NOW - ago, outcome: 'no_answer' }));
    const timeZone = region === 'US-NY' || region === 'US-FL' ? 'America/New_York' : null;
    expect(reasonOf(preDialCheck(input({ attempts, campaign: noCaps, lead: { region, timeZone } })))).toBe(
      expected,
    );
  });

  it('caps attempts per local day', () => {
    const campaign = { ...noCaps, maxAttemptsPerDay: 2 };
    const morning: Attempt = { at: at('2026-06-10T13:00:00Z'), outcome: 'busy' }; // 09:00 EDT
    const night: Attempt = { at: at('2026-06-10T03:00:00Z'), outcome: 'busy' }; // 23:00 EDT on the 9th
    expect(reasonOf(preDialCheck(input({ campaign, attempts: [morning, night] })))).toBe('allow');
    expect(
      reasonOf(preDialCheck(input({ campaign, attempts: [morning, { ...morning, at: morning.at + HOUR }] }))),
    ).toBe('max_attempts_today');
  });

  it.each([
    ['busy', 15],
    ['no_answer', 240],
    ['voicemail', 1440],
    ['failed', 30],
    ['abandoned', 1440],
    ['answered', 1440],
  ] as const)('spaces retries after %s by %d minutes (the defaults)', (outcome, minutes) => {
    const campaign = { maxAttemptsPerLead: 10, maxAttemptsPerDay: 10 };
    const tooSoon = [{ at: NOW - (minutes - 1) * MIN, outcome }];
    const onTime = [{ at: NOW - minutes * MIN, outcome }];
    expect(reasonOf(preDialCheck(input({ campaign, attempts: tooSoon })))).toBe('retry_too_soon');
    expect(reasonOf(preDialCheck(input({ campaign, attempts: onTime })))).toBe('allow');
  });

  it('spaces by the latest attempt, whatever the order of the history', () => {
    const campaign = { maxAttemptsPerLead: 10, maxAttemptsPerDay: 10 };
    const old: Attempt = { at: NOW - 3 * DAY, outcome: 'no_answer' };
    const recent: Attempt = { at: NOW - 20 * MIN, outcome: 'busy' }; // busy waits 15 minutes
    const justNow: Attempt = { at: NOW - 5 * MIN, outcome: 'busy' };
    expect(reasonOf(preDialCheck(input({ campaign, attempts: [recent, old] })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ campaign, attempts: [old, recent] })))).toBe('allow');
    expect(reasonOf(preDialCheck(input({ campaign, attempts: [justNow, old] })))).toBe('retry_too_soon');
    expect(reasonOf(preDialCheck(input({ campaign, attempts: [old, justNow] })))).toBe('retry_too_soon');
  });

  it('keeps Ofcom’s answering-machine rule for UK leads: no repeat in 24 hours without a live agent', () => {
    const lead = { region: 'GB', timeZone: null, e164: '+447700900123' };
    const machine = (ago: number): Attempt[] => [{ at: NOW - ago, outcome: 'voicemail' }];
    expect(reasonOf(preDialCheck(input({ lead, campaign: noCaps, attempts: machine(23 * HOUR) })))).toBe(
      'answering_machine_repeat',
    );
    expect(
      reasonOf(
        preDialCheck(
          input({ lead, campaign: { ...noCaps, liveAgentGuaranteed: true }, attempts: machine(23 * HOUR) }),
        ),
      ),
    ).toBe('allow');
    expect(reasonOf(preDialCheck(input({ lead, campaign: noCaps, attempts: machine(24 * HOUR) })))).toBe(
      'allow',
    );
    // Not a US rule.
    expect(reasonOf(preDialCheck(input({ campaign: noCaps, attempts: machine(HOUR) })))).toBe('allow');
  });
});

describe('the order of checks', () => {
  it('lists every reason once', () => {
    expect(new Set(SKIP_REASONS).size).toBe(SKIP_REASONS.length);
  });

  it.each([
    [
      'DNC beats everything after it',
      {
        internal: compileDncList(['+12125550100']),
        consents: [],
        now: at('2026-06-10T03:00:00Z'),
        registries: new Map(),
      },
      'dnc_internal',
    ],
    [
      'a stale registry beats missing consent',
      { registries: new Map([['us-national-dnc', registry(NOW - 40 * DAY)]]), consents: [] },
      'registry_stale',
    ],
    ['consent beats the hour', { consents: [], now: at('2026-06-10T03:00:00Z') }, 'no_consent'],
    [
      'a holiday beats the hour',
      { lead: { region: 'US-AL', timeZone: 'America/Chicago' }, now: at('2026-12-25T07:00:00Z') }, // 01:00 CST
      'holiday',
    ],
    [
      'the hour beats the attempt caps',
      {
        now: at('2026-06-10T03:00:00Z'),
        attempts: [
          { at: NOW - 4 * DAY, outcome: 'busy' },
          { at: NOW - 3 * DAY, outcome: 'busy' },
        ],
      },
      'outside_calling_window',
    ],
    [
      'a legal 24-hour cap beats the campaign’s caps',
      {
        lead: { region: 'US-FL', timeZone: 'America/New_York' },
        attempts: [
          { at: NOW - 3 * HOUR, outcome: 'busy' },
          { at: NOW - 2 * HOUR, outcome: 'busy' },
          { at: NOW - HOUR, outcome: 'busy' },
        ],
      },
      'max_calls_24h',
    ],
  ] as const)('%s', (_name, overrides, expected) => {
    expect(reasonOf(preDialCheck(input(overrides)))).toBe(expected);
  });
});

describe('properties', () => {
  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Los_Angeles',
    'Pacific/Honolulu',
    'Europe/London',
    'Asia/Kolkata',
  ];
  const regions = ['US-NY', 'US-FL', 'US-AL', 'US-TX', 'US-MS', 'GB', 'IN'];
  const outcomes = ['answered', 'busy', 'no_answer', 'voicemail', 'failed', 'abandoned'] as const;
  const start = at('2026-01-01T00:00:00Z');

  function randomInput(next: () => number) {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const now = start + Math.floor(next() * 365 * DAY);
    const attempts = Array.from({ length: Math.floor(next() * 4) }, (): Attempt => ({
      at: now - Math.floor(next() * 3 * DAY),
      outcome: pick(outcomes),
    }));
    return input({
      now,
      attempts,
      lead: { region: pick(regions), timeZone: next() < 0.8 ? pick(zones) : null },
      consents: next() < 0.8 ? [aiConsent] : [],
      campaign: next() < 0.5 ? noCaps : {},
      registries: next() < 0.9 ? freshRegistries(now) : new Map(),
    });
  }

  it('never allows a number on the tenant’s list or on a national registry, whatever else holds', () => {
    const next = random(16);
    const internal = compileDncList([], ['+1212555*']);
    for (let i = 0; i < 1500; i++) {
      const base = randomInput(next);
      expect(preDialCheck({ ...base, suppression: { ...base.suppression, internal } })).toMatchObject({
        allow: false,
        reason: 'dnc_internal',
      });
      if (!base.lead.region.startsWith('US')) continue;
      const registries = new Map([['us-national-dnc', registry(base.now - DAY, [base.lead.e164])]]);
      expect(preDialCheck({ ...base, suppression: { ...base.suppression, registries } }).allow).toBe(false);
    }
  });

  it('never allows an AI-voice call in the US or the UK without AI-voice consent in force', () => {
    const next = random(5);
    for (let i = 0; i < 1500; i++) {
      const base = randomInput(next);
      if (base.lead.region === 'IN') continue;
      const consents = next() < 0.5 ? [] : [{ ...aiConsent, withdrawnAt: base.now - MIN }];
      expect(preDialCheck({ ...base, consents }).allow).toBe(false);
    }
  });

  it('never allows a call outside the legal hours of the lead’s zone (checked by an independent clock)', () => {
    const next = random(7);
    let allowed = 0;
    for (let i = 0; i < 3000; i++) {
      const now = start + Math.floor(next() * 365 * DAY);
      const zone = zones[Math.floor(next() * 4)]!;
      const decision = preDialCheck(input({ now, lead: { region: 'US-FL', timeZone: zone } }));
      if (!decision.allow) continue;
      allowed++;
      const clock = wallClock(zone, now);
      expect(
        clock >= '08:00' && clock < '20:00',
        `${new Date(now).toISOString()} is ${clock} in ${zone}`,
      ).toBe(true);
    }
    expect(allowed).toBeGreaterThan(600);
  });

  it('a dialer that calls whenever allowed never exceeds a cap (a week of 5-minute ticks)', () => {
    for (const region of ['US-FL', 'US-NY'] as const) {
      const attempts: Attempt[] = [];
      const campaign = {
        maxAttemptsPerLead: 6,
        maxAttemptsPerDay: 5,
        retrySpacingMinutes: { answered: 60, busy: 5, no_answer: 5, voicemail: 5, failed: 5, abandoned: 5 },
      };
      for (let now = at('2026-06-08T00:00:00Z'); now < at('2026-06-15T00:00:00Z'); now += 5 * MIN) {
        const decision = preDialCheck(
          input({ now, campaign, attempts, lead: { region, timeZone: 'America/New_York' } }),
        );
        if (decision.allow) attempts.push({ at: now, outcome: 'busy' });
      }
      expect(attempts.length).toBe(6);
      const localDate = (t: number) => new Date(t - 4 * HOUR).toISOString().slice(0, 10); // EDT all week
      for (const a of attempts) {
        const rolling = attempts.filter((b) => b.at > a.at - DAY && b.at <= a.at).length;
        const sameDay = attempts.filter((b) => localDate(b.at) === localDate(a.at)).length;
        if (region === 'US-FL') expect(rolling).toBeLessThanOrEqual(3);
        expect(sameDay).toBeLessThanOrEqual(5);
        const clock = wallClock('America/New_York', a.at);
        expect(clock >= '08:00' && clock < (region === 'US-FL' ? '20:00' : '21:00')).toBe(true);
      }
    }
  });

  it('answers the same bound to a pass (preDialChecker) as with a whole input', () => {
    const next = random(42);
    for (let i = 0; i < 500; i++) {
      const given = randomInput(next);
      const { lead, consents, ...pass } = given;
      expect(preDialChecker(pass)(lead, consents)).toEqual(preDialCheck(given));
    }
  });

  it('is a pure function: the same input gives the same answer, and the input is not changed', () => {
    const next = random(99);
    for (let i = 0; i < 200; i++) {
      const given = randomInput(next);
      const before = JSON.stringify(given.lead);
      expect(preDialCheck(given)).toEqual(preDialCheck(given));
      expect(JSON.stringify(given.lead)).toBe(before);
    }
  });
});

describe('the rule book', () => {
  it('combines a state with the federal rules: the stricter of each', () => {
    const florida = book.forRegion('US-FL')!;
    expect(florida.name).toBe('US federal (TCPA / TSR) + Florida');
    expect(florida.hours.every((day) => day?.[0] === 480 && day[1] === 1200)).toBe(true);
    expect(florida.maxCallsPer24h).toBe(3);
    expect(florida.registries.map((r) => r.id)).toEqual(['us-national-dnc']);
    expect(florida.artificialVoiceNeedsConsent).toBe(true);
    expect(book.forRegion('US-CA')?.name).toBe('US federal (TCPA / TSR)');
    expect(book.forRegion('GB-SCT')?.defaultTimeZone).toBe('Europe/London');
    expect(book.forRegion('FR')).toBeUndefined();
  });

  it('refuses a book whose parents are missing or circular', () => {
    expect(() => compileRuleBook([{ region: 'US-FL', name: 'x', parent: 'US', sources: [] }])).toThrow(
      /parent US/,
    );
    expect(() =>
      compileRuleBook([
        { region: 'A', name: 'a', parent: 'B', sources: [] },
        { region: 'B', name: 'b', parent: 'A', sources: [] },
      ]),
    ).toThrow(/cycle/);
  });
});
