import { Ban, FileUp, ListChecks, ShieldCheck, Users } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { leadsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

/** The campaigns feature adds "Campaigns" to the same "Outbound" section under its own id. */
export const leadsNavigation: readonly NavSection[] = [
  {
    id: 'outbound',
    title: () => m().outbound,
    items: [
      { label: () => m().lists, to: '/outbound/lists', icon: ListChecks, permission: 'leads:read' },
      { label: () => m().leads, to: '/outbound/leads', icon: Users, permission: 'leads:read' },
      { label: () => m().imports, to: '/outbound/imports', icon: FileUp, permission: 'leads:read' },
      { label: () => m().consent, to: '/outbound/consent', icon: ShieldCheck, permission: 'leads:read' },
      { label: () => m().dnc, to: '/outbound/dnc', icon: Ban, permission: 'leads:read' },
    ],
  },
];
