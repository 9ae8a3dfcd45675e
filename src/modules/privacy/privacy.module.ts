import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ItemsService } from './contract.js';
import { privacyMigrations } from './db/migrations/index.js';
import { itemCreatedHandler } from './items/item-created.handler.js';
import { itemsRoutes } from './items/items.routes.js';
import { createItemsService } from './items/items.service.js';

/** What privacy offers other modules, the CLI and tests (`platform.modules.privacy`). */
export interface PrivacyApi {
  readonly items: ItemsService;
}

/** Privacy: say here what the module owns. */
export const privacyModule = defineModule({
  name: 'privacy',
  migrations: privacyMigrations,
  create: ({ database, bus }): PlatformModule<PrivacyApi> => {
    const items = createItemsService({ database, bus });
    return {
      api: { items },
      routes: [{ surface: 'internal', prefix: '/privacy/items', plugin: itemsRoutes(items) }],
      handlers: [itemCreatedHandler()],
    };
  },
});
