import type { Role } from '@/api/types';
import { defineMessages, messagesNow } from '@/i18n';

interface RoleInfo {
  readonly label: string;
  readonly description: string;
}

/** Every role the server accepts, in every language (the record must name them all, or this does not compile). */
export const roleMessages = defineMessages(
  {
    owner: { label: 'Owner', description: 'Everything, including the other owners. Keep at least one.' },
    admin: {
      label: 'Administrator',
      description: 'Users, keys, sign-in, settings and every operational area.',
    },
    supervisor: {
      label: 'Supervisor',
      description: 'Calls, recordings and quality scoring for their teams.',
    },
    agent: { label: 'Agent', description: 'Their calls, leads, customers and orders.' },
    order_manager: { label: 'Order manager', description: 'Customers, products, stock, orders and refunds.' },
    customer_service: {
      label: 'Customer service',
      description: 'Customers and their orders: place, change and cancel; no refunds.',
    },
    analyst: { label: 'Analyst', description: 'Reports, exports, transcripts and analysis.' },
    viewer: { label: 'Viewer', description: 'Read-only: calls, analysis, campaigns and orders.' },
    client: { label: 'Client', description: 'A customer of the organisation, in the client portal only.' },
  } satisfies Readonly<Record<Role, RoleInfo>>,
  {
    de: {
      owner: {
        label: 'Inhaber',
        description: 'Alles, auch die anderen Inhaber. Mindestens einer muss bleiben.',
      },
      admin: {
        label: 'Administrator',
        description: 'Benutzer, Schlüssel, Anmeldung, Einstellungen und alle Betriebsbereiche.',
      },
      supervisor: {
        label: 'Teamleitung',
        description: 'Anrufe, Aufzeichnungen und Qualitätsbewertung ihrer Teams.',
      },
      agent: { label: 'Agent', description: 'Eigene Anrufe, Leads, Kunden und Bestellungen.' },
      order_manager: {
        label: 'Bestellverwaltung',
        description: 'Kunden, Produkte, Bestand, Bestellungen und Erstattungen.',
      },
      customer_service: {
        label: 'Kundenservice',
        description: 'Kunden und ihre Bestellungen: aufgeben, ändern, stornieren; keine Erstattungen.',
      },
      analyst: { label: 'Analyst', description: 'Berichte, Exporte, Transkripte und Analysen.' },
      viewer: {
        label: 'Betrachter',
        description: 'Nur lesen: Anrufe, Analysen, Kampagnen und Bestellungen.',
      },
      client: { label: 'Kunde', description: 'Ein Kunde der Organisation, nur im Kundenportal.' },
    },
  },
);

/** The roles in English (the source); pages read `useMessages(roleMessages)` for the reader's language. */
export const roleInfo: Readonly<Record<Role, RoleInfo>> = roleMessages.en;

/** Roles an employee can hold, in the order the forms list them. */
export const employeeRoles: readonly Role[] = [
  'owner',
  'admin',
  'supervisor',
  'agent',
  'order_manager',
  'customer_service',
  'analyst',
  'viewer',
];

/** A role's name in the current language; an unknown role as the server spells it. */
export function roleLabel(role: string): string {
  const roles: Readonly<Record<Role, RoleInfo>> = messagesNow(roleMessages);
  return role in roles ? roles[role as Role].label : role;
}
