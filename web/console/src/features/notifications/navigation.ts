import { Bell, FileText, SlidersHorizontal } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { notificationsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const notificationsNavigation: readonly NavSection[] = [
  {
    id: 'notifications',
    title: () => m().section,
    items: [
      {
        label: () => m().centre,
        to: '/notifications',
        icon: Bell,
        permission: 'notifications:read',
        exact: true,
      },
      {
        label: () => m().preferences,
        to: '/notifications/preferences',
        icon: SlidersHorizontal,
        permission: 'notifications:read',
      },
      {
        label: () => m().templates,
        to: '/notifications/templates',
        icon: FileText,
        permission: 'notifications:configure',
      },
    ],
  },
];
