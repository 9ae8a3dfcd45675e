import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { LeadField, ResolvedMapping } from './lead-mapping.js';
import { isIanaZone, subdivisionOf, zonesOf, type LeadZones } from './lead-time-zones.js';

/*
 * One record of a lead file to a lead, or to the reason it is refused (naming the field, never
 * quoting the value: a rejection is stored in clear and the value may be personal). Pure: the
 * import sealing and storing the result is elsewhere.
 */

/** The longest value of a field or custom field kept; a longer one refuses the row. */
export const MAX_VALUE_CHARS = 1000;
/** Custom fields of one lead, at most. */
export const MAX_CUSTOM_FIELDS = 100;

export interface LeadPersonal {
  readonly title?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly fullName?: string;
  readonly address1?: string;
  readonly address2?: string;
  readonly address3?: string;
  readonly city?: string;
  readonly state?: string;
  readonly province?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly externalId?: string;
  readonly custom: Readonly<Record<string, string>>;
}

export interface LeadCandidate {
  /** E.164. */
  readonly phone: string;
  /** Trimmed, lower-cased; null when the row has none. */
  readonly email: string | null;
  readonly region: string | null;
  readonly subdivision: string | null;
  readonly zones: LeadZones;
  readonly personal: LeadPersonal;
}

export interface RowRejection {
  /** The mapping's field (`phone`, `email`) or custom column (`custom.COMMENTS`), or `row`. */
  readonly field: string;
  readonly reason: string;
}

export type RowOutcome = { readonly lead: LeadCandidate } | { readonly rejected: RowRejection };

/** Countries files name the VICIdial way or in words, to ISO 3166-1 alpha-2. */
const countryAliases: Readonly<Record<string, string>> = {
  UK: 'GB',
  USA: 'US',
  'UNITED STATES': 'US',
  'UNITED KINGDOM': 'GB',
  CANADA: 'CA',
  INDIA: 'IN',
};

function countryOf(written: string | undefined): CountryCode | undefined {
  if (!written) return undefined;
  const upper = written.trim().toUpperCase();
  const code = countryAliases[upper] ?? upper;
  return isSupportedCountry(code) ? code : undefined;
}

/** A country calling code as lead files give it: 1, +44, 0044, or 01144 (the US exit code 011 before 44). */
function callingCodeOf(written: string): string | undefined {
  let digits = written.replace(/\D/g, '');
  if (digits.startsWith('011') && digits.length > 3) digits = digits.slice(3);
  else if (digits.startsWith('00') && digits.length > 2) digits = digits.slice(2);
  return /^[1-9]\d{0,2}$/.test(digits) ? digits : undefined;
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The lead a record describes. `defaultRegion` reads national numbers when the row gives neither a
 * country calling code nor a country.
 */
export function leadFromRecord(
  record: readonly string[],
  mapping: ResolvedMapping,
  defaultRegion: string | undefined,
): RowOutcome {
  const values: Partial<Record<LeadField, string>> = {};
  for (const [field, column] of Object.entries(mapping.fields) as [LeadField, number][]) {
    const checked = checkValue(record[column], field);
    if (typeof checked === 'object') return { rejected: checked };
    if (checked !== '') values[field] = checked;
  }
  const custom: Record<string, string> = {};
  let customCount = 0;
  for (const { name, column } of mapping.custom) {
    const checked = checkValue(record[column], `custom.${name}`);
    if (typeof checked === 'object') return { rejected: checked };
    if (checked === '') continue;
    if (++customCount > MAX_CUSTOM_FIELDS)
      return { rejected: { field: 'row', reason: `has more than ${MAX_CUSTOM_FIELDS} custom fields` } };
    custom[name] = checked;
  }

  const written = values.phone;
  if (!written) return { rejected: { field: 'phone', reason: 'is empty' } };
  const country = countryOf(values.country);
  const region = country ?? (defaultRegion && isSupportedCountry(defaultRegion) ? defaultRegion : undefined);
  let parsed;
  // How a national number is read: the row's calling code, else its country, else the list's (or
  // mapping's) default region, else the preset's calling code.
  if (written.trim().startsWith('+')) parsed = parsePhoneNumberFromString(written);
  else if (values.phoneCountryCode) {
    const code = callingCodeOf(values.phoneCountryCode);
    if (!code) return { rejected: { field: 'phoneCountryCode', reason: 'is not a country calling code' } };
    parsed = parsePhoneNumberFromString(written, { defaultCallingCode: code });
  } else if (region) parsed = parsePhoneNumberFromString(written, { defaultCountry: region });
  else if (mapping.defaultCallingCode)
    parsed = parsePhoneNumberFromString(written, { defaultCallingCode: mapping.defaultCallingCode });
  else parsed = parsePhoneNumberFromString(written);
  if (!parsed)
    return {
      rejected: {
        field: 'phone',
        reason:
          region || values.phoneCountryCode || mapping.defaultCallingCode
            ? 'is not a phone number'
            : 'is not an international number (+...) and the list has no default region',
      },
    };
  if (!parsed.isValid())
    return {
      rejected: {
        field: 'phone',
        reason: `is not a valid number${parsed.country ? ` in ${parsed.country}` : ` for +${parsed.countryCallingCode}`}`,
      },
    };

  let email: string | null = null;
  if (values.email) {
    const lowered = values.email.trim().toLowerCase();
    if (!emailShape.test(lowered) || lowered.length > 254)
      return { rejected: { field: 'email', reason: 'is not an e-mail address' } };
    email = lowered;
  }

  let explicit: string | undefined;
  if (values.timeZone) {
    if (!isIanaZone(values.timeZone.trim()))
      return {
        rejected: { field: 'timeZone', reason: 'is not an IANA time zone (America/Chicago, Europe/London)' },
      };
    explicit = values.timeZone.trim();
  }
  const numberRegion = parsed.country;
  const subdivision = subdivisionOf(numberRegion, values.state ?? values.province);
  const zones = zonesOf({
    explicit,
    region: numberRegion,
    subdivision,
    areaCode: parsed.countryCallingCode === '1' ? parsed.nationalNumber.slice(0, 3) : undefined,
  });

  const { phone: _p, phoneCountryCode: _c, email: _e, timeZone: _t, ...personal } = values;
  return {
    lead: {
      phone: parsed.number,
      email,
      region: numberRegion ?? null,
      subdivision: subdivision ?? null,
      zones,
      personal: { ...personal, custom },
    },
  };
}

/** A value as kept, or the refusal of it. NUL and other control characters but tab and newlines refuse the row. */
function checkValue(raw: string | undefined, field: string): string | RowRejection {
  if (raw === undefined) return '';
  // eslint-disable-next-line no-control-regex -- the point: control characters are refused
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw))
    return { field, reason: 'contains a control character (NUL or another)' };
  const value = raw.trim();
  if (value.length > MAX_VALUE_CHARS)
    return { field, reason: `is longer than ${MAX_VALUE_CHARS} characters` };
  return value;
}
