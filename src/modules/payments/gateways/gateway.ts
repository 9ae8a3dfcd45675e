import type { RequestContext } from '../../../platform/context.js';
import type { Money } from '../../../platform/money.js';
import type { GatewayName, PaymentMethodInput } from '../contract.js';

/*
 * One interface for every gateway: the embedded simulator, Stripe, PayPal. Every mutating call
 * carries our idempotency key (the transaction row's), which the gateway keeps: asked again with
 * the same key, it answers what it answered the first time and moves no money twice.
 *
 * A gateway that cannot be reached (network, 5xx, 429) throws GatewayUnavailableError: the
 * transaction row stays pending and the same key is tried again later. A refusal (a decline, an
 * invalid state at the gateway) is an answer: `status: 'failed'` with the gateway's code.
 */

export class GatewayUnavailableError extends Error {
  constructor(
    readonly gateway: GatewayName,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayUnavailableError';
  }
}

export interface AuthorizeRequest {
  /** Our payment's public id (`pay_…`): sent as metadata / reference. */
  readonly paymentId: string;
  readonly orderId: string;
  readonly amount: Money;
  readonly method: PaymentMethodInput;
  readonly idempotencyKey: string;
  readonly returnUrl?: string | undefined;
}

export interface AuthorizeResult {
  readonly status: 'authorized' | 'requires_action' | 'failed';
  /** The gateway's id of the payment (`pi_…`, a PayPal order id, `sim_…`). */
  readonly reference: string | null;
  readonly authorizedMinor: number;
  readonly method?: { readonly type: string; readonly brand: string | null; readonly last4: string | null };
  readonly nextAction?: { readonly type: '3ds' | 'approve'; readonly url: string } | undefined;
  readonly failureCode?: string | undefined;
  readonly failureMessage?: string | undefined;
  /** Non-personal facts for later calls (PayPal's authorization id). */
  readonly state?: Readonly<Record<string, string>>;
  /** The payer's e-mail when the gateway tells it (PayPal): sealed by the service. */
  readonly payerEmail?: string | undefined;
}

export interface OperationResult {
  readonly status: 'succeeded' | 'failed';
  /** The gateway's id of this operation (charge, capture, refund). */
  readonly reference: string | null;
  readonly amountMinor: number;
  readonly failureCode?: string | undefined;
  readonly failureMessage?: string | undefined;
}

/** What the service hands an operation on an existing payment. */
export interface PaymentHandle {
  readonly paymentId: string;
  readonly reference: string;
  readonly currency: string;
  readonly state: Readonly<Record<string, string>>;
}

export interface GatewayPaymentView {
  readonly reference: string;
  readonly status: string;
  readonly currency: string;
  readonly authorizedMinor: number;
  readonly capturedMinor: number;
  readonly refundedMinor: number;
}

/** One money movement as the gateway's own books list it (reconciliation). */
export interface GatewayTransaction {
  readonly reference: string;
  readonly kind: 'capture' | 'refund';
  readonly paymentReference: string | null;
  readonly amountMinor: number;
  readonly currency: string;
  readonly createdAt: Date;
}

export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly rawBody: Buffer;
}

/** A webhook in our words; `ignored` with a reason when it is nothing we act on (or cannot read). */
export interface GatewayEvent {
  readonly eventId: string;
  readonly type: string;
  readonly paymentReference: string | null;
  readonly action:
    | { readonly kind: 'authorized'; readonly authorizedMinor: number }
    | { readonly kind: 'approved' }
    | { readonly kind: 'failed'; readonly failureCode: string }
    /** The gateway's running totals: we converge on them (captures/refunds made elsewhere). */
    | { readonly kind: 'captured'; readonly capturedTotalMinor: number; readonly reference: string | null }
    | { readonly kind: 'refunded'; readonly refundedTotalMinor: number; readonly reference: string | null }
    | { readonly kind: 'voided' }
    | { readonly kind: 'disputed'; readonly reason: string }
    | { readonly kind: 'ignored'; readonly reason: string };
  /** The payload as parsed, sealed with the event. */
  readonly payload: unknown;
}

export interface PaymentGateway {
  readonly name: GatewayName;
  authorize(ctx: RequestContext, request: AuthorizeRequest): Promise<AuthorizeResult>;
  /** After the buyer's approval (PayPal): authorises the approved order. */
  confirm?(ctx: RequestContext, payment: PaymentHandle, idempotencyKey: string): Promise<AuthorizeResult>;
  capture(
    ctx: RequestContext,
    payment: PaymentHandle,
    request: { readonly amountMinor: number; readonly idempotencyKey: string; readonly final: boolean },
  ): Promise<OperationResult>;
  void(
    ctx: RequestContext,
    payment: PaymentHandle,
    request: { readonly idempotencyKey: string },
  ): Promise<OperationResult>;
  refund(
    ctx: RequestContext,
    payment: PaymentHandle,
    request: {
      readonly amountMinor: number;
      readonly idempotencyKey: string;
      readonly reason: string;
      /** The capture to refund from (PayPal); the gateway's choice when absent. */
      readonly captureReference?: string | undefined;
    },
  ): Promise<OperationResult>;
  retrieve(ctx: RequestContext, reference: string): Promise<GatewayPaymentView | undefined>;
  /** Captures and refunds the gateway booked on a UTC day (`YYYY-MM-DD`). */
  listTransactions(ctx: RequestContext, day: string): Promise<GatewayTransaction[]>;
  /** Verifies the signature (401 problem when it fails) and reads the event (400 naming the field). */
  parseWebhook(ctx: RequestContext, request: WebhookRequest): Promise<GatewayEvent>;
}

export function headerOf(headers: WebhookRequest['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function intOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** UTC bounds of a `YYYY-MM-DD` day. */
export function dayBounds(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00.000Z`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}
