import Stripe from 'stripe';
import type { RequestContext } from '../../../platform/context.js';
import { PaymentsErrors } from '../errors.js';
import {
  dayBounds,
  GatewayUnavailableError,
  headerOf,
  intOf,
  objectOf,
  stringOf,
  type AuthorizeResult,
  type GatewayEvent,
  type GatewayTransaction,
  type OperationResult,
  type PaymentGateway,
} from './gateway.js';

/*
 * Stripe through its own SDK (`stripe`): a PaymentIntent per payment with capture_method manual,
 * confirmed with the customer's PaymentMethod (`pm_…` from Stripe.js); capture with
 * amount_to_capture (Stripe captures once: a partial capture releases the rest); cancel to void;
 * refunds against the intent. Every POST carries our key as `Idempotency-Key`. Webhooks are checked
 * with `stripe.webhooks.constructEvent` (tolerance 300 s). The base URL setting (a test double)
 * becomes the SDK's host/port/protocol; the platform's fetch carries the requests.
 */

export const STRIPE_API = 'https://api.stripe.com';
export const STRIPE_TOLERANCE_SECONDS = 300;

export interface StripeConfig {
  readonly secretKey: string;
  readonly webhookSecret: string | undefined;
  readonly baseUrl: string | null;
}

export interface StripeGatewayOptions {
  readonly fetch: typeof fetch;
  /** The tenant's credentials and base URL; undefined when not configured. */
  readonly configFor: (ctx: RequestContext) => Promise<StripeConfig | undefined>;
  readonly timeoutMs?: number;
}

type Json = Record<string, unknown>;

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const clients = new Map<string, Stripe>();

  function clientOf(config: StripeConfig): Stripe {
    const cacheKey = `${config.secretKey}\u0000${config.baseUrl ?? ''}`;
    let client = clients.get(cacheKey);
    if (!client) {
      const url = new URL(config.baseUrl ?? STRIPE_API);
      client = new Stripe(config.secretKey, {
        host: url.hostname,
        port: url.port || (url.protocol === 'http:' ? 80 : 443),
        protocol: url.protocol === 'http:' ? 'http' : 'https',
        httpClient: Stripe.createFetchHttpClient(options.fetch),
        maxNetworkRetries: 2,
        timeout: options.timeoutMs ?? 20_000,
      });
      if (clients.size > 100) clients.clear();
      clients.set(cacheKey, client);
    }
    return client;
  }

  async function client(ctx: RequestContext): Promise<Stripe> {
    const config = await options.configFor(ctx);
    if (!config) throw PaymentsErrors.gatewayNotConfigured('stripe');
    return clientOf(config);
  }

  /** A refusal (4xx but 429) is an answer; anything else means "ask again later with the same key". */
  async function call<T>(
    work: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string }> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        const status = error.statusCode ?? 0;
        if (
          status === 0 ||
          status === 429 ||
          status >= 500 ||
          error instanceof Stripe.errors.StripeConnectionError
        )
          throw new GatewayUnavailableError('stripe', `Stripe: ${error.message}`);
        if (error instanceof Stripe.errors.StripeIdempotencyError)
          throw PaymentsErrors.idempotencyKeyReused('idempotencyKey');
        return {
          ok: false,
          code: (error as { decline_code?: string }).decline_code ?? error.code ?? error.type,
          message: error.message.slice(0, 500),
        };
      }
      throw new GatewayUnavailableError(
        'stripe',
        `Stripe: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  function authorizeResultOf(intent: Json): AuthorizeResult {
    const id = stringOf(intent.id) ?? null;
    const status = stringOf(intent.status);
    const card = objectOf(objectOf(objectOf(intent.payment_method)?.card) ?? {});
    const method = {
      type: 'card',
      brand: stringOf(card?.brand) ?? null,
      last4: /^\d{4}$/.test(stringOf(card?.last4) ?? '') ? (card?.last4 as string) : null,
    };
    if (status === 'requires_capture')
      return {
        status: 'authorized',
        reference: id,
        authorizedMinor: intOf(intent.amount_capturable) ?? intOf(intent.amount) ?? 0,
        method,
      };
    if (status === 'requires_action') {
      const redirect = objectOf(objectOf(intent.next_action)?.redirect_to_url);
      const url = stringOf(redirect?.url);
      return {
        status: 'requires_action',
        reference: id,
        authorizedMinor: 0,
        method,
        nextAction: url ? { type: '3ds', url } : undefined,
      };
    }
    if (status === 'succeeded')
      return {
        status: 'authorized',
        reference: id,
        authorizedMinor: intOf(intent.amount_received) ?? 0,
        method,
      };
    const error = objectOf(intent.last_payment_error);
    return {
      status: 'failed',
      reference: id,
      authorizedMinor: 0,
      method,
      failureCode: stringOf(error?.decline_code) ?? stringOf(error?.code) ?? status ?? 'failed',
      failureMessage: stringOf(error?.message),
    };
  }

  const op = (
    result:
      | { ok: true; value: Json; reference: string | null; amountMinor: number }
      | { ok: false; code: string; message: string },
    amountMinor: number,
  ): OperationResult =>
    result.ok
      ? { status: 'succeeded', reference: result.reference, amountMinor: result.amountMinor }
      : {
          status: 'failed',
          reference: null,
          amountMinor,
          failureCode: result.code,
          failureMessage: result.message,
        };

  return {
    name: 'stripe',

    async authorize(ctx, request) {
      if (request.method.type !== 'stripe_payment_method')
        throw PaymentsErrors.invalidInput(
          'method.type',
          "must be 'stripe_payment_method' for the stripe gateway",
        );
      const paymentMethod = request.method.paymentMethodId;
      if (!/^pm_[A-Za-z0-9_]{1,100}$/.test(paymentMethod))
        throw PaymentsErrors.invalidInput(
          'method.paymentMethodId',
          'must be a Stripe PaymentMethod id (pm_…)',
        );
      const stripe = await client(ctx);
      const result = await call(() =>
        stripe.paymentIntents.create(
          {
            amount: request.amount.amountMinor,
            currency: request.amount.currency.toLowerCase(),
            capture_method: 'manual',
            confirm: true,
            payment_method: paymentMethod,
            expand: ['payment_method'],
            metadata: { paymentId: request.paymentId, orderId: request.orderId },
            ...(request.returnUrl ? { return_url: request.returnUrl } : {}),
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      if (!result.ok)
        return {
          status: 'failed',
          reference: null,
          authorizedMinor: 0,
          failureCode: result.code,
          failureMessage: result.message,
        };
      return authorizeResultOf(result.value as unknown as Json);
    },

    async capture(ctx, payment, request) {
      const stripe = await client(ctx);
      const result = await call(() =>
        stripe.paymentIntents.capture(
          payment.reference,
          { amount_to_capture: request.amountMinor },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      if (!result.ok) return op(result, request.amountMinor);
      const intent = result.value as unknown as Json;
      return op(
        {
          ok: true,
          value: intent,
          reference: stringOf(intent.latest_charge) ?? null,
          amountMinor: request.amountMinor,
        },
        request.amountMinor,
      );
    },

    async void(ctx, payment, request) {
      const stripe = await client(ctx);
      const result = await call(() =>
        stripe.paymentIntents.cancel(payment.reference, {}, { idempotencyKey: request.idempotencyKey }),
      );
      if (!result.ok) return op(result, 0);
      const intent = result.value as unknown as Json;
      return {
        status: 'succeeded',
        reference: stringOf(intent.id) ?? null,
        amountMinor: intOf(intent.amount) ?? 0,
      };
    },

    async refund(ctx, payment, request) {
      const stripe = await client(ctx);
      const result = await call(() =>
        stripe.refunds.create(
          {
            payment_intent: payment.reference,
            amount: request.amountMinor,
            metadata: { paymentId: payment.paymentId, reason: request.reason.slice(0, 400) },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      if (!result.ok) return op(result, request.amountMinor);
      const refund = result.value as unknown as Json;
      if (stringOf(refund.status) === 'failed' || stringOf(refund.status) === 'canceled')
        return {
          status: 'failed',
          reference: stringOf(refund.id) ?? null,
          amountMinor: request.amountMinor,
          failureCode: stringOf(refund.failure_reason) ?? 'refund_failed',
        };
      return {
        status: 'succeeded',
        reference: stringOf(refund.id) ?? null,
        amountMinor: intOf(refund.amount) ?? request.amountMinor,
      };
    },

    async retrieve(ctx, reference) {
      const stripe = await client(ctx);
      const result = await call(() => stripe.paymentIntents.retrieve(reference));
      if (!result.ok) return undefined;
      const intent = result.value as unknown as Json;
      return {
        reference,
        status: stringOf(intent.status) ?? 'unknown',
        currency: (stringOf(intent.currency) ?? '').toUpperCase(),
        authorizedMinor: intOf(intent.amount) ?? 0,
        capturedMinor: intOf(intent.amount_received) ?? 0,
        refundedMinor: 0,
      };
    },

    async listTransactions(ctx, day) {
      const stripe = await client(ctx);
      const { from, to } = dayBounds(day);
      const created = { gte: Math.floor(from.getTime() / 1000), lt: Math.floor(to.getTime() / 1000) };
      const out: GatewayTransaction[] = [];
      const charges = await call(() =>
        stripe.charges.list({ created, limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      );
      if (!charges.ok)
        throw new GatewayUnavailableError('stripe', `Stripe refused the charge list: ${charges.message}`);
      for (const charge of charges.value as unknown as Json[]) {
        const captured = intOf(charge.amount_captured) ?? 0;
        if (charge.captured !== true || captured === 0) continue;
        out.push({
          reference: stringOf(charge.id) ?? '',
          kind: 'capture',
          paymentReference: stringOf(charge.payment_intent) ?? null,
          amountMinor: captured,
          currency: (stringOf(charge.currency) ?? '').toUpperCase(),
          createdAt: new Date((intOf(charge.created) ?? 0) * 1000),
        });
      }
      const refunds = await call(() =>
        stripe.refunds.list({ created, limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      );
      if (!refunds.ok)
        throw new GatewayUnavailableError('stripe', `Stripe refused the refund list: ${refunds.message}`);
      for (const refund of refunds.value as unknown as Json[]) {
        if (stringOf(refund.status) !== 'succeeded') continue;
        out.push({
          reference: stringOf(refund.id) ?? '',
          kind: 'refund',
          paymentReference: stringOf(refund.payment_intent) ?? null,
          amountMinor: intOf(refund.amount) ?? 0,
          currency: (stringOf(refund.currency) ?? '').toUpperCase(),
          createdAt: new Date((intOf(refund.created) ?? 0) * 1000),
        });
      }
      return out;
    },

    async parseWebhook(ctx, request) {
      const config = await options.configFor(ctx);
      if (!config?.webhookSecret) throw PaymentsErrors.gatewayNotConfigured('stripe');
      const signature = headerOf(request.headers, 'stripe-signature');
      if (!signature)
        throw PaymentsErrors.webhookSignatureInvalid('stripe', 'the Stripe-Signature header is missing');
      let event: Json;
      try {
        event = clientOf(config).webhooks.constructEvent(
          request.rawBody,
          signature,
          config.webhookSecret,
          STRIPE_TOLERANCE_SECONDS,
        ) as unknown as Json;
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError)
          throw PaymentsErrors.webhookSignatureInvalid('stripe', error.message.slice(0, 300));
        throw PaymentsErrors.webhookInvalid('body', 'is not a JSON Stripe event');
      }
      return stripeEventOf(event);
    },
  };
}

/** A verified Stripe event in our words. Unknown types and unreadable objects are ignored with a reason. */
export function stripeEventOf(event: Json): GatewayEvent {
  const eventId = stringOf(event.id);
  const type = stringOf(event.type);
  if (!eventId || !type) throw PaymentsErrors.webhookInvalid('body.id', 'and body.type are required');
  const object = objectOf(objectOf(event.data)?.object);
  const base = { eventId: eventId.slice(0, 255), type: type.slice(0, 100), payload: event };
  if (!object)
    return {
      ...base,
      paymentReference: null,
      action: { kind: 'ignored', reason: 'the event has no data.object' },
    };
  const kind = stringOf(object.object);
  if (type.startsWith('payment_intent.')) {
    if (kind !== 'payment_intent')
      return {
        ...base,
        paymentReference: null,
        action: { kind: 'ignored', reason: `data.object is a ${kind ?? 'nothing'}, not a payment_intent` },
      };
    const reference = stringOf(object.id) ?? null;
    switch (type) {
      case 'payment_intent.amount_capturable_updated':
        return {
          ...base,
          paymentReference: reference,
          action: { kind: 'authorized', authorizedMinor: intOf(object.amount_capturable) ?? 0 },
        };
      case 'payment_intent.succeeded':
        return {
          ...base,
          paymentReference: reference,
          action: {
            kind: 'captured',
            capturedTotalMinor: intOf(object.amount_received) ?? 0,
            reference: stringOf(object.latest_charge) ?? null,
          },
        };
      case 'payment_intent.payment_failed': {
        const error = objectOf(object.last_payment_error);
        return {
          ...base,
          paymentReference: reference,
          action: {
            kind: 'failed',
            failureCode:
              stringOf(error?.decline_code) ??
              stringOf(error?.code) ??
              stringOf(error?.type) ??
              'payment_failed',
          },
        };
      }
      case 'payment_intent.canceled':
        return { ...base, paymentReference: reference, action: { kind: 'voided' } };
      default:
        return {
          ...base,
          paymentReference: reference,
          action: { kind: 'ignored', reason: `the event type ${type} is not acted on` },
        };
    }
  }
  if (type === 'charge.refunded') {
    if (kind !== 'charge')
      return {
        ...base,
        paymentReference: null,
        action: { kind: 'ignored', reason: `data.object is a ${kind ?? 'nothing'}, not a charge` },
      };
    const intent = stringOf(object.payment_intent);
    if (!intent)
      return {
        ...base,
        paymentReference: null,
        action: {
          kind: 'ignored',
          reason:
            'the charge has no payment_intent (a legacy Charges API event, as before PaymentIntents): no payment of ours can be found from it',
        },
      };
    const refunded = intOf(object.amount_refunded);
    if (refunded === undefined)
      return {
        ...base,
        paymentReference: intent,
        action: { kind: 'ignored', reason: 'the charge has no amount_refunded' },
      };
    return {
      ...base,
      paymentReference: intent,
      action: { kind: 'refunded', refundedTotalMinor: refunded, reference: null },
    };
  }
  if (type === 'charge.dispute.created')
    return {
      ...base,
      paymentReference: stringOf(object.payment_intent) ?? null,
      action: { kind: 'disputed', reason: stringOf(object.reason) ?? 'unknown' },
    };
  return {
    ...base,
    paymentReference: null,
    action: { kind: 'ignored', reason: `the event type ${type.slice(0, 100)} is not acted on` },
  };
}
