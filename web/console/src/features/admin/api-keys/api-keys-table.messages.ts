import { defineMessages } from '@/i18n';

/** The API keys table (the page's dialogs have their own words). */
export const apiKeysTableMessages = defineMessages(
  {
    caption: 'API keys',
    columns: {
      name: 'Name',
      scopes: 'Scopes',
      status: 'Status',
      created: 'Created',
      lastUsed: 'Last used',
      expires: 'Expires',
      actions: 'Actions',
    },
    loading: 'Loading API keys',
    failed: 'API keys could not be loaded',
    never: 'Never',
    states: { active: 'Active', expired: 'Expired', revoked: 'Revoked' },
    revoke: 'Revoke',
    revokeLabel: (name: string) => `Revoke ${name}`,
    activeCount: (count: string) => `${count} active`,
    showInactive: (count: string) => `Show revoked and expired (${count})`,
    noActive: 'No active keys',
    none: 'No API keys yet',
    emptyBody: 'Connectors that send call records or recordings need a key with the matching scope.',
  },
  {
    de: {
      caption: 'API-Schlüssel',
      columns: {
        name: 'Name',
        scopes: 'Berechtigungen',
        status: 'Status',
        created: 'Erstellt',
        lastUsed: 'Zuletzt benutzt',
        expires: 'Läuft ab',
        actions: 'Aktionen',
      },
      loading: 'API-Schlüssel werden geladen',
      failed: 'Die API-Schlüssel konnten nicht geladen werden',
      never: 'Nie',
      states: { active: 'Aktiv', expired: 'Abgelaufen', revoked: 'Widerrufen' },
      revoke: 'Widerrufen',
      revokeLabel: (name) => `${name} widerrufen`,
      activeCount: (count) => `${count} aktiv`,
      showInactive: (count) => `Widerrufene und abgelaufene zeigen (${count})`,
      noActive: 'Keine aktiven Schlüssel',
      none: 'Noch keine API-Schlüssel',
      emptyBody:
        'Konnektoren, die Anrufdatensätze oder Aufnahmen senden, brauchen einen Schlüssel mit der passenden Berechtigung.',
    },
  },
);
