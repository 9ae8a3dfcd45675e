import { z } from 'zod';
import { amountMinorSchema, currencySchema } from '../../../platform/money.js';
import { addressSchema } from './addresses.js';
import { discountSchema, ordersSettingsSchema, ORDER_STATUSES } from './order-settings.js';

/** Request and response schemas of the orders API (they feed the OpenAPI document). */

const text = (max: number) => z.string().max(max);
const moneyOut = z.object({ amountMinor: z.number().int(), currency: z.string() });
const date = z.string().describe('ISO 8601');

const paymentMethodSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('test_card'),
    number: z.string().regex(/^\d{12,19}$/, 'must be 12–19 digits'),
  }),
  z.strictObject({
    type: z.literal('stripe_payment_method'),
    paymentMethodId: z.string().regex(/^pm_[A-Za-z0-9_]{1,200}$/, 'must be a Stripe PaymentMethod id (pm_…)'),
  }),
  z.strictObject({ type: z.literal('paypal') }),
]);

export const createOrderBodySchema = z.strictObject({
  customerId: z
    .string()
    .max(100)
    .optional()
    .describe('usr_… (internal only; the portal uses the signed-in client)'),
  email: z.email().max(254),
  currency: currencySchema,
  lines: z
    .array(
      z.strictObject({
        sku: z.string().trim().min(1).max(100),
        quantity: z.number().int().min(1).max(10_000),
      }),
    )
    .min(1)
    .max(200),
  shippingAddress: addressSchema,
  billingAddress: addressSchema.optional(),
  discountCode: z.string().trim().min(1).max(40).optional(),
  shippingOption: z.string().trim().min(1).max(40).optional(),
  payment: z.strictObject({
    gateway: z.enum(['simulator', 'stripe', 'paypal']).optional(),
    method: paymentMethodSchema,
  }),
  note: z.string().max(2000).optional(),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1, 'is required')
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
});

const addressOut = z.object({
  name: z.string(),
  company: z.string().optional(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postalCode: z.string(),
  country: z.string(),
  phone: z.string().optional(),
});

const lineOut = z.object({
  id: z.string(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  unitPrice: moneyOut,
  discount: moneyOut,
  taxRateBasisPoints: z.number().int(),
  tax: moneyOut,
  total: moneyOut,
  returnedQuantity: z.number().int(),
});

export const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  channel: z.enum(['internal', 'portal']),
  customerId: z.string().nullable(),
  email: z.string(),
  shippingAddress: addressOut,
  billingAddress: addressOut,
  currency: z.string(),
  subtotal: moneyOut,
  discount: moneyOut,
  shipping: moneyOut,
  tax: moneyOut,
  total: moneyOut,
  refunded: moneyOut,
  lines: z.array(lineOut),
  version: z.number().int(),
  placedAt: date,
  updatedAt: date,
});

const statusChangeOut = z.object({
  from: z.string().nullable(),
  to: z.string(),
  actor: z.string(),
  reason: z.string(),
  at: date,
});
const timelineOut = z.object({
  at: date,
  kind: z.enum(['status', 'payment', 'shipment', 'tracking', 'refund', 'return', 'note']),
  summary: z.string(),
  actor: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const orderDetailSchema = orderSchema.extend({
  history: z.array(statusChangeOut),
  payments: z.array(z.record(z.string(), z.unknown())).describe('Payment (payments API)'),
  shipments: z.array(z.record(z.string(), z.unknown())).describe('Shipment'),
  timeline: z.array(timelineOut),
});

export const orderSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  channel: z.enum(['internal', 'portal']),
  customerId: z.string().nullable(),
  email: z.string(),
  currency: z.string(),
  total: moneyOut,
  refunded: moneyOut,
  lineCount: z.number().int(),
  itemCount: z.number().int(),
  placedAt: date,
  updatedAt: date,
});

const statusList = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const parts = value
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    for (const part of parts)
      if (!(ORDER_STATUSES as readonly string[]).includes(part)) {
        ctx.addIssue({ code: 'custom', message: `${part} is not a status` });
        return z.NEVER;
      }
    return parts as (typeof ORDER_STATUSES)[number][];
  });

export const listQuerySchema = z.strictObject({
  status: statusList.optional(),
  customerId: text(100).optional(),
  email: text(254).optional(),
  number: text(20).optional(),
  placedFrom: z.iso.datetime({ offset: true }).optional(),
  placedTo: z.iso.datetime({ offset: true }).optional(),
  totalMin: z.coerce.number().int().min(0).optional(),
  totalMax: z.coerce.number().int().min(0).optional(),
  sku: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: text(300).optional(),
});

export const statusBodySchema = z.strictObject({
  status: z.enum(ORDER_STATUSES),
  reason: z.string().trim().min(1).max(500),
});

export const cancelBodySchema = z
  .strictObject({ reason: z.string().trim().min(1).max(500).optional() })
  .nullish();

const lineRef = z.strictObject({
  lineId: z.string().max(100),
  quantity: z.number().int().min(1).max(10_000),
});

export const refundBodySchema = z.strictObject({
  amountMinor: amountMinorSchema.min(1).optional(),
  lines: z.array(lineRef).min(1).max(200).optional(),
  reason: z.string().trim().min(1).max(500),
  shipping: z.boolean().optional(),
});

export const returnBodySchema = z.strictObject({
  lines: z.array(lineRef).min(1).max(200),
  reason: z.string().trim().min(1).max(500),
  restock: z.boolean(),
  refund: z.boolean(),
});

export const returnSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  lines: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })),
  restocked: z.boolean(),
  refundedMinor: z.number().int(),
  createdAt: date,
});

export const settingsSchema = ordersSettingsSchema;
export const discountBodySchema = discountSchema;
export const discountOutSchema = z.object({
  code: z.string(),
  kind: z.enum(['percent', 'fixed']),
  percentBasisPoints: z.number().int().nullable(),
  amount: moneyOut.nullable(),
  minSubtotalMinor: z.number().int().nullable(),
  startsAt: date.nullable(),
  endsAt: date.nullable(),
  active: z.boolean(),
  createdAt: date,
});
