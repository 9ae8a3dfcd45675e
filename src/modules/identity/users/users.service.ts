import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { NewUser, User, UsersService } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import type { IdentityTables, IdentityTransaction } from '../db/identity.tables.js';
import { clientRoles, employeeRoles, isRole, permissionsOf, type Permission } from '../roles.js';
import { revokeUserSessions } from '../auth/sessions.repo.js';
import { hashPassword, passwordPolicy } from './passwords.js';
import {
  findUser,
  hasOtherActiveOwner,
  insertUser,
  listUsers,
  updateUser,
  type UserRow,
} from './users.repo.js';

export type { UserRow } from './users.repo.js';

/** Sign-in compares e-mail addresses case-insensitively, so the index is of this form. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailIndex(keyring: Keyring, tenantId: string, email: string): Promise<string> {
  return keyring.blindIndex(tenantId, 'email', normaliseEmail(email));
}

export async function toUser(keyring: Keyring, row: UserRow): Promise<User> {
  return {
    id: toPublicId('usr', row.id),
    email: await keyring.decryptToString(row.tenantId, row.emailCiphertext),
    displayName: row.displayNameCiphertext
      ? await keyring.decryptToString(row.tenantId, row.displayNameCiphertext)
      : null,
    kind: row.kind,
    roles: row.roles,
    status: row.status,
    mfaEnabled: row.totpEnabledAt !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null,
    createdAt: row.createdAt,
  };
}

/** What a new user row is made of; the e-mail and name are sealed by insertUserRow. */
export interface UserRowInput {
  readonly kind: NewUser['kind'];
  readonly email: string;
  readonly displayName: string | null;
  readonly passwordHash: string | null;
  readonly roles: readonly string[];
}

/**
 * The one way a user row is made, in the caller's tenant transaction: the e-mail sealed and
 * blind-indexed, the display name sealed, and the `user.created` audit entry committed with it.
 * Used by the users service and by sign-in through an identity provider.
 */
export async function insertUserRow(
  trx: IdentityTransaction,
  deps: { keyring: Keyring; audit: AuditLog },
  ctx: AuditContext,
  input: UserRowInput,
  auditDetails: Record<string, unknown> = {},
): Promise<UserRow> {
  const { keyring } = deps;
  const tenantId = ctx.tenantId;
  const inserted = await insertUser(trx, {
    id: newUuid(),
    tenantId,
    kind: input.kind,
    emailIndex: await emailIndex(keyring, tenantId, input.email),
    emailCiphertext: await keyring.encryptToString(tenantId, normaliseEmail(input.email)),
    displayNameCiphertext: input.displayName
      ? await keyring.encryptToString(tenantId, input.displayName)
      : null,
    passwordHash: input.passwordHash,
    roles: [...input.roles],
    lockedUntil: null,
    totpSecretCiphertext: null,
    totpEnabledAt: null,
    externalProviderId: null,
    externalSubject: null,
  });
  await deps.audit.append(trx, ctx, {
    action: 'user.created',
    target: { type: 'user', id: toPublicId('usr', inserted.id) },
    details: { roles: inserted.roles, kind: inserted.kind, ...auditDetails },
  });
  return inserted;
}

function checkRoles(kind: NewUser['kind'], roles: readonly string[]): void {
  if (roles.length === 0) throw IdentityErrors.invalidRoles('roles', 'at least one role is required');
  const allowed: readonly string[] = kind === 'employee' ? employeeRoles : clientRoles;
  const wrong = roles.filter((r) => !isRole(r) || !allowed.includes(r));
  if (wrong.length > 0) {
    throw IdentityErrors.invalidRoles(
      'roles',
      `not ${kind} roles: ${wrong.join(', ')} (allowed: ${allowed.join(', ')})`,
    );
  }
}

export function createUsersService(deps: {
  database: Database;
  keyring: Keyring;
  audit: AuditLog;
}): UsersService {
  const { database, keyring, audit } = deps;
  const inTenant = <T>(ctx: RequestContext, fn: (trx: IdentityTransaction) => Promise<T>) =>
    database.withTenant<IdentityTables, T>(ctx, fn);

  async function findRow(trx: IdentityTransaction, userId: string): Promise<UserRow> {
    const uuid = fromPublicId('usr', userId);
    const row = uuid ? await findUser(trx, uuid) : undefined;
    if (!row) throw IdentityErrors.userNotFound();
    return row;
  }

  async function assertOwnerRemains(trx: IdentityTransaction, exceptUserId: string): Promise<void> {
    if (!(await hasOtherActiveOwner(trx, exceptUserId))) throw IdentityErrors.lastOwner();
  }

  return {
    async list(ctx) {
      const rows = await inTenant(ctx, listUsers);
      return Promise.all(rows.map((row) => toUser(keyring, row)));
    },
    async get(ctx, userId) {
      return toUser(keyring, await inTenant(ctx, (trx) => findRow(trx, userId)));
    },
    async create(ctx, input) {
      checkRoles(input.kind, input.roles);
      if (input.password !== undefined && input.password.length < passwordPolicy.minLength) {
        throw IdentityErrors.weakPassword(passwordPolicy.minLength);
      }
      // Hashing is slow on purpose: done before the transaction, not inside it.
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      try {
        const row = await inTenant(ctx, (trx) =>
          insertUserRow(trx, { keyring, audit }, ctx, {
            kind: input.kind,
            email: input.email,
            displayName: input.displayName ?? null,
            passwordHash,
            roles: input.roles,
          }),
        );
        return await toUser(keyring, row);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw IdentityErrors.emailTaken();
        throw error;
      }
    },
    async setRoles(ctx, userId, roles) {
      const row = await inTenant(ctx, async (trx) => {
        const current = await findRow(trx, userId);
        checkRoles(current.kind, roles);
        if (current.roles.includes('owner') && !roles.includes('owner'))
          await assertOwnerRemains(trx, current.id);
        const updated = await updateUser(trx, current.id, { roles: [...roles], updatedAt: new Date() });
        if (!updated) throw IdentityErrors.userNotFound();
        await audit.append(trx, ctx, {
          action: 'user.roles_changed',
          target: { type: 'user', id: userId },
          details: { from: current.roles, to: updated.roles },
        });
        return updated;
      });
      return toUser(keyring, row);
    },
    async usersWithPermission(ctx, permission) {
      const rows = await inTenant(ctx, listUsers);
      const granted = rows.filter(
        (row) =>
          row.kind === 'employee' &&
          row.status === 'active' &&
          permissionsOf(row.roles).has(permission as Permission),
      );
      return Promise.all(granted.map((row) => toUser(keyring, row)));
    },
    async setStatus(ctx, userId, status) {
      const row = await inTenant(ctx, async (trx) => {
        const current = await findRow(trx, userId);
        if (status === 'disabled' && current.roles.includes('owner'))
          await assertOwnerRemains(trx, current.id);
        const updated = await updateUser(trx, current.id, { status, updatedAt: new Date() });
        if (!updated) throw IdentityErrors.userNotFound();
        if (status === 'disabled') await revokeUserSessions(trx, current.id, 'user_disabled');
        await audit.append(trx, ctx, {
          action: `user.${status === 'disabled' ? 'disabled' : 'enabled'}`,
          target: { type: 'user', id: userId },
        });
        return updated;
      });
      return toUser(keyring, row);
    },
  };
}
