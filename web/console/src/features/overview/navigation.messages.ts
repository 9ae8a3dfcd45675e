import { defineMessages } from '@/i18n';

export const overviewNavigationMessages = defineMessages(
  { workspace: 'Workspace', overview: 'Overview' },
  { de: { workspace: 'Arbeitsbereich', overview: 'Übersicht' } },
);
