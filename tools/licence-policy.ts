/*
 * Which dependency licences Switchboard (Apache-2.0) may ship, judged on the SPDX expression each
 * package declares. The lists follow the Apache Software Foundation's third-party licence policy:
 * category A licences are allowed; category B (weak, file-level copyleft: MPL, EPL) may be
 * shipped unmodified and are reported as such; category X (GPL, LGPL, AGPL, and licences that
 * restrict use: SSPL, BUSL, Commons Clause, non-commercial Creative Commons) fail the check.
 * Anything else is unknown and fails until someone reads it and records the finding in
 * `reviewedLicences` below.
 */

export type Verdict = 'allowed' | 'weak-copyleft' | 'unknown' | 'denied';

const allowed = new Set([
  '0BSD',
  'Apache-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC0-1.0',
  'ISC',
  'MIT',
  'MIT-0',
  'Python-2.0',
  'Unlicense',
  'X11',
  'Zlib',
]);
const weakCopyleft = new Set(['MPL-1.1', 'MPL-2.0', 'EPL-1.0', 'EPL-2.0', 'CDDL-1.0', 'CDDL-1.1', 'OFL-1.1']);
/** Copyleft or use-restricting licences that cannot ship in an Apache-2.0 distribution. */
export const deniedPatterns = [
  /^A?GPL-/,
  /^LGPL-/,
  /^SSPL-/,
  /^EUPL-/,
  /^OSL-/,
  /^CPAL-/,
  /^CC-BY-(NC|SA|ND)/,
  /^BUSL-/,
  /^Elastic-/,
  /Commons-Clause/i,
];

/**
 * Packages whose declared licence is not an SPDX identifier, read by a person. Keyed by
 * name@version: a new version is read again.
 */
export const reviewedLicences: Readonly<Record<string, { licence: string; finding: string }>> = {
  'buffers@0.1.1': {
    licence: 'MIT',
    finding: 'package.json says "MIT/X11" (the MIT licence); no licence file',
  },
  'chainsaw@0.1.0': {
    licence: 'MIT',
    finding: 'package.json says "MIT/X11" (the MIT licence); no licence file',
  },
};

const rank: Record<Verdict, number> = { denied: 0, unknown: 1, 'weak-copyleft': 2, allowed: 3 };
const best = (a: Verdict, b: Verdict) => (rank[a] >= rank[b] ? a : b);
const worst = (a: Verdict, b: Verdict) => (rank[a] <= rank[b] ? a : b);

function judgeIdentifier(id: string): Verdict {
  // license-checker marks a licence guessed from a README with '*'; `+` means "or later".
  const bare = id
    .replace(/\*$/, '')
    .replace(/\+$/, '')
    .replace(/-(only|or-later)$/, '');
  const spdx = id.replace(/\*$/, '');
  if (allowed.has(spdx) || allowed.has(bare)) return 'allowed';
  if (weakCopyleft.has(spdx) || weakCopyleft.has(bare)) return 'weak-copyleft';
  if (deniedPatterns.some((p) => p.test(spdx))) return 'denied';
  return 'unknown';
}

/**
 * Judges an SPDX licence expression: `OR` gives the choice of the better side (a dual licence
 * "MIT OR GPL-3.0" is taken under MIT), `AND` must satisfy both sides, `WITH` exceptions are
 * judged by their licence. Unparseable text is unknown.
 */
export function judgeLicence(expression: string): Verdict {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const parseOr = (): Verdict => {
    let verdict = parseAnd();
    while (peek()?.toUpperCase() === 'OR') {
      next();
      verdict = best(verdict, parseAnd());
    }
    return verdict;
  };
  const parseAnd = (): Verdict => {
    let verdict = parseFactor();
    while (peek()?.toUpperCase() === 'AND') {
      next();
      verdict = worst(verdict, parseFactor());
    }
    return verdict;
  };
  const parseFactor = (): Verdict => {
    const token = next();
    if (token === undefined) throw new Error('unexpected end');
    if (token === '(') {
      const verdict = parseOr();
      if (next() !== ')') throw new Error('missing )');
      return verdict;
    }
    if (peek()?.toUpperCase() === 'WITH') {
      next();
      next();
    }
    return judgeIdentifier(token);
  };

  try {
    if (tokens.length === 0) return 'unknown';
    const verdict = parseOr();
    return position === tokens.length ? verdict : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A package's verdict, from its declared licence(s) or a person's review of it. */
export function judgePackage(
  nameAtVersion: string,
  licences: string | readonly string[] | undefined,
): {
  licence: string;
  verdict: Verdict;
  reviewed?: string;
} {
  const review = reviewedLicences[nameAtVersion];
  if (review)
    return { licence: review.licence, verdict: judgeLicence(review.licence), reviewed: review.finding };
  // Several licences listed separately (an old `licenses` array) all apply, as with AND.
  const licence = typeof licences === 'string' ? licences : (licences ?? []).join(' AND ');
  return { licence: licence || 'UNKNOWN', verdict: licence ? judgeLicence(licence) : 'unknown' };
}
