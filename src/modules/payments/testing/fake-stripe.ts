import { randomBytes } from 'node:crypto';
import { startFakeHttp, type FakeHttp, type FakeRequest } from './fake-http.js';

/*
 * A FAKE of Stripe's documented REST API, just what the adapter uses: PaymentIntents (create with
 * confirm + capture_method manual, capture with amount_to_capture, cancel, retrieve), refunds
 * (create, list), charges (list). Form-encoded bodies as the SDK sends them; `Idempotency-Key`
 * replays the first answer (another body with the same key is Stripe's idempotency_error).
 * Test payment methods as Stripe's docs name them: pm_card_visa (authorised),
 * pm_card_chargeDeclined (402 card_declined), pm_card_threeDSecure2Required (requires_action).
 */

type Json = Record<string, unknown>;

export interface FakeStripe extends FakeHttp {
  readonly secretKey: string;
  readonly intents: Map<string, Json>;
  readonly charges: Json[];
  readonly refunds: Json[];
  /** How many times each idempotency key reached a handler that moved money (replays are not counted). */
  readonly executed: Map<string, number>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const error = (status: number, type: string, code: string, message: string, extra: Json = {}) => ({
  status,
  body: { error: { type, code, message, ...extra } },
});

export async function startFakeStripe(): Promise<FakeStripe> {
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const intents = new Map<string, Json>();
  const charges: Json[] = [];
  const refunds: Json[] = [];
  const executed = new Map<string, number>();
  const replays = new Map<string, { body: string; answer: { status: number; body: unknown } }>();

  const handle = (request: FakeRequest, form: URLSearchParams): { status: number; body: unknown } => {
    const path = request.path;
    if (request.method === 'POST' && path === '/v1/payment_intents') {
      const pm = form.get('payment_method') ?? '';
      const amount = Number(form.get('amount'));
      const intent: Json = {
        id: id('pi'),
        object: 'payment_intent',
        amount,
        amount_capturable: 0,
        amount_received: 0,
        capture_method: form.get('capture_method'),
        currency: form.get('currency'),
        created: now(),
        latest_charge: null,
        metadata: { paymentId: form.get('metadata[paymentId]'), orderId: form.get('metadata[orderId]') },
        payment_method: {
          id: pm,
          object: 'payment_method',
          card: { brand: 'visa', last4: pm === 'pm_card_chargeDeclined' ? '0002' : '4242' },
        },
        next_action: null,
        last_payment_error: null,
        status: 'requires_capture',
      };
      if (pm === 'pm_card_chargeDeclined') {
        intent.status = 'requires_payment_method';
        intent.last_payment_error = {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
        };
        intents.set(intent.id as string, intent);
        return error(402, 'card_error', 'card_declined', 'Your card was declined.', {
          decline_code: 'generic_decline',
          payment_intent: intent,
        });
      }
      if (pm === 'pm_card_threeDSecure2Required') {
        intent.status = 'requires_action';
        intent.next_action = {
          type: 'redirect_to_url',
          redirect_to_url: {
            url: `https://hooks.stripe.com/3d_secure_2/${intent.id as string}`,
            return_url: form.get('return_url'),
          },
        };
      } else intent.amount_capturable = amount;
      intents.set(intent.id as string, intent);
      return { status: 200, body: intent };
    }
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)(?:\/(capture|cancel))?$/.exec(path);
    if (intentMatch) {
      const intent = intents.get(intentMatch[1] ?? '');
      if (!intent) return error(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent');
      if (request.method === 'GET') return { status: 200, body: intent };
      if (intentMatch[2] === 'capture') {
        if (intent.status !== 'requires_capture')
          return error(
            400,
            'invalid_request_error',
            'payment_intent_unexpected_state',
            `This PaymentIntent's status is ${intent.status as string}.`,
          );
        const amount = Number(form.get('amount_to_capture') ?? intent.amount_capturable);
        if (amount > (intent.amount_capturable as number))
          return error(
            400,
            'invalid_request_error',
            'amount_too_large',
            'amount_to_capture is greater than amount_capturable',
          );
        const charge = {
          id: id('ch'),
          object: 'charge',
          amount: intent.amount,
          amount_captured: amount,
          amount_refunded: 0,
          captured: true,
          currency: intent.currency,
          payment_intent: intent.id,
          created: now(),
        };
        charges.push(charge);
        Object.assign(intent, {
          status: 'succeeded',
          amount_received: amount,
          amount_capturable: 0,
          latest_charge: charge.id,
        });
        return { status: 200, body: intent };
      }
      if (intentMatch[2] === 'cancel') {
        if (intent.status !== 'requires_capture' && intent.status !== 'requires_action')
          return error(
            400,
            'invalid_request_error',
            'payment_intent_unexpected_state',
            'You cannot cancel this PaymentIntent.',
          );
        Object.assign(intent, { status: 'canceled', amount_capturable: 0, canceled_at: now() });
        return { status: 200, body: intent };
      }
    }
    if (request.method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(form.get('payment_intent') ?? '');
      if (!intent) return error(404, 'invalid_request_error', 'resource_missing', 'No such payment_intent');
      const refunded = refunds
        .filter((r) => r.payment_intent === intent.id)
        .reduce((s, r) => s + (r.amount as number), 0);
      const amount = Number(form.get('amount') ?? (intent.amount_received as number) - refunded);
      if (amount + refunded > (intent.amount_received as number))
        return error(
          400,
          'invalid_request_error',
          'charge_already_refunded',
          'Refund amount is greater than unrefunded amount on charge',
        );
      const refund = {
        id: id('re'),
        object: 'refund',
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        charge: intent.latest_charge,
        status: 'succeeded',
        created: now(),
      };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    if (request.method === 'GET' && (path === '/v1/charges' || path === '/v1/refunds')) {
      const gte = Number(request.query.get('created[gte]') ?? 0);
      const lt = Number(request.query.get('created[lt]') ?? Number.MAX_SAFE_INTEGER);
      const list = (path === '/v1/charges' ? charges : refunds).filter(
        (item) => (item.created as number) >= gte && (item.created as number) < lt,
      );
      return { status: 200, body: { object: 'list', data: list, has_more: false, url: path } };
    }
    return error(
      404,
      'invalid_request_error',
      'resource_missing',
      `Unrecognized request URL (${request.method}: ${path})`,
    );
  };

  const server = await startFakeHttp((request) => {
    if (request.headers.authorization !== `Bearer ${secretKey}`)
      return error(401, 'invalid_request_error', 'api_key_invalid', 'Invalid API Key provided');
    const form = new URLSearchParams(request.body);
    const key = request.headers['idempotency-key'];
    if (request.method === 'POST' && typeof key === 'string') {
      const seen = replays.get(key);
      if (seen) {
        if (seen.body !== `${request.path}?${request.body}`)
          return error(
            400,
            'idempotency_error',
            'idempotency_key_in_use',
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          );
        return seen.answer;
      }
      const answer = handle(request, form);
      executed.set(key, (executed.get(key) ?? 0) + 1);
      replays.set(key, { body: `${request.path}?${request.body}`, answer });
      return answer;
    }
    return handle(request, form);
  });
  return Object.assign(server, { secretKey, intents, charges, refunds, executed });
}
