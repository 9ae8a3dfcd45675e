import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { abaRoutingValid, expiryOf, isCardNumber, luhnValid, ssnValid } from './checksums.js';
import type { Cue, CueHit } from './context-cues.js';
import type { DigitGroup } from './digit-runs.js';
import type { RedactionEntityType } from './redaction.schema.js';

export interface Finding {
  type: RedactionEntityType;
  start: number;
  end: number;
  rule: string;
}

export interface DigitRules {
  /** Regions whose national numbers count as phone numbers. */
  phoneRegions: readonly CountryCode[];
  redactLongNumbers: boolean;
}

export interface DigitContext {
  /** Cues said before the digits, nearest first. */
  cues: readonly CueHit[];
  /** A card number was read shortly before: an expiry or a security code needs no cue of its own. */
  afterCard: boolean;
  /** Said or written with a leading "plus" / "+". */
  international: boolean;
  /** The word said right before the digits, lower case ('' if none). */
  wordBefore: string;
}

/** The nearest cue names the number as something else (an order, an amount, a year): it is not redacted. */
export function namedOtherwise(cues: readonly CueHit[]): boolean {
  const nearest = Math.min(...cues.map((hit) => hit.distance));
  return cues.some((hit) => hit.cue === 'otherNumber' && hit.distance === nearest);
}

const YEAR_WORDS = new Set([
  'in',
  'since',
  'from',
  'until',
  'till',
  'of',
  'by',
  'around',
  'before',
  'after',
  'year',
]);

/** "in 2019", "since twenty twenty two": a year, not a piece of a card. */
export function looksLikeYear(digits: string, wordBefore: string): boolean {
  return digits.length === 4 && /^(?:19|20)\d\d$/.test(digits) && YEAR_WORDS.has(wordBefore);
}

/** Card lengths to try, most common first, when a card is read in one breath with what follows it. */
const CARD_LENGTHS = [16, 15, 19, 18, 17, 14, 13];

/**
 * What a run of digits is, by its length, check digits and the cues before it. Tried in order:
 * a Luhn-valid card number (13 to 19 digits, no cue needed); a card followed in the same breath by
 * an expiry and/or a security code; each cue, nearest first, with its own test (a cue whose test
 * fails gives way to the next; a number named just before as an order, an amount or a year is not
 * redacted); right after a card, an expiry or a 3–4 digit security code; 4 to 11
 * digits after a card cue that nothing else explains (a card read in pieces or echoed back); an SSN
 * written 3-2-4; a valid phone number of 10 or more digits; any other run of 8 or more digits.
 */
export function classifyDigits(
  groups: readonly DigitGroup[],
  context: DigitContext,
  rules: DigitRules,
): Finding[] {
  const digits = joined(groups);
  const whole = (type: RedactionEntityType, rule: string): Finding[] => [spanOf(groups, type, rule)];
  if (isCardNumber(digits)) return whole('CARD_NUMBER', 'card.luhn');
  if (digits.length > 16) {
    const peeled = peelCard(groups);
    if (peeled) return peeled;
  }
  if (namedOtherwise(context.cues)) return [];
  for (const hit of context.cues) {
    if (hit.cue === 'otherNumber') continue;
    const found = byCue(hit.cue, digits, context, rules);
    if (found) return whole(found, `${cueRuleName(found)}.context`);
  }
  if (context.afterCard) {
    const after = afterCard(groups);
    if (after) return after;
  }
  // Part of a card number (read in pieces, or echoed back by the agent) when nothing else explains it.
  const lastFour = digits.length === 4 && context.cues.some((hit) => hit.cue === 'lastFour');
  if (
    !lastFour &&
    !looksLikeYear(digits, context.wordBefore) &&
    digits.length >= 4 &&
    digits.length < 12 &&
    context.cues.some((hit) => hit.cue === 'card')
  )
    return whole('CARD_NUMBER', 'card.fragment');
  if (
    groups.length === 3 &&
    groups.every((group) => group.typed) &&
    groups.map((group) => group.digits.length).join('-') === '3-2-4' &&
    ssnValid(digits)
  ) {
    return whole('SSN', 'ssn.format');
  }
  // Without a cue, only the lengths of most national numbers are looked up (10 to 12 digits; any length after a "+").
  const phoneLength = context.international ? digits.length >= 8 : digits.length >= 10 && digits.length <= 12;
  if (phoneLength && phoneValid(digits, context.international, rules.phoneRegions))
    return whole('PHONE', 'phone.valid');
  if (rules.redactLongNumbers && digits.length >= 8) return whole('LONG_NUMBER', 'digits.long');
  return [];
}

function byCue(
  cue: Cue,
  digits: string,
  context: DigitContext,
  rules: DigitRules,
): RedactionEntityType | null {
  const length = digits.length;
  switch (cue) {
    case 'card':
      return length >= 12 && length <= 19 ? 'CARD_NUMBER' : null;
    case 'expiry':
      return expiryOf(digits) ? 'CARD_EXPIRY' : null;
    case 'cvv':
      return length === 3 || length === 4 ? 'CARD_CVV' : null;
    case 'pin':
      return length >= 4 && length <= 6 ? 'CARD_PIN' : null;
    case 'ssn':
      return (length === 9 && ssnValid(digits)) || length === 4 ? 'SSN' : null;
    case 'routing':
      return length === 9 && abaRoutingValid(digits) ? 'BANK_ROUTING' : null;
    case 'sortCode':
      return length === 6 ? 'BANK_SORT_CODE' : null;
    case 'bank':
      return length >= 6 && length <= 17 ? 'BANK_ACCOUNT' : null;
    case 'phone':
      return (length >= 7 && length <= 15 && phoneValid(digits, context.international, rules.phoneRegions)) ||
        length === 10 ||
        length === 11
        ? 'PHONE'
        : null;
    case 'zip':
      return length === 5 || length === 9 ? 'POSTAL_CODE' : null;
    case 'nino':
    case 'lastFour':
    case 'otherNumber':
      return null;
  }
}

function cueRuleName(type: RedactionEntityType): string {
  return type
    .replace(/^CARD_(?!NUMBER)/, '')
    .replace('CARD_NUMBER', 'CARD')
    .toLowerCase()
    .replace(/_/g, '-');
}

/** A Luhn-valid card at the start of a longer run; what follows is read as expiry and security code. */
function peelCard(groups: readonly DigitGroup[]): Finding[] | null {
  const total = joined(groups).length;
  for (const length of CARD_LENGTHS) {
    if (length >= total) continue;
    const cut = boundaryAt(groups, length);
    if (cut === null) continue;
    const card = groups.slice(0, cut);
    if (!luhnValid(joined(card))) continue;
    const rest = groups.slice(cut);
    return [
      spanOf(card, 'CARD_NUMBER', 'card.luhn'),
      ...(afterCard(rest) ?? [spanOf(rest, 'LONG_NUMBER', 'digits.after-card')]),
    ];
  }
  return null;
}

/** Digits said right after a card number: an expiry, a security code, or an expiry then a code. */
function afterCard(groups: readonly DigitGroup[]): Finding[] | null {
  if (groups.length === 0) return [];
  const digits = joined(groups);
  if (expiryOf(digits) && digits.length !== 3) return [spanOf(groups, 'CARD_EXPIRY', 'expiry.after-card')];
  if (digits.length === 3 || digits.length === 4) return [spanOf(groups, 'CARD_CVV', 'cvv.after-card')];
  // An expiry and a code are at most ten digits; a longer run is neither (and is not searched: a hostile run may be long).
  if (digits.length > 10) return null;
  for (let cut = 1; cut < groups.length; cut += 1) {
    const expiry = groups.slice(0, cut);
    const code = groups.slice(cut);
    const codeLength = joined(code).length;
    if (expiryOf(joined(expiry)) && (codeLength === 3 || codeLength === 4)) {
      return [spanOf(expiry, 'CARD_EXPIRY', 'expiry.after-card'), spanOf(code, 'CARD_CVV', 'cvv.after-card')];
    }
  }
  return null;
}

/** The number of groups whose digits add up to `length`, or null when no group ends there. */
function boundaryAt(groups: readonly DigitGroup[], length: number): number | null {
  let count = 0;
  for (const [index, group] of groups.entries()) {
    count += group.digits.length;
    if (count === length) return index + 1;
    if (count > length) return null;
  }
  return null;
}

export function phoneValid(digits: string, international: boolean, regions: readonly CountryCode[]): boolean {
  if (digits.length < 7 || digits.length > 15) return false;
  if (international) return parsePhoneNumberFromString(`+${digits}`)?.isValid() === true;
  return regions.some((region) => parsePhoneNumberFromString(digits, region)?.isValid() === true);
}

function joined(groups: readonly DigitGroup[]): string {
  return groups.map((group) => group.digits).join('');
}

function spanOf(groups: readonly DigitGroup[], type: RedactionEntityType, rule: string): Finding {
  return { type, start: groups[0]?.start ?? 0, end: groups[groups.length - 1]?.end ?? 0, rule };
}
