/**
 * What an API key may be allowed to do, grouped for the create form. The names are the server's
 * permissions that a key may carry; a test keeps this list equal to the server's.
 */
export const scopeGroups = [
  {
    title: 'Sending data in',
    scopes: [
      { scope: 'calls:ingest', label: 'Send call records', hint: 'Connectors, webhooks and imports' },
      { scope: 'recordings:ingest', label: 'Send recordings', hint: 'Audio files and their metadata' },
    ],
  },
  {
    title: 'Call records',
    scopes: [
      { scope: 'calls:read', label: 'Read calls' },
      { scope: 'calls:export', label: 'Export calls' },
      { scope: 'calls:raw', label: 'Read raw payloads' },
      { scope: 'quarantine:manage', label: 'Manage quarantine' },
    ],
  },
  {
    title: 'Conversations',
    scopes: [
      { scope: 'recordings:read', label: 'Read recordings' },
      { scope: 'recordings:play', label: 'Play recordings' },
      { scope: 'transcripts:read', label: 'Read transcripts' },
      { scope: 'analysis:read', label: 'Read analysis' },
      { scope: 'scorecards:write', label: 'Write scorecards' },
    ],
  },
  {
    title: 'Campaigns',
    scopes: [
      { scope: 'leads:read', label: 'Read leads' },
      { scope: 'leads:write', label: 'Write leads' },
      { scope: 'leads:export', label: 'Export leads' },
      { scope: 'campaigns:read', label: 'Read campaigns' },
      { scope: 'campaigns:write', label: 'Write campaigns' },
      { scope: 'dnc:write', label: 'Edit do-not-call lists' },
    ],
  },
  {
    title: 'Customers and orders',
    scopes: [
      { scope: 'customers:read', label: 'Read customers' },
      { scope: 'customers:write', label: 'Write customers' },
      { scope: 'products:write', label: 'Write products' },
      { scope: 'inventory:write', label: 'Write inventory' },
      { scope: 'orders:read', label: 'Read orders' },
      { scope: 'orders:write', label: 'Write orders' },
      { scope: 'payments:refund', label: 'Refund payments' },
    ],
  },
  {
    title: 'Organisation',
    scopes: [
      { scope: 'tenant:read', label: 'Read organisation' },
      { scope: 'settings:read', label: 'Read settings' },
      { scope: 'settings:write', label: 'Change settings' },
      { scope: 'users:read', label: 'Read users' },
      { scope: 'api_keys:read', label: 'Read API keys' },
      { scope: 'identity_providers:read', label: 'Read sign-in providers' },
      { scope: 'audit:read', label: 'Read the audit log' },
      { scope: 'privacy:requests', label: 'Data-subject requests' },
      { scope: 'bus:admin', label: 'Event bus administration' },
    ],
  },
] as const satisfies readonly { title: string; scopes: readonly { scope: string; label: string; hint?: string }[] }[];

export const allScopes: readonly string[] = scopeGroups.flatMap((group) => group.scopes.map((s) => s.scope));
