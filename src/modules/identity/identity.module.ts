import type { Database } from '../../platform/db/index.js';
import type { PlatformModule } from '../../platform/module.js';
import type { TenantAdmin, TenantsService } from './contract.js';
import { tenantRoutes } from './http/tenant.routes.js';
import { createTenantAdmin, createTenantsService } from './service/tenants.service.js';

export interface IdentityModule extends PlatformModule {
  readonly tenants: TenantsService;
  readonly tenantAdmin: TenantAdmin;
}

export function createIdentityModule(deps: { database: Database }): IdentityModule {
  const tenants = createTenantsService(deps.database);
  return {
    name: 'identity',
    tenants,
    tenantAdmin: createTenantAdmin(deps.database),
    routes: [{ prefix: '/tenant', plugin: tenantRoutes(tenants) }],
  };
}
