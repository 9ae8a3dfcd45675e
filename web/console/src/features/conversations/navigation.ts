import { MessageSquareText } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { conversationsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** The search joins the Conversations section the recordings feature opens (same id). */
export const conversationsNavigation: readonly NavSection[] = [
  {
    id: 'conversations',
    title: () => m().conversations,
    items: [
      {
        label: () => m().search,
        to: '/conversations',
        icon: MessageSquareText,
        permission: 'recordings:read',
      },
    ],
  },
];
