/**
 * The tenant's internal do-not-call list as the pre-dial check sees it: exact E.164 numbers and
 * patterns, compiled once per dialing pass so that each look-up is a hash probe plus, for
 * patterns, a walk of at most 15 digits through a trie (no strings built per look-up).
 *
 * Pattern syntax (documented in docs/campaigns-rules.md):
 * - `+4420*`          every number that starts with +4420 (a trailing `*` matches the rest);
 * - `+1555???1234`    `?` matches exactly one digit;
 * - `+15551234567`    without wildcards a pattern is an exact number.
 */

export interface DncMatcher {
  /** Whether the E.164 number is on the list or matches one of its patterns. */
  has(e164: string): boolean;
}

interface TrieNode {
  /** Children by digit 0..9, and index 10 for `?`. */
  next: (TrieNode | undefined)[];
  /** A pattern ends here exactly. */
  end: boolean;
  /** A pattern ends here with `*`: everything below matches. */
  rest: boolean;
}

const node = (): TrieNode => ({ next: new Array<TrieNode | undefined>(11), end: false, rest: false });

const PATTERN = /^\+[0-9?]{1,15}\*?$/;

/** Thrown by {@link compileDncList} for a pattern it cannot read; names the pattern. */
export class DncPatternError extends Error {
  constructor(readonly pattern: string) {
    super(`DNC pattern '${pattern}' is not '+' then digits or '?', optionally ending in '*'`);
  }
}

export function compileDncList(numbers: Iterable<string>, patterns: Iterable<string> = []): DncMatcher {
  const exact = new Set(numbers);
  const root = node();
  let hasPatterns = false;
  for (const pattern of patterns) {
    if (!PATTERN.test(pattern)) throw new DncPatternError(pattern);
    if (!pattern.includes('?') && !pattern.endsWith('*')) {
      exact.add(pattern);
      continue;
    }
    hasPatterns = true;
    let at = root;
    for (let i = 1; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c === 42 /* * */) {
        at.rest = true;
        break;
      }
      const slot = c === 63 /* ? */ ? 10 : c - 48;
      at = at.next[slot] ??= node();
      if (i === pattern.length - 1) at.end = true;
    }
  }
  if (!hasPatterns) return { has: (e164) => exact.has(e164) };
  return { has: (e164) => exact.has(e164) || matches(root, e164, 1) };
}

function matches(at: TrieNode, e164: string, i: number): boolean {
  if (at.rest) return true;
  if (i === e164.length) return at.end;
  const digit = e164.charCodeAt(i) - 48;
  if (digit < 0 || digit > 9) return false;
  const exact = at.next[digit];
  if (exact !== undefined && matches(exact, e164, i + 1)) return true;
  const any = at.next[10];
  return any !== undefined && matches(any, e164, i + 1);
}
