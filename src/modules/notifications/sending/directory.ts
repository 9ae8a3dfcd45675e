import type { RequestContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { CustomersApi } from '../../customers/index.js';
import type { IdentityApi, User } from '../../identity/index.js';

/**
 * Who people are, as notifications needs it: identity's users (permission holders through
 * `users.usersWithPermission`, verification links through `emailVerification.issue`) and, for
 * clients, their customer profile (the SMS number they opted in with, `cus_` → `usr_`).
 */
export interface Recipient {
  readonly userId: string;
  readonly email: string | null;
  readonly kind: 'employee' | 'client';
}

/** What a client's customer profile says about reaching them by SMS. */
export interface ClientContact {
  /** E.164 from the profile, only when the client opted in to SMS in their contact preferences. */
  readonly smsPhone: string | null;
  /** Whether they also opted in to marketing by SMS (needed for the profile's number on optional types). */
  readonly marketingSms: boolean;
  /** The profile's processing is restricted (GDPR Art. 18): no optional notifications. */
  readonly restricted: boolean;
}

export interface RecipientDirectory {
  user(ctx: RequestContext, userId: string): Promise<Recipient | undefined>;
  withPermission(ctx: RequestContext, permission: string): Promise<Recipient[]>;
  issueEmailVerification(ctx: RequestContext, userId: string): Promise<{ url: string; email: string }>;
  /** The client user of a customer profile (`cus_…`), or null when there is none. */
  userOfCustomer(ctx: RequestContext, customerId: string): Promise<string | null>;
  /** The contact facts of a client user's customer profile (null: no profile, or it is anonymised). */
  clientContact(ctx: RequestContext, userId: string): Promise<ClientContact | null>;
}

const recipient = (user: User): Recipient => ({
  userId: user.id,
  email: user.email || null,
  kind: user.kind,
});

const notFound = (error: unknown) => error instanceof AppError && error.kind === 'not_found';

export function identityDirectory(
  identity: IdentityApi,
  customers: Pick<CustomersApi, 'get' | 'subjectOf' | 'subjectForUser' | 'profiles'>,
): RecipientDirectory {
  return {
    async user(ctx, userId) {
      try {
        const user = await identity.users.get(ctx, userId);
        return user.status === 'active' ? recipient(user) : undefined;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
    async withPermission(ctx, permission) {
      return (await identity.users.usersWithPermission(ctx, permission)).map(recipient);
    },
    issueEmailVerification: (ctx, userId) => identity.emailVerification.issue(ctx, userId),
    async userOfCustomer(ctx, customerId) {
      try {
        // subjectOf, not get: it still answers after the profile's keys were shredded.
        return (await customers.subjectOf(ctx, customerId)).userIds[0] ?? null;
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async clientContact(ctx, userId) {
      // Read only: a client without a profile has no number to offer (nothing is created here).
      const subject = await customers.subjectForUser(ctx, userId);
      if (!subject.customerId) return null;
      try {
        const profile = await customers.get(ctx, subject.customerId);
        if (profile.status !== 'active') return null;
        const contact = await customers.profiles.preferences.get(ctx, subject.customerId);
        return {
          smsPhone: contact.channels.sms && profile.phone ? profile.phone : null,
          marketingSms: contact.marketing.sms,
          restricted: profile.restricted,
        };
      } catch (error) {
        // Erased (keys shredded, 410) or gone meanwhile: nothing to reach them by.
        if (error instanceof AppError && (error.kind === 'gone' || error.kind === 'not_found')) return null;
        throw error;
      }
    },
  };
}
