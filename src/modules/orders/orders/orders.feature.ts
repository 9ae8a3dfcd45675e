import { systemContext } from '../../../platform/context.js';
import type { PlatformModule } from '../../../platform/module.js';
import { paymentAuthorizedV1, type PaymentAuthorized } from '../../payments/index.js';
import type { OrderTransitions, ShipmentsService } from '../contract.js';
import type { OrdersDeps } from '../orders.deps.js';
import { createOrderSealing } from './order-sealing.js';
import { ordersRoutes, portalOrdersRoutes } from './orders.routes.js';
import {
  createOrdersService,
  orderPublicId,
  placeOrderWorkflowId,
  type OrdersService,
} from './orders.service.js';
import { createOrdersMetrics } from './orders.metrics.js';
import { definePlaceOrder, type PaymentSettled } from './place-order.workflow.js';

/** What the orders feature offers: the state machine for shipping, and the rest for routes, tests and the CLI. */
export interface OrdersFeatureApi extends Omit<OrdersService, 'transitions' | 'internals'> {
  readonly transitions: OrderTransitions;
  /** Runs the sweeper once (tests): stale holds released, unstarted workflows started. */
  sweep(now?: Date): Promise<{ released: number; started: number }>;
}

/**
 * Orders: create (idempotent), the state machine, cancel, refunds, returns, lists, settings,
 * discounts and the place-order workflow. Catalog and payments are read from `deps.modules` at
 * each call, so a test can replace their members with fakes on the platform it built.
 */
export function createOrdersFeature(
  deps: OrdersDeps,
  features: { readonly shipments: () => Pick<ShipmentsService, 'forOrder'> | undefined } = {
    shipments: () => undefined,
  },
): PlatformModule<OrdersFeatureApi> {
  const workflows = deps.workflows;
  // Test hook of the kill -9 test: the process dies right after the named step completed.
  const crashAfter = process.env.SWITCHBOARD_TEST_ORDERS_CRASH_AFTER;
  let startWorkflow: ((tenantId: string, orderUuid: string) => Promise<void>) | undefined;
  const service = createOrdersService({
    database: deps.database,
    sealing: createOrderSealing(deps.keyring, deps.subjectKeys),
    audit: deps.auditLog,
    bus: deps.bus,
    redis: deps.redis,
    logger: deps.logger,
    catalog: () => deps.modules.catalog,
    shipments: features.shipments,
    payments: () => deps.modules.payments,
    startWorkflow: workflows
      ? (tenantId, uuid) => (startWorkflow ?? (() => Promise.resolve()))(tenantId, uuid)
      : undefined,
    metrics: createOrdersMetrics(deps.metrics),
  });
  if (workflows) {
    const placeOrder = definePlaceOrder(workflows, {
      plan: (ctx, uuid) => service.internals.plan(ctx, uuid),
      inventory: () => deps.modules.catalog.inventory,
      payments: () => deps.modules.payments,
      transition: (ctx, orderId, to, input) => service.transition(ctx, orderId, to, input),
      afterStep: (name) => {
        if (crashAfter === name) {
          process.stdout.write(`ORDERS CRASHING AFTER ${name}\n`);
          process.kill(process.pid, 'SIGKILL');
        }
      },
    });
    startWorkflow = async (tenantId, uuid) => {
      await workflows.start(placeOrder, { tenantId, orderUuid: uuid }, { id: placeOrderWorkflowId(uuid) });
    };
  }

  async function sweep(now = new Date()): Promise<{ released: number; started: number }> {
    let released = 0;
    let started = 0;
    try {
      const holds = await deps.modules.catalog.inventory.staleHolds(
        new Date(now.getTime() - 10 * 60_000),
        100,
      );
      for (const hold of holds) {
        if (await service.internals.exists(hold.tenantId, hold.orderId)) continue;
        await deps.modules.catalog.inventory.release(
          systemContext(hold.tenantId, 'orders-sweeper', 'orders.sweeper'),
          hold.orderId,
          'order_never_written',
        );
        released += 1;
      }
    } catch (error) {
      deps.logger.warn({ err: error }, 'orders sweeper: releasing stale holds failed');
    }
    for (const order of await service.internals.unstarted(new Date(now.getTime() - 60_000), 100)) {
      await service.internals.startWorkflow(order.tenantId, order.id);
      started += 1;
    }
    return { released, started };
  }

  const { internals: _internals, transitions, ...rest } = service;
  return {
    api: { ...rest, transitions, sweep },
    routes: [
      { surface: 'internal', prefix: '/orders', plugin: ordersRoutes(service) },
      { surface: 'external', prefix: '/orders', plugin: portalOrdersRoutes(service) },
    ],
    handlers: [
      {
        group: 'orders-payment-settled',
        topics: [paymentAuthorizedV1.type],
        // An authorisation that waited for the customer (3-D Secure, PayPal) settled: tell the order's workflow.
        handle: async (_ctx, event) => {
          if (!workflows) return;
          const data = event.data as PaymentAuthorized;
          const message: PaymentSettled = { status: data.status, failureCode: data.failureCode };
          const uuid = data.orderId.startsWith('ord_') ? data.orderId : orderPublicId(data.orderId);
          await workflows.send(`place-order:${uuid}`, 'payment', message).catch((error: unknown) => {
            deps.logger.info(
              { err: error, orderId: data.orderId },
              'no place-order workflow to tell of the payment',
            );
          });
        },
      },
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'orders.sweeper',
        cron: '0 * * * * *',
        missed: 'skip',
        run: async () => {
          await sweep();
        },
      },
      {
        kind: 'timer',
        name: 'orders.idempotency-purge',
        cron: '0 17 * * * *',
        missed: 'run-once',
        run: async () => {
          await service.internals.purgeIdempotencyKeys(new Date(Date.now() - 24 * 3600_000));
        },
      },
    ],
  };
}
