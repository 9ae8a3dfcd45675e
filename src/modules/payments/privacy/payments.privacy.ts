import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import { formatMoney } from '../../../platform/money.js';
import type {
  DataSubject,
  ModulePrivacy,
  PrivacyParticipants,
  SubjectDataRef,
} from '../../../platform/privacy/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { PaymentsTables, PaymentsTransaction } from '../db/payments.tables.js';

/*
 * Payments in data-subject requests. A payment names its order only (the public id, opaque here),
 * never the person: the subject's payments are those of the orders the orders module finds for
 * them. So payments asks the `orders` participant (through the kernel's list of participants, at
 * request time: orders depends on payments, not the other way round) and must be erased before
 * orders drops the e-mail's blind index — the registry's order (payments before orders) does that,
 * and an order that belongs to a client account is found by the account id after it as well.
 *
 * Erasure drops the PayPal payer's e-mail, the card's last four digits and the gateways' webhook
 * payloads (billing names and e-mails); payments and their transactions (amounts, gateway
 * references) stay under tax and accounting law.
 */

/** Why payments and their transactions are kept (the same rule as orders'). */
export const PAYMENTS_RETENTION_REASON =
  'tax and accounting law: 10 years (e.g. HGB §257, AO §147; UK 6 years)';

const ORDERS_MODULE = 'orders';
const MAX_ORDERS = 10_000;
const payerEmailAad = (uuid: string) => `payments.payer_email:${uuid}`;
const gatewayEventAad = (uuid: string) => `payments.gateway_event:${uuid}`;
const iso = (value: Date | null) => (value ? value.toISOString() : null);

export interface PaymentsPrivacyDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly privacyParticipants: PrivacyParticipants;
  readonly logger: Logger;
}

export function createPaymentsPrivacy(deps: PaymentsPrivacyDeps): ModulePrivacy {
  const { database, keyring } = deps;
  const tx = <T>(ctx: RequestContext, fn: (trx: PaymentsTransaction) => Promise<T>) =>
    database.withTenant<PaymentsTables, T>(ctx, fn);

  /** The subject's orders as payments stores them: public ids and, for older rows, bare uuids. */
  async function orderKeys(ctx: RequestContext, subject: DataSubject): Promise<string[]> {
    const orders = deps.privacyParticipants().find((p) => p.module === ORDERS_MODULE);
    if (!orders) return [];
    const refs = await orders.privacy.find(ctx, subject, { limit: MAX_ORDERS });
    return refs
      .filter((ref) => ref.kind === 'order')
      .flatMap((ref) => {
        const uuid = fromPublicId('ord', ref.id);
        return uuid ? [ref.id, uuid] : [ref.id];
      });
  }

  async function paymentsOf(ctx: RequestContext, trx: PaymentsTransaction, subject: DataSubject) {
    const keys = await orderKeys(ctx, subject);
    if (keys.length === 0) return [];
    return trx
      .selectFrom('payments.payments')
      .selectAll()
      .where('orderId', 'in', keys)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  const method = (p: { methodType: string | null; methodBrand: string | null; methodLast4: string | null }) =>
    [p.methodBrand ?? p.methodType, p.methodLast4 ? `···· ${p.methodLast4}` : null].filter(Boolean).join(' ');

  return {
    holds:
      "Payments of clients' orders: the card's brand and last four digits, a PayPal payer's e-mail (sealed) and the gateways' webhook payloads (sealed); amounts and gateway references.",
    retention: [
      {
        what: 'payments and their transactions: amounts, currencies, gateway references',
        reason: PAYMENTS_RETENTION_REASON,
      },
    ],

    async find(ctx, subject, options): Promise<SubjectDataRef[]> {
      const rows = await tx(ctx, (trx) => paymentsOf(ctx, trx, subject));
      return rows.slice(0, options?.limit ?? 500).map((p) => {
        const how = method(p);
        return {
          module: 'payments',
          kind: 'payment',
          id: toPublicId('pay', p.id),
          at: p.createdAt,
          summary: [
            `Payment ${formatMoney({ amountMinor: p.amountMinor, currency: p.currency })}`,
            p.status.replace(/_/g, ' '),
            ...(how ? [how] : []),
            p.gateway,
          ].join(' · '),
          consolePath: p.orderId.startsWith('ord_') ? `/orders/${p.orderId}` : null,
        };
      });
    },

    async export(ctx, subject) {
      const { payments, transactions } = await tx(ctx, async (trx) => {
        const payments = await paymentsOf(ctx, trx, subject);
        const transactions =
          payments.length === 0
            ? []
            : await trx
                .selectFrom('payments.payment_transactions')
                .selectAll()
                .where(
                  'paymentId',
                  'in',
                  payments.map((p) => p.id),
                )
                .orderBy('createdAt')
                .execute();
        return { payments, transactions };
      });
      const emails = await Promise.all(
        payments.map(async (p) =>
          p.payerEmailSealed
            ? (await keyring.decrypt(ctx.tenantId, p.payerEmailSealed, payerEmailAad(p.id))).toString('utf8')
            : null,
        ),
      );
      return [
        {
          name: 'payments',
          rows: payments.map((p, i) => ({
            id: toPublicId('pay', p.id),
            orderId: p.orderId,
            gateway: p.gateway,
            gatewayReference: p.gatewayReference,
            status: p.status,
            currency: p.currency,
            amountMinor: p.amountMinor,
            authorizedMinor: p.authorizedMinor,
            capturedMinor: p.capturedMinor,
            refundedMinor: p.refundedMinor,
            methodType: p.methodType,
            methodBrand: p.methodBrand,
            methodLast4: p.methodLast4,
            payerEmail: emails[i] ?? null,
            createdAt: iso(p.createdAt),
          })),
        },
        {
          name: 'payment-transactions',
          rows: transactions.map((t) => ({
            id: toPublicId('ptx', t.id),
            paymentId: toPublicId('pay', t.paymentId),
            kind: t.kind,
            status: t.status,
            currency: t.currency,
            amountMinor: t.amountMinor,
            gatewayReference: t.gatewayReference,
            failureCode: t.failureCode,
            createdAt: iso(t.createdAt),
            settledAt: iso(t.settledAt),
          })),
        },
      ];
    },

    async erase(ctx, subject, request) {
      const payments = await tx(ctx, (trx) => paymentsOf(ctx, trx, subject));
      if (payments.length === 0) return { erased: 0, kept: [] };
      const ids = payments.map((p) => p.id);
      const events = await tx(ctx, (trx) =>
        trx.selectFrom('payments.gateway_events').select('id').where('paymentId', 'in', ids).execute(),
      );
      // Re-sealed rather than deleted: the event id still recognises a replayed delivery.
      const resealed = await Promise.all(
        events.map(async (e) => ({
          id: e.id,
          payloadSealed: await keyring.encrypt(
            ctx.tenantId,
            JSON.stringify({ erased: true, requestId: request.requestId }),
            gatewayEventAad(e.id),
          ),
        })),
      );
      const result = await tx(ctx, async (trx) => {
        const changed = await trx
          .updateTable('payments.payments')
          .set({ payerEmailSealed: null, methodLast4: null, updatedAt: new Date() })
          .where('id', 'in', ids)
          .where((eb) => eb.or([eb('payerEmailSealed', 'is not', null), eb('methodLast4', 'is not', null)]))
          .executeTakeFirst();
        for (const event of resealed)
          await trx
            .updateTable('payments.gateway_events')
            .set({ payloadSealed: event.payloadSealed })
            .where('id', '=', event.id)
            .execute();
        const transactions = await trx
          .selectFrom('payments.payment_transactions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('paymentId', 'in', ids)
          .executeTakeFirstOrThrow();
        return { changed: Number(changed.numUpdatedRows), transactions: Number(transactions.n) };
      });
      deps.logger.info(
        { requestId: request.requestId, payments: payments.length, events: events.length },
        'payments: data subject anonymised',
      );
      return {
        erased: result.changed + events.length,
        kept: [
          {
            what: 'payments (amounts, gateway references), without payer e-mail or card digits',
            count: payments.length,
            reason: PAYMENTS_RETENTION_REASON,
          },
          {
            what: 'payment transactions (amounts, gateway references)',
            count: result.transactions,
            reason: PAYMENTS_RETENTION_REASON,
          },
        ],
      };
    },
  };
}
