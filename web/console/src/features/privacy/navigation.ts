import { ShieldCheck } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { privacyNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** Joins the customers' section (same id): the request queue sits beside the customers it is about. */
export const privacyNavigation: readonly NavSection[] = [
  {
    id: 'customers',
    title: () => m().section,
    items: [
      {
        label: () => m().requests,
        to: '/privacy/requests',
        icon: ShieldCheck,
        permission: 'privacy:requests',
      },
    ],
  },
];
