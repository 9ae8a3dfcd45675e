import { defineMessages } from '@/i18n';

export const adminNavigationMessages = defineMessages(
  {
    administration: 'Administration',
    users: 'Users',
    apiKeys: 'API keys',
    signInProviders: 'Sign-in providers',
    connectors: 'Connectors',
    secrets: 'Connector secrets',
    organisation: 'Organisation',
    audit: 'Audit log',
    deadLetters: 'Dead letters',
    webhooks: 'Webhooks',
  },
  {
    de: {
      administration: 'Verwaltung',
      users: 'Benutzer',
      apiKeys: 'API-Schlüssel',
      signInProviders: 'Anmeldeanbieter',
      connectors: 'Konnektoren',
      secrets: 'Konnektor-Geheimnisse',
      organisation: 'Organisation',
      audit: 'Audit-Protokoll',
      deadLetters: 'Unzustellbare Ereignisse',
      webhooks: 'Webhooks',
    },
  },
);
