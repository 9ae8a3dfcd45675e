/**
 * Digits as people say them on the phone, as speech-to-text writes them: "4111 1111", "four one
 * one one", "double five", "triple seven", "oh" and "zero", "forty one eleven", "twenty twenty
 * six", "two thousand and twenty six", with fillers ("uh") and separators ("-", "slash") between
 * the groups. A run is a maximal stretch of such groups; it knows the characters of each group, so
 * what is found in the digits maps back to the text.
 */

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: 'word' | 'digits' | 'punct' | 'break';
}

export interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  /** The separator said or written before this group (`-`, `/`, `slash`, ` `), '' for the first. */
  separator: string;
  /** Written as digits (`4111`) rather than spoken. */
  typed: boolean;
}

export interface DigitRun {
  digits: string;
  groups: DigitGroup[];
  start: number;
  end: number;
  /** Index of the first and one past the last token of the run. */
  firstToken: number;
  endToken: number;
}

/** Words, digit strings, single punctuation marks; a newline is a hard break nothing joins across. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\p{L}+(?:['’]\p{L}+)*|[0-9]+|\n|[^\s\p{L}0-9]/gu;
  for (const match of text.matchAll(pattern)) {
    const value = match[0];
    const kind =
      value === '\n' ? 'break' : /^[0-9]/.test(value) ? 'digits' : /^\p{L}/u.test(value) ? 'word' : 'punct';
    tokens.push({
      text: value,
      lower: value.toLowerCase(),
      start: match.index,
      end: match.index + value.length,
      kind,
    });
  }
  return tokens;
}

const UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  o: 0,
  nought: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const REPEATS: Record<string, number> = { double: 2, triple: 3, treble: 3, quadruple: 4 };
/** Words speech-to-text writes for a digit; read as one only between two digit groups. */
const HOMOPHONES: Record<string, string> = { for: '4', to: '2', too: '2', ate: '8', won: '1' };
/** Said between digits without meaning anything. */
const FILLERS = new Set(['uh', 'um', 'uhm', 'er', 'erm', 'ah', 'hmm', 'mm']);
const SEPARATOR_WORDS = new Set(['dash', 'hyphen', 'slash', 'space']);
const SEPARATOR_MARKS = new Set([',', '.', '-', '–', '/', ':', '…']);
const ZERO_WORDS = new Set(['oh', 'o']);

interface Parsed {
  digits: string;
  /** Index of the token after the group. */
  next: number;
}

/** The number words from `index` on, as digits: units, teens, tens (+ unit), hundreds, thousands, repeats. */
function parseGroup(tokens: readonly Token[], index: number): Parsed | null {
  const token = tokens[index];
  if (!token) return null;
  if (token.kind === 'digits') return { digits: token.text, next: index + 1 };
  if (token.kind !== 'word') return null;
  const repeat = REPEATS[token.lower];
  if (repeat !== undefined) {
    const following = tokens[index + 1];
    if (following?.kind === 'digits' && following.text.length === 1)
      return { digits: following.text.repeat(repeat), next: index + 2 };
    const unit = following ? UNITS[following.lower] : undefined;
    return unit === undefined ? null : { digits: String(unit).repeat(repeat), next: index + 2 };
  }
  const below100 = parseBelow100(tokens, index);
  if (!below100) return null;
  if (below100.value === 0) return { digits: '0', next: below100.next };
  let value = below100.value;
  let next = below100.next;
  const word = (at: number): string | undefined =>
    tokens[at]?.kind === 'word' ? tokens[at].lower : undefined;
  if (word(next) === 'hundred') {
    value *= 100;
    next += 1;
    const rest = parseBelow100(tokens, word(next) === 'and' ? next + 1 : next);
    if (rest && rest.value > 0) {
      value += rest.value;
      next = rest.next;
    }
    return { digits: String(value), next };
  }
  if (word(next) === 'thousand' && value < 10) {
    value *= 1000;
    next += 1;
    const afterAnd = word(next) === 'and' ? next + 1 : next;
    const hundreds = parseBelow100(tokens, afterAnd);
    if (hundreds && hundreds.value > 0) {
      if (word(hundreds.next) === 'hundred' && hundreds.value < 10) {
        value += hundreds.value * 100;
        next = hundreds.next + 1;
        const rest = parseBelow100(tokens, word(next) === 'and' ? next + 1 : next);
        if (rest && rest.value > 0) {
          value += rest.value;
          next = rest.next;
        }
      } else {
        value += hundreds.value;
        next = hundreds.next;
      }
    }
    return { digits: String(value), next };
  }
  return { digits: below100.digits, next };
}

function parseBelow100(
  tokens: readonly Token[],
  index: number,
): { value: number; digits: string; next: number } | null {
  const token = tokens[index];
  if (token?.kind !== 'word') return null;
  const unit = UNITS[token.lower];
  if (unit !== undefined) return { value: unit, digits: String(unit), next: index + 1 };
  const teen = TEENS[token.lower];
  if (teen !== undefined) return { value: teen, digits: String(teen), next: index + 1 };
  const tens = TENS[token.lower];
  if (tens === undefined) return null;
  // "twenty six", "twenty-six"
  let at = index + 1;
  if (tokens[at]?.text === '-' && tokens[at]?.start === token.end) at += 1;
  const following = tokens[at];
  const ones =
    following?.kind === 'word' && !ZERO_WORDS.has(following.lower) ? UNITS[following.lower] : undefined;
  if (ones !== undefined && ones > 0)
    return { value: tens + ones, digits: String(tens + ones), next: at + 1 };
  return { value: tens, digits: String(tens), next: index + 1 };
}

/** Skips separators and fillers (at most three) from `index`; returns where the next group may start. */
function skipSeparators(tokens: readonly Token[], index: number): { next: number; separator: string } {
  let next = index;
  let separator = ' ';
  while (next - index < 3) {
    const token = tokens[next];
    if (!token) break;
    if (token.kind === 'punct' && SEPARATOR_MARKS.has(token.text)) separator = token.text;
    else if (token.kind === 'word' && SEPARATOR_WORDS.has(token.lower)) separator = token.lower;
    else if (!(token.kind === 'word' && FILLERS.has(token.lower))) break;
    next += 1;
  }
  return { next, separator };
}

/** Every digit run of the tokens, in order. A run never crosses a break token. */
export function findDigitRuns(tokens: readonly Token[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let index = 0;
  while (index < tokens.length) {
    const first = parseGroup(tokens, index);
    const firstToken = tokens[index];
    if (!first || !firstToken) {
      index += 1;
      continue;
    }
    const groups: DigitGroup[] = [groupOf(tokens, index, first, '')];
    let next = first.next;
    for (;;) {
      const gap = skipSeparators(tokens, next);
      const group = parseGroup(tokens, gap.next);
      if (group) {
        groups.push(groupOf(tokens, gap.next, group, gap.separator));
        next = group.next;
        continue;
      }
      // A homophone ("for", "to", "ate") counts with a digit group (or another homophone) straight after it…
      const homophone = tokens[gap.next];
      const digit = homophone?.kind === 'word' ? HOMOPHONES[homophone.lower] : undefined;
      const after =
        digit === undefined ? null : parseGroup(tokens, skipSeparators(tokens, gap.next + 1).next);
      // …or at the end of a reading of single digits ("… six nine five too").
      const reading =
        groups.length >= 3 && groups.slice(-3).every((group) => group.digits.length === 1 && !group.typed);
      const chained =
        digit !== undefined &&
        HOMOPHONES[tokens[skipSeparators(tokens, gap.next + 1).next]?.lower ?? ''] !== undefined;
      if (homophone && digit !== undefined && (after || reading || chained)) {
        groups.push({
          digits: digit,
          start: homophone.start,
          end: homophone.end,
          separator: gap.separator,
          typed: false,
        });
        next = gap.next + 1;
        continue;
      }
      break;
    }
    // A lone "oh" / "o" is an interjection, not a zero.
    const lone = groups.length === 1 && ZERO_WORDS.has(firstToken.lower);
    if (!lone) {
      const last = groups[groups.length - 1];
      runs.push({
        digits: groups.map((group) => group.digits).join(''),
        groups,
        start: firstToken.start,
        end: last?.end ?? firstToken.end,
        firstToken: index,
        endToken: next,
      });
    }
    index = next;
  }
  return runs;
}

function groupOf(tokens: readonly Token[], index: number, parsed: Parsed, separator: string): DigitGroup {
  const first = tokens[index];
  const last = tokens[parsed.next - 1];
  return {
    digits: parsed.digits,
    start: first?.start ?? 0,
    end: last?.end ?? first?.end ?? 0,
    separator,
    typed: first?.kind === 'digits',
  };
}
