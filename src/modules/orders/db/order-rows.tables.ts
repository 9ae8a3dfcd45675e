import type { Generated } from 'kysely';
import type { OrderStatus } from '../contract.js';

/** The orders feature's tables (migration 0001): orders, lines, history, counters, idempotency keys, settings, discounts, refunds, returns. */
export type OrdersTable = {
  id: string;
  tenantId: string;
  number: number;
  status: OrderStatus;
  channel: 'internal' | 'portal';
  customerId: string | null;
  /** Null once the order was anonymised (erasure). */
  emailIndex: Buffer | null;
  contactSealed: Buffer;
  shipCountry: string;
  currency: string;
  subtotalMinor: number;
  discountMinor: Generated<number>;
  shippingMinor: Generated<number>;
  taxMinor: Generated<number>;
  totalMinor: number;
  refundedMinor: Generated<number>;
  version: Generated<number>;
  placedAt: Generated<Date>;
  updatedAt: Generated<Date>;
  createdBy: string;
  paymentSealed: Buffer;
  gateway: 'simulator' | 'stripe' | 'paypal' | null;
  discountCode: string | null;
  shippingOption: string | null;
  shippingTaxMinor: Generated<number>;
  pricesIncludeTax: Generated<boolean>;
  cancelReason: string | null;
  workflowStartedAt: Date | null;
  /** When a data-subject erasure anonymised it. */
  erasedAt: Date | null;
};

export type OrderLinesTable = {
  id: string;
  tenantId: string;
  orderId: string;
  position: number;
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: Generated<number>;
  taxRateBp: Generated<number>;
  taxMinor: Generated<number>;
  totalMinor: number;
  returnedQuantity: Generated<number>;
};

export type OrderCountersTable = { tenantId: string; lastNumber: number };

export type StatusHistoryTable = {
  id: string;
  tenantId: string;
  orderId: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actor: string;
  reason: string;
  at: Generated<Date>;
};

export type IdempotencyKeysTable = {
  id: string;
  tenantId: string;
  scope: string;
  key: string;
  requestHash: Buffer;
  statusCode: number | null;
  responseSealed: Buffer | null;
  orderId: string | null;
  createdAt: Generated<Date>;
};

export type OrderSettingsTable = { tenantId: string; document: unknown; updatedAt: Generated<Date> };

export type DiscountsTable = {
  tenantId: string;
  code: string;
  kind: 'percent' | 'fixed';
  percentBp: number | null;
  amountMinor: number | null;
  currency: string | null;
  minSubtotalMinor: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
};

export type RefundsTable = {
  id: string;
  tenantId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  reason: string;
  lines: unknown;
  actor: string;
  createdAt: Generated<Date>;
};

export type ReturnsTable = {
  id: string;
  tenantId: string;
  orderId: string;
  lines: unknown;
  reason: string;
  restocked: boolean;
  refundedMinor: Generated<number>;
  actor: string;
  createdAt: Generated<Date>;
};

export type OrderRowTables = {
  'orders.orders': OrdersTable;
  'orders.order_lines': OrderLinesTable;
  'orders.order_counters': OrderCountersTable;
  'orders.status_history': StatusHistoryTable;
  'orders.idempotency_keys': IdempotencyKeysTable;
  'orders.settings': OrderSettingsTable;
  'orders.discounts': DiscountsTable;
  'orders.refunds': RefundsTable;
  'orders.returns': ReturnsTable;
};
