import { ClipboardCheck } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { scorecardsNavigationMessages as messages } from './scorecards.messages';

/** Under Conversations (the recordings feature's section; the navigation joins sections by id). */
export const scorecardsNavigation: readonly NavSection[] = [
  {
    id: 'conversations',
    title: () => messagesNow(messages).scorecards,
    items: [
      {
        label: () => messagesNow(messages).scorecards,
        to: '/conversations/scorecards',
        icon: ClipboardCheck,
        permission: 'analysis:read',
      },
    ],
  },
];
