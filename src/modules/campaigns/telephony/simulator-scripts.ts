import type { AttemptOutcome } from '../dialing/pre-dial-check.js';
import type { TranscriptLine } from './adapter.js';

/*
 * The simulator's scripts are data: a script is a set of named scenarios with weights; a call picks
 * one with a PRNG seeded by its attempt id (the same attempt always plays the same scenario). Lines
 * may name context fields (`{firstName}`), filled from what the campaign hands the provider.
 */

export interface SimScenario {
  readonly name: string;
  /** Relative weight within its script; 0 plays only when named (per-number overrides). */
  readonly weight: number;
  readonly outcome: Exclude<AttemptOutcome, 'abandoned'>;
  /** For outcome `answered`/`voicemail`: who picked up (voicemail is always a machine). */
  readonly answeredBy?: 'human' | 'machine' | undefined;
  readonly lines?: readonly TranscriptLine[] | undefined;
  /** The report carries optOut with the customer's line that says so. */
  readonly optOut?: boolean | undefined;
  /** Days from the call the customer asked to be called back (at 10:00 UTC that day). */
  readonly callbackInDays?: number | undefined;
  readonly converted?: boolean | undefined;
  readonly disposition?: string | undefined;
  /** Seconds of talk, [min, max]; the default is 20–180 (voicemail 15–30). */
  readonly talkSeconds?: readonly [number, number] | undefined;
}

export interface SimScript {
  readonly name: string;
  readonly scenarios: readonly SimScenario[];
}

const agent = (text: string): TranscriptLine => ({ speaker: 'agent', text });
const customer = (text: string): TranscriptLine => ({ speaker: 'customer', text });

export const OPT_OUT_LINE = "Please don't call me again.";

export const SCENARIOS = {
  interested: {
    name: 'interested',
    weight: 14,
    outcome: 'answered',
    answeredBy: 'human',
    disposition: 'interested',
    lines: [
      agent('Hello {firstName}, this is Sam from Switchboard Energy. Do you have a minute?'),
      customer('Sure, what is it about?'),
      agent('We can lower your electricity bill with a fixed rate for two years.'),
      customer('That sounds interesting. Send me the details by email, please.'),
      agent('I will. Thank you, goodbye.'),
    ],
  },
  not_interested: {
    name: 'not_interested',
    weight: 14,
    outcome: 'answered',
    answeredBy: 'human',
    disposition: 'not_interested',
    lines: [
      agent('Hello {firstName}, this is Sam from Switchboard Energy. Do you have a minute?'),
      customer('No thanks, I am happy with my supplier.'),
      agent('I understand. Have a good day.'),
    ],
  },
  callback_tomorrow: {
    name: 'callback_tomorrow',
    weight: 10,
    outcome: 'answered',
    answeredBy: 'human',
    disposition: 'callback',
    callbackInDays: 1,
    lines: [
      agent('Hello {firstName}, this is Sam from Switchboard Energy. Do you have a minute?'),
      customer('I am driving right now. Can you call me back tomorrow morning?'),
      agent('Of course, I will call you tomorrow. Goodbye.'),
    ],
  },
  converts: {
    name: 'converts',
    weight: 8,
    outcome: 'answered',
    answeredBy: 'human',
    disposition: 'sale',
    converted: true,
    talkSeconds: [90, 180],
    lines: [
      agent('Hello {firstName}, this is Sam from Switchboard Energy. Do you have a minute?'),
      customer('Yes, go ahead.'),
      agent('We can lower your electricity bill with a fixed rate for two years.'),
      customer('Alright, let us do it. Sign me up.'),
      agent('Wonderful. You will get the contract by email today. Thank you.'),
    ],
  },
  opt_out: {
    name: 'opt_out',
    weight: 4,
    outcome: 'answered',
    answeredBy: 'human',
    disposition: 'do_not_call',
    optOut: true,
    talkSeconds: [20, 40],
    lines: [
      agent('Hello {firstName}, this is Sam from Switchboard Energy. Do you have a minute?'),
      customer(OPT_OUT_LINE),
      agent('I am sorry to have bothered you. We will not call you again. Goodbye.'),
    ],
  },
  voicemail: {
    name: 'voicemail',
    weight: 12,
    outcome: 'voicemail',
    answeredBy: 'machine',
    talkSeconds: [15, 30],
    lines: [
      customer('You have reached the voicemail of {firstName}. Please leave a message after the tone.'),
      agent('Hello {firstName}, this is Sam from Switchboard Energy. We will try you again later.'),
    ],
  },
  busy: { name: 'busy', weight: 10, outcome: 'busy' },
  no_answer: { name: 'no_answer', weight: 24, outcome: 'no_answer' },
  failed: { name: 'failed', weight: 4, outcome: 'failed' },
} as const satisfies Record<string, SimScenario>;

export type BuiltInScenarioName = keyof typeof SCENARIOS;

const all = Object.values(SCENARIOS);
const only = (name: BuiltInScenarioName): SimScenario[] => [{ ...SCENARIOS[name], weight: 1 }];

/** The built-in scripts; `default` when the campaign names none. */
export const BUILT_IN_SCRIPTS: readonly SimScript[] = [
  { name: 'default', scenarios: all },
  // Every call answered by a person: for demos of the talk path.
  { name: 'answered', scenarios: all.filter((s) => s.outcome === 'answered') },
  ...(Object.keys(SCENARIOS) as BuiltInScenarioName[]).map((name) => ({ name, scenarios: only(name) })),
];
