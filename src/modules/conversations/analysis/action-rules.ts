/**
 * Action items by rule: a speaker committing to do something ("I'll send you the form", "we'll
 * call you back tomorrow", "let me check that for you"). Each rule is a commitment opener followed
 * (within two words) by the action's verb; a negator before or inside the match voids it ("I can't
 * send it").
 */
export interface ActionRule {
  /** `send`, `call_back`, … */
  readonly action: string;
  readonly id: string;
  /** The verb phrases alone (`send|email …`), for "… and send you" after another commitment. */
  readonly verbs: readonly string[];
  readonly phrases: readonly string[];
}

/** Who commits: "I will", "we'll", "I'm going to", "let me", "I can", "I'll make sure to". */
const OPENERS = [
  'i|we will|shall',
  'i|we be going to',
  'i|we can',
  'let me|us',
  'i|we will|be make sure to?',
  'i|we promise to?',
];

const VERBS: readonly { action: string; verbs: readonly string[] }[] = [
  {
    action: 'send',
    verbs: [
      'send|email|mail|post|text|forward|resend|dispatch|courier',
      'get *2 out to you',
      'pop *3 in the post|mail',
    ],
  },
  {
    action: 'call_back',
    verbs: [
      'call|ring|phone you|u back',
      'call|ring|phone you *2 tomorrow|today|later|monday|tuesday|wednesday|thursday|friday|in|at|on|next|this|when|once|first',
      'give you a call|ring',
      'call|ring|phone back',
    ],
  },
  { action: 'follow_up', verbs: ['follow up', 'get back to you', 'keep you updated|posted|informed'] },
  {
    action: 'check',
    verbs: ['check|investigate|verify|review', 'look into|at|up', 'find out', 'have a look', 'take a look'],
  },
  { action: 'escalate', verbs: ['escalate', 'raise|pass *3 with|to'] },
  {
    action: 'refund',
    verbs: ['refund|credit|reimburse|compensate', 'issue|process|arrange *2 refund|credit'],
  },
  {
    action: 'arrange',
    verbs: ['arrange|schedule|book|organise|organize|set up', 'get *2 engineer|technician|someone|somebody'],
  },
  {
    action: 'update',
    verbs: ['update|change|amend|correct|fix|sort|reset|cancel|process|activate|apply|waive|remove|add|note'],
  },
  { action: 'pay', verbs: ['pay|settle|transfer the|that|it *3 money|payment|balance|amount|bill'] },
];

export const ACTION_RULES: readonly ActionRule[] = VERBS.map(({ action, verbs }) => ({
  action,
  id: `action.${action}`,
  verbs,
  phrases: OPENERS.flatMap((opener) => verbs.map((verb) => `${opener} *2 ${verb}`)),
}));

/**
 * Due times as people say them; the local analyser also takes DATE, TIME and DURATION entities of
 * the same sentence.
 */
export const DUE_PHRASES: readonly string[] = [
  'end of *2 day|week|month',
  'close of business',
  'within *3 hours|hour|days|day|minutes|weeks',
  'in *2 minutes|minute|hours|hour|days|day|weeks|week',
  'first thing *2 morning|tomorrow',
  'by monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|then|noon|lunchtime',
  'asap',
  'as soon as possible',
  'right away',
  'straight away',
  'today|tomorrow|tonight',
  'next week|month',
  'this afternoon|evening|morning|week',
];
