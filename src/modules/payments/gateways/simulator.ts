import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import { systemContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { PaymentsTables, PaymentsTransaction } from '../db/payments.tables.js';
import { PaymentsErrors } from '../errors.js';
import {
  dayBounds,
  GatewayUnavailableError,
  headerOf,
  intOf,
  objectOf,
  stringOf,
  type AuthorizeRequest,
  type AuthorizeResult,
  type GatewayEvent,
  type OperationResult,
  type PaymentGateway,
  type PaymentHandle,
  type WebhookRequest,
} from './gateway.js';

/*
 * The embedded default gateway: no network, no keys. Outcomes are decided by the documented test
 * card numbers (API-ORDERS.md). Its books are `payments.simulator_ledger`, standing in for the
 * external gateway's database: every operation is a row keyed by the idempotency key it was asked
 * with, written and committed in a transaction of its own before it answers, so the same key asked
 * again (our worker crashed before recording the answer) gets the first answer and moves no money
 * twice. Its webhooks are rows of `payments.simulator_webhooks`, delivered later by a timer
 * through the same ingestion path as Stripe's and PayPal's, HMAC-signed with a tenant key.
 */

export const TEST_CARDS = {
  '4242424242424242': { outcome: 'authorized' },
  '4000000000000002': { outcome: 'declined', code: 'card_declined', message: 'Your card was declined.' },
  '4000000000009995': {
    outcome: 'declined',
    code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000002500003155': { outcome: '3ds' },
  '4000000000000259': { outcome: 'disputed' },
  '4000000000000077': { outcome: 'capture_fails_once' },
} as const;
type TestCard = keyof typeof TEST_CARDS;

export const SIMULATOR_SIGNATURE_HEADER = 'x-simulator-signature';
const WEBHOOK_PURPOSE = 'payments.simulator.webhook';
const CHALLENGE_PURPOSE = 'payments.simulator.3ds';

export interface SimulatorHooks {
  /** Called after the gateway side committed and before the answer returns (the crash test kills the process here). */
  afterAnswer?: (operation: 'authorize' | 'capture' | 'void' | 'refund', idempotencyKey: string) => void;
}

export interface SimulatorOptions {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly logger: Logger;
  readonly publicUrl: string;
  /** Seconds before a simulated webhook is due (default 2). */
  readonly webhookDelaySeconds?: number;
}

export interface SimulatorGateway extends PaymentGateway {
  readonly name: 'simulator';
  readonly hooks: SimulatorHooks;
  /** The signed link of a 3-D Secure challenge. */
  challengeUrl(tenantId: string, paymentId: string): Promise<string>;
  verifyChallengeToken(tenantId: string, paymentId: string, token: string): Promise<boolean>;
  /** The customer's answer to the challenge: the authorisation as it now stands (first answer wins). */
  completeChallenge(
    ctx: RequestContext,
    reference: string,
    outcome: 'approve' | 'deny',
  ): Promise<AuthorizeResult>;
  /** Delivers the simulated webhooks that are due, through `ingest` (the same path as real gateways'). */
  deliverDue(
    now: Date,
    ingest: (ctx: RequestContext, request: WebhookRequest) => Promise<unknown>,
  ): Promise<number>;
  /** Signs a webhook body (tests). */
  sign(tenantId: string, rawBody: Buffer): Promise<string>;
}

type Stored = AuthorizeResult | OperationResult;
type Tables = PaymentsTables;

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

function luhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function createSimulatorGateway(options: SimulatorOptions): SimulatorGateway {
  const { database, keyring } = options;
  const base = options.publicUrl.replace(/\/+$/, '');
  const delayMs = (options.webhookDelaySeconds ?? 2) * 1000;
  const hooks: SimulatorHooks = {};

  const tokenOf = async (tenantId: string, paymentId: string) =>
    (await keyring.blindIndexer(tenantId, CHALLENGE_PURPOSE))(paymentId).toString('base64url');

  /** One gateway-side operation: the first answer for a key, or this one recorded. */
  async function once<R extends Stored>(
    ctx: RequestContext,
    key: string,
    requestHash: string,
    perform: (trx: PaymentsTransaction) => Promise<{
      result: R;
      operation: string;
      reference: string;
      paymentReference: string;
      currency: string;
      amountMinor: number;
      webhooks?: { type: string; data: Record<string, unknown>; delayMs?: number }[];
    }>,
  ): Promise<R> {
    return database.withTenant<Tables, R>(ctx, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`payments.sim:${key}`}, 0))`.execute(trx);
      const existing = await trx
        .selectFrom('payments.simulator_ledger')
        .select(['requestHash', 'response'])
        .where('idempotencyKey', '=', key)
        .executeTakeFirst();
      if (existing) {
        if (existing.requestHash !== requestHash) throw PaymentsErrors.idempotencyKeyReused('idempotencyKey');
        return existing.response as R;
      }
      const done = await perform(trx);
      // A simulated outage: its marker is kept, the key is not (the retry gets a real answer).
      if ((done.result as { status: string }).status === 'unavailable') return done.result;
      await trx
        .insertInto('payments.simulator_ledger')
        .values({
          id: newUuid(),
          tenantId: ctx.tenantId,
          idempotencyKey: key,
          operation: done.operation,
          reference: done.reference,
          paymentReference: done.paymentReference,
          currency: done.currency,
          amountMinor: done.amountMinor,
          requestHash,
          response: JSON.stringify(done.result),
        })
        .execute();
      for (const webhook of done.webhooks ?? [])
        await trx
          .insertInto('payments.simulator_webhooks')
          .values({
            id: newUuid(),
            tenantId: ctx.tenantId,
            deliverAt: new Date(Date.now() + (webhook.delayMs ?? delayMs)),
            body: JSON.stringify({
              id: `evt_sim_${newUuid().replaceAll('-', '')}`,
              type: webhook.type,
              created: new Date().toISOString(),
              data: { paymentReference: done.paymentReference, ...webhook.data },
            }),
          })
          .execute();
      return done.result;
    });
  }

  /** The simulator's view of one authorisation, from its ledger. */
  async function books(trx: PaymentsTransaction, reference: string) {
    const rows = await trx
      .selectFrom('payments.simulator_ledger')
      .select(['operation', 'amountMinor', 'currency', 'response'])
      .where('paymentReference', '=', reference)
      .orderBy('createdAt')
      .execute();
    let authorized = 0;
    let captured = 0;
    let refunded = 0;
    let voided = false;
    let pendingChallenge = false;
    let currency = 'EUR';
    for (const row of rows) {
      const response = row.response as { status?: string };
      if (row.operation === 'authorize') {
        currency = row.currency;
        if (response.status === 'authorized') authorized = row.amountMinor;
        if (response.status === 'requires_action') pendingChallenge = true;
      } else if (row.operation === '3ds') {
        pendingChallenge = false;
        if (response.status === 'authorized') authorized = row.amountMinor;
      } else if (response.status === 'succeeded') {
        if (row.operation === 'capture') captured += row.amountMinor;
        if (row.operation === 'refund') refunded += row.amountMinor;
        if (row.operation === 'void') voided = true;
      }
    }
    return { authorized, captured, refunded, voided, pendingChallenge, currency, known: rows.length > 0 };
  }

  const failed = (amountMinor: number, code: string, message: string): OperationResult => ({
    status: 'failed',
    reference: null,
    amountMinor,
    failureCode: code,
    failureMessage: message,
  });

  const simulator: SimulatorGateway = {
    name: 'simulator',
    hooks,

    async challengeUrl(tenantId, paymentId) {
      const token = `${toPublicId('ten', tenantId)}.${await tokenOf(tenantId, paymentId)}`;
      return `${base}/api/v1/payments/simulator/3ds/${paymentId}?token=${encodeURIComponent(token)}`;
    },

    async verifyChallengeToken(tenantId, paymentId, token) {
      const expected = Buffer.from(await tokenOf(tenantId, paymentId));
      const given = Buffer.from(token);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },

    async authorize(ctx, request: AuthorizeRequest) {
      if (request.method.type !== 'test_card')
        throw PaymentsErrors.invalidInput('method.type', "must be 'test_card' for the simulator gateway");
      const number = request.method.number.replace(/[\s-]/g, '');
      if (!/^\d{12,19}$/.test(number) || !luhnValid(number))
        throw PaymentsErrors.invalidInput(
          'method.number',
          'must be a card number (12 to 19 digits, Luhn-valid)',
        );
      const card = TEST_CARDS[number as TestCard] as (typeof TEST_CARDS)[TestCard] | undefined;
      if (!card)
        throw PaymentsErrors.invalidInput(
          'method.number',
          'is not one of the simulator test cards (4242424242424242, 4000000000000002, …; see the payments docs)',
        );
      const last4 = number.slice(-4);
      const method = { type: 'card', brand: 'visa', last4 };
      const requestHash = hashOf(
        `authorize:${request.orderId}:${request.amount.amountMinor}:${request.amount.currency}:${last4}`,
      );
      const result = await once<AuthorizeResult>(ctx, request.idempotencyKey, requestHash, async () => {
        const reference = `sim_${newUuid().replaceAll('-', '')}`;
        const common = {
          operation: 'authorize',
          reference,
          paymentReference: reference,
          currency: request.amount.currency,
        };
        if (card.outcome === 'declined')
          return {
            ...common,
            amountMinor: 0,
            result: {
              status: 'failed',
              reference,
              authorizedMinor: 0,
              method,
              failureCode: card.code,
              failureMessage: card.message,
            },
            webhooks: [{ type: 'payment.failed', data: { failureCode: card.code } }],
          };
        if (card.outcome === '3ds')
          return {
            ...common,
            amountMinor: request.amount.amountMinor,
            result: {
              status: 'requires_action',
              reference,
              authorizedMinor: 0,
              method,
              nextAction: { type: '3ds', url: await simulator.challengeUrl(ctx.tenantId, request.paymentId) },
            },
          };
        return {
          ...common,
          amountMinor: request.amount.amountMinor,
          result: { status: 'authorized', reference, authorizedMinor: request.amount.amountMinor, method },
          webhooks: [
            { type: 'payment.authorized', data: { amountMinor: request.amount.amountMinor } },
            ...(card.outcome === 'disputed'
              ? [{ type: 'payment.disputed', data: { reason: 'fraudulent' }, delayMs: delayMs * 2 }]
              : []),
          ],
        };
      });
      hooks.afterAnswer?.('authorize', request.idempotencyKey);
      return result;
    },

    async completeChallenge(ctx, reference, outcome) {
      return once<AuthorizeResult>(ctx, `3ds:${reference}`, hashOf(`3ds:${reference}`), async (trx) => {
        const state = await books(trx, reference);
        if (!state.known || !state.pendingChallenge) throw PaymentsErrors.challengeNotFound();
        const authorize = await trx
          .selectFrom('payments.simulator_ledger')
          .select(['amountMinor', 'currency', 'response'])
          .where('paymentReference', '=', reference)
          .where('operation', '=', 'authorize')
          .executeTakeFirstOrThrow();
        const method = (authorize.response as AuthorizeResult).method;
        const common = {
          operation: '3ds',
          reference,
          paymentReference: reference,
          currency: authorize.currency,
        };
        if (outcome === 'deny')
          return {
            ...common,
            amountMinor: 0,
            result: {
              status: 'failed',
              reference,
              authorizedMinor: 0,
              method,
              failureCode: 'authentication_failed',
              failureMessage: 'The customer did not complete 3-D Secure.',
            },
          };
        return {
          ...common,
          amountMinor: authorize.amountMinor,
          result: { status: 'authorized', reference, authorizedMinor: authorize.amountMinor, method },
          webhooks: [{ type: 'payment.authorized', data: { amountMinor: authorize.amountMinor } }],
        };
      });
    },

    async capture(ctx, payment: PaymentHandle, request) {
      const requestHash = hashOf(`capture:${payment.reference}:${request.amountMinor}`);
      const result = await once<OperationResult>(ctx, request.idempotencyKey, requestHash, async (trx) => {
        const state = await books(trx, payment.reference);
        const common = {
          operation: 'capture',
          paymentReference: payment.reference,
          currency: state.currency,
          amountMinor: request.amountMinor,
        };
        if (state.voided || state.authorized === 0)
          return {
            ...common,
            reference: `none_${newUuid()}`,
            result: failed(request.amountMinor, 'not_authorized', 'Nothing is authorised.'),
          };
        if (request.amountMinor > state.authorized - state.captured)
          return {
            ...common,
            reference: `none_${newUuid()}`,
            result: failed(
              request.amountMinor,
              'amount_too_large',
              'More than what is left of the authorisation.',
            ),
          };
        const lastCard = await trx
          .selectFrom('payments.simulator_ledger')
          .select('response')
          .where('paymentReference', '=', payment.reference)
          .where('operation', '=', 'authorize')
          .executeTakeFirst();
        if ((lastCard?.response as AuthorizeResult | undefined)?.method?.last4 === '0077') {
          const failedBefore = await trx
            .selectFrom('payments.simulator_ledger')
            .select('id')
            .where('idempotencyKey', '=', `failonce:${payment.reference}`)
            .executeTakeFirst();
          if (!failedBefore) {
            // Remember the failure, then answer like a gateway having a bad moment (a 503).
            await trx
              .insertInto('payments.simulator_ledger')
              .values({
                id: newUuid(),
                tenantId: ctx.tenantId,
                idempotencyKey: `failonce:${payment.reference}`,
                operation: 'failure',
                reference: `fail_${newUuid()}`,
                paymentReference: payment.reference,
                currency: state.currency,
                amountMinor: 0,
                requestHash: '',
                response: JSON.stringify({ status: 'failed' }),
              })
              .execute();
            return { ...common, reference: 'unavailable', result: UNAVAILABLE as unknown as OperationResult };
          }
        }
        const reference = `cap_sim_${newUuid().replaceAll('-', '')}`;
        return {
          ...common,
          reference,
          result: { status: 'succeeded', reference, amountMinor: request.amountMinor },
          webhooks: [
            {
              type: 'payment.captured',
              data: { capturedTotalMinor: state.captured + request.amountMinor, reference },
            },
          ],
        };
      }).then(rethrowUnavailable);
      hooks.afterAnswer?.('capture', request.idempotencyKey);
      return result;
    },

    async void(ctx, payment, request) {
      const result = await once<OperationResult>(
        ctx,
        request.idempotencyKey,
        hashOf(`void:${payment.reference}`),
        async (trx) => {
          const state = await books(trx, payment.reference);
          const common = {
            operation: 'void',
            paymentReference: payment.reference,
            currency: state.currency,
            amountMinor: 0,
          };
          if (state.captured > 0 || state.voided || state.authorized === 0)
            return {
              ...common,
              reference: `none_${newUuid()}`,
              result: failed(0, 'invalid_state', 'Only an uncaptured authorisation can be voided.'),
            };
          const reference = `void_sim_${newUuid().replaceAll('-', '')}`;
          return {
            ...common,
            reference,
            result: { status: 'succeeded', reference, amountMinor: state.authorized },
          };
        },
      );
      hooks.afterAnswer?.('void', request.idempotencyKey);
      return result;
    },

    async refund(ctx, payment, request) {
      const requestHash = hashOf(`refund:${payment.reference}:${request.amountMinor}`);
      const result = await once<OperationResult>(ctx, request.idempotencyKey, requestHash, async (trx) => {
        const state = await books(trx, payment.reference);
        const common = {
          operation: 'refund',
          paymentReference: payment.reference,
          currency: state.currency,
          amountMinor: request.amountMinor,
        };
        if (request.amountMinor > state.captured - state.refunded)
          return {
            ...common,
            reference: `none_${newUuid()}`,
            result: failed(request.amountMinor, 'amount_too_large', 'More than what is left to refund.'),
          };
        const reference = `re_sim_${newUuid().replaceAll('-', '')}`;
        return {
          ...common,
          reference,
          result: { status: 'succeeded', reference, amountMinor: request.amountMinor },
          webhooks: [
            {
              type: 'payment.refunded',
              data: { refundedTotalMinor: state.refunded + request.amountMinor, reference },
            },
          ],
        };
      });
      hooks.afterAnswer?.('refund', request.idempotencyKey);
      return result;
    },

    async retrieve(ctx, reference) {
      return database.withTenant<Tables, Awaited<ReturnType<PaymentGateway['retrieve']>>>(
        ctx,
        async (trx) => {
          const state = await books(trx, reference);
          if (!state.known) return undefined;
          return {
            reference,
            status: state.voided
              ? 'voided'
              : state.captured > 0
                ? 'captured'
                : state.authorized > 0
                  ? 'authorized'
                  : 'open',
            currency: state.currency,
            authorizedMinor: state.authorized,
            capturedMinor: state.captured,
            refundedMinor: state.refunded,
          };
        },
      );
    },

    async listTransactions(ctx, day) {
      const { from, to } = dayBounds(day);
      const rows = await database.withTenant<
        Tables,
        {
          reference: string;
          operation: string;
          paymentReference: string;
          amountMinor: number;
          currency: string;
          createdAt: Date;
          response: unknown;
        }[]
      >(ctx, (trx) =>
        trx
          .selectFrom('payments.simulator_ledger')
          .select([
            'reference',
            'operation',
            'paymentReference',
            'amountMinor',
            'currency',
            'createdAt',
            'response',
          ])
          .where('operation', 'in', ['capture', 'refund'])
          .where('createdAt', '>=', from)
          .where('createdAt', '<', to)
          .orderBy('createdAt')
          .execute(),
      );
      return rows
        .filter((row) => (row.response as { status?: string }).status === 'succeeded')
        .map((row) => ({
          reference: row.reference,
          kind: row.operation as 'capture' | 'refund',
          paymentReference: row.paymentReference,
          amountMinor: row.amountMinor,
          currency: row.currency,
          createdAt: row.createdAt,
        }));
    },

    async sign(tenantId, rawBody) {
      return (await keyring.blindIndexer(tenantId, WEBHOOK_PURPOSE))(rawBody).toString('hex');
    },

    async parseWebhook(ctx, request) {
      const signature = headerOf(request.headers, SIMULATOR_SIGNATURE_HEADER) ?? '';
      const expected = Buffer.from(await simulator.sign(ctx.tenantId, request.rawBody));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given))
        throw PaymentsErrors.webhookSignatureInvalid(
          'simulator',
          `the ${SIMULATOR_SIGNATURE_HEADER} header does not match the body`,
        );
      let body: Record<string, unknown> | undefined;
      try {
        body = objectOf(JSON.parse(request.rawBody.toString('utf8')));
      } catch {
        body = undefined;
      }
      if (!body) throw PaymentsErrors.webhookInvalid('body', 'must be a JSON object');
      const eventId = stringOf(body.id);
      const type = stringOf(body.type);
      const data = objectOf(body.data) ?? {};
      if (!eventId || !type) throw PaymentsErrors.webhookInvalid('body.id', 'and body.type are required');
      const paymentReference = stringOf(data.paymentReference) ?? null;
      const action: GatewayEvent['action'] =
        type === 'payment.authorized'
          ? { kind: 'authorized', authorizedMinor: intOf(data.amountMinor) ?? 0 }
          : type === 'payment.failed'
            ? { kind: 'failed', failureCode: stringOf(data.failureCode) ?? 'failed' }
            : type === 'payment.captured'
              ? {
                  kind: 'captured',
                  capturedTotalMinor: intOf(data.capturedTotalMinor) ?? 0,
                  reference: stringOf(data.reference) ?? null,
                }
              : type === 'payment.refunded'
                ? {
                    kind: 'refunded',
                    refundedTotalMinor: intOf(data.refundedTotalMinor) ?? 0,
                    reference: stringOf(data.reference) ?? null,
                  }
                : type === 'payment.disputed'
                  ? { kind: 'disputed', reason: stringOf(data.reason) ?? 'unknown' }
                  : {
                      kind: 'ignored',
                      reason: `the simulator event type '${type.slice(0, 60)}' is not handled`,
                    };
      return { eventId, type, paymentReference, action, payload: body };
    },

    async deliverDue(now, ingest) {
      const { rows: due } = await sql<{ id: string; tenantId: string; body: unknown }>`
        select id, tenant_id as "tenantId", body from payments.simulator_webhooks
        where delivered_at is null and deliver_at <= ${now}
        order by deliver_at limit 100`.execute(database.owner);
      let delivered = 0;
      for (const row of due) {
        const ctx = systemContext(row.tenantId, newUuid(), 'payments.simulator-webhooks');
        const rawBody = Buffer.from(JSON.stringify(row.body));
        try {
          await ingest(ctx, {
            headers: { [SIMULATOR_SIGNATURE_HEADER]: await simulator.sign(row.tenantId, rawBody) },
            rawBody,
          });
          await database.withTenant<Tables>(ctx, (trx) =>
            trx
              .updateTable('payments.simulator_webhooks')
              .set({ deliveredAt: new Date() })
              .where('id', '=', row.id)
              .execute(),
          );
          delivered += 1;
        } catch (error) {
          options.logger.warn(
            { err: error, webhookId: row.id },
            'simulator: a webhook delivery failed; tried again later',
          );
          await database.withTenant<Tables>(ctx, (trx) =>
            trx
              .updateTable('payments.simulator_webhooks')
              .set((eb) => ({
                attempts: eb('attempts', '+', 1),
                deliverAt: new Date(now.getTime() + 30_000),
              }))
              .where('id', '=', row.id)
              .execute(),
          );
        }
      }
      return delivered;
    },
  };
  return simulator;
}

/** A marker answer meaning "the simulator is unavailable this time" (its failure was recorded). */
const UNAVAILABLE = { status: 'unavailable' } as const;

function rethrowUnavailable(result: OperationResult): OperationResult {
  if ((result as unknown as { status: string }).status === 'unavailable')
    throw new GatewayUnavailableError('simulator', 'the simulator answered 503 (test card 4000000000000077)');
  return result;
}
