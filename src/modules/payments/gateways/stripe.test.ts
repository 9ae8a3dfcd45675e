import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../platform/context.js';
import { startFakeStripe, type FakeStripe } from '../testing/fake-stripe.js';
import type { PaymentGateway } from './gateway.js';
import { createStripeGateway, stripeEventOf } from './stripe.js';

/*
 * The Stripe adapter against a FAKE Stripe (the real SDK, pointed at 127.0.0.1): manual-capture
 * PaymentIntents, partial capture, cancel, refunds, the day's list; Idempotency-Key on every
 * POST; webhook signatures valid / invalid / expired; the REAL payloads of ../shared/fixtures.
 */

const FIXTURES = '../shared/fixtures/real/payments';
const fixture = (name: string) =>
  JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8')) as Record<string, unknown>;
const ctx = systemContext('00000000-0000-4000-8000-0000000000aa', 'test', 'test');
const WEBHOOK_SECRET = 'whsec_fake_test_secret';
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

let fake: FakeStripe;
let stripe: PaymentGateway;
const sdk = new Stripe('sk_test_unused');

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = createStripeGateway({
    fetch,
    configFor: () =>
      Promise.resolve({ secretKey: fake.secretKey, webhookSecret: WEBHOOK_SECRET, baseUrl: fake.url }),
  });
});
afterAll(() => fake.close());

const authorize = (paymentMethodId: string, key: string, amountMinor = 5_000) =>
  stripe.authorize(ctx, {
    paymentId: 'pay_1',
    orderId: 'ord_1',
    amount: eur(amountMinor),
    method: { type: 'stripe_payment_method', paymentMethodId },
    idempotencyKey: key,
  });

describe('Stripe adapter', () => {
  it('authorises a manual-capture PaymentIntent with Idempotency-Key; the same key is one intent', async () => {
    const first = await authorize('pm_card_visa', 'auth-1');
    expect(first).toMatchObject({
      status: 'authorized',
      authorizedMinor: 5_000,
      method: { brand: 'visa', last4: '4242' },
    });
    const again = await authorize('pm_card_visa', 'auth-1');
    expect(again.reference).toBe(first.reference);
    expect(fake.intents.size).toBe(1);
    const posted = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents')!;
    expect(posted.headers['idempotency-key']).toBe('auth-1');
    expect(new URLSearchParams(posted.body).get('capture_method')).toBe('manual');
    expect(new URLSearchParams(posted.body).get('confirm')).toBe('true');
  });

  it('a decline is an answer (failed with the decline code); 3-D Secure is requires_action with its URL', async () => {
    expect(await authorize('pm_card_chargeDeclined', 'auth-2')).toMatchObject({
      status: 'failed',
      failureCode: 'generic_decline',
    });
    const action = await authorize('pm_card_threeDSecure2Required', 'auth-3');
    expect(action).toMatchObject({ status: 'requires_action', nextAction: { type: '3ds' } });
    expect(action.nextAction!.url).toContain('hooks.stripe.com');
  });

  it('captures part, refunds part, refuses an over-refund; retried keys are not executed twice', async () => {
    const authorized = await authorize('pm_card_visa', 'auth-4', 10_000);
    const handle = { paymentId: 'pay_4', reference: authorized.reference!, currency: 'EUR', state: {} };
    const capture = await stripe.capture(ctx, handle, {
      amountMinor: 6_000,
      idempotencyKey: 'cap-4',
      final: true,
    });
    expect(capture).toMatchObject({ status: 'succeeded', amountMinor: 6_000 });
    expect(capture.reference).toMatch(/^ch_/);
    expect(
      await stripe.capture(ctx, handle, { amountMinor: 6_000, idempotencyKey: 'cap-4', final: true }),
    ).toEqual(capture);
    expect(fake.executed.get('cap-4')).toBe(1);
    expect(
      await stripe.refund(ctx, handle, { amountMinor: 2_000, idempotencyKey: 'ref-4a', reason: 'r' }),
    ).toMatchObject({ status: 'succeeded' });
    expect(
      await stripe.refund(ctx, handle, { amountMinor: 4_001, idempotencyKey: 'ref-4b', reason: 'r' }),
    ).toMatchObject({
      status: 'failed',
      failureCode: 'charge_already_refunded',
    });
    const day = new Date().toISOString().slice(0, 10);
    const listed = await stripe.listTransactions(ctx, day);
    expect(listed).toContainEqual(
      expect.objectContaining({
        kind: 'capture',
        reference: capture.reference,
        amountMinor: 6_000,
        currency: 'EUR',
      }),
    );
    expect(listed).toContainEqual(expect.objectContaining({ kind: 'refund', amountMinor: 2_000 }));
  });

  it('voids with cancel; a 5xx is "unavailable" (the same key is asked again later), never a failure', async () => {
    const authorized = await authorize('pm_card_visa', 'auth-5');
    const handle = { paymentId: 'pay_5', reference: authorized.reference!, currency: 'EUR', state: {} };
    fake.failNext(503, 3);
    await expect(stripe.void(ctx, handle, { idempotencyKey: 'void-5' })).rejects.toMatchObject({
      name: 'GatewayUnavailableError',
    });
    expect(await stripe.void(ctx, handle, { idempotencyKey: 'void-5' })).toMatchObject({
      status: 'succeeded',
    });
    expect(fake.intents.get(authorized.reference!)?.status).toBe('canceled');
  });
});

describe('Stripe webhooks', () => {
  const envelope = (type: string, object: unknown) =>
    JSON.stringify({ id: `evt_${type.replace(/\W/g, '_')}`, object: 'event', type, data: { object } });
  const signed = (payload: string, timestamp?: number, secret = WEBHOOK_SECRET) => ({
    headers: {
      'stripe-signature': sdk.webhooks.generateTestHeaderString({
        payload,
        secret,
        ...(timestamp ? { timestamp } : {}),
      }),
    },
    rawBody: Buffer.from(payload),
  });

  it('accepts a valid signature and reads the real payment_intent fixture in an event envelope', async () => {
    const intent = fixture('stripe-openapi-fixture-payment_intent.json');
    const event = await stripe.parseWebhook(
      ctx,
      signed(envelope('payment_intent.amount_capturable_updated', intent)),
    );
    expect(event).toMatchObject({
      paymentReference: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
      action: { kind: 'authorized', authorizedMinor: 0 },
    });
    const succeeded = await stripe.parseWebhook(ctx, signed(envelope('payment_intent.succeeded', intent)));
    expect(succeeded.action).toEqual({ kind: 'captured', capturedTotalMinor: 0, reference: null });
    const failed = await stripe.parseWebhook(ctx, signed(envelope('payment_intent.payment_failed', intent)));
    expect(failed.action).toEqual({ kind: 'failed', failureCode: 'idempotency_error' });
  });

  it('refuses an invalid signature, another secret and an expired timestamp (> 300 s) with 401', async () => {
    const payload = envelope(
      'payment_intent.succeeded',
      fixture('stripe-openapi-fixture-payment_intent.json'),
    );
    const tampered = { ...signed(payload), rawBody: Buffer.from(payload.replace('1099', '1')) };
    await expect(stripe.parseWebhook(ctx, tampered)).rejects.toMatchObject({
      code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID',
      kind: 'unauthenticated',
    });
    await expect(stripe.parseWebhook(ctx, signed(payload, undefined, 'whsec_other'))).rejects.toMatchObject({
      code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID',
    });
    const expired = signed(payload, Math.floor(Date.now() / 1000) - 301);
    await expect(stripe.parseWebhook(ctx, expired)).rejects.toMatchObject({
      code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID',
    });
    const recent = signed(payload, Math.floor(Date.now() / 1000) - 200);
    await expect(stripe.parseWebhook(ctx, recent)).resolves.toMatchObject({
      type: 'payment_intent.succeeded',
    });
    await expect(
      stripe.parseWebhook(ctx, { headers: {}, rawBody: Buffer.from(payload) }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_WEBHOOK_SIGNATURE_INVALID' });
  });

  it('reads the real charge and refund fixtures: a charge.refunded without payment_intent is ignored with a reason', () => {
    const charge = fixture('stripe-openapi-fixture-charge.json');
    const event = stripeEventOf({ id: 'evt_charge', type: 'charge.refunded', data: { object: charge } });
    expect(event.action).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('no payment_intent') as unknown,
    });
    const withIntent = stripeEventOf({
      id: 'evt_charge2',
      type: 'charge.refunded',
      data: { object: { ...charge, payment_intent: 'pi_x', amount_refunded: 100 } },
    });
    expect(withIntent).toMatchObject({
      paymentReference: 'pi_x',
      action: { kind: 'refunded', refundedTotalMinor: 100 },
    });
    const refund = fixture('stripe-openapi-fixture-refund.json');
    // A refund object under a charge event: refused by its object type, not a crash.
    expect(
      stripeEventOf({ id: 'evt_refund', type: 'charge.refunded', data: { object: refund } }).action,
    ).toMatchObject({
      kind: 'ignored',
      reason: 'data.object is a refund, not a charge',
    });
  });

  it('reads the legacy stripe-java charge.refunded event (Charges API, `card` not payment_method_details) and refuses it with a clear reason', async () => {
    const raw = readFileSync(`${FIXTURES}/stripe-java-webhook-event-charge-refunded-legacy.json`, 'utf8');
    const event = await stripe.parseWebhook(ctx, signed(raw));
    expect(event).toMatchObject({
      eventId: 'evt_00000000000000',
      paymentReference: null,
      action: { kind: 'ignored' },
    });
    expect((event.action as { reason: string }).reason).toMatch(/legacy Charges API/);
    expect(() => stripeEventOf({ type: 'charge.refunded' })).toThrow(/body.id/);
  });
});
