import { createHash, randomBytes } from 'node:crypto';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Surface } from '../../../platform/auth/index.js';
import type { TokenPair } from '../contract.js';
import type { IdentityTransaction } from '../db/identity.tables.js';
import type { UserRow } from '../users/users.repo.js';
import { insertRefreshToken } from './sessions.repo.js';
import type { SigningKeys } from './signing-keys.service.js';

export const audiences = { internal: 'switchboard-internal', external: 'switchboard-external' } as const;
/** Who signs in where: employees on the internal surface, clients of the tenant on the external one. */
const surfaceKinds = { internal: 'employee', external: 'client' } as const;

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export interface SessionIssuer {
  /**
   * An access token and a refresh token for `user` on `surface` (a new session, or the next pair
   * of `familyId`), written in the caller's tenant transaction. Both carry the surface's audience:
   * the refresh token's row keeps it, and refresh and sign-out honour it on that surface only. An
   * enrolment-only session gets a narrow access token and no refresh token.
   */
  issue(
    trx: IdentityTransaction,
    user: UserRow,
    surface: Surface,
    familyId: string | undefined,
    mfaEnrollmentOnly: boolean,
  ): Promise<TokenPair>;
}

/** The one place sessions are made: password sign-in, refresh and OIDC sign-in all come here. */
export function createSessionIssuer(deps: {
  signingKeys: SigningKeys;
  settings: { readonly accessTokenTtlSeconds: number; readonly refreshTokenTtlDays: number };
}): SessionIssuer {
  const { signingKeys, settings } = deps;
  return {
    async issue(trx, user, surface, familyId, mfaEnrollmentOnly) {
      // Sign-in checks this already; a session for the wrong kind of user must never be minted.
      if (user.kind !== surfaceKinds[surface])
        throw new Error(`a ${user.kind} cannot have a session on the ${surface} surface`);
      const audience = audiences[surface];
      const sessionId = familyId ?? newUuid();
      const accessToken = await signingKeys.sign(
        {
          tid: toPublicId('ten', user.tenantId),
          roles: user.roles,
          kind: user.kind,
          sid: sessionId,
          ...(mfaEnrollmentOnly ? { scope: 'auth:mfa:enroll' } : {}),
        },
        { audience, subject: toPublicId('usr', user.id), expiresInSeconds: settings.accessTokenTtlSeconds },
      );
      if (mfaEnrollmentOnly) {
        return {
          accessToken,
          tokenType: 'Bearer',
          expiresIn: settings.accessTokenTtlSeconds,
          mfaEnrollmentRequired: true,
        };
      }
      const id = newUuid();
      const secret = randomBytes(32).toString('base64url');
      await insertRefreshToken(trx, {
        id,
        tenantId: user.tenantId,
        userId: user.id,
        familyId: sessionId,
        tokenHash: sha256(secret),
        audience,
        expiresAt: new Date(Date.now() + settings.refreshTokenTtlDays * 86_400_000),
        usedAt: null,
        revokedAt: null,
        revokedReason: null,
      });
      return {
        accessToken,
        tokenType: 'Bearer',
        expiresIn: settings.accessTokenTtlSeconds,
        refreshToken: `${toPublicId('rt', id)}.${secret}`,
        mfaEnrollmentRequired: false,
      };
    },
  };
}
