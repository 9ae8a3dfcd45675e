import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the privacy schema, camelCase (the CamelCasePlugin maps snake_case). */
export type RequestsTable = {
  id: string;
  tenantId: string;
  kind: string;
  status: string;
  channel: string;
  customerId: string | null;
  requesterUserId: string | null;
  /** The DataSubject as JSON, sealed under the tenant key; null once the request is finished. */
  subjectCiphertext: Buffer | null;
  subjectMasked: string;
  noteCiphertext: Buffer | null;
  receivedAt: Date;
  dueAt: Date;
  extendedDueAt: Date | null;
  extensionReason: string | null;
  verificationMethod: string | null;
  verifiedAt: Date | null;
  rejectionReason: string | null;
  completedAt: Date | null;
  result: unknown;
  exportObjectKey: string | null;
  exportExpiresAt: Date | null;
  processingStartedAt: Date | null;
  attempts: Generated<number>;
  lastError: string | null;
  weekReminderAt: Date | null;
  finalReminderAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type RequestStepsTable = {
  id: string;
  tenantId: string;
  requestId: string;
  at: Generated<Date>;
  actor: string;
  step: string;
  module: string | null;
  outcome: 'ok' | 'failed' | 'info';
  details: Generated<unknown>;
};

export type PrivacyTables = {
  'privacy.requests': RequestsTable;
  'privacy.request_steps': RequestStepsTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type PrivacyTransaction = TenantTransaction<PrivacyTables>;
