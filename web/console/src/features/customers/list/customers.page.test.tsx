import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { customer, renderCustomersRoute } from '../customers.testing';

describe('customers list', () => {
  it('lists customers with e-mail and phone masked, and searches by the whole value', async () => {
    signInAs(['customers:read']);
    const searched: (string | null)[] = [];
    stubApi({
      'GET /api/v1/privacy/classification': [404, { status: 404, code: 'NOT_FOUND' }],
      'GET /api/v1/customers': (request) => {
        const q = new URL(request.url).searchParams.get('q');
        searched.push(q);
        return [200, { items: q ? [] : [customer()], nextCursor: null }];
      },
    });
    await renderCustomersRoute('/customers');
    const table = await screen.findByRole('table', { name: 'Customers' });
    expect(await within(table).findByText('j•••@example.com')).toBeTruthy();
    expect(within(table).getByText('+44 •••• ••0123')).toBeTruthy();
    expect(within(table).queryByText('jane@example.com')).toBeNull();
    expect(within(table).getByRole('link', { name: 'Jane Smith' })).toBeTruthy();

    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Find a customer' }), 'jane@example');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No customer matches “jane@example”')).toBeTruthy();
    // The empty state says why a part of an address finds nothing.
    expect(screen.getByText(/compares blind indexes/)).toBeTruthy();
    await waitFor(() => expect(searched).toContain('jane@example'));
  }, 60_000);

  it('is refused without customers:read', async () => {
    signInAs(['orders:read']);
    stubApi({});
    await renderCustomersRoute('/customers');
    expect(screen.getByRole('heading', { name: 'Your role does not include this page' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  }, 60_000);
});
