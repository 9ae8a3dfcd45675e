import type { CallParty, NormalisedCall } from '../call-record.js';

/*
 * What of a call can be searched although it is stored encrypted: the values whose HMAC blind
 * indexes are written beside the row. Everything here is pure; hashing happens in call-crypto.ts.
 *
 * Trade-off (docs/calls-api.md): a blind index answers equality only. Numbers are matched whole
 * (E.164, or the raw address exactly as the source wrote it); names are matched by whole words,
 * case- and accent-insensitively. No substring, prefix or fuzzy search: that would need the
 * plaintext (or many more indexes, each leaking more about the data) in the database.
 */

/** HMAC purposes. 'phone' is shared platform-wide so that the same number matches across modules. */
export const termPurposes = {
  e164: 'phone',
  address: 'call.address',
  nameWord: 'call.name',
  agent: 'call.agent',
  digest: 'call.digest',
} as const;

export interface NumberTerm {
  readonly purpose: typeof termPurposes.e164 | typeof termPurposes.address;
  readonly value: string;
}

const e164Shape = /^\+[1-9]\d{6,14}$/;
/** Caps per call, so a call with hundreds of legs cannot write thousands of index rows. */
const maxTermsPerCall = 64;

/** Raw addresses compare trimmed and lower-cased (SIP URIs and user principal names are case-insensitive). */
export function normaliseAddress(raw: string): string {
  return raw.trim().toLowerCase();
}

function partyTerms(party: CallParty): NumberTerm[] {
  const raw = party.raw === null ? '' : normaliseAddress(party.raw);
  // A number the numbering plan rejects (masked, new ranges) is still found by its E.164 spelling.
  const e164 = party.e164 ?? (e164Shape.test(raw) ? raw : null);
  const terms: NumberTerm[] = [];
  if (e164 !== null) terms.push({ purpose: termPurposes.e164, value: e164 });
  if (raw !== '' && raw !== e164) terms.push({ purpose: termPurposes.address, value: raw });
  return terms;
}

function parties(call: NormalisedCall): CallParty[] {
  return [call.from, call.to, ...call.legs.flatMap((leg) => [leg.from, leg.to])];
}

/** Every distinct number or address of the call, on any leg. */
export function numberTermsOf(call: NormalisedCall): NumberTerm[] {
  const seen = new Map<string, NumberTerm>();
  for (const term of parties(call).flatMap(partyTerms)) seen.set(`${term.purpose}\0${term.value}`, term);
  return [...seen.values()].slice(0, maxTermsPerCall);
}

/** How a number filter is looked up: by E.164 when it reads as one, else as a raw address. */
export function numberQueryTerm(input: string): NumberTerm | undefined {
  const trimmed = input.trim();
  // "+49 30 1234-567" and "+1 (555) 010-0000" are E.164 numbers written for people.
  const compact = trimmed.replace(/[\s().-]/g, '');
  if (e164Shape.test(compact)) return { purpose: termPurposes.e164, value: compact };
  const address = normaliseAddress(trimmed);
  return address === '' ? undefined : { purpose: termPurposes.address, value: address };
}

/** Name words: NFKD-folded, accents removed, lower-case, letters and digits only, two characters or more. */
export function nameWords(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2);
  return [...new Set(words)];
}

/** The distinct words of every person's name on the call: parties of all legs and the agent. */
export function nameTermsOf(call: NormalisedCall): string[] {
  const names = parties(call).map((p) => p.displayName);
  names.push(call.agent?.name ?? null);
  const words = new Set<string>();
  for (const name of names) if (name !== null) for (const word of nameWords(name)) words.add(word);
  return [...words].slice(0, maxTermsPerCall);
}

/** The agent key: its id, or its name when the source gives none. */
export function agentKeyOf(agent: NormalisedCall['agent']): string | null {
  const key = agent?.id ?? agent?.name ?? null;
  return key === null || key.trim() === '' ? null : normaliseAgentKey(key);
}

export function normaliseAgentKey(key: string): string {
  return key.trim().toLowerCase();
}
