import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { orderDetail, renderOrdersRoute } from '../orders.testing';

const order = orderDetail();
const path = `/api/v1/orders/${order.id}`;

async function openRefund() {
  await renderOrdersRoute(`/orders/${order.id}`);
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Refund' }));
  const dialog = await screen.findByRole('dialog', { name: 'Refund SO-000123' });
  return { user, dialog };
}

describe('refund dialog', () => {
  it('shows the most that can be refunded and refuses more before sending', async () => {
    signInAs(['orders:read', 'orders:write', 'payments:refund']);
    const sent: unknown[] = [];
    stubApi({
      [`GET ${path}`]: [200, order],
      [`POST ${path}/refunds`]: async (request) => {
        sent.push(await request.json());
        return [200, { ...order, refunded: { amountMinor: 3_495, currency: 'EUR' } }];
      },
    });
    const { user, dialog } = await openRefund();
    // total 124.95 − refunded 24.95
    expect(within(dialog).getAllByText('At most €100.00 can be refunded.').length).toBeGreaterThan(0);
    const amount = within(dialog).getByLabelText('Amount (EUR)');
    await user.type(amount, '100.01');
    await user.type(within(dialog).getByLabelText('Reason'), 'Damaged');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));
    await waitFor(() => expect(amount.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(amount);
    expect(sent).toEqual([]);

    await user.clear(amount);
    await user.type(amount, '10,00');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));
    await waitFor(() => expect(sent).toEqual([{ amountMinor: 1000, reason: 'Damaged' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  }, 60_000);

  it('puts the server’s field errors on the fields', async () => {
    signInAs(['orders:read', 'orders:write', 'payments:refund']);
    stubApi({
      [`GET ${path}`]: [200, order],
      [`POST ${path}/refunds`]: [
        422,
        {
          type: 'about:blank',
          title: 'Unprocessable',
          status: 422,
          code: 'PAYMENTS_REFUND_EXCEEDS_CAPTURED',
          detail: 'The refund is more than was captured.',
          errors: [
            { field: 'body.amountMinor', message: 'exceeds the captured 5000' },
            { field: 'body.reason', message: 'must not contain control characters' },
          ],
        },
      ],
    });
    const { user, dialog } = await openRefund();
    await user.type(within(dialog).getByLabelText('Amount (EUR)'), '60');
    await user.type(within(dialog).getByLabelText('Reason'), 'Damaged');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));
    expect(await within(dialog).findByText('Exceeds the captured 5000.')).toBeTruthy();
    expect(within(dialog).getByText('Must not contain control characters.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Amount (EUR)').getAttribute('aria-invalid')).toBe('true');
  }, 60_000);

  it('refunds quantities of lines, each held to what was bought', async () => {
    signInAs(['orders:read', 'orders:write', 'payments:refund']);
    const sent: unknown[] = [];
    stubApi({
      [`GET ${path}`]: [200, order],
      [`POST ${path}/refunds`]: async (request) => {
        sent.push(await request.json());
        return [200, order];
      },
    });
    const { user, dialog } = await openRefund();
    await user.click(within(dialog).getByRole('radio', { name: 'Items' }));
    const mugs = within(dialog).getByLabelText('Quantity of Mug (at most 2)');
    await user.type(mugs, '3');
    await user.type(within(dialog).getByLabelText('Reason'), 'Broken');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));
    expect(await within(dialog).findByText('A whole number from 0 to 2.')).toBeTruthy();
    expect(sent).toEqual([]);
    await user.clear(mugs);
    await user.type(mugs, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));
    await waitFor(() =>
      expect(sent).toEqual([{ lines: [{ lineId: 'line_1', quantity: 2 }], reason: 'Broken' }]),
    );
  }, 60_000);

  it('is not offered without payments:refund; a stale status change shows the server’s words', async () => {
    signInAs(['orders:read', 'orders:write']);
    stubApi({
      [`GET ${path}`]: [200, order],
      [`PUT ${path}/status`]: (request) => {
        expect(request.headers.get('if-match')).toBe('"3"');
        return [
          409,
          {
            status: 409,
            code: 'ORDERS_CONCURRENT_CHANGE',
            detail: 'The order changed meanwhile (version 4).',
          },
        ];
      },
    });
    await renderOrdersRoute(`/orders/${order.id}`);
    expect(await screen.findByRole('button', { name: 'Change status' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refund' })).toBeNull();
    // the timeline, newest first, with its reason
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    const entries = within(timeline).getAllByRole('listitem');
    expect(entries[0]?.textContent).toContain('Reason: Damaged mug');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Reason'), 'Picked');
    await user.click(within(dialog).getByRole('button', { name: 'Change status' }));
    expect(await within(dialog).findByText('The order changed meanwhile (version 4).')).toBeTruthy();
  }, 60_000);
});
