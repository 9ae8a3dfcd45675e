import type { IntentKind } from './analyser.types.js';

/**
 * The local analyser's intent rules: phrases (syntax in phrase-match.ts) per intent and rule id.
 * A rule fires when one of its phrases is said by the party it listens to and no negator stands in
 * the few words before it ("I don't want to cancel" does not fire `cancel`). `customer` rules also
 * listen to speakers whose role is unknown (a mono recording), never to the agent.
 *
 * Phrases that carry their own negation ("don't call me again") start at the negator, so the
 * negation window before them is empty.
 */
export interface IntentRule {
  readonly kind: IntentKind;
  readonly id: string;
  readonly speaker: 'customer' | 'agent' | 'any';
  readonly phrases: readonly string[];
}

const LIST = 'list|lists|register|registry|database|system|records|file';
const CONTACT = 'call|calls|phone|ring|text|message|contact|email|bother|harass|pester|spam';
const CONTACTING =
  'calling|phoning|ringing|texting|messaging|emailing|contacting|bothering|harassing|pestering|spamming';
const PRODUCT =
  'account|subscription|membership|contract|policy|plan|service|order|booking|card|direct|package|insurance|broadband|line|trial|renewal|reservation|appointment|it|this|that|everything';
const UPSET =
  'unhappy|disappointed|frustrated|annoyed|angry|furious|livid|upset|disgusted|appalled|dissatisfied|fuming';
const DAY = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight';

export const INTENT_RULES: readonly IntentRule[] = [
  // ---- opt-out / do not call -------------------------------------------------------------------
  {
    kind: 'opt_out',
    id: 'opt_out.off_list',
    speaker: 'customer',
    phrases: [
      `take|get|put|strike|cross me|us|my|our *2 off *2 ${LIST}`,
      'take|get|strike|cross me|us off',
      `take|get|strike|cross *2 off *2 your|the|this|that *2 ${LIST}`,
      `remove|delete|erase me|us|my|our *3 from *2 ${LIST}`,
      'remove|delete|erase my|our number|name|details|info|information|data|phone',
      'remove|delete me|us from',
    ],
  },
  {
    kind: 'opt_out',
    id: 'opt_out.stop_contact',
    speaker: 'customer',
    phrases: [
      `stop|quit|cease ${CONTACTING}`,
      `stop|quit|cease ${CONTACT} me|us|this|my|here|anymore`,
      'stop|quit *2 these|your|the|those|all calls|texts|messages|emails',
      `do not ${CONTACT} *2 me|us|this|here|again|anymore|back`,
      `do not ever ${CONTACT}`,
      `never ${CONTACT} *2 again`,
      'no more calls|call|messages|texts|emails',
      'do not want|need any|these|your|those|more|marketing|sales|further *2 calls|call|messages|texts|emails',
      'do not want *2 to be called|contacted|phoned|rung|bothered',
      `do not want you|anyone|people|them to ${CONTACT}`,
      `no longer want|wish *4 ${CONTACT}|calls|contacted|called`,
      'leave me|us alone',
    ],
  },
  {
    kind: 'opt_out',
    id: 'opt_out.dnc_list',
    speaker: 'customer',
    phrases: ['do not call list|register|registry', 'put|add|place me|us|my|our *4 do not call'],
  },
  {
    kind: 'opt_out',
    id: 'opt_out.unsubscribe',
    speaker: 'customer',
    phrases: ['unsubscribe!', 'opt out', 'opt me|us out', 'withdraw my|our consent'],
  },

  // ---- complaint -------------------------------------------------------------------------------
  {
    kind: 'complaint',
    id: 'complaint.explicit',
    speaker: 'customer',
    phrases: [
      'make|file|lodge|raise|log|submit|register|put a|an *2 complaint',
      'want|like|need|wish|going to complain',
      'i be complaining',
      'this is a complaint',
      'formal complaint',
    ],
  },
  {
    kind: 'complaint',
    id: 'complaint.dissatisfied',
    speaker: 'customer',
    phrases: [
      `i|we be|feel|felt|get|getting *2 ${UPSET}`,
      'so|very|really|extremely|incredibly|beyond frustrating|infuriating|disappointing',
      'not happy|satisfied|pleased',
      'fed up',
      'sick and tired',
      'unacceptable',
      'ridiculous',
      'outrageous',
      'disgrace|disgraceful|shambles',
      'shocking service|customer',
      'terrible|awful|horrible|appalling|poor|worst|bad|lousy|rubbish *2 service|experience|support|company',
      'waste of *1 time|money',
      'rip|ripped off',
      'did not order|authorise|authorize|request|agree to',
      'never ordered|authorised|authorized|requested|agreed to',
    ],
  },
  {
    kind: 'complaint',
    id: 'complaint.repeated_failure',
    speaker: 'customer',
    phrases: [
      'been waiting *2 weeks|days|months|hours|ages',
      'still waiting|broken',
      'still *2 not *2 working|work|fixed|resolved|arrived|received|sorted|refunded|delivered|come',
      'never arrived|received|came|showed|delivered',
      'nobody *2 got|called|came|turned|showed|responded|replied|helped|rang|phoned|contacted',
      'no one *2 got|called|came|turned|showed|responded|replied|helped|rang|phoned|contacted',
      'third|second|fourth|fifth|several|many|umpteenth|tenth time *4 called|calling|rung|rang|phoned|phoning',
      'i have called|phoned|rung *3 times',
      'charged|billed *3 twice',
      'double charged|billed',
      'overcharged',
      'wrongly charged|billed',
    ],
  },

  // ---- cancel ----------------------------------------------------------------------------------
  {
    kind: 'cancel',
    id: 'cancel.request',
    speaker: 'customer',
    phrases: [
      `cancel! my|our|the|this|that *2 ${PRODUCT}`,
      'want|like|need|wish|going|looking|trying|calling|ringing|here|phoning|decided to cancel',
      'please cancel',
      'can|could|may|do i cancel',
      'how do i|we cancel',
      'a cancellation',
      'cancellation of my|our|the',
    ],
  },
  {
    kind: 'cancel',
    id: 'cancel.close_or_end',
    speaker: 'customer',
    phrases: [
      'close|terminate|end|stop|discontinue|drop my|our|the *2 account|subscription|membership|contract|policy|plan|service|line',
      'terminate|end|get out of my *2 contract|agreement',
      'want out of my|the contract|subscription|plan',
      'switch|switching|move|moving|leave|leaving|go|going to *3 another|different|new provider|company|supplier|bank|network|insurer',
      'do not want to renew',
      'not renew|renewing',
    ],
  },

  // ---- callback request ------------------------------------------------------------------------
  {
    kind: 'callback_request',
    id: 'callback_request.ask',
    speaker: 'customer',
    phrases: [
      'call|ring|phone me|us back',
      `call|ring|phone me|us *2 ${DAY}|later|morning|afternoon|evening|after|next|once`,
      'can|could|would|will|please you call|ring|phone me|us',
      'give me|us a call|ring *3 back|later|when|at|in|after|once|tomorrow|today',
      'someone|somebody *2 call|ring|phone me|us back',
      'have|get|ask someone|somebody to? call|ring|phone',
      'can|could|would|will someone|somebody call|ring|phone',
      'callback',
      'get back to me|us',
      'return my|our call',
    ],
  },

  // ---- escalation ------------------------------------------------------------------------------
  {
    kind: 'escalation',
    id: 'escalation.ask_manager',
    speaker: 'customer',
    phrases: [
      'speak|talk|put|transfer|get|see|want|need|connect|ask *3 manager|supervisor|superior|boss|management',
      'someone|somebody *2 senior|higher|above|charge',
      'who be in charge',
      'anyone|person|people in charge',
      'your manager|supervisor|superior|boss',
      'escalate|escalation',
      'higher up',
      'ombudsman|regulator|lawyer|solicitor|attorney',
      'take|taking *3 legal action',
      'report you|this|your company',
      'sue you|your|the company',
    ],
  },
  {
    kind: 'escalation',
    id: 'escalation.agent_escalates',
    speaker: 'agent',
    phrases: [
      'escalate|escalation',
      'transfer|put|pass you *3 manager|supervisor|leader|senior',
      'get|fetch|bring *2 my|a manager|supervisor|leader',
      'raise *3 with my|a|the manager|supervisor|leader',
      'pass|refer|hand *4 to my|a|the *1 manager|supervisor|leader',
    ],
  },

  // ---- payment promise -------------------------------------------------------------------------
  {
    kind: 'payment_promise',
    id: 'payment_promise.commit',
    speaker: 'customer',
    phrases: [
      'i|we be? will|can|shall|promise|go|plan|intend|try to? *2 pay|settle|clear',
      'i|we be? will|can|shall|go to? *2 send|transfer *3 money|payment|funds|balance|amount|arrears',
      'i|we will|can *2 have the money|funds|payment',
      'payment will|should go|be *2 through|in|made',
      'set up a|the payment plan|arrangement',
      'agree to *2 pay|payment|plan',
      `i|we get paid on|next|this|${DAY}`,
    ],
  },
];
