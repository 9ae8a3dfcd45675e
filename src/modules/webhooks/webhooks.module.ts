import { webhooksClassification } from './db/webhooks.classification.js';
import { Counter } from '../../platform/telemetry/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { WebhookDeliveriesService, WebhookEndpointsService } from './contract.js';
import { webhooksMigrations } from './db/migrations/index.js';
import { createDeliveriesService } from './delivery/deliveries.service.js';
import { fanOutHandler } from './delivery/fan-out.handler.js';
import { createHttpSender } from './delivery/http-sender.js';
import { createEndpointsService } from './endpoints/endpoints.service.js';
import { webhooksRoutes } from './endpoints/endpoints.routes.js';

/** What webhooks offers other modules, the CLI and tests (`platform.modules.webhooks`). */
export interface WebhooksApi {
  readonly endpoints: WebhookEndpointsService;
  readonly deliveries: WebhookDeliveriesService;
}

/**
 * Outbound webhooks: tenants' endpoints, the signed deliveries of the event types modules offer
 * (`webhookEvents` in their definitions), retries and the delivery log. docs/webhooks.md.
 */
export const webhooksModule = defineModule({
  name: 'webhooks',
  migrations: webhooksMigrations,
  classification: webhooksClassification,
  adminPermissions: ['webhooks:manage'],
  settings: (config) => config.outboundWebhooks,
  create: (deps): PlatformModule<WebhooksApi> => {
    const { settings } = deps;
    const urlPolicy = { allowHttp: settings.allowHttp };
    const eventTypes = new Set(deps.webhookEvents.map((e) => e.type));
    const dead = new Counter({
      name: 'switchboard_webhook_deliveries_dead_total',
      help: 'Webhook deliveries that ran out of attempts',
      registers: [deps.metrics],
    });
    const endpoints = createEndpointsService({
      database: deps.database,
      keyring: deps.keyring,
      auditLog: deps.auditLog,
      urlPolicy,
      eventTypes,
    });
    const deliveries = createDeliveriesService({
      database: deps.database,
      keyring: deps.keyring,
      auditLog: deps.auditLog,
      logger: deps.logger,
      send: createHttpSender({ fetch: deps.fetch ?? fetch, timeoutMs: settings.timeoutMs }),
      schedule: { maxAttempts: settings.maxAttempts, firstRetryMs: settings.firstRetryMs },
      claimLeaseMs: settings.timeoutMs + 60_000,
      onDead: () => dead.inc(),
    });
    return {
      api: { endpoints, deliveries },
      routes: [
        {
          surface: 'internal',
          prefix: '/webhooks',
          plugin: webhooksRoutes({ endpoints, deliveries, urlPolicy, eventTypes: deps.webhookEvents }),
        },
      ],
      handlers: eventTypes.size > 0 ? [fanOutHandler([...eventTypes], deliveries)] : [],
      jobs: [
        {
          kind: 'timer',
          name: 'webhooks.send',
          // Every 5 seconds: the deliveries that are due are sent (claimed, so replicas share them).
          cron: '*/5 * * * * *',
          missed: 'skip',
          run: async () => {
            await deliveries.sendDue();
          },
        },
        {
          kind: 'timer',
          name: 'webhooks.prune',
          // Daily: the delivery log keeps 30 days of settled deliveries.
          cron: '17 3 * * *',
          run: async (run) => {
            const { removed } = await deliveries.prune(run.scheduledFor, 30);
            if (removed > 0) deps.logger.info({ removed }, 'webhook events pruned');
          },
        },
      ],
    };
  },
});
