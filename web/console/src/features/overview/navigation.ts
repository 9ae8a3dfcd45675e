import { LayoutDashboard } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { overviewNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const overviewNavigation: readonly NavSection[] = [
  {
    id: 'workspace',
    title: () => m().workspace,
    items: [{ label: () => m().overview, to: '/', icon: LayoutDashboard }],
  },
];
