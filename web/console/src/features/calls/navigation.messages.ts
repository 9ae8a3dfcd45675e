import { defineMessages } from '@/i18n';

export const callsNavigationMessages = defineMessages(
  { calls: 'Calls', list: 'Call list', dashboard: 'Dashboard', quarantine: 'Quarantine' },
  { de: { calls: 'Anrufe', list: 'Anrufliste', dashboard: 'Dashboard', quarantine: 'Quarantäne' } },
);
