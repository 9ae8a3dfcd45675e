import { sql, type Selectable } from 'kysely';
import type { RequestContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/index.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import { formatMoney, type Money } from '../../../platform/money.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type {
  DataSubject,
  ModulePrivacy,
  SubjectDataRef,
  SubjectExportPart,
} from '../../../platform/privacy/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { OrdersTable } from '../db/order-rows.tables.js';
import type { OrdersTables, OrdersTransaction } from '../db/orders.tables.js';
import { erasedContact, type Contact } from '../orders/erased-contact.js';
import { orderAad, type OrderSealing } from '../orders/order-sealing.js';
import { orderNumber } from '../orders/orders.service.js';
import { SubjectErasedError } from '../../../platform/crypto/index.js';

/*
 * Orders in data-subject requests. An order is the subject's when it belongs to one of their client
 * accounts (customer_id = a `usr_…` of DataSubject.userIds) or was placed with one of their e-mails
 * (the blind index). Erasure anonymises what names or locates the person — the sealed contact
 * (names, addresses, e-mail, phone, note), the e-mail's blind index, the payment method as given,
 * the stored first responses of Idempotency-Keys, shipping labels (the object is deleted, the
 * carrier's link dropped), tracking locations and the carriers' raw webhook bodies — and keeps the
 * order itself: number, amounts, lines, taxes, status history and shipments, under tax and
 * accounting law. The client's user id stays on the order as a pseudonymous link to an account that
 * identity anonymises in the same request: it is how the kept orders are reported again.
 */

/** Why an anonymised order's amounts, lines, taxes and number are kept. */
export const ORDERS_RETENTION_REASON =
  'tax and accounting law: 10 years (e.g. HGB §257, AO §147; UK 6 years)';

const FIND_LIMIT = 500;
const MAX_ORDERS = 10_000;

type OrderRow = Selectable<OrdersTable>;

export interface OrdersPrivacyDeps {
  readonly database: Database;
  readonly sealing: OrderSealing;
  readonly objects: Pick<ObjectStore, 'delete'>;
  readonly logger: Logger;
}

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });
const iso = (value: Date | null) => (value ? value.toISOString() : null);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function createOrdersPrivacy(deps: OrdersPrivacyDeps): ModulePrivacy {
  const { database, sealing } = deps;
  const tx = <T>(ctx: RequestContext, fn: (trx: OrdersTransaction) => Promise<T>) =>
    database.withTenant<OrdersTables, T>(ctx, fn);

  async function subjectRows(
    ctx: RequestContext,
    trx: OrdersTransaction,
    subject: DataSubject,
    limit: number,
  ): Promise<OrderRow[]> {
    const customers = subject.userIds.flatMap((id) => {
      const uuid = fromPublicId('usr', id);
      return uuid ? [uuid] : [];
    });
    const emails = await Promise.all(
      [...new Set(subject.emails)].map((email) => sealing.emailIndex(ctx.tenantId, email)),
    );
    if (customers.length === 0 && emails.length === 0) return [];
    return trx
      .selectFrom('orders.orders')
      .selectAll()
      .where((eb) =>
        eb.or([
          ...(customers.length > 0 ? [eb('customerId', 'in', customers)] : []),
          ...(emails.length > 0 ? [eb('emailIndex', 'in', emails)] : []),
        ]),
      )
      .orderBy('placedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async function contactOf(row: OrderRow): Promise<Contact> {
    try {
      return JSON.parse(
        await sealing.unsealContact(row.tenantId, row.contactSealed, orderAad.contact(row.id)),
      ) as Contact;
    } catch (error) {
      if (error instanceof SubjectErasedError) return erasedContact(row.shipCountry);
      throw error;
    }
  }

  function summaryOf(row: OrderRow, items: number): string {
    const parts = [
      `Order ${orderNumber(row.number)}`,
      plural(items, 'item', 'items'),
      formatMoney(money(row.totalMinor, row.currency)),
      row.status.toLowerCase(),
    ];
    if (row.refundedMinor > 0) parts.push(`${formatMoney(money(row.refundedMinor, row.currency))} refunded`);
    if (row.erasedAt) parts.push('personal data erased');
    return parts.join(' · ');
  }

  async function find(
    ctx: RequestContext,
    subject: DataSubject,
    options?: { readonly limit?: number },
  ): Promise<SubjectDataRef[]> {
    return tx(ctx, async (trx) => {
      const rows = await subjectRows(ctx, trx, subject, options?.limit ?? FIND_LIMIT);
      if (rows.length === 0) return [];
      const counts = await trx
        .selectFrom('orders.order_lines')
        .select((eb) => ['orderId', eb.fn.sum<string>('quantity').as('items')])
        .where(
          'orderId',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('orderId')
        .execute();
      const items = new Map(counts.map((c) => [c.orderId, Number(c.items)]));
      return rows.map((row) => {
        const id = toPublicId('ord', row.id);
        return {
          module: 'orders',
          kind: 'order',
          id,
          at: row.placedAt,
          summary: summaryOf(row, items.get(row.id) ?? 0),
          consolePath: `/orders/${id}`,
        };
      });
    });
  }

  async function exportOf(ctx: RequestContext, subject: DataSubject): Promise<SubjectExportPart[]> {
    return tx(ctx, async (trx) => {
      const rows = await subjectRows(ctx, trx, subject, MAX_ORDERS);
      const ids = rows.map((r) => r.id);
      const none = ids.length === 0;
      const [lines, history, shipments, refunds, returns] = none
        ? [[], [], [], [], []]
        : await Promise.all([
            trx
              .selectFrom('orders.order_lines')
              .selectAll()
              .where('orderId', 'in', ids)
              .orderBy('orderId')
              .orderBy('position')
              .execute(),
            trx
              .selectFrom('orders.status_history')
              .selectAll()
              .where('orderId', 'in', ids)
              .orderBy('at')
              .execute(),
            trx
              .selectFrom('orders.shipments')
              .selectAll()
              .where('orderId', 'in', ids)
              .orderBy('createdAt')
              .execute(),
            trx
              .selectFrom('orders.refunds')
              .selectAll()
              .where('orderId', 'in', ids)
              .orderBy('createdAt')
              .execute(),
            trx
              .selectFrom('orders.returns')
              .selectAll()
              .where('orderId', 'in', ids)
              .orderBy('createdAt')
              .execute(),
          ]);
      const events =
        shipments.length === 0
          ? []
          : await trx
              .selectFrom('orders.shipment_events')
              .selectAll()
              .where(
                'shipmentId',
                'in',
                shipments.map((s) => s.id),
              )
              .orderBy('occurredAt')
              .execute();
      const contacts = await Promise.all(rows.map(contactOf));
      const currencyOf = new Map(rows.map((r) => [r.id, r.currency]));
      const ord = (uuid: string) => toPublicId('ord', uuid);
      const shp = (uuid: string) => toPublicId('shp', uuid);
      return [
        {
          name: 'orders',
          rows: rows.map((row, i) => ({
            id: ord(row.id),
            number: orderNumber(row.number),
            status: row.status,
            channel: row.channel,
            customerId: row.customerId ? toPublicId('usr', row.customerId) : null,
            email: contacts[i]?.email ?? null,
            note: contacts[i]?.note ?? null,
            currency: row.currency,
            subtotalMinor: row.subtotalMinor,
            discountMinor: row.discountMinor,
            shippingMinor: row.shippingMinor,
            taxMinor: row.taxMinor,
            totalMinor: row.totalMinor,
            refundedMinor: row.refundedMinor,
            discountCode: row.discountCode,
            shippingOption: row.shippingOption,
            placedAt: iso(row.placedAt),
            updatedAt: iso(row.updatedAt),
            erasedAt: iso(row.erasedAt),
          })),
        },
        {
          name: 'order-lines',
          rows: lines.map((l) => ({
            orderId: ord(l.orderId),
            lineId: toPublicId('line', l.id),
            sku: l.sku,
            name: l.name,
            quantity: l.quantity,
            currency: currencyOf.get(l.orderId) ?? null,
            unitPriceMinor: l.unitPriceMinor,
            discountMinor: l.discountMinor,
            taxRateBasisPoints: l.taxRateBp,
            taxMinor: l.taxMinor,
            totalMinor: l.totalMinor,
            returnedQuantity: l.returnedQuantity,
          })),
        },
        {
          name: 'order-addresses',
          rows: rows.flatMap((row, i) => {
            const contact = contacts[i];
            if (!contact) return [];
            return (['shipping', 'billing'] as const).map((kind) => {
              const a = kind === 'shipping' ? contact.shippingAddress : contact.billingAddress;
              return {
                orderId: ord(row.id),
                kind,
                name: a.name,
                company: a.company ?? null,
                line1: a.line1,
                line2: a.line2 ?? null,
                city: a.city,
                region: a.region ?? null,
                postalCode: a.postalCode,
                country: a.country,
                phone: a.phone ?? null,
              };
            });
          }),
        },
        {
          name: 'order-status-history',
          rows: history.map((h) => ({
            orderId: ord(h.orderId),
            from: h.fromStatus,
            to: h.toStatus,
            reason: h.reason,
            at: iso(h.at),
          })),
        },
        {
          name: 'shipments',
          rows: shipments.map((s) => ({
            id: shp(s.id),
            orderId: ord(s.orderId),
            carrier: s.carrier,
            service: s.service,
            trackingCode: s.trackingCode,
            trackingUrl: s.trackingUrl,
            status: s.status,
            costMinor: s.costMinor,
            costCurrency: s.costCurrency,
            createdAt: iso(s.createdAt),
            shippedAt: iso(s.shippedAt),
            deliveredAt: iso(s.deliveredAt),
          })),
        },
        {
          name: 'shipment-tracking',
          rows: events.map((e) => ({
            shipmentId: shp(e.shipmentId),
            status: e.status,
            message: e.message,
            location: e.location,
            at: iso(e.occurredAt),
          })),
        },
        {
          name: 'refunds',
          rows: refunds.map((r) => ({
            orderId: ord(r.orderId),
            amountMinor: r.amountMinor,
            currency: r.currency,
            reason: r.reason,
            at: iso(r.createdAt),
          })),
        },
        {
          name: 'returns',
          rows: returns.map((r) => ({
            id: toPublicId('ret', r.id),
            orderId: ord(r.orderId),
            lines: r.lines,
            reason: r.reason,
            restocked: r.restocked,
            refundedMinor: r.refundedMinor,
            at: iso(r.createdAt),
          })),
        },
      ];
    });
  }

  /** Anonymises one order in one transaction (the label objects were deleted before). */
  async function anonymise(ctx: RequestContext, row: OrderRow): Promise<void> {
    const tenantId = ctx.tenantId;
    const [contactSealed, paymentSealed] = await Promise.all([
      sealing.seal(tenantId, JSON.stringify(erasedContact(row.shipCountry)), orderAad.contact(row.id)),
      sealing.seal(tenantId, JSON.stringify({ type: 'erased' }), orderAad.payment(row.id)),
    ]);
    await tx(ctx, async (trx) => {
      const shipments = await trx
        .selectFrom('orders.shipments')
        .select('id')
        .where('orderId', '=', row.id)
        .execute();
      const shipmentIds = shipments.map((s) => s.id);
      if (shipmentIds.length > 0) {
        await trx
          .updateTable('orders.shipments')
          .set({ labelObjectKey: null, labelUrl: null, updatedAt: new Date() })
          .where('id', 'in', shipmentIds)
          .execute();
        // The status stays; the carrier's words and the place (which may name who signed, where) go.
        await trx
          .updateTable('orders.shipment_events')
          .set({ message: sql<string>`replace(status, '_', ' ')`, location: null })
          .where('shipmentId', 'in', shipmentIds)
          .execute();
        const deliveries = await trx
          .selectFrom('orders.carrier_webhook_events')
          .select('id')
          .where('shipmentId', 'in', shipmentIds)
          .execute();
        for (const delivery of deliveries)
          await trx
            .updateTable('orders.carrier_webhook_events')
            .set({
              rawSealed: await sealing.seal(
                tenantId,
                JSON.stringify({ erased: true }),
                `orders.carrier_webhook:${delivery.id}`,
              ),
            })
            .where('id', '=', delivery.id)
            .execute();
      }
      // The first responses of Idempotency-Keys hold the whole order as it was.
      await trx.deleteFrom('orders.idempotency_keys').where('orderId', '=', row.id).execute();
      await trx
        .updateTable('orders.orders')
        .set({ contactSealed, paymentSealed, emailIndex: null, erasedAt: new Date() })
        .where('id', '=', row.id)
        .execute();
    });
  }

  return {
    holds:
      'Orders of clients (by their account and e-mail): names, addresses, e-mail, phone and notes, sealed; payment methods as given; shipping labels and tracking. A restriction does not stop the fulfilment of orders already placed (the contract and legal claims, GDPR Art. 18(2)).',
    retention: [
      {
        what: 'orders: numbers, amounts, lines, taxes, status history and shipments, without names or addresses',
        reason: ORDERS_RETENTION_REASON,
      },
    ],
    find,
    export: exportOf,
    async erase(ctx, subject, request) {
      const rows = await tx(ctx, (trx) => subjectRows(ctx, trx, subject, MAX_ORDERS));
      let erased = 0;
      for (const row of rows) {
        if (row.erasedAt) continue;
        const labels = await tx(ctx, (trx) =>
          trx
            .selectFrom('orders.shipments')
            .select('labelObjectKey')
            .where('orderId', '=', row.id)
            .where('labelObjectKey', 'is not', null)
            .execute(),
        );
        for (const label of labels) {
          if (!label.labelObjectKey) continue;
          // Re-rendering an anonymised label would help nobody: the parcel has its printed one. Delete it.
          const { deleted } = await deps.objects.delete(label.labelObjectKey, {
            reason: `erasure ${request.requestId}`,
          });
          if (deleted) erased += 1;
        }
        await anonymise(ctx, row);
        erased += 1;
      }
      // In-flight Idempotency-Keys of the client's own portal requests (scope client:<uuid>).
      const scopes = subject.userIds.flatMap((id) => {
        const uuid = fromPublicId('usr', id);
        return uuid ? [`client:${uuid}`] : [];
      });
      if (scopes.length > 0)
        await tx(ctx, (trx) =>
          trx.deleteFrom('orders.idempotency_keys').where('scope', 'in', scopes).execute(),
        );
      deps.logger.info(
        { requestId: request.requestId, erased, kept: rows.length },
        'orders: data subject anonymised',
      );
      return {
        erased,
        kept:
          rows.length === 0
            ? []
            : [
                {
                  what: 'orders (numbers, amounts, lines, taxes), anonymised',
                  count: rows.length,
                  reason: ORDERS_RETENTION_REASON,
                },
              ],
      };
    },
    // Placed orders are fulfilled during a restriction (contract, legal claims: Art. 18(2)); nothing to stop here.
    restrict: () => Promise.resolve(),
  };
}
