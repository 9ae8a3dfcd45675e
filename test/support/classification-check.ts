import type { ClassificationRegistry } from '../../src/platform/privacy/index.js';
import { isPersonal } from '../../src/platform/privacy/index.js';

/** A column of the migrated database. */
export interface DatabaseColumn {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
}

/** Tables that hold no data: every schema's migration bookkeeping. */
export const bookkeepingTables = new Set(['schema_migrations', 'schema_migrations_lock']);

/**
 * What is wrong between the database and the classification, one line per table: columns nobody
 * classified (with the file to add them to), and classified columns that do not exist.
 */
export function classificationProblems(
  registry: ClassificationRegistry,
  columns: readonly DatabaseColumn[],
  fileOf: (schema: string) => string,
): { readonly unclassified: string[]; readonly unknown: string[] } {
  const byTable = new Map<string, { schema: string; table: string; columns: string[] }>();
  for (const c of columns) {
    if (bookkeepingTables.has(c.table)) continue;
    const key = `${c.schema}.${c.table}`;
    const entry = byTable.get(key) ?? { schema: c.schema, table: c.table, columns: [] };
    entry.columns.push(c.column);
    byTable.set(key, entry);
  }
  const unclassified: string[] = [];
  for (const [key, { schema, table, columns: present }] of byTable) {
    const declared = registry[schema]?.[table] ?? {};
    const missing = present.filter((column) => !(column in declared));
    if (missing.length > 0)
      unclassified.push(`${key}: ${missing.join(', ')}  (classify them in ${fileOf(schema)})`);
  }
  const unknown: string[] = [];
  for (const [schema, tables] of Object.entries(registry))
    for (const [table, declared] of Object.entries(tables)) {
      const present = byTable.get(`${schema}.${table}`)?.columns ?? [];
      const ghosts = Object.keys(declared).filter((column) => !present.includes(column));
      if (ghosts.length > 0)
        unknown.push(
          `${schema}.${table}: ${ghosts.join(', ')}  (no such column${present.length === 0 ? ' — no such table' : ''}; remove from ${fileOf(schema)})`,
        );
    }
  return { unclassified: unclassified.sort(), unknown: unknown.sort() };
}

/** Modules whose classification marks a personal column but whose instance has no `privacy`. */
export function modulesMissingPrivacy(
  modules: readonly {
    readonly name: string;
    readonly classification?: ClassificationRegistry[string] | undefined;
  }[],
  participants: readonly string[],
): string[] {
  return modules
    .filter((module) =>
      Object.values(module.classification ?? {}).some((columns) => Object.values(columns).some(isPersonal)),
    )
    .filter((module) => !participants.includes(module.name))
    .map(
      (module) =>
        `${module.name}: its classification marks personal columns, but it does not implement privacy (src/platform/privacy/privacy.contract.ts)`,
    );
}
