import { Building2, Cable, FileLock2, KeyRound, MailExclamationPoint, ScrollText, UserRoundCheck, Users } from 'lucide-react';
import type { NavSection } from '@/kit/navigation';

export const adminNavigation: readonly NavSection[] = [
  {
    title: 'Administration',
    items: [
      { label: 'Users', to: '/admin/users', icon: Users, permission: 'users:read' },
      { label: 'API keys', to: '/admin/api-keys', icon: KeyRound, permission: 'api_keys:read' },
      { label: 'Sign-in providers', to: '/admin/sign-in-providers', icon: UserRoundCheck, permission: 'identity_providers:read' },
      { label: 'Connectors', to: '/admin/connectors', icon: Cable, permission: 'settings:read' },
      { label: 'Connector secrets', to: '/admin/secrets', icon: FileLock2, permission: 'settings:read' },
      { label: 'Organisation', to: '/admin/settings', icon: Building2, permission: 'settings:read' },
      { label: 'Audit log', to: '/admin/audit', icon: ScrollText, permission: 'audit:read' },
      { label: 'Dead letters', to: '/admin/dead-letters', icon: MailExclamationPoint, permission: 'bus:admin' },
    ],
  },
];
