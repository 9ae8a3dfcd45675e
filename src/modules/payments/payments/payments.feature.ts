import type { RequestContext } from '../../../platform/context.js';
import type { PlatformModule } from '../../../platform/module.js';
import type { GatewayName, PaymentsService } from '../contract.js';
import type { PaymentGateway, WebhookRequest } from '../gateways/gateway.js';
import { createPaypalGateway, type PaypalGateway } from '../gateways/paypal.js';
import { createSimulatorGateway, type SimulatorGateway } from '../gateways/simulator.js';
import { createStripeGateway } from '../gateways/stripe.js';
import type { PaymentsDeps } from '../payments.deps.js';
import { createReconciliation, type Reconciliation } from '../reconciliation/reconciliation.js';
import { createWebhookIngestion, type IngestResult } from '../webhooks/ingestion.js';
import { simulatorChallengeRoutes } from '../webhooks/simulator-3ds.routes.js';
import { paymentWebhookRoutes } from '../webhooks/webhooks.routes.js';
import { createGatewaySettings, type GatewaySettings } from './gateway-settings.js';
import { paymentsRoutes } from './payments.routes.js';
import { createPaymentsMetrics } from './payments.metrics.js';
import { createPaymentsService, type PaymentsServiceImpl } from './payments.service.js';

/** What payments offers: the door (PaymentsService) and what the console, CLI and tests need beside it. */
export interface PaymentsFeatureApi extends PaymentsService {
  /** Payments newest first (keyset pages), optionally of one order. */
  readonly list: PaymentsServiceImpl['list'];
  /** The tenant's gateways: list, configure (credentials to the secrets store), the default. */
  readonly gateways: Pick<GatewaySettings, 'list' | 'configure' | 'defaultGateway'>;
  /** Reconciliation against a gateway's own list of a day; `daily` is what the timer runs. */
  readonly reconciliation: Pick<Reconciliation, 'run' | 'list' | 'daily'>;
  /** The webhook ingestion path (signature checked by the gateway's adapter). */
  ingestWebhook(ctx: RequestContext, gateway: GatewayName, request: WebhookRequest): Promise<IngestResult>;
  /** The embedded simulator (its hooks, its challenge links). */
  readonly simulator: SimulatorGateway;
  /** Delivers the simulator's due webhooks now (what its timer does every few seconds). */
  deliverSimulatorWebhooks(now?: Date): Promise<number>;
  /** The adapter of a gateway (tests, reconciliation). */
  gateway(name: GatewayName): PaymentGateway;
}

export function createPaymentsFeature(deps: PaymentsDeps): PlatformModule<PaymentsFeatureApi> {
  const fetchFn = deps.fetch ?? globalThis.fetch;
  const settings = createGatewaySettings({
    database: deps.database,
    secrets: deps.secrets,
    audit: deps.auditLog,
  });
  const simulator = createSimulatorGateway({
    database: deps.database,
    keyring: deps.keyring,
    logger: deps.logger,
    publicUrl: deps.settings.publicUrl,
  });
  const stripe = createStripeGateway({ fetch: fetchFn, configFor: (ctx) => settings.stripeConfig(ctx) });
  const paypal: PaypalGateway = createPaypalGateway({
    fetch: fetchFn,
    configFor: (ctx) => settings.paypalConfig(ctx),
  });
  const adapters: Record<GatewayName, PaymentGateway> = { simulator, stripe, paypal };
  const gateways = { get: (name: GatewayName) => adapters[name] };
  const service = createPaymentsService({
    database: deps.database,
    keyring: deps.keyring,
    bus: deps.bus,
    audit: deps.auditLog,
    logger: deps.logger,
    gateways,
    defaultGateway: (ctx) => settings.defaultGateway(ctx),
    metrics: createPaymentsMetrics(deps.metrics),
  });
  const ingest = createWebhookIngestion({
    database: deps.database,
    keyring: deps.keyring,
    audit: deps.auditLog,
    gateways,
    service,
  });
  const reconciliation = createReconciliation({
    database: deps.database,
    gateways,
    audit: deps.auditLog,
    logger: deps.logger,
  });
  const deliverSimulatorWebhooks = (now = new Date()) =>
    simulator.deliverDue(now, (ctx, request) => ingest(ctx, 'simulator', request));

  return {
    api: {
      authorize: (ctx, input) => service.authorize(ctx, input),
      capture: (ctx, paymentId, input) => service.capture(ctx, paymentId, input),
      void: (ctx, paymentId, input) => service.void(ctx, paymentId, input),
      refund: (ctx, paymentId, input) => service.refund(ctx, paymentId, input),
      get: (ctx, paymentId) => service.get(ctx, paymentId),
      forOrder: (ctx, orderId) => service.forOrder(ctx, orderId),
      list: (ctx, query) => service.list(ctx, query),
      gateways: settings,
      reconciliation,
      ingestWebhook: ingest,
      simulator,
      deliverSimulatorWebhooks,
      gateway: (name) => adapters[name],
    },
    routes: [
      // Gateways' webhooks and the simulator's challenge page: public (a signature or a signed
      // token decides), hidden from the OpenAPI document. Mounted before the /:id routes' prefix.
      { surface: 'internal', prefix: '/payments/webhooks', plugin: paymentWebhookRoutes(ingest) },
      {
        surface: 'internal',
        prefix: '/payments/simulator/3ds',
        plugin: simulatorChallengeRoutes({ simulator, service, database: deps.database }),
      },
      {
        surface: 'internal',
        prefix: '/payments',
        plugin: paymentsRoutes({ service, settings, reconciliation }),
      },
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'payments.simulator-webhooks',
        // Every 5 seconds: the simulator's delayed webhooks that are due, through the ingestion path.
        cron: '*/5 * * * * *',
        missed: 'skip',
        run: async (run) => {
          const delivered = await deliverSimulatorWebhooks(run.scheduledFor);
          if (delivered > 0) deps.logger.debug({ delivered }, 'simulator webhooks delivered');
        },
      },
      {
        kind: 'timer',
        name: 'payments.daily-reconciliation',
        // Daily at 03:17 UTC: yesterday's captures and refunds against each gateway's own list.
        cron: '17 3 * * *',
        run: async (run) => {
          const reports = await reconciliation.daily(run.scheduledFor);
          if (reports > 0) deps.logger.info({ reports }, 'payments reconciled');
        },
      },
    ],
  };
}
