import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { CallsErrors } from '../errors.js';
import type { CallFileFormat, ConnectorOptions } from './connector-registry.js';
import { ASTERISK_FIELDS, type AsteriskField } from './normalise-asterisk.js';
import { THREECX_CDR_FIELDS, type ThreeCxField } from './normalise-3cx.js';

/**
 * The connector options a caller can give with a file or batch (the ingest API's query string,
 * `switchboard import calls` flags), checked before anything is stored: a payload accepted with
 * an option its parser cannot use would only fail later, in the transform, as a dead letter.
 */

/** A zone name Intl accepts (IANA names and their aliases, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const commaList = (text: string) => text.split(',').map((item) => item.trim());
const e164 = /^\+[1-9]\d{6,14}$/;
const booleanText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const connectorOptionsQuery = z.object({
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'is not a time zone name (IANA, such as Europe/Berlin)')
    .optional()
    .describe(
      'IANA zone of local timestamps (Asterisk without usegmtime, 3CX, FreeSWITCH CSV, Kamailio); default UTC',
    ),
  usegmtime: z
    .union([z.boolean(), booleanText])
    .optional()
    .describe('asterisk-csv: cdr.conf usegmtime=yes (times are UTC)'),
  columns: z
    .string()
    .max(4000)
    .optional()
    .describe(
      'Comma-separated column layout of a custom CSV: asterisk-custom-csv (cdr_custom field names, empty for a column to keep only as an extra, or "header" when the first row names them), 3cx-csv (3CX CDR field names), freeswitch-csv (channel variable names of the cdr_csv template)',
    ),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'is not an ISO 3166-1 alpha-2 code')
    .refine((code) => isSupportedCountry(code), 'is not a country with a numbering plan')
    .optional()
    .describe('Region national numbers are read in (ISO 3166-1 alpha-2, such as FR)'),
  ownNumbers: z
    .string()
    .max(4000)
    .refine((text) => commaList(text).every((n) => e164.test(n)), 'must be E.164 numbers separated by commas')
    .optional()
    .describe("The tenant's own public numbers (E.164, comma-separated): calls to them are inbound"),
  extensionMaxDigits: z.coerce
    .number()
    .int()
    .min(1)
    .max(15)
    .optional()
    .describe('Digit strings up to this length are extensions (default 6)'),
});

export type ConnectorOptionsQuery = z.infer<typeof connectorOptionsQuery>;

function unknownNames(names: readonly string[], known: readonly string[]): string[] {
  return names.filter((name) => name !== '' && !known.includes(name));
}

/** The options for one format's parser; a column layout is checked against that parser's field names. */
export function toConnectorOptions(format: CallFileFormat, query: ConnectorOptionsQuery): ConnectorOptions {
  const options: ConnectorOptions = {
    ...(query.timeZone !== undefined ? { timeZone: query.timeZone } : {}),
    ...(query.usegmtime !== undefined ? { usegmtime: query.usegmtime } : {}),
    ...(query.defaultCountry !== undefined ? { defaultCountry: query.defaultCountry } : {}),
    ...(query.ownNumbers !== undefined ? { ownNumbers: commaList(query.ownNumbers) } : {}),
    ...(query.extensionMaxDigits !== undefined ? { extensionMaxDigits: query.extensionMaxDigits } : {}),
  };
  if (query.columns === undefined) return options;
  const names = commaList(query.columns);
  switch (format) {
    case 'asterisk-csv':
    case 'asterisk-custom-csv': {
      if (query.columns.trim() === 'header') return { ...options, asteriskColumns: 'header' };
      const unknown = unknownNames(names, ASTERISK_FIELDS);
      if (unknown.length > 0)
        throw CallsErrors.invalidConnectorOption(
          `names fields Asterisk does not write: ${unknown.join(', ')} (known: ${ASTERISK_FIELDS.join(', ')})`,
        );
      return {
        ...options,
        asteriskColumns: names.map((name) => (name === '' ? null : (name as AsteriskField))),
      };
    }
    case '3cx-csv': {
      const unknown = unknownNames(names, THREECX_CDR_FIELDS);
      if (unknown.length > 0)
        throw CallsErrors.invalidConnectorOption(`names fields 3CX does not write: ${unknown.join(', ')}`);
      return {
        ...options,
        threeCxColumns: names.map((name) => (name === '' ? null : (name as ThreeCxField))),
      };
    }
    case 'freeswitch-csv':
      if (names.some((name) => name === ''))
        throw CallsErrors.invalidConnectorOption(
          'has an empty name (every cdr_csv column is a channel variable)',
        );
      return { ...options, freeswitchCsvColumns: names };
    default:
      throw CallsErrors.invalidConnectorOption(
        `do not apply to ${format} (only to asterisk-custom-csv, asterisk-csv, 3cx-csv and freeswitch-csv)`,
      );
  }
}
