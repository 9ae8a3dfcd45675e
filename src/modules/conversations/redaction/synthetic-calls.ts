import {
  builtProvenance,
  type Transcript,
  type TranscriptSegment,
  type TranscriptWord,
} from '../transcripts/index.js';

/**
 * Test support: builds synthetic call transcripts with card numbers, expiries, security codes and
 * SSNs said in the many ways callers say them, among ordinary talk, and remembers where each
 * seeded entity is, so a test can measure what the redaction finds. Deterministic for a seed.
 */

export type SeededType = 'CARD_NUMBER' | 'CARD_EXPIRY' | 'CARD_CVV' | 'SSN';

export interface SeededEntity {
  type: SeededType;
  phrasing: string;
  /** Where the entity's text is: one piece per segment it was said in. */
  pieces: { segmentIndex: number; start: number; end: number }[];
}

export interface SyntheticCall {
  transcript: Transcript;
  seeded: SeededEntity[];
  words: number;
}

type Part = string | { seed: number; text: string };

interface Turn {
  speaker: 'agent' | 'customer';
  parts: Part[];
}

export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Ordinary talk, numbers included, that holds no card or personal data. */
export const CLEAN_LINES: readonly string[] = [
  'Hi, thanks for calling, how can I help you today?',
  "I've been a customer for about three years now.",
  'The parcel arrived on the twenty third but the box was damaged.',
  'It cost forty nine ninety nine which seems like a lot.',
  'I called two times last week and nobody got back to me.',
  'Could you call back around three thirty tomorrow afternoon?',
  'I ordered two of the blue ones and one of the red.',
  'By the way I have two kids so mornings are hard.',
  'We moved here in 2019 and the service was fine until now.',
  'The total came to 120 dollars including delivery.',
  'Give me one second while I pull that up.',
  'Let me check, it says it shipped four days ago.',
  "I'm on the second floor so the driver couldn't find us.",
  'The reference you gave me last time was 7 4 2 9.',
  'Is it possible to upgrade to the premium plan for ten dollars more?',
  'I want to cancel one of the two subscriptions.',
  'It happened at about half past nine in the evening.',
  'Okay, I can see three open tickets on your account.',
  'The discount of 20 percent will apply from next month.',
  'That was order number 55321 I think.',
  'My daughter is seven and my son is twelve.',
  'The screen went black after about five minutes.',
  'I have been waiting for almost an hour, this is ridiculous.',
  'You should get an email within twenty four hours.',
  'Sure, no problem, is there anything else I can help with?',
  'It was the one with the 4K screen, model 55 inch.',
  'I tried restarting it two or three times.',
  'Our office opens at eight and closes at six.',
  'Thank you so much, have a lovely evening.',
  'We are number one on the waiting list apparently.',
  'Can you go through the steps one more time?',
  'The last bill was for 86 pounds 40 which is double what I expected.',
  'I think I paid twice, once on the first and once on the fifth.',
  'Please hold for a moment while I transfer you to billing.',
  'It took me like forty five minutes to get through.',
  'I paid with my card, the one ending in 4242.',
  'The card ending in one one two three was declined last week.',
  'My account has been open since 2015.',
  'We are open twenty four seven, from nine to five on Sundays.',
  'It was a two for one deal on the website.',
  'Room four oh two, second building on the left.',
  'Back in twenty twenty two the price was lower.',
  'The tracking number is 9400 1000 0000 0000 0000 00.',
  'I have the card here but I would rather pay by bank transfer.',
];

const CARD_PROMPTS = [
  'Can I take the long number on the card please?',
  "What's the card number?",
  'Could you read me the digits on the front of your card?',
  "Please go ahead with your card number when you're ready.",
  'Which card would you like to use? Go ahead with the number.',
  'And the number on your Visa please.',
];
const EXPIRY_PROMPTS = [
  'And the expiry date?',
  'When does the card expire?',
  "What's the expiration date on the card?",
  'And the valid thru date?',
  'And the date on the front of the card?',
];
const CVV_PROMPTS = [
  'And the three digit security code on the back?',
  "What's the CVV?",
  'Last thing, the security code please.',
  'And the three numbers on the back of the card?',
  'Finally the CVC please.',
];
const SSN_PROMPTS = [
  'Can I have your social security number?',
  "What's your social?",
  'For verification, your SSN please.',
  'I need the social security number on the account.',
];
const LEAD_INS = ['', "Sure, it's ", "Yeah it's ", 'Okay so ', 'The number is ', 'Um, ', 'Let me see, '];

interface Renderer {
  name: string;
  render: (digits: string, random: () => number) => string;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function digitWord(digit: string, random: () => number): string {
  if (digit === '0') return random() < 0.5 ? 'oh' : 'zero';
  return ONES[Number(digit)] ?? digit;
}

function pairWords(pair: string, random: () => number): string {
  const value = Number(pair);
  if (pair.startsWith('0')) return pair === '00' ? 'double oh' : `oh ${ONES[value] ?? ''}`;
  if (value < 20) return TEENS[value - 10] ?? '';
  const tens = TENS[Math.floor(value / 10)] ?? '';
  const ones = value % 10;
  return ones === 0 ? tens : `${tens}${random() < 0.5 ? '-' : ' '}${ONES[ones] ?? ''}`;
}

/** "4111 1111 …" digits in groups as a card is printed (Amex 4-6-5). */
function printedGroups(digits: string): string[] {
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)];
  return digits.match(/.{1,4}/g) ?? [digits];
}

function spokenDigits(digits: string, random: () => number, separator = () => ' '): string {
  return (digits.match(/[0-9]/g) ?? [])
    .map((digit, index) => (index === 0 ? '' : separator()) + digitWord(digit, random))
    .join('');
}

/** "double one", "triple seven" for repeats, as people read them. */
function spokenWithRepeats(digits: string, random: () => number): string {
  const words: string[] = [];
  let index = 0;
  while (index < digits.length) {
    const digit = digits[index] ?? '0';
    let count = 1;
    while (digits[index + count] === digit && count < 3) count += 1;
    if (count === 3) words.push(`triple ${digitWord(digit, random)}`);
    else if (count === 2) words.push(`double ${digitWord(digit, random)}`);
    else words.push(digitWord(digit, random));
    index += count;
  }
  return words.join(' ');
}

export const NUMBER_RENDERERS: readonly Renderer[] = [
  { name: 'printed groups', render: (digits) => printedGroups(digits).join(' ') },
  { name: 'digits', render: (digits) => digits },
  { name: 'dashes', render: (digits) => printedGroups(digits).join('-') },
  {
    name: 'spoken digits',
    render: (digits, random) =>
      printedGroups(digits)
        .map((group) => spokenDigits(group, random))
        .join(', '),
  },
  { name: 'spoken, no pauses', render: (digits, random) => spokenDigits(digits, random) },
  {
    name: 'double and triple',
    render: (digits, random) =>
      printedGroups(digits)
        .map((group) => spokenWithRepeats(group, random))
        .join(', '),
  },
  {
    name: 'pairs',
    render: (digits, random) =>
      (digits.match(/.{1,2}/g) ?? [])
        .map((pair) => (pair.length === 2 ? pairWords(pair, random) : digitWord(pair, random)))
        .join(' '),
  },
  {
    name: 'mixed words and digits',
    render: (digits, random) =>
      printedGroups(digits)
        .map((group, index) => (index % 2 === 0 ? group : spokenDigits(group, random)))
        .join(' '),
  },
  {
    // Speech-to-text writes "for", "to", "ate" for some digits.
    name: 'homophones',
    render: (digits, random) =>
      printedGroups(digits)
        .map((group) =>
          (group.match(/[0-9]/g) ?? [])
            .map((digit, index) => {
              const word = digitWord(digit, random);
              if (index === 0 || random() < 0.5) return word;
              return digit === '4'
                ? 'for'
                : digit === '2'
                  ? random() < 0.5
                    ? 'to'
                    : 'too'
                  : digit === '8'
                    ? 'ate'
                    : word;
            })
            .join(' '),
        )
        .join(', '),
  },
  {
    // Speech-to-text dropped a digit: the Luhn check fails, the cue must carry it.
    name: 'a digit dropped',
    render: (digits, random) => {
      const drop = 1 + Math.floor(random() * (digits.length - 2));
      return spokenDigits(digits.slice(0, drop) + digits.slice(drop + 1), random);
    },
  },
  {
    name: 'with fillers',
    render: (digits, random) =>
      printedGroups(digits)
        .map((group) => spokenDigits(group, random))
        .join(random() < 0.5 ? ' uh ' : ' um, '),
  },
];

export function luhnComplete(prefix: string, length: number, random: () => number): string {
  let body = prefix;
  while (body.length < length - 1) body += String(Math.floor(random() * 10));
  for (let check = 0; check < 10; check += 1) {
    const candidate = `${body}${check}`;
    let sum = 0;
    for (let index = 0; index < candidate.length; index += 1) {
      let digit = Number(candidate[candidate.length - 1 - index]);
      if (index % 2 === 1) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function cardNumber(random: () => number): string {
  const kind = Math.floor(random() * 4);
  if (kind === 0) return luhnComplete('4', 16, random);
  if (kind === 1) return luhnComplete(String(51 + Math.floor(random() * 5)), 16, random);
  if (kind === 2) return luhnComplete(random() < 0.5 ? '34' : '37', 15, random);
  return luhnComplete('6011', 16, random);
}

function expiryPhrase(random: () => number): { text: string; phrasing: string } {
  const month = 1 + Math.floor(random() * 12);
  const year = 25 + Math.floor(random() * 9);
  const mm = String(month).padStart(2, '0');
  const forms: { phrasing: string; text: string }[] = [
    { phrasing: 'MM/YY', text: `${mm}/${year}` },
    { phrasing: 'spoken MM YY', text: `${pairWords(mm, random)} ${pairWords(String(year), random)}` },
    { phrasing: 'spoken digits', text: spokenDigits(`${mm}${year}`, random) },
    {
      phrasing: 'M YY',
      text: `${month < 10 ? (ONES[month] ?? '') : pairWords(mm, random)} ${pairWords(String(year), random)}`,
    },
    {
      phrasing: 'month name, twenty YY',
      text: `${MONTHS[month - 1] ?? ''} twenty ${pairWords(String(year), random)}`,
    },
    { phrasing: 'month name, 20YY', text: `${MONTHS[month - 1] ?? ''} 20${year}` },
    { phrasing: 'slash spoken', text: `${pairWords(mm, random)} slash ${pairWords(String(year), random)}` },
    { phrasing: 'MM YY digits', text: `${mm} ${year}` },
  ];
  return pick(random, forms);
}

function cvvPhrase(random: () => number, length: number): { text: string; phrasing: string } {
  const digits = Array.from({ length }, () => String(Math.floor(random() * 10))).join('');
  const forms = [
    { phrasing: 'digits', text: digits },
    { phrasing: 'spoken digits', text: spokenDigits(digits, random) },
    { phrasing: 'spoken with repeats', text: spokenWithRepeats(digits, random) },
  ];
  return pick(random, forms);
}

function ssnDigits(random: () => number): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => String(Math.floor(random() * 10))).join('');
    const area = digits.slice(0, 3);
    if (
      area !== '000' &&
      area !== '666' &&
      !area.startsWith('9') &&
      digits.slice(3, 5) !== '00' &&
      digits.slice(5) !== '0000'
    )
      return digits;
  }
}

function ssnPhrase(random: () => number): { text: string; phrasing: string } {
  const digits = ssnDigits(random);
  const groups = [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5)];
  const forms = [
    { phrasing: 'dashed', text: groups.join('-') },
    { phrasing: 'spaced', text: groups.join(' ') },
    { phrasing: 'spoken digits', text: groups.map((group) => spokenDigits(group, random)).join(', ') },
    { phrasing: 'spoken, no pauses', text: spokenDigits(digits, random) },
    {
      phrasing: 'double and triple',
      text: groups.map((group) => spokenWithRepeats(group, random)).join(' '),
    },
  ];
  return pick(random, forms);
}

/** A call with a payment (card, expiry, security code) and, some of the time, an SSN check. */
export function syntheticPaymentCall(seed: number, withWords: boolean): SyntheticCall {
  const random = createRandom(seed);
  const turns: Turn[] = [];
  const seeded: { type: SeededType; phrasing: string; seeds: number[] }[] = [];
  const addSeed = (type: SeededType, phrasing: string): number => {
    seeded.push({ type, phrasing, seeds: [] });
    return seeded.length - 1;
  };
  const chat = (count: number): void => {
    for (let index = 0; index < count; index += 1)
      turns.push({ speaker: index % 2 === 0 ? 'customer' : 'agent', parts: [pick(random, CLEAN_LINES)] });
  };

  chat(1 + Math.floor(random() * 3));
  if (random() < 0.5) {
    const ssn = ssnPhrase(random);
    turns.push({ speaker: 'agent', parts: [pick(random, SSN_PROMPTS)] });
    turns.push({
      speaker: 'customer',
      parts: [
        pick(random, LEAD_INS),
        { seed: addSeed('SSN', ssn.phrasing), text: ssn.text },
        random() < 0.5 ? '.' : '',
      ],
    });
    chat(Math.floor(random() * 2));
  }

  const card = cardNumber(random);
  const renderer = pick(random, NUMBER_RENDERERS);
  const cardSeed = addSeed('CARD_NUMBER', renderer.name);
  turns.push({ speaker: 'agent', parts: [pick(random, CARD_PROMPTS)] });
  const split = random() < 0.25;
  if (split) {
    // Read in two goes with the agent saying "okay" in between.
    const cut = card.length === 15 ? 10 : 8;
    seeded[cardSeed] = { type: 'CARD_NUMBER', phrasing: `${renderer.name}, split across turns`, seeds: [] };
    turns.push({
      speaker: 'customer',
      parts: [pick(random, LEAD_INS), { seed: cardSeed, text: renderer.render(card.slice(0, cut), random) }],
    });
    turns.push({ speaker: 'agent', parts: [pick(random, ['okay', 'mhm', 'yep, go on', 'okay, go ahead'])] });
    turns.push({
      speaker: 'customer',
      parts: [{ seed: cardSeed, text: renderer.render(card.slice(cut), random) }],
    });
  } else {
    turns.push({
      speaker: 'customer',
      parts: [
        pick(random, LEAD_INS),
        { seed: cardSeed, text: renderer.render(card, random) },
        random() < 0.5 ? '.' : '',
      ],
    });
  }

  const expiry = expiryPhrase(random);
  if (random() < 0.2) {
    // Volunteered straight after the number.
    const last = turns[turns.length - 1];
    last?.parts.push(pick(random, [', expires ', ', expiry ', ' and it expires ']), {
      seed: addSeed('CARD_EXPIRY', `${expiry.phrasing}, volunteered`),
      text: expiry.text,
    });
  } else {
    turns.push({ speaker: 'agent', parts: [pick(random, EXPIRY_PROMPTS)] });
    turns.push({
      speaker: 'customer',
      parts: [pick(random, LEAD_INS), { seed: addSeed('CARD_EXPIRY', expiry.phrasing), text: expiry.text }],
    });
  }

  const cvv = cvvPhrase(random, card.length === 15 ? 4 : 3);
  turns.push({ speaker: 'agent', parts: [pick(random, CVV_PROMPTS)] });
  turns.push({
    speaker: 'customer',
    parts: [
      pick(random, LEAD_INS),
      { seed: addSeed('CARD_CVV', cvv.phrasing), text: cvv.text },
      random() < 0.5 ? '.' : '',
    ],
  });
  chat(1 + Math.floor(random() * 3));

  return build(turns, seeded, withWords, random() < 0.3);
}

/** A call of ordinary talk only: anything redacted in it is a false redaction. */
export function syntheticCleanCall(seed: number, withWords: boolean): SyntheticCall {
  const random = createRandom(seed);
  const turns: Turn[] = [];
  const count = 6 + Math.floor(random() * 8);
  for (let index = 0; index < count; index += 1) {
    const lines = 1 + Math.floor(random() * 2);
    turns.push({
      speaker: index % 2 === 0 ? 'agent' : 'customer',
      parts: [Array.from({ length: lines }, () => pick(random, CLEAN_LINES)).join(' ')],
    });
  }
  return build(turns, [], withWords, random() < 0.3);
}

/** What an engine without casing or punctuation writes. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[.,?!]/g, '');
}

function build(
  turns: readonly Turn[],
  seeded: readonly { type: SeededType; phrasing: string; seeds: number[] }[],
  withWords: boolean,
  uncased = false,
): SyntheticCall {
  const entities: SeededEntity[] = seeded.map((entry) => ({
    type: entry.type,
    phrasing: entry.phrasing,
    pieces: [],
  }));
  const segments: TranscriptSegment[] = [];
  let clock = 500;
  let words = 0;
  for (const [segmentIndex, turn] of turns.entries()) {
    let text = '';
    for (const part of turn.parts) {
      if (typeof part === 'string') {
        text += uncased ? plain(part) : part;
        continue;
      }
      const start = text.length;
      text += uncased ? plain(part.text) : part.text;
      entities[part.seed]?.pieces.push({ segmentIndex, start, end: text.length });
    }
    const tokens = [...text.matchAll(/\S+/g)];
    words += tokens.length;
    const timed: TranscriptWord[] = tokens.map((token, index) => ({
      text: token[0],
      startMs: clock + index * 350,
      endMs: clock + index * 350 + 300,
      confidence: 0.9,
    }));
    const endMs = clock + Math.max(1, tokens.length) * 350;
    segments.push({
      id: `seg_${segmentIndex}`,
      speakerId: turn.speaker === 'agent' ? 'spk_0' : 'spk_1',
      channel: turn.speaker === 'agent' ? 0 : 1,
      startMs: clock,
      endMs,
      text,
      confidence: 0.9,
      words: withWords ? timed : null,
      redactions: [],
    });
    clock = endMs + 600;
  }
  return {
    transcript: {
      schemaVersion: 1,
      language: 'en-US',
      durationMs: clock,
      speakers: [
        { id: 'spk_0', role: 'agent', roleSource: 'convention', label: 'ch_0', channel: 0 },
        { id: 'spk_1', role: 'customer', roleSource: 'convention', label: 'ch_1', channel: 1 },
      ],
      segments,
      provenance: builtProvenance('synthetic', 'aws-transcribe'),
      providerRedaction: null,
    },
    seeded: entities,
    words,
  };
}
