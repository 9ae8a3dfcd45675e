import { defineMessages } from '@/i18n';

export const usageNavigationMessages = defineMessages(
  { administration: 'Administration', usage: 'Usage' },
  { de: { administration: 'Verwaltung', usage: 'Nutzung' } },
);
