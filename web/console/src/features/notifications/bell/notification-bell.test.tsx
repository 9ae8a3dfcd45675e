import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { signInAs, stubApi } from '@/test/render';
import { eventStream, notification, renderNotificationsRoute, withResponses } from '../notifications.testing';

describe('notification bell', () => {
  it('counts unread notifications and adds one that arrives over the stream', async () => {
    signInAs(['notifications:read']);
    const stream = eventStream();
    const lastEventIds: (string | null)[] = [];
    // The server's count: the bell asks again after the stream opens and after each arrival.
    let unread = 2;
    const fetch = stubApi({
      'GET /api/v1/notifications/unread-count': () => [200, { count: unread }],
      'GET /api/v1/notifications': [200, { items: [notification()], nextCursor: null }],
    });
    withResponses(fetch, {
      'GET /api/v1/notifications/stream': (request) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return stream.response();
      },
    });
    await renderNotificationsRoute('/bell-test');
    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(within(bell).getByText('2')).toBeTruthy();
    await waitFor(() => expect(lastEventIds).toEqual([null]));

    unread = 3;
    stream.send(
      `id: ntf_2\nevent: notification\ndata: ${JSON.stringify(
        notification({ id: 'ntf_2', type: 'payment.failed', title: 'Payment failed for SO-000124' }),
      )}\n\n`,
    );
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeTruthy();
    // announced politely, for screen readers
    expect(screen.getByRole('status').textContent).toBe('New notification: Payment failed for SO-000124');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Notifications, 3 unread' }));
    const menu = await screen.findByRole('menu');
    const items = within(menu).getAllByRole('menuitem');
    expect(items[0]?.textContent).toContain('Payment failed for SO-000124');
    expect(items[1]?.textContent).toContain('New order SO-000123');
    expect(within(menu).getByRole('menuitem', { name: 'All notifications' })).toBeTruthy();
  }, 60_000);

  it('resumes the stream from the last event id it saw after it drops', async () => {
    signInAs(['notifications:read']);
    const streams = [eventStream(), eventStream()];
    const lastEventIds: (string | null)[] = [];
    let unread = 0;
    const fetch = stubApi({
      'GET /api/v1/notifications/unread-count': () => [200, { count: unread }],
      'GET /api/v1/notifications': [200, { items: [], nextCursor: null }],
    });
    withResponses(fetch, {
      'GET /api/v1/notifications/stream': (request) => {
        lastEventIds.push(request.headers.get('last-event-id'));
        return (streams[lastEventIds.length - 1] ?? eventStream()).response();
      },
    });
    await renderNotificationsRoute('/bell-test');
    await screen.findByRole('button', { name: 'Notifications' });
    // a short retry, so the test does not wait the default 3 s
    unread = 1;
    streams[0]?.send(`retry: 10\nid: ntf_7\ndata: ${JSON.stringify(notification({ id: 'ntf_7' }))}\n\n`);
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeTruthy();
    streams[0]?.close();
    await waitFor(() => expect(lastEventIds).toEqual([null, 'ntf_7']));
  }, 60_000);

  it('counts one that arrived after the first count and before the stream opened', async () => {
    signInAs(['notifications:read']);
    let unread = 0;
    let counted = () => {};
    const firstCount = new Promise<void>((resolve) => (counted = resolve));
    const fetch = stubApi({
      'GET /api/v1/notifications/unread-count': () => {
        counted();
        return [200, { count: unread }];
      },
      'GET /api/v1/notifications': [200, { items: [], nextCursor: null }],
    });
    withResponses(fetch, {
      // The stream opens after the bell has its first count, and one arrives in between: the
      // server starts the stream after the newest notification it has, so that one is never sent.
      'GET /api/v1/notifications/stream': async () => {
        await firstCount;
        await new Promise((resolve) => setTimeout(resolve, 50));
        unread = 1;
        return eventStream().response();
      },
    });
    await renderNotificationsRoute('/bell-test');
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeTruthy();
  }, 60_000);

  it('marks all read from the dropdown', async () => {
    signInAs(['notifications:read']);
    let count = 1;
    const fetch = stubApi({
      'GET /api/v1/notifications/unread-count': () => [200, { count }],
      'GET /api/v1/notifications': [200, { items: [notification()], nextCursor: null }],
      'POST /api/v1/notifications/read-all': () => {
        count = 0;
        return [200, { updated: 1 }];
      },
    });
    withResponses(fetch, { 'GET /api/v1/notifications/stream': () => eventStream().response() });
    await renderNotificationsRoute('/bell-test');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeTruthy();
  }, 60_000);

  it('is not shown without notifications:read', async () => {
    signInAs(['orders:read']);
    const fetch = stubApi({});
    await renderNotificationsRoute('/bell-test');
    expect(screen.queryByRole('button', { name: /Notifications/ })).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  }, 60_000);
});
