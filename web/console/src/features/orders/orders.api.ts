import { jsonCall } from '@/kit/json-api';

/*
 * The orders API as the console reads it (API-ORDERS.md, src/modules/orders/contract.ts,
 * src/modules/payments/contract.ts), written by hand because the routes are built in parallel and
 * are not yet in schema.gen.ts.
 *
 * TODO(lead, after the merge): switch these types to the generated ones
 * (`Schema<'OrderSummary'>`, `paths['/api/v1/orders']…`) and the calls to the typed `api` client,
 * as campaigns.api.ts does. Keep this one file: every page of the feature imports only from here.
 */

// --- shapes (dates are ISO strings on the wire) ------------------------------------------------

export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export type OrderStatus =
  'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED';

export const orderStatuses: readonly OrderStatus[] = [
  'PENDING',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'REFUNDED',
];

export interface Address {
  readonly name: string;
  readonly company?: string | undefined;
  readonly line1: string;
  readonly line2?: string | undefined;
  readonly city: string;
  readonly region?: string | undefined;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string | undefined;
}

export interface OrderLine {
  readonly id: string;
  readonly productId: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  readonly discount: Money;
  readonly taxRateBasisPoints: number;
  readonly tax: Money;
  readonly total: Money;
  readonly returnedQuantity: number;
}

export interface StatusChange {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly actor: string;
  readonly reason: string;
  readonly at: string;
}

export type TimelineKind = 'status' | 'payment' | 'shipment' | 'tracking' | 'refund' | 'return' | 'note';

export interface TimelineEntry {
  readonly at: string;
  readonly kind: TimelineKind;
  readonly summary: string;
  readonly actor: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
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
  readonly placedAt: string;
  readonly updatedAt: string;
}

export interface Order {
  readonly id: string;
  readonly number: string;
  readonly status: OrderStatus;
  readonly channel: 'internal' | 'portal';
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
  readonly version: number;
  readonly placedAt: string;
  readonly updatedAt: string;
}

export type PaymentStatus =
  | 'pending'
  | 'requires_action'
  | 'authorized'
  | 'partially_captured'
  | 'captured'
  | 'partially_refunded'
  | 'refunded'
  | 'voided'
  | 'failed';

export interface PaymentTransaction {
  readonly id: string;
  readonly kind: 'authorize' | 'capture' | 'void' | 'refund';
  readonly amount: Money;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly gatewayReference: string | null;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly idempotencyKey: string;
  readonly createdAt: string;
  readonly settledAt: string | null;
}

export interface Payment {
  readonly id: string;
  readonly orderId: string;
  readonly gateway: 'simulator' | 'stripe' | 'paypal';
  readonly gatewayReference: string | null;
  readonly status: PaymentStatus;
  readonly amount: Money;
  readonly authorizedMinor: number;
  readonly capturedMinor: number;
  readonly refundedMinor: number;
  readonly method: {
    readonly type: string;
    readonly brand: string | null;
    readonly last4: string | null;
  } | null;
  readonly nextAction: { readonly type: '3ds' | 'approve'; readonly url: string } | null;
  readonly failureCode: string | null;
  readonly transactions: readonly PaymentTransaction[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

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
  readonly at: string;
}

export interface Shipment {
  readonly id: string;
  readonly orderId: string;
  readonly carrier: 'simulator' | 'easypost';
  readonly service: string;
  readonly trackingCode: string | null;
  readonly trackingUrl: string | null;
  readonly labelUrl: string | null;
  readonly status: ShipmentStatus;
  readonly cost: Money | null;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly events: readonly TrackingEvent[];
  readonly createdAt: string;
  readonly shippedAt: string | null;
  readonly deliveredAt: string | null;
}

export interface OrderDetail extends Order {
  readonly history: readonly StatusChange[];
  readonly payments: readonly Payment[];
  readonly shipments: readonly Shipment[];
  readonly timeline: readonly TimelineEntry[];
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** `GET /orders` query, as the API names it (amounts in minor units; lists comma-separated). */
export interface OrdersQuery {
  readonly status?: string | undefined;
  readonly customerId?: string | undefined;
  readonly email?: string | undefined;
  readonly number?: string | undefined;
  readonly placedFrom?: string | undefined;
  readonly placedTo?: string | undefined;
  readonly totalMin?: number | undefined;
  readonly totalMax?: number | undefined;
  readonly sku?: string | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

export interface OrderView {
  readonly id: string;
  readonly name: string;
  /** The list's query parameters (strings) as saved. */
  readonly filters: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface RefundInput {
  readonly amountMinor?: number;
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly reason: string;
  readonly shipping?: boolean;
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
  readonly createdAt: string;
}

export interface OrdersAnalyticsQuery {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly timeZone: string;
}

export interface OrdersAnalytics {
  readonly currency: string;
  readonly days: readonly {
    readonly date: string;
    readonly orders: number;
    readonly revenueMinor: number;
    readonly averageOrderValueMinor: number;
  }[];
  readonly totals: {
    readonly orders: number;
    readonly revenueMinor: number;
    readonly refundedMinor: number;
    readonly averageOrderValueMinor: number;
  };
  readonly byStatus: Readonly<Partial<Record<OrderStatus, number>>>;
  readonly topProducts: readonly {
    readonly sku: string;
    readonly name: string;
    readonly quantity: number;
    readonly revenueMinor: number;
  }[];
  readonly fulfilment: {
    readonly shipped: number;
    readonly medianHoursToShip: number | null;
    readonly p90HoursToShip: number | null;
    readonly medianHoursToDeliver: number | null;
  };
}

// --- the state machine as the console offers it (the server decides; a refusal is a 409) --------

/** Where an order may go by PUT /status (cancelling is DELETE, refunding its own dialog). */
export function nextStatuses(status: OrderStatus): readonly OrderStatus[] {
  switch (status) {
    case 'PENDING':
      return ['CONFIRMED'];
    case 'CONFIRMED':
      return ['PROCESSING'];
    case 'PROCESSING':
      return ['SHIPPED'];
    case 'SHIPPED':
      return ['DELIVERED'];
    case 'DELIVERED':
    case 'CANCELLED':
    case 'REFUNDED':
      return [];
  }
}

/** The default cancellable statuses (settings `cancellableStatuses`). */
export function isCancellable(status: OrderStatus): boolean {
  return status === 'PENDING' || status === 'CONFIRMED' || status === 'PROCESSING';
}

/** Money was taken and some of it is still refundable. */
export function refundableMinor(order: Order): number {
  if (order.status === 'PENDING' || order.status === 'CANCELLED') return 0;
  return Math.max(0, order.total.amountMinor - order.refunded.amountMinor);
}

/** The workflow or a carrier moves it on by itself: the detail page polls meanwhile. */
export function isLive(status: OrderStatus): boolean {
  return status === 'PENDING' || status === 'SHIPPED';
}

// --- calls ----------------------------------------------------------------------------------------

const base = '/api/v1/orders';

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const call = jsonCall;

const orderPath = (orderId: string) => `${base}/${encodeURIComponent(orderId)}`;

export const ordersApi = {
  list: (query: OrdersQuery, signal?: AbortSignal) =>
    call<Page<OrderSummary>>('GET', `${base}${queryString(query)}`, { signal }),
  get: (orderId: string, signal?: AbortSignal) => call<OrderDetail>('GET', orderPath(orderId), { signal }),
  changeStatus: (orderId: string, input: { status: OrderStatus; reason: string }, version?: number) =>
    call<Order>('PUT', `${orderPath(orderId)}/status`, {
      body: input,
      ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
    }),
  cancel: (orderId: string, reason: string) =>
    call<Order>('DELETE', `${orderPath(orderId)}${queryString({ reason })}`),
  refund: (orderId: string, input: RefundInput) =>
    call<OrderDetail>('POST', `${orderPath(orderId)}/refunds`, { body: input }),
  createReturn: (orderId: string, input: ReturnInput) =>
    call<OrderReturn>('POST', `${orderPath(orderId)}/returns`, { body: input }),
  shippingRates: (orderId: string, signal?: AbortSignal) =>
    call<{ items: readonly ShippingRate[] }>('GET', `${orderPath(orderId)}/shipping-rates`, { signal }),
  createShipment: (orderId: string, rateId?: string) =>
    call<Shipment>('POST', `${orderPath(orderId)}/shipments`, { body: rateId ? { rateId } : {} }),
  views: (signal?: AbortSignal) => call<{ items: readonly OrderView[] }>('GET', `${base}/views`, { signal }),
  saveView: (input: { name: string; filters: Record<string, string> }) =>
    call<OrderView>('POST', `${base}/views`, { body: input }),
  deleteView: (viewId: string) =>
    call<unknown>('DELETE', `${base}/views/${encodeURIComponent(viewId)}`).then(() => undefined),
  analytics: (query: OrdersAnalyticsQuery, signal?: AbortSignal) =>
    call<OrdersAnalytics>('GET', `${base}/analytics${queryString(query)}`, { signal }),
};

export const orderKeys = {
  all: ['orders'] as const,
  list: (query: object) => ['orders', 'list', query] as const,
  one: (orderId: string) => ['orders', 'one', orderId] as const,
  rates: (orderId: string) => ['orders', 'rates', orderId] as const,
  views: ['orders', 'views'] as const,
  analytics: (query: OrdersAnalyticsQuery) => ['orders', 'analytics', query] as const,
};
