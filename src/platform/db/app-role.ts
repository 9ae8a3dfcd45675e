import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NoTables } from './tables.js';
import { appRole } from './migration-helpers.js';

/** Login role used when the operator does not give DATABASE_APP_URL. */
export const appLoginRole = 'switchboard_app_user';

/**
 * The login role's password is derived from the owner connection string, so every replica that
 * shares DATABASE_URL computes the same password without storing or exchanging it, and the app
 * password reveals nothing about the owner's.
 */
export function derivedAppPassword(ownerUrl: string): string {
  // Roles are cluster-wide: derive from the server and the owner's credentials, not the database
  // name, so every database of one cluster agrees on the one login role's password.
  const url = new URL(ownerUrl);
  url.pathname = '/';
  url.search = '';
  return createHmac('sha256', url.toString()).update('switchboard-app-role-v1').digest('base64url');
}

/** Replaces user and password of the owner URL with the application login role's. */
export function deriveAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = appLoginRole;
  url.password = derivedAppPassword(ownerUrl);
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const duplicateCodes = new Set(['42710', '23505']);

async function tolerateConcurrentCreate(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      // Two processes (or test files) creating the same cluster-wide role race; the loser is fine.
      if (duplicateCodes.has(code ?? '')) return;
      // Two ALTER ROLE or GRANT statements on one role at once: PostgreSQL aborts one with
      // "tuple concurrently updated"; the statement is idempotent, so run it again.
      if (code === 'XX000' && /tuple concurrently updated/.test(message ?? '') && attempt < 8) {
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
        continue;
      }
      throw error;
    }
  }
}

/**
 * Ensures the privilege role and, unless the operator manages it, the login role exist.
 * Roles are cluster-wide, so this is idempotent and safe to run from many databases at once.
 */
export async function ensureAppRoles(
  owner: Kysely<NoTables>,
  options: { ownerUrl: string; manageLogin: boolean; appUser?: string },
) {
  await tolerateConcurrentCreate(() =>
    sql
      .raw(
        `DO $$ BEGIN
           IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
             CREATE ROLE ${appRole} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
           END IF;
         END $$;`,
      )
      .execute(owner),
  );
  if (options.manageLogin) {
    const password = derivedAppPassword(options.ownerUrl).replaceAll("'", "''");
    await tolerateConcurrentCreate(() =>
      sql
        .raw(
          `DO $$ BEGIN
             IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appLoginRole}') THEN
               CREATE ROLE ${appLoginRole} LOGIN NOSUPERUSER NOBYPASSRLS INHERIT PASSWORD '${password}';
             ELSE
               ALTER ROLE ${appLoginRole} WITH LOGIN NOSUPERUSER NOBYPASSRLS INHERIT PASSWORD '${password}';
             END IF;
           END $$;`,
        )
        .execute(owner),
    );
    await tolerateConcurrentCreate(() => sql.raw(`GRANT ${appRole} TO ${appLoginRole}`).execute(owner));
  } else if (options.appUser) {
    // Best effort: the operator may have granted it already, or the owner may lack the right to.
    await sql
      .raw(`GRANT ${appRole} TO ${quoteIdentifier(options.appUser)}`)
      .execute(owner)
      .catch(() => undefined);
  }
  const database = await sql<{ db: string }>`select current_database() as db`.execute(owner);
  const db = database.rows[0]?.db ?? '';
  await tolerateConcurrentCreate(() =>
    sql.raw(`GRANT CONNECT ON DATABASE ${quoteIdentifier(db)} TO ${appRole}`).execute(owner),
  );
}

/**
 * Refuses to run the application on a connection that would bypass row-level security.
 * This is the guard that makes tenant isolation hold even when someone misconfigures the URLs.
 */
export async function assertAppConnectionIsRestricted(app: Kysely<NoTables>): Promise<void> {
  const result = await sql<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; member: boolean }>`
    select rolname, rolsuper, rolbypassrls, pg_has_role(current_user, ${appRole}, 'USAGE') as member
    from pg_roles where rolname = current_user`.execute(app);
  const role = result.rows[0];
  if (!role) throw new Error('cannot read the application role');
  if (role.rolsuper || role.rolbypassrls) {
    throw new Error(
      `The application database role '${role.rolname}' is a superuser or has BYPASSRLS, so tenant isolation ` +
        `would not hold. Point DATABASE_APP_URL at a restricted role (or leave it unset to let Switchboard create one).`,
    );
  }
  if (!role.member) {
    throw new Error(
      `The application database role '${role.rolname}' is not a member of '${appRole}': GRANT ${appRole} TO ${role.rolname};`,
    );
  }
}
