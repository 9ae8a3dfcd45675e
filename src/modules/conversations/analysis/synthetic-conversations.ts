import { createRandom } from '../redaction/synthetic-calls.js';
import { builtProvenance, type Transcript, type TranscriptSegment } from '../transcripts/index.js';
import type { IntentKind } from './analyser.types.js';

/**
 * Test and benchmark support: utterances with the intents a person reads in them, and synthetic
 * calls built from them (between ordinary talk) whose truth is known per segment. Deterministic
 * for a seed.
 *
 * Two sets. `DEV_UTTERANCES` were written beside the rules (the rules were tuned on them);
 * `HELD_OUT_UTTERANCES` were written after the rules, as other phrasings of the same intents and
 * traps, and measured as they came: their figures are the honest ones.
 */

export interface LabelledUtterance {
  readonly speaker: 'agent' | 'customer';
  readonly text: string;
  readonly intents: readonly IntentKind[];
}

const c = (text: string, ...intents: IntentKind[]): LabelledUtterance => ({
  speaker: 'customer',
  text,
  intents,
});
const a = (text: string, ...intents: IntentKind[]): LabelledUtterance => ({
  speaker: 'agent',
  text,
  intents,
});

export const DEV_UTTERANCES: readonly LabelledUtterance[] = [
  // opt-out
  c('Please take me off your list.', 'opt_out'),
  c('Can you take my number off your calling list?', 'opt_out'),
  c('Stop calling me, seriously.', 'opt_out'),
  c("Don't call me again.", 'opt_out'),
  c('Remove my number from your system please.', 'opt_out'),
  c('I want to unsubscribe from all of this.', 'opt_out'),
  c("I don't want any more calls from you people.", 'opt_out'),
  c('Put me on the do not call list.', 'opt_out'),
  c('Never ring me again.', 'opt_out'),
  c('I would like to opt out of marketing.', 'opt_out'),
  c('Just leave me alone.', 'opt_out'),
  c('I no longer wish to be contacted by your company.', 'opt_out'),
  // complaint
  c('I want to make a complaint about the engineer.', 'complaint'),
  c("I'm really disappointed with how this was handled.", 'complaint'),
  c('This is absolutely unacceptable.', 'complaint'),
  c("I've been waiting for three weeks for the refund.", 'complaint'),
  c("It still isn't working after your last visit.", 'complaint'),
  c('You charged me twice for the same month.', 'complaint'),
  c("This is the third time I've called about this.", 'complaint'),
  c('Honestly the worst customer service I have ever had.', 'complaint'),
  c("I'm not happy with the answer.", 'complaint'),
  c('Nobody ever got back to me.', 'complaint'),
  // cancel
  c('I want to cancel my subscription.', 'cancel'),
  c("I'd like to cancel the contract please.", 'cancel'),
  c('Please cancel my account today.', 'cancel'),
  c('How do I cancel?', 'cancel'),
  c('I want to close my account.', 'cancel'),
  c("I'm switching to another provider next month.", 'cancel'),
  c("I'm calling to cancel.", 'cancel'),
  c('Can I cancel the order I placed yesterday?', 'cancel'),
  c("I don't want to renew the policy.", 'cancel'),
  // callback
  c('Can you call me back tomorrow?', 'callback_request'),
  c('Could someone call me back this afternoon?', 'callback_request'),
  c('Give me a call back when you know more.', 'callback_request'),
  c('Please ring me back after five.', 'callback_request'),
  c("I'd like a callback please.", 'callback_request'),
  c('Can you get back to me by Friday?', 'callback_request'),
  c('Have someone call me when the part arrives.', 'callback_request'),
  // escalation
  c('I want to speak to a manager.', 'escalation'),
  c('Put me through to your supervisor.', 'escalation'),
  c('Can I talk to someone more senior?', 'escalation'),
  c("I'll be taking this to the ombudsman.", 'escalation'),
  c('I want this escalated.', 'escalation'),
  a('Let me transfer you to my supervisor.', 'escalation'),
  a("I'll escalate this to our technical team.", 'escalation'),
  // payment promise
  c('I will pay the balance on Friday.', 'payment_promise'),
  c("I'll make a payment next week.", 'payment_promise'),
  c('I can pay half now and the rest on the first.', 'payment_promise'),
  c("I'm going to settle the bill tomorrow.", 'payment_promise'),
  c('I get paid on Thursday so I will clear it then.', 'payment_promise'),
  c("Let's set up a payment plan.", 'payment_promise'),
  // two intents at once
  c("I'm fed up, cancel my account and stop calling me.", 'complaint', 'cancel', 'opt_out'),
  // traps: negated, the agent speaking, other senses of the words
  c("I don't want to cancel, I just want it fixed."),
  c("No, I'm not cancelling anything."),
  c('I cancelled my old phone line last year and that was fine.'),
  c('My noise cancelling headphones are great.'),
  c("I can't pay until the end of the month."),
  c("I won't be paying for something I didn't order.", 'complaint'),
  c("There's no need to call me back, that's all sorted."),
  c("I'm not unhappy, just curious."),
  c('My manager asked me to check the invoice.'),
  c("I'll call you back if I need anything."),
  c('Can you take me through the list of options?'),
  c('I called to update my address.'),
  c("It's working fine now, thanks."),
  c('Can I pay by card?'),
  a('Would you like to cancel your subscription?'),
  a("I'm sorry you're not happy with the service."),
  a('You can unsubscribe at any time by replying stop.'),
  a("I'll call you back tomorrow with an update."),
  a('Do you want me to remove your number from the list?'),
  a('Let me check whether I can take that off your bill.'),
];

export const HELD_OUT_UTTERANCES: readonly LabelledUtterance[] = [
  // opt-out
  c('Could you please remove me from your mailing list?', 'opt_out'),
  c("Look, I've told you before, stop phoning this number.", 'opt_out'),
  c('Do not contact me ever again.', 'opt_out'),
  c("Take us off whatever list you've got us on.", 'opt_out'),
  c("I'd like to unsubscribe please.", 'opt_out'),
  c('Delete my details, I never signed up for this.', 'opt_out'),
  c("Please stop texting me, it's every single day.", 'opt_out'),
  c('Add my number to your do not call register.', 'opt_out'),
  c("Yeah don't ring this number again, thanks.", 'opt_out'),
  c("I don't want to be called by you again.", 'opt_out'),
  // complaint
  c("I'd like to lodge a formal complaint.", 'complaint'),
  c('Frankly this has been a complete waste of my time.', 'complaint'),
  c("I'm extremely frustrated with your company.", 'complaint'),
  c("The package never arrived and I've paid for it.", 'complaint'),
  c("It's been over a month and it still hasn't been fixed.", 'complaint'),
  c("You've overcharged me again this month.", 'complaint'),
  c("I'm absolutely fuming about this bill.", 'complaint'),
  c('This is the fourth time I have phoned you about the same fault.', 'complaint'),
  c("The service has been appalling, I'm not satisfied at all.", 'complaint'),
  // cancel
  c("I'd like to terminate my contract.", 'cancel'),
  c('Can you cancel my direct debit?', 'cancel'),
  c("I'm ringing to cancel my membership.", 'cancel'),
  c("I've decided to cancel the insurance.", 'cancel'),
  c("We're moving to a different supplier, so please close the account.", 'cancel'),
  c('I need to cancel my booking for the weekend.', 'cancel'),
  c('I want to end my subscription at the end of this month.', 'cancel'),
  // callback
  c('Could you give me a ring back in an hour or so?', 'callback_request'),
  c("I'm driving, can somebody phone me back later?", 'callback_request'),
  c('Can you call me on Monday morning?', 'callback_request'),
  c("I'd appreciate it if someone could call me back.", 'callback_request'),
  c('Please get back to me as soon as you can.', 'callback_request'),
  c('Would you be able to return my call this evening?', 'callback_request'),
  // escalation
  c("I'd like to speak with your supervisor please.", 'escalation'),
  c('Get me your manager.', 'escalation'),
  c("I'm going to report you to the regulator.", 'escalation'),
  c("Who's in charge there? I want to talk to them.", 'escalation'),
  c("I'll be contacting my solicitor about this.", 'escalation'),
  a("I'm going to pass this on to my team leader.", 'escalation'),
  a("I'll get my manager for you now.", 'escalation'),
  // payment promise
  c("I'll transfer the money on Monday.", 'payment_promise'),
  c("I promise I'll pay it off by the end of the month.", 'payment_promise'),
  c('I can clear the arrears when my wages come in on Friday.', 'payment_promise'),
  c("We'll pay the full amount next week.", 'payment_promise'),
  c("I'll send the payment over tonight.", 'payment_promise'),
  c("I'm happy to agree to a payment plan of fifty a month.", 'payment_promise'),
  // traps
  c("I'm not going to cancel, I was just asking."),
  c("I wasn't calling to complain, just to ask a question."),
  c('The cancellation fee on the website confused me, what is it?'),
  c("You don't need to call me back, email is fine."),
  c("I can't afford to pay anything right now."),
  c('Please call me Liz, everyone does.'),
  c('My boss uses the same phone as me.'),
  c('I already paid the bill on Tuesday.'),
  c("I'd love to upgrade my plan actually."),
  c('The engineer was brilliant, really happy with the work.'),
  c("There's a list of things I want to go through."),
  c('I unsubscribed by mistake, can I sign up again?'),
  a("If you'd like to make a complaint I can log that for you."),
  a('Would you like me to get a manager?'),
  a("I'll need to speak to my supervisor about the discount.", 'escalation'),
  a('You can pay online or over the phone.'),
];

/** Ordinary talk with no intent in it: the filler between labelled lines. */
export const FILLER: readonly LabelledUtterance[] = [
  a('Good morning, you are through to Acme support, my name is Sam.'),
  c("Hi Sam, it's about my account."),
  a('Sure, can I take your postcode and the first line of your address?'),
  c("It's [POSTAL_CODE], [ADDRESS]."),
  a('Thank you, and your date of birth?'),
  c('The fourth of May.'),
  a('Lovely, I can see the account here.'),
  c('Okay.'),
  a('Bear with me a moment while the system loads.'),
  c('Sure, no problem.'),
  a('Is there anything else I can help with today?'),
  c("No that's everything, thanks for your help."),
  a('You are welcome, have a lovely day.'),
  c('The card ending [CARD_NUMBER] is the one on file.'),
  a('I can see two payments in March and one in April.'),
  c('Right, yes, that sounds about right.'),
];

export interface SyntheticSegmentTruth {
  readonly segmentId: string;
  readonly intents: readonly IntentKind[];
}

export interface SyntheticConversation {
  readonly transcript: Transcript;
  readonly truth: readonly SyntheticSegmentTruth[];
}

/** A two-party transcript (agent spk_0 on channel 0, customer spk_1 on channel 1) from these lines. */
export function transcriptOf(
  lines: readonly LabelledUtterance[],
  language: string | null = 'en-US',
): Transcript {
  let at = 0;
  const segments: TranscriptSegment[] = lines.map((line, i) => {
    const words = line.text.split(/\s+/).filter((w) => w !== '').length;
    const startMs = at;
    const endMs = startMs + 400 + words * 330;
    at = endMs + 300;
    return {
      id: `seg_${i}`,
      speakerId: line.speaker === 'agent' ? 'spk_0' : 'spk_1',
      channel: line.speaker === 'agent' ? 0 : 1,
      startMs,
      endMs,
      text: line.text,
      confidence: 0.9,
      words: null,
      redactions: [],
    };
  });
  return {
    schemaVersion: 1,
    language,
    durationMs: at,
    speakers: [
      { id: 'spk_0', role: 'agent', roleSource: 'provider', label: null, channel: 0 },
      { id: 'spk_1', role: 'customer', roleSource: 'provider', label: null, channel: 1 },
    ],
    segments,
    provenance: builtProvenance('synthetic', 'switchboard-engine'),
    providerRedaction: null,
  };
}

/**
 * A synthetic call: `labelled` lines from `pool` at random places among `fillerLines` lines of
 * ordinary talk. The truth lists every segment, with the intents of the labelled ones.
 */
export function syntheticConversation(
  seed: number,
  pool: readonly LabelledUtterance[],
  options: { labelled?: number; fillerLines?: number } = {},
): SyntheticConversation {
  const random = createRandom(seed);
  const pick = <T>(list: readonly T[]): T => {
    const item = list[Math.floor(random() * list.length)];
    if (item === undefined) throw new Error('empty list');
    return item;
  };
  const lines: LabelledUtterance[] = [];
  for (let i = 0; i < (options.fillerLines ?? 12); i++) lines.push(pick(FILLER));
  for (let i = 0; i < (options.labelled ?? 4); i++) {
    lines.splice(Math.floor(random() * (lines.length + 1)), 0, pick(pool));
  }
  const transcript = transcriptOf(lines);
  return {
    transcript,
    truth: lines.map((line, i) => ({ segmentId: `seg_${i}`, intents: line.intents })),
  };
}
