import type { RequestContext } from '../../platform/context.js';
import type { Money } from '../../platform/money.js';

/*
 * The payments door. A payment belongs to one order (its public id, opaque here) and one gateway;
 * every call to the gateway is a transaction row reserved with its idempotency key before the
 * gateway is asked, so a retried capture (a crash between the gateway's answer and our commit)
 * asks the gateway again with the same key and never charges twice. Public ids: `pay_…`, `ptx_…`.
 */

export type GatewayName = 'simulator' | 'stripe' | 'paypal';

export type PaymentStatus =
  /** Created, the gateway not yet asked (or its answer not yet recorded). */
  | 'pending'
  /** The customer must act (3-D Secure, a PayPal approval): `nextAction.url`. */
  | 'requires_action'
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'
  | 'failed';

export type TransactionKind = 'authorize' | 'capture' | 'void' | 'refund';

export interface PaymentTransaction {
  /** `ptx_…` */
  readonly id: string;
  readonly kind: TransactionKind;
  readonly amount: Money;
  readonly status: 'pending' | 'succeeded' | 'failed';
  /** The gateway's id of this operation (charge, capture, refund). */
  readonly gatewayReference: string | null;
  /** The gateway's reason when it failed (declined, insufficient_funds …). */
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly idempotencyKey: string;
  readonly createdAt: Date;
  readonly settledAt: Date | null;
}

export interface Payment {
  /** `pay_…` */
  readonly id: string;
  /** The order's public id (`ord_…`). */
  readonly orderId: string;
  readonly gateway: GatewayName;
  /** The gateway's id of the payment (PaymentIntent `pi_…`, PayPal order id, `sim_…`). */
  readonly gatewayReference: string | null;
  readonly status: PaymentStatus;
  readonly amount: Money;
  readonly authorizedMinor: number;
  readonly capturedMinor: number;
  readonly refundedMinor: number;
  /** Card brand and last four, or the PayPal payer's masked e-mail: never a full card number. */
  readonly method: {
    readonly type: string;
    readonly brand: string | null;
    readonly last4: string | null;
  } | null;
  readonly nextAction: { readonly type: '3ds' | 'approve'; readonly url: string } | null;
  readonly failureCode: string | null;
  readonly transactions: readonly PaymentTransaction[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * How the customer pays. The simulator takes its documented test card numbers (never stored: only
 * brand and last four are kept); Stripe a PaymentMethod id from Stripe.js (`pm_…`); PayPal nothing
 * (the buyer approves on PayPal's page).
 */
export type PaymentMethodInput =
  | { readonly type: 'test_card'; readonly number: string }
  | { readonly type: 'stripe_payment_method'; readonly paymentMethodId: string }
  | { readonly type: 'paypal' };

export interface AuthorizeInput {
  readonly orderId: string;
  readonly amount: Money;
  /** The tenant's default gateway when absent. */
  readonly gateway?: GatewayName;
  readonly method: PaymentMethodInput;
  /** Stable per order attempt (the place-order workflow's id): a replayed step finds the same payment. */
  readonly idempotencyKey: string;
  /** Where the customer comes back after 3-D Secure or a PayPal approval. */
  readonly returnUrl?: string;
}

export interface PaymentsService {
  /** Authorises the amount (no capture). Idempotent by key. Status authorized, requires_action or failed. */
  authorize(ctx: RequestContext, input: AuthorizeInput): Promise<Payment>;
  /** Captures all (default) or part of what is authorised; idempotent by key. */
  capture(
    ctx: RequestContext,
    paymentId: string,
    input: { readonly amountMinor?: number; readonly idempotencyKey: string },
  ): Promise<Payment>;
  /** Voids an authorisation nothing was captured of; idempotent by key. */
  void(ctx: RequestContext, paymentId: string, input: { readonly idempotencyKey: string }): Promise<Payment>;
  /** Refunds part or all of what was captured (never more); idempotent by key. */
  refund(
    ctx: RequestContext,
    paymentId: string,
    input: { readonly amountMinor: number; readonly reason: string; readonly idempotencyKey: string },
  ): Promise<Payment>;
  get(ctx: RequestContext, paymentId: string): Promise<Payment>;
  /** Every payment of an order, oldest first, with their transactions. */
  forOrder(ctx: RequestContext, orderId: string): Promise<Payment[]>;
}
