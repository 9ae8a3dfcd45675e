import { defineModule, type PlatformModule } from '../../platform/module.js';
import { needs, type OrdersSettings } from './orders.deps.js';
import type { CustomerStatsService } from './contract.js';
import { createCustomerStatsService } from './customer-stats/customer-stats.service.js';
import { createOrderSealing } from './orders/order-sealing.js';
import { createOrdersPrivacy } from './privacy/orders.privacy.js';
import { createAnalyticsFeature, type AnalyticsFeatureApi } from './analytics/analytics.feature.js';
import { ordersClassification } from './db/orders.classification.js';
import { ordersMigrations } from './db/migrations/index.js';
import { orderEvents } from './events.js';
import { createOrdersFeature, type OrdersFeatureApi } from './orders/orders.feature.js';
import { createShippingFeature, type ShippingFeatureApi } from './shipping/shipping.feature.js';

/** What orders offers other modules, the CLI and tests (`platform.modules.orders`). */
export interface OrdersApi {
  /** Orders: create (idempotent), the state machine, cancel, refunds, returns, lists, the place-order workflow. */
  readonly orders: OrdersFeatureApi;
  /** Shipments: rates, labels, tracking (the simulator, EasyPost). */
  readonly shipping: ShippingFeatureApi;
  /** Orders and revenue per day, average order value, top products, fulfilment time. */
  readonly analytics: AnalyticsFeatureApi;
  /** Orders' figures of one client (all their accounts together), for the customers module's segments. */
  readonly customerStats: CustomerStatsService['customerStats'];
  /** The same figures per account, for many accounts in one query. */
  readonly customerStatsMany: CustomerStatsService['customerStatsMany'];
}

const descriptions: Record<string, string> = {
  'orders.order.created.v1': 'An order was placed (PENDING).',
  'orders.order.confirmed.v1': 'An order was confirmed: stock reserved and payment authorised.',
  'orders.order.processing.v1': 'An order is being fulfilled (a label was bought).',
  'orders.order.shipped.v1': 'An order left the warehouse (the carrier has it).',
  'orders.order.delivered.v1': 'An order was delivered.',
  'orders.order.cancelled.v1': 'An order was cancelled: reservations released, payment voided or refunded.',
  'orders.order.refunded.v1': 'Money of an order was refunded (full or partial).',
};

/**
 * Orders: the order model (lines, totals and taxes computed here, addresses), one state machine
 * with its history, the place-order workflow with compensation, cancellations, refunds and returns,
 * shipments with carriers' tracking, and the analytics of it all.
 */
export const ordersModule = defineModule({
  name: 'orders',
  migrations: ordersMigrations,
  classification: ordersClassification,
  dependsOn: needs,
  // Carrier credentials: orders.easypost.api_key, orders.easypost.webhook_secret.
  secrets: { read: ['orders.'], write: ['orders.'] },
  adminPermissions: ['commerce:configure'],
  webhookEvents: orderEvents.map((event) => ({
    type: event.type,
    description: descriptions[event.type] ?? event.type,
  })),
  settings: (config): OrdersSettings => ({
    publicUrl: config.http.publicUrl,
    simulatorSpeed: config.settings.SWITCHBOARD_SIMULATOR_SPEED,
  }),
  create: (deps): PlatformModule<OrdersApi> => {
    // Orders' detail shows the shipments, and shipping moves orders: each reads the other when called.
    const late: { shipments?: ShippingFeatureApi } = {};
    const orders = createOrdersFeature(deps, { shipments: () => late.shipments });
    const shipping = createShippingFeature(deps, { transitions: orders.api.transitions });
    late.shipments = shipping.api;
    const analytics = createAnalyticsFeature(deps);
    const stats = createCustomerStatsService(deps.database);
    const features = [orders, shipping, analytics];
    return {
      api: {
        orders: orders.api,
        shipping: shipping.api,
        analytics: analytics.api,
        customerStats: (ctx, query) => stats.customerStats(ctx, query),
        customerStatsMany: (ctx, query) => stats.customerStatsMany(ctx, query),
      },
      privacy: createOrdersPrivacy({
        database: deps.database,
        sealing: createOrderSealing(deps.keyring, deps.subjectKeys),
        objects: deps.objects,
        logger: deps.logger,
      }),
      routes: features.flatMap((feature) => feature.routes ?? []),
      handlers: features.flatMap((feature) => feature.handlers ?? []),
      jobs: features.flatMap((feature) => feature.jobs ?? []),
    };
  },
});
