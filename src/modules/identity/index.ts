export type * from './contract.js';
export { identityModule, type IdentityApi } from './identity.module.js';
export { IdentityErrors } from './errors.js';
export { permissions, roles, rolePermissions, permissionsOf, apiKeyScopes, isPermission, type Permission, type Role } from './roles.js';
