import { timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { AuthService, ClientMeta, TokenPair } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import type { IdentityTables, IdentityTransaction } from '../db/identity.tables.js';
import { privilegedRoles } from '../roles.js';
import { mfaRequiredForAdmins, tenantIdBySlug } from '../tenants/tenants.repo.js';
import { timingDecoyHash, verifyPassword } from '../users/passwords.js';
import { findUser, findUserByEmailIndex, updateUser, type UserRow } from '../users/users.repo.js';
import { emailIndex } from '../users/users.service.js';
import { audiences, createSessionIssuer, sha256 } from './session-issuer.js';
import {
  findRefreshToken,
  markRefreshTokenUsed,
  refreshTokenTenant,
  revokeSession,
  revokeUserSessions,
} from './sessions.repo.js';
import type { SigningKeys } from './signing-keys.service.js';

export { audiences } from './session-issuer.js';

/** After this many failures in a row the account locks for `lockMinutes`. */
const maxFailures = 5;
const lockMinutes = 15;

export interface AuthSettings {
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlDays: number;
  readonly totpIssuer: string;
}

/** `rt_<id>.<secret>`: the id finds the row, the secret proves possession (only its hash is stored). */
function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const [idPart, secret, extra] = token.split('.');
  if (!idPart || !secret || extra !== undefined) return undefined;
  const id = fromPublicId('rt', idPart);
  return id ? { id, secret } : undefined;
}

function systemActorContext(tenantId: string, meta: ClientMeta, actorId: string): AuditContext {
  return {
    tenantId,
    requestId: meta.requestId,
    clientIp: meta.ip,
    actor: { type: 'user', id: actorId, roles: [] },
  };
}

export function createAuthService(deps: {
  database: Database;
  keyring: Keyring;
  audit: AuditLog;
  signingKeys: SigningKeys;
  settings: AuthSettings;
}): AuthService {
  const { database, keyring, audit, signingKeys, settings } = deps;
  const inTenant = <T>(tenantId: string, fn: (trx: IdentityTransaction) => Promise<T>) =>
    database.withTenant<IdentityTables, T>({ tenantId }, fn);
  const sessions = createSessionIssuer({ signingKeys, settings });

  async function recordFailure(
    tenantId: string,
    meta: ClientMeta,
    user: UserRow | undefined,
    reason: string,
  ): Promise<void> {
    // Its own transaction: the failed sign-in throws, and the record of it must survive that.
    await inTenant(tenantId, async (trx) => {
      let lockedNow = false;
      if (user) {
        const failures = user.failedLogins + 1;
        lockedNow = failures >= maxFailures;
        await updateUser(trx, user.id, {
          failedLogins: lockedNow ? 0 : failures,
          ...(lockedNow ? { lockedUntil: new Date(Date.now() + lockMinutes * 60_000) } : {}),
        });
      }
      const actorId = user ? toPublicId('usr', user.id) : 'anonymous';
      const ctx = systemActorContext(tenantId, meta, actorId);
      await audit.append(trx, ctx, {
        action: 'auth.login.failed',
        ...(user ? { target: { type: 'user', id: actorId } } : {}),
        details: { reason, ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 200) } : {}) },
      });
      if (lockedNow)
        await audit.append(trx, ctx, {
          action: 'auth.account.locked',
          target: { type: 'user', id: actorId },
          details: { minutes: lockMinutes },
        });
    });
  }

  function totpMatches(secret: string, code: string): Promise<boolean> {
    // One step either side tolerates a phone clock that is up to 30 s off.
    return verifyTotp({ secret, token: code, epochTolerance: 30 }).then(
      (r) => r.valid,
      () => false,
    );
  }

  return {
    async login(input, surface, meta) {
      const tenantId = await tenantIdBySlug(database.app, input.tenant);
      if (!tenantId) {
        await verifyPassword(await timingDecoyHash, input.password);
        throw IdentityErrors.invalidCredentials();
      }
      const index = await emailIndex(keyring, tenantId, input.email);
      const user = await inTenant(tenantId, (trx) => findUserByEmailIndex(trx, index));
      const expectedKind = surface === 'external' ? 'client' : 'employee';
      const allowed = user?.status === 'active' || user?.status === 'unverified';
      if (!user || !allowed || user.kind !== expectedKind || !user.passwordHash) {
        await verifyPassword(await timingDecoyHash, input.password);
        await recordFailure(
          tenantId,
          meta,
          user,
          user ? `not_allowed:${user.status}:${user.kind}` : 'unknown_user',
        );
        throw IdentityErrors.invalidCredentials();
      }
      if (user.lockedUntil && user.lockedUntil > new Date()) {
        await recordFailure(tenantId, meta, undefined, 'locked');
        throw IdentityErrors.accountLocked(Math.ceil((user.lockedUntil.getTime() - Date.now()) / 1000));
      }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        await recordFailure(tenantId, meta, user, 'bad_password');
        throw IdentityErrors.invalidCredentials();
      }
      // Told only to whoever knows the password: the address is theirs, it is just not confirmed.
      if (user.status === 'unverified') throw IdentityErrors.emailUnverified();
      if (user.totpEnabledAt && user.totpSecretCiphertext) {
        if (!input.totp) throw IdentityErrors.mfaRequired();
        const secret = await keyring.decryptToString(tenantId, user.totpSecretCiphertext);
        if (!(await totpMatches(secret, input.totp))) {
          await recordFailure(tenantId, meta, user, 'bad_totp');
          throw IdentityErrors.mfaInvalid();
        }
      }
      return inTenant(tenantId, async (trx) => {
        const mustEnrol =
          (await mfaRequiredForAdmins(trx)) &&
          !user.totpEnabledAt &&
          user.roles.some((r) => (privilegedRoles as readonly string[]).includes(r));
        await updateUser(trx, user.id, { failedLogins: 0, lockedUntil: null });
        const ctx = systemActorContext(tenantId, meta, toPublicId('usr', user.id));
        await audit.append(trx, ctx, {
          action: 'auth.login.succeeded',
          target: { type: 'user', id: ctx.actor.id },
          details: {
            surface,
            mfa: Boolean(user.totpEnabledAt),
            ...(mustEnrol ? { mfaEnrollmentRequired: true } : {}),
          },
        });
        return sessions.issue(trx, user, surface, undefined, mustEnrol);
      });
    },

    async refresh(refreshToken, surface, meta) {
      const parsed = parseRefreshToken(refreshToken);
      if (!parsed) throw IdentityErrors.invalidRefreshToken();
      const tenantId = await refreshTokenTenant(database.app, parsed.id);
      if (!tenantId) throw IdentityErrors.invalidRefreshToken();
      const outcome = await inTenant(tenantId, async (trx): Promise<TokenPair | 'reused' | 'invalid'> => {
        const row = await findRefreshToken(trx, parsed.id, { forUpdate: true });
        if (!row || !timingSafeEqual(row.tokenHash, sha256(parsed.secret))) return 'invalid';
        // Another surface's session is unknown here: refused before reuse detection, so presenting
        // it here neither tells that it exists nor ends it.
        if (row.audience !== audiences[surface]) return 'invalid';
        if (row.revokedAt || row.expiresAt < new Date()) return 'invalid';
        const ctx = systemActorContext(tenantId, meta, toPublicId('usr', row.userId));
        if (row.usedAt) {
          // A rotated-out token came back: someone holds a copy. End the whole session.
          await revokeSession(trx, row.familyId, 'reuse_detected');
          await audit.append(trx, ctx, {
            action: 'auth.refresh.reuse_detected',
            target: { type: 'user', id: ctx.actor.id },
            details: { session: row.familyId },
          });
          return 'reused';
        }
        const user = await findUser(trx, row.userId);
        if (user?.status !== 'active') return 'invalid';
        await markRefreshTokenUsed(trx, row.id);
        return sessions.issue(trx, user, surface, row.familyId, false);
      });
      if (typeof outcome === 'string') throw IdentityErrors.invalidRefreshToken();
      return outcome;
    },

    async logout(refreshToken, surface, meta) {
      const parsed = parseRefreshToken(refreshToken);
      if (!parsed) return;
      const tenantId = await refreshTokenTenant(database.app, parsed.id);
      if (!tenantId) return;
      await inTenant(tenantId, async (trx) => {
        const row = await findRefreshToken(trx, parsed.id);
        if (
          !row ||
          !timingSafeEqual(row.tokenHash, sha256(parsed.secret)) ||
          row.audience !== audiences[surface]
        )
          return;
        await revokeSession(trx, row.familyId, 'logout');
        const ctx = systemActorContext(tenantId, meta, toPublicId('usr', row.userId));
        await audit.append(trx, ctx, { action: 'auth.logout', target: { type: 'user', id: ctx.actor.id } });
      });
    },

    async logoutEverywhere(ctx: RequestContext) {
      const userId = fromPublicId('usr', ctx.actor.id);
      if (!userId) return 0;
      return database.withTenant<IdentityTables, number>(ctx, async (trx) => {
        const revoked = await revokeUserSessions(trx, userId, 'logout_everywhere');
        await audit.append(trx, ctx, {
          action: 'auth.logout_everywhere',
          target: { type: 'user', id: ctx.actor.id },
        });
        return revoked;
      });
    },

    async startTotp(ctx) {
      const userId = fromPublicId('usr', ctx.actor.id);
      if (!userId) throw IdentityErrors.userNotFound();
      const secret = generateSecret();
      const ciphertext = await keyring.encryptToString(ctx.tenantId, secret);
      const label = await database.withTenant<IdentityTables, string>(ctx, async (trx) => {
        const user = await updateUser(trx, userId, { totpSecretCiphertext: ciphertext, totpEnabledAt: null });
        if (!user) throw IdentityErrors.userNotFound();
        await audit.append(trx, ctx, {
          action: 'auth.mfa.enrolment_started',
          target: { type: 'user', id: ctx.actor.id },
        });
        return keyring.decryptToString(ctx.tenantId, user.emailCiphertext);
      });
      return { secret, otpauthUri: generateURI({ issuer: settings.totpIssuer, label, secret }) };
    },

    async confirmTotp(ctx, code) {
      const userId = fromPublicId('usr', ctx.actor.id);
      if (!userId) throw IdentityErrors.userNotFound();
      await database.withTenant<IdentityTables, void>(ctx, async (trx) => {
        const user = await findUser(trx, userId, { forUpdate: true });
        if (!user) throw IdentityErrors.userNotFound();
        if (!user.totpSecretCiphertext) throw IdentityErrors.mfaNotStarted();
        const secret = await keyring.decryptToString(ctx.tenantId, user.totpSecretCiphertext);
        if (!(await totpMatches(secret, code))) throw IdentityErrors.mfaInvalid();
        await updateUser(trx, userId, { totpEnabledAt: new Date() });
        await audit.append(trx, ctx, {
          action: 'auth.mfa.enabled',
          target: { type: 'user', id: ctx.actor.id },
        });
      });
    },
  };
}
