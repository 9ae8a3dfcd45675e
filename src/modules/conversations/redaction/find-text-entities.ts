import { ibanLength, ibanValid, ukNinoValid } from './checksums.js';
import type { Finding } from './classify-digits.js';
import type { DigitRun, Token } from './digit-runs.js';

/**
 * The rule-based recognisers that are not about a run of digits alone: e-mail addresses (written
 * and spoken), IBANs, UK National Insurance numbers, street addresses, UK postcodes and person
 * names after a cue ("my name is", "Mr", "this is … "). What they do not catch is listed in
 * docs/conversations.md.
 */
export function findTextEntities(
  text: string,
  tokens: readonly Token[],
  runs: readonly DigitRun[],
): Finding[] {
  return [
    ...findEmails(text),
    ...findIbans(text),
    ...findNinos(text, tokens, runs),
    ...findAddresses(tokens, runs),
    ...findPostcodes(text),
    ...findNames(text),
  ];
}

const TLDS = 'com|net|org|edu|gov|io|co|uk|de|fr|info|biz|us|ca|au|ie|nl|es|it|me|email';

function findEmails(text: string): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
    found.push({
      type: 'EMAIL',
      start: match.index,
      end: match.index + match[0].length,
      rule: 'email.written',
    });
  }
  // "john dot smith at example dot com", "jane underscore doe at gmail.com"
  const spoken = new RegExp(
    String.raw`\b[a-z0-9]+(?:\s+(?:dot|underscore|dash|hyphen)\s+[a-z0-9]+)*\s+at\s+[a-z0-9-]+(?:(?:\s+dot\s+|\.)[a-z0-9-]+)*(?:\s+dot\s+|\.)(?:${TLDS})\b`,
    'gi',
  );
  for (const match of text.matchAll(spoken)) {
    found.push({
      type: 'EMAIL',
      start: match.index,
      end: match.index + match[0].length,
      rule: 'email.spoken',
    });
  }
  return found;
}

function findIbans(text: string): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(/\b[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]){11,32}/g)) {
    // The pattern runs on into the words after an IBAN; try the lengths an IBAN can have.
    const positions: number[] = [];
    let compact = '';
    for (let index = match.index; index < match.index + match[0].length; index += 1) {
      const char = text[index] ?? '';
      if (char === ' ') continue;
      positions.push(index);
      compact += char;
    }
    const expected = ibanLength(compact.slice(0, 2));
    const lengths = expected === null ? range(Math.min(34, compact.length), 15) : [expected];
    for (const length of lengths) {
      const last = positions[length - 1];
      if (last === undefined || !ibanValid(compact.slice(0, length))) continue;
      found.push({ type: 'IBAN', start: match.index, end: last + 1, rule: 'iban.checksum' });
      break;
    }
  }
  return found;
}

function findNinos(text: string, tokens: readonly Token[], runs: readonly DigitRun[]): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(/\b[A-Za-z]{2}\s?[0-9]{2}\s?[0-9]{2}\s?[0-9]{2}\s?[A-Da-d]\b/g)) {
    if (ukNinoValid(match[0]))
      found.push({
        type: 'UK_NI',
        start: match.index,
        end: match.index + match[0].length,
        rule: 'nino.written',
      });
  }
  // Spoken: "A B one two three four five six C".
  for (const run of runs) {
    if (run.digits.length !== 6) continue;
    const after = tokens[run.endToken];
    const one = tokens[run.firstToken - 1];
    const two = tokens[run.firstToken - 2];
    if (!after || !one || after.kind !== 'word' || after.text.length !== 1) continue;
    const prefix =
      one.kind === 'word' && one.text.length === 2
        ? one
        : two && one.text.length === 1 && two.text.length === 1
          ? two
          : null;
    if (!prefix) continue;
    const letters = text.slice(prefix.start, one.end).replace(/[^A-Za-z]/g, '');
    if (letters.length === 2 && ukNinoValid(`${letters}${run.digits}${after.text}`)) {
      found.push({ type: 'UK_NI', start: prefix.start, end: after.end, rule: 'nino.spoken' });
    }
  }
  return found;
}

const STREET_SUFFIXES = new Set([
  'street',
  'st',
  'avenue',
  'ave',
  'road',
  'rd',
  'lane',
  'ln',
  'drive',
  'dr',
  'boulevard',
  'blvd',
  'court',
  'ct',
  'way',
  'place',
  'pl',
  'terrace',
  'close',
  'crescent',
  'parkway',
  'pkwy',
  'highway',
  'hwy',
  'circle',
  'cir',
  'square',
  'sq',
  'grove',
  'gardens',
  'row',
  'mews',
  'walk',
  'hill',
  'park',
]);
const UNIT_WORDS = new Set(['apartment', 'apt', 'suite', 'unit', 'flat', 'floor']);
/** Words that do not occur inside a street name: "2 kids by the way" is not an address. */
const NOT_IN_STREET_NAMES = new Set([
  'a',
  'an',
  'and',
  'or',
  'but',
  'to',
  'by',
  'of',
  'for',
  'in',
  'on',
  'at',
  'is',
  'was',
  'are',
  'be',
  'it',
  'that',
  'this',
  'these',
  'those',
  'i',
  'you',
  'we',
  'they',
  'he',
  'she',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'me',
  'us',
  'them',
  'the',
  'with',
  'from',
  'have',
  'has',
  'had',
  'do',
  'did',
  'not',
  'no',
  'yes',
  'so',
  'all',
  'any',
  'some',
  'more',
  'most',
  'other',
  'what',
  'which',
  'who',
  'when',
  'where',
  'how',
  'why',
  'if',
  'then',
  'than',
  'there',
  'here',
  'as',
  'just',
  'about',
  'long',
  'times',
  'days',
  'weeks',
  'months',
  'years',
  'hours',
  'minutes',
  'people',
  'kids',
  'items',
  'best',
  'whole',
  'same',
  'one',
  'same',
  'way',
]);

/** A house number (written or spoken), one to four name words, a street suffix; then an optional flat or suite. */
function findAddresses(tokens: readonly Token[], runs: readonly DigitRun[]): Finding[] {
  const found: Finding[] = [];
  for (const run of runs) {
    if (run.digits.length > 6) continue;
    let index = run.endToken;
    let names = 0;
    let end: number | null = null;
    while (index < tokens.length && names <= 4) {
      const token = tokens[index];
      if (!token || token.kind !== 'word') break;
      if (names > 0 && STREET_SUFFIXES.has(token.lower)) {
        end = token.end;
        index += 1;
        break;
      }
      if (NOT_IN_STREET_NAMES.has(token.lower)) break;
      names += 1;
      index += 1;
    }
    if (end === null) continue;
    if (tokens[index]?.text === '.' && tokens[index]?.start === end) index += 1;
    // ", apartment 4B" / "suite two hundred"
    let at = tokens[index]?.text === ',' ? index + 1 : index;
    const unit = tokens[at];
    if (unit && UNIT_WORDS.has(unit.lower)) {
      const number = runs.find((candidate) => candidate.firstToken === at + 1);
      const label = tokens[at + 1];
      if (number) end = number.end;
      else if (label && label.kind !== 'break' && label.kind !== 'punct') end = label.end;
      at += 1;
    }
    found.push({ type: 'ADDRESS', start: run.start, end, rule: 'address.street' });
  }
  return found;
}

function findPostcodes(text: string): Finding[] {
  const found: Finding[] = [];
  for (const match of text.matchAll(
    /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})\b/g,
  )) {
    found.push({
      type: 'POSTAL_CODE',
      start: match.index,
      end: match.index + match[0].length,
      rule: 'postcode.uk',
    });
  }
  return found;
}

/** Words that follow a name cue without being a name ("this is Sorry", "I'm Calling"). */
const NOT_NAMES = new Set(
  [
    'i',
    'the',
    'a',
    'an',
    'okay',
    'ok',
    'yes',
    'yeah',
    'no',
    'sorry',
    'just',
    'hello',
    'hi',
    'hey',
    'thank',
    'thanks',
    'well',
    'so',
    'and',
    'but',
    'sure',
    'great',
    'fine',
    'good',
    'calling',
    'here',
    'speaking',
    'actually',
    'really',
    'not',
    'very',
    'going',
    'trying',
    'looking',
    'glad',
    'happy',
    'afraid',
    'still',
    'also',
    'customer',
    'support',
    'service',
    'team',
    'is',
    'it',
    'that',
    'this',
    'uh',
    'um',
    'er',
    'from',
    'with',
    'your',
    'my',
    'on',
    'in',
    'at',
    'to',
    'for',
    'of',
    'about',
    'what',
    'how',
    'why',
    'when',
    'because',
    'visa',
    'mastercard',
    'american',
    'express',
    'amex',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
    'correct',
    'right',
    'wrong',
    'done',
    'ready',
    'sir',
    'madam',
    'ma’am',
    "ma'am",
    'please',
    'now',
    'all',
    'there',
    'we',
    'you',
    'he',
    'she',
    'they',
    'pii',
    'bad',
    'interesting',
    'awesome',
    'calling',
    'waiting',
    'new',
    'having',
    'getting',
    'only',
    'one',
  ].map((word) => word.toLowerCase()),
);

const NAME_WORD = String.raw`[\p{L}][\p{L}'’-]*`;
const HONORIFIC = String.raw`(?:mr|mrs|ms|miss|dr)\.?`;

function findNames(text: string): Finding[] {
  const found: Finding[] = [];
  // After a strong cue the name may be lower case (speech-to-text without casing).
  const strong = new RegExp(
    String.raw`\b(?:my name(?:'s|’s| is)|name is|name's|name on (?:the|my) card is|card ?holder(?:'s|’s)? name is)[,:]?\s+(${NAME_WORD}(?:\s+${NAME_WORD}){0,2})`,
    'giu',
  );
  for (const match of text.matchAll(strong)) pushName(found, match, false, 'name.cue');
  const weak = new RegExp(
    String.raw`\b(?:(?:this is|i'm|i’m|i am|it's|it’s|speaking with|talking to|speak to|spoke to|spoke with|ask for)\s+(?:${HONORIFIC}\s+)?|${HONORIFIC}\s+)(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2})`,
    'giu',
  );
  for (const match of text.matchAll(weak)) pushName(found, match, true, 'name.capitalised');
  return found;
}

function pushName(found: Finding[], match: RegExpMatchArray, capitalisedOnly: boolean, rule: string): void {
  const captured = match[1];
  if (captured === undefined || match.index === undefined) return;
  const start = match.index + match[0].length - captured.length;
  let end = start;
  let offset = 0;
  let words = 0;
  for (const word of captured.split(/(\s+)/)) {
    if (/^\s+$/.test(word) || word === '') {
      offset += word.length;
      continue;
    }
    const capitalised = /^\p{Lu}/u.test(word);
    if (
      NOT_NAMES.has(word.toLowerCase()) ||
      (capitalisedOnly && !capitalised) ||
      (words >= 2 && !capitalised)
    )
      break;
    words += 1;
    offset += word.length;
    end = start + offset;
  }
  if (words > 0) found.push({ type: 'PERSON_NAME', start, end, rule });
}

function range(from: number, downTo: number): number[] {
  const values: number[] = [];
  for (let value = from; value >= downTo; value -= 1) values.push(value);
  return values;
}
