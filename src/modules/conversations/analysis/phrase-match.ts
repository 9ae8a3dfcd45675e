/**
 * Phrase matching for trackers, topics, intents and action items: robust to case, punctuation,
 * contractions ("don't" = "do not", "we'll" = "we will") and simple inflections ("cancelled",
 * "cancelling", "cancels" = "cancel"), with an optional negation check before the match.
 *
 * A phrase is words separated by spaces, where
 *   - `a|b|c` is one word out of several (single words only),
 *   - `word?` may be left out,
 *   - `word!` matches the word but not its -ed form ("cancel!" takes "cancelling", not "cancelled"),
 *   - `*` stands for up to three words and `*N` for up to N (never across a sentence end).
 * Tokens keep their character range in the original text, so a match quotes the exact words said.
 */

/** A word of the text as matched: its normal form, its stem, and where it is. */
export interface MatchToken {
  /** Lower case, contraction expanded (`don't` gives two tokens, `do` and `not`, on the same range). */
  readonly norm: string;
  readonly stem: string;
  readonly charStart: number;
  readonly charEnd: number;
  /** Punctuation (or a "but") between this token and the one before: negation windows stop there. */
  readonly clauseBreakBefore: boolean;
  /** A sentence end (`.`, `?`, `!`) before this token: gaps do not cross it. */
  readonly sentenceBreakBefore: boolean;
}

/** Redaction tokens (`[CARD_NUMBER]`, Contact Lens `[PII]`) are one token each. */
const TOKEN =
  /\[[A-Z][A-Z0-9_]*\]|[\p{L}\p{N}\p{M}]+(?:['’‘ʼ][\p{L}\p{M}]+)*|[.!?;:,]|[\u2026]|[\u2014\u2013]/gu;
const SENTENCE_END = new Set(['.', '!', '?', '\u2026']);

/** Words that start a new clause for the negation window. */
const CLAUSE_WORDS = new Set(['but', 'however', 'although', 'though', 'except', 'instead']);

export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nobody',
  'neither',
  'nor',
  'without',
  'hardly',
]);

const NT_BASES: Readonly<Record<string, string>> = {
  wo: 'will',
  ca: 'can',
  sha: 'shall',
  ai: 'is',
};

/** Contractions written without the apostrophe, as speech-to-text sometimes writes them. */
const BARE_CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  couldnt: ['could', 'not'],
  wouldnt: ['would', 'not'],
  shouldnt: ['should', 'not'],
  isnt: ['is', 'not'],
  wasnt: ['was', 'not'],
  arent: ['are', 'not'],
  werent: ['were', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  youre: ['you', 'are'],
  gonna: ['going', 'to'],
  wanna: ['want', 'to'],
  gotta: ['got', 'to'],
  lemme: ['let', 'me'],
  gimme: ['give', 'me'],
};

const S_IS = new Set(['it', 'that', 'there', 'what', 'here', 'he', 'she', 'who', 'where', 'how', 'this']);

function expand(word: string): readonly string[] {
  const lower = word.toLowerCase().replace(/[’‘ʼ]/g, "'");
  const bare = BARE_CONTRACTIONS[lower];
  if (bare) return bare;
  const apostrophe = lower.indexOf("'");
  if (apostrophe < 0) return [lower];
  if (lower.endsWith("n't")) {
    const base = lower.slice(0, -3);
    return [NT_BASES[base] ?? base, 'not'];
  }
  const base = lower.slice(0, apostrophe);
  const tail = lower.slice(apostrophe + 1);
  switch (tail) {
    case 'll':
      return [base, 'will'];
    case 're':
      return [base, 'are'];
    case 've':
      return [base, 'have'];
    case 'm':
      return [base, 'am'];
    case 'd':
      return [base, 'would'];
    case 's':
      if (base === 'let') return ['let', 'us'];
      return S_IS.has(base) ? [base, 'is'] : [base];
    default:
      // o'clock, y'all, names like O'Brien: keep as one word without the apostrophe.
      return [lower.replace(/'/g, '')];
  }
}

const IRREGULAR: Readonly<Record<string, string>> = {
  sent: 'send',
  took: 'take',
  taken: 'take',
  told: 'tell',
  said: 'say',
  gave: 'give',
  given: 'give',
  got: 'get',
  gotten: 'get',
  paid: 'pay',
  made: 'make',
  went: 'go',
  gone: 'go',
  came: 'come',
  spoke: 'speak',
  spoken: 'speak',
  bought: 'buy',
  brought: 'bring',
  thought: 'think',
  left: 'leave',
  kept: 'keep',
  rang: 'ring',
  rung: 'ring',
  wrote: 'write',
  written: 'write',
  am: 'be',
  is: 'be',
  are: 'be',
  was: 'be',
  were: 'be',
  been: 'be',
  being: 'be',
  has: 'have',
  had: 'have',
  does: 'do',
  did: 'do',
  done: 'do',
  cancellation: 'cancel',
  cancelation: 'cancel',
  cancellations: 'cancel',
  complaint: 'complain',
  complaints: 'complain',
  payment: 'pay',
  payments: 'pay',
  escalation: 'escalat',
  going: 'go',
  doing: 'do',
  goes: 'go',
};

/**
 * A light English stemmer: the same on both sides of a match, so it only has to be consistent, not
 * linguistic. Strips -ies/-ied to y, -ing, -ed, a plural -s, a final -e, then a doubled final
 * consonant ("cancelled" → "cancel", "calling" → "cal" = "call" → "cal").
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (!/^[a-z]+$/.test(word) || word.length <= 3) return word;
  let w = word;
  // After -ing/-ed the final e is already gone ("taking" = "tak"), so it is not stripped twice
  // ("agreed" = "agre" = "agree").
  let eGone = false;
  if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ing')) [w, eGone] = [w.slice(0, -3), true];
  else if (w.length > 4 && w.endsWith('ed')) [w, eGone] = [w.slice(0, -2), true];
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (!eGone && w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 2 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The words of a text, with their character ranges, ready for matching. */
export function matchTokens(text: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  let clauseBreak = false;
  let sentenceBreak = false;
  for (const found of text.matchAll(TOKEN)) {
    const raw = found[0];
    const start = found.index;
    if (raw.length === 1 && !/[\p{L}\p{N}]/u.test(raw)) {
      clauseBreak = true;
      if (SENTENCE_END.has(raw)) sentenceBreak = true;
      continue;
    }
    const end = start + raw.length;
    if (raw.startsWith('[')) {
      tokens.push(token(raw, start, end, clauseBreak, sentenceBreak));
      clauseBreak = sentenceBreak = false;
      continue;
    }
    const parts = expand(raw);
    for (const part of parts) {
      const isClauseWord = CLAUSE_WORDS.has(part);
      tokens.push(token(part, start, end, clauseBreak || isClauseWord, sentenceBreak));
      clauseBreak = isClauseWord;
      sentenceBreak = false;
    }
  }
  return tokens;
}

function token(
  norm: string,
  charStart: number,
  charEnd: number,
  clauseBreakBefore: boolean,
  sentenceBreakBefore: boolean,
): MatchToken {
  return { norm, stem: stem(norm), charStart, charEnd, clauseBreakBefore, sentenceBreakBefore };
}

type Element = { kind: 'word'; stems: ReadonlySet<string>; notPast: boolean } | { kind: 'gap'; max: number };

/** A phrase compiled for matching; `id` and `payload` are the caller's. */
export interface CompiledPhrase<P> {
  readonly source: string;
  readonly elements: readonly Element[];
  readonly payload: P;
}

export class PhraseSyntaxError extends Error {
  constructor(
    readonly phrase: string,
    reason: string,
  ) {
    super(`phrase "${phrase}": ${reason}`);
    this.name = 'PhraseSyntaxError';
  }
}

/**
 * Compiles a phrase into one or more alternatives (each optional word doubles them). Throws
 * `PhraseSyntaxError` for a phrase without a word.
 */
export function compilePhrase<P>(phrase: string, payload: P): CompiledPhrase<P>[] {
  type Slot = { element: Element; optional: boolean };
  const slots: Slot[] = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '') continue;
    const gap = /^\*(\d{0,2})$/.exec(part);
    if (gap) {
      slots.push({ element: { kind: 'gap', max: gap[1] ? Number(gap[1]) : 3 }, optional: false });
      continue;
    }
    const optional = part.endsWith('?') && part.length > 1;
    let body = optional ? part.slice(0, -1) : part;
    const notPast = body.endsWith('!') && body.length > 1;
    if (notPast) body = body.slice(0, -1);
    if (body.includes('|')) {
      const stems = new Set<string>();
      for (const alternative of body.split('|')) {
        const words = matchTokens(alternative);
        if (words.length > 1)
          throw new PhraseSyntaxError(phrase, `"${alternative}" in "${body}" is more than one word`);
        for (const t of words) stems.add(t.stem);
      }
      if (stems.size > 0) slots.push({ element: { kind: 'word', stems, notPast }, optional });
      continue;
    }
    // A contraction in a phrase is several words ("don't" = do not), each its own slot.
    for (const t of matchTokens(body)) {
      slots.push({ element: { kind: 'word', stems: new Set([t.stem]), notPast }, optional });
    }
  }
  let variants: Element[][] = [[]];
  for (const slot of slots) {
    variants = slot.optional
      ? variants.flatMap((v) => [v, [...v, slot.element]])
      : variants.map((v) => [...v, slot.element]);
  }
  const compiled = variants
    .map((elements) => trimGaps(elements))
    .filter((elements) => elements.length > 0)
    .map((elements) => ({ source: phrase, elements, payload }));
  if (compiled.length === 0) throw new PhraseSyntaxError(phrase, 'has no word to match');
  return compiled;
}

function trimGaps(elements: Element[]): Element[] {
  let from = 0;
  let to = elements.length;
  while (from < to && elements[from]?.kind === 'gap') from++;
  while (to > from && elements[to - 1]?.kind === 'gap') to--;
  return elements.slice(from, to);
}

export interface PhraseMatch<P> {
  readonly phrase: CompiledPhrase<P>;
  /** Token indexes, inclusive. */
  readonly firstToken: number;
  readonly lastToken: number;
  readonly charStart: number;
  readonly charEnd: number;
  /** A negator (not, never, no, without …) in the few words before the match, or inside a gap. */
  readonly negated: boolean;
}

/** Words looked at before a match for a negator (stopping at punctuation or "but"). */
const NEGATION_WINDOW = 4;

/** Many phrases, indexed by their first two words: matching costs about one lookup per token. */
export class PhraseSet<P> {
  /** First stem → second stem (or `*` when the second element is a gap or absent) → phrases. */
  private readonly index = new Map<string, Map<string, CompiledPhrase<P>[]>>();

  constructor(phrases: Iterable<CompiledPhrase<P>>) {
    for (const phrase of phrases) {
      const [first, second] = phrase.elements;
      if (first?.kind !== 'word') continue;
      const seconds = second?.kind === 'word' ? [...second.stems] : ['*'];
      for (const s of first.stems) {
        let bySecond = this.index.get(s);
        if (!bySecond) this.index.set(s, (bySecond = new Map<string, CompiledPhrase<P>[]>()));
        for (const t of seconds) {
          const list = bySecond.get(t);
          if (list) list.push(phrase);
          else bySecond.set(t, [phrase]);
        }
      }
    }
  }

  private candidates(tokens: readonly MatchToken[], i: number): readonly CompiledPhrase<P>[] {
    const bySecond = this.index.get(tokens[i]?.stem ?? '');
    if (!bySecond) return [];
    const open = bySecond.get('*') ?? [];
    const next = tokens[i + 1];
    const exact = next === undefined ? undefined : bySecond.get(next.stem);
    return exact ? [...exact, ...open] : open;
  }

  /** Every match, leftmost first; overlapping matches of different phrases are all kept. */
  findAll(tokens: readonly MatchToken[]): PhraseMatch<P>[] {
    const matches: PhraseMatch<P>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      for (const phrase of this.candidates(tokens, i)) {
        const found = matchAt(phrase.elements, tokens, i);
        if (found === null) continue;
        const first = tokens[i];
        const last = tokens[found.last];
        if (!first || !last) continue;
        matches.push({
          phrase,
          firstToken: i,
          lastToken: found.last,
          charStart: first.charStart,
          charEnd: last.charEnd,
          negated: found.negatedInGap || negatedBefore(tokens, i),
        });
      }
    }
    return matches;
  }
}

function matchAt(
  elements: readonly Element[],
  tokens: readonly MatchToken[],
  start: number,
): { last: number; negatedInGap: boolean } | null {
  // Depth-first, shortest gaps first; patterns are short, so the search stays small.
  const step = (e: number, t: number, negated: boolean): { last: number; negatedInGap: boolean } | null => {
    const element = elements[e];
    if (element === undefined) return { last: t - 1, negatedInGap: negated };
    if (element.kind === 'word') {
      const tok = tokens[t];
      if (tok === undefined || !element.stems.has(tok.stem)) return null;
      if (element.notPast && tok.norm.endsWith('ed')) return null;
      if (e > 0 && tok.sentenceBreakBefore) return null;
      return step(e + 1, t + 1, negated);
    }
    let gapNegated = negated;
    for (let skip = 0; skip <= element.max; skip++) {
      if (skip > 0) {
        const skipped = tokens[t + skip - 1];
        if (skipped === undefined || skipped.sentenceBreakBefore) return null;
        if (NEGATORS.has(skipped.norm)) gapNegated = true;
      }
      const next = tokens[t + skip];
      if (next?.sentenceBreakBefore) return null;
      const found = step(e + 1, t + skip, gapNegated);
      if (found !== null) return found;
    }
    return null;
  };
  return step(0, start, false);
}

function negatedBefore(tokens: readonly MatchToken[], start: number): boolean {
  if (tokens[start]?.clauseBreakBefore) return false;
  for (let j = start - 1; j >= 0 && j >= start - NEGATION_WINDOW; j--) {
    const tok = tokens[j];
    if (tok === undefined) break;
    if (NEGATORS.has(tok.norm)) return true;
    if (tok.clauseBreakBefore) break;
  }
  return false;
}
