import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { renderNotificationsRoute } from '../notifications.testing';

describe('notification preferences', () => {
  it('saves type × channel choices and quiet hours, and shows the server’s refusal on its field', async () => {
    signInAs(['notifications:read']);
    const sent: {
      preferences: { type: string; channel: string; enabled: boolean }[];
      quietHours: unknown;
    }[] = [];
    let refuse = true;
    stubApi({
      'GET /api/v1/notifications/preferences': [
        200,
        {
          preferences: [{ type: 'orders.order.created', channel: 'email', enabled: true }],
          quietHours: null,
        },
      ],
      'PUT /api/v1/notifications/preferences': async (request) => {
        const body = (await request.json()) as (typeof sent)[number];
        sent.push(body);
        if (refuse) {
          refuse = false;
          return [
            400,
            {
              status: 400,
              detail: 'Invalid',
              errors: [{ field: 'body.quietHours.timeZone', message: 'is not a time zone' }],
            },
          ];
        }
        return [200, body];
      },
    });
    await renderNotificationsRoute('/notifications/preferences');
    const table = await screen.findByRole('table', { name: 'Notification types by channel' });
    const email = within(table).getByRole('checkbox', { name: 'New order by E-mail' });
    expect((email as HTMLInputElement).checked).toBe(true);
    const user = userEvent.setup();
    await user.click(within(table).getByRole('checkbox', { name: 'Payment failed by SMS' }));
    await user.click(screen.getByRole('switch', { name: 'Hold e-mails and text messages at night' }));
    const zone = screen.getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Is not a time zone.')).toBeTruthy();
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    const first = sent[0];
    expect(first?.quietHours).toEqual({ start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' });
    expect(first?.preferences).toContainEqual({
      type: 'payments.payment.failed',
      channel: 'sms',
      enabled: true,
    });
    expect(first?.preferences).toContainEqual({
      type: 'orders.order.created',
      channel: 'email',
      enabled: true,
    });
    expect(first?.preferences).toContainEqual({
      type: 'orders.order.created',
      channel: 'sms',
      enabled: false,
    });

    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(await screen.findByText('Preferences saved')).toBeTruthy();
  }, 60_000);
});
