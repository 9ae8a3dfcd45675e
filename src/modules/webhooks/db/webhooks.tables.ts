import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the webhooks schema, camelCase (the CamelCasePlugin maps snake_case). */
export type EndpointsTable = {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  secretSealed: Buffer;
  secretRotatedAt: Generated<Date>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type MessagesTable = {
  id: string;
  tenantId: string;
  eventType: string;
  occurredAt: Date;
  dataSealed: Buffer;
  createdAt: Generated<Date>;
};

export type DeliveryState = 'pending' | 'succeeded' | 'failed' | 'dead';

export type DeliveriesTable = {
  id: string;
  tenantId: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  state: Generated<DeliveryState>;
  attempts: Generated<number>;
  nextAttemptAt: Date | null;
  /** Set while a sender attempts it (its lease); cleared when the attempt is recorded. */
  claimedUntil: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponseMs: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type WebhooksTables = {
  'webhooks.endpoints': EndpointsTable;
  'webhooks.messages': MessagesTable;
  'webhooks.deliveries': DeliveriesTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type WebhooksTransaction = TenantTransaction<WebhooksTables>;
