export type { Tenant, NewTenant, TenantsService, TenantAdmin } from './contract.js';
export { createIdentityModule, type IdentityModule } from './identity.module.js';
export { identityMigrations } from './db/migrations/index.js';
export { IdentityErrors } from './errors.js';
