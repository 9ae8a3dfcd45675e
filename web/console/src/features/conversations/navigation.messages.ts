import { defineMessages } from '@/i18n';

export const conversationsNavigationMessages = defineMessages(
  { conversations: 'Conversations', search: 'Search conversations' },
  { de: { conversations: 'Gespräche', search: 'Gespräche durchsuchen' } },
);
