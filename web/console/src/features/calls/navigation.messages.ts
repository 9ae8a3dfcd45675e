import { defineMessages } from '@/i18n';

export const callsNavigationMessages = defineMessages(
  {
    calls: 'Calls',
    list: 'Call list',
    dashboard: 'Dashboard',
    wallboard: 'Wallboard',
    exports: 'Exports',
    quarantine: 'Quarantine',
  },
  {
    de: {
      calls: 'Anrufe',
      list: 'Anrufliste',
      dashboard: 'Dashboard',
      wallboard: 'Wallboard',
      exports: 'Exporte',
      quarantine: 'Quarantäne',
    },
  },
);
