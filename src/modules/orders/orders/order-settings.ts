import { z } from 'zod';
import { currencySchema, amountMinorSchema } from '../../../platform/money.js';
import type { OrderStatus } from '../contract.js';

/** The statuses of the one state machine, in the order an order usually passes them. */
export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REFUNDED',
] as const satisfies readonly OrderStatus[];

const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case');

export const taxRateSchema = z.strictObject({
  country,
  region: z.string().min(1).max(20).optional(),
  taxClass: z.string().min(1).max(40).default('standard'),
  rateBasisPoints: z.number().int().min(0).max(10_000),
});

export const shippingOptionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and -, at most 40'),
  name: z.string().min(1).max(100),
  countries: z.array(country).max(250).optional(),
  price: z.strictObject({ amountMinor: amountMinorSchema, currency: currencySchema }),
  freeOverMinor: amountMinorSchema.optional(),
});

/** The tenant's orders settings: a document with defaults filled on reading (a setting left out follows the default). */
export const ordersSettingsSchema = z.strictObject({
  taxRates: z.array(taxRateSchema).max(500).default([]),
  pricesIncludeTax: z.boolean().default(false),
  shippingOptions: z.array(shippingOptionSchema).max(100).default([]),
  captureMode: z.enum(['automatic', 'on_shipment']).default('automatic'),
  defaultGateway: z.enum(['simulator', 'stripe', 'paypal']).default('simulator'),
  defaultCarrier: z.enum(['simulator', 'easypost']).default('simulator'),
  cancellableStatuses: z
    .array(z.enum(['PENDING', 'CONFIRMED', 'PROCESSING']))
    .max(3)
    .default(['PENDING', 'CONFIRMED', 'PROCESSING']),
  /** How long the place-order workflow waits for 3-D Secure or a PayPal approval before it cancels. */
  paymentActionTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
});

export type OrdersSettingsDocument = z.output<typeof ordersSettingsSchema>;
export type TaxRate = z.output<typeof taxRateSchema>;
export type ShippingOption = z.output<typeof shippingOptionSchema>;

export const defaultOrdersSettings = (): OrdersSettingsDocument => ordersSettingsSchema.parse({});

export const discountSchema = z
  .strictObject({
    code: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.string().regex(/^[A-Z0-9_-]{1,40}$/, 'letters, digits, _ and -, at most 40')),
    kind: z.enum(['percent', 'fixed']),
    percentBasisPoints: z.number().int().min(1).max(10_000).optional(),
    amount: z.strictObject({ amountMinor: amountMinorSchema.min(1), currency: currencySchema }).optional(),
    minSubtotalMinor: amountMinorSchema.optional(),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    active: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'percent' && value.percentBasisPoints === undefined)
      ctx.addIssue({ code: 'custom', path: ['percentBasisPoints'], message: 'required for kind percent' });
    if (value.kind === 'fixed' && value.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'required for kind fixed' });
    if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  });

export type DiscountInput = z.output<typeof discountSchema>;

export interface Discount {
  readonly code: string;
  readonly kind: 'percent' | 'fixed';
  readonly percentBasisPoints: number | null;
  readonly amount: { readonly amountMinor: number; readonly currency: string } | null;
  readonly minSubtotalMinor: number | null;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly active: boolean;
  readonly createdAt: Date;
}
