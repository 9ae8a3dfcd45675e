import type { PlatformModule } from '../../../platform/module.js';
import type { CatalogDeps } from '../catalog.deps.js';
import type { InventoryFeatureApi } from '../inventory/inventory.feature.js';
import type { ProductsFeatureApi } from '../products/products.feature.js';
import { createErpClients, type ErpClientOptions, type ErpClients } from './erp.client.js';
import { erpRoutes } from './erp.routes.js';
import { createErpSync, type ErpSync } from './erp.sync.js';

/** Run a sync now, list reports, the connection (with its circuit), the timer's pass; `idle` for inline runs. */
export type ErpFeatureApi = Pick<
  ErpSync,
  'start' | 'get' | 'list' | 'connection' | 'putConnection' | 'runDue' | 'idle'
> & {
  readonly clients: ErpClients;
};

/** The ERP over SOAP: inventory delta sync and product master import as durable jobs, with reports. */
export function createErpFeature(
  deps: CatalogDeps,
  _features: { readonly products: ProductsFeatureApi; readonly inventory: InventoryFeatureApi },
  options: { readonly client?: ErpClientOptions; readonly pageSize?: number } = {},
): PlatformModule<ErpFeatureApi> {
  const clients = createErpClients(options.client);
  const sync = createErpSync({
    database: deps.database,
    bus: deps.bus,
    audit: deps.auditLog,
    secrets: deps.secrets,
    logger: deps.logger,
    workflows: deps.workflows,
    clients,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  return {
    api: {
      clients,
      start: (ctx, kind) => sync.start(ctx, kind),
      get: (ctx, id) => sync.get(ctx, id),
      list: (ctx, kind, limit) => sync.list(ctx, kind, limit),
      connection: (ctx) => sync.connection(ctx),
      putConnection: (ctx, input) => sync.putConnection(ctx, input),
      runDue: (now) => sync.runDue(now),
      idle: () => sync.idle(),
    },
    routes: [{ surface: 'internal', prefix: '/catalog/erp', plugin: erpRoutes(sync) }],
    jobs: [
      {
        kind: 'timer',
        name: 'catalog.erp-sync-due',
        cron: '* * * * *',
        missed: 'skip',
        run: async () => {
          await sync.runDue();
        },
      },
    ],
  };
}
