import { sql } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import type { OrderStatus } from '../contract.js';

/*
 * Orders analytics in plain SQL over the orders tables, in the caller's time zone: a day is the
 * tenant's calendar day. Money counts only orders in the requested currency; PENDING and CANCELLED
 * orders are not sales (they count in byStatus only). Revenue is the orders' gross total; what was
 * refunded of them is `refundedMinor`. Fulfilment times come from the shipments (first shipped,
 * first delivered per order) of orders placed in the range, whatever their currency.
 */

export interface AnalyticsQuery {
  /** YYYY-MM-DD, inclusive, in `timeZone`. */
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  /** IANA name. */
  readonly timeZone: string;
}

export interface OrdersAnalytics {
  readonly currency: string;
  readonly timeZone: string;
  readonly days: { date: string; orders: number; revenueMinor: number; averageOrderValueMinor: number }[];
  readonly totals: {
    orders: number;
    revenueMinor: number;
    refundedMinor: number;
    averageOrderValueMinor: number;
  };
  readonly byStatus: Partial<Record<OrderStatus, number>>;
  readonly topProducts: { sku: string; name: string; quantity: number; revenueMinor: number }[];
  readonly fulfilment: {
    shipped: number;
    medianHoursToShip: number | null;
    p90HoursToShip: number | null;
    medianHoursToDeliver: number | null;
  };
}

export interface AnalyticsService {
  orders(ctx: RequestContext, query: AnalyticsQuery): Promise<OrdersAnalytics>;
}

const average = (sum: number, count: number) => (count === 0 ? 0 : Math.round(sum / count));
const hours = (value: number | string | null) =>
  value === null ? null : Math.round(Number(value) * 10) / 10;

export function createAnalyticsService(database: Database): AnalyticsService {
  return {
    orders: (ctx, q) =>
      database.withTenant(ctx, async (trx) => {
        const range = sql`
          placed_at >= (${q.from}::date)::timestamp at time zone ${q.timeZone}
          and placed_at < ((${q.to}::date + 1)::timestamp at time zone ${q.timeZone})`;
        const sales = sql`status not in ('PENDING', 'CANCELLED') and currency = ${q.currency}`;
        const days = await sql<{ date: string; orders: number; revenue: number; refunded: number }>`
          with counted as (
            select (placed_at at time zone ${q.timeZone})::date as day, total_minor, refunded_minor
            from orders.orders where ${range} and ${sales})
          select to_char(d, 'YYYY-MM-DD') as date, count(c.day)::int as orders,
                 coalesce(sum(c.total_minor), 0)::bigint as revenue, coalesce(sum(c.refunded_minor), 0)::bigint as refunded
          from generate_series(${q.from}::date, ${q.to}::date, interval '1 day') d
          left join counted c on c.day = d::date
          group by d order by d`.execute(trx);
        const statuses = await sql<{ status: OrderStatus; count: number }>`
          select status, count(*)::int as count from orders.orders where ${range} group by status order by status`.execute(
          trx,
        );
        const top = await sql<{ sku: string; name: string; quantity: number; revenue: number }>`
          select l.sku, max(l.name) as name, sum(l.quantity)::bigint as quantity, sum(l.total_minor)::bigint as revenue
          from orders.orders o join orders.order_lines l on l.order_id = o.id
          where ${sql.join([range, sales], sql` and `)}
          group by l.sku order by revenue desc, l.sku limit 10`.execute(trx);
        const fulfilment = await sql<{
          shipped: number;
          ship50: number | null;
          ship90: number | null;
          deliver50: number | null;
        }>`
          with per_order as (
            select o.placed_at, min(s.shipped_at) as shipped_at, min(s.delivered_at) as delivered_at
            from orders.orders o join orders.shipments s on s.order_id = o.id
            where ${range} and o.status not in ('PENDING', 'CANCELLED')
            group by o.id, o.placed_at)
          select count(shipped_at)::int as shipped,
            percentile_cont(0.5) within group (order by extract(epoch from shipped_at - placed_at) / 3600)
              filter (where shipped_at is not null) as ship50,
            percentile_cont(0.9) within group (order by extract(epoch from shipped_at - placed_at) / 3600)
              filter (where shipped_at is not null) as ship90,
            percentile_cont(0.5) within group (order by extract(epoch from delivered_at - placed_at) / 3600)
              filter (where delivered_at is not null) as deliver50
          from per_order`.execute(trx);
        const totalOrders = days.rows.reduce((sum, day) => sum + day.orders, 0);
        const revenue = days.rows.reduce((sum, day) => sum + day.revenue, 0);
        const f = fulfilment.rows[0];
        return {
          currency: q.currency,
          timeZone: q.timeZone,
          days: days.rows.map((day) => ({
            date: day.date,
            orders: day.orders,
            revenueMinor: day.revenue,
            averageOrderValueMinor: average(day.revenue, day.orders),
          })),
          totals: {
            orders: totalOrders,
            revenueMinor: revenue,
            refundedMinor: days.rows.reduce((sum, day) => sum + day.refunded, 0),
            averageOrderValueMinor: average(revenue, totalOrders),
          },
          byStatus: Object.fromEntries(statuses.rows.map((row) => [row.status, row.count])),
          topProducts: top.rows.map((row) => ({
            sku: row.sku,
            name: row.name,
            quantity: row.quantity,
            revenueMinor: row.revenue,
          })),
          fulfilment: {
            shipped: f?.shipped ?? 0,
            medianHoursToShip: hours(f?.ship50 ?? null),
            p90HoursToShip: hours(f?.ship90 ?? null),
            medianHoursToDeliver: hours(f?.deliver50 ?? null),
          },
        };
      }),
  };
}
