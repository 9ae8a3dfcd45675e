import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { renderOrdersRoute } from '../orders.testing';

describe('order analytics', () => {
  // recharts is a large module: load the page's chunk before the router waits for it (the suite shares two cores).
  beforeAll(async () => {
    await import('./analytics.page');
  }, 30_000);

  it('asks for the period, currency and zone of the address and shows the figures', async () => {
    signInAs(['orders:read']);
    const asked: URLSearchParams[] = [];
    stubApi({
      'GET /api/v1/orders/analytics': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [
          200,
          {
            currency: 'EUR',
            days: [
              { date: '2026-12-01', orders: 2, revenueMinor: 5_000, averageOrderValueMinor: 2_500 },
              { date: '2026-12-02', orders: 1, revenueMinor: 1_999, averageOrderValueMinor: 1_999 },
            ],
            totals: { orders: 3, revenueMinor: 6_999, refundedMinor: 0, averageOrderValueMinor: 2_333 },
            byStatus: { CONFIRMED: 2, SHIPPED: 1 },
            topProducts: [{ sku: 'MUG-1', name: 'Mug', quantity: 4, revenueMinor: 5_000 }],
            fulfilment: {
              shipped: 1,
              medianHoursToShip: 20.25,
              p90HoursToShip: 30,
              medianHoursToDeliver: null,
            },
          },
        ];
      },
    });
    await renderOrdersRoute(
      '/orders/analytics?from=2026-12-01&to=2026-12-07&currency=EUR&timeZone=Europe/Berlin',
    );
    expect(await screen.findByText('€69.99')).toBeTruthy();
    expect(asked[0]?.toString()).toBe('from=2026-12-01&to=2026-12-07&currency=EUR&timeZone=Europe%2FBerlin');
    const top = screen.getByRole('table', { name: 'Best-selling products of the period, by revenue' });
    expect(within(top).getByText('MUG-1')).toBeTruthy();
    expect(screen.getByText('20.3 h')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Revenue per day' })).toBeTruthy();
  }, 60_000);
});
