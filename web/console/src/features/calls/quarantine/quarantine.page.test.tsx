import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Schema } from '@/api/types';
import { signInAs, stubApi } from '@/test/render';
import { renderCallsRoute } from '../calls.testing';

const item = (overrides: Partial<Schema<'QuarantinedPayload'>> = {}): Schema<'QuarantinedPayload'> => ({
  id: 'qua_01hq000000000000000000000a',
  source: 'asterisk',
  reason: 'unknown disposition "MAYBE"',
  rawObjectKey: null,
  rawSha256: null,
  rawBytes: 214,
  options: {},
  receivedAt: '2024-01-27T16:00:00.000Z',
  status: 'open',
  replayAttempts: 0,
  lastReplayError: null,
  replayedAt: null,
  ...overrides,
});

describe('quarantine', () => {
  it('lists open payloads with their reasons, and replays one', async () => {
    signInAs(['calls:read', 'quarantine:manage']);
    let current = item();
    const asked: string[] = [];
    const fetch = stubApi({
      'GET /api/v1/calls/quarantine': (request) => {
        asked.push(new URL(request.url).search);
        return [200, { items: [current], nextCursor: null }];
      },
      [`POST /api/v1/calls/quarantine/${current.id}/replay`]: () => {
        current = item({ status: 'replayed', replayAttempts: 1, replayedAt: '2024-01-27T17:00:00.000Z' });
        return [
          200,
          { status: 'replayed', item: current, created: 1, updated: 0, unchanged: 0, callIds: ['call_x'] },
        ];
      },
    });
    await renderCallsRoute('/calls/quarantine');

    const row = (await screen.findByText('unknown disposition "MAYBE"')).closest('tr') as HTMLElement;
    expect(asked[0]).toBe('?status=open&limit=50');
    await userEvent.setup().click(within(row).getByRole('button', { name: /^Replay/ }));

    expect(await screen.findByText('Payload replayed')).toBeTruthy();
    expect(fetch.mock.calls.some(([request]) => request.method === 'POST')).toBe(true);
    await waitFor(() => expect(within(screen.getByRole('table')).getByText('Replayed')).toBeTruthy());
  });

  it('says why a replay failed when the payload still cannot be read', async () => {
    signInAs(['quarantine:manage']);
    const open = item();
    stubApi({
      'GET /api/v1/calls/quarantine': [200, { items: [open], nextCursor: null }],
      [`POST /api/v1/calls/quarantine/${open.id}/replay`]: [
        422,
        {
          code: 'CALLS_QUARANTINE_STILL_FAILING',
          status: 422,
          title: 'Unprocessable content',
          detail: 'The payload still cannot be normalised: unknown disposition "MAYBE"',
        },
      ],
    });
    await renderCallsRoute('/calls/quarantine');
    await userEvent.setup().click(await screen.findByRole('button', { name: /^Replay/ }));
    expect(await screen.findByText('Still cannot be read')).toBeTruthy();
    // Radix also announces the toast in a live region: look at the toast itself.
    expect(screen.getByText(/still cannot be normalised/, { selector: '.toast__description' })).toBeTruthy();
  });

  it('shows the payload only when asked (the view is audited)', async () => {
    signInAs(['quarantine:manage']);
    const open = item();
    const fetch = stubApi({
      'GET /api/v1/calls/quarantine': [200, { items: [open], nextCursor: null }],
      [`GET /api/v1/calls/quarantine/${open.id}/raw`]: [200, { not: 'a call' }],
    });
    await renderCallsRoute('/calls/quarantine');
    const events = userEvent.setup();
    await events.click(await screen.findByRole('button', { name: /^Details/ }));
    const dialog = await screen.findByRole('dialog');
    expect(fetch.mock.calls.some(([request]) => request.url.endsWith('/raw'))).toBe(false);
    await events.click(within(dialog).getByRole('button', { name: 'Show the payload' }));
    expect((await within(dialog).findByTestId('quarantine-payload')).textContent).toContain(
      '"not": "a call"',
    );
  });

  it('keeps the status filter in the address and says when nothing matches', async () => {
    signInAs(['quarantine:manage']);
    stubApi({ 'GET /api/v1/calls/quarantine': [200, { items: [], nextCursor: null }] });
    const { router } = await renderCallsRoute('/calls/quarantine');
    expect(await screen.findByText('Nothing in quarantine')).toBeTruthy();
    await userEvent.setup().selectOptions(screen.getByLabelText('Status'), 'replayed');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'replayed' }));
    expect(await screen.findByText('No replayed payloads match')).toBeTruthy();
  });
});
