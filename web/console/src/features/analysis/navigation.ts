import { ClipboardCheck, ListTree, MessageSquareWarning, Tags } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { analysisNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** Under Conversations (the recordings feature's section; the navigation joins sections by id). */
export const analysisNavigation: readonly NavSection[] = [
  {
    id: 'conversations',
    title: () => m().scorecards,
    items: [
      {
        label: () => m().scorecards,
        to: '/conversations/scorecards',
        icon: ClipboardCheck,
        permission: 'analysis:read',
      },
      {
        label: () => m().insightSchemas,
        to: '/conversations/insight-schemas',
        icon: ListTree,
        permission: 'analysis:read',
      },
      {
        label: () => m().categories,
        to: '/conversations/categories',
        icon: Tags,
        permission: 'analysis:read',
      },
      {
        label: () => m().disputes,
        to: '/conversations/disputes',
        icon: MessageSquareWarning,
        permission: 'qa:review',
      },
    ],
  },
];
