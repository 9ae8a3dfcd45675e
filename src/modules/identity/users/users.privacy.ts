import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { DataSubject, ModulePrivacy } from '../../../platform/privacy/index.js';
import { revokeUserSessions } from '../auth/sessions.repo.js';
import type { IdentityTables, IdentityTransaction } from '../db/identity.tables.js';
import type { UserRow } from './users.repo.js';
import { emailIndex } from './users.service.js';

/*
 * Identity's part in data-subject requests: client (portal) accounts only — employees are never
 * erased by a request. Found by their user ids and by the blind index of their e-mail addresses.
 * Erasure disables the account, ends its sessions, replaces e-mail and name, drops the e-mail's
 * blind index (so the address can sign up afresh) and unlinks sign-in providers.
 */

async function clientRows(
  trx: IdentityTransaction,
  keyring: Keyring,
  tenantId: string,
  subject: DataSubject,
): Promise<UserRow[]> {
  const ids = subject.userIds.flatMap((id) => fromPublicId('usr', id) ?? []);
  const indexes = await Promise.all(subject.emails.map((email) => emailIndex(keyring, tenantId, email)));
  if (ids.length === 0 && indexes.length === 0) return [];
  return trx
    .selectFrom('identity.users')
    .selectAll()
    .where('kind', '=', 'client')
    .where((eb) =>
      eb.or([
        ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
        ...(indexes.length > 0 ? [eb('emailIndex', 'in', indexes)] : []),
      ]),
    )
    .orderBy('createdAt', 'desc')
    .execute();
}

const isErased = (row: UserRow) => row.emailIndex.startsWith('erased:');

export function createIdentityPrivacy(deps: {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
}): ModulePrivacy {
  const { database, keyring } = deps;
  const rowsOf = (ctx: RequestContext, subject: DataSubject) =>
    database.withTenant<IdentityTables, UserRow[]>(ctx, (trx) =>
      clientRows(trx, keyring, ctx.tenantId, subject),
    );
  return {
    holds:
      'Client accounts of the portal: e-mail address and name (encrypted, the address blind-indexed for sign-in), password hash, sign-in links to identity providers.',
    retention: [],

    async find(ctx, subject, options = {}) {
      const rows = (await rowsOf(ctx, subject)).filter((row) => !isErased(row));
      return rows.slice(0, options.limit ?? 500).map((row) => ({
        module: 'identity',
        kind: 'account',
        id: toPublicId('usr', row.id),
        at: row.createdAt,
        summary: `Portal account · ${row.status} · signed up ${row.createdAt.toISOString().slice(0, 10)}`,
        consolePath: null,
      }));
    },

    async export(ctx, subject) {
      const rows = (await rowsOf(ctx, subject)).filter((row) => !isErased(row));
      if (rows.length === 0) return [];
      return [
        {
          name: 'accounts',
          rows: await Promise.all(
            rows.map(async (row) => ({
              id: toPublicId('usr', row.id),
              email: await keyring.decryptToString(row.tenantId, row.emailCiphertext),
              displayName: row.displayNameCiphertext
                ? await keyring.decryptToString(row.tenantId, row.displayNameCiphertext)
                : null,
              status: row.status,
              roles: row.roles,
              mfaEnabled: row.totpEnabledAt !== null,
              createdAt: row.createdAt.toISOString(),
              updatedAt: row.updatedAt.toISOString(),
            })),
          ),
        },
      ];
    },

    async erase(ctx, subject, request) {
      const erased = await database.withTenant<IdentityTables, number>(ctx, async (trx) => {
        const rows = (await clientRows(trx, keyring, ctx.tenantId, subject)).filter((row) => !isErased(row));
        for (const row of rows) {
          const userId = toPublicId('usr', row.id);
          await trx
            .updateTable('identity.users')
            .set({
              status: 'disabled',
              // No longer an index of anything: the address is free to sign up again.
              emailIndex: `erased:${newUuid()}`,
              emailCiphertext: await keyring.encryptToString(ctx.tenantId, `erased-${row.id}@invalid`),
              displayNameCiphertext: null,
              passwordHash: null,
              totpSecretCiphertext: null,
              totpEnabledAt: null,
              externalProviderId: null,
              externalSubject: null,
              updatedAt: new Date(),
            })
            .where('id', '=', row.id)
            .execute();
          await revokeUserSessions(trx, row.id, 'erased');
          await trx.deleteFrom('identity.oidc_identities').where('userId', '=', row.id).execute();
          await trx.deleteFrom('identity.email_verifications').where('userId', '=', row.id).execute();
          await deps.audit.append(trx, ctx, {
            action: 'user.erased',
            target: { type: 'user', id: userId },
            details: { request: request.requestId },
          });
        }
        return rows.length;
      });
      return { erased, kept: [] };
    },
  };
}
