import { Layers, Users } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { customersNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** The 'customers' section is shared with the privacy pages (the data-subject request queue), joined by id. */
export const customersNavigation: readonly NavSection[] = [
  {
    id: 'customers',
    title: () => m().section,
    items: [
      {
        label: () => m().customers,
        to: '/customers',
        icon: Users,
        permission: 'customers:read',
        exact: true,
      },
      { label: () => m().segments, to: '/customers/segments', icon: Layers, permission: 'customers:read' },
    ],
  },
];
