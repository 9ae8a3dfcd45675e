import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { dailySeries } from './DailyChart';
import { pricesAnswer, renderUsageRoute, usageAnswer } from './usage.testing';

const period = '/admin/usage?from=2024-05-01&to=2024-05-03';

describe('usage page', () => {
  beforeEach(() => {
    // Charts size themselves to their box; the simulated DOM lays nothing out.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const chart = this.classList.contains('recharts-responsive-container');
      return DOMRect.fromRect({ x: 0, y: 0, width: chart ? 800 : 120, height: chart ? 240 : 16 });
    });
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it('shows each meter of the period in the address with its quantity and cost, the total and a daily chart', async () => {
    signInAs(['metering:read']);
    const asked: Record<string, string>[] = [];
    stubApi({
      'GET /api/v1/metering/usage': (request) => {
        asked.push(Object.fromEntries(new URL(request.url).searchParams));
        return [200, usageAnswer];
      },
      'GET /api/v1/metering/prices': [200, pricesAnswer],
    });
    const { container } = await renderUsageRoute(period);

    const table = await screen.findByRole('table', { name: 'Meters' });
    const rows = within(table).getAllByRole('row');
    const row = (name: string) => rows.find((r) => r.textContent.includes(name));
    expect(row('Call records')?.textContent).toContain('1,200 record');
    expect(row('Call records')?.textContent).toContain('€1.20');
    expect(row('Audio minutes')?.textContent).toContain('90.5 minute');
    expect(row('Storage')?.textContent).toContain('area audio');
    expect(screen.getByTestId('usage-total').textContent).toBe('€4.51');
    expect(asked).toEqual([{ from: '2024-05-01', to: '2024-05-03' }]);
    expect(screen.getByRole('figure', { name: 'Per day' })).toBeTruthy();
    await waitFor(() =>
      expect(
        container.querySelectorAll('[data-testid=chart-usage-daily] .recharts-bar-rectangle').length,
      ).toBeGreaterThan(0),
    );
    // Read-only without metering:admin.
    expect(screen.getByText('Your role can see the prices but not change them.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save prices' })).toBeNull();
  });

  it('fills the days without use with zeros, and sums storage areas per day', () => {
    expect(dailySeries(usageAnswer, 'call_records')).toEqual([
      { day: '2024-05-01', quantity: 700 },
      { day: '2024-05-02', quantity: 0 },
      { day: '2024-05-03', quantity: 500 },
    ]);
    expect(dailySeries(usageAnswer, 'storage').map((p) => p.quantity)).toEqual([0.5, 0, 0]);
  });

  it('puts a reversed period right on the field, and the server’s refusal of a long one there too', async () => {
    signInAs(['metering:read']);
    stubApi({
      'GET /api/v1/metering/usage': (request) =>
        new URL(request.url).searchParams.get('from') === '2020-01-01'
          ? [
              400,
              {
                code: 'METERING_INVALID_PERIOD',
                status: 400,
                detail: 'querystring.to must be at most 366 days after from',
                errors: [{ field: 'querystring.to', message: 'must be at most 366 days after from' }],
              },
            ]
          : [200, usageAnswer],
      'GET /api/v1/metering/prices': [200, pricesAnswer],
    });
    const { router } = await renderUsageRoute(period);
    const user = userEvent.setup();
    const from = await screen.findByLabelText('From');
    await user.clear(from);
    await user.type(from, '2024-05-09');
    await user.click(screen.getByRole('button', { name: 'Show period' }));
    expect(await screen.findByText('The end must not be before the start.')).toBeTruthy();
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    expect(router.state.location.search).toEqual({ from: '2024-05-01', to: '2024-05-03' });

    await user.clear(from);
    await user.type(from, '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Show period' }));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ from: '2020-01-01', to: '2024-05-03' }),
    );
    expect(await screen.findByText('Must be at most 366 days after from.')).toBeTruthy();
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
  }, 15_000);

  it('saves the prices, and shows what the server refuses on the price it names', async () => {
    signInAs(['metering:read', 'metering:admin']);
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/metering/usage': [200, usageAnswer],
      'GET /api/v1/metering/prices': [200, pricesAnswer],
      'PUT /api/v1/metering/prices': async (request) => {
        const body = (await request.json()) as { prices: Record<string, string> };
        sent.push(body);
        // The fake server refuses what the page lets through: its limits are its own.
        return body.prices.orders === '12345'
          ? [
              400,
              {
                code: 'VALIDATION_FAILED',
                status: 400,
                detail: 'The request is not valid.',
                errors: [{ field: 'body.prices.orders', message: 'is more than an order may cost' }],
              },
            ]
          : [200, { ...pricesAnswer, updatedAt: '2024-05-04T10:00:00.000Z' }];
      },
    });
    await renderUsageRoute(period);
    const user = userEvent.setup();
    const orders = await screen.findByLabelText('Orders');

    // The page's own check: no request for a price that is no number.
    await user.clear(orders);
    await user.type(orders, 'cheap');
    await user.click(screen.getByRole('button', { name: 'Save prices' }));
    expect(
      await screen.findByText('Enter a price such as 0.0025: digits, a point, at most nine decimals.'),
    ).toBeTruthy();
    expect(orders.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(orders);
    expect(sent).toEqual([]);

    await user.clear(orders);
    await user.type(orders, '12345');
    await user.click(screen.getByRole('button', { name: 'Save prices' }));
    expect(await screen.findByText('Is more than an order may cost.')).toBeTruthy();
    expect(orders.getAttribute('aria-invalid')).toBe('true');

    // A decimal comma is read as a point; an emptied price is left out (it costs nothing).
    await user.clear(orders);
    await user.type(orders, '0,75');
    await user.clear(screen.getByLabelText('Audio minutes'));
    await user.click(screen.getByRole('button', { name: 'Save prices' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({ currency: 'EUR', prices: { call_records: '0.001', orders: '0.75' } });
    expect(await screen.findByText('Prices saved')).toBeTruthy();
  }, 20_000);

  it('downloads the cost-allocation report of the period as CSV', async () => {
    signInAs(['metering:read']);
    const exported: Record<string, string>[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:usage');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockReturnValue(undefined);
    stubApi({
      'GET /api/v1/metering/usage': [200, usageAnswer],
      'GET /api/v1/metering/prices': [200, pricesAnswer],
      'GET /api/v1/metering/report.csv': (request) => {
        exported.push(Object.fromEntries(new URL(request.url).searchParams));
        return [200, 'tenant_id,tenant_name\r\n'];
      },
    });
    await renderUsageRoute(period);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(exported).toEqual([{ from: '2024-05-01', to: '2024-05-03' }]));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
  });
});
