/**
 * The permissions the console checks before offering something. Names are the server's
 * (src/modules/identity/roles.ts); a test keeps this list in step with that table.
 */
export const consolePermissions = [
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
  'calls:read',
  'calls:export',
  'calls:raw',
  'quarantine:manage',
  'recordings:read',
  'recordings:play',
  'recordings:ingest',
  'recordings:write',
  'recordings:read_original',
  'transcripts:read',
  'analysis:read',
  'analysis:configure',
  'webhooks:manage',
  'qa:review',
  'qa:dispute',
  'leads:read',
  'leads:write',
  'leads:export',
  'campaigns:read',
  'campaigns:write',
  'dnc:write',
  'orders:read',
  'orders:write',
  'payments:refund',
  'products:read',
  'products:write',
  'inventory:write',
  'commerce:configure',
  'customers:read',
  'customers:write',
  'notifications:read',
  'notifications:send',
  'notifications:configure',
  'privacy:requests',
  'metering:read',
  'metering:admin',
] as const;

export type ConsolePermission = (typeof consolePermissions)[number];

export function hasPermission(
  granted: readonly string[] | undefined,
  permission: ConsolePermission,
): boolean {
  return granted?.includes(permission) ?? false;
}
