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
    },
  },
);
