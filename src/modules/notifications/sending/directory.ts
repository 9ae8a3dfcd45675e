import type { RequestContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { rolePermissions, type IdentityApi, type Role, type User } from '../../identity/index.js';

/**
 * Who people are, as notifications needs it: the identity module's users. Two of its methods are
 * being added to identity in the same issue (`users.usersWithPermission`, `emailVerification.issue`);
 * until they are there, permission holders are found from the users' roles and the verification
 * e-mail waits for the api (a transient error: the bus retries the event).
 */
export interface Recipient {
  readonly userId: string;
  readonly email: string | null;
  readonly kind: 'employee' | 'client';
}

export interface RecipientDirectory {
  user(ctx: RequestContext, userId: string): Promise<Recipient | undefined>;
  withPermission(ctx: RequestContext, permission: string): Promise<Recipient[]>;
  issueEmailVerification(ctx: RequestContext, userId: string): Promise<{ url: string; email: string }>;
}

interface IdentityExtensions {
  readonly users: {
    usersWithPermission?: (ctx: RequestContext, permission: string) => Promise<User[]>;
  };
  readonly emailVerification?: {
    issue(ctx: RequestContext, userId: string): Promise<{ url: string; email: string }>;
  };
}

const recipient = (user: User): Recipient => ({
  userId: user.id,
  email: user.email || null,
  kind: user.kind,
});

export function identityDirectory(identity: IdentityApi): RecipientDirectory {
  // Read at each call, not once: the api object is the one identity hands out (and tests extend).
  const extended = () => identity as IdentityApi & IdentityExtensions;
  return {
    async user(ctx, userId) {
      try {
        const user = await identity.users.get(ctx, userId);
        return user.status === 'active' ? recipient(user) : undefined;
      } catch (error) {
        if (error instanceof AppError && error.kind === 'not_found') return undefined;
        throw error;
      }
    },
    async withPermission(ctx, permission) {
      const own = extended().users.usersWithPermission;
      if (own) return (await own.call(identity.users, ctx, permission)).map(recipient);
      const users = await identity.users.list(ctx);
      return users
        .filter(
          (u) =>
            u.kind === 'employee' &&
            u.status === 'active' &&
            u.roles.some((role) =>
              (rolePermissions[role as Role] as readonly string[] | undefined)?.includes(permission),
            ),
        )
        .map(recipient);
    },
    async issueEmailVerification(ctx, userId) {
      const verification = extended().emailVerification;
      if (!verification)
        throw new AppError(
          'NOTIFICATIONS_VERIFICATION_UNAVAILABLE',
          'unavailable',
          'identity cannot issue e-mail verification links yet',
        );
      return verification.issue(ctx, userId);
    },
  };
}
