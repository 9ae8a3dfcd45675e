import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { startFakePaypal, type FakePaypal } from '../testing/fake-paypal.js';
import { createPaypalGateway, type PaypalGateway } from './paypal.js';

/*
 * The PayPal adapter against a FAKE PayPal: one token for many calls and a new one after expiry,
 * Orders v2 AUTHORIZE shaped like the real create request, PayPal-Request-Id idempotency, and
 * webhook verification by PayPal's verify-webhook-signature (the real request's shape).
 */

const FIXTURES = '../shared/fixtures/real/payments';
const ctx = systemContext('00000000-0000-4000-8000-0000000000bb', 'test', 'test');
let fake: FakePaypal;
let paypal: PaypalGateway;
let clock = Date.now();

beforeAll(async () => {
  fake = await startFakePaypal();
  paypal = createPaypalGateway({
    fetch,
    now: () => clock,
    configFor: () =>
      Promise.resolve({
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        webhookId: '1JE4291016473214C',
        baseUrl: fake.url,
      }),
  });
});
afterAll(() => fake.close());

const authorize = (key: string) =>
  paypal.authorize(ctx, {
    paymentId: 'pay_1',
    orderId: 'ord_1',
    amount: { amountMinor: 10_000, currency: 'USD' },
    method: { type: 'paypal' },
    idempotencyKey: key,
  });

describe('PayPal adapter', () => {
  it('creates an AUTHORIZE order shaped like the real request, with PayPal-Request-Id; approval then authorise, capture, refund, void', async () => {
    const created = await authorize('auth-1');
    expect(created).toMatchObject({ status: 'requires_action', nextAction: { type: 'approve' } });
    const request = fake.requests.find((r) => r.path === '/v2/checkout/orders')!;
    expect(request.headers['paypal-request-id']).toBe('auth-1');
    const sent = JSON.parse(request.body) as Record<string, unknown>;
    const real = JSON.parse(
      readFileSync(`${FIXTURES}/paypal-orders-v2-create-request.json`, 'utf8'),
    ) as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(Object.keys(real).sort());
    expect(sent).toMatchObject({
      intent: 'AUTHORIZE',
      purchase_units: [{ amount: { currency_code: 'USD', value: '100.00' } }],
    });
    // The same request id: the same order.
    expect((await authorize('auth-1')).reference).toBe(created.reference);
    expect(fake.orders.size).toBe(1);

    const confirmed = await paypal.confirm!(
      ctx,
      { paymentId: 'pay_1', reference: created.reference!, currency: 'USD', state: {} },
      'confirm-1',
    );
    expect(confirmed).toMatchObject({
      status: 'authorized',
      authorizedMinor: 10_000,
      payerEmail: 'buyer@example.com',
    });
    const handle = {
      paymentId: 'pay_1',
      reference: created.reference!,
      currency: 'USD',
      state: confirmed.state!,
    };
    const capture = await paypal.capture(ctx, handle, {
      amountMinor: 4_000,
      idempotencyKey: 'cap-1',
      final: false,
    });
    expect(capture).toMatchObject({ status: 'succeeded', amountMinor: 4_000 });
    expect(JSON.parse(fake.requests.at(-1)!.body)).toEqual({
      amount: { currency_code: 'USD', value: '40.00' },
      final_capture: false,
    });
    expect(
      await paypal.refund(ctx, handle, {
        amountMinor: 1_000,
        idempotencyKey: 'ref-1',
        reason: 'r',
        captureReference: capture.reference!,
      }),
    ).toMatchObject({ status: 'succeeded' });
    expect(await paypal.void(ctx, handle, { idempotencyKey: 'void-1' })).toMatchObject({
      status: 'succeeded',
    });
  });

  it('asks for one token for many calls and a new one once it expired', async () => {
    paypal.forgetTokens();
    const before = fake.tokensIssued();
    fake.tokenTtlSeconds = 3_600;
    for (let i = 0; i < 5; i += 1) await authorize(`many-${i}`);
    expect(fake.tokensIssued() - before).toBe(1);
    clock += 3_600_000 - 30_000; // inside the minute before expiry: renewed
    await authorize('after-expiry');
    expect(fake.tokensIssued() - before).toBe(2);
    await authorize('after-expiry-2');
    expect(fake.tokensIssued() - before).toBe(2);
  });

  it('verifies a webhook through verify-webhook-signature (the real request shape); FAILURE is a 401', async () => {
    const real = JSON.parse(
      readFileSync(`${FIXTURES}/paypal-verify-webhook-signature-request.json`, 'utf8'),
    ) as Record<string, unknown>;
    const event = real.webhook_event as Record<string, unknown>;
    const headers = (sig: string) => ({
      'paypal-transmission-id': real.transmission_id as string,
      'paypal-transmission-time': real.transmission_time as string,
      'paypal-cert-url':
        'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
      'paypal-auth-algo': real.auth_algo as string,
      'paypal-transmission-sig': sig,
    });
    const rawBody = Buffer.from(JSON.stringify(event));
    const parsed = await paypal.parseWebhook(ctx, { headers: headers('valid-signature'), rawBody });
    expect(parsed).toMatchObject({
      eventId: '8PT597110X687430LKGECATA',
      type: 'PAYMENT.AUTHORIZATION.CREATED',
      action: { kind: 'ignored' },
    });
    const sent = fake.verifications.at(-1)!;
    expect(Object.keys(sent).sort()).toEqual(Object.keys(real).sort());
    expect(sent).toMatchObject({ webhook_id: '1JE4291016473214C', webhook_event: event });
    await expect(
      paypal.parseWebhook(ctx, { headers: headers(real.transmission_sig as string), rawBody }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID' });
    await expect(paypal.parseWebhook(ctx, { headers: {}, rawBody })).rejects.toMatchObject({
      code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID',
    });
    const approved = await paypal.parseWebhook(ctx, {
      headers: headers('valid-signature'),
      rawBody: Buffer.from(
        JSON.stringify({ id: 'WH-1', event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: 'ORDER1' } }),
      ),
    });
    expect(approved).toMatchObject({ paymentReference: 'ORDER1', action: { kind: 'approved' } });
  });
});
