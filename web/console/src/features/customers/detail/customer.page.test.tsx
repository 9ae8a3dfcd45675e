import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { customer, renderCustomersRoute } from '../customers.testing';

const jane = customer();
const path = `/api/v1/customers/${jane.id}`;

const timeline = {
  items: [
    {
      module: 'orders',
      kind: 'order',
      id: 'ord_2',
      at: '2026-11-30T15:00:00.000Z',
      summary: 'Order SB-1042 · 2 items · €84.00 · shipped',
      consolePath: '/orders/ord_2',
    },
    {
      module: 'calls',
      kind: 'call',
      id: 'call_1',
      at: '2026-11-30T09:30:00.000Z',
      summary: 'Inbound call · 4:05 · answered by Ann',
      consolePath: '/calls/call_1',
    },
    {
      module: 'notifications',
      kind: 'notification',
      id: 'ntf_1',
      at: '2026-11-02T08:00:00.000Z',
      summary: 'E-mail “Your order has shipped” delivered',
      consolePath: null,
    },
  ],
  errors: [{ module: 'conversations', message: 'The analysis store did not answer in time.' }],
  nextBefore: null,
};

function stubCustomer(extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/v1/privacy/classification': [404, { status: 404, code: 'NOT_FOUND' }],
    [`GET ${path}`]: [200, jane],
    [`GET ${path}/addresses`]: [
      200,
      {
        items: [
          {
            id: 'adr_1',
            name: 'Jane Smith',
            line1: '1 High Street',
            city: 'London',
            postalCode: 'N1 9GU',
            country: 'GB',
            createdAt: '2026-01-10T09:00:00.000Z',
          },
        ],
      },
    ],
    [`GET ${path}/consents`]: [
      200,
      {
        current: [{ purpose: 'marketing', granted: true, since: '2026-02-01T10:00:00.000Z' }],
        // oldest first, as the server keeps it: the console shows the newest first
        history: [
          {
            id: 'cns_2',
            purpose: 'marketing',
            granted: true,
            at: '2026-01-01T10:00:00.000Z',
            method: 'phone',
            source: null,
            withdrawnAt: '2026-01-20T10:00:00.000Z',
          },
          {
            id: 'cns_1',
            purpose: 'marketing',
            granted: true,
            at: '2026-02-01T10:00:00.000Z',
            method: 'portal',
            source: 'sign-up',
            withdrawnAt: null,
          },
        ],
      },
    ],
    [`GET ${path}/timeline`]: [200, timeline],
    ...extra,
  });
}

describe('customer page', () => {
  it('masks e-mail and phone until Show is pressed', async () => {
    signInAs(['customers:read']);
    stubCustomer();
    await renderCustomersRoute(`/customers/${jane.id}`);
    const profile = await screen.findByRole('region', { name: 'Profile' });
    expect(within(profile).getByText('j•••@example.com')).toBeTruthy();
    expect(within(profile).getByText('+44 •••• ••0123')).toBeTruthy();
    expect(within(profile).queryByText('jane@example.com')).toBeNull();
    // The name is not restricted by the fixed list.
    expect(screen.getByRole('heading', { level: 1, name: 'Jane Smith' })).toBeTruthy();

    const user = userEvent.setup();
    await user.click(within(profile).getByRole('button', { name: 'Show E-mail' }));
    expect(within(profile).getByText('jane@example.com')).toBeTruthy();
    // the phone stays masked until asked for too
    expect(within(profile).getByText('+44 •••• ••0123')).toBeTruthy();
    await user.click(within(profile).getByRole('button', { name: 'Hide E-mail' }));
    expect(within(profile).getByText('j•••@example.com')).toBeTruthy();
    // addresses and the consent history, newest first
    expect(screen.getByText('1 High Street')).toBeTruthy();
    const consents = screen.getByRole('table', { name: 'Consent history, newest first' });
    const rows = within(consents).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('Granted');
    expect(rows[2]?.textContent).toContain('Withdrawn');
  }, 60_000);

  it('masks what the classification marks restricted', async () => {
    signInAs(['customers:read']);
    stubCustomer({
      'GET /api/v1/privacy/classification': [
        200,
        {
          schemas: {
            customers: {
              customers: {
                name_sealed: { class: 'restricted', personal: true, field: 'nameSealed' },
                email_index: { class: 'confidential', personal: true, field: 'emailIndex' },
                phone_index: { class: 'restricted', personal: true, field: 'phoneIndex' },
              },
            },
          },
          maskedFields: ['nameSealed', 'phoneIndex'],
        },
      ],
    });
    await renderCustomersRoute(`/customers/${jane.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'J••• S•••' })).toBeTruthy();
    const profile = screen.getByRole('region', { name: 'Profile' });
    expect(within(profile).getByText('jane@example.com')).toBeTruthy();
    expect(within(profile).getByText('+44 •••• ••0123')).toBeTruthy();
  }, 60_000);

  it('shows the timeline by day, filtered by module, with links and the modules that failed', async () => {
    signInAs(['customers:read']);
    stubCustomer();
    await renderCustomersRoute(`/customers/${jane.id}`);
    const panel = await screen.findByRole('region', { name: 'Timeline' });
    await within(panel).findByText('Order SB-1042 · 2 items · €84.00 · shipped');
    // two days: 30 Nov (order and call), 2 Nov (notification)
    const days = within(panel).getAllByRole('heading', { level: 3 });
    expect(days).toHaveLength(2);
    expect(
      within(panel)
        .getByRole('link', { name: 'Open: Order SB-1042 · 2 items · €84.00 · shipped' })
        .getAttribute('href'),
    ).toBe('/orders/ord_2');
    expect(within(panel).getByText('Conversations could not answer')).toBeTruthy();
    expect(within(panel).getByText('The analysis store did not answer in time.')).toBeTruthy();

    const user = userEvent.setup();
    await user.selectOptions(within(panel).getByLabelText('Module'), 'calls');
    expect(within(panel).getByText('Inbound call · 4:05 · answered by Ann')).toBeTruthy();
    expect(within(panel).queryByText('Order SB-1042 · 2 items · €84.00 · shipped')).toBeNull();
    expect(within(panel).queryByText('Conversations could not answer')).toBeNull();
  }, 60_000);

  it('rectifies with If-Match, sends only what changed and puts the server’s errors on their fields', async () => {
    signInAs(['customers:read', 'customers:write']);
    const sent: { body: unknown; ifMatch: string | null }[] = [];
    stubCustomer({
      [`PATCH ${path}`]: async (request) => {
        sent.push({ body: await request.json(), ifMatch: request.headers.get('if-match') });
        return [
          422,
          {
            status: 422,
            code: 'CUSTOMERS_INVALID',
            detail: 'The profile was refused.',
            errors: [{ field: 'body.phone', message: 'is not a number that can be dialled' }],
          },
        ];
      },
    });
    await renderCustomersRoute(`/customers/${jane.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit profile' });
    const phone = within(dialog).getByLabelText(/Phone/);
    await user.clear(phone);
    await user.type(phone, '12345');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    // refused before sending: no country code
    expect(
      await within(dialog).findByText('A phone number with its country code, e.g. +44 7700 900123.'),
    ).toBeTruthy();
    expect(sent).toEqual([]);

    await user.clear(phone);
    await user.type(phone, '+44 7700 900999');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Is not a number that can be dialled.')).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([{ body: { phone: '+447700900999' }, ifMatch: '"4"' }]);
  }, 60_000);

  it('reloads the profile when someone changed it meanwhile', async () => {
    signInAs(['customers:read', 'customers:write']);
    let gets = 0;
    stubCustomer({
      [`GET ${path}`]: () => {
        gets += 1;
        return [200, jane];
      },
      [`PATCH ${path}`]: [
        412,
        { status: 412, code: 'CUSTOMERS_VERSION_MISMATCH', detail: 'Changed meanwhile.' },
      ],
    });
    await renderCustomersRoute(`/customers/${jane.id}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit profile' });
    await user.type(within(dialog).getByLabelText('Name'), ' Jr');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText(/Someone changed this profile meanwhile/)).toBeTruthy();
    await waitFor(() => expect(gets).toBe(2));
  }, 60_000);
});
