import { defineMessages } from '@/i18n';

export const qualityNavigationMessages = defineMessages(
  { conversations: 'Conversations', quality: 'Quality' },
  { de: { conversations: 'Gespräche', quality: 'Qualität' } },
);
