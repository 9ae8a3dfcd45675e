import type { Actor } from '../../platform/context.js';

/**
 * The one table of what each role may do. Routes declare the permission they need
 * (`config: { permission: 'calls:read' }`); sign-in resolves a user's roles to this set, and API
 * keys carry a subset as scopes. A test walks every route against this table.
 */
export const permissions = [
  // tenant and administration
  'tenant:read',
  'settings:read',
  'settings:write',
  'users:read',
  'users:write',
  'api_keys:read',
  'api_keys:write',
  'identity_providers:read',
  'identity_providers:write',
  'audit:read',
  'bus:admin',
  // outbound webhooks: endpoints, secrets, delivery log
  'webhooks:manage',
  // call records
  'calls:read',
  'calls:export',
  'calls:raw',
  'calls:ingest',
  'quarantine:manage',
  // conversations
  'recordings:read',
  'recordings:play',
  'recordings:read_original',
  'recordings:ingest',
  'recordings:write',
  'transcripts:read',
  'analysis:read',
  'scorecards:write',
  // insight schemas, QA scorecards and category sets (versioned configuration)
  'analysis:configure',
  // QA reviews: override a rule's score, resolve disputes (qa:review); contest an evaluation (qa:dispute)
  'qa:review',
  'qa:dispute',
  // campaigns
  'leads:read',
  'leads:write',
  'leads:export',
  'campaigns:read',
  'campaigns:write',
  'dnc:write',
  // customer service and orders
  'customers:read',
  'customers:write',
  'products:read',
  'products:write',
  'inventory:write',
  'orders:read',
  'orders:write',
  'payments:refund',
  // tax rates, shipping rates, payment gateways, carriers and the ERP connection of the tenant
  'commerce:configure',
  // notifications: one's own (every signed-in employee), sending to people, templates and channels
  'notifications:read',
  'notifications:send',
  'notifications:configure',
  // privacy: data-subject requests (access, erasure, restriction, rectification)
  'privacy:requests',
  // metering: usage and the cost-allocation report (read), the unit prices (admin)
  'metering:read',
  'metering:admin',
  // the client portal (external surface)
  'portal:read',
  'portal:orders:write',
  'portal:profile:write',
  // the only thing a sign-in that still owes a second factor may do
  'auth:mfa:enroll',
] as const;

export type Permission = (typeof permissions)[number];

export const employeeRoles = [
  'owner',
  'admin',
  'supervisor',
  'agent',
  'order_manager',
  'customer_service',
  'analyst',
  'viewer',
] as const;
export const clientRoles = ['client'] as const;
export const roles = [...employeeRoles, ...clientRoles] as const;
export type Role = (typeof roles)[number];

const portal: readonly Permission[] = ['portal:read', 'portal:orders:write', 'portal:profile:write'];
const everyEmployeePermission = permissions.filter((p) => !portal.includes(p) && p !== 'auth:mfa:enroll');

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  owner: everyEmployeePermission,
  admin: everyEmployeePermission,
  supervisor: [
    'tenant:read',
    'users:read',
    'calls:read',
    'calls:export',
    'calls:raw',
    'quarantine:manage',
    'recordings:read',
    'recordings:play',
    'recordings:read_original',
    'recordings:ingest',
    'transcripts:read',
    'analysis:read',
    'scorecards:write',
    'analysis:configure',
    'qa:review',
    'qa:dispute',
    'leads:read',
    'campaigns:read',
    'customers:read',
    'products:read',
    'orders:read',
    'notifications:read',
    'notifications:send',
  ],
  agent: [
    'tenant:read',
    'calls:read',
    'recordings:read',
    'qa:dispute',
    'leads:read',
    'leads:write',
    'customers:read',
    'customers:write',
    'products:read',
    'orders:read',
    'orders:write',
    'notifications:read',
  ],
  order_manager: [
    'tenant:read',
    'customers:read',
    'customers:write',
    'products:read',
    'products:write',
    'inventory:write',
    'orders:read',
    'orders:write',
    'payments:refund',
    'notifications:read',
    'notifications:send',
  ],
  // Serves clients on the phone and by e-mail: finds customers and their orders, places and changes
  // orders for them, cancels; refunds stay with order managers.
  customer_service: [
    'tenant:read',
    'calls:read',
    'customers:read',
    'customers:write',
    'products:read',
    'orders:read',
    'orders:write',
    'notifications:read',
    'notifications:send',
    'privacy:requests',
  ],
  analyst: [
    'tenant:read',
    'calls:read',
    'calls:export',
    'analysis:read',
    'transcripts:read',
    'leads:read',
    'leads:export',
    'campaigns:read',
    'products:read',
    'orders:read',
    'notifications:read',
    'metering:read',
  ],
  viewer: [
    'tenant:read',
    'calls:read',
    // Recordings and their redacted audio; never the original audio.
    'recordings:read',
    'recordings:play',
    'analysis:read',
    'leads:read',
    'campaigns:read',
    'customers:read',
    'products:read',
    'orders:read',
    'notifications:read',
  ],
  client: portal,
};

/** Roles that must use a second factor when the tenant requires it. */
export const privilegedRoles: readonly Role[] = ['owner', 'admin'];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

export function permissionsOf(userRoles: readonly string[]): ReadonlySet<Permission> {
  return new Set(userRoles.filter(isRole).flatMap((role) => rolePermissions[role]));
}

/** What an actor may do: a user's roles resolved through the table, or an API key's scopes. */
export function actorPermissions(actor: Actor): ReadonlySet<string> {
  switch (actor.type) {
    case 'user':
      return permissionsOf(actor.roles);
    case 'api_key':
      return new Set(actor.scopes);
    case 'system':
      return new Set(permissions);
  }
}

/** Scopes an API key may carry: machine work, never user administration or the portal. */
export const apiKeyScopes: readonly Permission[] = permissions.filter(
  (p) =>
    !portal.includes(p) &&
    !['users:write', 'api_keys:write', 'identity_providers:write', 'auth:mfa:enroll'].includes(p),
);
