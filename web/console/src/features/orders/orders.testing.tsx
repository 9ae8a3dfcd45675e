import { renderFeatureRoute } from '@/kit/route-testing';
import type { OrderDetail, OrderSummary } from './orders.api';
import { ordersRoutes } from './routes';

/** Test-only: the orders pages under a memory router, as the console mounts them. */
export function renderOrdersRoute(path: string) {
  return renderFeatureRoute(ordersRoutes, path);
}

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

export function orderSummary(overrides: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id: 'ord_01jf0000000000000000000001',
    number: 'SO-000123',
    status: 'CONFIRMED',
    channel: 'internal',
    customerId: null,
    email: 'zoe@example.test',
    currency: 'EUR',
    total: eur(12_345),
    refunded: eur(0),
    lineCount: 2,
    itemCount: 3,
    placedAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

const address = {
  name: 'Zoë Müller',
  line1: 'Hauptstraße 1',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

export function orderDetail(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: 'ord_01jf0000000000000000000001',
    number: 'SO-000123',
    status: 'CONFIRMED',
    channel: 'internal',
    customerId: null,
    email: 'zoe@example.test',
    shippingAddress: address,
    billingAddress: address,
    currency: 'EUR',
    subtotal: eur(10_000),
    discount: eur(0),
    shipping: eur(500),
    tax: eur(1_995),
    total: eur(12_495),
    refunded: eur(2_495),
    lines: [
      {
        id: 'line_1',
        productId: 'prod_1',
        sku: 'MUG-1',
        name: 'Mug',
        quantity: 2,
        unitPrice: eur(2_500),
        discount: eur(0),
        taxRateBasisPoints: 1900,
        tax: eur(950),
        total: eur(5_950),
        returnedQuantity: 0,
      },
      {
        id: 'line_2',
        productId: 'prod_2',
        sku: 'TEE-1',
        name: 'T-shirt',
        quantity: 1,
        unitPrice: eur(5_000),
        discount: eur(0),
        taxRateBasisPoints: 1900,
        tax: eur(950),
        total: eur(5_950),
        returnedQuantity: 0,
      },
    ],
    version: 3,
    placedAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:05:00.000Z',
    history: [],
    payments: [],
    shipments: [],
    timeline: [
      { at: '2026-12-01T09:00:00.000Z', kind: 'status', summary: 'Placed', actor: 'usr_ann', detail: {} },
      {
        at: '2026-12-01T09:05:00.000Z',
        kind: 'refund',
        summary: 'Refunded €24.95',
        actor: 'usr_ann',
        detail: { reason: 'Damaged mug' },
      },
    ],
    ...overrides,
  };
}
