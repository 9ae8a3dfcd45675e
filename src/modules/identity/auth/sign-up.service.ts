import { randomBytes } from 'node:crypto';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { ClientMeta, EmailVerification, SignUpInput, TokenPair } from '../contract.js';
import type { IdentityTables, IdentityTransaction } from '../db/identity.tables.js';
import { IdentityErrors } from '../errors.js';
import { userSignedUpV1, type UserSignedUp } from '../events.js';
import { findCurrentTenant, tenantIdBySlug } from '../tenants/tenants.repo.js';
import { hashPassword, passwordPolicy } from '../users/passwords.js';
import { findUser, findUserByEmailIndex, updateUser } from '../users/users.repo.js';
import { emailIndex, insertUserRow } from '../users/users.service.js';
import { sha256, type SessionIssuer } from './session-issuer.js';

/*
 * Client sign-up with e-mail and password on the external surface. The answer never tells whether
 * the address has an account (no enumeration): a new address gets an 'unverified' client account
 * and identity.user.signed_up.v1; a known one gets nothing new (an unverified client gets the event
 * again, so the link is re-sent to the address itself). Notifications handles the event and asks
 * `emailVerification.issue` for the link; the token never travels on the bus.
 */

const VERIFICATION_TTL_MS = 24 * 60 * 60_000;

export interface SignUpService {
  signUp(input: SignUpInput, meta: ClientMeta): Promise<void>;
  verifyEmail(input: { tenant: string; token: string }, meta: ClientMeta): Promise<TokenPair>;
  readonly emailVerification: EmailVerification;
}

const anonymous = (tenantId: string, meta: ClientMeta): AuditContext => ({
  tenantId,
  requestId: meta.requestId,
  clientIp: meta.ip,
  actor: { type: 'system', id: 'identity.sign-up' },
});

export function createSignUpService(deps: {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly sessions: SessionIssuer;
  readonly publicUrl: string;
}): SignUpService {
  const { database, keyring, audit, bus } = deps;
  const inTenant = <T>(tenantId: string, fn: (trx: IdentityTransaction) => Promise<T>) =>
    database.withTenant<IdentityTables, T>({ tenantId }, fn);
  const announce = async (trx: IdentityTransaction, tenantId: string, userUuid: string) => {
    const data: UserSignedUp = { userId: toPublicId('usr', userUuid) };
    await bus.publish(trx, [{ type: userSignedUpV1.type, tenantId, key: userUuid, data }]);
  };

  return {
    async signUp(input, meta) {
      if (input.password.length < passwordPolicy.minLength)
        throw IdentityErrors.weakPassword(passwordPolicy.minLength);
      // Hashed whatever happens next, so a known address answers as slowly as a new one.
      const passwordHash = await hashPassword(input.password);
      const tenantId = await tenantIdBySlug(database.app, input.tenant);
      if (!tenantId) return;
      const index = await emailIndex(keyring, tenantId, input.email);
      try {
        await inTenant(tenantId, async (trx) => {
          const existing = await findUserByEmailIndex(trx, index);
          if (existing) {
            if (existing.kind === 'client' && existing.status === 'unverified')
              await announce(trx, tenantId, existing.id);
            return;
          }
          const row = await insertUserRow(
            trx,
            { keyring, audit },
            anonymous(tenantId, meta),
            {
              kind: 'client',
              email: input.email,
              displayName: input.displayName,
              passwordHash,
              roles: ['client'],
            },
            { via: 'sign_up' },
          );
          await updateUser(trx, row.id, { status: 'unverified' });
          await announce(trx, tenantId, row.id);
        });
      } catch (error) {
        // Two sign-ups of one address at once: the other one made the account.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    },

    async verifyEmail(input, meta) {
      const tenantId = await tenantIdBySlug(database.app, input.tenant);
      if (!tenantId) throw IdentityErrors.verificationInvalid();
      return inTenant(tenantId, async (trx) => {
        const row = await trx
          .selectFrom('identity.email_verifications')
          .selectAll()
          .where('tokenHash', '=', sha256(input.token))
          .forUpdate()
          .executeTakeFirst();
        if (!row || row.usedAt || row.expiresAt < new Date()) throw IdentityErrors.verificationInvalid();
        const user = await findUser(trx, row.userId, { forUpdate: true });
        if (!user || user.kind !== 'client' || user.status !== 'unverified')
          throw IdentityErrors.verificationInvalid();
        await trx
          .updateTable('identity.email_verifications')
          .set({ usedAt: new Date() })
          .where('userId', '=', user.id)
          .where('usedAt', 'is', null)
          .execute();
        const verified = await updateUser(trx, user.id, { status: 'active', updatedAt: new Date() });
        if (!verified) throw IdentityErrors.verificationInvalid();
        const userId = toPublicId('usr', user.id);
        await audit.append(
          trx,
          { ...anonymous(tenantId, meta), actor: { type: 'user', id: userId, roles: verified.roles } },
          { action: 'user.email_verified', target: { type: 'user', id: userId } },
        );
        return deps.sessions.issue(trx, verified, 'external', undefined, false);
      });
    },

    emailVerification: {
      async issue(ctx, userId) {
        const uuid = fromPublicId('usr', userId);
        if (!uuid) throw IdentityErrors.userNotFound();
        const token = randomBytes(32).toString('base64url');
        const { slug, email } = await database.withTenant<IdentityTables, { slug: string; email: string }>(
          ctx,
          async (trx) => {
            const user = await findUser(trx, uuid);
            if (!user) throw IdentityErrors.userNotFound();
            if (user.kind !== 'client' || user.status !== 'unverified')
              throw IdentityErrors.alreadyVerified();
            const tenant = await findCurrentTenant(trx);
            if (!tenant) throw IdentityErrors.tenantNotFound();
            await trx
              .insertInto('identity.email_verifications')
              .values({
                tokenHash: sha256(token),
                tenantId: ctx.tenantId,
                userId: uuid,
                expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS),
                usedAt: null,
              })
              .execute();
            return {
              slug: tenant.slug,
              email: await keyring.decryptToString(ctx.tenantId, user.emailCiphertext),
            };
          },
        );
        const query = new URLSearchParams({ tenant: slug, token });
        return {
          url: `${deps.publicUrl.replace(/\/+$/, '')}/portal/verify-email?${query.toString()}`,
          email,
        };
      },
    },
  };
}
