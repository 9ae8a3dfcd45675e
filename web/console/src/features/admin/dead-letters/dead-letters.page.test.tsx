import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DeadLetter } from '@/api/types';
import { signInAs, stubApi } from '@/test/render';
import { renderAdminRoute } from '../admin.testing';

const letter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  id: 'dlq_01hq000000000000000000000a',
  group: 'calls-transform',
  status: 'waiting',
  event: {
    id: '0190a000-0000-7000-8000-000000000001',
    type: 'calls.raw.kamailio.v1',
    tenantId: 'tenant-uuid',
    occurredAt: '2026-02-01T08:29:00.000Z',
    key: 'payload-1',
    data: { payloadId: '0190a000-0000-7000-8000-0000000000aa', source: 'kamailio', format: 'kamailio-json' },
  },
  error: 'OBJECTS_UNAVAILABLE: the archive bucket did not answer\n    at putMany (objects/s3.ts:120:11)',
  errorCode: 'OBJECTS_UNAVAILABLE',
  category: 'dependency_unavailable',
  deliveries: 8,
  failedAt: '2026-02-01T08:30:00.000Z',
  replayCount: 0,
  ...overrides,
});

describe('dead letters', () => {
  it('lists what waits in plain words, replays one, and then says all is well', async () => {
    signInAs(['bus:admin']);
    let waiting = [letter()];
    const asked: string[] = [];
    const fetch = stubApi({
      'GET /api/v1/bus/dead-letters': (request) => {
        asked.push(new URL(request.url).search);
        return [200, { items: waiting }];
      },
      [`POST /api/v1/bus/dead-letters/${letter().id}/replay`]: () => {
        waiting = [];
        return [202, letter({ status: 'replayed', replayCount: 1, replayedAt: '2026-02-01T09:00:00.000Z' })];
      },
    });
    await renderAdminRoute('/admin/dead-letters');

    const row = (await screen.findByText('OBJECTS_UNAVAILABLE: the archive bucket did not answer')).closest(
      'tr',
    ) as HTMLElement;
    expect(asked[0]).toBe('?limit=200');
    // The first line of the error only: the stack trace is for the details.
    expect(within(row).queryByText(/putMany/)).toBeNull();
    expect(within(row).getByText('calls-transform')).toBeTruthy();
    expect(within(row).getByText('calls.raw.kamailio.v1')).toBeTruthy();
    expect(within(row).getByText('8')).toBeTruthy();
    expect(within(row).getByText('Waiting')).toBeTruthy();
    // Why, in plain words, and what to do; the engineer's error behind a disclosure.
    expect(within(row).getByText('A service it needs was unavailable')).toBeTruthy();
    expect(within(row).getByText(/Once the storage, queue or provider is back, replay/)).toBeTruthy();
    expect(within(row).getByText('Technical error').tagName).toBe('SUMMARY');

    await userEvent.setup().click(within(row).getByRole('button', { name: /^Replay/ }));
    expect(await screen.findByText('Sent again')).toBeTruthy();
    expect(fetch.mock.calls.some(([request]) => request.method === 'POST')).toBe(true);
    expect(await screen.findByText('All is well: nothing is waiting')).toBeTruthy();
  }, 15_000);

  it('shows the whole error and what the event carries, and discards only after asking', async () => {
    signInAs(['bus:admin']);
    const discarded: string[] = [];
    stubApi({
      'GET /api/v1/bus/dead-letters': [200, { items: [letter()] }],
      [`POST /api/v1/bus/dead-letters/${letter().id}/discard`]: (request) => {
        discarded.push(request.url);
        return [
          200,
          letter({ status: 'discarded', discardedAt: '2026-02-01T09:00:00.000Z', discardedBy: 'usr_ann' }),
        ];
      },
    });
    await renderAdminRoute('/admin/dead-letters');
    const events = userEvent.setup();
    await events.click(
      await screen.findByRole('button', { name: /^Details of the calls\.raw\.kamailio\.v1 event/ }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('The last error').textContent).toContain(
      'at putMany (objects/s3.ts:120:11)',
    );
    expect(within(dialog).getByLabelText('What the event carries').textContent).toContain(
      '"format": "kamailio-json"',
    );
    expect(within(dialog).getByText('OBJECTS_UNAVAILABLE', { selector: 'dd' })).toBeTruthy();

    await events.click(within(dialog).getByRole('button', { name: 'Discard' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(discarded).toEqual([]);
    await events.click(within(confirm).getByRole('button', { name: 'Discard' }));
    expect(await screen.findByText('Dead letter discarded')).toBeTruthy();
    expect(discarded).toHaveLength(1);
  });

  it('shows the letters dealt with when asked, without actions on them', async () => {
    signInAs(['bus:admin']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/bus/dead-letters': (request) => {
        asked.push(new URL(request.url).search);
        return [
          200,
          {
            items: [
              letter({
                status: 'discarded',
                discardedAt: '2026-02-01T09:00:00.000Z',
                discardedBy: 'usr_ann',
              }),
            ],
          },
        ];
      },
    });
    await renderAdminRoute('/admin/dead-letters?status=all');
    const row = (await screen.findByText('Discarded')).closest('tr') as HTMLElement;
    expect(asked[0]).toBe('?limit=200&includeReplayed=true');
    expect(within(row).queryByRole('button', { name: /^Replay/ })).toBeNull();
  });

  it('says what went wrong, and offers a retry, when the list cannot be loaded', async () => {
    signInAs(['bus:admin']);
    stubApi({
      'GET /api/v1/bus/dead-letters': [
        503,
        { code: 'UNAVAILABLE', status: 503, detail: 'The database is not answering.' },
      ],
    });
    await renderAdminRoute('/admin/dead-letters');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is not answering.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('is refused to a role without bus:admin', async () => {
    signInAs(['users:read', 'audit:read']);
    const fetch = stubApi({});
    await renderAdminRoute('/admin/dead-letters');
    expect(await screen.findByText('Your role does not include this page')).toBeTruthy();
    await waitFor(() => expect(fetch).not.toHaveBeenCalled());
  });

  it('counts the waiting letters per reason and filters by one from the address', async () => {
    signInAs(['bus:admin']);
    const asked: string[] = [];
    stubApi({
      'GET /api/v1/bus/dead-letters': (request) => {
        asked.push(new URL(request.url).search);
        return [
          200,
          { items: [letter({ category: 'db_unavailable', error: 'connect ECONNREFUSED 10.0.0.5:5432' })] },
        ];
      },
      'GET /api/v1/bus/dead-letters/summary': [
        200,
        {
          total: 5,
          categories: [
            { category: 'db_unavailable', count: 3 },
            { category: 'timeout', count: 2 },
          ],
        },
      ],
    });
    const { router } = await renderAdminRoute('/admin/dead-letters?category=db_unavailable');
    const counts = await screen.findByRole('navigation', { name: 'Waiting, by reason' });
    expect(within(counts).getByRole('link', { name: 'The database was unavailable: 3' })).toBeTruthy();
    expect(asked[0]).toBe('?limit=200&category=db_unavailable');
    expect(await screen.findByText(/Once the database answers again/)).toBeTruthy();
    expect(screen.getByText('1 of 3 waiting')).toBeTruthy();
    await userEvent
      .setup()
      .click(within(counts).getByRole('link', { name: 'Took too long or never answered: 2' }));
    await waitFor(() =>
      expect(router.state.location.search).toEqual({ status: 'waiting', category: 'timeout' }),
    );
  }, 15_000);
});
