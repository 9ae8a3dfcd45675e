import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { apiQuery, ordersSearch, viewFilters } from './orders.search';
import { orderSummary, renderOrdersRoute } from './orders.testing';

describe('orders board filters and the address', () => {
  it('reads what is well formed from the address and drops the rest', () => {
    expect(
      ordersSearch({
        status: 'SHIPPED,NOPE,PENDING',
        placedFrom: '2026-12-01',
        placedTo: '2026-02-30',
        totalMin: '1999',
        totalMax: '12.5',
        currency: 'eur',
        email: '  zoe@example.test ',
        sku: 'x'.repeat(101),
        layout: 'columns',
      }),
    ).toEqual({
      status: 'SHIPPED,PENDING',
      placedFrom: '2026-12-01',
      totalMin: 1999,
      email: 'zoe@example.test',
      layout: 'columns',
    });
  });

  it('round-trips: address → saved-view filters → address', () => {
    const search = ordersSearch({ status: 'PENDING', totalMin: '1999', currency: 'USD', number: 'SO-1' });
    expect(ordersSearch(viewFilters(search))).toEqual(search);
    const query = apiQuery(search);
    expect(query).toEqual({ status: 'PENDING', totalMin: 1999, number: 'SO-1' });
  });

  it('puts the applied filters in the address, amounts as exact minor units, and sends them to the API', async () => {
    signInAs(['orders:read']);
    const asked: URLSearchParams[] = [];
    stubApi({
      'GET /api/v1/orders': (request) => {
        asked.push(new URL(request.url).searchParams);
        return [200, { items: [orderSummary()], nextCursor: null }];
      },
      'GET /api/v1/orders/views': [200, { items: [] }],
    });
    const { router } = await renderOrdersRoute('/orders');
    expect(await screen.findByRole('link', { name: 'SO-000123' })).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getByText('€123.45')).toBeTruthy();

    const user = userEvent.setup();
    const filters = screen.getByRole('search', { name: 'Filter orders' });
    await user.click(within(filters).getByRole('checkbox', { name: 'Shipped' }));
    await user.click(within(filters).getByRole('checkbox', { name: 'Pending' }));
    await user.type(within(filters).getByLabelText('Total at least'), '19,99');
    await user.type(within(filters).getByLabelText('Total at most'), '0.29');
    await user.type(within(filters).getByLabelText('SKU'), 'MUG-1');
    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    // min > max is refused on the field, nothing applied
    expect(await within(filters).findByText('“At least” must not be more than “at most”.')).toBeTruthy();
    expect(router.state.location.search).toEqual({});

    await user.clear(within(filters).getByLabelText('Total at most'));
    await user.type(within(filters).getByLabelText('Total at most'), '100.10');
    await user.click(within(filters).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({
        status: 'PENDING,SHIPPED',
        totalMin: 1999,
        totalMax: 10010,
        currency: 'EUR',
        sku: 'MUG-1',
      }),
    );
    await waitFor(() => expect(asked.at(-1)?.get('totalMax')).toBe('10010'));
    const last = asked.at(-1);
    expect(last?.get('status')).toBe('PENDING,SHIPPED');
    expect(last?.get('totalMin')).toBe('1999');
    expect(last?.get('sku')).toBe('MUG-1');
    expect(last?.has('currency')).toBe(false);

    // The form shows the address again (as decimals) after the page re-reads it.
    const again = screen.getByRole('search', { name: 'Filter orders' });
    expect(within(again).getByLabelText<HTMLInputElement>('Total at most').value).toBe('100.10');
    expect(within(again).getByRole<HTMLInputElement>('checkbox', { name: 'Shipped' }).checked).toBe(true);
  }, 60_000);

  it('saves the current filters as a view and opens a saved view', async () => {
    signInAs(['orders:read']);
    const saved: unknown[] = [];
    stubApi({
      'GET /api/v1/orders': [200, { items: [], nextCursor: null }],
      'GET /api/v1/orders/views': [
        200,
        {
          items: [
            {
              id: 'view_1',
              name: 'Big ones',
              filters: { totalMin: '100000' },
              createdAt: '2026-12-01T00:00:00Z',
            },
          ],
        },
      ],
      'POST /api/v1/orders/views': async (request) => {
        saved.push(await request.json());
        return [
          201,
          {
            id: 'view_2',
            name: 'Pending',
            filters: { status: 'PENDING' },
            createdAt: '2026-12-02T00:00:00Z',
          },
        ];
      },
    });
    const { router } = await renderOrdersRoute('/orders?status=PENDING');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save view' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Name the view.')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Name'), 'Pending');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([{ name: 'Pending', filters: { status: 'PENDING' } }]));

    await user.selectOptions(await screen.findByLabelText('Saved view'), 'Big ones');
    await waitFor(() => expect(router.state.location.search).toEqual({ totalMin: 100000 }));
  }, 60_000);
});
