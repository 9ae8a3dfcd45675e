import { defineMessages } from '@/i18n';

/** The version history every kind of analysis configuration shares. */
export const versionsMessages = defineMessages(
  {
    versions: 'Versions',
    description: 'Every saved version stays readable; calls are analysed with the active one.',
    loading: 'Loading the versions',
    failed: 'The versions could not be loaded',
    columns: { version: 'Version', name: 'Name', saved: 'Saved' },
    version: (n: number) => `Version ${n}`,
    active: 'Active',
    activate: 'Activate',
    activated: (n: number) => `Version ${n} is active`,
    open: 'Open in the editor',
    savedBy: (who: string) => `by ${who}`,
  },
  {
    de: {
      versions: 'Versionen',
      description: 'Jede gespeicherte Version bleibt lesbar; Gespräche werden mit der aktiven analysiert.',
      loading: 'Versionen werden geladen',
      failed: 'Die Versionen konnten nicht geladen werden',
      columns: { version: 'Version', name: 'Name', saved: 'Gespeichert' },
      version: (n: number) => `Version ${n}`,
      active: 'Aktiv',
      activate: 'Aktivieren',
      activated: (n: number) => `Version ${n} ist aktiv`,
      open: 'Im Editor öffnen',
      savedBy: (who: string) => `von ${who}`,
    },
  },
);
