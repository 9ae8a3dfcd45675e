import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Redis } from 'ioredis';
import type { AuditLog } from '../../../platform/audit/index.js';
import { SubjectErasedError } from '../../../platform/crypto/index.js';
import type { Bus } from '../../../platform/bus/index.js';
import type { RequestContext } from '../../../platform/context.js';
import { jsonb, type Database } from '../../../platform/db/index.js';
import { decodeCursorFields, encodeCursorFields } from '../../../platform/http/list-query.js';
import { AppError, PlatformErrors, type FieldProblem } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { Money } from '../../../platform/money.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { InventoryService, ProductsService } from '../../catalog/index.js';
import type { GatewayName, Payment, PaymentMethodInput, PaymentsService } from '../../payments/index.js';
import type {
  Address,
  Order,
  OrderDetail,
  OrderLine,
  OrderStatus,
  Shipment,
  ShipmentsService,
  StatusChange,
  TimelineEntry,
} from '../contract.js';
import type { OrdersTables, OrdersTransaction } from '../db/orders.tables.js';
import type { OrdersTable } from '../db/order-rows.tables.js';
import { OrdersErrors } from '../errors.js';
import {
  orderCancelledV1,
  orderConfirmedV1,
  orderCreatedV1,
  orderDeliveredV1,
  orderProcessingV1,
  orderRefundedV1,
  orderShippedV1,
  type OrderEventData,
} from '../events.js';
import { normaliseAddress, validateAddress } from './addresses.js';
import { OrderErrors } from './orders.errors.js';
import type { OrdersMetrics } from './orders.metrics.js';
import { erasedContact, type Contact } from './erased-contact.js';
import { createOrderLocks } from './order-lock.js';
import { orderAad, type OrderSealing } from './order-sealing.js';
import {
  defaultOrdersSettings,
  ordersSettingsSchema,
  type Discount,
  type DiscountInput,
  type OrdersSettingsDocument,
} from './order-settings.js';
import { computeTotals, discountProblem } from './totals.js';

type Tables = OrdersTables;
type OrderRow = Selectable<OrdersTable>;

/** Which transitions the machine allows (CANCELLED also needs the tenant's cancellableStatuses). */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['PROCESSING', 'CANCELLED', 'REFUNDED'],
  PROCESSING: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: ['REFUNDED'],
  REFUNDED: [],
};

export interface CreateOrderInput {
  readonly customerId?: string | undefined;
  readonly email: string;
  readonly currency: string;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly shippingAddress: Address;
  readonly billingAddress?: Address | undefined;
  readonly discountCode?: string | undefined;
  readonly shippingOption?: string | undefined;
  readonly payment: { readonly gateway?: GatewayName | undefined; readonly method: PaymentMethodInput };
  readonly note?: string | undefined;
}

/** Restricts what a caller sees: a portal client only their own orders (others' are 404). */
export interface OrderScope {
  /** The client's user uuid. */
  readonly customerId?: string;
}

export interface CreateOrderResult {
  readonly status: number;
  /** OrderDetail as JSON (what the first response sent, replayed as it was). */
  readonly body: unknown;
  readonly replayed: boolean;
  readonly order: OrderDetail | undefined;
}

export interface OrderListQuery {
  readonly status?: readonly OrderStatus[] | undefined;
  readonly customerId?: string | undefined;
  readonly email?: string | undefined;
  readonly number?: string | undefined;
  readonly placedFrom?: Date | undefined;
  readonly placedTo?: Date | undefined;
  readonly totalMin?: number | undefined;
  readonly totalMax?: number | undefined;
  readonly sku?: string | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface OrderSummary {
  readonly id: string;
  readonly number: string;
  readonly status: OrderStatus;
  readonly channel: 'internal' | 'portal';
  readonly customerId: string | null;
  readonly email: string;
  readonly currency: string;
  readonly total: Money;
  readonly refunded: Money;
  readonly lineCount: number;
  readonly itemCount: number;
  readonly placedAt: Date;
  readonly updatedAt: Date;
}

export interface RefundInput {
  readonly amountMinor?: number | undefined;
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[] | undefined;
  readonly reason: string;
  readonly shipping?: boolean | undefined;
}

export interface ReturnInput {
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly reason: string;
  readonly restock: boolean;
  readonly refund: boolean;
}

export interface OrderReturn {
  readonly id: string;
  readonly orderId: string;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly restocked: boolean;
  readonly refundedMinor: number;
  readonly createdAt: Date;
}

export interface OrdersServiceDeps {
  readonly database: Database;
  readonly sealing: OrderSealing;
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly redis: Redis | undefined;
  /** Where an unreachable Redis is reported (order changes go on under the row lock alone). */
  readonly logger?: Logger;
  /** Read at each call: tests replace the members of these apis with fakes. */
  readonly catalog: () => { readonly products: ProductsService; readonly inventory: InventoryService };
  readonly payments: () => PaymentsService;
  /** The shipping feature's shipments of an order (created after this service: read at each call). */
  readonly shipments: () => Pick<ShipmentsService, 'forOrder'> | undefined;
  /** Starts the place-order workflow of an order (idempotent by its id); undefined without workflows. */
  readonly startWorkflow: ((tenantId: string, orderUuid: string) => Promise<void>) | undefined;
  /** Counts orders placed, status changes and refunds, once committed. */
  readonly metrics?: OrdersMetrics;
}

export const orderNumber = (n: number) => `SO-${String(n).padStart(6, '0')}`;
export const orderPublicId = (uuid: string) => toPublicId('ord', uuid);
export const placeOrderWorkflowId = (orderUuid: string) => `place-order:${orderPublicId(orderUuid)}`;
const actorOf = (ctx: RequestContext) =>
  ctx.actor.type === 'system' ? `system:${ctx.actor.id}` : ctx.actor.id;
const productPublicId = (id: string) => (/^[0-9a-f-]{36}$/i.test(id) ? toPublicId('prod', id) : id);
const productUuid = (id: string) => fromPublicId('prod', id) ?? id;

function orderUuid(orderId: string): string {
  const uuid = fromPublicId('ord', orderId);
  if (!uuid) throw OrdersErrors.orderNotFound();
  return uuid;
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Canonical JSON (sorted keys): the request hash of an Idempotency-Key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });
const toJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export function createOrdersService(deps: OrdersServiceDeps) {
  const { database, sealing, audit, bus } = deps;
  const locks = createOrderLocks(deps.redis, deps.logger);
  /**
   * What to count once the transaction under `underLock` commits, by transaction: a change rolled
   * back (a conflict, a failed audit) is never counted.
   */
  const afterCommit = new WeakMap<OrdersTransaction, (() => void)[]>();

  // --- reading ---------------------------------------------------------------------------------

  async function readSettings(trx: OrdersTransaction): Promise<OrdersSettingsDocument> {
    const row = await trx.selectFrom('orders.settings').select('document').executeTakeFirst();
    return row ? ordersSettingsSchema.parse(row.document) : defaultOrdersSettings();
  }

  async function contactOf(row: OrderRow): Promise<Contact> {
    try {
      return JSON.parse(
        await sealing.unsealContact(row.tenantId, row.contactSealed, orderAad.contact(row.id)),
      ) as Contact;
    } catch (error) {
      // The client was erased (keys shredded) and the erasure has not anonymised this row yet.
      if (error instanceof SubjectErasedError) return erasedContact(row.shipCountry);
      throw error;
    }
  }

  async function toOrder(trx: OrdersTransaction, row: OrderRow): Promise<Order> {
    const [contact, lines] = await Promise.all([
      contactOf(row),
      trx
        .selectFrom('orders.order_lines')
        .selectAll()
        .where('orderId', '=', row.id)
        .orderBy('position')
        .execute(),
    ]);
    const c = row.currency;
    return {
      id: orderPublicId(row.id),
      number: orderNumber(row.number),
      status: row.status,
      channel: row.channel,
      customerId: row.customerId ? toPublicId('usr', row.customerId) : null,
      email: contact.email,
      shippingAddress: contact.shippingAddress,
      billingAddress: contact.billingAddress,
      currency: c,
      subtotal: money(row.subtotalMinor, c),
      discount: money(row.discountMinor, c),
      shipping: money(row.shippingMinor, c),
      tax: money(row.taxMinor, c),
      total: money(row.totalMinor, c),
      refunded: money(row.refundedMinor, c),
      lines: lines.map((l): OrderLine => ({
        id: toPublicId('line', l.id),
        productId: productPublicId(l.productId),
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitPrice: money(l.unitPriceMinor, c),
        discount: money(l.discountMinor, c),
        taxRateBasisPoints: l.taxRateBp,
        tax: money(l.taxMinor, c),
        total: money(l.totalMinor, c),
        returnedQuantity: l.returnedQuantity,
      })),
      version: row.version,
      placedAt: row.placedAt,
      updatedAt: row.updatedAt,
    };
  }

  function scoped(scope: OrderScope | undefined) {
    return scope?.customerId;
  }

  async function findRow(
    trx: OrdersTransaction,
    uuid: string,
    scope: OrderScope | undefined,
  ): Promise<OrderRow | undefined> {
    let query = trx.selectFrom('orders.orders').selectAll().where('id', '=', uuid);
    const customer = scoped(scope);
    if (scope && customer === undefined) return undefined;
    if (customer !== undefined) query = query.where('customerId', '=', customer);
    return query.executeTakeFirst();
  }

  /**
   * Shipments of an order. The shipping feature's table does not exist on this branch yet, so this
   * is the one place that returns [] until it does (then: read orders.shipments or its api).
   */
  async function shipmentsOf(ctx: RequestContext, order: Order): Promise<Shipment[]> {
    return (await deps.shipments()?.forOrder(ctx, order.id)) ?? [];
  }

  async function detail(ctx: RequestContext, uuid: string, scope?: OrderScope): Promise<OrderDetail> {
    const loaded = await database.withTenant<Tables, { order: Order; extra: TimelineSource } | undefined>(
      ctx,
      async (trx) => {
        const row = await findRow(trx, uuid, scope);
        if (!row) return undefined;
        const [order, history, refunds, returns] = await Promise.all([
          toOrder(trx, row),
          trx
            .selectFrom('orders.status_history')
            .selectAll()
            .where('orderId', '=', uuid)
            .orderBy('at')
            .execute(),
          trx
            .selectFrom('orders.refunds')
            .selectAll()
            .where('orderId', '=', uuid)
            .orderBy('createdAt')
            .execute(),
          trx
            .selectFrom('orders.returns')
            .selectAll()
            .where('orderId', '=', uuid)
            .orderBy('createdAt')
            .execute(),
        ]);
        return { order, extra: { history, refunds, returns } };
      },
    );
    if (!loaded) throw OrdersErrors.orderNotFound();
    const { order, extra } = loaded;
    const [payments, shipments] = await Promise.all([
      deps.payments().forOrder(ctx, order.id),
      shipmentsOf(ctx, order),
    ]);
    const history: StatusChange[] = extra.history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      actor: h.actor,
      reason: h.reason,
      at: h.at,
    }));
    return {
      ...order,
      history,
      payments,
      shipments,
      timeline: timeline(order, extra, history, payments, shipments),
    };
  }

  type TimelineSource = {
    history: {
      fromStatus: OrderStatus | null;
      toStatus: OrderStatus;
      actor: string;
      reason: string;
      at: Date;
    }[];
    refunds: {
      amountMinor: number;
      currency: string;
      reason: string;
      actor: string;
      createdAt: Date;
      id: string;
    }[];
    returns: {
      id: string;
      lines: unknown;
      reason: string;
      restocked: boolean;
      refundedMinor: number;
      actor: string;
      createdAt: Date;
    }[];
  };

  function timeline(
    order: Order,
    extra: TimelineSource,
    history: readonly StatusChange[],
    payments: readonly Payment[],
    shipments: readonly Shipment[],
  ): TimelineEntry[] {
    const entries: TimelineEntry[] = [
      ...history.map((h) => ({
        at: h.at,
        kind: 'status' as const,
        summary: h.from ? `${h.from} → ${h.to}: ${h.reason}` : `Placed (${h.to})`,
        actor: h.actor,
        detail: { from: h.from, to: h.to },
      })),
      ...payments.flatMap((p) =>
        p.transactions.map((tx) => ({
          at: tx.settledAt ?? tx.createdAt,
          kind: 'payment' as const,
          summary: `${tx.kind} ${tx.status}: ${tx.amount.amountMinor} ${tx.amount.currency}`,
          actor: null,
          detail: {
            paymentId: p.id,
            transactionId: tx.id,
            kind: tx.kind,
            status: tx.status,
            failureCode: tx.failureCode,
          },
        })),
      ),
      ...extra.refunds.map((r) => ({
        at: r.createdAt,
        kind: 'refund' as const,
        summary: `Refunded ${r.amountMinor} ${r.currency}: ${r.reason}`,
        actor: r.actor,
        detail: { amountMinor: r.amountMinor },
      })),
      ...extra.returns.map((r) => ({
        at: r.createdAt,
        kind: 'return' as const,
        summary: `Return: ${r.reason}${r.restocked ? ' (restocked)' : ''}`,
        actor: r.actor,
        detail: { returnId: toPublicId('ret', r.id), lines: r.lines, refundedMinor: r.refundedMinor },
      })),
      ...shipments.flatMap((s) => [
        {
          at: s.createdAt,
          kind: 'shipment' as const,
          summary: `Shipment ${s.service}`,
          actor: null,
          detail: { shipmentId: s.id, trackingCode: s.trackingCode },
        },
        ...s.events.map((e) => ({
          at: e.at,
          kind: 'tracking' as const,
          summary: e.message,
          actor: null,
          detail: { shipmentId: s.id, status: e.status, location: e.location },
        })),
      ]),
    ];
    return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  // --- the state machine -----------------------------------------------------------------------

  function facts(row: OrderRow, status: OrderStatus): OrderEventData {
    return {
      orderId: orderPublicId(row.id),
      number: orderNumber(row.number),
      status,
      totalMinor: row.totalMinor,
      currency: row.currency,
      customerId: row.customerId ? toPublicId('usr', row.customerId) : null,
    };
  }

  async function publishStatus(
    trx: OrdersTransaction,
    ctx: RequestContext,
    row: OrderRow,
    to: OrderStatus,
    reason: string,
  ): Promise<void> {
    const base = facts(row, to);
    const event =
      to === 'CONFIRMED'
        ? { type: orderConfirmedV1.type, data: base }
        : to === 'PROCESSING'
          ? { type: orderProcessingV1.type, data: base }
          : to === 'SHIPPED'
            ? { type: orderShippedV1.type, data: { ...base, shipmentId: null, trackingCode: null } }
            : to === 'DELIVERED'
              ? { type: orderDeliveredV1.type, data: base }
              : to === 'CANCELLED'
                ? { type: orderCancelledV1.type, data: { ...base, reason } }
                : to === 'REFUNDED'
                  ? {
                      type: orderRefundedV1.type,
                      data: { ...base, refundedMinor: row.refundedMinor, full: true },
                    }
                  : { type: orderCreatedV1.type, data: base };
    await bus.publish(trx, [{ type: event.type, tenantId: ctx.tenantId, key: row.id, data: event.data }]);
  }

  /** The one writer of a status: the row, a history row, the event and an audit entry, in the caller's transaction. */
  async function applyTransition(
    trx: OrdersTransaction,
    ctx: RequestContext,
    row: OrderRow,
    to: OrderStatus,
    reason: string,
    options: { readonly event?: boolean; readonly refundedMinor?: number } = {},
  ): Promise<OrderRow> {
    const updated = await trx
      .updateTable('orders.orders')
      .set((eb) => ({
        status: to,
        version: eb('version', '+', 1),
        updatedAt: new Date(),
        ...(to === 'CANCELLED' ? { cancelReason: reason } : {}),
        ...(options.refundedMinor !== undefined ? { refundedMinor: options.refundedMinor } : {}),
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('orders.status_history')
      .values({
        id: newUuid(),
        tenantId: ctx.tenantId,
        orderId: row.id,
        fromStatus: row.status,
        toStatus: to,
        actor: actorOf(ctx),
        reason,
      })
      .execute();
    if (options.event !== false) await publishStatus(trx, ctx, updated, to, reason);
    afterCommit.get(trx)?.push(() => deps.metrics?.statusChanged(to));
    await audit.append(trx, ctx, {
      action: 'orders.order_status_changed',
      target: { type: 'order', id: orderPublicId(row.id) },
      details: { from: row.status, to, reason },
    });
    return updated;
  }

  /**
   * One writer at a time per order: a Redis lock (SET NX PX, released by token) when Redis is
   * configured and reachable, and the row under SELECT … FOR UPDATE NOWAIT; either taken →
   * ORDERS_CONCURRENT_CHANGE. Redis down leaves the row lock alone (order-lock.ts).
   */
  async function underLock<T>(
    ctx: RequestContext,
    uuid: string,
    scope: OrderScope | undefined,
    fn: (trx: OrdersTransaction, row: OrderRow) => Promise<T>,
  ): Promise<T> {
    const lock = await locks.take(ctx.tenantId, uuid);
    if (lock.state === 'taken') throw OrdersErrors.concurrentChange();
    const committed: (() => void)[] = [];
    try {
      const result = await database.withTenant<Tables, T>(ctx, async (trx) => {
        afterCommit.set(trx, committed);
        let row: OrderRow | undefined;
        try {
          let query = trx.selectFrom('orders.orders').selectAll().where('id', '=', uuid);
          if (scope) {
            if (scope.customerId === undefined) throw OrdersErrors.orderNotFound();
            query = query.where('customerId', '=', scope.customerId);
          }
          row = await query.forUpdate().noWait().executeTakeFirst();
        } catch (error) {
          if (pgCode(error) === '55P03') throw OrdersErrors.concurrentChange();
          throw error;
        }
        if (!row) throw OrdersErrors.orderNotFound();
        return fn(trx, row);
      });
      for (const count of committed) count();
      return result;
    } finally {
      if (lock.state === 'held') await lock.release();
    }
  }

  function checkTransition(
    from: OrderStatus,
    to: OrderStatus,
    settings: OrdersSettingsDocument,
    options: { readonly force?: boolean } = {},
  ): void {
    const allowed = TRANSITIONS[from].includes(to);
    const cancellable =
      to !== 'CANCELLED' ||
      options.force === true ||
      (settings.cancellableStatuses as string[]).includes(from);
    if (!allowed || !cancellable) throw OrdersErrors.invalidTransition(from, to);
  }

  async function transition(
    ctx: RequestContext,
    orderId: string,
    to: OrderStatus,
    input: {
      readonly reason: string;
      readonly expectedVersion?: number | undefined;
      readonly force?: boolean;
    },
    scope?: OrderScope,
  ): Promise<Order> {
    const uuid = orderUuid(orderId);
    return underLock(ctx, uuid, scope, async (trx, row) => {
      // The same transition asked again (a replayed webhook, a workflow step run twice): a no-op.
      if (row.status === to) return toOrder(trx, row);
      if (input.expectedVersion !== undefined && row.version !== input.expectedVersion)
        throw OrdersErrors.concurrentChange();
      checkTransition(row.status, to, await readSettings(trx), { force: input.force ?? false });
      return toOrder(trx, await applyTransition(trx, ctx, row, to, input.reason));
    });
  }

  // --- create ----------------------------------------------------------------------------------

  const CLAIM_STALE_MS = 2 * 60_000;

  type Claim =
    | { readonly kind: 'new'; readonly id: string }
    | { readonly kind: 'replay'; readonly status: number; readonly body: unknown };

  async function claimKey(ctx: RequestContext, scope: string, key: string, hash: Buffer): Promise<Claim> {
    return database.withTenant<Tables, Claim>(ctx, async (trx) => {
      const id = newUuid();
      const inserted = await trx
        .insertInto('orders.idempotency_keys')
        .values({ id, tenantId: ctx.tenantId, scope, key, requestHash: hash })
        .onConflict((oc) => oc.columns(['tenantId', 'scope', 'key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { kind: 'new', id };
      const existing = await trx
        .selectFrom('orders.idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!existing.requestHash.equals(hash)) throw OrdersErrors.idempotencyKeyReused();
      if (existing.statusCode !== null && existing.responseSealed) {
        const body = JSON.parse(
          await sealing.unseal(ctx.tenantId, existing.responseSealed, orderAad.idempotency(existing.id)),
        ) as unknown;
        return { kind: 'replay', status: existing.statusCode, body };
      }
      // Another request with this key is running, unless it died long ago (then this one takes over).
      if (Date.now() - existing.createdAt.getTime() < CLAIM_STALE_MS)
        throw OrderErrors.idempotencyKeyInFlight();
      await trx
        .updateTable('orders.idempotency_keys')
        .set({ createdAt: new Date() })
        .where('id', '=', existing.id)
        .execute();
      return { kind: 'new', id: existing.id };
    });
  }

  async function dropClaim(ctx: RequestContext, id: string): Promise<void> {
    await database
      .withTenant<Tables, void>(ctx, async (trx) => {
        await trx
          .deleteFrom('orders.idempotency_keys')
          .where('id', '=', id)
          .where('statusCode', 'is', null)
          .execute();
      })
      .catch(() => undefined);
  }

  async function readDiscount(trx: OrdersTransaction, code: string): Promise<Discount | undefined> {
    const row = await trx
      .selectFrom('orders.discounts')
      .selectAll()
      .where('code', '=', code.trim().toUpperCase())
      .executeTakeFirst();
    return row ? toDiscount(row) : undefined;
  }

  async function create(
    ctx: RequestContext,
    input: CreateOrderInput,
    options: { readonly idempotencyKey: string; readonly channel: 'internal' | 'portal' },
  ): Promise<CreateOrderResult> {
    const customerUuid =
      options.channel === 'portal'
        ? fromPublicId('usr', ctx.actor.id)
        : input.customerId !== undefined
          ? fromPublicId('usr', input.customerId)
          : null;
    if (options.channel === 'portal' && !customerUuid) throw PlatformErrors.forbidden('portal:orders:write');
    if (customerUuid === undefined)
      throw PlatformErrors.validation([{ field: 'body.customerId', message: 'is not a user id (usr_…)' }]);
    const scope = options.channel === 'portal' ? `client:${customerUuid}` : 'internal';
    const hash = createHash('sha256')
      .update(
        canonical({
          channel: options.channel,
          input: options.channel === 'portal' ? { ...input, customerId: undefined } : input,
        }),
      )
      .digest();
    const claim = await claimKey(ctx, scope, options.idempotencyKey, hash);
    if (claim.kind === 'replay')
      return { status: claim.status, body: claim.body, replayed: true, order: undefined };
    try {
      return await placeNew(ctx, input, { ...options, customerUuid, claimId: claim.id });
    } catch (error) {
      await dropClaim(ctx, claim.id);
      throw error;
    }
  }

  async function placeNew(
    ctx: RequestContext,
    input: CreateOrderInput,
    options: {
      readonly channel: 'internal' | 'portal';
      readonly customerUuid: string | null;
      readonly claimId: string;
    },
  ): Promise<CreateOrderResult> {
    // Addresses and lines, every problem named at once.
    const problems: FieldProblem[] = [
      ...validateAddress(input.shippingAddress, 'body.shippingAddress'),
      ...(input.billingAddress ? validateAddress(input.billingAddress, 'body.billingAddress') : []),
    ];
    if (problems.length > 0) throw OrderErrors.invalidOrder(problems);
    const shippingAddress = normaliseAddress(input.shippingAddress);
    const billingAddress = input.billingAddress ? normaliseAddress(input.billingAddress) : shippingAddress;
    const skus = [...new Set(input.lines.map((l) => l.sku))];
    const sellable = await deps.catalog().products.sellable(ctx, skus, input.currency);
    input.lines.forEach((line, i) => {
      const product = sellable.get(line.sku);
      const field = `body.lines.${i}.sku`;
      if (!product) problems.push({ field, message: 'is not a product of the catalog' });
      else if (product.status !== 'active')
        problems.push({ field, message: `is not for sale (${product.status})` });
      else if (!product.unitPrice || product.unitPrice.currency !== input.currency)
        problems.push({ field, message: `has no price in ${input.currency}` });
    });
    if (problems.length > 0) throw OrderErrors.invalidOrder(problems);

    const priced = input.lines.map((line) => {
      const product = sellable.get(line.sku);
      if (!product?.unitPrice) throw new Error('unreachable: checked above');
      return { ...line, product, unitPriceMinor: product.unitPrice.amountMinor, taxClass: product.taxClass };
    });
    const { settings, discount } = await database.withTenant<
      Tables,
      { settings: OrdersSettingsDocument; discount: Discount | undefined }
    >(ctx, async (trx) => ({
      settings: await readSettings(trx),
      discount: input.discountCode ? await readDiscount(trx, input.discountCode) : undefined,
    }));
    if (input.discountCode !== undefined) {
      const subtotal = priced.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
      const problem = discountProblem(discount, subtotal, input.currency, new Date());
      if (problem) throw OrderErrors.invalidOrder([problem]);
    }
    const computed = computeTotals({
      lines: priced,
      currency: input.currency,
      address: shippingAddress,
      settings,
      discount,
      shippingOptionId: input.shippingOption,
    });
    if ('problems' in computed) throw OrderErrors.invalidOrder(computed.problems);
    const totals = computed.totals;

    // New ids, then hold the stock: out of stock (409) leaves nothing stored.
    const uuid = newUuid();
    const lineIds = priced.map(() => newUuid());
    const publicId = orderPublicId(uuid);
    const inventory = deps.catalog().inventory;
    try {
      await inventory.reserve(ctx, {
        orderId: publicId,
        lines: priced.map((l, i) => ({
          lineId: toPublicId('line', lineIds[i] ?? ''),
          productId: productPublicId(l.product.productId),
          quantity: l.quantity,
        })),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CATALOG_OUT_OF_STOCK' && error.fields.length === 0) {
        throw new AppError(error.code, error.kind, error.message, {
          fields: input.lines.map((_, i) => ({
            field: `body.lines.${i}.quantity`,
            message: 'more than is in stock',
          })),
        });
      }
      throw error;
    }

    try {
      const contact: Contact = {
        email: input.email.trim(),
        shippingAddress,
        billingAddress,
        note: input.note ?? null,
      };
      const [contactSealed, paymentSealed, emailIndex] = await Promise.all([
        sealing.sealContact(
          ctx.tenantId,
          {
            userId: options.customerUuid ? toPublicId('usr', options.customerUuid) : null,
            email: input.email,
          },
          JSON.stringify(contact),
          orderAad.contact(uuid),
        ),
        sealing.seal(ctx.tenantId, JSON.stringify(input.payment.method), orderAad.payment(uuid)),
        sealing.emailIndex(ctx.tenantId, input.email),
      ]);
      const created = await database.withTenant<Tables, { order: Order; history: StatusChange }>(
        ctx,
        async (trx) => {
          const counter = await trx
            .insertInto('orders.order_counters')
            .values({ tenantId: ctx.tenantId, lastNumber: 1 })
            .onConflict((oc) =>
              oc
                .column('tenantId')
                .doUpdateSet((eb) => ({ lastNumber: eb('orders.order_counters.lastNumber', '+', 1) })),
            )
            .returning('lastNumber')
            .executeTakeFirstOrThrow();
          const row = await trx
            .insertInto('orders.orders')
            .values({
              id: uuid,
              tenantId: ctx.tenantId,
              number: counter.lastNumber,
              status: 'PENDING',
              channel: options.channel,
              customerId: options.customerUuid,
              emailIndex,
              contactSealed,
              paymentSealed,
              gateway: input.payment.gateway ?? settings.defaultGateway,
              shipCountry: shippingAddress.country,
              currency: input.currency,
              subtotalMinor: totals.subtotalMinor,
              discountMinor: totals.discountMinor,
              shippingMinor: totals.shippingMinor,
              shippingTaxMinor: totals.shippingTaxMinor,
              taxMinor: totals.taxMinor,
              totalMinor: totals.totalMinor,
              pricesIncludeTax: settings.pricesIncludeTax,
              discountCode: discount?.code ?? null,
              shippingOption: totals.shippingOption,
              createdBy: actorOf(ctx),
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('orders.order_lines')
            .values(
              priced.map((l, i) => {
                const t = totals.lines[i];
                if (!t) throw new Error('unreachable: a total per line');
                return {
                  id: lineIds[i] ?? '',
                  tenantId: ctx.tenantId,
                  orderId: uuid,
                  position: i,
                  productId: productUuid(l.product.productId),
                  sku: l.sku,
                  name: l.product.name,
                  quantity: l.quantity,
                  unitPriceMinor: l.unitPriceMinor,
                  discountMinor: t.discountMinor,
                  taxRateBp: t.taxRateBp,
                  taxMinor: t.taxMinor,
                  totalMinor: t.totalMinor,
                };
              }),
            )
            .execute();
          const reason = options.channel === 'portal' ? 'placed in the portal' : 'placed';
          const at = new Date();
          await trx
            .insertInto('orders.status_history')
            .values({
              id: newUuid(),
              tenantId: ctx.tenantId,
              orderId: uuid,
              fromStatus: null,
              toStatus: 'PENDING',
              actor: actorOf(ctx),
              reason,
              at,
            })
            .execute();
          await bus.publish(trx, [
            { type: orderCreatedV1.type, tenantId: ctx.tenantId, key: uuid, data: facts(row, 'PENDING') },
          ]);
          await audit.append(trx, ctx, {
            action: 'orders.order_created',
            target: { type: 'order', id: publicId },
            details: {
              number: orderNumber(row.number),
              channel: options.channel,
              totalMinor: row.totalMinor,
              currency: row.currency,
              lines: priced.length,
            },
          });
          const order = await toOrder(trx, row);
          return { order, history: { from: null, to: 'PENDING', actor: actorOf(ctx), reason, at } };
        },
      );
      deps.metrics?.created(options.channel);
      const detailed: OrderDetail = {
        ...created.order,
        history: [created.history],
        payments: [],
        shipments: [],
        timeline: [
          {
            at: created.history.at,
            kind: 'status',
            summary: 'Placed (PENDING)',
            actor: created.history.actor,
            detail: { from: null, to: 'PENDING' },
          },
        ],
      };
      const body = toJson(detailed);
      const responseSealed = await sealing.seal(
        ctx.tenantId,
        JSON.stringify(body),
        orderAad.idempotency(options.claimId),
      );
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await trx
          .updateTable('orders.idempotency_keys')
          .set({ statusCode: 201, responseSealed, orderId: uuid })
          .where('id', '=', options.claimId)
          .execute();
      });
      await startWorkflow(ctx.tenantId, uuid);
      return { status: 201, body, replayed: false, order: detailed };
    } catch (error) {
      // The order was not stored: give the stock back (the sweeper does it if this fails too).
      const stored = await database
        .withTenant<Tables, boolean>(
          ctx,
          async (trx) =>
            !!(await trx.selectFrom('orders.orders').select('id').where('id', '=', uuid).executeTakeFirst()),
        )
        .catch(() => true);
      if (!stored) await inventory.release(ctx, publicId, 'order_not_stored').catch(() => undefined);
      throw error;
    }
  }

  async function startWorkflow(tenantId: string, uuid: string): Promise<void> {
    if (!deps.startWorkflow) return;
    try {
      await deps.startWorkflow(tenantId, uuid);
      await database.withTenant<Tables, void>({ tenantId }, async (trx) => {
        await trx
          .updateTable('orders.orders')
          .set({ workflowStartedAt: new Date() })
          .where('id', '=', uuid)
          .execute();
      });
    } catch {
      // The sweeper starts it (workflow_started_at stays null).
    }
  }

  // --- list ------------------------------------------------------------------------------------

  async function list(
    ctx: RequestContext,
    query: OrderListQuery,
    scope?: OrderScope,
  ): Promise<{ items: OrderSummary[]; nextCursor: string | null }> {
    const emailIndex =
      query.email !== undefined ? await sealing.emailIndex(ctx.tenantId, query.email) : undefined;
    let after: { placedAt: Date; id: string } | undefined;
    if (query.cursor) {
      const [at = '', id = ''] = decodeCursorFields(query.cursor);
      const placedAt = new Date(at);
      if (Number.isNaN(placedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id))
        throw PlatformErrors.validation([
          { field: 'query.cursor', message: 'is not a cursor this list gave' },
        ]);
      after = { placedAt, id };
    }
    const number = query.number !== undefined ? Number(query.number.replace(/^SO-?/i, '')) : undefined;
    if (number !== undefined && !Number.isSafeInteger(number))
      throw PlatformErrors.validation([
        { field: 'query.number', message: 'is not an order number (SO-000123)' },
      ]);
    return database.withTenant<Tables, { items: OrderSummary[]; nextCursor: string | null }>(
      ctx,
      async (trx) => {
        let q = trx.selectFrom('orders.orders as o').selectAll('o');
        if (scope) {
          if (scope.customerId === undefined) return { items: [], nextCursor: null };
          q = q.where('o.customerId', '=', scope.customerId);
        }
        if (query.status && query.status.length > 0) q = q.where('o.status', 'in', query.status);
        if (query.customerId !== undefined) {
          const customer = fromPublicId('usr', query.customerId);
          if (!customer)
            throw PlatformErrors.validation([
              { field: 'query.customerId', message: 'is not a user id (usr_…)' },
            ]);
          q = q.where('o.customerId', '=', customer);
        }
        if (emailIndex) q = q.where('o.emailIndex', '=', emailIndex);
        if (number !== undefined) q = q.where('o.number', '=', number);
        if (query.placedFrom) q = q.where('o.placedAt', '>=', query.placedFrom);
        if (query.placedTo) q = q.where('o.placedAt', '<', query.placedTo);
        if (query.totalMin !== undefined) q = q.where('o.totalMinor', '>=', query.totalMin);
        if (query.totalMax !== undefined) q = q.where('o.totalMinor', '<=', query.totalMax);
        if (query.sku !== undefined) {
          const sku = query.sku;
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('orders.order_lines as l')
                .select('l.id')
                .whereRef('l.orderId', '=', 'o.id')
                .where('l.sku', '=', sku),
            ),
          );
        }
        if (after) {
          const a = after;
          q = q.where(sql<boolean>`(o.placed_at, o.id) < (${a.placedAt}::timestamptz, ${a.id}::uuid)`);
        }
        const rows = await q
          .orderBy('o.placedAt', 'desc')
          .orderBy('o.id', 'desc')
          .limit(query.limit + 1)
          .execute();
        const page = rows.slice(0, query.limit);
        const ids = page.map((r) => r.id);
        const counts =
          ids.length === 0
            ? []
            : await trx
                .selectFrom('orders.order_lines')
                .select((eb) => [
                  'orderId',
                  eb.fn.countAll<number>().as('lines'),
                  eb.fn.sum<number>('quantity').as('items'),
                ])
                .where('orderId', 'in', ids)
                .groupBy('orderId')
                .execute();
        const byOrder = new Map(counts.map((c) => [c.orderId, c]));
        const items = await Promise.all(
          page.map(async (row): Promise<OrderSummary> => {
            const contact = await contactOf(row);
            const c = byOrder.get(row.id);
            return {
              id: orderPublicId(row.id),
              number: orderNumber(row.number),
              status: row.status,
              channel: row.channel,
              customerId: row.customerId ? toPublicId('usr', row.customerId) : null,
              email: contact.email,
              currency: row.currency,
              total: money(row.totalMinor, row.currency),
              refunded: money(row.refundedMinor, row.currency),
              lineCount: c?.lines ?? 0,
              itemCount: c?.items ?? 0,
              placedAt: row.placedAt,
              updatedAt: row.updatedAt,
            };
          }),
        );
        const last = page.at(-1);
        return {
          items,
          nextCursor:
            rows.length > query.limit && last
              ? encodeCursorFields([last.placedAt.toISOString(), last.id])
              : null,
        };
      },
    );
  }

  // --- cancel, refunds, returns ----------------------------------------------------------------

  async function cancel(
    ctx: RequestContext,
    orderId: string,
    reason: string,
    scope?: OrderScope,
    expectedVersion?: number,
  ): Promise<Order> {
    const uuid = orderUuid(orderId);
    const publicId = orderPublicId(uuid);
    // If-Match: the version the caller saw, checked before anything is given back and again under the lock.
    const stale = (row: OrderRow) => expectedVersion !== undefined && row.version !== expectedVersion;
    const current = await database.withTenant<
      Tables,
      { row: OrderRow; settings: OrdersSettingsDocument } | undefined
    >(ctx, async (trx) => {
      const row = await findRow(trx, uuid, scope);
      return row ? { row, settings: await readSettings(trx) } : undefined;
    });
    if (!current) throw OrdersErrors.orderNotFound();
    if (current.row.status === 'CANCELLED') return transition(ctx, orderId, 'CANCELLED', { reason }, scope);
    if (stale(current.row)) throw OrdersErrors.concurrentChange();
    checkTransition(current.row.status, 'CANCELLED', current.settings);
    // Give back what the order holds, void what was only authorised, refund what was captured.
    await deps.catalog().inventory.release(ctx, publicId, `order_cancelled: ${reason}`);
    const refunded = await settlePayments(ctx, uuid, 'order_cancelled');
    return underLock(ctx, uuid, scope, async (trx, row) => {
      if (row.status === 'CANCELLED') return toOrder(trx, row);
      if (stale(row)) throw OrdersErrors.concurrentChange();
      checkTransition(row.status, 'CANCELLED', await readSettings(trx));
      if (refunded > 0)
        await trx
          .insertInto('orders.refunds')
          .values({
            id: newUuid(),
            tenantId: ctx.tenantId,
            orderId: uuid,
            amountMinor: refunded,
            currency: row.currency,
            reason: 'order_cancelled',
            lines: jsonb([]),
            actor: actorOf(ctx),
          })
          .execute();
      return toOrder(
        trx,
        await applyTransition(trx, ctx, row, 'CANCELLED', reason, {
          refundedMinor: row.refundedMinor + refunded,
        }),
      );
    });
  }

  /** Voids authorisations, refunds captures; answers how much was refunded. Idempotent per order and payment. */
  async function settlePayments(ctx: RequestContext, uuid: string, reason: string): Promise<number> {
    const payments = deps.payments();
    let refunded = 0;
    for (const payment of await payments.forOrder(ctx, orderPublicId(uuid))) {
      const refundable = payment.capturedMinor - payment.refundedMinor;
      if (refundable > 0) {
        await payments.refund(ctx, payment.id, {
          amountMinor: refundable,
          reason,
          idempotencyKey: `cancel:${uuid}:${payment.id}:refund`,
        });
        refunded += refundable;
      } else if (
        payment.status === 'authorized' ||
        payment.status === 'requires_action' ||
        payment.status === 'pending'
      ) {
        await payments
          .void(ctx, payment.id, { idempotencyKey: `cancel:${uuid}:${payment.id}:void` })
          .catch((error: unknown) => {
            if (payment.status === 'authorized') throw error;
          });
      }
    }
    return refunded;
  }

  function lineShare(line: { totalMinor: number; quantity: number }, quantity: number): number {
    // line total × quantity / line quantity, rounded half up in integers.
    return Math.floor((2 * line.totalMinor * quantity + line.quantity) / (2 * line.quantity));
  }

  async function refund(
    ctx: RequestContext,
    orderId: string,
    input: RefundInput,
    options: {
      readonly returnId?: string;
      readonly refundId?: string;
      readonly onGatewayCalled?: () => void;
    } = {},
  ): Promise<{ refundedMinor: number }> {
    const uuid = orderUuid(orderId);
    // A refund under an Idempotency-Key has the id of its key's claim: a retry after a crash finds
    // what the first attempt did — its row here, its refunds at payments (keyed by this id).
    const refundId = options.refundId ?? newUuid();
    if (options.refundId) {
      const done = await database.withTenant<Tables, { amountMinor: number } | undefined>(ctx, (trx) =>
        trx.selectFrom('orders.refunds').select('amountMinor').where('id', '=', refundId).executeTakeFirst(),
      );
      if (done) return { refundedMinor: done.amountMinor };
    }
    const loaded = await database.withTenant<
      Tables,
      { row: OrderRow; lines: { id: string; totalMinor: number; quantity: number }[] } | undefined
    >(ctx, async (trx) => {
      const row = await findRow(trx, uuid, undefined);
      if (!row) return undefined;
      const lines = await trx
        .selectFrom('orders.order_lines')
        .select(['id', 'totalMinor', 'quantity'])
        .where('orderId', '=', uuid)
        .execute();
      return { row, lines };
    });
    if (!loaded) throw OrdersErrors.orderNotFound();
    const { row } = loaded;
    if (row.status === 'PENDING' || row.status === 'REFUNDED') throw OrderErrors.notRefundable(row.status);
    const payments = await deps.payments().forOrder(ctx, orderPublicId(uuid));
    const keyOf = (paymentId: string) => `refund:${refundId}:${paymentId}`;
    // What an interrupted attempt of this same refund already refunded at payments, per payment.
    const earlier = new Map<string, number>();
    for (const payment of payments)
      for (const tx of payment.transactions)
        if (tx.kind === 'refund' && tx.status !== 'failed' && tx.idempotencyKey === keyOf(payment.id))
          earlier.set(payment.id, tx.amount.amountMinor);
    const earlierTotal = [...earlier.values()].reduce((sum, n) => sum + n, 0);
    const captured = payments.reduce((sum, p) => sum + p.capturedMinor, 0);
    const paymentsRefunded = payments.reduce((sum, p) => sum + p.refundedMinor, 0) - earlierTotal;
    const refundable = Math.max(0, captured - Math.max(row.refundedMinor, paymentsRefunded));
    let amount: number;
    const problems: FieldProblem[] = [];
    if (input.lines && input.lines.length > 0) {
      amount = 0;
      input.lines.forEach((asked, i) => {
        const lineUuid = fromPublicId('line', asked.lineId);
        const line = loaded.lines.find((l) => l.id === lineUuid);
        if (!line) problems.push({ field: `body.lines.${i}.lineId`, message: 'is not a line of this order' });
        else if (asked.quantity > line.quantity)
          problems.push({ field: `body.lines.${i}.quantity`, message: `the line has ${line.quantity}` });
        else amount += lineShare(line, asked.quantity);
      });
      if (input.shipping) amount += row.shippingMinor + (row.pricesIncludeTax ? 0 : row.shippingTaxMinor);
    } else if (input.amountMinor !== undefined) {
      amount = input.amountMinor;
    } else {
      amount = refundable;
    }
    if (problems.length > 0) throw OrderErrors.invalidOrder(problems);
    if (amount <= 0) throw OrderErrors.refundTooLarge(refundable);
    if (amount > refundable) throw OrderErrors.refundTooLarge(refundable);

    let left = amount;
    for (const payment of payments) {
      const before = earlier.get(payment.id);
      const room = payment.capturedMinor - payment.refundedMinor + (before ?? 0);
      if (left <= 0 || room <= 0) continue;
      // The same key with the same amount as the interrupted attempt: payments answers its first answer.
      const part = before ?? Math.min(room, left);
      await deps.payments().refund(ctx, payment.id, {
        amountMinor: part,
        reason: input.reason,
        idempotencyKey: keyOf(payment.id),
      });
      options.onGatewayCalled?.();
      left -= part;
    }
    await underLock(ctx, uuid, undefined, async (trx, current) => {
      const total = current.refundedMinor + amount;
      await trx
        .insertInto('orders.refunds')
        .values({
          id: refundId,
          tenantId: ctx.tenantId,
          orderId: uuid,
          amountMinor: amount,
          currency: current.currency,
          reason: input.reason,
          lines: jsonb(input.lines ?? []),
          actor: actorOf(ctx),
        })
        .execute();
      const full = total >= captured;
      afterCommit.get(trx)?.push(() => deps.metrics?.refunded(full));
      let updated: OrderRow;
      if (full && current.status !== 'REFUNDED' && TRANSITIONS[current.status].includes('REFUNDED')) {
        updated = await applyTransition(trx, ctx, current, 'REFUNDED', input.reason, {
          event: false,
          refundedMinor: total,
        });
      } else {
        updated = await trx
          .updateTable('orders.orders')
          .set((eb) => ({ refundedMinor: total, version: eb('version', '+', 1), updatedAt: new Date() }))
          .where('id', '=', uuid)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      await bus.publish(trx, [
        {
          type: orderRefundedV1.type,
          tenantId: ctx.tenantId,
          key: uuid,
          data: { ...facts(updated, updated.status), refundedMinor: total, full },
        },
      ]);
      await audit.append(trx, ctx, {
        action: 'orders.order_refunded',
        target: { type: 'order', id: orderPublicId(uuid) },
        details: {
          amountMinor: amount,
          refundedMinor: total,
          full,
          reason: input.reason,
          ...(options.returnId ? { returnId: options.returnId } : {}),
        },
      });
    });
    return { refundedMinor: amount };
  }

  async function createReturn(
    ctx: RequestContext,
    orderId: string,
    input: ReturnInput,
  ): Promise<OrderReturn> {
    const uuid = orderUuid(orderId);
    const returnId = newUuid();
    // The returned quantities are taken under the order's lock first: two returns never return more than was bought.
    const taken = await underLock(ctx, uuid, undefined, async (trx, row) => {
      if (!['SHIPPED', 'DELIVERED', 'REFUNDED'].includes(row.status))
        throw OrderErrors.notReturnable(row.status);
      const lines = await trx
        .selectFrom('orders.order_lines')
        .selectAll()
        .where('orderId', '=', uuid)
        .execute();
      const problems: FieldProblem[] = [];
      const picked = input.lines.map((asked, i) => {
        const lineUuid = fromPublicId('line', asked.lineId);
        const line = lines.find((l) => l.id === lineUuid);
        if (!line) problems.push({ field: `body.lines.${i}.lineId`, message: 'is not a line of this order' });
        else if (asked.quantity > line.quantity - line.returnedQuantity)
          problems.push({
            field: `body.lines.${i}.quantity`,
            message: `at most ${line.quantity - line.returnedQuantity} can be returned`,
          });
        return { asked, line };
      });
      if (problems.length > 0) throw OrderErrors.invalidOrder(problems);
      for (const { asked, line } of picked)
        if (line)
          await trx
            .updateTable('orders.order_lines')
            .set((eb) => ({ returnedQuantity: eb('returnedQuantity', '+', asked.quantity) }))
            .where('id', '=', line.id)
            .execute();
      await trx
        .insertInto('orders.returns')
        .values({
          id: returnId,
          tenantId: ctx.tenantId,
          orderId: uuid,
          lines: jsonb(input.lines),
          reason: input.reason,
          restocked: input.restock,
          actor: actorOf(ctx),
        })
        .execute();
      await audit.append(trx, ctx, {
        action: 'orders.order_returned',
        target: { type: 'order', id: orderPublicId(uuid) },
        details: {
          returnId: toPublicId('ret', returnId),
          lines: input.lines.length,
          restock: input.restock,
          refund: input.refund,
        },
      });
      return picked.flatMap(({ asked, line }) =>
        line ? [{ productId: line.productId, quantity: asked.quantity }] : [],
      );
    });
    if (input.restock)
      for (const line of taken)
        await deps.catalog().inventory.restock(ctx, {
          orderId: orderPublicId(uuid),
          productId: productPublicId(line.productId),
          quantity: line.quantity,
          reason: `return ${toPublicId('ret', returnId)}: ${input.reason}`,
        });
    let refundedMinor = 0;
    if (input.refund) {
      ({ refundedMinor } = await refund(
        ctx,
        orderId,
        { lines: input.lines, reason: `return: ${input.reason}` },
        { returnId: toPublicId('ret', returnId) },
      ));
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await trx.updateTable('orders.returns').set({ refundedMinor }).where('id', '=', returnId).execute();
      });
    }
    const row = await database.withTenant<Tables, { createdAt: Date }>(ctx, (trx) =>
      trx
        .selectFrom('orders.returns')
        .select('createdAt')
        .where('id', '=', returnId)
        .executeTakeFirstOrThrow(),
    );
    return {
      id: toPublicId('ret', returnId),
      orderId: orderPublicId(uuid),
      lines: input.lines,
      restocked: input.restock,
      refundedMinor,
      createdAt: row.createdAt,
    };
  }

  // --- settings and discounts ------------------------------------------------------------------

  function toDiscount(row: {
    code: string;
    kind: 'percent' | 'fixed';
    percentBp: number | null;
    amountMinor: number | null;
    currency: string | null;
    minSubtotalMinor: number | null;
    startsAt: Date | null;
    endsAt: Date | null;
    active: boolean;
    createdAt: Date;
  }): Discount {
    return {
      code: row.code,
      kind: row.kind,
      percentBasisPoints: row.percentBp,
      amount: row.amountMinor !== null && row.currency !== null ? money(row.amountMinor, row.currency) : null,
      minSubtotalMinor: row.minSubtotalMinor,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      active: row.active,
      createdAt: row.createdAt,
    };
  }

  const settings = {
    get: (ctx: RequestContext) => database.withTenant<Tables, OrdersSettingsDocument>(ctx, readSettings),
    async put(ctx: RequestContext, document: unknown): Promise<OrdersSettingsDocument> {
      const parsed = ordersSettingsSchema.parse(document);
      return database.withTenant<Tables, OrdersSettingsDocument>(ctx, async (trx) => {
        await trx
          .insertInto('orders.settings')
          .values({ tenantId: ctx.tenantId, document: jsonb(parsed) })
          .onConflict((oc) =>
            oc.column('tenantId').doUpdateSet({ document: jsonb(parsed), updatedAt: new Date() }),
          )
          .execute();
        await audit.append(trx, ctx, {
          action: 'orders.settings_changed',
          details: {
            captureMode: parsed.captureMode,
            taxRates: parsed.taxRates.length,
            shippingOptions: parsed.shippingOptions.length,
          },
        });
        return parsed;
      });
    },
  };

  const discounts = {
    list: (ctx: RequestContext) =>
      database.withTenant<Tables, Discount[]>(ctx, async (trx) =>
        (await trx.selectFrom('orders.discounts').selectAll().orderBy('code').execute()).map(toDiscount),
      ),
    async create(ctx: RequestContext, input: DiscountInput): Promise<Discount> {
      return database.withTenant<Tables, Discount>(ctx, async (trx) => {
        const row = await trx
          .insertInto('orders.discounts')
          .values({
            tenantId: ctx.tenantId,
            code: input.code,
            kind: input.kind,
            percentBp: input.kind === 'percent' ? (input.percentBasisPoints ?? null) : null,
            amountMinor: input.kind === 'fixed' ? (input.amount?.amountMinor ?? null) : null,
            currency: input.kind === 'fixed' ? (input.amount?.currency ?? null) : null,
            minSubtotalMinor: input.minSubtotalMinor ?? null,
            startsAt: input.startsAt ? new Date(input.startsAt) : null,
            endsAt: input.endsAt ? new Date(input.endsAt) : null,
            active: input.active,
          })
          .onConflict((oc) => oc.columns(['tenantId', 'code']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) throw OrderErrors.discountTaken();
        await audit.append(trx, ctx, {
          action: 'orders.discount_created',
          target: { type: 'discount', id: row.code },
          details: { kind: row.kind },
        });
        return toDiscount(row);
      });
    },
    async remove(ctx: RequestContext, code: string): Promise<void> {
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        const gone = await trx
          .deleteFrom('orders.discounts')
          .where('code', '=', code.trim().toUpperCase())
          .returning('code')
          .executeTakeFirst();
        if (!gone) throw OrderErrors.discountNotFound();
        await audit.append(trx, ctx, {
          action: 'orders.discount_deleted',
          target: { type: 'discount', id: gone.code },
        });
      });
    },
  };

  // --- what the place-order workflow and the sweeper need ----------------------------------------

  const internals = {
    /** The order as the workflow needs it: status, amount, lines to reserve, the payment method unsealed. */
    async plan(ctx: RequestContext, uuid: string) {
      return database.withTenant<Tables, PlacePlan | undefined>(ctx, async (trx) => {
        const row = await trx
          .selectFrom('orders.orders')
          .selectAll()
          .where('id', '=', uuid)
          .executeTakeFirst();
        if (!row) return undefined;
        const [lines, settingsDoc, method] = await Promise.all([
          trx
            .selectFrom('orders.order_lines')
            .select(['id', 'productId', 'quantity'])
            .where('orderId', '=', uuid)
            .orderBy('position')
            .execute(),
          readSettings(trx),
          sealing.unseal(row.tenantId, row.paymentSealed, orderAad.payment(uuid)),
        ]);
        return {
          orderId: orderPublicId(uuid),
          status: row.status,
          amount: money(row.totalMinor, row.currency),
          gateway: row.gateway,
          method: JSON.parse(method) as PaymentMethodInput,
          lines: lines.map((l) => ({
            lineId: toPublicId('line', l.id),
            productId: productPublicId(l.productId),
            quantity: l.quantity,
          })),
          captureMode: settingsDoc.captureMode,
          actionTimeoutMs: settingsDoc.paymentActionTimeoutMinutes * 60_000,
        };
      });
    },
    /** PENDING orders whose workflow was never started (a crash after the commit), any tenant. */
    async unstarted(olderThan: Date, limit: number) {
      return database.owner
        .withTables<{ 'orders.orders': OrdersTable }>()
        .selectFrom('orders.orders')
        .select(['id', 'tenantId'])
        .where('status', '=', 'PENDING')
        .where('workflowStartedAt', 'is', null)
        .where('placedAt', '<', olderThan)
        .limit(limit)
        .execute();
    },
    async exists(tenantId: string, orderPublicIdValue: string) {
      const uuid = fromPublicId('ord', orderPublicIdValue);
      if (!uuid) return false;
      const row = await database.owner
        .withTables<{ 'orders.orders': OrdersTable }>()
        .selectFrom('orders.orders')
        .select('id')
        .where('id', '=', uuid)
        .where('tenantId', '=', tenantId)
        .executeTakeFirst();
      return !!row;
    },
    async purgeIdempotencyKeys(olderThan: Date) {
      const result = await database.owner
        .withTables<{ 'orders.idempotency_keys': { createdAt: Date } }>()
        .deleteFrom('orders.idempotency_keys')
        .where('createdAt', '<', olderThan)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    startWorkflow,
  };

  return {
    create,
    get: (ctx: RequestContext, orderId: string, scope?: OrderScope) => detail(ctx, orderUuid(orderId), scope),
    list,
    transition,
    transitions: {
      transition: (
        ctx: RequestContext,
        orderId: string,
        to: OrderStatus,
        input: { readonly reason: string; readonly expectedVersion?: number },
      ) => transition(ctx, orderId, to, input),
      get: async (ctx: RequestContext, orderId: string) => {
        const uuid = orderUuid(orderId);
        const order = await database.withTenant<Tables, Order | undefined>(ctx, async (trx) => {
          const row = await findRow(trx, uuid, undefined);
          return row ? toOrder(trx, row) : undefined;
        });
        if (!order) throw OrdersErrors.orderNotFound();
        return order;
      },
    },
    cancel,
    refund: async (ctx: RequestContext, orderId: string, input: RefundInput) => {
      await refund(ctx, orderId, input);
      return detail(ctx, orderUuid(orderId));
    },
    /**
     * A refund under an Idempotency-Key (scope: the order): the same key and body answer the first
     * answer and refund nothing more; the same key with another body is 422. A retry after a crash
     * completes the first attempt rather than starting a second one.
     */
    refundOnce: async (
      ctx: RequestContext,
      orderId: string,
      input: RefundInput,
      idempotencyKey: string,
    ): Promise<{ body: unknown; replayed: boolean }> => {
      const uuid = orderUuid(orderId);
      // An unknown order is 404 before any key is claimed.
      await internals.plan(ctx, uuid).then((plan) => {
        if (!plan) throw OrdersErrors.orderNotFound();
      });
      const hash = createHash('sha256')
        .update(canonical({ refund: input }))
        .digest();
      const claim = await claimKey(ctx, `refund:${uuid}`, idempotencyKey, hash);
      if (claim.kind === 'replay') return { body: claim.body, replayed: true };
      const progress = { called: false };
      try {
        await refund(ctx, orderId, input, {
          refundId: claim.id,
          onGatewayCalled: () => (progress.called = true),
        });
      } catch (error) {
        // Nothing refunded yet: the key is free again. Once payments was called the claim stays, so
        // a retry (after the in-flight window) finishes this refund under the same id.
        if (!progress.called) await dropClaim(ctx, claim.id);
        throw error;
      }
      const body = toJson(await detail(ctx, uuid));
      const responseSealed = await sealing.seal(
        ctx.tenantId,
        JSON.stringify(body),
        orderAad.idempotency(claim.id),
      );
      await database.withTenant<Tables, void>(ctx, async (trx) => {
        await trx
          .updateTable('orders.idempotency_keys')
          .set({ statusCode: 200, responseSealed, orderId: uuid })
          .where('id', '=', claim.id)
          .execute();
      });
      return { body, replayed: false };
    },
    createReturn,
    settings,
    discounts,
    internals,
  };
}

export interface PlacePlan {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly amount: Money;
  readonly gateway: GatewayName | null;
  readonly method: PaymentMethodInput;
  readonly lines: { readonly lineId: string; readonly productId: string; readonly quantity: number }[];
  readonly captureMode: 'automatic' | 'on_shipment';
  readonly actionTimeoutMs: number;
}

export type OrdersService = ReturnType<typeof createOrdersService>;
