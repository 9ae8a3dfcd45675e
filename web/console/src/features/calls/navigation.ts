import { ChartColumn, FileDown, List, MonitorPlay, ShieldAlert } from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { callsNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const callsNavigation: readonly NavSection[] = [
  {
    id: 'calls',
    title: () => m().calls,
    items: [
      { label: () => m().list, to: '/calls', icon: List, permission: 'calls:read', exact: true },
      { label: () => m().dashboard, to: '/calls/dashboard', icon: ChartColumn, permission: 'calls:read' },
      { label: () => m().wallboard, to: '/calls/wallboard', icon: MonitorPlay, permission: 'calls:read' },
      { label: () => m().exports, to: '/calls/exports', icon: FileDown, permission: 'calls:export' },
      {
        label: () => m().quarantine,
        to: '/calls/quarantine',
        icon: ShieldAlert,
        permission: 'quarantine:manage',
      },
    ],
  },
];
