import { AudioLines, SlidersHorizontal } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { recordingsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const recordingsNavigation: readonly NavSection[] = [
  {
    id: 'conversations',
    title: () => m().conversations,
    items: [
      { label: () => m().recordings, to: '/recordings', icon: AudioLines, permission: 'recordings:read' },
      {
        label: () => m().settings,
        to: '/conversations/settings',
        icon: SlidersHorizontal,
        permission: 'settings:read',
      },
    ],
  },
];
