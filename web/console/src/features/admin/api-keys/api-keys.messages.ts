import { defineMessages } from '@/i18n';

/** The API keys page's header, the create dialog, the key reveal and revoking. */
export const apiKeysMessages = defineMessages(
  {
    eyebrow: 'Administration',
    title: 'API keys',
    description:
      'Keys let connectors, scripts and integrations call Switchboard for your organisation. Each does only what its scopes allow.',
    create: 'Create API key',
    revoked: 'API key revoked',
    revokedDetail: (name: string) => `“${name}” stopped working.`,
    revokeTitle: (name: string) => `Revoke “${name}”?`,
    revokeDescription:
      'It stops working at once. Anything still using it gets 401 answers until it is given a new key.',
    revokeConfirm: 'Revoke key',
    dialog: {
      title: 'Create an API key',
      description:
        'For a connector, script or integration. It acts for the organisation, with only the access you give it.',
      name: 'Name',
      namePlaceholder: 'Genesys Cloud connector',
      nameMissing: 'Name the key after what uses it, such as “Genesys connector”.',
      expires: 'Expires after',
      lifetimes: { days30: '30 days', days90: '90 days', year: '1 year', never: 'Never' },
      scopes: 'What it may do',
      scopesHint: 'Give only what it needs. A key can never manage users, keys or sign-in.',
      scopesMissing: 'Choose at least one thing the key may do.',
      cancel: 'Cancel',
      submit: 'Create key',
    },
    reveal: {
      title: 'Copy your API key now',
      description: (name: string) => `“${name}” is ready. This is the only time Switchboard shows it.`,
      keyLabel: 'The new API key',
      copy: 'Copy key',
      notStored: 'It is not stored in readable form',
      notStoredDetail:
        'Put it in your connector’s configuration or secret store now. If it is lost, revoke it and create another.',
      /** Around the header's name, which is shown as code. */
      sendInBefore: 'Send it in the ',
      sendInAfter: ' header.',
      expiresOn: (date: string) => `It expires on ${date}.`,
      neverExpires: 'It does not expire.',
      done: 'Done',
    },
  },
  {
    de: {
      eyebrow: 'Verwaltung',
      title: 'API-Schlüssel',
      description:
        'Mit Schlüsseln rufen Konnektoren, Skripte und Integrationen Switchboard für Ihre Organisation auf. Jeder darf nur, was seine Berechtigungen erlauben.',
      create: 'API-Schlüssel erstellen',
      revoked: 'API-Schlüssel widerrufen',
      revokedDetail: (name) => `„${name}“ funktioniert nicht mehr.`,
      revokeTitle: (name) => `„${name}“ widerrufen?`,
      revokeDescription:
        'Er funktioniert sofort nicht mehr. Was ihn noch verwendet, erhält 401-Antworten, bis es einen neuen Schlüssel bekommt.',
      revokeConfirm: 'Schlüssel widerrufen',
      dialog: {
        title: 'API-Schlüssel erstellen',
        description:
          'Für einen Konnektor, ein Skript oder eine Integration. Er handelt für die Organisation, mit genau dem Zugriff, den Sie ihm geben.',
        name: 'Name',
        namePlaceholder: 'Genesys-Cloud-Konnektor',
        nameMissing: 'Benennen Sie den Schlüssel nach dem, was ihn verwendet, etwa „Genesys-Konnektor“.',
        expires: 'Läuft ab nach',
        lifetimes: { days30: '30 Tagen', days90: '90 Tagen', year: '1 Jahr', never: 'Nie' },
        scopes: 'Was er darf',
        scopesHint:
          'Geben Sie nur, was er braucht. Ein Schlüssel kann nie Benutzer, Schlüssel oder die Anmeldung verwalten.',
        scopesMissing: 'Wählen Sie mindestens eine Berechtigung.',
        cancel: 'Abbrechen',
        submit: 'Schlüssel erstellen',
      },
      reveal: {
        title: 'Kopieren Sie jetzt Ihren API-Schlüssel',
        description: (name) => `„${name}“ ist bereit. Nur jetzt zeigt Switchboard ihn an.`,
        keyLabel: 'Der neue API-Schlüssel',
        copy: 'Schlüssel kopieren',
        notStored: 'Er wird nicht lesbar gespeichert',
        notStoredDetail:
          'Hinterlegen Sie ihn jetzt in der Konfiguration oder im Secret-Speicher Ihres Konnektors. Geht er verloren, widerrufen Sie ihn und erstellen einen neuen.',
        sendInBefore: 'Senden Sie ihn im Header ',
        sendInAfter: '.',
        expiresOn: (date) => `Er läuft am ${date} ab.`,
        neverExpires: 'Er läuft nicht ab.',
        done: 'Fertig',
      },
    },
  },
);
