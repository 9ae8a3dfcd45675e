import { Gauge } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { qualityNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** Joins the conversations section (same id) that the recordings feature opens. */
export const qualityNavigation: readonly NavSection[] = [
  {
    id: 'conversations',
    title: () => m().conversations,
    items: [{ label: () => m().quality, to: '/quality', icon: Gauge, permission: 'analysis:read' }],
  },
];
