import { ExponentialBackoff, handleType, retry } from 'cockatiel';
import { sql, type Selectable } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { isCurrency, maxAmountMinor } from '../../../platform/money.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type {
  AuthorizeInput,
  GatewayName,
  Payment,
  PaymentStatus,
  PaymentsService,
  PaymentTransaction,
  TransactionKind,
} from '../contract.js';
import type {
  PaymentsRow,
  PaymentsTables,
  PaymentsTransaction,
  PaymentTransactionsRow,
} from '../db/payments.tables.js';
import { PaymentsErrors } from '../errors.js';
import type { OperationOutcome, PaymentsMetrics } from './payments.metrics.js';
import {
  paymentAuthorizedV1,
  paymentCapturedV1,
  paymentRefundedV1,
  paymentVoidedV1,
  type PaymentAuthorized,
} from '../events.js';
import {
  GatewayUnavailableError,
  type AuthorizeResult,
  type OperationResult,
  type PaymentGateway,
  type PaymentHandle,
} from '../gateways/gateway.js';

/*
 * The payments service. Every gateway call is a transaction row reserved (pending) with its
 * idempotency key in a transaction of its own BEFORE the gateway is asked, then settled in a
 * second one. A crash between the two leaves the row pending; the same key asked again finds it
 * and asks the gateway again with that key, which answers what it answered the first time, so a
 * capture is recorded once and charged once. Amount rules are checked at reservation, with the
 * payment row locked and the pending reservations counted: capture ≤ authorised − captured;
 * refund ≤ captured − refunded; void only with nothing captured.
 */

type Tables = PaymentsTables;
type TxnRow = Selectable<PaymentTransactionsRow>;

export interface GatewayRegistry {
  get(name: GatewayName): PaymentGateway;
}

export interface PaymentsServiceDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly bus: Bus;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly gateways: GatewayRegistry;
  readonly defaultGateway: (ctx: RequestContext) => Promise<GatewayName>;
  /** Tries of a gateway call that found the gateway unavailable, with the same key (default 3). */
  readonly tries?: number;
  /** Counts each operation's recorded outcome, once committed. */
  readonly metrics?: PaymentsMetrics;
}

export interface PaymentsServiceImpl extends PaymentsService, PaymentsServiceExtras {
  /**
   * Inside a webhook's transaction: a gateway's running total (captured, refunded) or a void made
   * at the gateway; what exceeds ours is recorded as a movement (origin webhook). Returns the amount recorded.
   */
  applyMoneyFromGateway(
    trx: PaymentsTransaction,
    ctx: RequestContext,
    uuid: string,
    kind: 'capture' | 'refund' | 'void',
    totalMinor: number,
    reference: string | null,
    eventKey: string,
  ): Promise<number>;
}

export interface PaymentsServiceExtras {
  /** The settled authorisation of a payment that waited for the customer (3-D Secure, a PayPal approval). */
  applyAuthorization(ctx: RequestContext, paymentUuid: string, result: AuthorizeResult): Promise<Payment>;
  /** PayPal: the buyer approved; authorise the order (idempotent). */
  confirmApproval(ctx: RequestContext, paymentUuid: string): Promise<Payment>;
  list(
    ctx: RequestContext,
    query: {
      readonly orderId?: string | undefined;
      readonly limit: number;
      readonly cursor?: string | undefined;
    },
  ): Promise<{ items: Payment[]; nextCursor: string | null }>;
}

const payerEmailAad = (uuid: string) => `payments.payer_email:${uuid}`;

export function paymentUuidOf(paymentId: string): string {
  const uuid = fromPublicId('pay', paymentId);
  if (!uuid) throw PaymentsErrors.paymentNotFound();
  return uuid;
}

function toTransaction(row: TxnRow): PaymentTransaction {
  return {
    id: toPublicId('ptx', row.id),
    kind: row.kind,
    amount: { amountMinor: row.amountMinor, currency: row.currency },
    status: row.status,
    gatewayReference: row.gatewayReference,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
    // The caller's key, without our scoping prefix.
    idempotencyKey: row.idempotencyKey.replace(
      /^(?:authorize|capture|void|refund|confirm):(?:[0-9a-f-]{36}:)?/,
      '',
    ),
    createdAt: row.createdAt,
    settledAt: row.settledAt,
  };
}

type PaymentRowSelected = Omit<
  PaymentsRow,
  'authorizedMinor' | 'capturedMinor' | 'refundedMinor' | 'gatewayState' | 'createdAt' | 'updatedAt'
> & {
  authorizedMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  gatewayState: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
};

function toPayment(row: PaymentRowSelected, transactions: TxnRow[]): Payment {
  return {
    id: toPublicId('pay', row.id),
    orderId: row.orderId,
    gateway: row.gateway,
    gatewayReference: row.gatewayReference,
    status: row.status,
    amount: { amountMinor: row.amountMinor, currency: row.currency },
    authorizedMinor: row.authorizedMinor,
    capturedMinor: row.capturedMinor,
    refundedMinor: row.refundedMinor,
    method: row.methodType ? { type: row.methodType, brand: row.methodBrand, last4: row.methodLast4 } : null,
    nextAction: row.status === 'requires_action' ? row.nextAction : null,
    failureCode: row.failureCode,
    transactions: transactions.map(toTransaction),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

async function lockPayment(trx: PaymentsTransaction, uuid: string): Promise<PaymentRowSelected> {
  const row = await trx
    .selectFrom('payments.payments')
    .selectAll()
    .where('id', '=', uuid)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw PaymentsErrors.paymentNotFound();
  return row;
}

async function loadPayment(trx: PaymentsTransaction, uuid: string): Promise<Payment> {
  const row = await trx.selectFrom('payments.payments').selectAll().where('id', '=', uuid).executeTakeFirst();
  if (!row) throw PaymentsErrors.paymentNotFound();
  const transactions = await trx
    .selectFrom('payments.payment_transactions')
    .selectAll()
    .where('paymentId', '=', uuid)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return toPayment(row, transactions);
}

async function transactionsOf(trx: PaymentsTransaction, uuid: string) {
  return (await trx
    .selectFrom('payments.payment_transactions')
    .selectAll()
    .where('paymentId', '=', uuid)
    .execute()) as TxnRow[];
}

const sum = (rows: readonly TxnRow[], kind: TransactionKind, status: 'pending' | 'succeeded') =>
  rows
    .filter((row) => row.kind === kind && row.status === status)
    .reduce((total, row) => total + row.amountMinor, 0);

function statusAfterMoney(
  row: { authorizedMinor: number; capturedMinor: number; refundedMinor: number },
  finalCapture: boolean,
): PaymentStatus {
  if (row.refundedMinor > 0)
    return row.refundedMinor >= row.capturedMinor ? 'refunded' : 'partially_refunded';
  if (row.capturedMinor > 0)
    return row.capturedMinor >= row.authorizedMinor || finalCapture ? 'captured' : 'partially_captured';
  return 'authorized';
}

function validKey(key: string, field: string): string {
  if (key.length === 0 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw PaymentsErrors.invalidInput(field, 'must be 1 to 200 printable ASCII characters');
  return key;
}

export function createPaymentsService(deps: PaymentsServiceDeps): PaymentsServiceImpl {
  const { database, bus, audit } = deps;
  const tries = deps.tries ?? 3;

  const facts = (row: PaymentRowSelected, amountMinor: number) => ({
    paymentId: toPublicId('pay', row.id),
    orderId: row.orderId,
    gateway: row.gateway,
    amountMinor,
    currency: row.currency,
  });

  /** The gateway asked with the same key while it is unavailable (exponential backoff, `tries` in all). */
  async function ask<T>(gateway: PaymentGateway, work: () => Promise<T>): Promise<T> {
    const whileUnavailable = retry(handleType(GatewayUnavailableError), {
      maxAttempts: Math.max(0, tries - 1),
      backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 2_000 }),
    });
    whileUnavailable.onRetry(({ attempt, ...reason }) =>
      deps.logger.warn(
        { gateway: gateway.name, err: 'error' in reason ? reason.error : undefined, attempt },
        'payments: the gateway is unavailable; asking again with the same key',
      ),
    );
    try {
      return await whileUnavailable.execute(work);
    } catch (error) {
      if (error instanceof GatewayUnavailableError)
        throw PaymentsErrors.gatewayUnavailable(gateway.name, error);
      throw error;
    }
  }

  const handleOf = (row: PaymentRowSelected): PaymentHandle => {
    if (!row.gatewayReference)
      throw PaymentsErrors.invalidState('The gateway has no record of this payment yet.');
    return {
      paymentId: toPublicId('pay', row.id),
      reference: row.gatewayReference,
      currency: row.currency,
      state: row.gatewayState,
    };
  };

  async function publishAuthorized(
    trx: PaymentsTransaction,
    ctx: RequestContext,
    row: PaymentRowSelected,
    status: 'authorized' | 'failed',
    failureCode: string | null,
  ) {
    const data: PaymentAuthorized = { ...facts(row, row.amountMinor), status, failureCode };
    await bus.publish(trx, [{ type: paymentAuthorizedV1.type, tenantId: ctx.tenantId, key: row.id, data }]);
    await audit.append(trx, ctx, {
      action: status === 'authorized' ? 'payments.payment_authorized' : 'payments.payment_failed',
      target: { type: 'payment', id: data.paymentId },
      details: {
        orderId: row.orderId,
        gateway: row.gateway,
        amountMinor: row.amountMinor,
        currency: row.currency,
        failureCode,
      },
    });
  }

  /** Settles the authorisation (first settlement wins); publishes when it became authorised or failed. */
  async function settleAuthorization(
    ctx: RequestContext,
    uuid: string,
    result: AuthorizeResult,
  ): Promise<Payment> {
    const sealedEmail = result.payerEmail
      ? await deps.keyring.encrypt(ctx.tenantId, result.payerEmail, payerEmailAad(uuid))
      : undefined;
    let recorded: OperationOutcome | undefined;
    let gatewayName: GatewayName | undefined;
    const payment = await database.withTenant<Tables, Payment>(ctx, async (trx) => {
      const row = await lockPayment(trx, uuid);
      gatewayName = row.gateway;
      const pending = (await transactionsOf(trx, uuid)).find(
        (t) => t.kind === 'authorize' && t.status === 'pending',
      );
      if (pending && (row.status === 'pending' || row.status === 'requires_action')) {
        const base = {
          gatewayReference: result.reference ?? row.gatewayReference,
          methodType: result.method?.type ?? row.methodType,
          methodBrand: result.method?.brand ?? row.methodBrand,
          methodLast4: result.method?.last4 ?? row.methodLast4,
          updatedAt: new Date(),
          ...(sealedEmail ? { payerEmailSealed: sealedEmail } : {}),
          ...(result.state
            ? {
                gatewayState: JSON.stringify({ ...row.gatewayState, ...result.state }) as unknown as Record<
                  string,
                  string
                >,
              }
            : {}),
        };
        recorded =
          result.status === 'requires_action'
            ? 'requires_action'
            : result.status === 'authorized'
              ? 'succeeded'
              : 'failed';
        if (result.status === 'requires_action') {
          await trx
            .updateTable('payments.payments')
            .set({
              ...base,
              status: 'requires_action',
              nextAction: result.nextAction ? (JSON.stringify(result.nextAction) as never) : null,
            })
            .where('id', '=', uuid)
            .execute();
          await trx
            .updateTable('payments.payment_transactions')
            .set({ gatewayReference: result.reference })
            .where('id', '=', pending.id)
            .execute();
        } else {
          const authorized = result.status === 'authorized';
          const authorizedMinor = authorized ? Math.min(result.authorizedMinor, row.amountMinor) : 0;
          await trx
            .updateTable('payments.payments')
            .set({
              ...base,
              status: authorized ? 'authorized' : 'failed',
              authorizedMinor,
              failureCode: authorized ? null : (result.failureCode ?? 'failed').slice(0, 100),
              nextAction: null,
            })
            .where('id', '=', uuid)
            .execute();
          await trx
            .updateTable('payments.payment_transactions')
            .set({
              status: authorized ? 'succeeded' : 'failed',
              amountMinor: authorized ? authorizedMinor : pending.amountMinor,
              gatewayReference: result.reference,
              failureCode: authorized ? null : (result.failureCode ?? 'failed').slice(0, 100),
              failureMessage: authorized ? null : ((result.failureMessage ?? null)?.slice(0, 500) ?? null),
              settledAt: new Date(),
            })
            .where('id', '=', pending.id)
            .execute();
          await publishAuthorized(
            trx,
            ctx,
            { ...row, gatewayReference: result.reference ?? row.gatewayReference },
            authorized ? 'authorized' : 'failed',
            authorized ? null : (result.failureCode ?? 'failed'),
          );
        }
      }
      return loadPayment(trx, uuid);
    });
    if (recorded && gatewayName) deps.metrics?.settled(gatewayName, 'authorize', recorded);
    return payment;
  }

  /**
   * Reserve → ask → settle for capture, void and refund. `reserve` runs with the payment locked
   * and returns the amount (and the capture a refund comes from) after checking the rules.
   */
  async function operate(
    ctx: RequestContext,
    paymentId: string,
    kind: 'capture' | 'void' | 'refund',
    callerKey: string,
    requestedMinor: number | undefined,
    reason: string | null,
    reserve: (
      row: PaymentRowSelected,
      transactions: TxnRow[],
    ) => { amountMinor: number; parentReference?: string | null },
    call: (
      gateway: PaymentGateway,
      handle: PaymentHandle,
      txn: TxnRow,
      row: PaymentRowSelected,
    ) => Promise<OperationResult>,
  ): Promise<Payment> {
    const uuid = paymentUuidOf(paymentId);
    const key = `${kind}:${uuid}:${validKey(callerKey, 'idempotencyKey')}`;
    const reserved = await database.withTenant<
      Tables,
      { txn: TxnRow; row: PaymentRowSelected } | { done: Payment }
    >(ctx, async (trx) => {
      const row = await lockPayment(trx, uuid);
      const transactions = await transactionsOf(trx, uuid);
      const existing = transactions.find((t) => t.idempotencyKey === key);
      if (existing) {
        if (requestedMinor !== undefined && kind !== 'void' && existing.amountMinor !== requestedMinor)
          throw PaymentsErrors.idempotencyKeyReused('idempotencyKey');
        if (existing.status !== 'pending') return { done: await loadPayment(trx, uuid) };
        return { txn: existing, row };
      }
      const { amountMinor, parentReference } = reserve(row, transactions);
      const values = {
        id: newUuid(),
        tenantId: ctx.tenantId,
        paymentId: uuid,
        kind,
        currency: row.currency,
        amountMinor,
        status: 'pending' as const,
        idempotencyKey: key,
        gatewayReference: null,
        parentReference: parentReference ?? null,
        failureCode: null,
        failureMessage: null,
        reason,
        settledAt: null,
      };
      await trx.insertInto('payments.payment_transactions').values(values).execute();
      const txn: TxnRow = { ...values, origin: 'api', createdAt: new Date() };
      return { txn, row };
    });
    if ('done' in reserved) return reserved.done;
    const { txn, row } = reserved;
    const gateway = deps.gateways.get(row.gateway);
    const result = await ask(gateway, () => call(gateway, handleOf(row), txn, row));
    return settle(ctx, uuid, txn.id, result);
  }

  /** Records the gateway's answer on the reserved row (once) and moves the payment's totals. */
  async function settle(
    ctx: RequestContext,
    uuid: string,
    txnId: string,
    result: OperationResult,
  ): Promise<Payment> {
    let recorded: { gateway: GatewayName; operation: TransactionKind; outcome: OperationOutcome } | undefined;
    const payment = await database.withTenant<Tables, Payment>(ctx, async (trx) => {
      const row = await lockPayment(trx, uuid);
      const txn = await trx
        .selectFrom('payments.payment_transactions')
        .selectAll()
        .where('id', '=', txnId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (txn.status !== 'pending') return loadPayment(trx, uuid);
      const succeeded = result.status === 'succeeded';
      recorded = { gateway: row.gateway, operation: txn.kind, outcome: succeeded ? 'succeeded' : 'failed' };
      await trx
        .updateTable('payments.payment_transactions')
        .set({
          status: succeeded ? 'succeeded' : 'failed',
          gatewayReference: result.reference,
          failureCode: succeeded ? null : (result.failureCode ?? 'failed').slice(0, 100),
          failureMessage: succeeded ? null : (result.failureMessage ?? '').slice(0, 500) || null,
          settledAt: new Date(),
        })
        .where('id', '=', txnId)
        .execute();
      const publicId = toPublicId('pay', uuid);
      if (!succeeded) {
        await audit.append(trx, ctx, {
          action: `payments.${txn.kind}_failed`,
          target: { type: 'payment', id: publicId },
          details: { amountMinor: txn.amountMinor, failureCode: result.failureCode ?? 'failed' },
        });
        return loadPayment(trx, uuid);
      }
      await applyMoney(
        trx,
        ctx,
        row,
        txn.kind,
        txn.amountMinor,
        txn.reason ?? '',
        txn.kind === 'capture' && row.gateway === 'stripe',
      );
      return loadPayment(trx, uuid);
    });
    if (recorded) deps.metrics?.settled(recorded.gateway, recorded.operation, recorded.outcome);
    return payment;
  }

  /** A succeeded money movement on the locked payment: totals, status, event, audit. */
  async function applyMoney(
    trx: PaymentsTransaction,
    ctx: RequestContext,
    row: PaymentRowSelected,
    kind: TransactionKind,
    amountMinor: number,
    reason: string,
    finalCapture: boolean,
  ) {
    const publicId = toPublicId('pay', row.id);
    if (kind === 'void') {
      await trx
        .updateTable('payments.payments')
        .set({ status: 'voided', updatedAt: new Date() })
        .where('id', '=', row.id)
        .execute();
      await bus.publish(trx, [
        {
          type: paymentVoidedV1.type,
          tenantId: ctx.tenantId,
          key: row.id,
          data: facts(row, row.authorizedMinor),
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'payments.payment_voided',
        target: { type: 'payment', id: publicId },
        details: { orderId: row.orderId },
      });
      return;
    }
    const next = {
      authorizedMinor: row.authorizedMinor,
      capturedMinor: row.capturedMinor + (kind === 'capture' ? amountMinor : 0),
      refundedMinor: row.refundedMinor + (kind === 'refund' ? amountMinor : 0),
    };
    // A gateway may report more captured than we saw authorised (a webhook): the authorisation follows.
    next.authorizedMinor = Math.max(next.authorizedMinor, next.capturedMinor);
    next.refundedMinor = Math.min(next.refundedMinor, next.capturedMinor);
    const status = statusAfterMoney(next, finalCapture || row.status === 'captured');
    await trx
      .updateTable('payments.payments')
      .set({ ...next, status, updatedAt: new Date() })
      .where('id', '=', row.id)
      .execute();
    if (kind === 'capture') {
      await bus.publish(trx, [
        {
          type: paymentCapturedV1.type,
          tenantId: ctx.tenantId,
          key: row.id,
          data: { ...facts(row, amountMinor), capturedMinor: next.capturedMinor },
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'payments.payment_captured',
        target: { type: 'payment', id: publicId },
        details: {
          orderId: row.orderId,
          amountMinor,
          capturedMinor: next.capturedMinor,
          currency: row.currency,
        },
      });
    } else if (kind === 'refund') {
      await bus.publish(trx, [
        {
          type: paymentRefundedV1.type,
          tenantId: ctx.tenantId,
          key: row.id,
          data: {
            ...facts(row, amountMinor),
            refundedMinor: next.refundedMinor,
            reason: reason.slice(0, 500),
          },
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'payments.payment_refunded',
        target: { type: 'payment', id: publicId },
        details: {
          orderId: row.orderId,
          amountMinor,
          refundedMinor: next.refundedMinor,
          currency: row.currency,
        },
      });
    }
  }

  const service: PaymentsServiceImpl = {
    async authorize(ctx, input: AuthorizeInput) {
      if (input.orderId.length === 0 || input.orderId.length > 100 || !/^[\x21-\x7e]+$/.test(input.orderId))
        throw PaymentsErrors.invalidInput('orderId', 'must be 1 to 100 printable ASCII characters');
      if (!isCurrency(input.amount.currency))
        throw PaymentsErrors.invalidInput(
          'amount.currency',
          'must be an ISO 4217 currency code in upper case',
        );
      if (
        !Number.isSafeInteger(input.amount.amountMinor) ||
        input.amount.amountMinor <= 0 ||
        input.amount.amountMinor > maxAmountMinor
      )
        throw PaymentsErrors.invalidInput(
          'amount.amountMinor',
          `must be a whole number from 1 to ${maxAmountMinor}`,
        );
      const key = `authorize:${validKey(input.idempotencyKey, 'idempotencyKey')}`;
      const gatewayName = input.gateway ?? (await deps.defaultGateway(ctx));
      const gateway = deps.gateways.get(gatewayName);
      const reserved = await database.withTenant<Tables, { uuid: string; pending: boolean }>(
        ctx,
        async (trx) => {
          await sql`select pg_advisory_xact_lock(hashtextextended(${`payments:${key}`}, 0))`.execute(trx);
          const existing = await trx
            .selectFrom('payments.payment_transactions')
            .innerJoin('payments.payments', 'payments.payments.id', 'payments.payment_transactions.paymentId')
            .select([
              'payments.payment_transactions.paymentId',
              'payments.payment_transactions.status',
              'payments.payments.orderId',
              'payments.payments.amountMinor',
              'payments.payments.currency',
              'payments.payments.gateway',
            ])
            .where('payments.payment_transactions.idempotencyKey', '=', key)
            .executeTakeFirst();
          if (existing) {
            if (
              existing.orderId !== input.orderId ||
              existing.amountMinor !== input.amount.amountMinor ||
              existing.currency !== input.amount.currency ||
              existing.gateway !== gatewayName
            )
              throw PaymentsErrors.idempotencyKeyReused('idempotencyKey');
            return { uuid: existing.paymentId, pending: existing.status === 'pending' };
          }
          const uuid = newUuid();
          await trx
            .insertInto('payments.payments')
            .values({
              id: uuid,
              tenantId: ctx.tenantId,
              orderId: input.orderId,
              gateway: gatewayName,
              gatewayReference: null,
              status: 'pending',
              currency: input.amount.currency,
              amountMinor: input.amount.amountMinor,
              methodType:
                input.method.type === 'test_card'
                  ? 'card'
                  : input.method.type === 'paypal'
                    ? 'paypal'
                    : 'card',
              methodBrand: null,
              methodLast4: null,
              payerEmailSealed: null,
              nextAction: null,
              failureCode: null,
            })
            .execute();
          await trx
            .insertInto('payments.payment_transactions')
            .values({
              id: newUuid(),
              tenantId: ctx.tenantId,
              paymentId: uuid,
              kind: 'authorize',
              currency: input.amount.currency,
              amountMinor: input.amount.amountMinor,
              status: 'pending',
              idempotencyKey: key,
              gatewayReference: null,
              parentReference: null,
              failureCode: null,
              failureMessage: null,
              reason: null,
              settledAt: null,
            })
            .execute();
          return { uuid, pending: true };
        },
      );
      if (!reserved.pending) return service.get(ctx, toPublicId('pay', reserved.uuid));
      let result: AuthorizeResult;
      try {
        result = await ask(gateway, () =>
          gateway.authorize(ctx, {
            paymentId: toPublicId('pay', reserved.uuid),
            orderId: input.orderId,
            amount: input.amount,
            method: input.method,
            idempotencyKey: key,
            returnUrl: input.returnUrl,
          }),
        );
      } catch (error) {
        // Refused before any money moved (bad input, not configured): the attempt is over.
        if (error instanceof AppError && error.kind !== 'unavailable')
          await settleAuthorization(ctx, reserved.uuid, {
            status: 'failed',
            reference: null,
            authorizedMinor: 0,
            failureCode: error.code.toLowerCase(),
            failureMessage: error.message,
          });
        throw error;
      }
      return settleAuthorization(ctx, reserved.uuid, result);
    },

    capture(ctx, paymentId, input) {
      if (
        input.amountMinor !== undefined &&
        (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
      )
        throw PaymentsErrors.invalidInput('amountMinor', 'must be a whole number above 0');
      return operate(
        ctx,
        paymentId,
        'capture',
        input.idempotencyKey,
        input.amountMinor,
        null,
        (row, transactions) => {
          if (row.status !== 'authorized' && row.status !== 'partially_captured')
            throw PaymentsErrors.invalidState(`A ${row.status} payment cannot be captured.`);
          const left = row.authorizedMinor - row.capturedMinor - sum(transactions, 'capture', 'pending');
          const amountMinor = input.amountMinor ?? left;
          if (amountMinor <= 0 || amountMinor > left)
            throw PaymentsErrors.invalidState(
              `At most ${Math.max(0, left)} can be captured (authorised ${row.authorizedMinor}, captured ${row.capturedMinor}).`,
            );
          return { amountMinor };
        },
        (gateway, handle, txn, row) =>
          gateway.capture(ctx, handle, {
            amountMinor: txn.amountMinor,
            idempotencyKey: txn.idempotencyKey,
            final: txn.amountMinor + row.capturedMinor >= row.authorizedMinor,
          }),
      );
    },

    void(ctx, paymentId, input) {
      return operate(
        ctx,
        paymentId,
        'void',
        input.idempotencyKey,
        undefined,
        null,
        (row, transactions) => {
          if (
            row.status !== 'authorized' ||
            row.capturedMinor > 0 ||
            sum(transactions, 'capture', 'pending') > 0
          )
            throw PaymentsErrors.invalidState(
              `Only an authorised payment with nothing captured can be voided (this one is ${row.status}).`,
            );
          return { amountMinor: row.authorizedMinor };
        },
        (gateway, handle, txn) => gateway.void(ctx, handle, { idempotencyKey: txn.idempotencyKey }),
      );
    },

    refund(ctx, paymentId, input) {
      if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
        throw PaymentsErrors.invalidInput('amountMinor', 'must be a whole number above 0');
      return operate(
        ctx,
        paymentId,
        'refund',
        input.idempotencyKey,
        input.amountMinor,
        input.reason.slice(0, 500),
        (row, transactions) => {
          const left = row.capturedMinor - row.refundedMinor - sum(transactions, 'refund', 'pending');
          if (row.capturedMinor === 0 || input.amountMinor > left)
            throw PaymentsErrors.invalidState(
              `At most ${Math.max(0, left)} can be refunded (captured ${row.capturedMinor}, refunded ${row.refundedMinor}).`,
            );
          // The capture it comes from: the first with enough left (PayPal refunds one capture at a time).
          const refundedFrom = new Map<string, number>();
          for (const t of transactions)
            if (t.kind === 'refund' && t.status !== 'failed' && t.parentReference)
              refundedFrom.set(t.parentReference, (refundedFrom.get(t.parentReference) ?? 0) + t.amountMinor);
          const parent = transactions.find(
            (t) =>
              t.kind === 'capture' &&
              t.status === 'succeeded' &&
              t.gatewayReference &&
              t.amountMinor - (refundedFrom.get(t.gatewayReference) ?? 0) >= input.amountMinor,
          );
          if (row.gateway === 'paypal' && !parent)
            throw PaymentsErrors.invalidState(
              'PayPal refunds one capture at a time: no single capture has that much left.',
            );
          return { amountMinor: input.amountMinor, parentReference: parent?.gatewayReference ?? null };
        },
        (gateway, handle, txn) =>
          gateway.refund(ctx, handle, {
            amountMinor: txn.amountMinor,
            idempotencyKey: txn.idempotencyKey,
            reason: txn.reason ?? '',
            captureReference: txn.parentReference ?? undefined,
          }),
      );
    },

    get(ctx, paymentId) {
      const uuid = paymentUuidOf(paymentId);
      return database.withTenant<Tables, Payment>(ctx, (trx) => loadPayment(trx, uuid));
    },

    forOrder(ctx, orderId) {
      return database.withTenant<Tables, Payment[]>(ctx, async (trx) => {
        const ids = await trx
          .selectFrom('payments.payments')
          .select('id')
          .where('orderId', '=', orderId)
          .orderBy('id')
          .execute();
        const out: Payment[] = [];
        for (const { id } of ids) out.push(await loadPayment(trx, id));
        return out;
      });
    },

    list(ctx, query) {
      return database.withTenant<Tables, { items: Payment[]; nextCursor: string | null }>(
        ctx,
        async (trx) => {
          let q = trx
            .selectFrom('payments.payments')
            .select('id')
            .orderBy('id', 'desc')
            .limit(query.limit + 1);
          if (query.orderId !== undefined) q = q.where('orderId', '=', query.orderId);
          if (query.cursor !== undefined) {
            const after = fromPublicId('pay', query.cursor);
            if (!after) throw PaymentsErrors.invalidInput('query.cursor', 'is not a cursor of this list');
            q = q.where('id', '<', after);
          }
          const ids = await q.execute();
          const page = ids.slice(0, query.limit);
          const items: Payment[] = [];
          for (const { id } of page) items.push(await loadPayment(trx, id));
          const last = page[page.length - 1];
          return { items, nextCursor: ids.length > query.limit && last ? toPublicId('pay', last.id) : null };
        },
      );
    },

    applyAuthorization: settleAuthorization,

    async confirmApproval(ctx, uuid) {
      const payment = await database.withTenant<Tables, PaymentRowSelected>(ctx, async (trx) => {
        const row = await trx
          .selectFrom('payments.payments')
          .selectAll()
          .where('id', '=', uuid)
          .executeTakeFirst();
        if (!row) throw PaymentsErrors.paymentNotFound();
        return row;
      });
      if (payment.status !== 'requires_action') return service.get(ctx, toPublicId('pay', uuid));
      const gateway = deps.gateways.get(payment.gateway);
      if (!gateway.confirm) return service.get(ctx, toPublicId('pay', uuid));
      const confirm = gateway.confirm.bind(gateway);
      const result = await ask(gateway, () => confirm(ctx, handleOf(payment), `confirm:${uuid}`));
      return settleAuthorization(ctx, uuid, result);
    },

    applyMoneyFromGateway,
  };

  /**
   * A gateway's webhook told a running total (captured or refunded): what exceeds ours — counting
   * our pending reservations as ours — is recorded as a movement made at the gateway.
   */
  async function applyMoneyFromGateway(
    trx: PaymentsTransaction,
    ctx: RequestContext,
    uuid: string,
    kind: 'capture' | 'refund' | 'void',
    totalMinor: number,
    reference: string | null,
    eventKey: string,
  ): Promise<number> {
    const row = await lockPayment(trx, uuid);
    const transactions = await transactionsOf(trx, uuid);
    if (kind === 'void') {
      if (row.status !== 'authorized' || row.capturedMinor > 0) return 0;
      await trx
        .insertInto('payments.payment_transactions')
        .values({
          id: newUuid(),
          tenantId: ctx.tenantId,
          paymentId: uuid,
          kind: 'void',
          currency: row.currency,
          amountMinor: row.authorizedMinor,
          status: 'succeeded',
          idempotencyKey: eventKey,
          gatewayReference: reference,
          parentReference: null,
          failureCode: null,
          failureMessage: null,
          reason: 'voided at the gateway',
          origin: 'webhook',
          settledAt: new Date(),
        })
        .onConflict((oc) => oc.columns(['tenantId', 'idempotencyKey']).doNothing())
        .execute();
      await applyMoney(trx, ctx, row, 'void', 0, '', false);
      return row.authorizedMinor;
    }
    const ours =
      kind === 'capture'
        ? row.capturedMinor + sum(transactions, 'capture', 'pending')
        : row.refundedMinor + sum(transactions, 'refund', 'pending');
    const extra = totalMinor - ours;
    if (extra <= 0) return 0;
    await trx
      .insertInto('payments.payment_transactions')
      .values({
        id: newUuid(),
        tenantId: ctx.tenantId,
        paymentId: uuid,
        kind,
        currency: row.currency,
        amountMinor: extra,
        status: 'succeeded',
        idempotencyKey: eventKey,
        gatewayReference: reference,
        parentReference: null,
        failureCode: null,
        failureMessage: null,
        reason: kind === 'refund' ? 'refunded at the gateway' : null,
        origin: 'webhook',
        settledAt: new Date(),
      })
      .onConflict((oc) => oc.columns(['tenantId', 'idempotencyKey']).doNothing())
      .execute();
    await applyMoney(trx, ctx, row, kind, extra, 'refunded at the gateway', false);
    return extra;
  }

  return service;
}
