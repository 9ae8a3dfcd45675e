import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { daysFromNow, dsr, renderPrivacyRoute } from '../privacy.testing';

const queue = [
  dsr({ id: 'dsr_later', kind: 'access', dueAt: daysFromNow(20), subject: 'a•••@example.com' }),
  dsr({
    id: 'dsr_overdue',
    kind: 'erasure',
    status: 'verifying',
    dueAt: daysFromNow(-3),
    subject: '+44 •••• ••0123',
  }),
  dsr({ id: 'dsr_soon', kind: 'restriction', dueAt: daysFromNow(5) }),
  dsr({
    id: 'dsr_done',
    kind: 'access',
    status: 'completed',
    dueAt: daysFromNow(2),
    completedAt: daysFromNow(-1),
  }),
];

describe('data-subject request queue', () => {
  it('shows open requests soonest deadline first, overdue ones highlighted', async () => {
    signInAs(['privacy:requests']);
    stubApi({ 'GET /api/v1/privacy/requests': [200, { items: queue }] });
    await renderPrivacyRoute('/privacy/requests');
    const table = await screen.findByRole('table', { name: 'Data-subject requests, soonest deadline first' });
    await within(table).findByText('dsr_overdue');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('link')[0]?.textContent)).toEqual([
      'dsr_overdue',
      'dsr_soon',
      'dsr_later',
    ]);
    expect(rows[0]?.textContent).toContain('Overdue by 3 days');
    expect(
      within(rows[0] as HTMLElement)
        .getByText('Overdue by 3 days')
        .closest('.badge')?.className,
    ).toContain('badge--danger');
    expect(rows[1]?.textContent).toContain('Due in 5 days');
    expect(
      within(rows[1] as HTMLElement)
        .getByText('Due in 5 days')
        .closest('.badge')?.className,
    ).toContain('badge--warning');
    expect(rows[2]?.textContent).toContain('Due in 20 days');
    expect(screen.getByText('1 overdue')).toBeTruthy();
    // completed ones are not in the open queue
    expect(within(table).queryByText('dsr_done')).toBeNull();
  }, 60_000);

  it('filters by status (asked of the API) and kind (filtered here) through the address', async () => {
    signInAs(['privacy:requests']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/privacy/requests': (request) => {
        asked.push(new URL(request.url).search);
        return [200, { items: queue }];
      },
    });
    const { router } = await renderPrivacyRoute('/privacy/requests');
    await screen.findByText('dsr_overdue');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Status'), 'completed');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'completed' }));
    expect(await screen.findByText('dsr_done')).toBeTruthy();
    expect(screen.queryByText('dsr_overdue')).toBeNull();
    await user.selectOptions(screen.getByLabelText('Kind'), 'erasure');
    await waitFor(() => expect(asked).toContain('?status=completed'));
    expect(await screen.findByText('No request matches these filters')).toBeTruthy();
  }, 60_000);

  it('records a request on behalf of a customer opened from their page', async () => {
    signInAs(['privacy:requests']);
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/privacy/requests': [200, { items: [] }],
      'POST /api/v1/privacy/requests': async (request) => {
        sent.push(await request.json());
        return [201, dsr({ id: 'dsr_new' })];
      },
      'GET /api/v1/privacy/requests/dsr_new': [200, dsr({ id: 'dsr_new' })],
    });
    const { router } = await renderPrivacyRoute('/privacy/requests?customerId=cus_01jf000000000000000000001');
    const dialog = await screen.findByRole('dialog', { name: 'New data-subject request' });
    expect(within(dialog).getByLabelText<HTMLInputElement>(/Customer id/).value).toBe(
      'cus_01jf000000000000000000001',
    );
    const user = userEvent.setup();
    await user.selectOptions(within(dialog).getByLabelText('Kind'), 'erasure');
    await user.selectOptions(within(dialog).getByLabelText('Received by'), 'phone');
    await user.type(within(dialog).getByLabelText(/Note/), 'Asked on the phone to delete everything.');
    await user.click(within(dialog).getByRole('button', { name: 'Record request' }));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          kind: 'erasure',
          channel: 'phone',
          customerId: 'cus_01jf000000000000000000001',
          note: 'Asked on the phone to delete everything.',
        },
      ]),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/privacy/requests/dsr_new'));
  }, 60_000);

  it('asks for a subject before sending', async () => {
    signInAs(['privacy:requests']);
    const fetch = stubApi({ 'GET /api/v1/privacy/requests': [200, { items: [] }] });
    await renderPrivacyRoute('/privacy/requests');
    expect(await screen.findByText('No open requests')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New request' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Record request' }));
    expect(
      await within(dialog).findByText('Name the customer, or give an e-mail address or a phone number.'),
    ).toBeTruthy();
    expect(fetch.mock.calls.some(([r]) => r.method === 'POST')).toBe(false);
  }, 60_000);
});
