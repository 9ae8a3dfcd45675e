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

/** Every schema's classification: schema name → table → column → class. */
export type ClassificationRegistry = Readonly<Record<string, SchemaClassification>>;

/** What the registry is built from: each module's schema and classification (its definition). */
export interface ClassifiedModule {
  readonly name: string;
  readonly migrations?: { readonly schema: string } | undefined;
  readonly classification?: SchemaClassification | undefined;
}

/** The kernel's schemas and every module's, by schema name (a module's schema is its migrations' schema, else its name). */
export function classificationRegistry(
  kernel: ClassificationRegistry,
  modules: readonly ClassifiedModule[],
): ClassificationRegistry {
  const registry: Record<string, SchemaClassification> = { ...kernel };
  for (const module of modules)
    if (module.classification) registry[module.migrations?.schema ?? module.name] = module.classification;
  return registry;
}

/** Suffixes of columns that hold a value in another form; the value travels in logs under the stem. */
const storedFormSuffixes = ['_ciphertext', '_encrypted', '_sealed'];
/**
 * Stems too generic to censor wherever they appear: `request_sealed` (a consent's recorded request)
 * must not hide every `request` or `result` object a log line carries. The sealed column's own name
 * is still censored.
 */
const structuralStems = new Set([
  'request',
  'response',
  'result',
  'payload',
  'body',
  'data',
  'details',
  'metadata',
  'options',
  'settings',
  'config',
  'filters',
  'comment',
  'reason',
  'resolution',
  'evidence',
]);

/**
 * The names under which restricted values travel in TypeScript objects and so in log lines: the
 * camelCase of every restricted column (personal or not), and of its stem when the column keeps
 * the value encrypted (`email_ciphertext` → `emailCiphertext` and `email`). Sorted, each once.
 */
export function redactedFieldNames(registry: ClassificationRegistry): string[] {
  const names = new Set<string>();
  for (const tables of Object.values(registry))
    for (const columns of Object.values(tables))
      for (const [column, value] of Object.entries(columns)) {
        if (classOf(value) !== 'restricted') continue;
        names.add(camelColumn(column));
        const suffix = storedFormSuffixes.find((s) => column.endsWith(s));
        const stem = suffix ? column.slice(0, -suffix.length) : undefined;
        if (stem && !structuralStems.has(stem)) names.add(camelColumn(stem));
      }
  return [...names].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)).sort();
}
