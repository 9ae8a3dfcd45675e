import type { RequestContext } from '../../platform/context.js';
import type { Money } from '../../platform/money.js';
import type { Payment } from '../payments/index.js';

/*
 * The orders door: orders, their lines and status timeline, shipments and tracking. Public ids:
 * `ord_…` (and a human number per tenant, `SO-000123`), `line_…`, `shp_…`, `ret_…`.
 */

export type OrderStatus =
  'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED';

export interface Address {
  readonly name: string;
  readonly company?: string | undefined;
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly city: string;
  /** State, province or county as the country writes it; ISO 3166-2 when the country has them (US-CA). */
  readonly region?: string | undefined;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly phone?: string | undefined;
}

export interface OrderLine {
  /** `line_…` */
  readonly id: string;
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly discount: Money;
  /** Basis points: 2000 = 20 %. */
  readonly taxRateBasisPoints: number;
  readonly tax: Money;
  /** quantity × unit price − discount + tax. */
  readonly total: Money;
  readonly returnedQuantity: number;
}

export interface StatusChange {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  /** `usr_…`, `key_…`, or `system:<component>` (the workflow, a carrier's tracking webhook). */
  readonly actor: string;
  readonly reason: string;
  readonly at: Date;
}

/** One entry of an order's timeline: status changes, payments, shipments, tracking, refunds, returns, notes. */
export interface TimelineEntry {
  readonly at: Date;
  readonly kind: 'status' | 'payment' | 'shipment' | 'tracking' | 'refund' | 'return' | 'note';
  readonly summary: string;
  readonly actor: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface Order {
  /** `ord_…` */
  readonly id: string;
  /** Per tenant, human: SO-000123. */
  readonly number: string;
  readonly status: OrderStatus;
  readonly channel: 'internal' | 'portal';
  /** The client user (`usr_…`) the order belongs to; the portal shows a client only theirs. */
  readonly customerId: string | null;
  readonly email: string;
  readonly shippingAddress: Address;
  readonly billingAddress: Address;
  readonly currency: string;
  readonly subtotal: Money;
  readonly discount: Money;
  readonly shipping: Money;
  readonly tax: Money;
  readonly total: Money;
  readonly refunded: Money;
  readonly lines: readonly OrderLine[];
  /** Optimistic concurrency and the If-Match of PUT /status. */
  readonly version: number;
  readonly placedAt: Date;
  readonly updatedAt: Date;
}

export interface OrderDetail extends Order {
  readonly history: readonly StatusChange[];
  readonly payments: readonly Payment[];
  readonly shipments: readonly Shipment[];
  readonly timeline: readonly TimelineEntry[];
}

/**
 * The one state machine's entry point for the other features of the module (shipping's tracking
 * webhook, the place-order workflow): moves an order under its lock, checks the transition, writes
 * the history row and the event. A transition the machine does not allow throws ORDERS_INVALID_TRANSITION
 * (409); the same transition asked twice (a replayed webhook) is a no-op returning the order.
 */
export interface OrderTransitions {
  transition(
    ctx: RequestContext,
    orderId: string,
    to: OrderStatus,
    input: { readonly reason: string; readonly expectedVersion?: number },
  ): Promise<Order>;
  /** The order as stored (for shipping: its address, lines, currency). */
  get(ctx: RequestContext, orderId: string): Promise<Order>;
}

// --- shipping -----------------------------------------------------------------------------------

export type CarrierName = 'simulator' | 'easypost';

export type ShipmentStatus =
  | 'label_created'
  | 'pre_transit'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'return_to_sender'
  | 'failure'
  | 'cancelled';

export interface ShippingRate {
  /** The carrier's rate id, to buy with. */
  readonly id: string;
  readonly carrier: string;
  readonly service: string;
  readonly price: Money;
  readonly deliveryDays: number | null;
}

export interface TrackingEvent {
  readonly status: ShipmentStatus;
  readonly message: string;
  readonly location: string | null;
  readonly at: Date;
}

export interface Shipment {
  /** `shp_…` */
  readonly id: string;
  readonly orderId: string;
  readonly carrier: CarrierName;
  /** The carrier company and service (USPS Priority). */
  readonly service: string;
  readonly trackingCode: string | null;
  readonly trackingUrl: string | null;
  readonly labelUrl: string | null;
  readonly status: ShipmentStatus;
  readonly cost: Money | null;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly events: readonly TrackingEvent[];
  readonly createdAt: Date;
  readonly shippedAt: Date | null;
  readonly deliveredAt: Date | null;
}

export interface ShipmentsService {
  /** Rates for an order's parcel from the tenant's carrier. */
  rates(ctx: RequestContext, orderId: string): Promise<ShippingRate[]>;
  /** Buys a label (a rate, or the cheapest), starts tracking; the order moves to PROCESSING if it was CONFIRMED. */
  create(
    ctx: RequestContext,
    orderId: string,
    input: { readonly rateId?: string; readonly lines?: readonly { lineId: string; quantity: number }[] },
  ): Promise<Shipment>;
  forOrder(ctx: RequestContext, orderId: string): Promise<Shipment[]>;
}

// --- customer statistics (the customers module's segments) ---------------------------------------

/**
 * What a client ordered, for segments ("ordered in the last 90 days and total > 500"). Counts every
 * order but CANCELLED ones (never paid); totals are per currency (never added across currencies)
 * and net of refunds.
 */
export interface CustomerOrderStats {
  readonly orderCount: number;
  /** Sum of totals minus refunds per currency, in minor units; currencies in alphabetical order. */
  readonly totals: readonly { readonly currency: string; readonly totalMinor: number }[];
  /** When the newest counted order was placed; null without one. */
  readonly lastOrderAt: Date | null;
}

export interface CustomerStatsQuery {
  /** The client accounts (`usr_…`) of one person; ids that are not `usr_…` are ignored. At most 1,000. */
  readonly userIds: readonly string[];
  /** Only orders placed at or after this moment. */
  readonly since?: Date | undefined;
}

/** `platform.modules.orders.customerStats`: orders' figures per client, for the customers module. */
export interface CustomerStatsService {
  /** The figures of one person, over all of their accounts together. */
  customerStats(ctx: RequestContext, query: CustomerStatsQuery): Promise<CustomerOrderStats>;
  /** The figures of each account on its own, in the order asked (zeros for one without orders): one query for a segment's members. */
  customerStatsMany(
    ctx: RequestContext,
    query: CustomerStatsQuery,
  ): Promise<(CustomerOrderStats & { readonly userId: string })[]>;
}
