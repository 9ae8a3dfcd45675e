import { randomBytes } from 'node:crypto';
import { startFakeHttp, type FakeHttp } from './fake-http.js';

/*
 * A FAKE of PayPal's documented REST API, what the adapter uses: the client-credentials token
 * (expires_in settable), Orders v2 (create with intent AUTHORIZE → PAYER_ACTION_REQUIRED, then
 * authorize once "approved"), authorizations' capture and void, captures' refund, and
 * verify-webhook-signature (SUCCESS when the transmission signature is `valid-signature`).
 * `PayPal-Request-Id` replays the first answer of a POST.
 */

type Json = Record<string, unknown>;

export interface FakePaypal extends FakeHttp {
  readonly clientId: string;
  readonly clientSecret: string;
  tokenTtlSeconds: number;
  readonly tokensIssued: () => number;
  readonly orders: Map<string, Json>;
  readonly verifications: Json[];
}

const id = () => randomBytes(8).toString('hex').toUpperCase();

/** What a request must carry for the fake to answer: a missing part is the caller's bug, said plainly. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fake PayPal: ${what} is missing`);
  return value;
}

export async function startFakePaypal(): Promise<FakePaypal> {
  const clientId = `client-${id()}`;
  const clientSecret = `secret-${id()}`;
  const tokens = new Set<string>();
  const orders = new Map<string, Json>();
  const authorizations = new Map<string, { order: string; amount: Json; captured: number }>();
  const replays = new Map<string, { status: number; body?: unknown }>();
  const verifications: Json[] = [];
  let issued = 0;
  const fake = {} as FakePaypal;

  const server = await startFakeHttp((request) => {
    if (request.path === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (request.headers.authorization !== basic || request.body !== 'grant_type=client_credentials')
        return { status: 401, body: { error: 'invalid_client' } };
      const token = `A21${id()}`;
      tokens.add(token);
      issued += 1;
      return {
        status: 200,
        body: { access_token: token, token_type: 'Bearer', expires_in: fake.tokenTtlSeconds },
      };
    }
    if (!tokens.has((request.headers.authorization ?? '').replace(/^Bearer /, '')))
      return { status: 401, body: { name: 'AUTHENTICATION_FAILURE' } };
    const requestId = request.headers['paypal-request-id'];
    const replayKey = typeof requestId === 'string' ? `${request.path}:${requestId}` : undefined;
    const replayed = request.method === 'POST' && replayKey ? replays.get(replayKey) : undefined;
    if (replayed) return replayed;
    const body = request.body ? (JSON.parse(request.body) as Json) : {};
    let answer: { status: number; body?: unknown } = { status: 404, body: { name: 'RESOURCE_NOT_FOUND' } };
    let match: RegExpExecArray | null;
    if (request.method === 'POST' && request.path === '/v2/checkout/orders') {
      const orderId = id();
      const unit = present((body.purchase_units as Json[] | undefined)?.[0], 'purchase_units[0]');
      const order = {
        id: orderId,
        intent: body.intent,
        status: 'PAYER_ACTION_REQUIRED',
        purchase_units: [{ ...unit }],
        links: [
          {
            rel: 'payer-action',
            href: `https://www.sandbox.paypal.com/checkoutnow?token=${orderId}`,
            method: 'GET',
          },
        ],
      };
      orders.set(orderId, order);
      answer = { status: 200, body: order };
    } else if ((match = /^\/v2\/checkout\/orders\/([^/]+)\/authorize$/.exec(request.path))) {
      const order = orders.get(present(match[1], 'the order id'));
      if (order) {
        const unit = present((order.purchase_units as Json[])[0], "the order's purchase_units[0]");
        const authId = id();
        authorizations.set(authId, { order: order.id as string, amount: unit.amount as Json, captured: 0 });
        unit.payments = { authorizations: [{ id: authId, status: 'CREATED', amount: unit.amount }] };
        Object.assign(order, { status: 'COMPLETED', payer: { email_address: 'buyer@example.com' } });
        answer = { status: 201, body: order };
      }
    } else if ((match = /^\/v2\/payments\/authorizations\/([^/]+)\/(capture|void)$/.exec(request.path))) {
      const authorization = authorizations.get(present(match[1], 'the authorization id'));
      if (authorization && match[2] === 'capture')
        answer = { status: 201, body: { id: `CAP${id()}`, status: 'COMPLETED', amount: body.amount } };
      if (authorization && match[2] === 'void') answer = { status: 204 };
    } else if ((match = /^\/v2\/payments\/captures\/([^/]+)\/refund$/.exec(request.path))) {
      answer = { status: 201, body: { id: `REF${id()}`, status: 'COMPLETED', amount: body.amount } };
    } else if (request.path === '/v1/notifications/verify-webhook-signature') {
      verifications.push(body);
      answer = {
        status: 200,
        body: { verification_status: body.transmission_sig === 'valid-signature' ? 'SUCCESS' : 'FAILURE' },
      };
    }
    if (request.method === 'POST' && replayKey) replays.set(replayKey, answer);
    return answer;
  });
  return Object.assign(fake, server, {
    clientId,
    clientSecret,
    tokenTtlSeconds: 32_400,
    tokensIssued: () => issued,
    orders,
    verifications,
  });
}
