import { defineMessages } from '@/i18n';

/** The connector secrets page and the dialog that stores or replaces one. */
export const secretsMessages = defineMessages(
  {
    eyebrow: 'Administration',
    title: 'Connector secrets',
    description:
      'Passwords, tokens and keys your connectors use to reach phone systems and other services. Stored encrypted; once saved, no one can read a value back.',
    store: 'Store secret',
    caption: 'Connector secrets',
    columns: { name: 'Name', lastSet: 'Last set', setBy: 'Set by', actions: 'Actions' },
    loading: 'Loading secrets',
    loadFailed: 'Secrets could not be loaded',
    empty: 'No secrets stored',
    emptyDetail: 'Connectors that pull from Microsoft Teams, Twilio or Genesys need their credentials here.',
    replace: 'Replace',
    replaceLabel: (name: string) => `Replace ${name}`,
    delete: 'Delete',
    deleteLabel: (name: string) => `Delete ${name}`,
    deleted: 'Secret deleted',
    deletedDetail: (name: string) => `Connectors that need ${name} will fail until it is stored again.`,
    deleteTitle: (name: string) => `Delete ${name}?`,
    deleteDescription:
      'The value is destroyed. Connectors that use it stop working until it is stored again.',
    deleteConfirm: 'Delete secret',
    dialog: {
      newTitle: 'Store a connector secret',
      newDescription: 'A password, token or key a connector needs to reach another system.',
      replaceTitle: (name: string) => `Replace ${name}`,
      replaceDescription: 'The new value takes the place of the old one, which is discarded.',
      name: 'Name',
      nameHint: 'Connectors look secrets up by this name.',
      nameMissing: 'Name the secret, such as twilio.auth_token.',
      nameInvalid:
        'Use lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit.',
      value: 'Value',
      valueMissing: 'Paste the value.',
      writeOnly:
        'Write-only: Switchboard encrypts it and never shows it again, to anyone. To change it, replace it.',
      cancel: 'Cancel',
      submitNew: 'Store secret',
      submitReplace: 'Replace secret',
      stored: 'Secret stored',
      replaced: 'Secret replaced',
      savedDetail: (name: string) => `${name} is encrypted; connectors read it from now on.`,
    },
  },
  {
    de: {
      eyebrow: 'Verwaltung',
      title: 'Konnektor-Secrets',
      description:
        'Passwörter, Tokens und Schlüssel, mit denen Ihre Konnektoren Telefonanlagen und andere Dienste erreichen. Verschlüsselt gespeichert; einmal gesichert, kann niemand einen Wert zurücklesen.',
      store: 'Secret speichern',
      caption: 'Konnektor-Secrets',
      columns: { name: 'Name', lastSet: 'Zuletzt gesetzt', setBy: 'Gesetzt von', actions: 'Aktionen' },
      loading: 'Secrets werden geladen',
      loadFailed: 'Die Secrets konnten nicht geladen werden',
      empty: 'Keine Secrets gespeichert',
      emptyDetail:
        'Konnektoren, die aus Microsoft Teams, Twilio oder Genesys abrufen, brauchen hier ihre Zugangsdaten.',
      replace: 'Ersetzen',
      replaceLabel: (name) => `${name} ersetzen`,
      delete: 'Löschen',
      deleteLabel: (name) => `${name} löschen`,
      deleted: 'Secret gelöscht',
      deletedDetail: (name) =>
        `Konnektoren, die ${name} brauchen, schlagen fehl, bis es wieder gespeichert ist.`,
      deleteTitle: (name) => `${name} löschen?`,
      deleteDescription:
        'Der Wert wird vernichtet. Konnektoren, die ihn verwenden, funktionieren erst wieder, wenn er erneut gespeichert ist.',
      deleteConfirm: 'Secret löschen',
      dialog: {
        newTitle: 'Konnektor-Secret speichern',
        newDescription:
          'Ein Passwort, Token oder Schlüssel, den ein Konnektor braucht, um ein anderes System zu erreichen.',
        replaceTitle: (name) => `${name} ersetzen`,
        replaceDescription: 'Der neue Wert tritt an die Stelle des alten, der verworfen wird.',
        name: 'Name',
        nameHint: 'Konnektoren finden Secrets unter diesem Namen.',
        nameMissing: 'Benennen Sie das Secret, etwa twilio.auth_token.',
        nameInvalid:
          'Verwenden Sie Kleinbuchstaben, Ziffern, Punkte, Binde- und Unterstriche, beginnend mit einem Buchstaben oder einer Ziffer.',
        value: 'Wert',
        valueMissing: 'Fügen Sie den Wert ein.',
        writeOnly:
          'Nur schreibbar: Switchboard verschlüsselt ihn und zeigt ihn nie wieder an, niemandem. Um ihn zu ändern, ersetzen Sie ihn.',
        cancel: 'Abbrechen',
        submitNew: 'Secret speichern',
        submitReplace: 'Secret ersetzen',
        stored: 'Secret gespeichert',
        replaced: 'Secret ersetzt',
        savedDetail: (name) => `${name} ist verschlüsselt; Konnektoren lesen es ab jetzt.`,
      },
    },
  },
);
