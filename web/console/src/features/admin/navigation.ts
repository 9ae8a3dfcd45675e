import {
  Building2,
  Cable,
  FileLock2,
  KeyRound,
  MailExclamationPoint,
  ScrollText,
  UserRoundCheck,
  Users,
  Webhook,
} from 'lucide-react';
import { messagesNow } from '@/i18n';
import type { NavSection } from '@/kit/navigation';
import { adminNavigationMessages as messages } from './navigation.messages';

const m = () => messagesNow(messages);

export const adminNavigation: readonly NavSection[] = [
  {
    id: 'administration',
    title: () => m().administration,
    items: [
      { label: () => m().users, to: '/admin/users', icon: Users, permission: 'users:read' },
      { label: () => m().apiKeys, to: '/admin/api-keys', icon: KeyRound, permission: 'api_keys:read' },
      {
        label: () => m().signInProviders,
        to: '/admin/sign-in-providers',
        icon: UserRoundCheck,
        permission: 'identity_providers:read',
      },
      { label: () => m().connectors, to: '/admin/connectors', icon: Cable, permission: 'settings:read' },
      { label: () => m().webhooks, to: '/admin/webhooks', icon: Webhook, permission: 'webhooks:manage' },
      { label: () => m().secrets, to: '/admin/secrets', icon: FileLock2, permission: 'settings:read' },
      { label: () => m().organisation, to: '/admin/settings', icon: Building2, permission: 'settings:read' },
      { label: () => m().audit, to: '/admin/audit', icon: ScrollText, permission: 'audit:read' },
      {
        label: () => m().deadLetters,
        to: '/admin/dead-letters',
        icon: MailExclamationPoint,
        permission: 'bus:admin',
      },
    ],
  },
];
