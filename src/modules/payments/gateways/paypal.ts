import type { RequestContext } from '../../../platform/context.js';
import { fromDecimalString, toDecimalString } from '../../../platform/money.js';
import { PaymentsErrors } from '../errors.js';
import {
  dayBounds,
  GatewayUnavailableError,
  headerOf,
  objectOf,
  stringOf,
  type AuthorizeResult,
  type GatewayEvent,
  type GatewayTransaction,
  type OperationResult,
  type PaymentGateway,
  type PaymentHandle,
} from './gateway.js';

/*
 * PayPal's REST API with fetch: an OAuth 2.0 client-credentials token (POST /v1/oauth2/token,
 * Basic auth) kept until a minute before it expires; Orders v2 with intent AUTHORIZE (the buyer
 * approves on PayPal's page: nextAction `approve`), then authorize the approved order, capture
 * (partial: final_capture false), void and refund through the Payments v2 resources. Every POST
 * carries our key as `PayPal-Request-Id`. Webhooks are verified by PayPal itself
 * (POST /v1/notifications/verify-webhook-signature → verification_status SUCCESS).
 */

export const PAYPAL_LIVE_API = 'https://api-m.paypal.com';
export const PAYPAL_SANDBOX_API = 'https://api-m.sandbox.paypal.com';
/** A token is renewed this long before PayPal says it expires. */
const TOKEN_MARGIN_MS = 60_000;

export interface PaypalConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string | undefined;
  readonly baseUrl: string | null;
}

export interface PaypalGatewayOptions {
  readonly fetch: typeof fetch;
  readonly configFor: (ctx: RequestContext) => Promise<PaypalConfig | undefined>;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export interface PaypalGateway extends PaymentGateway {
  readonly name: 'paypal';
  /** Forgets every cached token (tests, a credentials change). */
  forgetTokens(): void;
}

type Json = Record<string, unknown>;

export function createPaypalGateway(options: PaypalGatewayOptions): PaypalGateway {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { token: string; expiresAt: number; pending?: Promise<string> }>();

  async function configOf(ctx: RequestContext) {
    const config = await options.configFor(ctx);
    if (!config) throw PaymentsErrors.gatewayNotConfigured('paypal');
    return { ...config, base: (config.baseUrl ?? PAYPAL_SANDBOX_API).replace(/\/+$/, '') };
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await options.fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
    } catch (error) {
      throw new GatewayUnavailableError(
        'paypal',
        `PayPal could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async function token(config: Awaited<ReturnType<typeof configOf>>, fresh = false): Promise<string> {
    const key = `${config.base}\u0000${config.clientId}`;
    const cached = tokens.get(key);
    if (!fresh && cached && now() < cached.expiresAt - TOKEN_MARGIN_MS) return cached.token;
    const response = await send(`${config.base}/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    if (response.status >= 500 || response.status === 429)
      throw new GatewayUnavailableError('paypal', `PayPal's token endpoint answered ${response.status}`);
    const body = objectOf(await response.json().catch(() => undefined));
    const accessToken = stringOf(body?.access_token);
    if (!response.ok || !accessToken) throw PaymentsErrors.gatewayNotConfigured('paypal');
    const expiresIn = typeof body?.expires_in === 'number' ? body.expires_in : 300;
    tokens.set(key, { token: accessToken, expiresAt: now() + expiresIn * 1000 });
    return accessToken;
  }

  /** One API call with the token (renewed once on a 401); 5xx/429/network → unavailable, 4xx → a refusal. */
  async function api(
    ctx: RequestContext,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    requestId?: string,
  ): Promise<{ ok: true; body: Json } | { ok: false; status: number; code: string; message: string }> {
    const config = await configOf(ctx);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await send(`${config.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token(config, attempt > 0)}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(requestId ? { 'paypal-request-id': requestId } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status === 401 && attempt === 0) continue;
      if (response.status >= 500 || response.status === 429)
        throw new GatewayUnavailableError(
          'paypal',
          `PayPal answered ${response.status} to ${method} ${path}`,
        );
      const text = await response.text();
      let parsed: Json = {};
      try {
        parsed = objectOf(text ? JSON.parse(text) : {}) ?? {};
      } catch {
        parsed = {};
      }
      if (response.ok) return { ok: true, body: parsed };
      const detail = objectOf(Array.isArray(parsed.details) ? parsed.details[0] : undefined);
      return {
        ok: false,
        status: response.status,
        code: stringOf(detail?.issue) ?? stringOf(parsed.name) ?? `http_${response.status}`,
        message: (stringOf(detail?.description) ?? stringOf(parsed.message) ?? text).slice(0, 500),
      };
    }
    throw PaymentsErrors.gatewayNotConfigured('paypal');
  }

  const amountOf = (amountMinor: number, currency: string) => ({
    currency_code: currency,
    value: toDecimalString({ amountMinor, currency }),
  });

  const refused = (amountMinor: number, result: { code: string; message: string }): OperationResult => ({
    status: 'failed',
    reference: null,
    amountMinor,
    failureCode: result.code,
    failureMessage: result.message,
  });

  function authorizationOf(order: Json, currency: string): AuthorizeResult {
    const unit = objectOf(Array.isArray(order.purchase_units) ? order.purchase_units[0] : undefined);
    const authorizations = objectOf(unit?.payments)?.authorizations;
    const authorization = objectOf(Array.isArray(authorizations) ? authorizations[0] : undefined);
    const id = stringOf(authorization?.id);
    const amount = objectOf(authorization?.amount);
    const value = stringOf(amount?.value);
    const authorized = value
      ? fromDecimalString(value, stringOf(amount?.currency_code) ?? currency)
      : undefined;
    const status = stringOf(authorization?.status);
    const method = { type: 'paypal', brand: 'paypal', last4: null };
    const payerEmail = stringOf(objectOf(order.payer)?.email_address);
    if (!id || authorized === undefined || (status !== 'CREATED' && status !== 'PENDING'))
      return {
        status: 'failed',
        reference: stringOf(order.id) ?? null,
        authorizedMinor: 0,
        method,
        failureCode: stringOf(authorization?.status)?.toLowerCase() ?? 'authorization_missing',
        failureMessage: 'PayPal did not authorise the order.',
        payerEmail,
      };
    return {
      status: 'authorized',
      reference: stringOf(order.id) ?? null,
      authorizedMinor: authorized,
      method,
      state: { authorizationId: id },
      payerEmail,
    };
  }

  const authorizationId = (payment: PaymentHandle) => {
    const id = payment.state.authorizationId;
    if (!id) throw PaymentsErrors.invalidState('The PayPal order has not been approved and authorised yet.');
    return encodeURIComponent(id);
  };

  const gateway: PaypalGateway = {
    name: 'paypal',
    forgetTokens: () => tokens.clear(),

    async authorize(ctx, request) {
      if (request.method.type !== 'paypal')
        throw PaymentsErrors.invalidInput('method.type', "must be 'paypal' for the paypal gateway");
      const returnUrl = request.returnUrl ?? 'https://example.invalid/return';
      const result = await api(
        ctx,
        'POST',
        '/v2/checkout/orders',
        {
          intent: 'AUTHORIZE',
          purchase_units: [
            {
              reference_id: request.paymentId,
              custom_id: request.orderId.slice(0, 127),
              amount: amountOf(request.amount.amountMinor, request.amount.currency),
            },
          ],
          payment_source: {
            paypal: {
              experience_context: {
                payment_method_preference: 'IMMEDIATE_PAYMENT_REQUIRED',
                user_action: 'CONTINUE',
                return_url: returnUrl,
                cancel_url: returnUrl,
              },
            },
          },
        },
        request.idempotencyKey,
      );
      if (!result.ok)
        return {
          status: 'failed',
          reference: null,
          authorizedMinor: 0,
          failureCode: result.code,
          failureMessage: result.message,
        };
      const links = Array.isArray(result.body.links) ? result.body.links.map(objectOf) : [];
      const approve = links.find((link) => link?.rel === 'payer-action' || link?.rel === 'approve');
      const url = stringOf(approve?.href);
      return {
        status: 'requires_action',
        reference: stringOf(result.body.id) ?? null,
        authorizedMinor: 0,
        method: { type: 'paypal', brand: 'paypal', last4: null },
        nextAction: url ? { type: 'approve', url } : undefined,
      };
    },

    async confirm(ctx, payment, idempotencyKey) {
      const result = await api(
        ctx,
        'POST',
        `/v2/checkout/orders/${encodeURIComponent(payment.reference)}/authorize`,
        {},
        idempotencyKey,
      );
      if (!result.ok)
        return {
          status: 'failed',
          reference: payment.reference,
          authorizedMinor: 0,
          failureCode: result.code,
          failureMessage: result.message,
        };
      return authorizationOf(result.body, payment.currency);
    },

    async capture(ctx, payment, request) {
      const result = await api(
        ctx,
        'POST',
        `/v2/payments/authorizations/${authorizationId(payment)}/capture`,
        { amount: amountOf(request.amountMinor, payment.currency), final_capture: request.final },
        request.idempotencyKey,
      );
      if (!result.ok) return refused(request.amountMinor, result);
      if (stringOf(result.body.status) === 'DECLINED')
        return {
          status: 'failed',
          reference: stringOf(result.body.id) ?? null,
          amountMinor: request.amountMinor,
          failureCode: 'declined',
        };
      return {
        status: 'succeeded',
        reference: stringOf(result.body.id) ?? null,
        amountMinor: request.amountMinor,
      };
    },

    async void(ctx, payment, request) {
      const result = await api(
        ctx,
        'POST',
        `/v2/payments/authorizations/${authorizationId(payment)}/void`,
        undefined,
        request.idempotencyKey,
      );
      if (!result.ok) return refused(0, result);
      return { status: 'succeeded', reference: payment.state.authorizationId ?? null, amountMinor: 0 };
    },

    async refund(ctx, payment, request) {
      if (!request.captureReference)
        throw PaymentsErrors.invalidState('PayPal refunds name the capture they come from.');
      const result = await api(
        ctx,
        'POST',
        `/v2/payments/captures/${encodeURIComponent(request.captureReference)}/refund`,
        {
          amount: amountOf(request.amountMinor, payment.currency),
          note_to_payer: request.reason.slice(0, 255),
        },
        request.idempotencyKey,
      );
      if (!result.ok) return refused(request.amountMinor, result);
      return {
        status: 'succeeded',
        reference: stringOf(result.body.id) ?? null,
        amountMinor: request.amountMinor,
      };
    },

    async retrieve(ctx, reference) {
      const result = await api(ctx, 'GET', `/v2/checkout/orders/${encodeURIComponent(reference)}`);
      if (!result.ok) return undefined;
      const unit = objectOf(
        Array.isArray(result.body.purchase_units) ? result.body.purchase_units[0] : undefined,
      );
      const amount = objectOf(unit?.amount);
      const currency = stringOf(amount?.currency_code) ?? '';
      const payments = objectOf(unit?.payments);
      const sum = (list: unknown) =>
        (Array.isArray(list) ? list : [])
          .map(objectOf)
          .filter((item) => item?.status === 'COMPLETED')
          .reduce(
            (total, item) =>
              total + (fromDecimalString(stringOf(objectOf(item?.amount)?.value) ?? '0', currency) ?? 0),
            0,
          );
      return {
        reference,
        status: stringOf(result.body.status) ?? 'unknown',
        currency,
        authorizedMinor: fromDecimalString(stringOf(amount?.value) ?? '0', currency) ?? 0,
        capturedMinor: sum(payments?.captures),
        refundedMinor: sum(payments?.refunds),
      };
    },

    async listTransactions(ctx, day) {
      const { from, to } = dayBounds(day);
      const query = new URLSearchParams({
        start_date: from.toISOString(),
        end_date: new Date(to.getTime() - 1000).toISOString(),
        fields: 'transaction_info',
        page_size: '500',
      });
      const result = await api(ctx, 'GET', `/v1/reporting/transactions?${query.toString()}`);
      if (!result.ok)
        throw new GatewayUnavailableError('paypal', `PayPal refused the transaction list: ${result.message}`);
      const out: GatewayTransaction[] = [];
      for (const detail of Array.isArray(result.body.transaction_details)
        ? result.body.transaction_details
        : []) {
        const info = objectOf(objectOf(detail)?.transaction_info);
        const amount = objectOf(info?.transaction_amount);
        const currency = stringOf(amount?.currency_code) ?? '';
        const value = fromDecimalString(stringOf(amount?.value) ?? '', currency);
        const id = stringOf(info?.transaction_id);
        if (!id || value === undefined || value === 0) continue;
        out.push({
          reference: id,
          kind: value < 0 ? 'refund' : 'capture',
          paymentReference: stringOf(info?.paypal_reference_id) ?? null,
          amountMinor: Math.abs(value),
          currency,
          createdAt: new Date(stringOf(info?.transaction_initiation_date) ?? from.toISOString()),
        });
      }
      return out;
    },

    async parseWebhook(ctx, request) {
      const config = await configOf(ctx);
      if (!config.webhookId) throw PaymentsErrors.gatewayNotConfigured('paypal');
      let event: Json | undefined;
      try {
        event = objectOf(JSON.parse(request.rawBody.toString('utf8')));
      } catch {
        event = undefined;
      }
      if (!event) throw PaymentsErrors.webhookInvalid('body', 'must be a JSON object');
      const header = (name: string) => {
        const value = headerOf(request.headers, name);
        if (!value) throw PaymentsErrors.webhookSignatureInvalid('paypal', `the ${name} header is missing`);
        return value.slice(0, 2000);
      };
      const verification = await api(ctx, 'POST', '/v1/notifications/verify-webhook-signature', {
        transmission_id: header('paypal-transmission-id'),
        transmission_time: header('paypal-transmission-time'),
        cert_url: header('paypal-cert-url'),
        auth_algo: header('paypal-auth-algo'),
        transmission_sig: header('paypal-transmission-sig'),
        webhook_id: config.webhookId,
        webhook_event: event,
      });
      if (!verification.ok || verification.body.verification_status !== 'SUCCESS')
        throw PaymentsErrors.webhookSignatureInvalid(
          'paypal',
          'PayPal did not verify the signature (verification_status is not SUCCESS)',
        );
      return paypalEventOf(event);
    },
  };
  return gateway;
}

/** A verified PayPal event in our words. */
export function paypalEventOf(event: Json): GatewayEvent {
  const eventId = stringOf(event.id);
  const type = stringOf(event.event_type);
  if (!eventId || !type) throw PaymentsErrors.webhookInvalid('body.id', 'and body.event_type are required');
  const resource = objectOf(event.resource) ?? {};
  const related = objectOf(objectOf(resource.supplementary_data)?.related_ids);
  const orderId = stringOf(related?.order_id) ?? null;
  const base = { eventId: eventId.slice(0, 255), type: type.slice(0, 100), payload: event };
  switch (type) {
    case 'CHECKOUT.ORDER.APPROVED':
      return { ...base, paymentReference: stringOf(resource.id) ?? null, action: { kind: 'approved' } };
    case 'PAYMENT.AUTHORIZATION.VOIDED':
      return { ...base, paymentReference: orderId, action: { kind: 'voided' } };
    case 'PAYMENT.AUTHORIZATION.DENIED':
      return {
        ...base,
        paymentReference: orderId,
        action: { kind: 'failed', failureCode: 'authorization_denied' },
      };
    case 'CUSTOMER.DISPUTE.CREATED':
      return {
        ...base,
        paymentReference: null,
        action: { kind: 'disputed', reason: stringOf(resource.reason) ?? 'unknown' },
      };
    default:
      return {
        ...base,
        paymentReference: orderId,
        action: {
          kind: 'ignored',
          reason: `the event type ${type.slice(0, 100)} is not acted on (captures and refunds are recorded when made; reconciliation finds others)`,
        },
      };
  }
}
