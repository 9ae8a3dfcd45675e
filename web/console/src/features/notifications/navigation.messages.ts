import { defineMessages } from '@/i18n';

export const notificationsNavigationMessages = defineMessages(
  { section: 'Notifications', centre: 'Notifications', preferences: 'Preferences', templates: 'Templates' },
  {
    de: {
      section: 'Benachrichtigungen',
      centre: 'Benachrichtigungen',
      preferences: 'Einstellungen',
      templates: 'Vorlagen',
    },
  },
);
