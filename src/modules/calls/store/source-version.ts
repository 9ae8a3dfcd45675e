import type { SourceVersion } from '../call-record.js';

/*
 * sourceVersion is a number (Graph version, Twilio sequence) or a string (ISO timestamp) and is
 * kept in one text column that sorts, byte by byte (COLLATE "C"), the way compareSourceVersions
 * orders the values: numbers before strings, numbers by value, strings as they are.
 *   numbers: 'n' + integer part left-padded to 21 digits + the decimal fraction, if any
 *   strings: 's' + the string
 * A decimal fraction sorts correctly as text ('.25' < '.5'), and a prefix sorts first ('12' < '12.5').
 */

const INTEGER_DIGITS = 21;

export function encodeSourceVersion(version: SourceVersion): string {
  if (typeof version === 'string') return `s${version}`;
  if (!Number.isFinite(version) || version < 0 || version >= 1e21) {
    throw new RangeError(`sourceVersion ${version} is outside 0 <= v < 1e21`);
  }
  // toFixed avoids exponent notation (1e-7); 20 places is its maximum, then trailing zeros go.
  const [integer = '0', fraction = ''] = version.toFixed(20).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `n${integer.padStart(INTEGER_DIGITS, '0')}${trimmed ? `.${trimmed}` : ''}`;
}

export function decodeSourceVersion(encoded: string): SourceVersion {
  if (encoded.startsWith('s')) return encoded.slice(1);
  if (encoded.startsWith('n')) return Number(encoded.slice(1));
  throw new TypeError(`not an encoded sourceVersion: ${encoded}`);
}
