import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/*
 * The forms personal identifiers are stored, indexed and sealed under. They must match every
 * other module's: e-mail trimmed and lower-cased, phone in E.164 (the privacy contract's forms).
 */

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately plain check: one @, something on each side, a dot in the domain, no spaces. */
export function isEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/**
 * E.164 of `text` read in `region` when it has no country code; undefined when it is not a possible
 * number (too short, too long, letters).
 */
export function toE164(text: string, region: string): string | undefined {
  if (text.length > 64 || !/^[+\d\s().\-/]+$/.test(text.trim())) return undefined;
  const parsed = parsePhoneNumberFromString(text, region as CountryCode);
  // Possible, not "valid": fictional ranges (07700 900xxx) and new allocations must still be accepted, as campaigns does.
  if (!parsed?.isPossible()) return undefined;
  return parsed.number;
}

/** Whether `text` looks like someone typed a phone number (search: `q` is tried as one). */
export function looksLikePhone(text: string): boolean {
  return /^[+\d\s().\-/]+$/.test(text) && (text.match(/\d/g)?.length ?? 0) >= 5;
}

/**
 * The words of a name as they are indexed and searched: Unicode-folded (NFKD without combining
 * marks, so "José" and "jose" meet), lower-case, split on anything but letters and digits, each
 * word once. "Anne-Marie O'Neil" → anne, marie, o, neil.
 */
export function nameTokens(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 32);
}
