/**
 * SQL building blocks for hand-written module migrations, so every tenant table is protected
 * the same way. Each returns a SQL string to run inside the migration.
 */

/** The NOLOGIN role that holds the application's privileges; the login role is a member of it. */
export const appRole = 'switchboard_app';

const identifier = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

function checked(name: string): string {
  if (!identifier.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

/** Lets the application role use a module's schema. Run once in the module's first migration. */
export function grantSchemaUsage(schema: string): string {
  return `GRANT USAGE ON SCHEMA ${checked(schema)} TO ${appRole};`;
}

type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface TenantIsolationOptions {
  /** The column holding the tenant id; `id` for the tenants table itself. */
  readonly column?: string;
  /** Defaults to full DML; `['SELECT', 'INSERT']` makes a table append-only for the application. */
  readonly privileges?: readonly Privilege[];
}

/**
 * Row-level security keyed on the tenant column: a row is visible and writable by the
 * application role only inside `withTenant()` for its tenant; outside it nothing is visible.
 * The policy binds the application role, which owns nothing. The owner role is left outside the
 * policy on purpose (no FORCE): it runs migrations and the few operator tasks that must span
 * tenants (provisioning, relays, audit verification), and request handling never uses it.
 */
export function tenantIsolation(table: string, options: TenantIsolationOptions = {}): string {
  const t = checked(table);
  const column = checked(options.column ?? 'tenant_id');
  const privileges = options.privileges ?? ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
  return `
    ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${t}
      USING (${column} = platform.current_tenant_id())
      WITH CHECK (${column} = platform.current_tenant_id());
    GRANT ${privileges.join(', ')} ON ${t} TO ${appRole};
  `;
}
