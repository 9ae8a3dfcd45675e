import { Megaphone } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { campaignsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const campaignsNavigation: readonly NavSection[] = [
  {
    id: 'outbound',
    title: () => m().outbound,
    items: [{ label: () => m().campaigns, to: '/campaigns', icon: Megaphone, permission: 'campaigns:read' }],
  },
];
