import { defineMessages } from '@/i18n';

/** The users page's header, enabling and disabling, adding a user and changing roles. */
export const usersMessages = defineMessages(
  {
    eyebrow: 'Administration',
    title: 'Users',
    description: 'The people of your organisation who use Switchboard, and what their roles let them do.',
    add: 'Add user',
    disabled: 'User disabled',
    disabledDetail: (email: string) => `${email} was signed out and cannot sign in.`,
    enabled: 'User enabled',
    enabledDetail: (email: string) => `${email} can sign in again.`,
    disableTitle: (email: string) => `Disable ${email}?`,
    disableDescription:
      'They are signed out everywhere and cannot sign in until enabled again. Their history stays.',
    disableConfirm: 'Disable user',
    enableTitle: (email: string) => `Enable ${email}?`,
    enableDescription: 'They can sign in again with their existing password or sign-in provider.',
    enableConfirm: 'Enable user',
    create: {
      title: 'Add a user',
      description: 'They sign in with this e-mail address and password, or through your sign-in provider.',
      email: 'E-mail address',
      emailMissing: 'Enter their e-mail address.',
      emailInvalid: 'Enter an e-mail address such as name@example.com.',
      name: 'Name',
      password: 'Initial password',
      passwordHint:
        'Share it with them securely. Leave it empty if they only sign in through a sign-in provider.',
      passwordShort: (min: number) =>
        `Use at least ${min} characters, or leave it empty for single sign-on only.`,
      generate: 'Generate',
      copyPassword: 'Copy password',
      cancel: 'Cancel',
      submit: 'Add user',
      added: 'User added',
      addedDetail: (email: string) => `${email} can sign in now.`,
    },
    roles: {
      legend: 'Roles',
      hint: 'A person may hold several; they get everything each role allows.',
      missing: 'Choose at least one role.',
      title: (who: string) => `Roles of ${who}`,
      description: 'What they can see and do in this organisation.',
      cancel: 'Cancel',
      save: 'Save roles',
      changed: 'Roles changed',
      changedDetail: (email: string, roles: string) =>
        `${email}: ${roles}. It applies when their session next renews (within minutes) or at their next sign-in.`,
    },
  },
  {
    de: {
      eyebrow: 'Verwaltung',
      title: 'Benutzer',
      description:
        'Die Personen Ihrer Organisation, die Switchboard verwenden, und was ihre Rollen ihnen erlauben.',
      add: 'Benutzer hinzufügen',
      disabled: 'Benutzer deaktiviert',
      disabledDetail: (email) => `${email} wurde abgemeldet und kann sich nicht anmelden.`,
      enabled: 'Benutzer aktiviert',
      enabledDetail: (email) => `${email} kann sich wieder anmelden.`,
      disableTitle: (email) => `${email} deaktivieren?`,
      disableDescription:
        'Die Person wird überall abgemeldet und kann sich erst nach erneuter Aktivierung anmelden. Ihr Verlauf bleibt erhalten.',
      disableConfirm: 'Benutzer deaktivieren',
      enableTitle: (email) => `${email} aktivieren?`,
      enableDescription:
        'Die Person kann sich wieder mit ihrem bisherigen Passwort oder Anmeldeanbieter anmelden.',
      enableConfirm: 'Benutzer aktivieren',
      create: {
        title: 'Benutzer hinzufügen',
        description:
          'Die Person meldet sich mit dieser E-Mail-Adresse und einem Passwort an oder über Ihren Anmeldeanbieter.',
        email: 'E-Mail-Adresse',
        emailMissing: 'Geben Sie die E-Mail-Adresse ein.',
        emailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
        name: 'Name',
        password: 'Erstes Passwort',
        passwordHint:
          'Geben Sie es sicher weiter. Lassen Sie es leer, wenn die Person sich nur über einen Anmeldeanbieter anmeldet.',
        passwordShort: (min) =>
          `Verwenden Sie mindestens ${min} Zeichen, oder lassen Sie es für reine Einmalanmeldung leer.`,
        generate: 'Erzeugen',
        copyPassword: 'Passwort kopieren',
        cancel: 'Abbrechen',
        submit: 'Benutzer hinzufügen',
        added: 'Benutzer hinzugefügt',
        addedDetail: (email) => `${email} kann sich jetzt anmelden.`,
      },
      roles: {
        legend: 'Rollen',
        hint: 'Eine Person kann mehrere haben; sie erhält alles, was jede Rolle erlaubt.',
        missing: 'Wählen Sie mindestens eine Rolle.',
        title: (who) => `Rollen von ${who}`,
        description: 'Was die Person in dieser Organisation sehen und tun kann.',
        cancel: 'Abbrechen',
        save: 'Rollen speichern',
        changed: 'Rollen geändert',
        changedDetail: (email, roles) =>
          `${email}: ${roles}. Das gilt, sobald ihre Sitzung sich das nächste Mal erneuert (binnen Minuten) oder bei der nächsten Anmeldung.`,
      },
    },
  },
);
