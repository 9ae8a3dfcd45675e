import { Gauge } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { usageNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** Joins the administration section (same id): usage and its prices sit with the tenant's other settings. */
export const usageNavigation: readonly NavSection[] = [
  {
    id: 'administration',
    title: () => m().administration,
    items: [{ label: () => m().usage, to: '/admin/usage', icon: Gauge, permission: 'metering:read' }],
  },
];
