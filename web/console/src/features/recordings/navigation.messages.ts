import { defineMessages } from '@/i18n';

export const recordingsNavigationMessages = defineMessages(
  { conversations: 'Conversations', recordings: 'Recordings', settings: 'Conversation settings' },
  { de: { conversations: 'Gespräche', recordings: 'Aufzeichnungen', settings: 'Gesprächseinstellungen' } },
);
