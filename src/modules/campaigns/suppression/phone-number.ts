import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * The one E.164 form consent and suppression index numbers under (the same string leads store), so
 * that a number given here matches a lead's. `+1 (201) 555-0123` and `+12015550123` are one number.
 * Undefined when the text is not a possible number.
 */
export function toE164(text: string, region?: string): string | undefined {
  if (text.length > 64) return undefined;
  const parsed = parsePhoneNumberFromString(text, region as CountryCode | undefined);
  if (!parsed?.isPossible()) return undefined;
  return parsed.number;
}
