/** Check digits and structure rules of the numbers the redaction looks for. */

/** Luhn (ISO/IEC 7812) over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Payment card number: 13 to 19 digits with a valid Luhn digit. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
}

/** IBAN lengths by country (ISO 13616 registry, the common ones); others must be 15 to 34 long. */
const IBAN_LENGTHS: Record<string, number> = {
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  TR: 26,
};

export function ibanLength(country: string): number | null {
  return IBAN_LENGTHS[country.toUpperCase()] ?? null;
}

/** IBAN: country, check digits, then the ISO 7064 mod 97-10 check over the rearranged string. */
export function ibanValid(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = ibanLength(iban.slice(0, 2));
  if (expected !== null && iban.length !== expected) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** ABA routing number: nine digits with the 3-7-1 weighted check. */
export function abaRoutingValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  return sum % 10 === 0 && digits !== '000000000';
}

/** US SSN as issued: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = digits.slice(0, 3);
  return (
    area !== '000' &&
    area !== '666' &&
    !area.startsWith('9') &&
    digits.slice(3, 5) !== '00' &&
    digits.slice(5) !== '0000'
  );
}

/** UK National Insurance number prefix and suffix rules (HMRC NIM39110). */
export function ukNinoValid(value: string): boolean {
  const nino = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/.test(nino)) return false;
  return !['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(nino.slice(0, 2));
}

/**
 * A card expiry read as digits: M YY, MM YY, M YYYY or MM YYYY (month 1 to 12, a four-digit year
 * 2000 to 2099); null if the digits are none of those.
 */
export function expiryOf(digits: string): { month: number; year: number } | null {
  const forms: [number, number][] =
    digits.length === 3
      ? [[1, 2]]
      : digits.length === 4
        ? [[2, 2]]
        : digits.length === 5
          ? [[1, 4]]
          : digits.length === 6
            ? [[2, 4]]
            : [];
  for (const [monthLength, yearLength] of forms) {
    const month = Number(digits.slice(0, monthLength));
    const year = Number(digits.slice(monthLength, monthLength + yearLength));
    if (month < 1 || month > 12) continue;
    if (yearLength === 4 && (year < 2000 || year > 2099)) continue;
    return { month, year: yearLength === 2 ? 2000 + year : year };
  }
  return null;
}
