import { ChartColumn, FileDown, List, MonitorPlay, ShieldAlert } from 'lucide-react';
import type { NavSection } from '@/kit/navigation';

export const callsNavigation: readonly NavSection[] = [
  {
    title: 'Calls',
    items: [
      { label: 'Call list', to: '/calls', icon: List, permission: 'calls:read', exact: true },
      { label: 'Dashboard', to: '/calls/dashboard', icon: ChartColumn, permission: 'calls:read' },
      { label: 'Wallboard', to: '/calls/wallboard', icon: MonitorPlay, permission: 'calls:read' },
      { label: 'Exports', to: '/calls/exports', icon: FileDown, permission: 'calls:export' },
      { label: 'Quarantine', to: '/calls/quarantine', icon: ShieldAlert, permission: 'quarantine:manage' },
    ],
  },
];
