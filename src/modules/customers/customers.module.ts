import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ItemsService } from './contract.js';
import { customersMigrations } from './db/migrations/index.js';
import { itemCreatedHandler } from './items/item-created.handler.js';
import { itemsRoutes } from './items/items.routes.js';
import { createItemsService } from './items/items.service.js';

/** What customers offers other modules, the CLI and tests (`platform.modules.customers`). */
export interface CustomersApi {
  readonly items: ItemsService;
}

/** Customers: say here what the module owns. */
export const customersModule = defineModule({
  name: 'customers',
  migrations: customersMigrations,
  create: ({ database, bus }): PlatformModule<CustomersApi> => {
    const items = createItemsService({ database, bus });
    return {
      api: { items },
      routes: [{ surface: 'internal', prefix: '/customers/items', plugin: itemsRoutes(items) }],
      handlers: [itemCreatedHandler()],
    };
  },
});
