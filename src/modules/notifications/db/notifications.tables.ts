import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the notifications schema, camelCase (the CamelCasePlugin maps snake_case). */
export type NotificationsTable = {
  id: string;
  tenantId: string;
  userId: string;
  type: string;
  contentCiphertext: Buffer;
  inApp: Generated<boolean>;
  sourceKey: string | null;
  createdAt: Generated<Date>;
  readAt: Date | null;
};

export type DeliveryStatus =
  'queued' | 'sending' | 'sent' | 'failed' | 'deferred' | 'not_configured' | 'skipped_by_preference';

export type DeliveriesTable = {
  id: string;
  tenantId: string;
  notificationId: string;
  channel: 'in_app' | 'email' | 'sms';
  status: DeliveryStatus;
  addressCiphertext: Buffer | null;
  addressRef: string | null;
  contentCiphertext: Buffer | null;
  attempts: Generated<number>;
  dueAt: Generated<Date>;
  reason: string | null;
  providerId: string | null;
  sentAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type TemplatesTable = {
  id: string;
  tenantId: string;
  type: string;
  channel: 'in_app' | 'email' | 'sms';
  language: string;
  subject: string;
  body: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type PreferencesTable = {
  tenantId: string;
  userId: string;
  channels: Record<string, Record<string, boolean>>;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string | null;
  language: string | null;
  phoneCiphertext: Buffer | null;
  phoneRef: string | null;
  updatedAt: Generated<Date>;
};

export type SocketTicketsTable = {
  ticketHash: string;
  tenantId: string;
  userId: string;
  surface: 'internal' | 'external';
  expiresAt: Date;
  usedAt: Date | null;
};

export type RestrictionsTable = {
  tenantId: string;
  /** `usr_…`, or the subject reference of an e-mail or phone. */
  subjectRef: string;
  restrictedAt: Generated<Date>;
};

export type NotificationsTables = {
  'notifications.notifications': NotificationsTable;
  'notifications.deliveries': DeliveriesTable;
  'notifications.templates': TemplatesTable;
  'notifications.preferences': PreferencesTable;
  'notifications.socket_tickets': SocketTicketsTable;
  'notifications.restrictions': RestrictionsTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type NotificationsTransaction = TenantTransaction<NotificationsTables>;
