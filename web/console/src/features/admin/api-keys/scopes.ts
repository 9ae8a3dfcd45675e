/**
 * What an API key may be allowed to do, grouped for the create form. The names are the server's
 * permissions that a key may carry; a test keeps this list equal to the server's. Their words are
 * in `scopes.messages.ts`, keyed by the same names.
 */
export const scopeGroups = [
  { id: 'ingest', scopes: ['calls:ingest', 'recordings:ingest'] },
  { id: 'calls', scopes: ['calls:read', 'calls:export', 'calls:raw', 'quarantine:manage'] },
  {
    id: 'conversations',
    scopes: [
      'recordings:read',
      'recordings:play',
      'recordings:write',
      'recordings:read_original',
      'transcripts:read',
      'analysis:read',
      'scorecards:write',
      'analysis:configure',
      'qa:review',
      'qa:dispute',
    ],
  },
  {
    id: 'campaigns',
    scopes: ['leads:read', 'leads:write', 'leads:export', 'campaigns:read', 'campaigns:write', 'dnc:write'],
  },
  {
    id: 'commerce',
    scopes: [
      'customers:read',
      'customers:write',
      'products:read',
      'products:write',
      'inventory:write',
      'orders:read',
      'orders:write',
      'payments:refund',
      'commerce:configure',
    ],
  },
  {
    id: 'organisation',
    scopes: [
      'tenant:read',
      'settings:read',
      'settings:write',
      'users:read',
      'api_keys:read',
      'identity_providers:read',
      'audit:read',
      'privacy:requests',
      'notifications:read',
      'notifications:send',
      'notifications:configure',
      'bus:admin',
      'webhooks:manage',
      'metering:read',
      'metering:admin',
    ],
  },
] as const;

export type ScopeGroupId = (typeof scopeGroups)[number]['id'];
export type Scope = (typeof scopeGroups)[number]['scopes'][number];

export const allScopes: readonly string[] = scopeGroups.flatMap((group) => group.scopes);
