import { defineMessages } from '@/i18n';

export const notificationsMessages = defineMessages(
  {
    title: 'Notifications',
    live: 'New notifications appear here as they arrive.',
    emptyTitle: 'Nothing new',
    emptyText: 'We tell you here when your orders move.',
    markRead: (title: string) => `Mark “${title}” as read`,
    readAll: 'Mark all as read',
    unread: 'Unread',
  },
  {
    de: {
      title: 'Mitteilungen',
      live: 'Neue Mitteilungen erscheinen hier, sobald sie eintreffen.',
      emptyTitle: 'Nichts Neues',
      emptyText: 'Hier erfahren Sie, wenn sich bei Ihren Bestellungen etwas tut.',
      markRead: (title) => `„${title}“ als gelesen markieren`,
      readAll: 'Alle als gelesen markieren',
      unread: 'Ungelesen',
    },
  },
);
