import { defineMessages } from '@/i18n';

/** The organisation settings page. */
export const settingsMessages = defineMessages(
  {
    eyebrow: 'Administration',
    title: 'Organisation',
    description: 'How your organisation appears in Switchboard and the rules that apply to everyone in it.',
    loading: 'Loading settings',
    loadFailed: 'Settings could not be loaded',
    general: 'General',
    readOnly: 'Your role can see these settings but not change them.',
    name: 'Organisation name',
    nameMissing: 'The organisation needs a name.',
    timeZone: 'Time zone',
    timeZoneHint:
      'Daily figures, reports and calling hours follow this zone. Each person still sees times in their own.',
    mfa: 'Require two-step verification for owners and administrators',
    mfaDescription:
      'At their next sign-in, owners and administrators without an authenticator app must set one up before they can continue.',
    discard: 'Discard changes',
    save: 'Save changes',
    saved: 'Settings saved',
    identifiers: 'Identifiers',
    slug: 'Sign-in name',
    id: 'Organisation ID',
    created: 'Created',
  },
  {
    de: {
      eyebrow: 'Verwaltung',
      title: 'Organisation',
      description: 'Wie Ihre Organisation in Switchboard erscheint und welche Regeln für alle in ihr gelten.',
      loading: 'Einstellungen werden geladen',
      loadFailed: 'Die Einstellungen konnten nicht geladen werden',
      general: 'Allgemein',
      readOnly: 'Ihre Rolle kann diese Einstellungen sehen, aber nicht ändern.',
      name: 'Name der Organisation',
      nameMissing: 'Die Organisation braucht einen Namen.',
      timeZone: 'Zeitzone',
      timeZoneHint:
        'Tageszahlen, Berichte und Anrufzeiten folgen dieser Zone. Jede Person sieht Zeiten weiterhin in ihrer eigenen.',
      mfa: 'Zwei-Schritt-Verifizierung für Inhaber und Administratoren verlangen',
      mfaDescription:
        'Inhaber und Administratoren ohne Authenticator-App müssen bei der nächsten Anmeldung eine einrichten, bevor sie weitermachen können.',
      discard: 'Änderungen verwerfen',
      save: 'Änderungen speichern',
      saved: 'Einstellungen gespeichert',
      identifiers: 'Kennungen',
      slug: 'Anmeldename',
      id: 'Organisations-ID',
      created: 'Erstellt',
    },
  },
);
