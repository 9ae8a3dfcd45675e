import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';
import type { GatewayName, PaymentStatus, TransactionKind } from '../contract.js';

/** Row types of the payments schema, camelCase (the CamelCasePlugin maps snake_case). */

export type PaymentsRow = {
  id: string;
  tenantId: string;
  orderId: string;
  gateway: GatewayName;
  gatewayReference: string | null;
  status: PaymentStatus;
  currency: string;
  amountMinor: number;
  authorizedMinor: Generated<number>;
  capturedMinor: Generated<number>;
  refundedMinor: Generated<number>;
  methodType: string | null;
  methodBrand: string | null;
  methodLast4: string | null;
  payerEmailSealed: Buffer | null;
  nextAction: { type: '3ds' | 'approve'; url: string } | null;
  gatewayState: Generated<Record<string, string>>;
  failureCode: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type TransactionStatus = 'pending' | 'succeeded' | 'failed';

export type PaymentTransactionsRow = {
  id: string;
  tenantId: string;
  paymentId: string;
  kind: TransactionKind;
  currency: string;
  amountMinor: number;
  status: TransactionStatus;
  idempotencyKey: string;
  gatewayReference: string | null;
  parentReference: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  reason: string | null;
  origin: Generated<'api' | 'webhook'>;
  createdAt: Generated<Date>;
  settledAt: Date | null;
};

export type GatewayEventsRow = {
  id: string;
  tenantId: string;
  gateway: string;
  eventId: string;
  type: string;
  paymentId: string | null;
  payloadSealed: Buffer;
  outcome: string | null;
  receivedAt: Generated<Date>;
  processedAt: Date | null;
};

export type ReconciliationReportsRow = {
  id: string;
  tenantId: string;
  gateway: string;
  day: string;
  matched: number;
  missingAtGateway: unknown;
  missingHere: unknown;
  amountMismatches: unknown;
  createdBy: string;
  createdAt: Generated<Date>;
};

export type GatewaySettingsRow = {
  tenantId: string;
  gateway: GatewayName;
  isDefault: Generated<boolean>;
  baseUrl: string | null;
  updatedAt: Generated<Date>;
};

export type SimulatorLedgerRow = {
  id: string;
  tenantId: string;
  idempotencyKey: string;
  operation: string;
  reference: string;
  paymentReference: string;
  currency: string;
  amountMinor: number;
  requestHash: string;
  response: unknown;
  createdAt: Generated<Date>;
};

export type SimulatorWebhooksRow = {
  id: string;
  tenantId: string;
  deliverAt: Date;
  body: unknown;
  attempts: Generated<number>;
  deliveredAt: Date | null;
};

export type PaymentsTables = {
  'payments.payments': PaymentsRow;
  'payments.payment_transactions': PaymentTransactionsRow;
  'payments.gateway_events': GatewayEventsRow;
  'payments.reconciliation_reports': ReconciliationReportsRow;
  'payments.gateway_settings': GatewaySettingsRow;
  'payments.simulator_ledger': SimulatorLedgerRow;
  'payments.simulator_webhooks': SimulatorWebhooksRow;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type PaymentsTransaction = TenantTransaction<PaymentsTables>;
