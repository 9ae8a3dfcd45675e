import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { renderNotificationsRoute } from '../notifications.testing';

const templates = [
  {
    id: 'tpl_1',
    type: 'order.created',
    channel: 'email',
    language: 'en',
    subject: 'New order {{orderNumber}}',
    body: 'Hello {{recipientName}}, {{customerEmail}} placed {{orderNumber}}.',
    variables: ['orderNumber', 'customerEmail', 'recipientName', 'total'],
    updatedAt: '2026-11-01T10:00:00.000Z',
  },
  {
    id: 'tpl_2',
    type: 'order.created',
    channel: 'email',
    language: 'de',
    subject: 'Neue Bestellung {{orderNumber}}',
    body: 'Hallo',
    updatedAt: '2026-11-01T10:00:00.000Z',
  },
];

describe('notification templates', () => {
  it('lists by type, channel and language, and edits with the variables listed and a preview', async () => {
    signInAs(['notifications:read', 'notifications:configure']);
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/notification-templates': [200, { items: templates }],
      'PUT /api/v1/notification-templates/tpl_1': async (request) => {
        sent.push(await request.json());
        return [200, templates[0]];
      },
    });
    await renderNotificationsRoute('/notifications/templates');
    const table = await screen.findByRole('table', { name: 'Templates' });
    await within(table).findByText('New order {{orderNumber}}');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Language'), 'de');
    expect(within(table).queryByText('New order {{orderNumber}}')).toBeNull();
    expect(within(table).getByText('Neue Bestellung {{orderNumber}}')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Language'), '');

    await user.click(within(table).getByRole('button', { name: 'Edit New order, E-mail, en' }));
    const dialog = await screen.findByRole('dialog', { name: 'Template' });
    // the type's variables, including one the text does not use yet
    for (const name of ['orderNumber', 'customerEmail', 'recipientName', 'total'])
      expect(within(dialog).getByRole('button', { name: `Insert {{${name}}}` })).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Sample value of orderNumber'), 'SO-000123');
    const preview = within(dialog).getByTestId('template-preview');
    expect(preview.textContent).toContain('New order SO-000123');
    expect(preview.textContent).toContain('{{customerEmail}} placed SO-000123.');

    const body = within(dialog).getByLabelText<HTMLTextAreaElement>('Body');
    body.setSelectionRange(body.value.length, body.value.length);
    await user.click(within(dialog).getByRole('button', { name: 'Insert {{total}}' }));
    expect(body.value).toBe('Hello {{recipientName}}, {{customerEmail}} placed {{orderNumber}}.{{total}}');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          type: 'order.created',
          channel: 'email',
          language: 'en',
          subject: 'New order {{orderNumber}}',
          body: 'Hello {{recipientName}}, {{customerEmail}} placed {{orderNumber}}.{{total}}',
        },
      ]),
    );
  }, 60_000);

  it('creates one and shows the server’s refusal on its field', async () => {
    signInAs(['notifications:read', 'notifications:configure']);
    stubApi({
      'GET /api/v1/notification-templates': [200, { items: [] }],
      'POST /api/v1/notification-templates': [
        400,
        {
          status: 400,
          detail: 'Invalid',
          errors: [{ field: 'body.body', message: 'uses {{unknown}}, which this type does not supply' }],
        },
      ],
    });
    await renderNotificationsRoute('/notifications/templates');
    expect(await screen.findByText('No templates')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New template' }));
    const dialog = await screen.findByRole('dialog', { name: 'New template' });
    await user.type(within(dialog).getByLabelText('Subject'), 'Hi');
    await user.type(within(dialog).getByLabelText('Body'), 'Hello {{{{unknown}}');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(
      await within(dialog).findByText('Uses {{unknown}}, which this type does not supply.'),
    ).toBeTruthy();
    expect(within(dialog).getByLabelText('Body').getAttribute('aria-invalid')).toBe('true');
  }, 60_000);

  it('is refused without notifications:configure', async () => {
    signInAs(['notifications:read']);
    stubApi({});
    await renderNotificationsRoute('/notifications/templates');
    expect(screen.getByRole('heading', { name: 'Your role does not include this page' })).toBeTruthy();
  }, 60_000);
});
