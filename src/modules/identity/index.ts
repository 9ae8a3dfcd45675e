export type * from './contract.js';
export { createIdentityModule, type IdentityModule, type IdentityDeps } from './identity.module.js';
export { identityMigrations } from './db/migrations/index.js';
export { IdentityErrors } from './errors.js';
export { permissions, roles, rolePermissions, permissionsOf, apiKeyScopes, isPermission, type Permission, type Role } from './roles.js';
