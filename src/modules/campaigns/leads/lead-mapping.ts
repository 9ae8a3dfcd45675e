import { z } from 'zod';

/*
 * How the columns of a lead file become a lead: the lead's own fields, each read from one column
 * (by header name, or by 1-based position when the file has no header), and custom fields — every
 * other column by default. Presets name the column orders of VICIdial's lead loader
 * (VICIDIAL_IN_new_leads_file.pl --help: standard, stdrankowner, minicsv, minicsv02); their files
 * carry no header row, and a first row that repeats the column names is skipped.
 */

export const leadFields = [
  'phone',
  /** A country calling code given apart from the number (VICIdial's phone_code: 1, 44, or 01144 with an exit code). */
  'phoneCountryCode',
  'email',
  'title',
  'firstName',
  'middleName',
  'lastName',
  /** A whole name in one column (VICIdial minicsv's `name`). */
  'fullName',
  'address1',
  'address2',
  'address3',
  'city',
  /** A US state or Canadian province, as its postal abbreviation (FL, ON) or name. */
  'state',
  'province',
  'postalCode',
  /** ISO 3166-1 alpha-2 (or UK): how a national number of the row is read when no code is given. */
  'country',
  /** An IANA time zone that overrides what the number and address say. */
  'timeZone',
  /** The lead's id in the system it came from (VICIdial's vendor_lead_code). */
  'externalId',
] as const;

export type LeadField = (typeof leadFields)[number];

const columnRef = z.union([
  z.string().min(1).max(200),
  z.number().int().min(1).max(1000).describe('1-based column position'),
]);
export type ColumnRef = z.infer<typeof columnRef>;

export const presetNames = [
  'vicidial-standard',
  'vicidial-stdrankowner',
  'vicidial-minicsv',
  'vicidial-minicsv02',
] as const;
export type PresetName = (typeof presetNames)[number];

export const columnMappingSchema = z
  .strictObject({
    /** A VICIdial column order; its columns and field mapping apply, `fields` may override some. */
    preset: z.enum(presetNames).optional(),
    /** Whether the first row names the columns. Default: true without a preset; with one, detected. */
    hasHeader: z.boolean().optional(),
    /** Sniffed from the first line when absent. */
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** XLSX: the sheet read, by its tab name. Default: the workbook's first visible sheet. */
    sheet: z.string().min(1).max(31).optional(),
    fields: z.partialRecord(z.enum(leadFields), columnRef).optional(),
    /** Columns kept as custom fields: every column not mapped to a field (default), or these, or none. */
    customFields: z.union([z.enum(['unmapped', 'none']), z.array(columnRef).max(200)]).optional(),
    /** ISO 3166-1 alpha-2: how national numbers are read when the row names no country or code. */
    defaultRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals (US, GB, IN)')
      .optional(),
  })
  .meta({ id: 'LeadColumnMapping' });

export type ColumnMapping = z.infer<typeof columnMappingSchema>;

interface Preset {
  readonly delimiter: ',' | '|' | '\t';
  /** The country calling code the loader gives rows that name none (minicsv: 1, as VICIdial's loader does). */
  readonly defaultCallingCode?: string;
  readonly columns: readonly string[];
  readonly fields: Partial<Record<LeadField, string>>;
}

const vicidialStandardColumns = [
  'vendor_lead_code',
  'source_id',
  'list_id',
  'phone_code',
  'phone_number',
  'title',
  'first_name',
  'middle',
  'last_name',
  'address1',
  'address2',
  'address3',
  'city',
  'state',
  'province',
  'postal_code',
  'country',
  'gender',
  'date_of_birth',
  'alt_phone',
  'email',
  'security_phrase',
  'COMMENTS',
  'called_count',
  'status',
  'entry_date',
];

const vicidialStandardFields: Partial<Record<LeadField, string>> = {
  externalId: 'vendor_lead_code',
  phoneCountryCode: 'phone_code',
  phone: 'phone_number',
  title: 'title',
  firstName: 'first_name',
  middleName: 'middle',
  lastName: 'last_name',
  address1: 'address1',
  address2: 'address2',
  address3: 'address3',
  city: 'city',
  state: 'state',
  province: 'province',
  postalCode: 'postal_code',
  country: 'country',
  email: 'email',
};

/** VICIdial's documented column orders (the loader's --help). */
export const presets: Readonly<Record<PresetName, Preset>> = {
  'vicidial-standard': {
    delimiter: '|',
    columns: [...vicidialStandardColumns, 'multi-alt-entries'],
    fields: vicidialStandardFields,
  },
  'vicidial-stdrankowner': {
    delimiter: '|',
    columns: [...vicidialStandardColumns, 'rank', 'owner', 'multi-alt-entries'],
    fields: vicidialStandardFields,
  },
  'vicidial-minicsv': {
    delimiter: ',',
    defaultCallingCode: '1',
    columns: ['address1', 'city', 'name', 'phone_number', 'state', 'postal_code'],
    fields: {
      address1: 'address1',
      city: 'city',
      fullName: 'name',
      phone: 'phone_number',
      state: 'state',
      postalCode: 'postal_code',
    },
  },
  'vicidial-minicsv02': {
    delimiter: ',',
    defaultCallingCode: '1',
    columns: ['name', 'address1', 'city', 'state', 'postal_code', 'phone_number'],
    fields: {
      fullName: 'name',
      address1: 'address1',
      city: 'city',
      state: 'state',
      postalCode: 'postal_code',
      phone: 'phone_number',
    },
  },
};

/** Where each field and custom field is read, once the header (or its absence) is known. */
export interface ResolvedMapping {
  /** 0-based column of each mapped field. */
  readonly fields: Partial<Record<LeadField, number>>;
  /** Custom field name and its 0-based column. */
  readonly custom: readonly { readonly name: string; readonly column: number }[];
  /** Whether the first record was a header (and is not a lead). */
  readonly headerSkipped: boolean;
  /** The preset's calling code for rows that name no code or country, when no default region is set. */
  readonly defaultCallingCode?: string | undefined;
}

export type MappingProblem = { readonly field: string; readonly message: string };

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Resolves the mapping against the file's first record. Problems name the mapping's field
 * (`mapping.fields.phone`) so the API can put them on the form.
 */
export function resolveMapping(
  mapping: ColumnMapping,
  firstRecord: readonly string[],
): { ok: true; resolved: ResolvedMapping } | { ok: false; problems: MappingProblem[] } {
  const preset = mapping.preset ? presets[mapping.preset] : undefined;
  const problems: MappingProblem[] = [];
  let names: readonly string[] | undefined;
  let headerSkipped = false;
  if (preset) {
    // VICIdial's files carry no header; a first row equal to the column names is one anyway.
    const looksLikeHeader =
      firstRecord.length >= 2 &&
      preset.columns.slice(0, 3).every((name, i) => sameName(name, firstRecord[i] ?? ''));
    headerSkipped = mapping.hasHeader ?? looksLikeHeader;
    names = preset.columns;
  } else if (mapping.hasHeader ?? true) {
    headerSkipped = true;
    names = firstRecord.map((name) => name.trim());
  }
  const columnOf = (ref: ColumnRef, field: string): number | undefined => {
    if (typeof ref === 'number') return ref - 1;
    const at = names?.findIndex((name) => sameName(name, ref)) ?? -1;
    if (at < 0) {
      problems.push({
        field,
        message: names
          ? `names the column '${ref.slice(0, 100)}', which the file does not have`
          : 'names a column by header, but the file has no header row: give its position (1, 2, ...)',
      });
      return undefined;
    }
    return at;
  };
  const fields: Partial<Record<LeadField, number>> = {};
  const guessed = !preset && mapping.fields === undefined && names ? guessFields(names) : {};
  const wanted: Partial<Record<LeadField, ColumnRef>> = {
    ...guessed,
    ...(preset?.fields ?? {}),
    ...(mapping.fields ?? {}),
  };
  for (const [field, ref] of Object.entries(wanted) as [LeadField, ColumnRef][]) {
    const column = columnOf(ref, `mapping.fields.${field}`);
    if (column !== undefined) fields[field] = column;
  }
  if (fields.phone === undefined && !problems.some((p) => p.field === 'mapping.fields.phone'))
    problems.push({ field: 'mapping.fields.phone', message: 'is required: which column holds the number' });
  const mapped = new Set(Object.values(fields));
  const width = Math.max(firstRecord.length, names?.length ?? 0);
  const nameOf = (column: number) => names?.[column]?.trim() || `column_${column + 1}`;
  let custom: { name: string; column: number }[] = [];
  const choice = mapping.customFields ?? 'unmapped';
  if (choice === 'unmapped') {
    for (let column = 0; column < width; column++)
      if (!mapped.has(column)) custom.push({ name: nameOf(column), column });
  } else if (choice !== 'none') {
    custom = choice.flatMap((ref, i) => {
      const column = columnOf(ref, `mapping.customFields.${i}`);
      return column === undefined ? [] : [{ name: nameOf(column), column }];
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    resolved: { fields, custom, headerSkipped, defaultCallingCode: preset?.defaultCallingCode },
  };
}

/** The delimiter a mapping asks for, or its preset's, or undefined (sniff it). */
export function delimiterOf(mapping: ColumnMapping): string | undefined {
  return mapping.delimiter ?? (mapping.preset ? presets[mapping.preset].delimiter : undefined);
}

/** Header names files commonly use for each field (compared without case, spaces, dashes or underscores). */
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

/** Fields read from the header when the mapping names none: each field from the first column that carries one of its common names. */
export function guessFields(names: readonly string[]): Partial<Record<LeadField, ColumnRef>> {
  const guessed: Partial<Record<LeadField, ColumnRef>> = {};
  const used = new Set<number>();
  for (const field of leadFields) {
    const at = names.findIndex((name, i) => !used.has(i) && commonNames[field].includes(squeeze(name)));
    if (at >= 0) {
      guessed[field] = at + 1;
      used.add(at);
    }
  }
  return guessed;
}
