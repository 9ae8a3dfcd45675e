import type { RequestContext } from '../../../platform/context.js';
import type { CustomerOrderStats, CustomerStatsSource } from '../contract.js';

/**
 * Orders' customerStats, in memory: what tests give the platform to judge segments on orders they
 * did not place.
 */
export interface InMemoryCustomerStats {
  readonly customerStats: CustomerStatsSource;
  add(
    ctx: Pick<RequestContext, 'tenantId'>,
    order: {
      readonly userId: string;
      readonly currency: string;
      readonly totalMinor: number;
      readonly at: Date;
    },
  ): void;
}

export function createInMemoryCustomerStats(): InMemoryCustomerStats {
  const orders: { tenantId: string; userId: string; currency: string; totalMinor: number; at: Date }[] = [];
  return {
    add(ctx, order) {
      orders.push({ tenantId: ctx.tenantId, ...order });
    },
    customerStats(ctx, query): Promise<CustomerOrderStats> {
      const mine = orders.filter(
        (o) =>
          o.tenantId === ctx.tenantId &&
          query.userIds.includes(o.userId) &&
          (!query.since || o.at >= query.since),
      );
      const totals = new Map<string, number>();
      for (const o of mine) totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.totalMinor);
      const last = mine.reduce<Date | null>((a, o) => (a && a > o.at ? a : o.at), null);
      return Promise.resolve({
        orderCount: mine.length,
        totals: [...totals].map(([currency, totalMinor]) => ({ currency, totalMinor })),
        lastOrderAt: last,
      });
    },
  };
}
