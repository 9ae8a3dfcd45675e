import type { PlatformModule } from '../../../platform/module.js';
import type { CarrierName, OrderTransitions } from '../contract.js';
import type { OrdersDeps } from '../orders.deps.js';
import type { Carrier } from './carrier.js';
import { createEasypostCarrier, EASYPOST_SECRETS } from './easypost.js';
import { createShippingService, type ShippingService } from './shipping.service.js';
import { shippingRoutes, shippingWebhookRoutes } from './shipping.routes.js';
import { createSimulatorCarrier } from './simulator-carrier.js';

/** Shipments (rates, labels, tracking), the tracking ingestion and the carriers. */
export interface ShippingFeatureApi extends ShippingService {
  readonly carriers: Readonly<Record<CarrierName, Carrier>>;
  /** Stops the simulator's pending tracking timers (platform shutdown, tests). */
  close(): void;
}

export const SHIPPING_WEBHOOK_PATH = '/api/v1/orders/shipping/webhooks';

/**
 * Carriers (the simulator by default; EasyPost when the tenant set `orders.easypost.api_key`),
 * shipments and the tracking that moves orders through `transitions`.
 */
export function createShippingFeature(
  deps: OrdersDeps,
  features: {
    readonly transitions: OrderTransitions;
    /** Which carrier a tenant uses; default: EasyPost when its API key is set, else the simulator. */
    readonly carrierFor?: (ctx: { readonly tenantId: string }) => Promise<CarrierName>;
  },
): PlatformModule<ShippingFeatureApi> {
  // The simulator delivers to the service, which is created after it: read when a step fires.
  const late: { service?: ShippingService } = {};
  const simulator = createSimulatorCarrier({
    logger: deps.logger,
    speed: deps.settings.simulatorSpeed,
    deliver: async (ctx, update) => {
      await late.service?.ingest(ctx, 'simulator', update);
    },
  });
  const carriers: Record<CarrierName, Carrier> = {
    simulator,
    easypost: createEasypostCarrier({ secrets: deps.secrets, fetch: deps.fetch }),
  };
  const service = createShippingService({
    database: deps.database,
    keyring: deps.keyring,
    audit: deps.auditLog,
    objects: deps.objects,
    signedObjectUrl: (key, options) => deps.signedObjectUrl(key, options),
    secrets: deps.secrets,
    logger: deps.logger,
    transitions: features.transitions,
    products: deps.modules.catalog.products,
    inventory: deps.modules.catalog.inventory,
    carriers,
    carrierFor:
      features.carrierFor ??
      (async (ctx) =>
        (await deps.secrets.read({ tenantId: ctx.tenantId }, EASYPOST_SECRETS.apiKey))
          ? 'easypost'
          : 'simulator'),
  });
  late.service = service;
  const api: ShippingFeatureApi = { ...service, carriers, close: () => simulator.close() };
  return {
    api,
    routes: [
      { surface: 'internal', prefix: '/orders', plugin: shippingRoutes(service) },
      // Carriers' webhooks: public (the signature decides), hidden from the OpenAPI document.
      {
        surface: 'internal',
        prefix: '/orders/shipping/webhooks',
        plugin: shippingWebhookRoutes({ service, carriers }),
      },
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'orders.shipping-simulator-catch-up',
        // Every minute: simulated parcels whose in-process steps were lost (a restart) catch up with their clock.
        cron: '* * * * *',
        missed: 'skip',
        run: async () => {
          const applied = await service.catchUp();
          if (applied) deps.logger.info({ applied }, 'simulated tracking caught up');
        },
      },
    ],
  };
}
