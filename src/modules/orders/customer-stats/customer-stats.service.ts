import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { PlatformErrors } from '../../../platform/errors.js';
import { fromPublicId } from '../../../platform/ids.js';
import type { CustomerOrderStats, CustomerStatsQuery, CustomerStatsService } from '../contract.js';
import type { OrdersTables } from '../db/orders.tables.js';

/*
 * Orders' figures per client for the customers module's segments: one grouped query over
 * orders (tenant_id, customer_id, placed_at DESC) — the orders_customer index.
 */

const MAX_USERS = 1000;

type Row = { customerId: string | null; currency: string; orders: string; net: string; last: Date | null };

const empty: CustomerOrderStats = { orderCount: 0, totals: [], lastOrderAt: null };

function combine(rows: readonly Row[]): CustomerOrderStats {
  if (rows.length === 0) return empty;
  const totals = new Map<string, number>();
  let orderCount = 0;
  let lastOrderAt: Date | null = null;
  for (const row of rows) {
    orderCount += Number(row.orders);
    totals.set(row.currency, (totals.get(row.currency) ?? 0) + Number(row.net));
    if (row.last && (!lastOrderAt || row.last > lastOrderAt)) lastOrderAt = row.last;
  }
  return {
    orderCount,
    totals: [...totals]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, totalMinor]) => ({ currency, totalMinor })),
    lastOrderAt,
  };
}

export function createCustomerStatsService(database: Database): CustomerStatsService {
  async function grouped(ctx: RequestContext, query: CustomerStatsQuery): Promise<Row[]> {
    if (query.userIds.length > MAX_USERS)
      throw PlatformErrors.validation([{ field: 'userIds', message: `at most ${MAX_USERS} at once` }]);
    if (query.since !== undefined && Number.isNaN(query.since.getTime()))
      throw PlatformErrors.validation([{ field: 'since', message: 'is not a valid date' }]);
    const uuids = [
      ...new Set(
        query.userIds.flatMap((id) => {
          const uuid = fromPublicId('usr', id);
          return uuid ? [uuid] : [];
        }),
      ),
    ];
    if (uuids.length === 0) return [];
    return database.withTenant<OrdersTables, Row[]>(ctx, async (trx) => {
      let q = trx
        .selectFrom('orders.orders')
        .select((eb) => [
          'customerId',
          'currency',
          eb.fn.countAll<string>().as('orders'),
          eb.fn.sum<string>(eb('totalMinor', '-', eb.ref('refundedMinor'))).as('net'),
          eb.fn.max('placedAt').as('last'),
        ])
        .where('customerId', 'in', uuids)
        .where('status', '<>', 'CANCELLED');
      if (query.since) q = q.where('placedAt', '>=', query.since);
      return q.groupBy(['customerId', 'currency']).execute();
    });
  }

  return {
    async customerStats(ctx, query) {
      return combine(await grouped(ctx, query));
    },
    async customerStatsMany(ctx, query) {
      const rows = await grouped(ctx, query);
      return query.userIds.map((userId) => {
        const uuid = fromPublicId('usr', userId);
        return { userId, ...combine(uuid ? rows.filter((r) => r.customerId === uuid) : []) };
      });
    },
  };
}
