import { sql, type RawBuilder, type Transaction } from 'kysely';

/**
 * The kernel's types of the database, in a file that imports nothing of the kernel, so every
 * other file of `platform/db` (and every module) can use them without an import circle.
 */

/** The kernel knows no tables: a module names its own (`trx.withTables<CallsTables>()`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- deliberately no tables at the kernel level
export interface NoTables {}

/**
 * How a module declares its tables: `type CallsTables = { 'calls.call_records': CallRecordRow }`.
 * A type alias, not an interface: Kysely's `withTables<T>()` needs the index signature an alias has.
 */
export type TableMap = Record<string, object>;

/** The part of a request context the database needs: which tenant the transaction acts for. */
export interface TenantScope {
  readonly tenantId: string;
}

/**
 * A transaction of `database.withTenant()`: `app.tenant_id` is set until it ends, so row-level
 * security binds every statement in it to that one tenant. `DB` names the tables the code queries.
 */
export type TenantTransaction<DB = NoTables> = Transaction<DB>;

/**
 * A tenant transaction as it crosses a module's door, where the writes of several modules must
 * commit together (a unit of work: the index row, the quarantine entry, the outbox event). It names
 * no tables; the module it is handed to names its own with `work.withTables<ItsTables>()`.
 */
export type UnitOfWork = TenantTransaction;

/**
 * A value for a `jsonb` column: the JSON text, cast in SQL, typed as what the column holds, so
 * neither the insert nor the row type needs a cast (`roleMapping: jsonb(input.roleMapping)`).
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
}
