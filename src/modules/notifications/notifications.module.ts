import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { ItemsService } from './contract.js';
import { notificationsMigrations } from './db/migrations/index.js';
import { itemCreatedHandler } from './items/item-created.handler.js';
import { itemsRoutes } from './items/items.routes.js';
import { createItemsService } from './items/items.service.js';

/** What notifications offers other modules, the CLI and tests (`platform.modules.notifications`). */
export interface NotificationsApi {
  readonly items: ItemsService;
}

/** Notifications: say here what the module owns. */
export const notificationsModule = defineModule({
  name: 'notifications',
  migrations: notificationsMigrations,
  create: ({ database, bus }): PlatformModule<NotificationsApi> => {
    const items = createItemsService({ database, bus });
    return {
      api: { items },
      routes: [{ surface: 'internal', prefix: '/notifications/items', plugin: itemsRoutes(items) }],
      handlers: [itemCreatedHandler()],
    };
  },
});
