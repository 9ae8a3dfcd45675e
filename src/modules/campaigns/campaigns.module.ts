import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ItemsService } from './contract.js';
import { campaignsMigrations } from './db/migrations/index.js';
import { itemCreatedHandler } from './items/item-created.handler.js';
import { itemsRoutes } from './items/items.routes.js';
import { createItemsService } from './items/items.service.js';

/** What campaigns offers other modules, the CLI and tests (`platform.modules.campaigns`). */
export interface CampaignsApi {
  readonly items: ItemsService;
}

/** Campaigns: say here what the module owns. */
export const campaignsModule = defineModule({
  name: 'campaigns',
  migrations: campaignsMigrations,
  create: ({ database, bus }): PlatformModule<CampaignsApi> => {
    const items = createItemsService({ database, bus });
    return {
      api: { items },
      routes: [{ surface: 'internal', prefix: '/campaigns/items', plugin: itemsRoutes(items) }],
      handlers: [itemCreatedHandler()],
    };
  },
});
