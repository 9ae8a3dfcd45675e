import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookEndpoint } from '@/api/types';
import { signInAs, stubApi } from '@/test/render';
import { renderAdminRoute } from '../admin.testing';

const endpoint = (overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: 'whe_01hq000000000000000000000a',
  url: 'https://crm.example.com/hooks/switchboard',
  description: 'CRM tickets',
  eventTypes: ['conversations.analysis.completed.v1'],
  enabled: true,
  secretRotatedAt: '2026-02-01T08:00:00.000Z',
  createdAt: '2026-02-01T08:00:00.000Z',
  updatedAt: '2026-02-01T08:00:00.000Z',
  ...overrides,
});
const delivery = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'whd_01hq000000000000000000000b',
  endpointId: endpoint().id,
  eventId: 'evt_01hq000000000000000000000c',
  eventType: 'conversations.analysis.completed.v1',
  state: 'dead',
  attempts: 8,
  nextAttemptAt: null,
  lastStatusCode: 503,
  lastError: 'the endpoint answered 503',
  lastResponseMs: 120,
  createdAt: '2026-02-01T08:00:00.000Z',
  updatedAt: '2026-02-01T09:00:00.000Z',
  ...overrides,
});
const offered = {
  items: [
    { type: 'calls.record.ingested.v1', description: 'A call record was stored.' },
    { type: 'conversations.analysis.completed.v1', description: 'A conversation was analysed.' },
  ],
};

describe('webhooks page', () => {
  it('adds an endpoint, puts the server’s refusal on the URL field, and shows the secret once', async () => {
    signInAs(['webhooks:manage']);
    let endpoints: WebhookEndpoint[] = [];
    let refusals = 1;
    const sent: unknown[] = [];
    stubApi({
      'GET /api/v1/webhooks/endpoints': () => [200, { items: endpoints }],
      'GET /api/v1/webhooks/event-types': [200, offered],
      'POST /api/v1/webhooks/endpoints': async (request) => {
        const body = (await request.json()) as { url: string; eventTypes: string[] };
        sent.push(body);
        if (refusals-- > 0)
          return [
            400,
            {
              code: 'VALIDATION_FAILED',
              status: 400,
              detail: 'The request is not valid.',
              errors: [{ field: 'body.url', message: 'must use https' }],
            },
          ];
        endpoints = [endpoint({ url: body.url, eventTypes: body.eventTypes })];
        return [201, { ...endpoints[0], secret: 'whsec_c2VjcmV0LWZvci10ZXN0cw==' }];
      },
    });
    await renderAdminRoute('/admin/webhooks');
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Add endpoint' }));
    const dialog = await screen.findByRole('dialog');

    // Nothing chosen: the form says so on its fields and sends nothing.
    await events.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(within(dialog).getByText('Give the URL your receiver listens on.')).toBeTruthy();
    expect(within(dialog).getByText('Choose at least one event.')).toBeTruthy();
    expect(sent).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('URL'), {
      target: { value: 'http://crm.example.com/hooks' },
    });
    await events.click(
      await within(dialog).findByRole('checkbox', { name: /conversations\.analysis\.completed\.v1/ }),
    );
    await events.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText('Must use https.')).toBeTruthy();
    expect(within(dialog).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(within(dialog).getByLabelText('URL'), {
      target: { value: 'https://crm.example.com/hooks' },
    });
    await events.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_c2VjcmV0LWZvci10ZXN0cw==');
    expect(sent[1]).toEqual({
      url: 'https://crm.example.com/hooks',
      description: '',
      eventTypes: ['conversations.analysis.completed.v1'],
      enabled: true,
    });
    await events.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('https://crm.example.com/hooks')).toBeTruthy();
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  }, 15_000);

  it('shows the delivery log and sends a given-up delivery again', async () => {
    signInAs(['webhooks:manage']);
    let log = [delivery()];
    stubApi({
      'GET /api/v1/webhooks/endpoints': [200, { items: [endpoint()] }],
      [`GET /api/v1/webhooks/endpoints/${endpoint().id}/deliveries`]: () => [200, { items: log }],
      [`POST /api/v1/webhooks/deliveries/${delivery().id}/redeliver`]: () => {
        log = [delivery({ state: 'pending', attempts: 0 })];
        return [202, log[0]];
      },
    });
    await renderAdminRoute('/admin/webhooks');
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'Delivery log' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('Given up')).toBeTruthy();
    expect(within(dialog).getByText('503 in 120 ms')).toBeTruthy();
    expect(within(dialog).getByText('the endpoint answered 503')).toBeTruthy();
    await events.click(within(dialog).getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(within(dialog).getByText('Waiting')).toBeTruthy());
    expect(within(dialog).queryByRole('button', { name: 'Send again' })).toBeNull();
  });

  it('makes a new secret only after asking, and shows it once', async () => {
    signInAs(['webhooks:manage']);
    stubApi({
      'GET /api/v1/webhooks/endpoints': [200, { items: [endpoint()] }],
      [`POST /api/v1/webhooks/endpoints/${endpoint().id}/rotate-secret`]: [
        200,
        { ...endpoint(), secret: 'whsec_bmV3LXNlY3JldA==' },
      ],
    });
    await renderAdminRoute('/admin/webhooks');
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: 'New secret' }));
    expect(await screen.findByText('Give this endpoint a new signing secret?')).toBeTruthy();
    await events.click(screen.getByRole('button', { name: 'Make a new secret' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toBe('whsec_bmV3LXNlY3JldA==');
  });
});
