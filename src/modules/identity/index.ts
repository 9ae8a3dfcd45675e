export type * from './contract.js';
export { identityModule, type IdentityApi } from './identity.module.js';
export { apiKeyScopes, permissions, rolePermissions, roles, type Permission, type Role } from './roles.js';
export * from './events.js';
