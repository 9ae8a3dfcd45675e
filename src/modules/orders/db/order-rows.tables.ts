import type { Generated } from 'kysely';
import type { OrderStatus } from '../contract.js';

/** SPINE: the core tables; the orders helper adds its own (history, idempotency keys, settings …) and columns. */
export type OrdersTable = {
  id: string;
  tenantId: string;
  number: number;
  status: OrderStatus;
  channel: 'internal' | 'portal';
  customerId: string | null;
  emailIndex: Buffer;
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

export type OrderRowTables = {
  'orders.orders': OrdersTable;
  'orders.order_lines': OrderLinesTable;
};
