import { createHash } from 'node:crypto';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { sql } from 'kysely';
import type { AuditLog } from '../../../platform/audit/index.js';
import type { RequestContext } from '../../../platform/context.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import { jsonb, type Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import type { ObjectStore } from '../../../platform/objects/index.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { InventoryService, ProductsService } from '../../catalog/index.js';
import type {
  Address,
  CarrierName,
  Order,
  OrderStatus,
  OrderTransitions,
  Shipment,
  ShipmentsService,
  ShipmentStatus,
  ShippingRate,
} from '../contract.js';
import type { OrdersTables, OrdersTransaction } from '../db/orders.tables.js';
import type { ShipmentsTable } from '../db/shipping.tables.js';
import { OrdersErrors } from '../errors.js';
import {
  isShippedStatus,
  statusRank,
  type Carrier,
  type CarrierAddress,
  type TrackerUpdate,
} from './carrier.js';
import { ShippingErrors } from './shipping.errors.js';

/*
 * Shipments: rates for an order's parcel, buying a label (stored, audited; the order moves
 * CONFIRMED → PROCESSING), and the one ingestion of tracking — EasyPost's webhook, the simulator's
 * steps and the catch-up timer all call `ingest`. A delivery is recorded once (its event id), each
 * tracking detail once (a hash of it), a shipment's status only moves forward, and the order
 * follows its shipments through the state machine: SHIPPED when one is with the carrier (stock
 * consumed first), DELIVERED when all are delivered.
 */

export const ORIGIN_SECRET = 'orders.shipping.origin';
const DEFAULT_ORIGIN: CarrierAddress = {
  name: 'Switchboard warehouse',
  street1: 'Lagerstrasse 1',
  city: 'Berlin',
  zip: '10115',
  country: 'DE',
};
/** Weight of a unit whose product has no `weight_g` attribute, and of the packaging. */
const DEFAULT_UNIT_GRAMS = 500;
const PACKAGING_GRAMS = 100;
const LABEL_LINK_SECONDS = 3600;
const FORWARD: readonly OrderStatus[] = ['CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED'];

export interface ShippingServiceDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly audit: AuditLog;
  readonly objects: ObjectStore;
  signedObjectUrl(key: string, options: { readonly expiresInSeconds: number }): Promise<string>;
  readonly secrets: SecretReader;
  readonly logger: Logger;
  readonly transitions: OrderTransitions;
  readonly products: Pick<ProductsService, 'get'>;
  readonly inventory: Pick<InventoryService, 'consume'>;
  readonly carriers: Readonly<Record<CarrierName, Carrier>>;
  /** The carrier a tenant buys labels from. */
  carrierFor(ctx: RequestContext): Promise<CarrierName>;
}

export interface ShippingService extends ShipmentsService {
  /** Applies a tracker update (webhook, simulator, retrieve); `raw` is kept sealed. Returns the shipment id it matched. */
  ingest(
    ctx: RequestContext,
    carrier: CarrierName,
    update: TrackerUpdate,
    raw?: Buffer,
  ): Promise<string | undefined>;
  /** One pass of the catch-up timer: open simulator shipments (every tenant) are brought up to their clock. */
  catchUp(limit?: number): Promise<number>;
}

const toAddress = (address: Address): CarrierAddress => ({
  name: address.name,
  company: address.company,
  street1: address.line1,
  street2: address.line2,
  city: address.city,
  state: address.region,
  zip: address.postalCode,
  country: address.country,
  phone: address.phone,
});

function originOf(value: string | undefined): CarrierAddress | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<CarrierAddress>;
    if (
      parsed.name &&
      parsed.street1 &&
      parsed.city &&
      parsed.zip &&
      parsed.country &&
      /^[A-Z]{2}$/.test(parsed.country)
    )
      return parsed as CarrierAddress;
  } catch {
    // A malformed origin is treated as none.
  }
  return undefined;
}

type EventRow = {
  shipmentId: string;
  status: ShipmentStatus;
  message: string;
  location: string | null;
  occurredAt: Date;
};

export function createShippingService(deps: ShippingServiceDeps): ShippingService {
  const { database } = deps;
  const orderLocks = new Map<string, Promise<unknown>>();
  /*
   * orderLocks keeps one process's reconciles of an order in line; another replica (a second
   * tracking webhook on another api) is met by the order's lock as ORDERS_CONCURRENT_CHANGE. Its
   * change is short: wait (jittered, doubling from 100 ms, 5 more tries) and read again, rather
   * than hand the conflict to the carrier.
   */
  const othersChangingIt = retry(
    handleWhen((error) => error instanceof AppError && error.code === 'ORDERS_CONCURRENT_CHANGE'),
    { maxAttempts: 5, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) },
  );
  const tx = <T>(ctx: RequestContext, fn: (trx: OrdersTransaction) => Promise<T>) =>
    database.withTenant<OrdersTables, T>(ctx, fn);

  const orderUuidOf = (orderId: string) => {
    const uuid = fromPublicId('ord', orderId);
    if (!uuid) throw OrdersErrors.orderNotFound();
    return uuid;
  };

  async function assertOrderExists(ctx: RequestContext, orderUuid: string) {
    const row = await tx(ctx, (trx) =>
      trx.selectFrom('orders.orders').select('id').where('id', '=', orderUuid).executeTakeFirst(),
    );
    if (!row) throw OrdersErrors.orderNotFound();
  }

  async function parcelOf(
    ctx: RequestContext,
    order: Order,
    lines: readonly { lineId: string; quantity: number }[],
  ) {
    let grams = PACKAGING_GRAMS;
    for (const line of lines) {
      const orderLine = order.lines.find((candidate) => candidate.id === line.lineId);
      if (!orderLine) continue;
      let unit = DEFAULT_UNIT_GRAMS;
      try {
        const weight = (await deps.products.get(ctx, orderLine.productId)).attributes.weight_g;
        const n = typeof weight === 'number' ? weight : typeof weight === 'string' ? Number(weight) : NaN;
        if (Number.isFinite(n) && n >= 0 && n <= 1_000_000) unit = Math.round(n);
      } catch (error) {
        deps.logger.debug(
          { err: error, productId: orderLine.productId },
          'product weight unknown; default used',
        );
      }
      grams += unit * line.quantity;
    }
    return { weightGrams: grams };
  }

  async function originFor(ctx: RequestContext, carrier: CarrierName) {
    const origin = originOf(await deps.secrets.read({ tenantId: ctx.tenantId }, ORIGIN_SECRET));
    if (origin) return origin;
    if (carrier === 'simulator') return DEFAULT_ORIGIN;
    throw ShippingErrors.notConfigured(`the ship-from address (secret ${ORIGIN_SECRET}, JSON)`);
  }

  // Rate ids handed out are signed for the order: a rate of another order (or a made-up one) is refused.
  async function rateToken(
    ctx: RequestContext,
    orderUuid: string,
    carrier: CarrierName,
    shipmentId: string | null,
    rateId: string,
  ) {
    const mac = await deps.keyring.blindIndexer(ctx.tenantId, 'orders.shipping-rate');
    const payload = Buffer.from(JSON.stringify([carrier, shipmentId, rateId]), 'utf8').toString('base64url');
    return `${payload}.${mac(`${orderUuid}|${payload}`).toString('hex').slice(0, 32)}`;
  }
  async function readRateToken(ctx: RequestContext, orderUuid: string, token: string) {
    const [payload, tag, extra] = token.split('.');
    if (!payload || !tag || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload))
      throw ShippingErrors.unknownRate();
    const mac = await deps.keyring.blindIndexer(ctx.tenantId, 'orders.shipping-rate');
    if (mac(`${orderUuid}|${payload}`).toString('hex').slice(0, 32) !== tag)
      throw ShippingErrors.unknownRate();
    try {
      const [carrier, shipmentId, rateId] = JSON.parse(
        Buffer.from(payload, 'base64url').toString('utf8'),
      ) as [CarrierName, string | null, string];
      return { carrier, shipmentId, rateId };
    } catch {
      throw ShippingErrors.unknownRate();
    }
  }

  async function quote(
    ctx: RequestContext,
    order: Order,
    orderUuid: string,
    lines: readonly { lineId: string; quantity: number }[],
  ) {
    const carrierName = await deps.carrierFor(ctx);
    const carrier = deps.carriers[carrierName];
    const parcel = await parcelOf(ctx, order, lines);
    const from = await originFor(ctx, carrierName);
    const to = toAddress(order.shippingAddress);
    const rates = await carrier.rates(ctx, {
      reference: order.id,
      parcel,
      from,
      to,
      currency: order.currency,
    });
    return { carrierName, carrier, parcel, from, to, rates, orderUuid };
  }

  const allLines = (order: Order) =>
    order.lines
      .map((line) => ({ lineId: line.id, quantity: line.quantity - line.returnedQuantity }))
      .filter((line) => line.quantity > 0);

  async function view(rows: readonly ShipmentsTable[], events: readonly EventRow[]): Promise<Shipment[]> {
    return Promise.all(
      rows.map(async (row) => ({
        id: toPublicId('shp', row.id),
        orderId: toPublicId('ord', row.orderId),
        carrier: row.carrier,
        service: row.service,
        trackingCode: row.trackingCode,
        trackingUrl: row.trackingUrl,
        labelUrl: row.labelObjectKey
          ? await deps.signedObjectUrl(row.labelObjectKey, { expiresInSeconds: LABEL_LINK_SECONDS })
          : row.labelUrl,
        status: row.status,
        cost:
          row.costMinor === null || row.costCurrency === null
            ? null
            : { amountMinor: row.costMinor, currency: row.costCurrency },
        lines: row.lines,
        events: events
          .filter((event) => event.shipmentId === row.id)
          .map((event) => ({
            status: event.status,
            message: event.message,
            location: event.location,
            at: event.occurredAt,
          })),
        createdAt: row.createdAt as unknown as Date,
        shippedAt: row.shippedAt,
        deliveredAt: row.deliveredAt,
      })),
    );
  }

  async function load(ctx: RequestContext, where: { orderUuid?: string; shipmentUuid?: string }) {
    const { rows, events } = await tx(ctx, async (trx) => {
      let query = trx.selectFrom('orders.shipments').selectAll();
      if (where.orderUuid) query = query.where('orderId', '=', where.orderUuid);
      if (where.shipmentUuid) query = query.where('id', '=', where.shipmentUuid);
      const rows = (await query.orderBy('createdAt').orderBy('id').execute()) as unknown as ShipmentsTable[];
      const events =
        rows.length === 0
          ? []
          : await trx
              .selectFrom('orders.shipment_events')
              .select(['shipmentId', 'status', 'message', 'location', 'occurredAt'])
              .where(
                'shipmentId',
                'in',
                rows.map((row) => row.id),
              )
              .orderBy('occurredAt')
              .orderBy('id')
              .execute();
      return { rows, events };
    });
    return view(rows, events);
  }

  /** The order follows its shipments, one forward step at a time through the state machine. */
  async function reconcileOrder(ctx: RequestContext, orderUuid: string): Promise<void> {
    const previous = orderLocks.get(orderUuid) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => othersChangingIt.execute(() => reconcileOnce(ctx, orderUuid)));
    orderLocks.set(orderUuid, run);
    try {
      await run;
    } finally {
      if (orderLocks.get(orderUuid) === run) orderLocks.delete(orderUuid);
    }
  }

  async function reconcileOnce(ctx: RequestContext, orderUuid: string): Promise<void> {
    const statuses = await tx(ctx, (trx) =>
      trx
        .selectFrom('orders.shipments')
        .select('status')
        .where('orderId', '=', orderUuid)
        .where('status', '!=', 'cancelled')
        .execute(),
    );
    if (statuses.length === 0) return;
    const allDelivered = statuses.every((row) => row.status === 'delivered');
    const anyShipped = statuses.some((row) => isShippedStatus(row.status));
    const target: OrderStatus | undefined = allDelivered ? 'DELIVERED' : anyShipped ? 'SHIPPED' : undefined;
    if (!target) return;
    const orderId = toPublicId('ord', orderUuid);
    const order = await deps.transitions.get(ctx, orderId);
    const from = FORWARD.indexOf(order.status);
    const to = FORWARD.indexOf(target);
    if (from < 0) {
      deps.logger.info(
        { orderId, status: order.status, target },
        'tracking does not move an order in this status',
      );
      return;
    }
    for (let step = from + 1; step <= to; step += 1) {
      const status = FORWARD[step] as OrderStatus;
      // The stock leaves before the order counts as shipped; consume is idempotent, so a retry repeats it safely.
      if (status === 'SHIPPED') await deps.inventory.consume(ctx, orderId);
      await deps.transitions.transition(ctx, orderId, status, {
        reason:
          status === 'PROCESSING'
            ? 'label bought'
            : `carrier tracking: ${status === 'SHIPPED' ? 'in transit' : 'delivered'}`,
      });
    }
  }

  const detailId = (
    carrier: CarrierName,
    trackerId: string,
    d: { status: string; at: Date; message: string; location: string | null },
  ) =>
    `${carrier}:${createHash('sha256')
      .update(`${trackerId}|${d.status}|${d.at.toISOString()}|${d.message}|${d.location ?? ''}`)
      .digest('hex')
      .slice(0, 40)}`;

  const service: ShippingService = {
    async rates(ctx, orderId): Promise<ShippingRate[]> {
      const orderUuid = orderUuidOf(orderId);
      await assertOrderExists(ctx, orderUuid);
      const order = await deps.transitions.get(ctx, orderId);
      const { carrierName, rates } = await quote(ctx, order, orderUuid, allLines(order));
      return Promise.all(
        rates.map(async (rate) => ({
          id: await rateToken(ctx, orderUuid, carrierName, rate.carrierShipmentId, rate.rateId),
          carrier: rate.carrier,
          service: rate.service,
          price: rate.price,
          deliveryDays: rate.deliveryDays,
        })),
      );
    },

    async create(ctx, orderId, input) {
      const orderUuid = orderUuidOf(orderId);
      await assertOrderExists(ctx, orderUuid);
      const order = await deps.transitions.get(ctx, orderId);
      if (order.status !== 'CONFIRMED' && order.status !== 'PROCESSING')
        throw ShippingErrors.notShippable(order.status);
      const lines = input.lines ?? allLines(order);
      lines.forEach((line, index) => {
        const orderLine = order.lines.find((candidate) => candidate.id === line.lineId);
        if (!orderLine || line.quantity > orderLine.quantity - orderLine.returnedQuantity)
          throw ShippingErrors.unknownLine(index);
      });
      const q = await quote(ctx, order, orderUuid, lines);
      let chosen = [...q.rates].sort((a, b) => a.price.amountMinor - b.price.amountMinor)[0];
      if (input.rateId !== undefined) {
        const wanted = await readRateToken(ctx, orderUuid, input.rateId);
        if (wanted.carrier !== q.carrierName) throw ShippingErrors.unknownRate();
        // EasyPost's rates belong to the shipment they were quoted on; the simulator's are recomputed.
        chosen =
          wanted.shipmentId !== null
            ? ({
                ...(q.rates[0] ?? chosen),
                rateId: wanted.rateId,
                carrierShipmentId: wanted.shipmentId,
              } as typeof chosen)
            : q.rates.find((rate) => rate.rateId === wanted.rateId);
        if (!chosen) throw ShippingErrors.unknownRate();
      }
      if (!chosen) throw ShippingErrors.noRates();
      const shipmentUuid = newUuid();
      const shipmentId = toPublicId('shp', shipmentUuid);
      const label = await q.carrier.buy(ctx, {
        rateId: chosen.rateId,
        carrierShipmentId: chosen.carrierShipmentId,
        reference: order.id,
        parcel: q.parcel,
        from: q.from,
        to: q.to,
        currency: order.currency,
        label: { orderNumber: order.number, shipmentId },
      });
      let labelObjectKey: string | null = null;
      if (label.labelBytes) {
        labelObjectKey = `${toPublicId('ten', ctx.tenantId)}/orders/labels/${shipmentId}.${label.labelBytes.extension}`;
        await deps.objects.put(labelObjectKey, label.labelBytes.body, {
          contentType: label.labelBytes.contentType,
          tenantId: ctx.tenantId,
        });
      }
      await tx(ctx, async (trx) => {
        await trx
          .insertInto('orders.shipments')
          .values({
            id: shipmentUuid,
            tenantId: ctx.tenantId,
            orderId: orderUuid,
            carrier: q.carrierName,
            service: label.service.slice(0, 200),
            carrierShipmentId: label.carrierShipmentId,
            carrierTrackerId: label.trackerId,
            trackingCode: label.trackingCode,
            trackingUrl: label.trackingUrl,
            labelObjectKey,
            labelUrl: label.labelUrl,
            status: 'label_created',
            costMinor: label.cost.amountMinor,
            costCurrency: label.cost.currency,
            lines: jsonb(lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity }))),
            createdBy: ctx.actor.id,
          })
          .execute();
        await deps.audit.append(trx, ctx, {
          action: 'orders.shipment.label_purchased',
          target: { type: 'shipment', id: shipmentId },
          details: {
            orderId,
            carrier: q.carrierName,
            service: label.service.slice(0, 200),
            costMinor: label.cost.amountMinor,
            currency: label.cost.currency,
            trackingCode: label.trackingCode,
          },
        });
      });
      if (order.status === 'CONFIRMED')
        await deps.transitions.transition(ctx, orderId, 'PROCESSING', {
          reason: `label bought (${shipmentId})`,
        });
      if (!label.trackerId) {
        try {
          const { trackerId } = await q.carrier.createTracker(ctx, { trackingCode: label.trackingCode });
          await tx(ctx, (trx) =>
            trx
              .updateTable('orders.shipments')
              .set({ carrierTrackerId: trackerId })
              .where('id', '=', shipmentUuid)
              .execute(),
          );
        } catch (error) {
          deps.logger.warn({ err: error, shipmentId }, 'tracking could not be started; the label stands');
        }
      }
      const [shipment] = await load(ctx, { shipmentUuid });
      if (!shipment) throw OrdersErrors.shipmentNotFound();
      return shipment;
    },

    async forOrder(ctx, orderId) {
      const orderUuid = orderUuidOf(orderId);
      await assertOrderExists(ctx, orderUuid);
      return load(ctx, { orderUuid });
    },

    async ingest(ctx, carrier, update, raw) {
      const encrypt = update.sourceEventId ? await deps.keyring.encrypter(ctx.tenantId) : undefined;
      const matched = await tx(ctx, async (trx) => {
        let duplicate = false;
        let deliveryId: string | undefined;
        if (update.sourceEventId && encrypt) {
          deliveryId = newUuid();
          const inserted = await trx
            .insertInto('orders.carrier_webhook_events')
            .values({
              id: deliveryId,
              tenantId: ctx.tenantId,
              carrier,
              eventId: update.sourceEventId.slice(0, 300),
              description: update.description.slice(0, 100),
              rawSealed: encrypt(raw ?? JSON.stringify(update), `orders.carrier_webhook:${deliveryId}`),
            })
            .onConflict((oc) => oc.columns(['tenantId', 'carrier', 'eventId']).doNothing())
            .returning('id')
            .execute();
          duplicate = inserted.length === 0;
        }
        const shipment = await trx
          .selectFrom('orders.shipments')
          .selectAll()
          .where('carrier', '=', carrier)
          .where((eb) =>
            update.trackingCode
              ? eb.or([
                  eb('carrierTrackerId', '=', update.trackerId),
                  eb('trackingCode', '=', update.trackingCode),
                ])
              : eb('carrierTrackerId', '=', update.trackerId),
          )
          .orderBy('createdAt', 'desc')
          .limit(1)
          .forUpdate()
          .executeTakeFirst();
        if (!shipment) return undefined;
        if (deliveryId && !duplicate)
          await trx
            .updateTable('orders.carrier_webhook_events')
            .set({ shipmentId: shipment.id })
            .where('id', '=', deliveryId)
            .execute();
        if (duplicate) return { shipmentId: shipment.id, orderId: shipment.orderId };
        const details = update.details.filter(
          (d): d is typeof d & { status: ShipmentStatus } => d.status !== null,
        );
        if (details.length > 0)
          await trx
            .insertInto('orders.shipment_events')
            .values(
              details.map((d) => ({
                id: newUuid(),
                tenantId: ctx.tenantId,
                shipmentId: shipment.id,
                status: d.status,
                message: d.message,
                location: d.location,
                occurredAt: d.at,
                sourceEventId: detailId(carrier, update.trackerId, d),
              })),
            )
            .onConflict((oc) => oc.columns(['tenantId', 'sourceEventId']).doNothing())
            .execute();
        let status: ShipmentStatus = shipment.status;
        if (status !== 'cancelled')
          for (const candidate of [update.status, ...details.map((d) => d.status)])
            if (candidate && candidate !== 'cancelled' && statusRank[candidate] > statusRank[status])
              status = candidate;
        const firstAt = (test: (s: ShipmentStatus) => boolean) =>
          details
            .filter((d) => test(d.status))
            .reduce<Date | undefined>((min, d) => (!min || d.at < min ? d.at : min), undefined);
        const shippedAt =
          shipment.shippedAt ?? (isShippedStatus(status) ? (firstAt(isShippedStatus) ?? new Date()) : null);
        const deliveredAt =
          shipment.deliveredAt ??
          (status === 'delivered' ? (firstAt((s) => s === 'delivered') ?? new Date()) : null);
        await trx
          .updateTable('orders.shipments')
          .set({
            status,
            shippedAt,
            deliveredAt,
            carrierTrackerId: shipment.carrierTrackerId ?? update.trackerId,
            updatedAt: sql<Date>`now()`,
          })
          .where('id', '=', shipment.id)
          .execute();
        return { shipmentId: shipment.id, orderId: shipment.orderId };
      });
      if (!matched) {
        deps.logger.info({ carrier, trackerId: update.trackerId }, 'tracking update for no known shipment');
        return undefined;
      }
      // Also after a duplicate: an order move that failed the first time is made now.
      await reconcileOrder(ctx, matched.orderId);
      return toPublicId('shp', matched.shipmentId);
    },

    async catchUp(limit = 200) {
      const open = await sql<{ tenantId: string; carrierTrackerId: string }>`
        select tenant_id, carrier_tracker_id from orders.shipments
        where carrier = 'simulator' and carrier_tracker_id is not null
          and status not in ('delivered', 'return_to_sender', 'failure', 'cancelled')
        order by updated_at limit ${limit}`.execute(database.owner);
      let applied = 0;
      for (const row of open.rows) {
        const ctx = {
          tenantId: row.tenantId,
          requestId: `shipping-catch-up:${newUuid()}`,
          actor: { type: 'system' as const, id: 'shipping-simulator' },
        };
        try {
          const update = await deps.carriers.simulator.retrieveTracker(ctx, row.carrierTrackerId);
          if (await service.ingest(ctx, 'simulator', update)) applied += 1;
        } catch (error) {
          deps.logger.warn(
            { err: error, trackerId: row.carrierTrackerId },
            'simulated tracking not caught up',
          );
        }
      }
      return applied;
    },
  };
  return service;
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
