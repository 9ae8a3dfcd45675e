import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { CallDirection, CallParty } from '../call-record.js';

export type { CountryCode };

export interface NumberingOptions {
  /** ISO 3166-1 alpha-2 region used to read national numbers ("0611360468" in FR). */
  defaultCountry?: CountryCode;
  /**
   * Digit strings up to this length are extensions, never public numbers. Default 6:
   * PBX dial plans rarely go beyond, public numbers rarely fall below 7 digits.
   */
  extensionMaxDigits?: number;
  /** The tenant's own public numbers (E.164); a call to one of them is inbound, not outbound. */
  ownNumbers?: readonly string[];
}

const DEFAULT_EXTENSION_MAX_DIGITS = 6;

/**
 * The user part of an address: drops `tel:`/`sip:` schemes, `<...>` brackets, `@host`
 * and `;params`, so "sip:+15551234567@carrier;user=phone" gives "+15551234567".
 */
export function addressUser(raw: string): string {
  let text = raw.trim();
  const bracketed = /<([^>]*)>/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  text = text.replace(/^(?:tel|sips?):/i, '');
  const at = text.indexOf('@');
  if (at >= 0) text = text.slice(0, at);
  const semicolon = text.indexOf(';');
  if (semicolon >= 0) text = text.slice(0, semicolon);
  return text.trim();
}

function dialString(raw: string): string | null {
  const user = addressUser(raw).replace(/[\s\-.()]/g, '');
  return /^\+?\d+$/.test(user) ? user : null;
}

export function isExtension(raw: string | null, options: NumberingOptions = {}): boolean {
  if (raw === null) return false;
  const digits = dialString(raw);
  if (digits === null || digits.startsWith('+')) return false;
  return digits.length <= (options.extensionMaxDigits ?? DEFAULT_EXTENSION_MAX_DIGITS);
}

/** E.164 when the address is a valid public number; null for extensions, masked or unknown numbers. */
export function toE164(raw: string | null, options: NumberingOptions = {}): string | null {
  if (raw === null) return null;
  const digits = dialString(raw);
  if (digits === null || isExtension(digits, options)) return null;
  const parsed = parsePhoneNumberFromString(digits, options.defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

export function toParty(
  raw: string | null | undefined,
  displayName: string | null | undefined,
  options: NumberingOptions = {},
): CallParty {
  const value = raw === undefined || raw === null || raw.trim() === '' ? null : raw;
  const name =
    displayName === undefined || displayName === null || displayName.trim() === '' ? null : displayName;
  return { raw: value, e164: toE164(value, options), displayName: name };
}

/** Splits Asterisk/FreeSWITCH caller ids: `"Alice" <100>` -> { name: Alice, number: 100 }. */
export function parseCallerId(clid: string): { name: string | null; number: string | null } {
  const match = /^\s*(?:"((?:[^"]|"")*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(clid);
  if (!match) {
    const bare = clid.trim();
    return { name: null, number: bare === '' ? null : bare };
  }
  const name = (match[1] ?? match[2] ?? '').replace(/""/g, '"').trim();
  const number = (match[3] ?? '').trim();
  return { name: name === '' ? null : name, number: number === '' ? null : number };
}

type PartyKind = 'tenant' | 'outside' | 'unknown';

function partyKind(party: CallParty, options: NumberingOptions): PartyKind {
  if (party.raw === null) return 'unknown';
  if (party.e164 !== null && options.ownNumbers?.includes(party.e164)) return 'tenant';
  if (isExtension(party.raw, options)) return 'tenant';
  if (party.e164 !== null || dialString(party.raw) !== null) return 'outside';
  return 'unknown';
}

/**
 * Direction from the numbers alone, for sources that do not state it: an outside number
 * calling an extension (or one of the tenant's own numbers) is inbound, and so on.
 */
export function directionFromParties(
  from: CallParty,
  to: CallParty,
  options: NumberingOptions = {},
): CallDirection {
  const a = partyKind(from, options);
  const b = partyKind(to, options);
  if (a === 'outside' && b === 'tenant') return 'inbound';
  if (a === 'tenant' && b === 'outside') return 'outbound';
  if (a === 'tenant' && b === 'tenant') return 'internal';
  return 'unknown';
}
