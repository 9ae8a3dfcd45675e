import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ItemsService } from './contract.js';
import { webhooksMigrations } from './db/migrations/index.js';
import { itemCreatedHandler } from './items/item-created.handler.js';
import { itemsRoutes } from './items/items.routes.js';
import { createItemsService } from './items/items.service.js';

/** What webhooks offers other modules, the CLI and tests (`platform.modules.webhooks`). */
export interface WebhooksApi {
  readonly items: ItemsService;
}

/** Webhooks: say here what the module owns. */
export const webhooksModule = defineModule({
  name: 'webhooks',
  migrations: webhooksMigrations,
  create: ({ database, bus }): PlatformModule<WebhooksApi> => {
    const items = createItemsService({ database, bus });
    return {
      api: { items },
      routes: [{ surface: 'internal', prefix: '/webhooks/items', plugin: itemsRoutes(items) }],
      handlers: [itemCreatedHandler()],
    };
  },
});
