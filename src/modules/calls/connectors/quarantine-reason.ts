/**
 * Why a connector quarantined an item, as a stable category the console can explain in plain words
 * (and filter by), beside the engineer's sentence that names the exact value. Set where the item is
 * quarantined, never guessed back from the sentence; rows from before categories read as `other`.
 */
export const quarantineCategories = [
  /** A date or time field could not be read (or is not a real instant): often a time-zone or format setting. */
  'unreadable_time',
  /** A field every call needs (its id, a start time) is absent. */
  'missing_field',
  /** A count or duration is not a number. */
  'invalid_number',
  /** A field holds a value the connector does not know (a disposition, a record type, a status). */
  'unknown_value',
  /** The payload is not the format the source sends (not JSON, XML or CSV, wrong columns, another document). */
  'unknown_format',
  /** One document is larger than a connector reads. */
  'payload_too_large',
  /** The normalised call broke the published call record schema: a connector bug. */
  'schema_rejected',
  /** A signed document whose signature does not check out. */
  'signature_invalid',
  /** Something the importer does not support (an encrypted vCon, a critical extension). */
  'not_supported',
  /** Part of a call whose other parts were not in the same payload (a recording leg without its call). */
  'incomplete_call',
  /** The connector failed unexpectedly while reading the item: a bug. */
  'connector_error',
  /** Anything else, and items quarantined before categories existed. */
  'other',
] as const;

export type QuarantineCategory = (typeof quarantineCategories)[number];

/** The category of a quarantined item and, when one field is at fault, that field as the source names it. */
export interface QuarantineWhy {
  readonly category: QuarantineCategory;
  readonly field?: string | undefined;
}

/** A stored category read back: anything this server does not know (a newer or older one) reads as `other`. */
export function categoryOf(value: string | null | undefined): QuarantineCategory {
  return (quarantineCategories as readonly string[]).includes(value ?? '')
    ? (value as QuarantineCategory)
    : 'other';
}
