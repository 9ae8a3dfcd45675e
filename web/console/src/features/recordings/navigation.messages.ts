import { defineMessages } from '@/i18n';

export const recordingsNavigationMessages = defineMessages(
  { conversations: 'Conversations', recordings: 'Recordings' },
  { de: { conversations: 'Gespräche', recordings: 'Aufzeichnungen' } },
);
