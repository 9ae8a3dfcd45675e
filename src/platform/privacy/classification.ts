/*
 * Data classification: every column of every table says how sensitive it is. Modules declare it
 * beside their migrations (`db/<module>.classification.ts`), the kernel for its own schemas
 * (src/platform/db/kernel.classification.ts). A test fails on a column nobody classified, on a
 * classification of a column that does not exist, and on a module that owns a personal-data
 * column without taking part in the privacy contract. The classes drive log redaction and the
 * console's masking. See docs/privacy.md.
 *
 * - public: may be shown to anyone (product names, prices).
 * - internal: ids, timestamps, statuses, counters; not for outsiders, harmless in a log.
 * - confidential: business data (amounts, settings, configuration, hashes of secrets).
 * - restricted: personal data and secrets; stored encrypted or as blind indexes, never logged,
 *   masked in the console until someone with the right permission reveals it.
 *
 * `personal:<class>` marks a column that holds (or identifies) personal data of a data subject:
 * its module must implement ModulePrivacy.
 */
export const dataClasses = ['public', 'internal', 'confidential', 'restricted'] as const;
export type DataClass = (typeof dataClasses)[number];
export type ColumnClass = DataClass | `personal:${DataClass}`;

/** table name (without schema) → column name → class. */
export type TableClassification = Readonly<Record<string, ColumnClass>>;
export type SchemaClassification = Readonly<Record<string, TableClassification>>;

export function isPersonal(value: ColumnClass): boolean {
  return value.startsWith('personal:');
}

export function classOf(value: ColumnClass): DataClass {
  return (isPersonal(value) ? value.slice('personal:'.length) : value) as DataClass;
}

/** `email_ciphertext` → `emailCiphertext`: the name the column's value travels under in TypeScript and logs. */
export function camelColumn(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
