import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { renderNotificationsRoute } from '../notifications.testing';

describe('notification preferences', () => {
  it('saves type × channel choices and quiet hours, and shows the server’s refusal on its field', async () => {
    signInAs(['notifications:read']);
    const sent: {
      channels: Record<string, Record<string, boolean>>;
      quietHours: unknown;
      language: string | null;
      phone: string | null;
    }[] = [];
    let refuse = true;
    stubApi({
      'GET /api/v1/notifications/preferences': [
        200,
        {
          // the server's shape: per type (or `*`), the channels chosen; the rest are its defaults
          channels: { 'order.created': { email: false }, '*': { sms: false } },
          quietHours: null,
          language: 'en',
          phone: '+447700900123',
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
    expect((email as HTMLInputElement).checked).toBe(false);
    // by default: in the console and by e-mail, no SMS
    const paymentMail = within(table).getByRole('checkbox', { name: 'Payment failed by E-mail' });
    expect((paymentMail as HTMLInputElement).checked).toBe(true);
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
    expect(first?.channels['payment.failed']).toEqual({ in_app: true, email: true, sms: true });
    expect(first?.channels['order.created']).toEqual({ in_app: true, email: false, sms: false });
    expect(first?.channels['*']).toEqual({ sms: false });
    // what the console does not edit goes back as it came
    expect(first?.language).toBe('en');
    expect(first?.phone).toBe('+447700900123');

    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(await screen.findByText('Preferences saved')).toBeTruthy();
  }, 60_000);
});
