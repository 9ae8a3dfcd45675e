import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Schema } from '@/api/types';
import { setLocale } from '@/i18n';
import { signInAs, stubApi } from '@/test/render';
import { renderCallsRoute } from '../calls.testing';

const item = (overrides: Partial<Schema<'QuarantinedPayload'>> = {}): Schema<'QuarantinedPayload'> => ({
  id: 'qua_01hq000000000000000000000a',
  source: 'asterisk',
  reason: 'unknown disposition "MAYBE"',
  category: 'unknown_value',
  field: 'disposition',
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

    const row = (
      await screen.findByText('A value the connector does not know', { selector: '.plain-reason__label' })
    ).closest('tr') as HTMLElement;
    expect(asked[0]).toBe('?status=open&limit=50');
    // Plain words first, what to do next, the field; the connector's own sentence behind a disclosure.
    expect(within(row).getByText(/ask support to teach the connector/)).toBeTruthy();
    expect(within(row).getByText('Field: disposition')).toBeTruthy();
    const technical = within(row).getByText('unknown disposition "MAYBE"');
    expect(technical.closest('details')?.open).toBe(false);
    expect(within(row).getByText('Technical reason').tagName).toBe('SUMMARY');
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
    expect(await screen.findByText('No payloads match')).toBeTruthy();
  });

  it('filters by reason from the address, with a count per reason and the total', async () => {
    signInAs(['quarantine:manage']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/calls/quarantine': (request) => {
        asked.push(new URL(request.url).search);
        return [
          200,
          {
            items: [
              item({ category: 'unreadable_time', field: 'start', reason: 'unreadable start time ""' }),
            ],
            nextCursor: null,
          },
        ];
      },
      'GET /api/v1/calls/quarantine/summary': [
        200,
        {
          total: 9,
          categories: [
            { category: 'unreadable_time', count: 7 },
            { category: 'unknown_value', count: 2 },
          ],
        },
      ],
    });
    const { router } = await renderCallsRoute('/calls/quarantine?category=unreadable_time');
    expect(
      await screen.findByText('A date or time could not be read', { selector: '.plain-reason__label' }),
    ).toBeTruthy();
    expect(screen.getByText(/Check the connector’s time zone/)).toBeTruthy();
    expect(asked[0]).toBe('?status=open&category=unreadable_time&limit=50');
    expect(await screen.findByText('1 of 7 payloads')).toBeTruthy();
    const why = screen.getByLabelText('Why');
    expect(within(why).getByRole('option', { name: 'A value the connector does not know (2)' })).toBeTruthy();
    await userEvent.setup().selectOptions(why, '');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'open' }));
  });

  it('speaks German when the reader does', async () => {
    setLocale('de');
    try {
      signInAs(['quarantine:manage']);
      stubApi({ 'GET /api/v1/calls/quarantine': [200, { items: [item()], nextCursor: null }] });
      await renderCallsRoute('/calls/quarantine');
      expect(
        await screen.findByText('Ein Wert, den der Konnektor nicht kennt', {
          selector: '.plain-reason__label',
        }),
      ).toBeTruthy();
      expect(screen.getByText('Technischer Grund')).toBeTruthy();
    } finally {
      setLocale('en');
    }
  });
});
