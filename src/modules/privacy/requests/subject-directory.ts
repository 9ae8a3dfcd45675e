import type { RequestContext } from '../../../platform/context.js';
import type { DataSubject } from '../../../platform/privacy/index.js';

/**
 * Who a customer or a client user is, as the customers module answers it (API-18:
 * `customers.subjectOf(ctx, customerId)` and `customers.subjectForUser(ctx, userId)`).
 *
 * An adapter over the customers api, read at each call: until the customers module offers these
 * two functions, a request names what it was given (the customer id, the user id) and nothing
 * else, and a test can put fakes on `platform.modules.customers`.
 */
export interface SubjectDirectory {
  subjectOf(ctx: RequestContext, customerId: string): Promise<DataSubject>;
  subjectForUser(ctx: RequestContext, userId: string): Promise<DataSubject>;
}

type MaybeDirectory = Partial<Record<keyof SubjectDirectory, unknown>>;

export function subjectDirectoryOver(customersApi: () => unknown): SubjectDirectory {
  const directory = (): MaybeDirectory => {
    const api = customersApi();
    return typeof api === 'object' && api !== null ? api : {};
  };
  return {
    async subjectOf(ctx, customerId) {
      const api = directory();
      if (typeof api.subjectOf === 'function')
        return (api.subjectOf as SubjectDirectory['subjectOf']).call(api, ctx, customerId);
      return { customerId, userIds: [], emails: [], phones: [] };
    },
    async subjectForUser(ctx, userId) {
      const api = directory();
      if (typeof api.subjectForUser === 'function')
        return (api.subjectForUser as SubjectDirectory['subjectForUser']).call(api, ctx, userId);
      return { customerId: null, userIds: [userId], emails: [], phones: [] };
    },
  };
}
