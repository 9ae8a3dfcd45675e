import type { ColumnMapping, LeadImportPreview, MappingPreset } from '../leads.api';

/*
 * The mapping step's model: which column each lead field is read from. The server reads a header by
 * common names when no mapping is sent (lead-mapping.ts, guessFields); the same names start the
 * console's choice, so the first preview and the selects agree.
 */

export const leadFields = [
  'phone',
  'phoneCountryCode',
  'email',
  'title',
  'firstName',
  'middleName',
  'lastName',
  'fullName',
  'address1',
  'address2',
  'address3',
  'city',
  'state',
  'province',
  'postalCode',
  'country',
  'timeZone',
  'externalId',
] as const;
export type LeadField = (typeof leadFields)[number];

export const mappingPresets: readonly MappingPreset[] = [
  'vicidial-standard',
  'vicidial-stdrankowner',
  'vicidial-minicsv',
  'vicidial-minicsv02',
];
export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

/** A field's column: a header name, or a 1-based position when the file has no header row. */
export type ColumnChoice = string | number;

export interface MappingDraft {
  /** '' : no preset, the fields below decide. */
  readonly preset: MappingPreset | '';
  readonly hasHeader: boolean;
  /** '' : sniffed by the server. */
  readonly delimiter: Delimiter | '';
  readonly defaultRegion: string;
  readonly fields: Partial<Record<LeadField, ColumnChoice>>;
}

export const emptyDraft: MappingDraft = {
  preset: '',
  hasHeader: true,
  delimiter: '',
  defaultRegion: '',
  fields: {},
};

const commonNames: Readonly<Record<LeadField, readonly string[]>> = {
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilenumber', 'number', 'cell'],
  phoneCountryCode: ['phonecode', 'countrycode', 'callingcode', 'dialcode'],
  email: ['email', 'emailaddress', 'mail'],
  title: ['title', 'salutation'],
  firstName: ['firstname', 'givenname', 'forename', 'first'],
  middleName: ['middlename', 'middle', 'middleinitial'],
  lastName: ['lastname', 'surname', 'familyname', 'last'],
  fullName: ['name', 'fullname', 'contactname', 'contact'],
  address1: ['address1', 'address', 'street', 'addressline1'],
  address2: ['address2', 'addressline2'],
  address3: ['address3', 'addressline3'],
  city: ['city', 'town'],
  state: ['state', 'region'],
  province: ['province'],
  postalCode: ['postalcode', 'postcode', 'zip', 'zipcode'],
  country: ['country', 'countrycode2'],
  timeZone: ['timezone', 'tz'],
  externalId: ['externalid', 'vendorleadcode', 'leadid', 'id'],
};

const squeeze = (name: string) => name.toLowerCase().replace(/[\s_\-.]/g, '');

/** Each field from the first column whose header is one of its common names (as the server guesses). */
export function guessFields(header: readonly string[]): Partial<Record<LeadField, string>> {
  const guessed: Partial<Record<LeadField, string>> = {};
  const used = new Set<number>();
  for (const field of leadFields) {
    const at = header.findIndex((name, i) => !used.has(i) && commonNames[field].includes(squeeze(name)));
    const name = header[at];
    if (at >= 0 && name !== undefined) {
      guessed[field] = name;
      used.add(at);
    }
  }
  return guessed;
}

/** The columns a field can be read from: the header's names, or positions when there is no header. */
export function columnChoices(preview: LeadImportPreview | undefined, hasHeader: boolean): ColumnChoice[] {
  if (!preview) return [];
  if (hasHeader && preview.header) return [...preview.header];
  const width = Math.max(preview.header?.length ?? 0, ...preview.rows.map((row) => row.raw.length));
  return Array.from({ length: width }, (_, i) => i + 1);
}

/** What the server is sent: only what the user decided; the rest the server sniffs or the preset gives. */
export function mappingOf(draft: MappingDraft): ColumnMapping {
  const fields = Object.fromEntries(
    Object.entries(draft.fields).filter(([, column]) => column !== ''),
  ) as Record<string, string | number>;
  return {
    ...(draft.preset ? { preset: draft.preset } : { hasHeader: draft.hasHeader }),
    ...(draft.delimiter ? { delimiter: draft.delimiter } : {}),
    ...(draft.defaultRegion.trim() ? { defaultRegion: draft.defaultRegion.trim().toUpperCase() } : {}),
    ...(Object.keys(fields).length ? { fields } : {}),
  };
}

/** A saved mapping back into the step's selects. */
export function draftOf(mapping: ColumnMapping): MappingDraft {
  return {
    preset: mapping.preset ?? '',
    hasHeader: mapping.hasHeader ?? !mapping.preset,
    delimiter: mapping.delimiter ?? '',
    defaultRegion: mapping.defaultRegion ?? '',
    fields: { ...(mapping.fields as Partial<Record<LeadField, ColumnChoice>> | undefined) },
  };
}

/**
 * About how many rows the file holds, from the size of the rows the preview read: the progress
 * bar's measure while an import runs (the server counts rows read, not bytes).
 */
export function estimateRows(preview: LeadImportPreview, fileBytes: number): number | undefined {
  const sample = preview.rows.filter((row) => row.raw.length > 0);
  if (sample.length === 0) return undefined;
  const delimiter = preview.delimiter || ',';
  const headerBytes = preview.header
    ? new TextEncoder().encode(preview.header.join(delimiter)).length + 1
    : 0;
  const sampleBytes = sample.reduce(
    (sum, row) => sum + new TextEncoder().encode(row.raw.join(delimiter)).length + 1,
    0,
  );
  const perRow = sampleBytes / sample.length;
  if (perRow <= 0) return undefined;
  return Math.max(sample.length, Math.round((fileBytes - headerBytes) / perRow) + (preview.header ? 1 : 0));
}

const estimateKey = (importId: string) => `switchboard.lead-import.rows.${importId}`;

/** The wizard leaves its estimate for the progress page (this tab only). */
export function rememberEstimate(importId: string, rows: number | undefined): void {
  if (rows === undefined) return;
  try {
    window.sessionStorage.setItem(estimateKey(importId), String(rows));
  } catch {
    // storage refused (private mode): the progress bar shows rows read without a measure
  }
}

export function estimateFor(importId: string): number | undefined {
  try {
    const value = Number(window.sessionStorage.getItem(estimateKey(importId)));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
